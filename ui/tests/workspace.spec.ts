import { describe, expect, it, vi } from "vitest";
import type { KitProgressEvent } from "../src/types/ipc";
import { byTestId, demoBackend, mountApp, settle } from "./helpers";

describe("deployment", () => {
  it("deploys on the chosen channels at the chosen time and shows the record", async () => {
    const backend = demoBackend("zhang.wei");
    await backend.submitPack("seed-openness", 1);
    await backend.signIn("li.hua", "jiedu-demo");
    await backend.signPack("seed-openness", 1, "同意。");
    await backend.signIn("chen.jing", "jiedu-demo");
    const deploy = vi.spyOn(backend, "deployPack");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/deploy");

    const boxes = wrapper.findAll(byTestId("deploy-channel"));
    expect(boxes.map((b) => b.attributes("value"))).toEqual(["portal", "weibo", "wechat", "app", "newspaper", "gazette"]);
    const ticked = () => boxes.filter((b) => (b.element as HTMLInputElement).checked).map((b) => b.attributes("value"));
    // Nothing is ticked until the press officer chooses; the plan's channels are one click away.
    expect(ticked()).toEqual([]);
    await wrapper.find(byTestId("deploy-use-plan")).trigger("click");
    expect(ticked()).toEqual(["portal", "weibo", "wechat", "gazette"]);
    await boxes[1]!.setValue(false);
    await wrapper.find(byTestId("deploy-at")).setValue("2026-12-01T09:30");
    await wrapper.find(byTestId("deploy-pack")).trigger("click");
    await settle();

    expect(deploy).toHaveBeenCalledWith("seed-openness", 1, ["portal", "wechat", "gazette"], new Date("2026-12-01T09:30").toISOString());
    const record = wrapper.find(byTestId("deployment-record"));
    expect(record.text()).toContain("陈静");
    expect(record.text()).toContain("门户网站");
    expect(record.text()).toContain("公报");
    expect(wrapper.find(".ws-head").text()).toContain("已部署");
  });

  it("omits the time when the field is emptied, and disables deploy with the reason when not signed", async () => {
    const backend = demoBackend("chen.jing");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/deploy");
    expect((wrapper.find(byTestId("deploy-pack")).element as HTMLButtonElement).disabled).toBe(true);
    expect(wrapper.find(`${byTestId("step-reason")}[data-step="deploy"]`).text()).toContain("只有已审签的解读包才能部署");
  });
});

