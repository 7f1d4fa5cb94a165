// Small helpers shared by the editor's parts.

import { computed, inject, provide, type ComputedRef, type InjectionKey } from "vue";

const readonlyKey: InjectionKey<ComputedRef<boolean>> = Symbol("editor-readonly");

/** Whether the editor is read-only (the backend refused the `edit` step). */
export function provideEditorReadonly(readonly: ComputedRef<boolean>): void {
  provide(readonlyKey, readonly);
}

export function useEditorReadonly(): ComputedRef<boolean> {
  return inject(
    readonlyKey,
    computed(() => false),
  );
}

/** Moves item `i` of `list` by `delta` places (in place). */
export function moveItem<T>(list: T[], i: number, delta: -1 | 1): void {
  const j = i + delta;
  if (j < 0 || j >= list.length) return;
  const [item] = list.splice(i, 1);
  if (item !== undefined) list.splice(j, 0, item);
}

const keys = new WeakMap<object, number>();
let nextKey = 1;

/** A stable key for an object in a v-for, so moved items keep their inputs. */
export function keyOf(item: object): number {
  let key = keys.get(item);
  if (key === undefined) {
    key = nextKey++;
    keys.set(item, key);
  }
  return key;
}

/** An id not yet used in `taken`: `prefix1`, `prefix2`, … */
export function freshId(prefix: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.includes(id)) return id;
  }
}
