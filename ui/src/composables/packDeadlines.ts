import { inject, provide, type InjectionKey, type Ref } from "vue";
import { useBackend } from "../backend/inject";
import type { Deadline } from "../types/ipc";
import { useAsync, type AsyncState } from "./useAsync";

const deadlinesKey: InjectionKey<Readonly<Ref<AsyncState<Deadline[]>>>> = Symbol("pack-deadlines");

/**
 * For the workspace: loads the pack's deadlines today (the backend counts them) and shares them
 * with its tabs; `reload` after a change to the pack.
 */
export function providePackDeadlines(packId: () => string) {
  const backend = useBackend();
  const deadlines = useAsync(() => backend.packDeadlinesToday(packId()));
  provide(deadlinesKey, deadlines.state);
  return deadlines;
}

/** The deadlines of the workspace's pack, or null outside a workspace. */
export function usePackDeadlines(): Readonly<Ref<AsyncState<Deadline[]>>> | null {
  return inject(deadlinesKey, null);
}
