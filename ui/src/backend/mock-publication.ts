// Mock data for the publication screens: deadlines, public concerns, annual figures, the
// working-day calendar and unit settings. None of it is a rule: working days, deadlines and rates
// are counted by jiedu-core, which the mock cannot ask. The deadlines and the report are FIXED
// EXAMPLES (what the core would say of the demo packs on the demo day, DEMO_TODAY); only the
// concern clocks are worked out here, in the plainest way (start + hours, first response), so
// that recording a response visibly closes its clock. The calendar years are the bundled files.

import calendar2024 from "../../../resources/calendar/2024.json";
import calendar2025 from "../../../resources/calendar/2025.json";
import calendar2026 from "../../../resources/calendar/2026.json";
import type {
  AnnualReport,
  Bilingual,
  CalendarYear,
  ChartSpec,
  Clock,
  ClockKind,
  Deadline,
  DeadlineKind,
  DeadlineStatus,
  Figure,
  PublicConcern,
  ReportItem,
  UnitSettings,
} from "../types/ipc";
import { DEMO_TODAY, isoDay } from "./mock-data";
import { chartSvg } from "./mock-render";

/** The years the app bundles (resources/calendar). */
export const BUNDLED_CALENDAR: CalendarYear[] = [calendar2024, calendar2025, calendar2026].map(
  (y) => JSON.parse(JSON.stringify(y)) as CalendarYear,
);

/** UnitSettings::default(): empty portal settings, 3 and 20 working days, 5 / 24 / 48 hours. */
export function defaultUnitSettings(): UnitSettings {
  return {
    portal: { org_code: "", base_path: "", site_name: "", column: "", footer: "" },
    deadlines: { interpretation_lag_days: 3, disclosure_days: 20 },
    concerns: { authoritative_info_hours: 5, press_conference_hours: 24, response_hours: 48 },
  };
}

// --- deadlines (fixed examples) -----------------------------------------------------------------

const LABELS: Record<DeadlineKind, Bilingual> = {
  planned_release: { zh: "计划发布日期", en: "planned release" },
  interpretation: { zh: "解读发布时限", en: "interpretation release" },
  disclosure: { zh: "主动公开时限", en: "proactive disclosure" },
};

function rule(kind: DeadlineKind, due: string | null): Bilingual {
  switch (kind) {
    case "planned_release":
      return { zh: `解读方案确定的计划发布日期：${due}`, en: `the plan's release date: ${due}` };
    case "interpretation":
      return { zh: "解读与政策同步发布，最迟不超过政策发布后 3 个工作日", en: "released with the policy, at most 3 working days after it" };
    case "disclosure":
      return {
        zh: "主动公开的政府信息，自形成之日（成文日期）起 20 个工作日内公开（《政府信息公开条例》第二十六条）",
        en: "proactive disclosure within 20 working days of the date of writing (Regulations on Government Information Disclosure, art. 26)",
      };
  }
}

function deadline(
  kind: DeadlineKind,
  status: DeadlineStatus,
  fields: { from?: string | null; due?: string | null; done?: string | null; left?: number | null; problem?: string | null } = {},
): Deadline {
  const due = fields.due ?? null;
  return {
    kind,
    label: LABELS[kind],
    from: fields.from ?? null,
    due_on: due,
    done_on: fields.done ?? null,
    status,
    working_days_left: fields.left ?? null,
    rule: rule(kind, due),
    problem: fields.problem ?? null,
  };
}

/**
 * The demo packs' deadlines as jiedu-core counts them on the demo day (1 December 2026). Fixed:
 * they do not follow edits, deployments or the clock. Packs not in the demo have none.
 */
