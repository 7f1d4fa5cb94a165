import { computed, inject, provide, type ComputedRef, type InjectionKey } from "vue";
import { useBackend } from "../backend/inject";
import { useAsync } from "./useAsync";

type NameOf = (userId: string) => string;
const namesKey: InjectionKey<ComputedRef<NameOf>> = Symbol("people-names");

/** Loads the people register once and provides id → display name to descendants. */
export function providePeopleNames(): void {
  const backend = useBackend();
  const people = useAsync(() => backend.listPeople());
  const nameOf = computed((): NameOf => {
    const state = people.state.value;
    const map = new Map(state.kind === "ready" ? state.value.users.map((u) => [u.id, u.name]) : []);
    return (id) => map.get(id) ?? id;
  });
  provide(namesKey, nameOf);
}

/** A user's display name (the id until the register has loaded, or for unknown ids). */
export function usePeopleNames(): ComputedRef<NameOf> {
  return inject(
    namesKey,
    computed(() => (id: string) => id),
  );
}
