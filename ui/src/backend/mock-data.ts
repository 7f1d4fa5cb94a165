// Demo data for the mock backend: the packs and people of resources/demo, plus a few packs in
// other workflow states so every screen has something to show.

import chartGalleryJson from "../../../resources/demo/chart-gallery-pack.json";
import incompleteJson from "../../../resources/demo/incomplete-pack.json";
import peopleJson from "../../../resources/demo/people.json";
import seedJson from "../../../resources/demo/seed-pack.json";
import type { Pack, PackContent, Unit, User } from "../types/ipc";

/** The demo JSON follows the Rust types; this checks the outline and states the type. */
function asPack(json: unknown): Pack {
  const p = json as Partial<Pack> | null;
  if (!p || typeof p.id !== "string" || typeof p.content !== "object" || p.content === null) {
    throw new Error("demo pack JSON has an unexpected shape");
  }
  return JSON.parse(JSON.stringify(p)) as Pack;
}

export const DEMO_PASSPHRASE: string = peopleJson.passphrase;
export const demoUnits: Unit[] = peopleJson.units.map((u) => ({ ...u }));
export const demoUsers: User[] = peopleJson.users.map((u) => ({
  id: u.id,
  name: u.name,
  unit_id: u.unit_id,
  role: u.role as User["role"],
}));

/** `YYYY-MM-DD` of today plus `days`, in local time. */
export function isoDay(days: number, from: Date = new Date()): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function withDue(content: PackContent, due: string | null): PackContent {
  if (content.plan) content.plan.release_due_on = due;
  return content;
}

/**
 * The day the demo packs' dates are counted from. Fixed, not today: the mock answers about a
 * content only with what jiedu-core decided for exactly that content (core-answers.json), and
 * the dates are part of the content. Tests that show deadlines relative to today set the clock
 * to this day.
 */
export const DEMO_TODAY: Date = new Date(2026, 11, 1);

/** The demo packs, with deadlines relative to `today` (DEMO_TODAY). States are set by the mock. */
export function demoPacks(today: Date = DEMO_TODAY): Pack[] {
  const seed = asPack(seedJson);
  withDue(seed.content, isoDay(5, today));

  const released = asPack(seedJson);
  released.id = "seed-openness-released";
  released.content.policy.doc_number = "国土资发〔2016〕141号";
  released.content.policy.written_on = isoDay(-14, today);
  withDue(released.content, isoDay(-10, today));

  const land = asPack(incompleteJson);
  withDue(land.content, isoDay(-2, today));

  const gallery = asPack(chartGalleryJson);
  withDue(gallery.content, isoDay(24, today));

  // A pack proposed for non-disclosure, waiting for the openness office and the leader.
  const internal = asPack(incompleteJson);
  internal.id = "land-inspection-internal";
  const ip = internal.content.policy;
  ip.title = "关于开展土地征收实施情况内部专项检查的通知";
  ip.doc_number = "国土资厅函〔2026〕12号";
  ip.disclosure = {
    attribute: "not_disclosed",
    legal_basis: ["art16_internal_affairs"],
    explanation: "本通知部署系统内部专项检查的分工和进度安排，属于内部管理事务信息，依据条例第十六条不予公开。",
    review: null,
  };
  ip.category = "enforcement";
  ip.preamble = ["为掌握土地征收信息公开要求的落实情况，部决定在系统内开展专项检查。现将有关事项通知如下。"];
  ip.sections = [
    { level: "l1", number: "一、", heading: "检查范围", paragraphs: ["2024年以来批准的土地征收项目。"] },
    { level: "l1", number: "二、", heading: "时间安排", paragraphs: ["各单位自查于文件印发后30日内完成，部里抽查随后进行。"] },
  ];
  internal.content.plan = {
    interpreting_unit: "政策法规司",
    first_interpreter: "孙建国",
    outline: [],
    forms: [],
    channels: [],
    timing: { kind: "with_policy" },
    key_points: [],
    concerns: [],
    press_events: [],
    release_due_on: isoDay(12, today),
  };

  // A pack the leader sent back with a comment on its plan.
  const report = asPack(incompleteJson);
  report.id = "annual-report-2026";
  report.unit_id = "general-office";
  const rp = report.content.policy;
  rp.title = "关于做好2026年政府信息公开工作年度报告编制发布工作的通知";
  rp.doc_number = "国土资厅发〔2026〕3号";
  rp.drafting_unit = "办公厅";
  rp.drafter = "张伟";
  rp.category = "policy_regulation";
  rp.preamble = ["为做好政府信息公开工作年度报告编制发布工作，现将有关事项通知如下。"];
  rp.sections = [
    { level: "l1", number: "一、", heading: "按时发布年度报告", paragraphs: ["各单位应于每年1月31日前向社会公布本单位上一年度政府信息公开工作年度报告。"] },
    { level: "l1", number: "二、", heading: "规范报告内容", paragraphs: ["年度报告应按统一格式列明主动公开、依申请公开、行政复议和诉讼等情况。"] },
  ];
  report.content.plan = {
    interpreting_unit: "办公厅",
    first_interpreter: "王明远",
    outline: ["发布年度报告的要求", "报告格式的统一"],
    forms: ["text"],
    channels: ["portal"],
    timing: { kind: "with_policy" },
    key_points: ["1月31日前公布上一年度报告。"],
    concerns: [],
    press_events: [],
    release_due_on: isoDay(3, today),
  };
  report.content.materials.text = {
    title: "《关于做好2026年政府信息公开工作年度报告编制发布工作的通知》解读",
    sections: [
      {
        topic: "background",
        heading: "一、出台背景",
        paragraphs: ["政府信息公开条例要求行政机关每年公布政府信息公开工作年度报告。"],
      },
    ],
  };

  return [seed, released, land, gallery, internal, report];
}
