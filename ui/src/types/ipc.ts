// Types crossing the Tauri IPC boundary.
//
// PLACEHOLDER: these are written by hand for now, mirroring the serde output of jiedu-core
// (crates/core/src/pack.rs, rules.rs, text.rs). They will be generated from the Rust types with
// ts-rs later; when that lands, this file is replaced and nothing else should need to change.

/** Where a pack stands in the workflow (`PackState`, snake_case). */
export type PackState = "drafting" | "submitted" | "returned" | "signed" | "deployed";

/** Every pack state, in workflow order. */
export const PACK_STATES: readonly PackState[] = [
  "drafting",
  "submitted",
  "returned",
  "signed",
  "deployed",
];

/** One row of the pack list. */
export interface PackSummary {
  id: string;
  title: string;
  state: PackState;
  unit_id: string;
  unit_name: string;
  revision: number;
  /** `sha256:` followed by 64 hex digits. */
  content_hash: string;
  /** RFC 3339 timestamp. */
  updated_at: string;
  /** Ids of the rules failing with blocking severity. */
  blocking_failures: string[];
}

/** A text in Chinese and English. */
export interface Bilingual {
  zh: string;
  en: string;
}

export type CheckStatus = "pass" | "fail" | "not_applicable";

export type Severity = "info" | "warning" | "blocking";

/** One problem found by a rule, pointing at the field to fix. */
export interface Finding {
  field: string;
  severity: string;
  message: Bilingual;
}

/** The result of one gate rule on one pack. */
export interface CheckItem {
  /** Stable rule id, e.g. `whoever-drafts-interprets`. */
  id: string;
  /** Rule number in DOMAIN.md (0 for form checks). */
  rule_no: number;
  title: Bilingual;
  status: CheckStatus;
  severity: Severity;
  field: string | null;
  message: Bilingual;
  findings: Finding[];
}

/** The checklist of a pack: one item per rule, in rule order. */
export interface Checklist {
  pack_id: string;
  content_hash: string;
  items: CheckItem[];
}

/**
 * An error returned by a command. The UI switches on `code`, never on `message`, which is
 * shown to the user as is.
 */
export interface IpcError {
  code: string;
  message: string;
  /** Path of the field concerned, when the error is about one. */
  field?: string;
}
