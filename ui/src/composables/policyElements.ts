// Editing the optional GB/T 9704 elements of a policy (份号, 密级, 主送机关, 版记 …). A cleared
// element is removed from the policy rather than left as "" / [] / {}: the core leaves empty
// elements out of the JSON (so old packs keep their content hash), and a 密级 without its level
// would not even be read back.

import type { Colophon, Policy, PortalMetadata, SecrecyLevel } from "../types/ipc";

/** The elements that are one string, empty when unset. */
export type TextElement = "copy_number" | "issuer_mark" | "addressee" | "annotation";
/** The elements that are a list of names, empty when unset. */
export type ListElement = "co_issuers" | "sign_off_by" | "signed_names";
/** The elements that are one choice, null when unset. */
export type ChoiceElement = "doc_type" | "forwarding" | "urgency";

/** Sets a text element; "" removes it. */
export function setText(policy: Policy, key: TextElement, value: string): void {
  if (value === "") delete policy[key];
  else policy[key] = value;
}

/** Sets a list element; [] removes it. */
export function setList(policy: Policy, key: ListElement, value: string[]): void {
  if (value.length === 0) delete policy[key];
  else policy[key] = value;
}

/** Sets a choice; null (the empty choice) removes it. */
export function setChoice<K extends ChoiceElement>(policy: Policy, key: K, value: NonNullable<Policy[K]> | null): void {
  if (value === null) delete policy[key];
  else policy[key] = value;
}

/** The value of a `<select>` as one of `options`, or null for the empty choice. */
export function choiceOf<T extends string>(value: string, options: readonly T[]): T | null {
  return (options as readonly string[]).includes(value) ? (value as T) : null;
}

/** Sets the 密级; null removes the whole 密级和保密期限 (never a 密级 without a level). */
export function setSecrecyLevel(policy: Policy, level: SecrecyLevel | null): void {
  if (level === null) {
    delete policy.secrecy;
    return;
  }
  const term = policy.secrecy?.term ?? "";
  policy.secrecy = term === "" ? { level } : { level, term };
}

/** Sets the 保密期限 of a set 密级; without a 密级 there is no term to set. */
export function setSecrecyTerm(policy: Policy, term: string): void {
  const secrecy = policy.secrecy;
  if (!secrecy) return;
  if (term === "") delete secrecy.term;
  else secrecy.term = term;
}

type Block = { colophon: Colophon; portal: PortalMetadata };

/**
 * Sets one field of the 版记 or of the 公开目录 metadata: "" or null removes the field, and a
 * block left with nothing set is removed with it.
 */
export function setBlockField<B extends keyof Block, K extends keyof Block[B]>(
  policy: Policy,
  block: B,
  key: K,
  value: Block[B][K] | "" | null,
): void {
  const current = (policy[block] ?? {}) as Record<PropertyKey, unknown>;
  if (value === "" || value === null || value === undefined) delete current[key];
  else current[key] = value;
  const empty = Object.values(current).every((v) => v === undefined || v === null || v === "");
  if (empty) delete policy[block];
  else if (policy[block] !== current) Object.assign(policy, { [block]: current });
}

/** How many of `keys` are set on the policy (for the summary of a folded group). */
export function countSet(policy: Policy, keys: readonly (keyof Policy)[]): number {
  return keys.filter((k) => {
    const v = policy[k];
    return v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);
  }).length;
}

/** Whether any field of the 版记 or the 公开目录 block is set. */
export function blockSet(value: Colophon | PortalMetadata | undefined): boolean {
  return value !== undefined && Object.values(value).some((v) => v !== undefined && v !== null && v !== "");
}
