import { describe, expect, it, vi } from "vitest";
import { isoDay } from "../src/backend/mock-data";
import { matchesDeadline } from "../src/views/packFilters";
import { byTestId, deferred, demoBackend, mountApp, onDemoDay, settle } from "./helpers";
import type { PackListItem } from "../src/types/ipc";

const ids = (wrapper: Awaited<ReturnType<typeof mountApp>>) =>
  wrapper.findAll(byTestId("pack-row")).map((r) => r.attributes("data-pack-id"));

describe("pack list", () => {
  it("shows every pack with title, unit, state badge, revision, deadline, blocking count", async () => {
    onDemoDay(); // the demo packs' deadlines are counted from the demo day
    const wrapper = await mountApp(demoBackend("zhang.wei"));
    expect(ids(wrapper).sort()).toEqual(
      ["annual-report-2026", "chart-gallery", "draft-land-notice", "land-inspection-internal", "seed-openness", "seed-openness-released"].sort(),
    );
    const land = wrapper.find(`${byTestId("pack-row")}[data-pack-id="draft-land-notice"]`);
    expect(land.find(byTestId("pack-title")).text()).toBe("关于进一步规范土地征收信息公开工作的通知");
    expect(land.find(byTestId("pack-title")).attributes("title")).toBe("关于进一步规范土地征收信息公开工作的通知");
    expect(land.find(byTestId("pack-state")).text()).toBe("起草中");
    expect(land.text()).toContain("政策法规司");
    expect(land.text()).toContain("已逾期 2 天");
    // Two rules block it (as jiedu-core decided for this content: core-answers.json).
    expect(land.find(byTestId("pack-blocking")).text()).toBe("2");
    expect(land.find(byTestId("pack-blocking")).attributes("title")).toContain("谁起草、谁解读");

    const states = Object.fromEntries(
      wrapper.findAll(byTestId("pack-row")).map((r) => [r.attributes("data-pack-id"), r.find(byTestId("pack-state")).text()]),
    );
    expect(states).toMatchObject({
      "seed-openness": "起草中",
      "land-inspection-internal": "已报审",
      "annual-report-2026": "已退回",
      "seed-openness-released": "已部署",
    });
  });

  it("shows a loading state, then the rows", async () => {
    const backend = demoBackend("zhang.wei");
    const answer = deferred<PackListItem[]>();
    const real = backend.listPacks;
    vi.spyOn(backend, "listPacks").mockImplementationOnce(() => answer.promise);
    const wrapper = await mountApp(backend);
    expect(wrapper.find('[role="status"]').text()).toBe("正在加载解读包…");
    answer.resolve(await real());
    await settle();
    expect(wrapper.findAll(byTestId("pack-row"))).toHaveLength(6);
  });

  it("filters by state", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei"));
    await wrapper.find(byTestId("filter-state")).setValue("submitted");
    expect(ids(wrapper)).toEqual(["land-inspection-internal"]);
    await wrapper.find(byTestId("filter-state")).setValue("drafting");
    expect(ids(wrapper).sort()).toEqual(["chart-gallery", "draft-land-notice", "seed-openness"]);
    await wrapper.find(byTestId("filter-state")).setValue("");
    expect(ids(wrapper)).toHaveLength(6);
  });

  it("filters by unit, offering the units that own packs", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei"));
    const units = wrapper.findAll(`${byTestId("filter-unit")} option`).map((o) => o.attributes("value"));
    expect(units.sort()).toEqual(["", "general-office", "policy-dept", "press-office"].sort());
    await wrapper.find(byTestId("filter-unit")).setValue("policy-dept");
    expect(ids(wrapper).sort()).toEqual(["draft-land-notice", "land-inspection-internal"]);
  });

  it("filters by deadline: overdue, within 7 / 30 days, none", async () => {
    onDemoDay(); // the demo packs' deadlines are counted from the demo day
    const backend = demoBackend("zhang.wei");
    const wrapper = await mountApp(backend);
    const deadline = wrapper.find(byTestId("filter-deadline"));
    await deadline.setValue("overdue");
    // The released pack's date has passed too, but it is released: not overdue.
    expect(ids(wrapper)).toEqual(["draft-land-notice"]);
    await deadline.setValue("week");
    expect(ids(wrapper).sort()).toEqual(["annual-report-2026", "seed-openness"]);
    await deadline.setValue("month");
    expect(ids(wrapper).sort()).toEqual(["annual-report-2026", "chart-gallery", "land-inspection-internal", "seed-openness"]);
    await deadline.setValue("none");
    expect(ids(wrapper)).toEqual([]);
    expect(wrapper.text()).toContain("没有符合条件的解读包。");
  });

  it("combines filters", async () => {
    onDemoDay(); // the demo packs' deadlines are counted from the demo day
    const wrapper = await mountApp(demoBackend("zhang.wei"));
    await wrapper.find(byTestId("filter-unit")).setValue("general-office");
    await wrapper.find(byTestId("filter-deadline")).setValue("week");
    await wrapper.find(byTestId("filter-state")).setValue("returned");
    expect(ids(wrapper)).toEqual(["annual-report-2026"]);
  });

  it("searches the full text after typing stops, shows snippets with the match, and clears", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const backend = demoBackend("zhang.wei");
      const search = vi.spyOn(backend, "searchPacks");
      const wrapper = await mountApp(backend);
      const box = wrapper.find(byTestId("pack-search"));
      await box.setValue("征");
      await box.setValue("征收");
      await box.setValue("征收批准");
      expect(search).not.toHaveBeenCalled();
      vi.advanceTimersByTime(300);
      await settle();
      expect(search).toHaveBeenCalledTimes(1);
      expect(search).toHaveBeenCalledWith("征收批准");
      expect(ids(wrapper).sort()).toEqual(["draft-land-notice"]);
      const snippet = wrapper.find(byTestId("pack-snippet"));
      expect(snippet.text()).toContain("征收批准");
      expect(snippet.find("mark").text()).toBe("征收批准");

      // Filters still apply to search results.
      await wrapper.find(byTestId("filter-state")).setValue("signed");
      expect(ids(wrapper)).toEqual([]);
      await wrapper.find(byTestId("filter-state")).setValue("");

      await box.setValue("");
      await settle();
      expect(ids(wrapper)).toHaveLength(6);
      expect(wrapper.find(byTestId("pack-snippet")).exists()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("opens a pack when its row is clicked", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei"));
    await wrapper.find(`${byTestId("pack-row")}[data-pack-id="seed-openness"]`).trigger("click");
    await settle();
    expect(window.location.hash).toBe("#/pack/seed-openness/editor");
    expect(wrapper.find(byTestId("pack-heading")).text()).toBe("关于全面推进政务公开工作的实施意见");
  });
});

describe("deadline filter", () => {
  const today = new Date(2026, 10, 27);
  it("counts whole local days", () => {
    expect(matchesDeadline(isoDay(-1, today), "overdue", today)).toBe(true);
    expect(matchesDeadline(isoDay(0, today), "overdue", today)).toBe(false);
    expect(matchesDeadline(isoDay(0, today), "week", today)).toBe(true);
    expect(matchesDeadline(isoDay(7, today), "week", today)).toBe(true);
    expect(matchesDeadline(isoDay(8, today), "week", today)).toBe(false);
    expect(matchesDeadline(isoDay(30, today), "month", today)).toBe(true);
    expect(matchesDeadline(isoDay(31, today), "month", today)).toBe(false);
    expect(matchesDeadline(null, "none", today)).toBe(true);
    expect(matchesDeadline(null, "overdue", today)).toBe(false);
    expect(matchesDeadline(isoDay(-3, today), "overdue", today, "deployed")).toBe(false);
  });
});
