import { ref } from "vue";
import { toIpcError, type IpcError } from "../backend";
import { useDebounced } from "./useDebounced";

export type AutosaveStatus =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "error"; error: IpcError };

/**
 * Autosave: `touch()` after every change; `save` runs once `delayMs` have passed without
 * another change. `flush()` saves a pending change now (when leaving the editor).
 */
export function useAutosave(save: () => Promise<string>, delayMs = 1500) {
  const status = ref<AutosaveStatus>({ kind: "idle" });
  let running: Promise<void> = Promise.resolve();

  async function run(): Promise<void> {
    status.value = { kind: "saving" };
    try {
      const at = await save();
      // A change made while saving keeps the status "pending" for the next round.
      if (!debounced.pending.value) status.value = { kind: "saved", at };
    } catch (error) {
      status.value = { kind: "error", error: toIpcError(error) };
    }
  }

  const debounced = useDebounced(() => {
    running = run();
  }, delayMs);

  return {
    status,
    touch(): void {
      status.value = { kind: "pending" };
      debounced.call();
    },
    /** Saves a pending change now and waits for it. */
    async flush(): Promise<void> {
      debounced.flush();
      await running;
    },
    /** Forgets a pending change (the content is back to what was saved). */
    cancel(): void {
      debounced.cancel();
      if (status.value.kind === "pending") status.value = { kind: "idle" };
    },
    /** After an explicit save: nothing is pending and no draft is current. */
    reset(): void {
      debounced.cancel();
      status.value = { kind: "idle" };
    },
    pending: debounced.pending,
  };
}
