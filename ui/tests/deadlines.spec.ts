import { mount } from "@vue/test-utils";
import { describe, expect, it } from "vitest";
import DeadlineBadge from "../src/components/deadlines/DeadlineBadge.vue";
import DeadlineList from "../src/components/deadlines/DeadlineList.vue";
import { mostUrgent } from "../src/components/deadlines/deadlines";
import { setLocale } from "../src/i18n";
import type { Deadline, DeadlineStatus } from "../src/types/ipc";
import { byTestId, demoBackend, mountApp, settle } from "./helpers";

function deadline(status: DeadlineStatus, fields: Partial<Deadline> = {}): Deadline {
  return {
    kind: "planned_release",
    label: { zh: "计划发布日期", en: "planned release" },
    from: null,
    due_on: "2026-11-20",
    done_on: null,
    status,
    working_days_left: null,
    rule: { zh: "解读方案确定的计划发布日期：2026-11-20", en: "the plan's release date: 2026-11-20" },
    problem: null,
    ...fields,
  };
}

describe("DeadlineBadge", () => {
  it("is red when overdue or not countable, amber when due soon, green when met, neutral otherwise", () => {
    const tones: Record<DeadlineStatus, string> = {
      overdue: "tone-alert",
      unknown: "tone-alert",
      due_soon: "tone-warn",
      met: "tone-ok",
      open: "tone-neutral",
      waiting: "tone-neutral",
      late: "tone-neutral",
    };
    for (const [status, tone] of Object.entries(tones) as [DeadlineStatus, string][]) {
      const badge = mount(DeadlineBadge, { props: { deadline: deadline(status) } });
      const el = badge.find(byTestId("deadline-badge"));
      expect(el.attributes("data-status"), status).toBe(status);
      expect(el.classes(), status).toContain(tone);
      badge.unmount();
    }
  });

  it("names the status, the deadline and its day, with the rule and any problem as its title", () => {
    const badge = mount(DeadlineBadge, { props: { deadline: deadline("overdue") } });
    expect(badge.text()).toBe("逾期 计划发布 11-20");
    expect(badge.attributes("title")).toBe("计划发布日期：解读方案确定的计划发布日期：2026-11-20");
    const unknown = mount(DeadlineBadge, {
      props: { deadline: deadline("unknown", { kind: "disclosure", due_on: null, problem: "2027 年的节假日安排尚未导入" }) },
    });
    expect(unknown.text()).toBe("无法计算 主动公开");
    expect(unknown.attributes("title")).toContain("2027 年的节假日安排尚未导入");
    setLocale("en");
    expect(mount(DeadlineBadge, { props: { deadline: deadline("due_soon") } }).text()).toBe("Due soon Planned release 11-20");
  });

  it("shows the most urgent pending deadline first", () => {
    const met = deadline("met", { kind: "interpretation" });
    const open = deadline("open", { kind: "disclosure", working_days_left: 8 });
    const soon = deadline("due_soon", { kind: "planned_release", working_days_left: 1 });
    const overdue = deadline("overdue", { kind: "disclosure", working_days_left: -3 });
    expect(mostUrgent([met, open, soon])).toBe(soon);
    expect(mostUrgent([met, open, soon, overdue])).toBe(overdue);
    expect(mostUrgent([met])).toBe(met);
    // A released pack shows what it met, not the deadline still waiting for a 成文日期.
    const waiting = deadline("waiting", { kind: "disclosure", due_on: null });
    expect(mostUrgent([waiting, met])).toBe(met);
    expect(mostUrgent([waiting])).toBe(waiting);
    expect(mostUrgent([])).toBeNull();
  });
});

