import { convertFileSrc, invoke, isTauri, type InvokeArgs, type InvokeOptions } from "@tauri-apps/api/core";
import type {
  Account,
  AddedMedia,
  CalendarYear,
  CalendarYearView,
  ConcernResponse,
  ConcernView,
  Deadline,
  KitProgressEvent,
  AuditEvent,
  AuditVerification,
  Channel,
  ChartSpec,
  Checklist,
  Comment,
  Connection,
  Corrections,
  Deployment,
  ExportedFile,
  ImportResult,
  IpcError,
  NewConcern,
  PackContent,
  PackDiff,
  PackListItem,
  PackView,
  PastedData,
  PasteLayout,
  People,
  Policy,
  ReportView,
  RevisionInfo,
  SavedRevision,
  SearchHit,
  SignRecord,
  SignedInUser,
  StepOutcome,
  UnitSettings,
} from "../types/ipc";

import { blobBytes } from "../media";

export type { IpcError } from "../types/ipc";

/**
 * Everything the UI asks of the Rust side: one method per Tauri command (src-tauri/src/commands).
 * Every method rejects with an `IpcError`. Rules live in Rust; the UI only shows their answers.
 */
export interface Backend {
  // connection.rs — the choice is remembered per computer by the Rust side.
  /** What the app is connected to now: this computer's database or a team server. */
  connectionInfo(): Promise<Connection>;
  /**
   * Connects to a team server, trusting only the CA certificate (PEM, made by `jiedu serve`) at
   * `caPath`. From then on every command (accounts, sign-in, packs) goes to the server.
   */
  connectServer(url: string, caPath: string): Promise<Connection>;
  /** Back to this computer's database. */
  useLocal(): Promise<Connection>;
  /** Every change committed by anyone, as its audit event (`jiedu://audit`). */
  onAuditEvent(handler: (e: AuditEvent) => void): Promise<() => void>;
  // session.rs
  listAccounts(): Promise<Account[]>;
  signIn(userId: string, passphrase: string): Promise<SignedInUser>;
  signOut(): Promise<void>;
  currentUser(): Promise<SignedInUser | null>;
  // packs.rs
  listPacks(): Promise<PackListItem[]>;
  searchPacks(query: string): Promise<SearchHit[]>;
  getPack(id: string): Promise<PackView>;
  checkPack(id: string): Promise<Checklist>;
  /** The live checklist of unsaved editor content. */
  checkContent(id: string, content: PackContent): Promise<Checklist>;
  /**
   * Saves `content` as the next revision of `base`, the revision the editor loaded. If `base` is
   * no longer current it rejects with `pack.conflict` (see `CONFLICT_CODE`) and the content is
   * kept as the user's draft; an unknown `base` rejects with `pack.no_such_revision`.
   */
  savePack(id: string, base: number, content: PackContent): Promise<SavedRevision>;
  /** Autosave: keeps unsaved content as the user's draft; resolves to the RFC 3339 time kept. */
  saveDraft(id: string, baseRevision: number, content: PackContent): Promise<string>;
  discardDraft(id: string): Promise<void>;
  createPack(id: string, policy: Policy): Promise<SavedRevision>;
  // charts.rs
  /** SVG markup of the chart; show it as an <img> data URL, never as HTML. */
  chartPreview(spec: ChartSpec): Promise<string>;
  pasteChartData(text: string, layout?: PasteLayout): Promise<PastedData>;
  // media.rs — images, audio and video for the materials (图片与音视频). Each call only stores the
  // bytes and answers the reference; the editor puts it into the content, saved with the pack.
  /** Stores a file the user picked or dropped on the section: its content is checked in Rust (type by content, size, GPS stripped). Progress in bytes. */
  addMediaFile(file: File, onProgress?: (sent: number, total: number) => void): Promise<AddedMedia>;
  /** A file dropped on the window (a path from onFilesDropped). */
  addDroppedMedia(path: string): Promise<AddedMedia>;
  /** The URL the webview loads a stored file from (custom protocol, never a file path). */
  mediaUrl(sha256: string): string;
  /** A URL an `<audio>` or `<video>` element plays: WebKitGTK's media player cannot read a custom protocol (WebKit bug 146351), so the bytes are fetched through it into a blob URL (to revoke with URL.revokeObjectURL), up to PLAYABLE_IN_MEMORY bytes; larger files get the protocol URL. */
  playableUrl(sha256: string, byteLen: number): Promise<string>;
  // workflow.rs — every step names the revision it acts on (the one the view showed) and is
  // refused with `pack.conflict` if that is no longer current: a leader signs what they read.
  submitPack(id: string, revision: number): Promise<StepOutcome>;
  /** `part`: `pack`, `policy`, `plan`, `policy.sections[N]`, `text.sections[N]`, `chart:ID`, `qa:ID`. */
  returnPack(id: string, revision: number, part: string, comment: string): Promise<StepOutcome>;
  listComments(id: string): Promise<Comment[]>;
  resolveComment(id: string, commentId: number): Promise<Comment>;
  reviewDisclosure(id: string, revision: number, approve: boolean, comment: string): Promise<SavedRevision>;
  signPack(id: string, revision: number, comment: string): Promise<SignRecord>;
  /** `at`: RFC 3339; omitted means now. */
  deployPack(id: string, revision: number, channels: Channel[], at?: string): Promise<Deployment>;
  diffSinceReview(id: string): Promise<PackDiff>;
  /** Per part, what `content` changes from the pack's current revision (`from` = `to` = current). */
  diffAgainstCurrent(id: string, content: PackContent): Promise<PackDiff>;
  listRevisions(id: string): Promise<RevisionInfo[]>;
  // export.rs
  exportPdf(id: string): Promise<ExportedFile>;
  /** The OFD (GB/T 33190) of the same pages as the PDF. */
  exportOfd(id: string): Promise<ExportedFile>;
  /** PNG data URLs, one per page, of the same layout the PDF has. */
  previewPdf(id: string): Promise<string[]>;
  /** Progress arrives through `onKitProgress`. */
  exportKit(id: string, contact: string): Promise<ExportedFile>;
  cancelExport(): Promise<void>;
  outputFolder(): Promise<string>;
  openOutputFolder(): Promise<void>;
  onKitProgress(handler: (p: KitProgressEvent) => void): Promise<() => void>;
  // audit.rs, people.rs
  packAudit(id: string): Promise<AuditEvent[]>;
  verifyAudit(): Promise<AuditVerification>;
  listPeople(): Promise<People>;
  // import.rs — `corrections`: the user's "this line is the title / is junk" marks on the detected
  // frame; the text is read again honouring them. Omitted: the import as detected.
  importPasted(text: string, corrections?: Corrections): Promise<ImportResult>;
  /** Only paths the user dropped on the window are accepted (see `onFilesDropped`). */
  importDropped(path: string, corrections?: Corrections): Promise<ImportResult>;
  onFilesDropped(handler: (paths: string[]) => void): Promise<() => void>;
  // publication.rs — deadlines, the portal package, public concerns, annual figures, the
  // working-day calendar and unit settings. Every rule (working days, clocks, rates) is Rust's.
  /** The pack's deadlines today (planned release, interpretation, proactive disclosure). */
  packDeadlinesToday(id: string): Promise<Deadline[]>;
  /** Writes `<id>.portal.zip`, the portal publication package, into the output folder (signed packs only). */
  exportPortal(id: string): Promise<ExportedFile>;
  /** Every public concern with its clocks as they stand now, newest first. */
  listConcerns(): Promise<ConcernView[]>;
  /** A press officer records a concern; its clocks start at `started_at`. */
  addConcern(concern: NewConcern): Promise<ConcernView>;
  /** A press officer records a response, closing the clock it answers (`by` is filled in by the backend). */
  respondConcern(id: string, response: ConcernResponse): Promise<ConcernView>;
  /** The year's figures (for one unit, or all when `unit` is null), with their charts as SVG. */
  annualFigures(year: number, unit: string | null): Promise<ReportView>;
  /** The calendar years loaded, bundled or imported. */
  calendarYears(): Promise<CalendarYearView[]>;
  /** An admin imports a calendar year from the text of its JSON file (`name`: the file's name, for errors). */
  importCalendar(name: string, text: string): Promise<CalendarYear>;
  unitSettings(unit: string): Promise<UnitSettings>;
  /** An admin sets a unit's settings; a refusal names the field (e.g. `portal.org_code`). */
  setUnitSettings(unit: string, settings: UnitSettings): Promise<UnitSettings>;
  // startup.rs
  /** Tells the shell the first screen is painted (start-up measurement). */
  uiReady(): Promise<void>;
}

