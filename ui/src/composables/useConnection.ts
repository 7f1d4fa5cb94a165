import { computed, inject, type ComputedRef, type InjectionKey, type Ref } from "vue";
import type { Backend } from "../backend";
import type { Connection } from "../types/ipc";
import { useAsync, type AsyncState } from "./useAsync";

/**
 * What the app is connected to, shared by the sign-in screen (which changes it) and the top bar
 * (which shows it). The Rust side remembers the choice per computer; this only mirrors it.
 */
export interface ConnectionStore {
  state: Readonly<Ref<AsyncState<Connection>>>;
  /** The connection once known. */
  current: ComputedRef<Connection | null>;
  /** Asks the backend again. */
  reload(): Promise<void>;
  /** Takes the backend's answer to a change (connect_server, use_local). */
  set(connection: Connection): void;
}

/** The two places the app can keep its data (`Connection.mode`). */
export type ConnectionMode = "local" | "server";

export const connectionKey: InjectionKey<ConnectionStore> = Symbol("connection");

export function createConnectionStore(backend: Backend): ConnectionStore {
  const info = useAsync(() => backend.connectionInfo(), { immediate: false });
  return {
    state: info.state,
    current: computed(() => (info.state.value.kind === "ready" ? info.state.value.value : null)),
    reload: () => info.reload(),
    set(connection) {
      info.state.value = { kind: "ready", value: connection };
    },
  };
}

export function useConnection(): ConnectionStore {
  const store = inject(connectionKey);
  if (!store) throw new Error("no connection store provided");
  return store;
}

/** Whether the app talks to a team server rather than this computer's database. */
export function isServer(connection: Connection | null): boolean {
  return connection?.mode === "server";
}
