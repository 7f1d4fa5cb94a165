import { onBeforeUnmount, onMounted } from "vue";
import { useBackend } from "../backend/inject";
import type { AuditEvent } from "../types/ipc";

/**
 * Calls `handler` with every change anyone commits (the shell's `jiedu://audit` event) while the
 * calling component is mounted. Live updates are a convenience: if the subscription fails, the
 * screen still works and still has its refresh.
 */
export function useAuditEvents(handler: (event: AuditEvent) => void): void {
  const backend = useBackend();
  let stop: (() => void) | null = null;
  let unmounted = false;

  onMounted(async () => {
    try {
      const unsubscribe = await backend.onAuditEvent(handler);
      // Unmounted while the subscription was being made: drop it at once.
      if (unmounted) unsubscribe();
      else stop = unsubscribe;
    } catch {
      stop = null;
    }
  });
  onBeforeUnmount(() => {
    unmounted = true;
    stop?.();
    stop = null;
  });
}
