import { inject, onBeforeUnmount, type InjectionKey } from "vue";

/** Work to finish before the user leaves (signs out): e.g. saving the editor's draft. */
export type LeaveTask = () => Promise<void>;

export interface LeaveGuards {
  add(task: LeaveTask): () => void;
  /** Runs every registered task, ignoring their failures. */
  runAll(): Promise<void>;
}

export const leaveGuardsKey: InjectionKey<LeaveGuards> = Symbol("leave-guards");

export function createLeaveGuards(): LeaveGuards {
  const tasks = new Set<LeaveTask>();
  return {
    add(task) {
      tasks.add(task);
      return () => void tasks.delete(task);
    },
    async runAll() {
      await Promise.allSettled([...tasks].map((t) => t()));
    },
  };
}

/** Registers `task` for as long as the calling component is mounted. */
export function useLeaveGuard(task: LeaveTask): void {
  const guards = inject(leaveGuardsKey, null);
  if (!guards) return;
  const remove = guards.add(task);
  onBeforeUnmount(remove);
}
