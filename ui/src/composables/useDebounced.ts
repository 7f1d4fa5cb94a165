import { getCurrentScope, onScopeDispose, ref } from "vue";

export interface Debounced<A extends unknown[]> {
  /** Calls `fn` with these arguments once `ms` have passed without another call. */
  call(...args: A): void;
  /** Drops a pending call. */
  cancel(): void;
  /** Runs a pending call now; does nothing when none is pending. */
  flush(): void;
  /** Whether a call is waiting. */
  readonly pending: { readonly value: boolean };
}

/** A debounced function; a pending call is dropped when the calling scope ends. */
export function useDebounced<A extends unknown[]>(fn: (...args: A) => void, ms: number): Debounced<A> {
  const pending = ref(false);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastArgs: A | null = null;

  const clear = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    pending.value = false;
  };
  const run = () => {
    const args = lastArgs;
    clear();
    lastArgs = null;
    if (args) fn(...args);
  };

  if (getCurrentScope()) onScopeDispose(clear);

  return {
    call(...args: A) {
      lastArgs = args;
      if (timer !== null) clearTimeout(timer);
      pending.value = true;
      timer = setTimeout(run, ms);
    },
    cancel() {
      clear();
      lastArgs = null;
    },
    flush() {
      if (pending.value) run();
    },
    pending,
  };
}
