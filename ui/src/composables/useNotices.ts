import { inject, ref, type InjectionKey, type Ref } from "vue";

export interface Notice {
  id: number;
  text: string;
}

export interface Notices {
  items: Readonly<Ref<readonly Notice[]>>;
  /** Shows a success message for a few seconds. */
  success(text: string): void;
  dismiss(id: number): void;
}

export const noticesKey: InjectionKey<Notices> = Symbol("notices");

export function createNotices(lifetimeMs = 5000): Notices {
  const items = ref<Notice[]>([]);
  let next = 1;
  const dismiss = (id: number) => {
    items.value = items.value.filter((n) => n.id !== id);
  };
  return {
    items,
    success(text) {
      const id = next++;
      items.value = [...items.value.slice(-2), { id, text }];
      setTimeout(() => dismiss(id), lifetimeMs);
    },
    dismiss,
  };
}

export function useNotices(): Notices {
  const notices = inject(noticesKey);
  if (!notices) throw new Error("no notices provided");
  return notices;
}
