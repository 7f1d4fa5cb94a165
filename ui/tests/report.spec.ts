import { describe, expect, it, vi } from "vitest";
import { mockReport } from "../src/backend/mock-publication";
import { byTestId, DEMO_NOW, demoBackend, mountApp, settle } from "./helpers";

describe("annual figures", () => {
  it("shows this year's figures for all units, with rates, and each figure's items on demand", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: DEMO_NOW });
    const backend = demoBackend("zhang.wei");
    const figures = vi.spyOn(backend, "annualFigures");
    const wrapper = await mountApp(backend, "#/report");
    expect(figures).toHaveBeenCalledWith(2026, null);
    expect((wrapper.find(byTestId("report-year")).element as HTMLSelectElement).value).toBe("2026");

    const table = wrapper.find(byTestId("report-figures"));
    const row = (key: string) => table.find(`${byTestId("report-figure")}[data-key="${key}"]`);
    expect(table.findAll(byTestId("report-figure")).map((r) => r.attributes("data-key"))).toEqual([
      "released",
      "needing_interpretation",
      "interpreted",
      "form.text",
      "form.chart",
      "form.qa",
      "on_time.interpretation",
      "on_time.disclosure",
      "on_time.planned_release",
      "concerns",
      "concerns.in_time",
    ]);
    const cells = (key: string) => row(key).findAll("td").map((c) => c.text());
    expect(cells("interpreted")).toEqual(["▸已解读（解读率）", "1", "1", "100.0%"]);
    expect(cells("on_time.planned_release")).toEqual(["▸计划发布日期按时率", "1", "2", "50.0%"]);
    expect(cells("released")).toEqual(["▸发布解读包", "1", "—", "—"]);

    expect(table.findAll(byTestId("report-item"))).toHaveLength(0);
    await row("released").find(byTestId("report-figure-toggle")).trigger("click");
    const items = table.findAll(byTestId("report-item"));
    expect(items.map((i) => i.attributes("data-item-id"))).toEqual(["seed-openness-released"]);
    expect(items[0]!.text()).toContain("关于全面推进政务公开工作的实施意见");
    expect(items[0]!.text()).toContain("国土资发〔2016〕141号");
    expect(items[0]!.text()).toContain("办公厅");
    expect(row("released").find(byTestId("report-figure-toggle")).attributes("aria-expanded")).toBe("true");
    await row("released").find(byTestId("report-figure-toggle")).trigger("click");
    expect(table.findAll(byTestId("report-item"))).toHaveLength(0);
  });

  it("shows the charts as images, described from the figures", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei"), "#/report");
    const images = wrapper.findAll(`${byTestId("report-charts")} img`);
    expect(images).toHaveLength(2);
    for (const img of images) expect(img.attributes("src")!.startsWith("data:image/svg+xml;charset=utf-8,%3Csvg")).toBe(true);
    expect(images[0]!.attributes("alt")).toMatch(/年度政策解读：发布解读包 1 个，应解读 1 件，已解读 1 件，解读率 100\.0%$/);
    expect(images[1]!.attributes("alt")).toBe("解读形式：文字解读 1、图表图解 1、问答 1");
  });

  it("asks again for another year or one unit", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: DEMO_NOW });
    const backend = demoBackend("zhang.wei");
    const figures = vi.spyOn(backend, "annualFigures");
    const wrapper = await mountApp(backend, "#/report");
    const units = wrapper.findAll(`${byTestId("report-unit")} option`).map((o) => o.attributes("value"));
    expect(units).toEqual(["", "general-office", "policy-dept", "openness-office", "press-office"]);
    await wrapper.find(byTestId("report-unit")).setValue("policy-dept");
    await settle();
    expect(figures).toHaveBeenLastCalledWith(2026, "policy-dept");
    await wrapper.find(byTestId("report-year")).setValue("2025");
    await settle();
    expect(figures).toHaveBeenLastCalledWith(2025, "policy-dept");
  });

  it("warns of the deadlines that could not be counted", async () => {
    const backend = demoBackend("zhang.wei");
    const report = mockReport(2026, null);
    report.problems = ["chart-gallery：2027 年的节假日安排尚未导入（国务院办公厅通知发布后由管理员导入：jiedu calendar import）"];
    vi.spyOn(backend, "annualFigures").mockResolvedValue({ report, charts: [] });
    const wrapper = await mountApp(backend, "#/report");
    const problems = wrapper.find(byTestId("report-problems"));
    expect(problems.attributes("role")).toBe("alert");
    expect(problems.text()).toContain("未计入按时率");
    expect(problems.text()).toContain("chart-gallery：2027 年的节假日安排尚未导入");
  });
});
