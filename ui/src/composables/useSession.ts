import { inject, type InjectionKey, type Ref } from "vue";
import type { Action, SignedInUser } from "../types/ipc";

export interface Session {
  user: Readonly<Ref<SignedInUser | null>>;
  signOut(): Promise<void>;
}

export const sessionKey: InjectionKey<Session> = Symbol("session");

export function useSession(): Session {
  const session = inject(sessionKey);
  if (!session) throw new Error("no session provided");
  return session;
}

/** Whether the signed-in user's role may take the action at all (the backend's list). */
export function mayAct(user: SignedInUser | null, action: Action): boolean {
  return user?.actions.includes(action) ?? false;
}
