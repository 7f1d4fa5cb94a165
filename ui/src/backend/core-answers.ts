// What jiedu-core decides, for the in-memory mock backend only. The mock decides nothing
// itself: every answer about the gate rules, permissions and the workflow is looked up in
// fixtures/core-answers.json, which the Rust test src-tauri/src/core_fixtures.rs writes from the
// core (and fails on when it is stale). A content the core was never asked about is refused
// with `mock.no_core_answer` instead of being guessed at.

import answersJson from "./fixtures/core-answers.json";
import type {
  Action,
  Checklist,
  IpcError,
  Pack,
  PackContent,
  PackState,
  Policy,
  Role,
  RuleId,
  Step,
  StepAvailability,
  User,
} from "../types/ipc";

/** A refusal as the core words it: a stable code and the bilingual message. */
export interface Refusal {
  code: string;
  message: string;
}

interface ContentAnswers {
  /** The pack (or content fixture) the content came from. */
  pack: string;
  /** `"<state>|<signed>"`: the checklist in that state, signed over exactly this content or not. */
  checklists: Record<string, Checklist>;
  /** `"drafting"`, `"returned"`, and the same with `"|open"` when comments are still open. */
  submit_gate: Record<string, Refusal | null>;
  sign_gate: Refusal | null;
}

interface CoreAnswers {
  authorize: Record<string, Record<string, Record<string, Refusal | null>>>;
  transitions: Record<string, Record<string, PackState | Refusal>>;
  contents: Record<string, ContentAnswers>;
  deploy: { not_signed: Refusal; signature_stale: Refusal };
}

const answers = answersJson as unknown as CoreAnswers;

/** The regeneration command, for the messages that ask a developer to run it. */
export const REGENERATE_FIXTURES =
  "cd /work/main && JIEDU_UPDATE_FIXTURES=1 cargo test -q -p jiedu-app core_fixtures";

// --- the content hash (hash.rs), so contents can be looked up by the core's own key ------------

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

/** SHA-256 of `bytes` as 64 hex digits (synchronous, unlike Web Crypto). */
export function sha256Hex(bytes: Uint8Array): string {
  const bitLength = bytes.length * 8;
  const padded = new Uint8Array(Math.ceil((bytes.length + 9) / 64) * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x1_0000_0000));
  view.setUint32(padded.length - 4, bitLength >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(block + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!];
    for (let i = 0; i < 64; i++) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + K[i]! + w[i]!) >>> 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = (h[0]! + a) >>> 0;
    h[1] = (h[1]! + b) >>> 0;
    h[2] = (h[2]! + c) >>> 0;
    h[3] = (h[3]! + d) >>> 0;
    h[4] = (h[4]! + e) >>> 0;
    h[5] = (h[5]! + f) >>> 0;
    h[6] = (h[6]! + g) >>> 0;
    h[7] = (h[7]! + hh) >>> 0;
  }
  return [...h].map((x) => x.toString(16).padStart(8, "0")).join("");
}

/**
 * An f64 as serde_json writes it (the `ryu` crate): shortest round-trip digits like JavaScript,
 * but integral values keep `.0` and exponents are `e7` / `e-7`, at ryu's thresholds.
 */
