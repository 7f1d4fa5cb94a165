import { invoke, isTauri } from "@tauri-apps/api/core";
import type { Checklist, IpcError, PackSummary } from "../types/ipc";

export type { IpcError } from "../types/ipc";

/** Everything the UI asks of the Rust side. */
export interface Backend {
  listPacks(): Promise<PackSummary[]>;
  checkPack(id: string): Promise<Checklist>;
}

/** Error codes produced by the front end itself (the backend defines its own). */
export const UI_ERROR_CODES = {
  /** Not running inside the Tauri shell, so there is nobody to answer. */
  backendUnavailable: "backend_unavailable",
  /** The backend failed in a way that did not follow the `IpcError` shape. */
  internal: "internal",
} as const;

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

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  if (!isTauri()) {
    throw {
      code: UI_ERROR_CODES.backendUnavailable,
      message: `${command}: not running inside Tauri`,
    } satisfies IpcError;
  }
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

/** The real backend: Tauri commands implemented in src-tauri. Rejects with an `IpcError`. */
export function createTauriBackend(): Backend {
  return {
    listPacks: () => call<PackSummary[]>("list_packs"),
    checkPack: (id) => call<Checklist>("check_pack", { id }),
  };
}
