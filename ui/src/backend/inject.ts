import { inject, type InjectionKey } from "vue";
import type { Backend } from "./index";

/** Where components find the backend; main.ts provides the real one, tests a mock. */
export const backendKey: InjectionKey<Backend> = Symbol("backend");

export function useBackend(): Backend {
  const backend = inject(backendKey);
  if (!backend) throw new Error("no Backend provided (app.provide(backendKey, …))");
  return backend;
}
