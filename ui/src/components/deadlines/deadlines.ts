// How deadlines are shown. Their status is the backend's (jiedu-core counts the working days);
// this only chooses colours and which one to show first.

import type { Deadline, DeadlineStatus } from "../../types/ipc";

export type Tone = "alert" | "warn" | "ok" | "neutral";

/** Red when overdue or not countable, amber when due soon, green when met, neutral otherwise. */
export function deadlineTone(status: DeadlineStatus): Tone {
  switch (status) {
    case "overdue":
    case "unknown":
      return "alert";
    case "due_soon":
      return "warn";
    case "met":
      return "ok";
    default:
      return "neutral";
  }
}

/** Display order: what needs attention first, what is done last. */
// A deadline not yet running (nothing to count from) says least: a released pack shows its
// met ones before the disclosure deadline that waits for a 成文日期.
const RANK: Record<DeadlineStatus, number> = {
  overdue: 0,
  unknown: 1,
  due_soon: 2,
  open: 3,
  late: 4,
  met: 5,
  waiting: 6,
};

/** The deadline to show when there is room for one: the most urgent pending one, else a done one, else one not yet running. */
export function mostUrgent(deadlines: readonly Deadline[]): Deadline | null {
  let best: Deadline | null = null;
  for (const d of deadlines) {
    if (best === null || compare(d, best) < 0) best = d;
  }
  return best;
}

function compare(a: Deadline, b: Deadline): number {
  const rank = RANK[a.status] - RANK[b.status];
  if (rank !== 0) return rank;
  const left = (a.working_days_left ?? Infinity) - (b.working_days_left ?? Infinity);
  if (left !== 0 && !Number.isNaN(left)) return left;
  return (a.due_on ?? "9999").localeCompare(b.due_on ?? "9999");
}

/** `YYYY-MM-DD` as `MM-DD`, for a compact badge. */
export function shortDay(day: string | null): string {
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day.slice(5) : "";
}
