// The annual report as the 统计 screen shows it. The counts and rates are the backend's.

import { formatRate } from "../../format";
import { pick, t } from "../../i18n";
import type { AnnualReport, Figure } from "../../types/ipc";

/** Every figure, in the report's order (AnnualReport::figures). */
export function reportFigures(r: AnnualReport): Figure[] {
  return [r.released, r.needing_interpretation, r.interpreted, ...r.by_form, ...r.on_time, r.concerns, r.concerns_in_time];
}

/**
 * A text alternative for each chart, from the figures it draws. The charts come in the order of
 * AnnualReport::charts: the interpretation rate, interpretations by form, on-time rates, public
 * concerns; any further chart is numbered.
 */
export function chartAlts(r: AnnualReport, count: number): string[] {
  const list = (figures: Figure[], value: (f: Figure) => string) => figures.map((f) => `${pick(f.label)} ${value(f)}`).join(t("common.listSeparator"));
  const known = [
    t("report.alt.rate", {
      year: r.year,
      released: r.released.count,
      needing: r.needing_interpretation.count,
      interpreted: r.interpreted.count,
      rate: formatRate(r.interpreted.rate),
    }),
    t("report.alt.byForm", { items: list(r.by_form, (f) => String(f.count)) }),
    t("report.alt.onTime", { items: list(r.on_time, (f) => formatRate(f.rate)) }),
    t("report.alt.concerns", { concerns: r.concerns.count, inTime: r.concerns_in_time.count, rate: formatRate(r.concerns_in_time.rate) }),
  ];
  return Array.from({ length: count }, (_, i) => known[i] ?? t("report.alt.chart", { n: i + 1 }));
}
