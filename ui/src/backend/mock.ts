// An in-memory Backend for tests and for `npm run dev` in a plain browser (never in the build:
// main.ts imports it only in development outside Tauri). It starts from resources/demo and
// behaves like the Rust side closely enough to click through every screen: sign-in with the
// demo passphrase, the gate rules, the workflow, comments, drafts, exports with progress, the
// choice of local database or team server, and an audit event to subscribers after every change.
// The gate rules, permissions and workflow are jiedu-core's own answers (core-answers.ts); the
// mock only stores and passes data. Deadlines and annual figures are fixed examples and concern
// clocks a plain stand-in (mock-publication.ts): the working-day rules are the core's.

import type { Backend } from "./index";
import type {
  Account,
  AddedMedia,
  AuditEvent,
  CalendarYear,
  Change,
  Channel,
  ChartSpec,
  Comment,
  ConcernView,
  Connection,
  Draft,
  IpcError,
  KitAvailability,
  KitProgressEvent,
  Pack,
  PackContent,
  PackListItem,
  PackState,
  PastedData,
  PasteLayout,
  PublicConcern,
  RevisionInfo,
  SearchHit,
  Series,
  SignRecord,
  Step,
  StepOutcome,
  UnitSettings,
  User,
  UserInfo,
} from "../types/ipc";
import { importText, SAMPLE_DROPPED_TEXT } from "./mock-import";
import { checkDeclaredSize, droppedFileBytes, inspectMedia, MEDIA_MIME } from "./mock-media";
import { blobBytes } from "../media";
import { DEMO_PASSPHRASE, demoPacks, demoUnits, demoUsers } from "./mock-data";
import { chartSvg, pdfPages } from "./mock-render";
import {
  BUNDLED_CALENDAR,
  defaultUnitSettings,
  mockClocks,
  mockDeadlines,
  mockReport,
  mockReportCharts,
  seedConcerns,
} from "./mock-publication";
import {
  authorize,
  blockingFailures,
  check,
  contentHash,
  planStep,
  roleActions,
  ROLE_ZH,
  serializedContent,
  serializedPolicy,
  stepAvailability,
} from "./core-answers";

export { DEMO_PASSPHRASE } from "./mock-data";

export interface MockBackendOptions {
  /** Delay every answer by this many milliseconds (default: answer on the next microtask). */
  delayMs?: number;
  /** Start signed in as this user id. */
  signedInAs?: string | null;
  /** Packs to start from instead of the demo packs (kept in their given state). */
  packs?: Pack[];
  /** Milliseconds between media-kit progress events (default 150). */
  kitStepMs?: number;
  /** Autosaved drafts to start with. */
  drafts?: { userId: string; draft: Draft }[];
  /** What the app is connected to at start (default: the local database). */
  connection?: Connection;
  /** Public concerns to start with instead of the demo's three (which start relative to now). */
  concerns?: PublicConcern[];
}

/** The mock's extra hooks for tests and the dev page. */
export interface MockBackend extends Backend {
  /** Pretends the user dropped these files on the window. */
  simulateDrop(paths: string[]): void;
  /**
   * Another computer signed in as `userId`, sharing this mock's data as two desktops share a
   * team server: what it does is refused or allowed as for that user, and reaches every
   * `onAuditEvent` subscriber. It only acts; signing in and out stays with this desk.
   */
  otherDesk(userId: string): Backend;
}

/** The local database path the mock reports. */
export const MOCK_DATABASE = "/home/demo/.local/share/jiedu/jiedu.sqlite";
/** The CA fingerprint the mock's team server has (SHA-256, colon-separated hex). */
export const MOCK_CA_FINGERPRINT =
  "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
/** The admin key the mock pins at first connection to its team server. */
export const MOCK_PINNED_ADMIN = { user_id: "admin", public_key: "3f9a1c2be47d5608a9b1c3d5e7f90214b6d8fa0c2e4a6b8d0f1e3c5a7b9d2e4f" } as const;

function localConnection(): Connection {
  return { mode: "local", database: MOCK_DATABASE, server_url: null, ca_path: null, ca_fingerprint: null, pinned_admin: null };
}

interface Revision {
  revision: number;
  content: PackContent;
  author: string;
  created_at: string;
}

interface Entry {
  pack: Pack;
  revisions: Revision[];
  updated_at: string;
  lastReviewed: number | null;
}

const OUTPUT_DIR = "/home/demo/Jiedu 导出";
const KIT_FILES = (id: string, pack: Pack) => [
  `${id}.pdf`,
  ...pack.content.materials.charts.flatMap((c) => [`charts/${c.id}.svg`, `charts/${c.id}-1080.png`, `charts/${c.id}-2160.png`]),
  "qa.md",
  "qa.docx",
  "press-release.md",
  "press-release.docx",
  "一图读懂.png",
  "manifest.json",
];

function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function fail(code: string, message: string, field?: string): never {
  const error: IpcError = { code, message };
  if (field !== undefined) error.field = field;
  throw error;
}

function now(): string {
  return new Date().toISOString();
}

