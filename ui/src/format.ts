import { locale } from "./i18n";

/** The first 12 hex digits of a `sha256:…` content hash, as jiedu-core's ContentHash::short. */
export function shortHash(hash: string): string {
  const hex = hash.startsWith("sha256:") ? hash.slice("sha256:".length) : hash;
  return hex.slice(0, 12);
}

/** A long hex key as its first and last 8 digits; the whole key belongs in a title or a copy. */
export function shortKey(hex: string): string {
  return hex.length > 20 ? `${hex.slice(0, 8)}…${hex.slice(-8)}` : hex;
}

/** A time of day, HH:MM:SS, in local time. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** A calendar date (`YYYY-MM-DD`) as shown: 2026年3月2日 or 2026-03-02. */
export function formatDay(day: string): string {
  const m = day.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return day;
  return locale.value === "zh-CN" ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : day;
}

/** Whole days from today (local) to a `YYYY-MM-DD` date; negative when past. */
export function daysFromToday(day: string, today: Date = new Date()): number | null {
  const m = day.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return null;
  const target = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const base = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target - base) / 86_400_000);
}

/** A byte count as KB / MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The value of the `<input>` or `<select>` an event came from. */
export function inputValue(event: Event): string {
  const target = event.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  return target?.value ?? "";
}

/** A local `datetime-local` value for a moment (default now). */
export function localDateTimeValue(date: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * A `datetime-local` value (local time) as RFC 3339; what cannot be read is passed on as typed,
 * for the backend to refuse with its own message.
 */
export function isoFromLocal(value: string): string {
  const date = new Date(value);
  return value !== "" && !Number.isNaN(date.getTime()) ? date.toISOString() : value;
}

/** A rate (0–1) as a percentage with one decimal, e.g. 87.5%; none as —. */
export function formatRate(rate: number | null): string {
  if (rate === null || !Number.isFinite(rate)) return "—";
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;
}