/** Error codes produced by the front end itself (the backend defines its own). */
export const UI_ERROR_CODES = {
  /** Not running inside the Tauri shell, so there is nobody to answer. */
  backendUnavailable: "backend_unavailable",
  /** The backend failed in a way that did not follow the `IpcError` shape. */
  internal: "internal",
} as const;

/** The Tauri event carrying each committed change's audit event. */
export const AUDIT_EVENT = "jiedu://audit";

/** The backend's code for a save or step based on a revision that is no longer current. */
export const CONFLICT_CODE = "pack.conflict";

/** Whether an error is a revision conflict: the pack changed since the view loaded it. */
export function isConflict(error: IpcError | null | undefined): boolean {
  return error?.code === CONFLICT_CODE;
}

/** Whether a value has the `IpcError` shape. */
export function isIpcError(value: unknown): value is IpcError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === "string" &&
    typeof v.message === "string" &&
    (v.field === undefined || typeof v.field === "string")
  );
}

/** Turns anything thrown by a backend call into an `IpcError`. */
export function toIpcError(error: unknown): IpcError {
  if (isIpcError(error)) {
    const out: IpcError = { code: error.code, message: error.message };
    if (error.field !== undefined) out.field = error.field;
    return out;
  }
  const message =
    error instanceof Error ? error.message : typeof error === "string" ? error : String(error);
  return { code: UI_ERROR_CODES.internal, message };
}