function shorten(text: string | undefined, max = 60): string | null {
  if (text === undefined) return null;
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function firstDifference(a: string[], b: string[]): { before: string | null; after: string | null } {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return { before: shorten(a[i]), after: shorten(b[i]) };
  }
  return { before: null, after: null };
}

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/** What changed between two contents, per part (a simplified jiedu_core::diff). */
function diffContents(old: PackContent, cur: PackContent): Change[] {
  const out: Change[] = [];
  const front = (c: PackContent) => {
    const { preamble: _p, sections: _s, attachments: _a, ...rest } = c.policy;
    return rest as Record<string, unknown>;
  };
  const fields = changedFields(front(old), front(cur));
  if (fields.length > 0) {
    out.push({ part: "policy", kind: "modified", label: `政策文件 policy：${cur.policy.title}`, fields, before: null, after: null });
  }
  if (JSON.stringify(old.policy.preamble) !== JSON.stringify(cur.policy.preamble)) {
    out.push({ part: "policy.preamble", kind: "modified", label: "导语 preamble", ...firstDifference(old.policy.preamble, cur.policy.preamble) });
  }
  const n = Math.max(old.policy.sections.length, cur.policy.sections.length);
  for (let i = 0; i < n; i++) {
    const a = old.policy.sections[i];
    const b = cur.policy.sections[i];
    const part = `policy.sections[${i}]`;
    if (!a && b) out.push({ part, kind: "added", label: `${b.number}${b.heading}`, before: null, after: shorten(b.paragraphs[0]) });
    else if (a && !b) out.push({ part, kind: "removed", label: `${a.number}${a.heading}`, before: shorten(a.paragraphs[0]), after: null });
    else if (a && b && JSON.stringify(a) !== JSON.stringify(b)) {
      const diff = firstDifference([`${a.number}${a.heading}`, ...a.paragraphs], [`${b.number}${b.heading}`, ...b.paragraphs]);
      out.push({ part, kind: "modified", label: `${b.number}${b.heading}`, ...diff });
    }
  }
  if (!old.plan && cur.plan) out.push({ part: "plan", kind: "added", label: "解读方案 interpretation plan" });
  else if (old.plan && !cur.plan) out.push({ part: "plan", kind: "removed", label: "解读方案 interpretation plan" });
  else if (old.plan && cur.plan) {
    const f = changedFields(old.plan as unknown as Record<string, unknown>, cur.plan as unknown as Record<string, unknown>);
    if (f.length > 0) out.push({ part: "plan", kind: "modified", label: "解读方案 interpretation plan", fields: f });
  }
  const ot = old.materials.text?.sections ?? [];
  const ct = cur.materials.text?.sections ?? [];
  for (let i = 0; i < Math.max(ot.length, ct.length); i++) {
    const a = ot[i];
    const b = ct[i];
    const part = `text.sections[${i}]`;
    if (!a && b) out.push({ part, kind: "added", label: b.heading, after: shorten(b.paragraphs[0]) });
    else if (a && !b) out.push({ part, kind: "removed", label: a.heading, before: shorten(a.paragraphs[0]) });
    else if (a && b && JSON.stringify(a) !== JSON.stringify(b)) {
      out.push({ part, kind: "modified", label: b.heading, ...firstDifference([a.heading, ...a.paragraphs], [b.heading, ...b.paragraphs]) });
    }
  }
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
  const oc = byId(old.materials.charts);
  const cc = byId(cur.materials.charts);
  for (const [id, c] of cc) {
    const o = oc.get(id);
    if (!o) out.push({ part: `chart:${id}`, kind: "added", label: c.title });
    else if (JSON.stringify(o) !== JSON.stringify(c)) out.push({ part: `chart:${id}`, kind: "modified", label: c.title, before: shorten(o.title), after: shorten(c.title) });
  }
  for (const [id, c] of oc) if (!cc.has(id)) out.push({ part: `chart:${id}`, kind: "removed", label: c.title });
  const oq = byId(old.materials.qa);
  const cq = byId(cur.materials.qa);
  for (const [id, q] of cq) {
    const o = oq.get(id);
    if (!o) out.push({ part: `qa:${id}`, kind: "added", label: q.question, after: shorten(q.answer) });
    else if (JSON.stringify(o) !== JSON.stringify(q)) {
      out.push({ part: `qa:${id}`, kind: "modified", label: q.question, ...firstDifference([o.question, o.answer], [q.question, q.answer]) });
    }
  }
  for (const [id, q] of oq) if (!cq.has(id)) out.push({ part: `qa:${id}`, kind: "removed", label: q.question, before: shorten(q.answer) });
  if (JSON.stringify(old.materials.images) !== JSON.stringify(cur.materials.images)) {
    out.push({ part: "images", kind: "modified", label: "图片与音视频 images, audio and video" });
  }
  return out;
}

function contentText(c: PackContent): string {
  const parts = [c.policy.title, ...c.policy.preamble];
  for (const s of c.policy.sections) parts.push(`${s.number}${s.heading}`, ...s.paragraphs);
  if (c.materials.text) {
    parts.push(c.materials.text.title);
    for (const s of c.materials.text.sections) parts.push(s.heading, ...s.paragraphs);
  }
  for (const q of c.materials.qa) parts.push(q.question, q.answer);
  return parts.join("\n");
}

function snippet(text: string, word: string): string {
  const flat = text.replace(/\n/g, " ");
  const at = flat.toLowerCase().indexOf(word.toLowerCase());
  const start = Math.max(0, at - 20);
  const end = Math.min(flat.length, (at < 0 ? 0 : at + word.length) + 20);
  return `${start > 0 ? "…" : ""}${flat.slice(start, end)}${end < flat.length ? "…" : ""}`;
}

function validPart(part: string, content: PackContent): boolean {
  const t = part.trim();
  if (["pack", "policy", "policy.preamble", "policy.attachments", "plan", "text", "press_lines", "images", "materials.images", "media", "materials.media"].includes(t)) return true;
  const sec = t.match(/^policy\.sections\[(\d+)\]$/);
  if (sec) return Number(sec[1]) < content.policy.sections.length;
  const txt = t.match(/^text\.sections\[(\d+)\]$/);
  if (txt) return Number(txt[1]) < (content.materials.text?.sections.length ?? 0);
  const chart = t.match(/^chart:(.+)$/);
  if (chart) return content.materials.charts.some((c) => c.id === chart[1]);
  const qa = t.match(/^qa:(.+)$/);
  if (qa) return content.materials.qa.some((q) => q.id === qa[1]);
  return false;
}

function validateChart(spec: ChartSpec): void {
  const bad = (zh: string, en: string, field: string) => fail("chart.invalid", `${zh}\n${en}`, field);
  if (spec.title.trim() === "") bad(`图表“${spec.id}”缺少标题（title）。`, `Chart ${spec.id} lacks a title.`, "title");
  if (spec.source.trim() === "") {
    bad(`图表“${spec.id}”缺少数据来源（source）。图表必须注明数据来源。`, `Chart ${spec.id} lacks its data source (source); every chart must state it.`, "source");
  }
  if (spec.categories.length === 0 || spec.series.length === 0) {
    bad(`图表“${spec.id}”没有数据：至少需要一个类别和一个数据系列。`, `Chart ${spec.id} has no data: it needs at least one category and one series.`, "categories");
  }
  for (const s of spec.series) {
    if (s.values.length !== spec.categories.length) {
      bad(
        `图表“${spec.id}”的数据系列“${s.name}”有 ${s.values.length} 个数值，但类别有 ${spec.categories.length} 个。`,
        `In chart ${spec.id}, series ${s.name} has ${s.values.length} values for ${spec.categories.length} categories.`,
        "series",
      );
    }
    s.values.forEach((v, i) => {
      if (!Number.isFinite(v)) {
        bad(`图表“${spec.id}”中“${s.name}”的“${spec.categories[i]}”不是有效数值。`, `In chart ${spec.id}, the value of ${s.name} for ${spec.categories[i]} is not a finite number.`, "series");
      }
    });
  }
  if ((spec.kind === "pie" || spec.kind === "donut") && spec.series.length > 1) {
    bad(`饼图“${spec.id}”只能有一个数据系列（现有 ${spec.series.length} 个）。`, `Pie chart ${spec.id} takes one series (${spec.series.length} given).`, "series");
  }
}