describe("DeadlineList", () => {
  it("lists each deadline with its due date, days left, rule and problem when detailed", () => {
    const list = mount(DeadlineList, {
      props: {
        detailed: true,
        deadlines: [
          deadline("open", { working_days_left: 4 }),
          deadline("unknown", { kind: "disclosure", due_on: null, problem: "2027 年的节假日安排尚未导入", rule: { zh: "20 个工作日内公开", en: "within 20 working days" } }),
        ],
      },
    });
    const items = list.findAll(byTestId("deadline-item"));
    expect(items.map((i) => i.attributes("data-status"))).toEqual(["open", "unknown"]);
    expect(items[0]!.text()).toContain("截止 2026年11月20日");
    expect(items[0]!.text()).toContain("剩 4 个工作日");
    expect(items[0]!.text()).toContain("解读方案确定的计划发布日期：2026-11-20");
    expect(items[1]!.find('[role="alert"]').text()).toBe("2027 年的节假日安排尚未导入");
    expect(items[1]!.find(byTestId("deadline-badge")).classes()).toContain("tone-alert");
  });
});

describe("deadlines on screen", () => {
  it("shows each pack's most urgent deadline in the pack list", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei"));
    const badge = (id: string) => wrapper.find(`${byTestId("pack-row")}[data-pack-id="${id}"] ${byTestId("deadline-badge")}`);
    // The demo day is 1 December 2026; the land notice was due two days before.
    expect(badge("draft-land-notice").attributes("data-status")).toBe("overdue");
    expect(badge("draft-land-notice").text()).toBe("逾期 计划发布 11-29");
    expect(badge("draft-land-notice").classes()).toContain("tone-alert");
    expect(badge("seed-openness").attributes("data-status")).toBe("open");
    expect(badge("seed-openness-released").attributes("data-status")).toBe("met");
    expect(badge("seed-openness-released").classes()).toContain("tone-ok");
  });

  it("shows the pack's deadlines in the workspace header and, with their rules, in the checklist panel", async () => {
    const backend = demoBackend("liu.yang");
    const wrapper = await mountApp(backend, "#/pack/draft-land-notice/editor");
    const header = wrapper.find(`.ws-head ${byTestId("deadline-list")}`);
    expect(header.findAll(byTestId("deadline-badge")).map((b) => b.attributes("data-status"))).toEqual(["overdue", "waiting", "waiting"]);
    const panel = wrapper.find(`${byTestId("checklist-deadlines")} ${byTestId("deadline-list")}`);
    const items = panel.findAll(byTestId("deadline-item"));
    expect(items.map((i) => i.attributes("data-kind"))).toEqual(["planned_release", "interpretation", "disclosure"]);
    expect(items[0]!.text()).toContain("计划发布日期");
    expect(items[0]!.text()).toContain("截止 2026年11月29日");
    expect(items[2]!.text()).toContain("《政府信息公开条例》第二十六条");
  });

  it("shows a failure to count the deadlines as an error notice", async () => {
    const backend = demoBackend("liu.yang");
    backend.packDeadlinesToday = () => Promise.reject({ code: "calendar.year_missing", message: "2027 年的节假日安排尚未导入\nThe 2027 holiday calendar is not loaded." });
    const wrapper = await mountApp(backend, "#/pack/draft-land-notice/editor");
    await settle();
    const notices = wrapper.findAll(`${byTestId("error-notice")}[data-error-code="calendar.year_missing"]`);
    expect(notices.length).toBe(2);
    expect(notices[0]!.text()).toContain("2027 年的节假日安排尚未导入");
  });
});

describe("portal package", () => {
  it("exports the portal package of a signed pack next to the OFD", async () => {
    const backend = demoBackend("chen.jing");
    const wrapper = await mountApp(backend, "#/pack/seed-openness-released/export");
    await wrapper.find(byTestId("export-portal")).trigger("click");
    await settle();
    const result = wrapper.find(byTestId("export-portal-result")).text();
    expect(result).toContain("/home/demo/Jiedu 导出/seed-openness-released.portal.zip");
    expect(result).toContain("3 个页面");
  });

  it("shows the refusal for a pack not signed", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei"), "#/pack/seed-openness/export");
    await wrapper.find(byTestId("export-portal")).trigger("click");
    await settle();
    const notice = wrapper.find(`${byTestId("error-notice")}[data-error-code="portal.not_ready"]`);
    expect(notice.text()).toContain("尚未审签");
    expect(notice.text()).toContain("相关字段：state");
    expect(wrapper.find(byTestId("export-portal-result")).exists()).toBe(false);
  });
});