function ryuF64(x: number): string {
  if (!Number.isFinite(x)) return "null";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const [mantissa = "0", exp = "0"] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const length = digits.length;
  const kk = Number(exp) + 1; // position of the decimal point relative to the digits
  let out: string;
  if (length <= kk && kk <= 16) out = `${digits}${"0".repeat(kk - length)}.0`;
  else if (0 < kk && kk <= 16) out = `${digits.slice(0, kk)}.${digits.slice(kk)}`;
  else if (-5 < kk && kk <= 0) out = `0.${"0".repeat(-kk)}${digits}`;
  else out = `${length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`}e${kk - 1}`;
  return sign + out;
}

/**
 * The canonical JSON of `value` as serde_json gives it for a `PackContent` (hash.rs): sorted
 * keys, no whitespace; fields Rust leaves out are left out (`undefined`, and `release_due_on`
 * when unset, its `skip_serializing_if`); chart values are f64 (`5.0`, not `5`).
 */
function canonical(value: unknown, key = ""): string {
  if (Array.isArray(value)) {
    const floats = key === "values";
    return `[${value.map((v) => (floats && typeof v === "number" ? ryuF64(v) : canonical(v))).join(",")}]`;
  }
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined && !(k === "release_due_on" && record[k] === null))
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(record[k], k)}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return "null";
  return JSON.stringify(value) ?? "null";
}

// The GB/T 9704 elements of a Policy that serde leaves out when empty (policy.rs, gongwen.rs:
// `skip_serializing_if`), so that packs written before they existed keep their hash.
const SKIP_WHEN_NONE = ["doc_type", "forwarding", "secrecy", "urgency"] as const;
const SKIP_WHEN_EMPTY_TEXT = ["copy_number", "issuer_mark", "addressee", "annotation"] as const;
const SKIP_WHEN_EMPTY_LIST = ["co_issuers", "sign_off_by", "signed_names"] as const;
const COLOPHON_TEXTS = ["copied_to", "printed_by"] as const;
const COLOPHON_OPTIONS = ["printed_on"] as const;
const PORTAL_TEXTS = ["index_number", "subject"] as const;
const PORTAL_OPTIONS = ["published_on", "validity", "repealed_on"] as const;

type Json = Record<string, unknown>;

/** `record` without the keys serde skips: `texts` when "", `options` when null (or absent). */
function withoutEmpty(record: Json, texts: readonly string[], options: readonly string[]): Json {
  const out: Json = { ...record };
  for (const k of texts) if (out[k] === "" || out[k] === undefined) delete out[k];
  for (const k of options) if (out[k] === null || out[k] === undefined) delete out[k];
  return out;
}

/** The nested block (版记, 公开目录) as serialized, or undefined when serde skips it (`is_empty`). */
function emptyBlock(value: unknown, texts: readonly string[], options: readonly string[]): Json | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const out = withoutEmpty(value as Json, texts, options);
  return [...texts, ...options].some((k) => k in out) ? out : undefined;
}

/**
 * A policy as serde_json writes it (policy.rs): the GB/T 9704 elements left out when empty,
 * `Secrecy.term` when "", `Attachment.sections` when []. Whatever the editor leaves as ""/[]/null
 * hashes, and is stored, as if it had never been set.
 */
export function serializedPolicy(policy: Policy): Policy {
  const out: Json = { ...policy };
  for (const k of SKIP_WHEN_NONE) if (out[k] === null || out[k] === undefined) delete out[k];
  for (const k of SKIP_WHEN_EMPTY_TEXT) if (out[k] === "" || out[k] === undefined) delete out[k];
  for (const k of SKIP_WHEN_EMPTY_LIST) {
    const list = out[k];
    if (list === undefined || (Array.isArray(list) && list.length === 0)) delete out[k];
  }
  if (out.sealed !== true) delete out.sealed;
  if (out.secrecy !== undefined && typeof out.secrecy === "object") out.secrecy = withoutEmpty(out.secrecy as Json, ["term"], []);
  const colophon = emptyBlock(out.colophon, COLOPHON_TEXTS, COLOPHON_OPTIONS);
  if (colophon) out.colophon = colophon;
  else delete out.colophon;
  const portal = emptyBlock(out.portal, PORTAL_TEXTS, PORTAL_OPTIONS);
  if (portal) out.portal = portal;
  else delete out.portal;
  if (Array.isArray(out.attachments)) {
    out.attachments = (out.attachments as Json[]).map((a) => {
      const sections = a.sections;
      if (sections !== undefined && !(Array.isArray(sections) && sections.length === 0)) return a;
      const { sections: _skipped, ...rest } = a;
      return rest;
    });
  }
  return out as Policy;
}

/** A content as the core stores it after a round trip through serde (see `serializedPolicy`). */
export function serializedContent(content: PackContent): PackContent {
  return content.policy ? { ...content, policy: serializedPolicy(content.policy) } : content;
}

const CONTENT_HASH_PREFIX = "jiedu-content-v1\n";

/** The core's content hash (hash.rs): SHA-256 over a domain prefix and the canonical JSON. */
export function contentHash(content: PackContent): string {
  const json = canonical(serializedContent(content));
  return `sha256:${sha256Hex(new TextEncoder().encode(CONTENT_HASH_PREFIX + json))}`;
}

// --- lookups -----------------------------------------------------------------------------------

function noCoreAnswer(message: string): never {
  const error: IpcError = { code: "mock.no_core_answer", message };
  throw error;
}

/** What the core answered about this content; refuses (`mock.no_core_answer`) if never asked. */
function answersFor(content: PackContent, unitId: string): ContentAnswers {
  const hash = contentHash(content);
  const found = answers.contents[hash];
  if (found) return found;
  return noCoreAnswer(
    `模拟后端没有核心对内容 ${hash} 的答复，不作猜测。\n` +
      `The mock backend has no answer from jiedu-core for the content ${hash} and will not guess. ` +
      `Add this content as a JSON file { "unit_id": "${unitId}", "content": <PackContent> } under ` +
      `ui/tests/fixtures/contents/ (named after what the test does), then regenerate ` +
      `ui/src/backend/fixtures/core-answers.json with: ${REGENERATE_FIXTURES}`,
  );
}

function isRefusal(answer: unknown): answer is Refusal {
  return typeof answer === "object" && answer !== null && "code" in answer;
}

/** Whether the core knows this content (for tests and the dev page; the mock never guesses). */
export function hasCoreAnswer(content: PackContent): boolean {
  return answers.contents[contentHash(content)] !== undefined;
}

/** The pack (or content fixture) the core's answer for this content was computed from. */
export function coreAnswerSource(content: PackContent): string | null {
  return answers.contents[contentHash(content)]?.pack ?? null;
}

/** The core's checklist of `pack` (rules::check), as recorded for its content and state. */
export function check(pack: Pack): Checklist {
  const hash = contentHash(pack.content);
  const signed = pack.signature !== null && pack.signature.content_hash === hash;
  const key = `${pack.state}|${signed}`;
  const checklist = answersFor(pack.content, pack.unit_id).checklists[key];
  if (!checklist) return noCoreAnswer(`core-answers.json has no checklist ${key} for ${hash}.\nRegenerate it: ${REGENERATE_FIXTURES}`);
  // The checklist is the core's; only the pack it is reported for is this one.
  return { ...(JSON.parse(JSON.stringify(checklist)) as Checklist), pack_id: pack.id };
}

/** The ids of the blocking failures of a checklist the core gave (Checklist::blocking_failures). */
export function blockingFailures(checklist: Checklist): RuleId[] {
  return checklist.items.filter((i) => i.status === "fail" && i.severity === "blocking").map((i) => i.id);
}

/** permissions::authorize: null when `user` may take `action` on a pack of `unitId`. */
export function authorize(user: User, action: Action, unitId: string): Refusal | null {
  const answer = answers.authorize[user.id]?.[unitId]?.[action];
  if (answer === undefined) {
    return noCoreAnswer(
      `模拟后端没有核心对 ${user.id} / ${unitId} / ${action} 的授权答复。\n` +
        `The mock backend has no answer from jiedu-core on whether ${user.id} may ${action} a pack of unit ${unitId}: ` +
        `core-answers.json covers the demo people and units (resources/demo/people.json). Regenerate it: ${REGENERATE_FIXTURES}`,
    );
  }
  return answer;
}

/** Every action, in Action::ALL order (the type's own list). */
export const ACTIONS: readonly Action[] = [
  "edit",
  "submit",
  "resolve_comment",
  "return",
  "sign",
  "review_disclosure",
  "deploy",
  "export",
  "manage_people",
  "record_concern",
  "manage_settings",
];

/** Every step, in Step::ALL order (the type's own list). */
export const STEPS: readonly Step[] = ["edit", "submit", "resolve_comment", "return", "sign", "review_disclosure", "deploy"];

/** The permission each step needs (Step::action: the same name). */
const STEP_ACTION: Record<Step, Action> = {
  edit: "edit",
  submit: "submit",
  resolve_comment: "resolve_comment",
  return: "return",
  sign: "sign",
  review_disclosure: "review_disclosure",
  deploy: "deploy",
};

/** What the user's role may do at all: the actions the core allows them on their own unit. */
export function roleActions(user: User): Action[] {
  return ACTIONS.filter((a) => authorize(user, a, user.unit_id) === null);
}

/** The recorded open-comments refusal (core_fixtures.rs leaves an `{ids}` hole), naming these comments. */
function withOpenIds(refusal: Refusal, ids: number[]): Refusal {
  return { code: refusal.code, message: refusal.message.split("{ids}").join(ids.join(", ")) };
}

/** The outcome of workflow::plan_step: the next state, or the core's refusal. */
export type Planned = { ok: true; to: PackState } | { ok: false; refusal: Refusal };

/**
 * workflow::plan_step, composed from the core's recorded answers: authorize, next_state, then
 * the submit, sign or deploy gate.
 */
export function planStep(user: User, step: Step, pack: Pack, openComments: number[]): Planned {
  const denied = authorize(user, STEP_ACTION[step], pack.unit_id);
  if (denied) return { ok: false, refusal: denied };
  const next = answers.transitions[pack.state]?.[step];
  if (next === undefined) return noCoreAnswer(`core-answers.json has no transition ${pack.state} → ${step}.\nRegenerate it: ${REGENERATE_FIXTURES}`);
  if (isRefusal(next)) return { ok: false, refusal: next };
  let gate: Refusal | null = null;
  if (step === "submit") {
    const open = openComments.length > 0;
    const key = open ? `${pack.state}|open` : pack.state;
    const answer = answersFor(pack.content, pack.unit_id).submit_gate[key];
    if (answer === undefined) return noCoreAnswer(`core-answers.json has no submit gate ${key}.\nRegenerate it: ${REGENERATE_FIXTURES}`);
    gate = answer && answer.code === "workflow.open_comments" ? withOpenIds(answer, openComments) : answer;
  } else if (step === "sign") {
    gate = answersFor(pack.content, pack.unit_id).sign_gate;
  } else if (step === "deploy") {
    const current = contentHash(pack.content);
    if (!pack.signature) gate = answers.deploy.not_signed;
    else if (pack.signature.content_hash !== current) {
      const stale = answers.deploy.signature_stale;
      gate = {
        code: stale.code,
        message: stale.message.replaceAll("{signed}", pack.signature.content_hash).replaceAll("{current}", current),
      };
    }
  }
  return gate ? { ok: false, refusal: { ...gate } } : { ok: true, to: next };
}

/** Every step with whether the user may take it now, as get_pack gives them. */
export function stepAvailability(user: User, pack: Pack, openComments: number[]): StepAvailability[] {
  return STEPS.map((step) => {
    const planned = planStep(user, step, pack, openComments);
    return planned.ok
      ? { step, allowed: true, code: null, reason: null }
      : { step, allowed: false, code: planned.refusal.code, reason: planned.refusal.message };
  });
}

// --- labels --------------------------------------------------------------------------------------

/** Role names in Chinese (Role::label_zh): labels, not rules. */
export const ROLE_ZH: Record<Role, string> = {
  drafter: "起草人",
  leader: "审签领导",
  openness_office: "政务公开工作机构",
  press_officer: "新闻发言人",
  admin: "管理员",
};
