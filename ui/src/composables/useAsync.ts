import { ref, type Ref } from "vue";
import { toIpcError, type IpcError } from "../backend";

export type AsyncState<T> =
  | { kind: "loading" }
  | { kind: "error"; error: IpcError }
  | { kind: "ready"; value: T };

/**
 * Loads something from the backend and keeps loading / error / ready state. Only the answer to
 * the latest `load()` is kept, however the answers arrive.
 */
export function useAsync<T>(load: () => Promise<T>, options: { immediate?: boolean } = {}) {
  const state = ref({ kind: "loading" }) as Ref<AsyncState<T>>;
  let latest = 0;

  async function reload(opts: { quiet?: boolean } = {}): Promise<void> {
    const request = ++latest;
    if (!opts.quiet || state.value.kind !== "ready") state.value = { kind: "loading" };
    try {
      const value = await load();
      if (request === latest) state.value = { kind: "ready", value };
    } catch (error) {
      if (request === latest) state.value = { kind: "error", error: toIpcError(error) };
    }
  }

  if (options.immediate !== false) void reload();
  return { state, reload };
}

/** Runs one backend action at a time, keeping its error for display. */
export function useAction() {
  const busy = ref(false);
  const error = ref<IpcError | null>(null);

  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    busy.value = true;
    error.value = null;
    try {
      return await action();
    } catch (e) {
      error.value = toIpcError(e);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
