// A tiny typed i18n: a reactive locale and t(key, params). No runtime message compilation,
// so it stays CSP-safe (vue-i18n's message compiler would need eval or a precompile step).

import { computed, readonly, ref } from "vue";
import type { Bilingual } from "../types/ipc";
import { en } from "./en";
import { zhCN, type MessageKey, type Messages } from "./zh-CN";

export type { MessageKey } from "./zh-CN";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

const MESSAGES: Record<Locale, Messages> = { "zh-CN": zhCN, en };
const STORAGE_KEY = "jiedu.locale";

function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(value) ? value : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

const current = ref<Locale>(storedLocale());

/** The current locale, read-only; change it with setLocale. */
export const locale = readonly(current);

export function setLocale(next: Locale): void {
  current.value = next;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // Storage may be unavailable; the choice then lasts for this session only.
  }
  if (typeof document !== "undefined") document.documentElement.lang = next;
}

export type Params = Record<string, string | number>;

/** The message for `key` in the current locale, with `{name}` placeholders filled from params. */
export function t(key: MessageKey, params?: Params): string {
  const template = MESSAGES[current.value][key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The side of a bilingual text matching the current locale. */
export function pick(text: Bilingual): string {
  return current.value === "zh-CN" ? text.zh : text.en;
}

/** For components: the same helpers plus the locale as a computed. */
export function useI18n() {
  return { t, pick, setLocale, locale: computed(() => current.value) };
}

/** A timestamp (RFC 3339) as local date and time, in the current locale's format. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(current.value, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}
