import { inject, onBeforeUnmount, provide, ref, watch, type InjectionKey, type Ref } from "vue";

const unsavedKey: InjectionKey<Ref<boolean>> = Symbol("unsaved-edits");

/**
 * For the workspace: whether its editor holds edits not yet saved as a revision, known on every
 * tab (the editor stays alive behind the others), so a change by someone else never replaces them.
 */
export function provideUnsavedEdits(): Readonly<Ref<boolean>> {
  const unsaved = ref(false);
  provide(unsavedKey, unsaved);
  return unsaved;
}

/** For the editor: reports its unsaved state to the workspace around it, if any. */
export function reportUnsavedEdits(dirty: Readonly<Ref<boolean>>): void {
  const unsaved = inject(unsavedKey, null);
  if (!unsaved) return;
  watch(dirty, (value) => (unsaved.value = value), { immediate: true });
  onBeforeUnmount(() => (unsaved.value = false));
}