async function call<T>(command: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T> {
  if (!isTauri()) {
    throw {
      code: UI_ERROR_CODES.backendUnavailable,
      message: `${command}: not running inside Tauri`,
    } satisfies IpcError;
  }
  try {
    return await (options === undefined ? invoke<T>(command, args) : invoke<T>(command, args, options));
  } catch (error) {
    throw toIpcError(error);
  }
}

/** The size of each piece of an upload: small enough for one IPC message, big enough to be quick. */
export const MEDIA_CHUNK_BYTES = 4 * 1024 * 1024;

/** The custom protocol the shell serves stored media files on (`jiedu-media://localhost/<sha256>`). */
export const MEDIA_SCHEME = "jiedu-media";

/**
 * Sends `file` to the shell in pieces (a raw body each, never a path the webview chose), then
 * asks it to check and store the whole. A failed upload is cancelled so no staging file stays.
 */
/** Largest audio or video file played from memory in the editor's preview (see playableUrl). */
export const PLAYABLE_IN_MEMORY = 256 * 1024 * 1024;

async function playableUrl(url: string, byteLen: number): Promise<string> {
  if (byteLen > PLAYABLE_IN_MEMORY) return url;
  try {
    const response = await fetch(url);
    if (!response.ok) return url;
    return URL.createObjectURL(await response.blob());
  } catch {
    // The element then reports its own error; nothing is lost.
    return url;
  }
}

async function uploadMedia(file: File, onProgress?: (sent: number, total: number) => void): Promise<AddedMedia> {
  const total = file.size;
  const uploadId = await call<string>("media_upload_begin", { fileName: file.name, byteLen: total });
  try {
    let offset = 0;
    onProgress?.(0, total);
    while (offset < total) {
      const end = Math.min(offset + MEDIA_CHUNK_BYTES, total);
      const bytes = await blobBytes(file.slice(offset, end));
      const received = await call<number>("media_upload_chunk", bytes, {
        headers: { "x-upload-id": uploadId, "x-offset": String(offset) },
      });
      // The shell answers the bytes it holds; anything but progress would loop for ever.
      if (!(received > offset && received <= total)) {
        throw { code: UI_ERROR_CODES.internal, message: `media_upload_chunk: ${received} of ${total} bytes after ${offset}` } satisfies IpcError;
      }
      offset = received;
      onProgress?.(offset, total);
    }
    return await call<AddedMedia>("media_upload_finish", { uploadId });
  } catch (error) {
    await call("media_upload_cancel", { uploadId }).catch(() => undefined);
    throw toIpcError(error);
  }
}

/** The real backend: Tauri commands implemented in src-tauri. Rejects with an `IpcError`. */
export function createTauriBackend(): Backend {
  return {
    connectionInfo: () => call("connection_info"),
    connectServer: (url, caPath) => call("connect_server", { url, caPath }),
    useLocal: () => call("use_local"),
    onAuditEvent: async (handler) => {
      const { listen } = await import("@tauri-apps/api/event");
      return listen<AuditEvent>(AUDIT_EVENT, (e) => handler(e.payload));
    },
    listAccounts: () => call("list_accounts"),
    signIn: (userId, passphrase) => call("sign_in", { userId, passphrase }),
    signOut: () => call("sign_out"),
    currentUser: () => call("current_user"),
    listPacks: () => call("list_packs"),
    searchPacks: (query) => call("search_packs", { query }),
    getPack: (id) => call("get_pack", { id }),
    checkPack: (id) => call("check_pack", { id }),
    checkContent: (id, content) => call("check_content", { id, content }),
    savePack: (id, base, content) => call("save_pack", { id, base, content }),
    saveDraft: (id, baseRevision, content) => call("save_draft", { id, baseRevision, content }),
    discardDraft: (id) => call("discard_draft", { id }),
    createPack: (id, policy) => call("create_pack", { id, policy }),
    chartPreview: (spec) => call("chart_preview", { spec }),
    pasteChartData: (text, layout) => call("paste_chart_data", { text, layout: layout ?? null }),
    addMediaFile: (file, onProgress) => uploadMedia(file, onProgress),
    addDroppedMedia: (path) => call("add_dropped_media", { path }),
    mediaUrl: (sha256) => convertFileSrc(sha256, MEDIA_SCHEME),
    playableUrl: (sha256, byteLen) => playableUrl(convertFileSrc(sha256, MEDIA_SCHEME), byteLen),
    submitPack: (id, revision) => call("submit_pack", { id, revision }),
    returnPack: (id, revision, part, comment) => call("return_pack", { id, revision, part, comment }),
    listComments: (id) => call("list_comments", { id }),
    resolveComment: (id, commentId) => call("resolve_comment", { id, commentId }),
    reviewDisclosure: (id, revision, approve, comment) =>
      call("review_disclosure", { id, revision, approve, comment }),
    signPack: (id, revision, comment) => call("sign_pack", { id, revision, comment }),
    deployPack: (id, revision, channels, at) => call("deploy_pack", { id, revision, channels, at: at ?? null }),
    diffSinceReview: (id) => call("diff_since_review", { id }),
    diffAgainstCurrent: (id, content) => call("diff_against_current", { id, content }),
    listRevisions: (id) => call("list_revisions", { id }),
    exportPdf: (id) => call("export_pdf", { id }),
    exportOfd: (id) => call("export_ofd", { id }),
    previewPdf: (id) => call("preview_pdf", { id }),
    exportKit: (id, contact) => call("export_kit", { id, contact }),
    cancelExport: () => call("cancel_export"),
    outputFolder: () => call("output_folder"),
    openOutputFolder: () => call("open_output_folder"),
    onKitProgress: async (handler) => {
      const { listen } = await import("@tauri-apps/api/event");
      return listen<KitProgressEvent>("kit-progress", (e) => handler(e.payload));
    },
    packAudit: (id) => call("pack_audit", { id }),
    verifyAudit: () => call("verify_audit"),
    listPeople: () => call("list_people"),
    importPasted: (text, corrections) => call("import_pasted", { text, corrections: corrections ?? null }),
    importDropped: (path, corrections) => call("import_dropped", { path, corrections: corrections ?? null }),
    onFilesDropped: async (handler) => {
      const { getCurrentWebview } = await import("@tauri-apps/api/webview");
      return getCurrentWebview().onDragDropEvent((e) => {
        if (e.payload.type === "drop") handler(e.payload.paths);
      });
    },
    packDeadlinesToday: (id) => call("pack_deadlines_today", { id }),
    exportPortal: (id) => call("export_portal", { id }),
    listConcerns: () => call("list_concerns"),
    addConcern: (concern) => call("add_concern", { concern }),
    respondConcern: (id, response) => call("respond_concern", { id, response }),
    annualFigures: (year, unit) => call("annual_figures", { year, unit }),
    calendarYears: () => call("calendar_years"),
    importCalendar: (name, text) => call("import_calendar", { name, text }),
    unitSettings: (unit) => call("unit_settings", { unit }),
    setUnitSettings: (unit, settings) => call("set_unit_settings", { unit, settings }),
    uiReady: () => call("ui_ready"),
  };
}
