import { afterEach, describe, expect, it, vi } from "vitest";
import { demoPacks } from "../src/backend/mock-data";
import { findFieldElement, focusField, parentField } from "../src/composables/fieldFocus";
import { byTestId, demoBackend, mountApp, settle } from "./helpers";

afterEach(() => {
  vi.useRealTimers();
});

const fakeTimers = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
const field = (path: string) => `[data-field="${path}"]`;
const active = () => (document.activeElement as HTMLElement | null)?.dataset.field;

describe("editor: live checklist", () => {
  it("shows every rule with its status, and focuses the field of a failing item when clicked", async () => {
    const wrapper = await mountApp(demoBackend("liu.yang"), "#/pack/draft-land-notice/editor");
    const items = wrapper.findAll(byTestId("checklist-item"));
    expect(items.map((i) => [i.attributes("data-rule"), i.attributes("data-status")])).toEqual([
      ["disclosure", "pass"],
      ["whoever-drafts-interprets", "fail"],
      ["organized-together", "fail"],
      ["signed-together", "not_applicable"],
      ["deployed-together", "not_applicable"],
      ["media-kit", "not_applicable"],
      ["doc-number", "pass"],
      ["document-form", "fail"],
      ["media-files", "not_applicable"],
    ]);

    // The item goes to the core's field for it: that of its first most severe finding (rules.rs).
    await wrapper.find(`${byTestId("checklist-item")}[data-rule="whoever-drafts-interprets"]`).trigger("click");
    expect(active()).toBe("plan.interpreting_unit");

    // A finding of the same item goes to its own field.
    const findings = wrapper.findAll(`${byTestId("checklist-item")}[data-rule="whoever-drafts-interprets"] ${byTestId("checklist-finding")}`);
    await findings[1]!.trigger("click");
    expect(active()).toBe("plan.first_interpreter");

    // `materials.text` has no input while there is no text: its "create" button stands in.
    await wrapper.find(`${byTestId("checklist-item")}[data-rule="organized-together"]`).trigger("click");
    expect(active()).toBe("materials.text");
    expect(document.activeElement?.tagName).toBe("BUTTON");
  });

  it("re-checks the edited content and updates the items", async () => {
    fakeTimers();
    const backend = demoBackend("liu.yang");
    const check = vi.spyOn(backend, "checkContent");
    const wrapper = await mountApp(backend, "#/pack/draft-land-notice/editor");
    expect(check).toHaveBeenCalledTimes(1);
    await wrapper.find(field("plan.interpreting_unit")).setValue("政策法规司");
    await wrapper.find(field("plan.first_interpreter")).setValue("孙建国");
    vi.advanceTimersByTime(500);
    await settle();
    expect(check).toHaveBeenCalledTimes(2);
    expect(check.mock.calls[1]![1].plan?.interpreting_unit).toBe("政策法规司");
    expect(wrapper.find(`${byTestId("checklist-item")}[data-rule="whoever-drafts-interprets"]`).attributes("data-status")).toBe("pass");
  });
});

describe("field paths", () => {
  it("walk up to the nearest parent", () => {
    expect(parentField("materials.charts[0].source")).toBe("materials.charts[0]");
    expect(parentField("materials.charts[0]")).toBe("materials.charts");
    expect(parentField("materials.charts")).toBe("materials");
    expect(parentField("materials")).toBeNull();
  });

  it("focus the nearest parent that has an input", () => {
    document.body.innerHTML = `<div id="root">
      <section data-field="policy.sections[1]"><textarea data-field="policy.sections[1].paragraphs"></textarea></section>
      <section data-field="plan"></section></div>`;
    const root = document.getElementById("root")!;
    expect(findFieldElement(root, "policy.sections[1].paragraphs[2]")?.tagName).toBe("TEXTAREA");
    expect(focusField(root, "policy.sections[1].heading")).toBe(true);
    expect(active()).toBe("policy.sections[1].paragraphs");
    expect(focusField(root, "plan.timing")).toBe(true);
    expect(active()).toBe("plan");
    expect(focusField(root, "signature.content_hash")).toBe(false);
    document.body.innerHTML = "";
  });
});

