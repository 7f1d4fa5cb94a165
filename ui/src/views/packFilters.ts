// The pack list's filters. They only narrow what is shown; no workflow rule lives here.

import { daysFromToday } from "../format";
import type { PackListItem, PackState } from "../types/ipc";

export const DEADLINE_FILTERS = ["all", "overdue", "week", "month", "none"] as const;
export type DeadlineFilter = (typeof DEADLINE_FILTERS)[number];

export interface PackFilters {
  state: PackState | "";
  unit: string;
  deadline: DeadlineFilter;
}

/**
 * Whether a pack's planned release date matches the filter. A released (deployed) pack is no
 * longer waiting for its date, so it is never "overdue".
 */
export function matchesDeadline(
  deadline: string | null,
  filter: DeadlineFilter,
  today: Date = new Date(),
  state: PackState | null = null,
): boolean {
  if (filter === "all") return true;
  if (filter === "none") return deadline === null;
  if (deadline === null) return false;
  const days = daysFromToday(deadline, today);
  if (days === null) return false;
  if (filter === "overdue") return days < 0 && state !== "deployed";
  return days >= 0 && days <= (filter === "week" ? 7 : 30);
}

export function applyFilters(packs: PackListItem[], filters: PackFilters, today: Date = new Date()): PackListItem[] {
  return packs.filter(
    (p) =>
      (filters.state === "" || p.state === filters.state) &&
      (filters.unit === "" || p.unit_id === filters.unit) &&
      matchesDeadline(p.deadline, filters.deadline, today, p.state),
  );
}