function parsePaste(text: string, layout: PasteLayout): PastedData {
  const rows = text
    .split(/\r?\n/)
    .filter((r) => r.trim() !== "")
    .map((r) => (r.includes("\t") ? r.split("\t") : r.trim().split(/\s{2,}|,|，/)).map((c) => c.trim()));
  if (rows.length < 2 || (rows[0]?.length ?? 0) < 2) {
    fail("chart.paste", "粘贴的内容至少需要两行两列（表头和数据）。\nThe pasted cells need at least two rows and two columns (header and data).", "paste");
  }
  let percent = true;
  const num = (cell: string, where: string): number => {
    const clean = cell.replace(/[,，\s]/g, "");
    if (!clean.endsWith("%")) percent = false;
    const v = Number(clean.replace(/%$/, ""));
    if (clean === "" || !Number.isFinite(v)) {
      fail("chart.paste", `“${cell}”（${where}）不是数值。\n${cell} (${where}) is not a number.`, "paste");
    }
    return v;
  };
  const header = rows[0] ?? [];
  const body = rows.slice(1);
  const across = layout === "categories_across";
  let categories: string[];
  let series: Series[];
  if (!across) {
    categories = body.map((r) => r[0] ?? "");
    series = header.slice(1).map((name, j) => ({ name, values: body.map((r, i) => num(r[j + 1] ?? "", `第${i + 2}行 row ${i + 2}`)) }));
  } else {
    categories = header.slice(1);
    series = body.map((r, i) => ({ name: r[0] ?? "", values: r.slice(1).map((c) => num(c, `第${i + 2}行 row ${i + 2}`)) }));
  }
  return { categories, series, unit_hint: percent ? "%" : "" };
}

