import { describe, expect, it, vi } from "vitest";
import { byTestId, demoBackend, mountApp, settle } from "./helpers";

describe("people", () => {
  it("lists units with their heads and people with role and sign-in", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei"), "#/packs");
    await wrapper.find(byTestId("nav-people")).trigger("click");
    await settle();
    const units = wrapper.findAll(byTestId("people-unit"));
    expect(units.map((u) => u.attributes("data-unit-id"))).toEqual(["general-office", "policy-dept", "openness-office", "press-office"]);
    expect(units[0]!.text()).toContain("办公厅");
    expect(units[0]!.text()).toContain("王明远");
    const users = wrapper.findAll(byTestId("people-user"));
    const li = users.find((u) => u.attributes("data-user-id") === "li.hua")!;
    expect(li.text()).toContain("审签领导");
    expect(li.text()).toContain("可登录");
    const admin = users.find((u) => u.attributes("data-user-id") === "admin")!;
    expect(admin.text()).toContain("未设置口令");
  });
});

const PASTED = `首页 > 政务公开 > 政策文件
关于规范政务新媒体信息发布的通知
国土资厅发〔2026〕21号
为规范政务新媒体信息发布，现通知如下。
一、明确发布主体
（一）落实审核责任。信息发布前须经本单位审核。
二、加强日常管理
第 1 页
打印本页 关闭窗口`;

describe("import", () => {
  it("reads pasted web text, shows the policy and the report, creates the pack and opens it", async () => {
    const backend = demoBackend("liu.yang");
    const importPasted = vi.spyOn(backend, "importPasted");
    const createPack = vi.spyOn(backend, "createPack");
    const wrapper = await mountApp(backend, "#/import");
    expect(wrapper.find(byTestId("import-drop-zone")).exists()).toBe(true);

    await wrapper.find(byTestId("import-paste")).setValue(PASTED);
    await wrapper.find(byTestId("import-parse")).trigger("click");
    await settle();
    expect(importPasted).toHaveBeenCalledWith(PASTED);
    expect(wrapper.find(byTestId("import-policy-title")).text()).toBe("关于规范政务新媒体信息发布的通知");
    expect(wrapper.text()).toContain("国土资厅发〔2026〕21号");
    expect(wrapper.find(byTestId("import-outline")).text()).toContain("一、明确发布主体");
    const report = wrapper.find(byTestId("import-report"));
    expect(report.findAll(byTestId("import-removal")).map((r) => r.text())).toEqual([
      expect.stringContaining("导航路径"),
      expect.stringContaining("页码"),
      expect.stringContaining("网页杂项"),
    ]);
    expect(report.text()).toContain("首页 > 政务公开 > 政策文件");

    await wrapper.find(byTestId("import-id")).setValue("new-media-2026");
    await wrapper.find(byTestId("import-create")).trigger("click");
    await settle();
    expect(createPack).toHaveBeenCalledWith("new-media-2026", expect.objectContaining({ title: "关于规范政务新媒体信息发布的通知" }));
    expect(window.location.hash).toBe("#/pack/new-media-2026/editor");
    expect(wrapper.find(byTestId("pack-heading")).text()).toBe("关于规范政务新媒体信息发布的通知");
    expect(wrapper.find(byTestId("success-notice")).text()).toContain("new-media-2026");
  });

  it("imports a file dropped on the window", async () => {
    const backend = demoBackend("liu.yang");
    const importDropped = vi.spyOn(backend, "importDropped");
    const wrapper = await mountApp(backend, "#/import");
    backend.simulateDrop(["/home/liu/政策/平台建设通知.docx"]);
    await settle();
    expect(importDropped).toHaveBeenCalledWith("/home/liu/政策/平台建设通知.docx");
    expect(wrapper.find(byTestId("import-policy-title")).text()).toBe("关于加强政务公开平台建设的通知");
    expect(wrapper.find(byTestId("import-report")).text()).toContain("Word 文档");
  });

  it("shows the backend's refusal of a bad id next to the form", async () => {
    const wrapper = await mountApp(demoBackend("liu.yang"), "#/import");
    await wrapper.find(byTestId("import-paste")).setValue(PASTED);
    await wrapper.find(byTestId("import-parse")).trigger("click");
    await settle();
    await wrapper.find(byTestId("import-id")).setValue("新 包");
    await wrapper.find(byTestId("import-create")).trigger("click");
    await settle();
    expect(wrapper.find(byTestId("error-notice")).text()).toContain("编号只能使用英文字母、数字");
    expect(window.location.hash).toBe("#/import");
  });
});