describe("export", () => {
  it("exports the PDF and shows its path and pages, and previews the pages", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei"), "#/pack/seed-openness/export");
    expect(wrapper.find(byTestId("output-folder")).text()).toBe("/home/demo/Jiedu 导出");
    await wrapper.find(byTestId("export-pdf")).trigger("click");
    await settle();
    const result = wrapper.find(byTestId("export-pdf-result")).text();
    expect(result).toContain("/home/demo/Jiedu 导出/seed-openness.pdf");
    expect(result).toMatch(/\d+ 页/);

    await wrapper.find(byTestId("preview-pdf")).trigger("click");
    await settle();
    const pages = wrapper.findAll(byTestId("preview-page"));
    expect(pages.length).toBeGreaterThan(3);
    expect(pages[0]!.attributes("src")!.startsWith("data:image/")).toBe(true);
  });

  it("shows a loading state while the preview renders", async () => {
    const backend = demoBackend("zhang.wei");
    let finish: (pages: string[]) => void = () => undefined;
    vi.spyOn(backend, "previewPdf").mockImplementation(() => new Promise((r) => (finish = r)));
    const wrapper = await mountApp(backend, "#/pack/seed-openness/export");
    await wrapper.find(byTestId("preview-pdf")).trigger("click");
    expect(wrapper.text()).toContain("正在生成页面…");
    finish(["data:image/png;base64,AAAA"]);
    await settle();
    expect(wrapper.findAll(byTestId("preview-page"))).toHaveLength(1);
  });

  it("disables the media kit with the shell's reason when the pack is not signed", async () => {
    const backend = demoBackend("chen.jing");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/export");
    await settle();
    const button = wrapper.find(byTestId("export-kit"));
    expect((button.element as HTMLButtonElement).disabled).toBe(true);
    expect(wrapper.find(byTestId("kit-role-hint")).text()).toContain("尚未审签");
  });

  it("drives the media-kit progress bar from progress events and shows the result", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const backend = demoBackend("chen.jing", { kitStepMs: 100 });
      const exportKit = vi.spyOn(backend, "exportKit");
      const wrapper = await mountApp(backend, "#/pack/seed-openness-released/export");
      await wrapper.find(byTestId("kit-contact")).setValue("新闻办公室 陈静 010-12345678");
      await wrapper.find(byTestId("export-kit")).trigger("click");
      await settle();
      expect(exportKit).toHaveBeenCalledWith("seed-openness-released", "新闻办公室 陈静 010-12345678");
      const bar = () => wrapper.find(byTestId("kit-progress")).element as HTMLProgressElement;

      vi.advanceTimersByTime(100);
      await settle();
      const total = Number(bar().getAttribute("max"));
      expect(total).toBeGreaterThan(5);
      expect(bar().getAttribute("value")).toBe("1");
      expect(wrapper.find(byTestId("kit-progress-file")).text()).toBe("seed-openness-released.pdf");

      vi.advanceTimersByTime(200);
      await settle();
      expect(bar().getAttribute("value")).toBe("3");

      vi.advanceTimersByTime(100 * total);
      await settle();
      expect(bar().getAttribute("value")).toBe(String(total));
      expect(wrapper.find(byTestId("kit-progress-file")).text()).toBe("manifest.json");
      expect(wrapper.find(byTestId("export-kit-result")).text()).toContain("seed-openness-released-media-kit.zip");
      expect(wrapper.find(byTestId("cancel-kit")).exists()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it("follows progress events as they arrive, ignoring other packs, and cancels", async () => {
    const backend = demoBackend("chen.jing");
    let emit: (p: KitProgressEvent) => void = () => undefined;
    vi.spyOn(backend, "onKitProgress").mockImplementation((handler) => {
      emit = handler;
      return Promise.resolve(() => undefined);
    });
    let fail: (e: unknown) => void = () => undefined;
    vi.spyOn(backend, "exportKit").mockImplementation(() => new Promise((_, reject) => (fail = reject)));
    const cancel = vi.spyOn(backend, "cancelExport");
    const wrapper = await mountApp(backend, "#/pack/seed-openness-released/export");
    await wrapper.find(byTestId("export-kit")).trigger("click");
    await settle();

    emit({ pack_id: "seed-openness-released", done: 4, total: 10, file: "charts/five-openness.svg" });
    emit({ pack_id: "another-pack", done: 9, total: 9, file: "x.zip" });
    await settle();
    const bar = wrapper.find(byTestId("kit-progress")).element as HTMLProgressElement;
    expect([bar.getAttribute("value"), bar.getAttribute("max")]).toEqual(["4", "10"]);
    expect(wrapper.find(byTestId("kit-progress-file")).text()).toBe("charts/five-openness.svg");

    await wrapper.find(byTestId("cancel-kit")).trigger("click");
    expect(cancel).toHaveBeenCalledTimes(1);
    fail({ code: "render.cancelled", message: "导出已取消，未生成任何文件。\nThe export was cancelled; no file was written." });
    await settle();
    expect(wrapper.find(byTestId("error-notice")).text()).toContain("导出已取消");
    expect(wrapper.find(byTestId("export-kit-result")).exists()).toBe(false);
  });

  it("opens the output folder through the backend", async () => {
    const backend = demoBackend("chen.jing");
    const open = vi.spyOn(backend, "openOutputFolder");
    const wrapper = await mountApp(backend, "#/pack/seed-openness-released/export");
    await wrapper.find(byTestId("open-folder")).trigger("click");
    expect(open).toHaveBeenCalledTimes(1);
  });
});

describe("audit", () => {
  it("lists the pack's events with known actions in words, and verifies the chain", async () => {
    const backend = demoBackend("chen.jing");
    const wrapper = await mountApp(backend, "#/pack/seed-openness-released/audit");
    const rows = wrapper.findAll(byTestId("audit-event"));
    expect(rows.map((r) => r.attributes("data-action"))).toEqual(["pack.deploy", "pack.sign", "pack.submit", "pack.create"]);
    expect(rows[0]!.text()).toContain("同步部署");
    expect(rows[0]!.text()).toContain("陈静");
    expect(rows[1]!.text()).toContain("审签");
    expect(rows[1]!.text()).toContain("李华");

    await wrapper.find(byTestId("verify-audit")).trigger("click");
    await settle();
    expect(wrapper.find(byTestId("audit-verification")).text()).toMatch(/审计链完整：已校验 \d+ 条记录。/);
  });

  it("shows unknown actions as recorded and a broken chain's first row", async () => {
    const backend = demoBackend("chen.jing");
    const real = await backend.packAudit("seed-openness-released");
    vi.spyOn(backend, "packAudit").mockResolvedValue([{ ...real[0]!, seq: 99, action: "pack.archive" }]);
    vi.spyOn(backend, "verifyAudit").mockResolvedValue({ rows: 120, first_broken: { seq: 42, reason: "哈希不符\nhash mismatch" } });
    const wrapper = await mountApp(backend, "#/pack/seed-openness-released/audit");
    expect(wrapper.find(byTestId("audit-event")).text()).toContain("pack.archive");
    await wrapper.find(byTestId("verify-audit")).trigger("click");
    await settle();
    expect(wrapper.find(byTestId("audit-verification")).text()).toContain("第 42 条断链");
  });
});