/** A backend answering from memory, seeded with the demo data. */
export function createMockBackend(options: MockBackendOptions = {}): MockBackend {
  const users: User[] = clone(demoUsers);
  const units = clone(demoUnits);
  const packs = new Map<string, Entry>();
  const comments: Comment[] = [];
  const drafts = new Map<string, Draft>();
  const audit: AuditEvent[] = [];
  const kitHandlers = new Set<(p: KitProgressEvent) => void>();
  const dropHandlers = new Set<(paths: string[]) => void>();
  const dropped = new Set<string>();
  const auditHandlers = new Set<(e: AuditEvent) => void>();
  const concerns: PublicConcern[] = clone(options.concerns) ?? seedConcerns(new Date());
  const unitSettings = new Map<string, UnitSettings>();
  const importedYears = new Map<number, CalendarYear>();
  let connection: Connection = clone(options.connection) ?? localConnection();
  let session: User | null = users.find((u) => u.id === options.signedInAs) ?? null;
  /** Who acts while a call of `otherDesk` is made and answered; otherwise the session does. */
  let deskUser: User | null = null;
  let cancelRequested = false;
  let commentSeq = 1;
  const kitStepMs = options.kitStepMs ?? 150;
  /** Stored media files by SHA-256, as the store keeps them: once, whoever added them. */
  const media = new Map<string, { bytes: Uint8Array; mime: string; url: string | null }>();

  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;

  function record(actor: string, action: string, pack: Pack | null, detail: Record<string, unknown> = {}, at: string = now()): void {
    const prev = audit[audit.length - 1]?.hash ?? "0".repeat(64);
    const event: AuditEvent = {
      seq: audit.length + 1,
      at,
      actor,
      action,
      pack_id: pack?.id ?? null,
      revision: pack?.revision ?? null,
      content_hash: pack ? contentHash(pack.content) : null,
      detail,
      prev_hash: prev,
      hash: "",
    };
    event.hash = contentHash({ ...(event as unknown as PackContent) }).slice("sha256:".length);
    audit.push(event);
    // As the shell's event: it arrives after the change is committed, not inside the call.
    if (auditHandlers.size > 0) {
      const delivered = clone(event);
      queueMicrotask(() => {
        for (const h of auditHandlers) h(clone(delivered));
      });
    }
  }

  function addPack(pack: Pack, author: string, at: string): Entry {
    const p = clone(pack);
    if (p.revision < 1) p.revision = 1;
    const entry: Entry = {
      pack: p,
      revisions: [{ revision: p.revision, content: clone(p.content), author, created_at: at }],
      updated_at: at,
      lastReviewed: null,
    };
    packs.set(p.id, entry);
    return entry;
  }

  function signRecord(pack: Pack, signer: User, comment: string, at: string): SignRecord {
    const hash = contentHash(pack.content);
    return {
      pack_id: pack.id,
      signer_id: signer.id,
      signer_name: signer.name,
      signed_at: at,
      revision: pack.revision,
      content_hash: hash,
      algorithm: "ed25519",
      public_key: `${signer.id.length.toString(16).padStart(2, "0")}${hash.slice(7, 69)}`.slice(0, 64),
      signature: hash.slice(7).repeat(2),
      comment,
    };
  }

  // --- seed -------------------------------------------------------------------------------
  const user = (id: string) => users.find((u) => u.id === id) ?? users[0]!;
  if (options.packs) {
    for (const p of options.packs) {
      addPack(p, "system", now());
      record("system", "pack.create", p, { title: p.content.policy.title });
    }
  } else {
    const day = 86_400_000;
    const ago = (days: number, hours = 0) => new Date(Date.now() - days * day - hours * 3_600_000).toISOString();
    for (const p of demoPacks()) {
      const created = ago(20);
      const author = users.find((u) => u.role === "drafter" && u.unit_id === p.unit_id)?.id ?? "system";
      const entry = addPack(p, author, created);
      record(entry.revisions[0]!.author, "pack.create", entry.pack, { title: p.content.policy.title }, created);
      const pack = entry.pack;
      switch (pack.id) {
        case "seed-openness-released": {
          pack.state = "signed";
          record("zhang.wei", "pack.submit", pack, { from: "drafting", to: "submitted" }, ago(13));
          pack.signature = signRecord(pack, user("li.hua"), "同意。", ago(12));
          record("li.hua", "pack.sign", pack, { comment: "同意。" }, ago(12));
          pack.state = "deployed";
          pack.deployment = {
            deployed_by: "chen.jing",
            policy_released_at: ago(10),
            interpretation_released_at: ago(10),
            channels: ["portal", "wechat"],
            content_hash: contentHash(pack.content),
          };
          record("chen.jing", "pack.deploy", pack, { channels: ["portal", "wechat"] }, ago(10));
          entry.lastReviewed = pack.revision;
          entry.updated_at = ago(10);
          break;
        }
        case "land-inspection-internal":
          pack.state = "submitted";
          record("liu.yang", "pack.submit", pack, { from: "drafting", to: "submitted" }, ago(1, 3));
          entry.updated_at = ago(1, 3);
          break;
        case "annual-report-2026": {
          pack.state = "returned";
          entry.lastReviewed = pack.revision;
          comments.push({
            id: commentSeq++,
            pack_id: pack.id,
            revision: pack.revision,
            author: "li.hua",
            part: "plan",
            body: "请补充舆情预判和回应口径，并明确计划发布日期前的吹风安排。",
            created_at: ago(0, 5),
            resolved_at: null,
            resolved_by: null,
            resolved_revision: null,
          });
          record("li.hua", "pack.return", pack, { part: "plan", comment_id: 1 }, ago(0, 5));
          entry.updated_at = ago(0, 5);
          break;
        }
        case "seed-openness":
          entry.updated_at = ago(0, 2);
          break;
        default:
          entry.updated_at = ago(3);
      }
    }
  }
  for (const { userId, draft } of options.drafts ?? []) drafts.set(`${draft.pack_id}|${userId}`, clone(draft));

  // --- helpers ----------------------------------------------------------------------------
  const settle = <T>(produce: () => T): Promise<T> => {
    // The answer comes later; it must still be given as whoever asked.
    const desk = deskUser;
    return new Promise<T>((resolve, reject) => {
      const run = () => {
        const outer = deskUser;
        deskUser = desk;
        try {
          resolve(clone(produce()));
        } catch (error) {
          reject(error);
        } finally {
          deskUser = outer;
        }
      };
      if (options.delayMs) setTimeout(run, options.delayMs);
      else queueMicrotask(run);
    });
  };

  /**
   * As settle, for answers that read a file first: the call is made as whoever asked (the
   * synchronous start of `produce`), and the answer comes after the file is read.
   */
  const settleAsync = <T>(produce: () => Promise<T>): Promise<T> => {
    const desk = deskUser;
    return new Promise<T>((resolve, reject) => {
      const run = () => {
        const outer = deskUser;
        deskUser = desk;
        let pending: Promise<T>;
        try {
          pending = produce();
        } catch (error) {
          reject(error);
          return;
        } finally {
          deskUser = outer;
        }
        pending.then((value) => resolve(clone(value)), reject);
      };
      if (options.delayMs) setTimeout(run, options.delayMs);
      else queueMicrotask(run);
    });
  };

  /** As Backend::add_media: checked by content, stored once by hash, the reference answered. */
  async function storeMedia(bytes: Uint8Array, fileName: string): Promise<AddedMedia> {
    const { info, stripped } = await inspectMedia(bytes, fileName);
    const existed = media.has(info.sha256);
    if (!existed) media.set(info.sha256, { bytes, mime: MEDIA_MIME[info.format], url: null });
    // The shell is not told the pack's other files, so its id is always the first (the editor
    // gives the next free one, as next_media_id does).
    const ref = { id: "m1", file_name: fileName, caption: "", alt: "", credit: "", in_long_image: false, ...info };
    return { media: ref, stripped, existed };
  }

  function mediaUrlOf(sha256: string): string {
    const stored = media.get(sha256);
    if (!stored) {
      // Not stored in this session (the mock keeps no bytes across reloads): a placeholder.
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="160" height="90" fill="#eef1f5"/><text x="80" y="50" font-size="12" text-anchor="middle" fill="#5f6b7a">${sha256.slice(0, 12)}</text></svg>`;
      return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    }
    if (stored.url === null) {
      if (typeof URL.createObjectURL === "function") {
        stored.url = URL.createObjectURL(new Blob([stored.bytes as Uint8Array<ArrayBuffer>], { type: stored.mime }));
      } else {
        let text = "";
        for (const b of stored.bytes) text += String.fromCharCode(b);
        stored.url = `data:${stored.mime};base64,${btoa(text)}`;
      }
    }
    return stored.url;
  }

  function signedIn(): User {
    const actor = deskUser ?? session;
    if (!actor) fail("auth.signed_out", "请先登录。\nPlease sign in first.");
    return actor;
  }

  /** As connect_server: jiedu-client's checks, the refusal naming the argument (`url`, `caPath`). */
  function connectTo(url: string, caPath: string): Connection {
    const address = url.trim();
    let host = "";
    try {
      host = new URL(address).hostname;
    } catch {
      host = "";
    }
    if (!address.startsWith("https://") || host === "") {
      fail(
        "server.bad_url",
        `服务器地址须为 https://主机:端口（http:// 仅限本机测试），而不是“${address}”。\nThe server URL must be https://HOST:PORT (http:// only on loopback), not “${address}”.`,
        "url",
      );
    }
    const ca = caPath.trim();
    if (ca === "") {
      fail("server.ca", "未指定 CA 证书文件（jiedu serve 生成的 ca.pem）。\nNo CA certificate file was given (the ca.pem made by jiedu serve).", "caPath");
    }
    if (host === "unreachable.invalid") {
      fail("server.connect", `无法连接服务器 ${address}：连接超时\nCannot reach the server ${address}: timed out`, "url");
    }
    return { mode: "server", database: null, server_url: address, ca_path: ca, ca_fingerprint: MOCK_CA_FINGERPRINT, pinned_admin: { ...MOCK_PINNED_ADMIN } };
  }

  function entryOf(id: string): Entry {
    const entry = packs.get(id);
    if (!entry) fail("pack.not_found", `没有编号为“${id}”的解读包。\nThere is no pack ${id}.`, "id");
    return entry;
  }

  function openComments(id: string): number[] {
    return comments.filter((c) => c.pack_id === id && c.resolved_at === null).map((c) => c.id);
  }

  function take(step: Step, id: string): { entry: Entry; actor: User; to: PackState } {
    const actor = signedIn();
    const entry = entryOf(id);
    const planned = planStep(actor, step, entry.pack, openComments(id));
    if (!planned.ok) fail(planned.refusal.code, planned.refusal.message);
    return { entry, actor, to: planned.to };
  }

  /**
   * As packs::require_current: a save or a step must name the pack's current revision, since one
   * built on an older revision would silently undo or bypass what was saved since. The refusal
   * names who saved the current revision and when (same wording as StoreError::Conflict).
   */
  function staleRevision(entry: Entry, base: number): IpcError | null {
    const pack = entry.pack.id;
    const current = entry.pack.revision;
    if (base === current) return null;
    if (!Number.isInteger(base) || base < 1 || base > current) {
      return {
        code: "pack.no_such_revision",
        message: `解读包“${pack}”没有第 ${base} 版（当前为第 ${current} 版）。请检查 --base 或文件中的 revision。\nThe pack ${pack} has no revision ${base} (the current one is ${current}). Check --base or the revision in the file.`,
        field: "revision",
      };
    }
    const latest = entry.revisions.find((r) => r.revision === current);
    const by = latest?.author ?? "";
    const at = latest?.created_at ?? "";
    return {
      code: "pack.conflict",
      message:
        `解读包“${pack}”已有更新的版本：您基于第 ${base} 版操作，但 ${by} 已于 ${at} 保存了第 ${current} 版。您的内容已保留为草稿；请查看差异后重新载入，或将您的版本另存为新版本。\n` +
        `The pack ${pack} has a newer revision: you worked on revision ${base}, but ${by} saved revision ${current} at ${at}. Your content is kept as your draft; review the differences, then reload or keep your version as the next revision.`,
      field: "revision",
    };
  }

  function requireCurrent(entry: Entry, revision: number): void {
    const refused = staleRevision(entry, revision);
    if (refused) throw refused;
  }

  function writeRevision(entry: Entry, content: PackContent, author: string): void {
    entry.pack.revision += 1;
    // Stored as the core stores it: through serde, which leaves out the empty GB/T 9704 elements.
    entry.pack.content = serializedContent(clone(content));
    entry.revisions.push({ revision: entry.pack.revision, content: serializedContent(clone(content)), author, created_at: now() });
    entry.updated_at = now();
  }

  function outcome(entry: Entry, step: Step, from: PackState): StepOutcome {
    return {
      pack_id: entry.pack.id,
      step,
      from,
      to: entry.pack.state,
      revision: entry.pack.revision,
      content_hash: contentHash(entry.pack.content),
    };
  }

  function listItem(entry: Entry): PackListItem {
    const p = entry.pack;
    return {
      deadline: p.content.plan?.release_due_on ?? null,
      blocking_failures: blockingFailures(check(p)),
      deadlines: mockDeadlines(p.id),
      id: p.id,
      title: p.content.policy.title,
      state: p.state,
      unit_id: p.unit_id,
      unit_name: unitName(p.unit_id),
      revision: p.revision,
      content_hash: contentHash(p.content),
      updated_at: entry.updated_at,
    };
  }

  function settingsOf(unit: string): UnitSettings {
    return clone(unitSettings.get(unit)) ?? defaultUnitSettings();
  }

  function knownUnit(unit: string, field: string): void {
    if (!units.some((u) => u.id === unit)) fail("unit.not_found", `找不到单位“${unit}”。请先添加该单位。\nNo unit with id ${unit}. Add the unit first.`, field);
  }

  function concernView(concern: PublicConcern): ConcernView {
    return { concern, clocks: mockClocks(concern, settingsOf(concern.unit_id), new Date()) };
  }

  /** As Store's concern checks (not_in_future allows ten minutes of clock difference). */
  function concernTime(at: string, field: string): Date {
    const when = new Date(at);
    if (Number.isNaN(when.getTime())) fail("concern.invalid", `社会关切的 ${field} 有误：无法识别的时间“${at}”\nThe concern's ${field} is wrong.`, field);
    if (when.getTime() > Date.now() + 10 * 60_000) {
      fail("concern.invalid", `社会关切的 ${field} 有误：时间不能晚于现在 / the time is in the future\nThe concern's ${field} is wrong.`, field);
    }
    return when;
  }

  function requireText(text: string, field: string, zh: string, en: string): string {
    if (text.trim() === "") fail("concern.invalid", `社会关切的 ${field} 有误：${zh} / ${en}\nThe concern's ${field} is wrong.`, field);
    return text.trim();
  }

  function mayRecordConcern(): User {
    const actor = signedIn();
    const denied = authorize(actor, "record_concern", actor.unit_id);
    if (denied) fail(denied.code, denied.message);
    return actor;
  }

  function mayManageSettings(): User {
    const actor = signedIn();
    const denied = authorize(actor, "manage_settings", actor.unit_id);
    if (denied) fail(denied.code, denied.message);
    return actor;
  }

  const backend: MockBackend = {
    connectionInfo: () => settle(() => connection),
    // Switching signs out of the previous place, as the shell does.
    connectServer: (url, caPath) =>
      settle(() => {
        connection = connectTo(url, caPath);
        session = null;
        return connection;
      }),
    useLocal: () =>
      settle(() => {
        connection = localConnection();
        session = null;
        return connection;
      }),
    onAuditEvent: (handler) => {
      auditHandlers.add(handler);
      return Promise.resolve(() => void auditHandlers.delete(handler));
    },

    listAccounts: () =>
      settle(() =>
        users.map(
          (u): Account => ({ id: u.id, name: u.name, role: u.role, role_zh: ROLE_ZH[u.role], unit_name: unitName(u.unit_id) }),
        ),
      ),
    signIn: (userId, passphrase) =>
      settle(() => {
        const u = users.find((x) => x.id === userId);
        if (!u) fail("user.not_found", `没有用户“${userId}”。\nThere is no user ${userId}.`, "passphrase");
        if (passphrase !== DEMO_PASSPHRASE) {
          fail("auth.wrong_passphrase", `用户“${userId}”的口令不正确，未做任何改动。\nWrong passphrase for ${userId}; nothing was changed.`, "passphrase");
        }
        session = u;
        return backendUser(u);
      }),
    signOut: () =>
      settle(() => {
        session = null;
      }),
    currentUser: () =>
      settle(() => {
        const actor = deskUser ?? session;
        return actor ? backendUser(actor) : null;
      }),

    listPacks: () =>
      settle(() => [...packs.values()].sort((a, b) => b.updated_at.localeCompare(a.updated_at)).map(listItem)),
    searchPacks: (query) =>
      settle(() => {
        const words = query.trim().split(/\s+/).filter((w) => w !== "");
        if (words.length === 0) return [];
        const hits: SearchHit[] = [];
        for (const entry of [...packs.values()].sort((a, b) => b.updated_at.localeCompare(a.updated_at))) {
          const text = contentText(entry.pack.content);
          if (words.every((w) => text.toLowerCase().includes(w.toLowerCase()))) {
            hits.push({ pack_id: entry.pack.id, title: entry.pack.content.policy.title, state: entry.pack.state, snippet: snippet(text, words[0]!) });
          }
        }
        return hits;
      }),
    getPack: (id) =>
      settle(() => {
        const actor = signedIn();
        const entry = entryOf(id);
        const draft = drafts.get(`${id}|${actor.id}`) ?? null;
        const open = openComments(id);
        return {
          pack: entry.pack,
          unit_name: unitName(entry.pack.unit_id),
          steps: stepAvailability(actor, entry.pack, open),
          kit_export: kitAvailability(actor, entry.pack),
          open_comments: open,
          draft: draft && contentHash(draft.content) !== contentHash(entry.pack.content) ? draft : null,
        };
      }),
    checkPack: (id) => settle(() => check(entryOf(id).pack)),
    checkContent: (id, content) => settle(() => check({ ...entryOf(id).pack, content: clone(content) })),
    savePack: (id, base, content) =>
      settle(() => {
        // The order of Store::save_as: permission, unchanged content, base revision, state.
        const actor = signedIn();
        const entry = entryOf(id);
        const denied = authorize(actor, "edit", entry.pack.unit_id);
        if (denied) fail(denied.code, denied.message);
        const draftKey = `${id}|${actor.id}`;
        const changed = contentHash(content) !== contentHash(entry.pack.content);
        const stale = staleRevision(entry, base);
        if (stale && (changed || stale.code !== "pack.conflict")) {
          // Refused content stays as the user's draft, based on what they loaded: nothing typed is lost.
          if (stale.code === "pack.conflict") {
            drafts.set(draftKey, { pack_id: id, base_revision: base, content: clone(content), saved_at: now() });
          }
          throw stale;
        }
        if (changed) {
          const { to } = take("edit", id);
          const from = entry.pack.state;
          writeRevision(entry, content, actor.id);
          if (from === "signed" && entry.pack.signature) {
            record(actor.id, "pack.signature_void", entry.pack, { reason: "edited after signing" });
            entry.pack.signature = null;
          }
          entry.pack.state = to;
          record(actor.id, "pack.save", entry.pack, { from, to });
        }
        // As Store::save_as: the saved content replaces the user's autosaved draft.
        drafts.delete(draftKey);
        return { pack_id: id, revision: entry.pack.revision, content_hash: contentHash(entry.pack.content), changed };
      }),
    saveDraft: (id, baseRevision, content) =>
      settle(() => {
        const actor = signedIn();
        entryOf(id);
        const saved_at = now();
        drafts.set(`${id}|${actor.id}`, { pack_id: id, base_revision: baseRevision, content: clone(content), saved_at });
        return saved_at;
      }),
    discardDraft: (id) =>
      settle(() => {
        const actor = signedIn();
        drafts.delete(`${id}|${actor.id}`);
      }),
    createPack: (id, policy) =>
      settle(() => {
        const actor = signedIn();
        // As create_pack: authorize(user, Edit, Some(user's unit)).
        const denied = authorize(actor, "edit", actor.unit_id);
        if (denied) fail(denied.code, denied.message);
        const clean = id.trim();
        if (clean === "" || !/^[A-Za-z0-9._-]+$/.test(clean)) {
          fail("pack.bad_id", "编号只能使用英文字母、数字、“-”“_”“.”，且不能为空。\nThe id may use only letters, digits, '-', '_' and '.', and cannot be empty.", "id");
        }
        if (packs.has(clean)) fail("pack.exists", `解读包“${clean}”已存在。\nThe pack ${clean} already exists.`, "id");
        const pack: Pack = {
          id: clean,
          unit_id: actor.unit_id,
          state: "drafting",
          revision: 1,
          content: {
            policy: serializedPolicy(clone(policy)),
            plan: null,
            materials: { text: null, charts: [], qa: [], press_lines: [], images: [] },
          },
          signature: null,
          deployment: null,
        };
        const entry = addPack(pack, actor.id, now());
        record(actor.id, "pack.create", entry.pack, { title: policy.title });
        return { pack_id: clean, revision: 1, content_hash: contentHash(pack.content), changed: true };
      }),

    chartPreview: (spec) =>
      settle(() => {
        validateChart(spec);
        return chartSvg(spec);
      }),
    pasteChartData: (text, layout) => settle(() => parsePaste(text, layout ?? "auto")),

    addMediaFile: (file, onProgress) =>
      settleAsync(async () => {
        signedIn();
        // As media_upload_begin: refused before a byte is sent.
        checkDeclaredSize(file.name, file.size);
        const bytes = await blobBytes(file);
        const chunk = 4 * 1024 * 1024;
        onProgress?.(0, bytes.length);
        for (let sent = 0; sent < bytes.length; ) {
          sent = Math.min(sent + chunk, bytes.length);
          // Each piece a moment apart with a delay, so the dev page shows the progress bar moving.
          if (options.delayMs) await new Promise<void>((resolve) => setTimeout(resolve, Math.min(options.delayMs ?? 0, 50)));
          else await Promise.resolve();
          onProgress?.(sent, bytes.length);
        }
        return storeMedia(bytes, file.name);
      }),
    addDroppedMedia: (path) =>
      settleAsync(async () => {
        signedIn();
        if (!dropped.has(path)) {
          fail("media.not_dropped", `只能添加拖放到窗口中的文件：${path}\nOnly files dropped on the window can be added: ${path}`, path);
        }
        return storeMedia(droppedFileBytes(path), path.split(/[\\/]/).pop() ?? path);
      }),
    mediaUrl: (sha256) => mediaUrlOf(sha256),
    playableUrl: (sha256) => Promise.resolve(mediaUrlOf(sha256)),

    submitPack: (id, revision) =>
      settle(() => {
        requireCurrent(entryOf(id), revision);
        const { entry, actor, to } = take("submit", id);
        const from = entry.pack.state;
        entry.pack.state = to;
        entry.updated_at = now();
        record(actor.id, "pack.submit", entry.pack, { from, to });
        return outcome(entry, "submit", from);
      }),
    returnPack: (id, revision, part, comment) =>
      settle(() => {
        const entry = entryOf(id);
        if (!validPart(part, entry.pack.content)) {
          fail("comment.bad_part", `无法识别的位置“${part}”。\nUnknown part ${part}.`, "part");
        }
        if (comment.trim() === "") fail("comment.empty", "退回时请写明意见。\nWrite a comment when returning a pack.", "comment");
        requireCurrent(entry, revision);
        const { actor, to } = take("return", id);
        const from = entry.pack.state;
        const c: Comment = {
          id: commentSeq++,
          pack_id: id,
          revision: entry.pack.revision,
          author: actor.id,
          part: part.trim(),
          body: comment.trim(),
          created_at: now(),
          resolved_at: null,
          resolved_by: null,
          resolved_revision: null,
        };
        comments.push(c);
        entry.pack.state = to;
        entry.lastReviewed = entry.pack.revision;
        entry.updated_at = now();
        record(actor.id, "pack.return", entry.pack, { part: c.part, comment_id: c.id });
        return outcome(entry, "return", from);
      }),
    listComments: (id) => settle(() => comments.filter((c) => c.pack_id === id)),
    resolveComment: (id, commentId) =>
      settle(() => {
        const { entry, actor } = take("resolve_comment", id);
        const c = comments.find((x) => x.pack_id === id && x.id === commentId);
        if (!c) fail("comment.not_found", `没有编号为 ${commentId} 的意见。\nThere is no comment ${commentId}.`);
        c.resolved_at = now();
        c.resolved_by = actor.id;
        c.resolved_revision = entry.pack.revision;
        record(actor.id, "pack.resolve_comment", entry.pack, { comment_id: commentId, part: c.part });
        return c;
      }),
    reviewDisclosure: (id, revision, approve, comment) =>
      settle(() => {
        requireCurrent(entryOf(id), revision);
        const { entry, actor } = take("review_disclosure", id);
        const content = clone(entry.pack.content);
        content.policy.disclosure.review = { reviewer: actor.id, reviewed_at: now(), approved: approve, comment: comment.trim() };
        writeRevision(entry, content, actor.id);
        record(actor.id, "pack.review_disclosure", entry.pack, { approved: approve, comment: comment.trim() });
        return { pack_id: id, revision: entry.pack.revision, content_hash: contentHash(content), changed: true };
      }),
    signPack: (id, revision, comment) =>
      settle(() => {
        // As Store::sign: the step is checked first, then that the leader signs what they read.
        const { entry, actor, to } = take("sign", id);
        requireCurrent(entry, revision);
        const signature = signRecord(entry.pack, actor, comment.trim(), now());
        entry.pack.signature = signature;
        entry.pack.state = to;
        entry.lastReviewed = entry.pack.revision;
        entry.updated_at = now();
        record(actor.id, "pack.sign", entry.pack, { comment: comment.trim() });
        return signature;
      }),
    deployPack: (id, revision, channels, at) =>
      settle(() => {
        if (channels.length === 0) fail("deploy.no_channel", "请至少选择一个发布渠道。\nChoose at least one channel.", "channels");
        requireCurrent(entryOf(id), revision);
        const { entry, actor, to } = take("deploy", id);
        const when = at ? new Date(at) : new Date();
        if (Number.isNaN(when.getTime())) fail("deploy.bad_time", `无法识别的时间“${at}”。\nCannot read the time ${at}.`, "at");
        const unique: Channel[] = [...new Set(channels)];
        entry.pack.deployment = {
          deployed_by: actor.id,
          policy_released_at: when.toISOString(),
          interpretation_released_at: when.toISOString(),
          channels: unique,
          content_hash: contentHash(entry.pack.content),
        };
        entry.pack.state = to;
        entry.updated_at = now();
        record(actor.id, "pack.deploy", entry.pack, { channels: unique });
        return entry.pack.deployment;
      }),
    diffSinceReview: (id) =>
      settle(() => {
        const entry = entryOf(id);
        const from = entry.lastReviewed ?? Math.max(entry.pack.revision - 1, 1);
        const old = entry.revisions.find((r) => r.revision === from)?.content ?? entry.pack.content;
        return { from, to: entry.pack.revision, since_review: entry.lastReviewed !== null, changes: diffContents(old, entry.pack.content) };
      }),
    diffAgainstCurrent: (id, content) =>
      settle(() => {
        const entry = entryOf(id);
        const current = entry.pack.revision;
        return { from: current, to: current, since_review: false, changes: diffContents(entry.pack.content, content) };
      }),
    listRevisions: (id) =>
      settle(() =>
        entryOf(id).revisions.map(
          (r): RevisionInfo => ({ revision: r.revision, content_hash: contentHash(r.content), author: r.author, created_at: r.created_at }),
        ),
      ),

    exportPdf: (id) =>
      settle(() => {
        signedIn();
        const pages = pdfPages(entryOf(id).pack);
        return { path: `${OUTPUT_DIR}/${id}.pdf`, bytes: 180_000 + pages.length * 23_000, pages: pages.length, fallback_chars: "" };
      }),
    exportOfd: (id) =>
      settle(() => {
        signedIn();
        const pages = pdfPages(entryOf(id).pack);
        return { path: `${OUTPUT_DIR}/${id}.ofd`, bytes: 150_000 + pages.length * 18_000, pages: pages.length, fallback_chars: "" };
      }),
    previewPdf: (id) =>
      settle(() => {
        signedIn();
        return pdfPages(entryOf(id).pack);
      }),
    exportKit: (id, _contact) =>
      new Promise((resolve, reject) => {
        const refuse = (e: unknown) => (options.delayMs ? setTimeout(() => reject(e), options.delayMs) : queueMicrotask(() => reject(e)));
        let pack: Pack;
        try {
          const actor = signedIn();
          pack = entryOf(id).pack;
          const denied = authorize(actor, "export", pack.unit_id);
          if (denied) fail(denied.code, denied.message);
          if ((pack.state !== "signed" && pack.state !== "deployed") || !pack.signature) {
            fail("render.kit_unsigned", `解读包“${id}”尚未审签（当前：${pack.state}），不能导出媒体包。\nThe pack ${id} is not signed (${pack.state}); no media kit can be exported.`);
          }
        } catch (e) {
          refuse(e);
          return;
        }
        cancelRequested = false;
        const files = KIT_FILES(id, pack);
        let done = 0;
        const step = () => {
          if (cancelRequested) {
            reject({ code: "render.cancelled", message: "导出已取消，未生成任何文件。\nThe export was cancelled; no file was written." } satisfies IpcError);
            return;
          }
          const file = files[done]!;
          done += 1;
          for (const h of kitHandlers) h({ pack_id: id, done, total: files.length, file });
          if (done < files.length) setTimeout(step, kitStepMs);
          else {
            resolve({ path: `${OUTPUT_DIR}/${id}-media-kit.zip`, bytes: 2_400_000, pages: null, fallback_chars: "" });
          }
        };
        setTimeout(step, kitStepMs);
      }),
    cancelExport: () =>
      settle(() => {
        cancelRequested = true;
      }),
    outputFolder: () => settle(() => OUTPUT_DIR),
    openOutputFolder: () => settle(() => undefined),
    onKitProgress: (handler) => {
      kitHandlers.add(handler);
      return Promise.resolve(() => void kitHandlers.delete(handler));
    },

    packAudit: (id) => settle(() => audit.filter((e) => e.pack_id === id)),
    verifyAudit: () => settle(() => ({ rows: audit.length, first_broken: null })),
    listPeople: () =>
      settle(() => ({
        units,
        users: users.map(
          (u): UserInfo => ({ ...u, public_key: u.id === "admin" ? null : contentHash({ u: u.id } as unknown as PackContent).slice(7) }),
        ),
      })),

    importPasted: (text, corrections) =>
      settle(() => {
        if (text.trim() === "") fail("import.empty", "没有可导入的文字。\nThere is no text to import.", "text");
        return importText(text, corrections);
      }),
    importDropped: (path, corrections) =>
      settle(() => {
        if (!dropped.has(path)) {
          fail("import.not_dropped", `只能导入拖放到窗口中的文件：${path}\nOnly files dropped on the window can be imported: ${path}`, path);
        }
        const result = importText(SAMPLE_DROPPED_TEXT, corrections);
        result.report.kind = path.endsWith(".docx") ? "docx" : path.endsWith(".md") ? "markdown" : "txt";
        return result;
      }),
    onFilesDropped: (handler) => {
      dropHandlers.add(handler);
      return Promise.resolve(() => void dropHandlers.delete(handler));
    },
    uiReady: () => settle(() => undefined),

    packDeadlinesToday: (id) =>
      settle(() => {
        entryOf(id);
        return mockDeadlines(id);
      }),
    exportPortal: (id) =>
      settle(() => {
        signedIn();
        const pack = entryOf(id).pack;
        // As jiedu-render's portal_package: only signed content is published.
        if (!pack.signature) {
          fail(
            "portal.not_ready",
            `解读包“${id}”尚未审签，门户发布包只能由已审签的内容生成\nPack ${id} is not signed; only signed content is published`,
            "state",
          );
        }
        return { path: `${OUTPUT_DIR}/${id}.portal.zip`, bytes: 96_000 + pack.content.materials.charts.length * 40_000, pages: 3, fallback_chars: "" };
      }),
    listConcerns: () =>
      settle(() => [...concerns].sort((a, b) => b.started_at.localeCompare(a.started_at) || b.id.localeCompare(a.id)).map(concernView)),
    addConcern: (input) =>
      settle(() => {
        const actor = mayRecordConcern();
        const what = requireText(input.what, "what", "请写明关切的内容", "say what the concern is");
        const source = requireText(input.source, "source", "请写明来源（如微博、媒体报道）", "give the source");
        const started = concernTime(input.started_at, "started_at");
        const pack = input.pack_id ? entryOf(input.pack_id).pack : null;
        const unit = pack?.unit_id ?? input.unit_id ?? actor.unit_id;
        knownUnit(unit, "unit_id");
        const day = started.toISOString().slice(0, 10).replace(/-/g, "");
        const concern: PublicConcern = {
          id: `gz-${day}-${String(concerns.length + 1).padStart(4, "0")}`,
          pack_id: pack?.id ?? null,
          unit_id: unit,
          what,
          started_at: started.toISOString(),
          severity: input.severity,
          source,
          recorded_by: actor.id,
          responses: [],
        };
        concerns.push(concern);
        record(actor.id, "concern.add", pack, { id: concern.id, what, severity: concern.severity, source, unit_id: unit });
        return concernView(concern);
      }),
    respondConcern: (id, response) =>
      settle(() => {
        const actor = mayRecordConcern();
        const what = requireText(response.what, "what", "请写明回应内容", "say what was released or said");
        const where = requireText(response.where, "where", "请写明回应渠道或地点", "say where");
        const at = concernTime(response.at, "at");
        const concern = concerns.find((c) => c.id === id);
        if (!concern) fail("concern.not_found", `没有编号为“${id}”的社会关切。请用 jiedu concern list 查看。\nThere is no concern ${id}; see jiedu concern list.`, "id");
        if (at < new Date(concern.started_at)) {
          fail("concern.invalid", "社会关切的 at 有误：回应时间早于关切开始时间 / the response is before the concern started\nThe concern's at is wrong.", "at");
        }
        if (!mockClocks(concern, settingsOf(concern.unit_id), new Date()).some((c) => c.kind === response.clock)) {
          fail("concern.invalid", "社会关切的 clock 有误：此关切没有这项时限 / this concern has no such clock\nThe concern's clock is wrong.", "clock");
        }
        concern.responses.push({ clock: response.clock, what, where, at: at.toISOString(), by: actor.id });
        const pack = concern.pack_id ? (packs.get(concern.pack_id)?.pack ?? null) : null;
        record(actor.id, "concern.respond", pack, { id, clock: response.clock, what, where });
        return concernView(concern);
      }),
    annualFigures: (year, unit) =>
      settle(() => {
        signedIn();
        if (unit !== null) knownUnit(unit, "unit");
        const report = mockReport(year, unit);
        return { report, charts: mockReportCharts(report) };
      }),
    calendarYears: () =>
      settle(() => {
        const years = new Map(BUNDLED_CALENDAR.map((y) => [y.year, { year: y, imported: false }]));
        for (const [n, y] of importedYears) years.set(n, { year: y, imported: true });
        return [...years.values()].sort((a, b) => a.year.year - b.year.year);
      }),
    importCalendar: (name, text) =>
      settle(() => {
        // The mock reads the file; checking the notice's days (CalendarYear::validate) is the core's.
        let year: CalendarYear;
        try {
          year = JSON.parse(text) as CalendarYear;
        } catch (e) {
          const detail = e instanceof Error ? e.message : String(e);
          return fail("calendar.invalid", `日历文件 ${name} 无法读取：${detail}\nCalendar file ${name} does not parse: ${detail}`, "file");
        }
        if (typeof year !== "object" || year === null || typeof year.year !== "number" || !Array.isArray(year.holidays) || !Array.isArray(year.workdays)) {
          fail("calendar.invalid", `日历文件 ${name} 无法读取：缺少 year、holidays 或 workdays\nCalendar file ${name} does not parse: year, holidays or workdays missing`, "file");
        }
        const actor = mayManageSettings();
        importedYears.set(year.year, clone(year));
        record(actor.id, "calendar.import", null, { year: year.year, source: year.source });
        return year;
      }),
    unitSettings: (unit) =>
      settle(() => {
        knownUnit(unit, "unit");
        return settingsOf(unit);
      }),
    setUnitSettings: (unit, settings) =>
      settle(() => {
        // Permission as the core answers it; the values' ranges (UnitSettings::validate) are not
        // checked here.
        const actor = mayManageSettings();
        knownUnit(unit, "unit");
        unitSettings.set(unit, clone(settings));
        record(actor.id, "unit.settings", null, { unit_id: unit, settings: clone(settings) as unknown as Record<string, unknown> });
        return settings;
      }),

    simulateDrop(paths) {
      for (const p of paths) dropped.add(p);
      for (const h of dropHandlers) h(paths);
    },
    otherDesk(userId) {
      const desk = users.find((u) => u.id === userId);
      if (!desk) throw new Error(`otherDesk: no user ${userId}`);
      const calls = backend as unknown as Record<string, (...args: unknown[]) => unknown>;
      const other: Record<string, (...args: unknown[]) => unknown> = {};
      for (const [name, method] of Object.entries(calls)) {
        if (name === "otherDesk" || name === "simulateDrop") continue;
        other[name] = (...args) => {
          const outer = deskUser;
          deskUser = desk;
          try {
            return method(...args);
          } finally {
            deskUser = outer;
          }
        };
      }
      return other as unknown as Backend;
    },
  };

  function backendUser(u: User) {
    return {
      user: u,
      unit_name: unitName(u.unit_id),
      role_zh: ROLE_ZH[u.role],
      actions: roleActions(u),
    };
  }

  return backend;
}