describe("editor: autosave and drafts", () => {
  it("autosaves 1.5 s after the last edit and shows the time", async () => {
    fakeTimers();
    const backend = demoBackend("liu.yang");
    const saveDraft = vi.spyOn(backend, "saveDraft");
    const wrapper = await mountApp(backend, "#/pack/draft-land-notice/editor");
    expect(wrapper.find(byTestId("autosave-status")).text()).toBe("修改将自动保存为草稿");

    await wrapper.find(field("policy.title")).setValue("关于规范土地征收信息公开的通知");
    vi.advanceTimersByTime(1000);
    await wrapper.find(field("policy.drafter")).setValue("刘洋、王芳");
    expect(wrapper.find(byTestId("autosave-status")).text()).toBe("有未保存的修改…");
    vi.advanceTimersByTime(1499);
    expect(saveDraft).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    await settle();

    expect(saveDraft).toHaveBeenCalledTimes(1);
    const [id, base, content] = saveDraft.mock.calls[0]!;
    expect(id).toBe("draft-land-notice");
    expect(base).toBe(1);
    expect(content.policy.title).toBe("关于规范土地征收信息公开的通知");
    expect(content.policy.drafter).toBe("刘洋、王芳");
    expect(wrapper.find(byTestId("autosave-status")).text()).toMatch(/^已自动保存 \d{2}:\d{2}:\d{2}$/);
  });

  it("saves the draft at once when leaving the editor with unsaved changes", async () => {
    fakeTimers();
    const backend = demoBackend("liu.yang");
    const saveDraft = vi.spyOn(backend, "saveDraft");
    const wrapper = await mountApp(backend, "#/pack/draft-land-notice/editor");
    await wrapper.find(field("policy.issuing_authority")).setValue("自然资源部办公厅");
    await wrapper.find(byTestId("nav-packs")).trigger("click");
    await settle();
    expect(saveDraft).toHaveBeenCalledTimes(1);
    expect(saveDraft.mock.calls[0]![2].policy.issuing_authority).toBe("自然资源部办公厅");
  });

  it("offers an autosaved draft on opening, and restores it", async () => {
    const pack = demoPacks().find((p) => p.id === "seed-openness")!;
    pack.content.policy.title = "关于全面推进政务公开工作的实施意见（修改稿）";
    const backend = demoBackend("zhang.wei", {
      drafts: [{ userId: "zhang.wei", draft: { pack_id: "seed-openness", base_revision: 1, content: pack.content, saved_at: "2026-11-27T02:00:00Z" } }],
    });
    const wrapper = await mountApp(backend, "#/pack/seed-openness/editor");
    const title = () => (wrapper.find(field("policy.title")).element as HTMLInputElement).value;
    expect(wrapper.find(byTestId("draft-restore")).exists()).toBe(true);
    expect(title()).toBe("关于全面推进政务公开工作的实施意见");

    await wrapper.find(byTestId("draft-restore")).trigger("click");
    await settle();
    expect(title()).toBe("关于全面推进政务公开工作的实施意见（修改稿）");
    expect(wrapper.find(byTestId("draft-restore")).exists()).toBe(false);
    expect(wrapper.find(byTestId("success-notice")).text()).toContain("已恢复草稿");
  });

  it("discards an offered draft through the backend", async () => {
    const pack = demoPacks().find((p) => p.id === "seed-openness")!;
    pack.content.policy.drafter = "张伟（草稿）";
    const backend = demoBackend("zhang.wei", {
      drafts: [{ userId: "zhang.wei", draft: { pack_id: "seed-openness", base_revision: 1, content: pack.content, saved_at: "2026-11-27T02:00:00Z" } }],
    });
    const discard = vi.spyOn(backend, "discardDraft");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/editor");
    await wrapper.find(byTestId("draft-discard")).trigger("click");
    await settle();
    expect(discard).toHaveBeenCalledWith("seed-openness");
    expect(wrapper.find(byTestId("draft-discard")).exists()).toBe(false);
    expect((await backend.getPack("seed-openness")).draft).toBeNull();
  });

  it("saves a revision with 保存, shows it and drops the autosaved draft", async () => {
    fakeTimers();
    const backend = demoBackend("liu.yang");
    const savePack = vi.spyOn(backend, "savePack");
    const discard = vi.spyOn(backend, "discardDraft");
    const wrapper = await mountApp(backend, "#/pack/draft-land-notice/editor");
    await wrapper.find(field("plan.interpreting_unit")).setValue("政策法规司");
    vi.advanceTimersByTime(1500);
    await settle();
    expect(wrapper.find(byTestId("autosave-status")).text()).toContain("已自动保存");
    await wrapper.find(byTestId("save-pack")).trigger("click");
    await settle();
    expect(savePack).toHaveBeenCalledTimes(1);
    // Saved on top of the revision the editor loaded.
    expect(savePack.mock.calls[0]![1]).toBe(1);
    expect(savePack.mock.calls[0]![2].plan?.interpreting_unit).toBe("政策法规司");
    expect(wrapper.find(byTestId("success-notice")).text()).toContain("已保存为第 2 版");
    expect(wrapper.text()).toContain("第 2 版");
    // Saving drops the draft in the same backend step; no second call is needed.
    expect(discard).not.toHaveBeenCalled();
    expect(wrapper.find(byTestId("autosave-status")).text()).toBe("修改将自动保存为草稿");
    expect((await backend.getPack("draft-land-notice")).draft).toBeNull();
  });
});