export function mockDeadlines(packId: string, today: Date = DEMO_TODAY): Deadline[] {
  const day = (n: number) => isoDay(n, today);
  switch (packId) {
    case "seed-openness":
      return [deadline("planned_release", "open", { due: day(5), left: 3 }), deadline("interpretation", "waiting"), deadline("disclosure", "waiting")];
    case "seed-openness-released":
      return [
        deadline("planned_release", "met", { due: day(-10), done: day(-10) }),
        deadline("interpretation", "met", { from: day(-10), due: day(-6), done: day(-10) }),
        deadline("disclosure", "met", { from: day(-14), due: day(14), done: day(-10) }),
      ];
    case "draft-land-notice":
      return [deadline("planned_release", "overdue", { due: day(-2), left: -1 }), deadline("interpretation", "waiting"), deadline("disclosure", "waiting")];
    case "chart-gallery":
      return [deadline("planned_release", "open", { due: day(24), left: 17 }), deadline("interpretation", "waiting"), deadline("disclosure", "waiting")];
    case "land-inspection-internal":
      return [deadline("planned_release", "open", { due: day(12), left: 8 }), deadline("interpretation", "waiting")];
    case "annual-report-2026":
      return [deadline("planned_release", "open", { due: day(3), left: 3 }), deadline("interpretation", "waiting"), deadline("disclosure", "waiting")];
    default:
      return [];
  }
}

// --- concern clocks (the plainest stand-in for PublicConcern::clocks) ---------------------------

const CLOCK_LABELS: Record<ClockKind, Bilingual> = {
  authoritative_info: { zh: "发布权威信息", en: "authoritative information" },
  press_conference: { zh: "举行新闻发布会", en: "press conference" },
  response: { zh: "回应关切", en: "response" },
};

/** The concern's clocks at `now`: two for a major incident, one otherwise, hours from `settings`. */
export function mockClocks(concern: PublicConcern, settings: UnitSettings, now: Date): Clock[] {
  const hours = settings.concerns;
  const kinds: [ClockKind, number][] =
    concern.severity === "other"
      ? [["response", hours.response_hours]]
      : [
          ["authoritative_info", hours.authoritative_info_hours],
          ["press_conference", hours.press_conference_hours],
        ];
  return kinds.map(([kind, h]) => {
    const due = new Date(new Date(concern.started_at).getTime() + h * 3_600_000);
    const answers = concern.responses.filter((r) => r.clock === kind).map((r) => new Date(r.at).getTime());
    const answered = answers.length > 0 ? new Date(Math.min(...answers)) : null;
    const left = answered ? null : Math.trunc((due.getTime() - now.getTime()) / 60_000);
    return {
      kind,
      label: CLOCK_LABELS[kind],
      hours: h,
      due_at: due.toISOString(),
      answered_at: answered ? answered.toISOString() : null,
      status: answered ? (answered <= due ? "met" : "late") : now > due ? "overdue" : "running",
      minutes_left: left,
    };
  });
}

/** The demo's concerns, relative to `now`, newest first: a major incident running, one answered in time, one overdue. */
export function seedConcerns(now: Date): PublicConcern[] {
  const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
  const stamp = (iso: string) => iso.slice(0, 10).replace(/-/g, "");
  const major = ago(2);
  const overdue = ago(52);
  const answered = ago(30);
  return [
    {
      id: `gz-${stamp(major)}-0003`,
      pack_id: null,
      unit_id: "press-office",
      what: "网传某地土地征收补偿标准下调，多家媒体跟进报道",
      started_at: major,
      severity: "major",
      source: "媒体报道",
      recorded_by: "chen.jing",
      responses: [],
    },
    {
      id: `gz-${stamp(overdue)}-0001`,
      pack_id: "draft-land-notice",
      unit_id: "policy-dept",
      what: "网民询问土地征收信息公开的查询入口",
      started_at: overdue,
      severity: "other",
      source: "网民留言",
      recorded_by: "chen.jing",
      responses: [],
    },
    {
      id: `gz-${stamp(answered)}-0002`,
      pack_id: "seed-openness-released",
      unit_id: "general-office",
      what: "网民关注依申请公开的办理时限是否缩短",
      started_at: answered,
      severity: "other",
      source: "微博",
      recorded_by: "chen.jing",
      responses: [
        { clock: "response", what: "在门户网站“政策解读”栏目发布问答，说明办理时限", where: "门户网站", at: ago(20), by: "chen.jing" },
      ],
    },
  ];
}