/**
 * Development only: mock settings from the page's query string, so every screen can be opened
 * (and screenshotted) directly, e.g. `?as=zhang.wei&draft=seed-openness#/pack/seed-openness/editor`.
 * `as`: signed in as this user; `draft`: an autosaved draft of this pack for that user;
 * `delay`: answer delay in ms; `server`: start connected to a team server at this URL.
 */
export function mockOptionsFromQuery(search: string): MockBackendOptions {
  const q = new URLSearchParams(search);
  const options: MockBackendOptions = {};
  const as = q.get("as");
  if (as) options.signedInAs = as;
  const delay = q.get("delay");
  if (delay !== null && Number.isFinite(Number(delay))) options.delayMs = Number(delay);
  const server = q.get("server");
  if (server) {
    options.connection = {
      mode: "server",
      database: null,
      server_url: server,
      ca_path: "/home/demo/jiedu/ca.pem",
      ca_fingerprint: MOCK_CA_FINGERPRINT,
      pinned_admin: { ...MOCK_PINNED_ADMIN },
    };
  }
  const draftOf = q.get("draft");
  if (as && draftOf) {
    const pack = demoPacks().find((p) => p.id === draftOf);
    if (pack) {
      pack.content.policy.title = `${pack.content.policy.title}（修改稿）`;
      options.drafts = [
        { userId: as, draft: { pack_id: draftOf, base_revision: 1, content: pack.content, saved_at: new Date(Date.now() - 3_600_000).toISOString() } },
      ];
    }
  }
  return options;
}

/**
 * As the shell's kit_allowed: the core's authorize(Export), then jiedu-render's kit_record
 * (a signature, and the pack signed or deployed).
 */
function kitAvailability(actor: User, pack: Pack): KitAvailability {
  const denied = authorize(actor, "export", pack.unit_id);
  if (denied) return { allowed: false, code: denied.code, reason: denied.message };
  if (!pack.signature || (pack.state !== "signed" && pack.state !== "deployed")) {
    return { allowed: false, code: "kit.unsigned", reason: "解读包尚未审签，不能导出媒体包。\nThe pack is not signed; no media kit can be made." };
  }
  return { allowed: true, code: null, reason: null };
}