describe("editor: read-only", () => {
  it("shows the backend's reason and offers no saving when edit is not allowed", async () => {
    const backend = demoBackend("zhang.wei");
    const saveDraft = vi.spyOn(backend, "saveDraft");
    const wrapper = await mountApp(backend, "#/pack/draft-land-notice/editor");
    const view = await backend.getPack("draft-land-notice");
    const reason = view.steps.find((s) => s.step === "edit")!.reason!;
    expect(wrapper.find(byTestId("readonly-reason")).text()).toContain(reason);
    expect(wrapper.find(byTestId("save-pack")).exists()).toBe(false);
    expect(wrapper.find(field("policy.title")).attributes("readonly")).toBeDefined();
    expect(wrapper.find(field("policy.importance")).attributes("disabled")).toBeDefined();
    expect(saveDraft).not.toHaveBeenCalled();
  });
});

describe("editor: charts", () => {
  it("previews each chart as an SVG image from the backend, and shows errors under their field", async () => {
    fakeTimers();
    const backend = demoBackend("zhang.wei");
    const preview = vi.spyOn(backend, "chartPreview");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/editor");
    vi.advanceTimersByTime(300);
    await settle();
    expect(preview).toHaveBeenCalledTimes(2);
    const img = wrapper.find(`${field("materials.charts[0]")} ${byTestId("chart-preview")}`);
    const src = img.attributes("src")!;
    expect(src.startsWith("data:image/svg+xml;charset=utf-8,")).toBe(true);
    expect(decodeURIComponent(src.slice(src.indexOf(",") + 1))).toContain("<svg");

    await wrapper.find(field("materials.charts[0].source")).setValue("");
    vi.advanceTimersByTime(299);
    expect(preview).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(1);
    await settle();
    expect(preview).toHaveBeenCalledTimes(3);
    const sourceField = wrapper.find(field("materials.charts[0].source")).element.closest(".field")!;
    expect(sourceField.querySelector('[data-testid="chart-field-error"]')?.textContent).toContain("缺少数据来源");
  });

  it("fills categories and series from pasted spreadsheet cells", async () => {
    const backend = demoBackend("zhang.wei");
    const paste = vi.spyOn(backend, "pasteChartData");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/editor");
    const chart = wrapper.find(field("materials.charts[1]"));
    await chart.find(byTestId("chart-paste")).setValue("年份\t收到\t公开\n2023年\t10\t8\n2024年\t12\t11");
    await chart.find(byTestId("chart-paste-apply")).trigger("click");
    await settle();
    expect(paste).toHaveBeenCalledWith("年份\t收到\t公开\n2023年\t10\t8\n2024年\t12\t11");
    expect((chart.find(field("materials.charts[1].categories")).element as HTMLTextAreaElement).value).toBe("2023年\n2024年");
    expect((chart.find(field("materials.charts[1].series[0].name")).element as HTMLInputElement).value).toBe("收到");
    expect((chart.find(field("materials.charts[1].series[1].values")).element as HTMLInputElement).value).toBe("8, 11");
  });
});