// --- annual figures (a fixed example) -----------------------------------------------------------

function figure(key: string, label: Bilingual, items: ReportItem[], total: number | null): Figure {
  return { key, label, count: items.length, total, rate: total ? items.length / total : null, items };
}

/** A small fixed report: one pack released and interpreted, one planned release missed, one concern. */
export function mockReport(year: number, unit: string | null, today: Date = DEMO_TODAY): AnnualReport {
  const released: ReportItem = {
    id: "seed-openness-released",
    title: "关于全面推进政务公开工作的实施意见",
    doc_number: "国土资发〔2016〕141号",
    unit_id: "general-office",
    on: isoDay(-10, today),
  };
  const concern: ReportItem = {
    id: "gz-demo-0001",
    title: "网民关注依申请公开的办理时限是否缩短",
    doc_number: null,
    unit_id: "general-office",
    on: isoDay(-1, today),
  };
  const clock: ReportItem = { ...concern, id: "gz-demo-0001:response", title: `${concern.title}（回应关切）` };
  return {
    year,
    unit_id: unit,
    as_of: isoDay(0, today),
    released: figure("released", { zh: "发布解读包", en: "packs released" }, [released], null),
    needing_interpretation: figure("needing_interpretation", { zh: "应解读政策", en: "policies needing interpretation" }, [released], null),
    interpreted: figure("interpreted", { zh: "已解读（解读率）", en: "interpreted (rate)" }, [released], 1),
    by_form: [
      figure("form.text", { zh: "文字解读", en: "text" }, [released], 1),
      figure("form.chart", { zh: "图表图解", en: "chart" }, [released], 1),
      figure("form.qa", { zh: "问答", en: "qa" }, [released], 1),
    ],
    on_time: [
      figure("on_time.interpretation", { zh: "解读发布时限按时率", en: "interpretation release on time" }, [released], 1),
      figure("on_time.disclosure", { zh: "主动公开时限按时率", en: "proactive disclosure on time" }, [released], 1),
      figure("on_time.planned_release", { zh: "计划发布日期按时率", en: "planned release on time" }, [released], 2),
    ],
    concerns_in_time: figure("concerns.in_time", { zh: "关切按时回应", en: "concern clocks answered in time" }, [clock], 1),
    concerns: figure("concerns", { zh: "社会关切", en: "public concerns" }, [concern], null),
    problems: [],
  };
}

/** Two of the report's charts (the real one has four), drawn by the mock's chart drawing. */
export function mockReportCharts(report: AnnualReport): string[] {
  const source = `Jiedu 解读（模拟数据），${report.year} 年度，统计至 ${report.as_of}`;
  const spec = (id: string, kind: ChartSpec["kind"], title: string, unit: string, pairs: [string, number][]): ChartSpec => ({
    id,
    kind,
    title,
    subtitle: "",
    unit,
    categories: pairs.map(([c]) => c),
    series: [{ name: title, values: pairs.map(([, v]) => v) }],
    source,
    highlight: null,
    annotations: [],
    palette: "government",
  });
  const pct = (f: Figure) => Math.round((f.rate ?? 0) * 1000) / 10;
  return [
    chartSvg(
      spec("interpretation-rate", "key_figures", `${report.year} 年度政策解读`, "", [
        ["发布解读包（个）", report.released.count],
        ["应解读（件）", report.needing_interpretation.count],
        ["已解读（件）", report.interpreted.count],
        ["解读率（%）", pct(report.interpreted)],
      ]),
    ),
    chartSvg(spec("by-form", "horizontal_bar", "解读形式", "件", report.by_form.map((f) => [f.label.zh, f.count]))),
  ];
}
