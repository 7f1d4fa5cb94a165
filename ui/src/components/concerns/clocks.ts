// How concern clocks are shown. Their status and the minutes left are the backend's.

import { t } from "../../i18n";
import type { ClockStatus } from "../../types/ipc";
import type { Tone } from "../deadlines/deadlines";

/** Red when overdue, amber when answered late, green when answered in time, neutral while running. */
export function clockTone(status: ClockStatus): Tone {
  switch (status) {
    case "overdue":
      return "alert";
    case "late":
      return "warn";
    case "met":
      return "ok";
    default:
      return "neutral";
  }
}

/** A span of minutes in hours and minutes, e.g. 4 小时 58 分. */
export function duration(minutes: number): string {
  const total = Math.abs(Math.trunc(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? t("duration.hm", { h, m }) : t("duration.m", { m });
}
