// The detected frame of an import, line by line, and the user's one-click corrections of it,
// which re-run the import with `corrections`.

import { describe, expect, it, vi } from "vitest";
import { frameRows, hasCorrections, noCorrections, toggleLine } from "../src/components/import/frameRows";
import type { ImportReport } from "../src/types/ipc";
import { byTestId, demoBackend, mountApp, settle } from "./helpers";

const report: Pick<ImportReport, "detected" | "removals"> = {
  detected: [
    { field: "title", line: 3, text: "国务院办公厅关于印发\n政务公开工作要点的通知", value: "国务院办公厅关于印发政务公开工作要点的通知" },
    { field: "doc_number", line: 5, text: "国办发〔2026〕3号　　签发人：李华", value: "国办发〔2026〕3号" },
    { field: "sign_off_by", line: 5, text: "国办发〔2026〕3号　　签发人：李华", value: "李华" },
    { field: "addressee", line: 6, text: "各省、自治区、直辖市人民政府：", value: "各省、自治区、直辖市人民政府" },
    { field: "copied_to", line: 40, text: "抄送：各部委。", value: "各部委" },
  ],
  removals: [
    { line: 41, text: "打印本页", reason: "site_furniture" },
    { line: 1, text: "首页 > 政策", reason: "breadcrumb" },
    { line: 2, text: "新华社北京1月16日电", reason: "news_lead" },
  ],
};

describe("frame rows", () => {
  it("list every source line the report gives, body lines without a role, and a title's second line as title", () => {
    const rows = frameRows({
      ...report,
      lines: [
        { line: 1, text: "首页 > 政策" },
        { line: 3, text: "国务院办公厅关于印发" },
        { line: 4, text: "政务公开工作要点的通知" },
        { line: 7, text: "为做好政务公开工作，现通知如下：" },
      ],
    });
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 40, 41]);
    expect(rows.find((r) => r.line === 4)!.roles).toEqual([{ kind: "field", field: "title", value: "国务院办公厅关于印发政务公开工作要点的通知" }]);
    expect(rows.find((r) => r.line === 7)!.roles).toEqual([]);
  });

  it("give one row per source line in line order, with every role of the line", () => {
    const rows = frameRows(report);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 5, 6, 40, 41]);
    expect(rows[0]).toEqual({ line: 1, text: "首页 > 政策", roles: [{ kind: "removed", reason: "breadcrumb" }] });
    expect(rows[2]!.text).toBe("国务院办公厅关于印发\n政务公开工作要点的通知");
    // The 发文字号 and the 签发人 share their line.
    expect(rows[3]!.roles).toEqual([
      { kind: "field", field: "doc_number", value: "国办发〔2026〕3号" },
      { kind: "field", field: "sign_off_by", value: "李华" },
    ]);
    expect(rows[4]!.roles).toEqual([{ kind: "field", field: "addressee", value: "各省、自治区、直辖市人民政府" }]);
    expect(frameRows({ detected: [], removals: [] })).toEqual([]);
  });

  it("corrections toggle a line as title or junk, never both", () => {
    let c = noCorrections();
    expect(hasCorrections(c)).toBe(false);
    c = toggleLine(c, "title_lines", 4);
    c = toggleLine(c, "title_lines", 3);
    expect(c).toEqual({ title_lines: [3, 4], junk_lines: [] });
    c = toggleLine(c, "junk_lines", 4);
    expect(c).toEqual({ title_lines: [3], junk_lines: [4] });
    c = toggleLine(c, "junk_lines", 4);
    expect(c).toEqual({ title_lines: [3], junk_lines: [] });
    expect(hasCorrections(c)).toBe(true);
  });
});

const PASTED = `首页 > 政务公开 > 政策文件
国土资源部办公厅
关于规范政务新媒体信息发布的通知
国土资厅发〔2026〕21号
各省、自治区、直辖市国土资源主管部门：
为规范政务新媒体信息发布，现通知如下。
一、明确发布主体
（一）落实审核责任。信息发布前须经本单位审核。
二、加强日常管理
（此件公开发布）
抄送：部机关各司局。
第 1 页`;

const row = (wrapper: Awaited<ReturnType<typeof mountApp>>, line: number) =>
  wrapper.find(`${byTestId("import-frame-row")}[data-line="${line}"]`);
const roles = (wrapper: Awaited<ReturnType<typeof mountApp>>, line: number) =>
  row(wrapper, line).findAll(byTestId("import-frame-role")).map((r) => r.text());

describe("import: the detected frame and its corrections", () => {
  it("shows which line became what, and re-reads the text with the user's corrections", async () => {
    const backend = demoBackend("liu.yang");
    const importPasted = vi.spyOn(backend, "importPasted");
    const wrapper = await mountApp(backend, "#/import");
    await wrapper.find(byTestId("import-paste")).setValue(PASTED);
    await wrapper.find(byTestId("import-parse")).trigger("click");
    await settle();
    expect(importPasted).toHaveBeenLastCalledWith(PASTED);

    // The crude mock took the unit's name on line 2 for the title.
    expect(wrapper.find(byTestId("import-policy-title")).text()).toBe("国土资源部办公厅");
    expect(wrapper.findAll(byTestId("import-frame-row")).map((r) => r.attributes("data-line"))).toEqual(["1", "2", "4", "5", "10", "11", "12"]);
    expect(roles(wrapper, 1)).toEqual(["已删除：导航路径"]);
    expect(roles(wrapper, 2)).toEqual(["标题"]);
    expect(roles(wrapper, 5)).toEqual(["主送机关"]);
    expect(roles(wrapper, 10)).toEqual(["附注"]);
    expect(roles(wrapper, 11)).toEqual(["抄送机关"]);
    expect(wrapper.find(byTestId("import-facts")).find('[data-fact="addressee"]').text()).toBe("各省、自治区、直辖市国土资源主管部门");

    // 标为非正文: line 2 goes; the title is then found on line 3.
    await row(wrapper, 2).find(byTestId("import-mark-junk")).trigger("click");
    await settle();
    expect(importPasted).toHaveBeenLastCalledWith(PASTED, { title_lines: [], junk_lines: [2] });
    expect(roles(wrapper, 2)).toEqual(["已删除：用户标为非正文"]);
    expect(row(wrapper, 2).find(byTestId("import-mark-junk")).attributes("aria-pressed")).toBe("true");
    expect(wrapper.find(byTestId("import-policy-title")).text()).toBe("关于规范政务新媒体信息发布的通知");

    // 设为标题 on two lines: a title of two lines (a line is the title or junk, not both).
    await row(wrapper, 3).find(byTestId("import-mark-title")).trigger("click");
    await settle();
    expect(importPasted).toHaveBeenLastCalledWith(PASTED, { title_lines: [3], junk_lines: [2] });
    await row(wrapper, 2).find(byTestId("import-mark-title")).trigger("click");
    await settle();
    expect(importPasted).toHaveBeenLastCalledWith(PASTED, { title_lines: [2, 3], junk_lines: [] });
    expect(row(wrapper, 2).find(byTestId("import-mark-title")).attributes("aria-pressed")).toBe("true");
    expect(wrapper.find(byTestId("import-policy-title")).text()).toBe("国土资源部办公厅关于规范政务新媒体信息发布的通知");
    expect(wrapper.find(byTestId("import-report")).text()).toContain("已按您的标注重新识别。");

    // 撤销更正: the import as detected.
    await wrapper.find(byTestId("import-undo-corrections")).trigger("click");
    await settle();
    expect(importPasted).toHaveBeenLastCalledWith(PASTED);
    expect(wrapper.find(byTestId("import-policy-title")).text()).toBe("国土资源部办公厅");
    expect(wrapper.find(byTestId("import-undo-corrections")).exists()).toBe(false);
  });

  it("re-reads a dropped file with the corrections, and shows the frame elements it found", async () => {
    const backend = demoBackend("liu.yang");
    const importDropped = vi.spyOn(backend, "importDropped");
    const wrapper = await mountApp(backend, "#/import");
    backend.simulateDrop(["/home/liu/政策/平台建设通知.docx"]);
    await settle();
    const facts = wrapper.find(byTestId("import-facts"));
    expect(facts.find('[data-fact="addressee"]').text()).toBe("各省、自治区、直辖市国土资源主管部门");
    expect(facts.find('[data-fact="annotation"]').text()).toBe("（此件公开发布）");
    expect(facts.find('[data-fact="copied_to"]').text()).toBe("部机关各司局");
    expect(facts.find('[data-fact="printed_by"]').text()).toBe("国土资源部办公厅");
    const first = wrapper.find(byTestId("import-frame-row"));
    await first.find(byTestId("import-mark-junk")).trigger("click");
    await settle();
    expect(importDropped).toHaveBeenLastCalledWith("/home/liu/政策/平台建设通知.docx", { title_lines: [], junk_lines: [Number(first.attributes("data-line"))] });
  });

  it("creates the pack from the corrected result", async () => {
    const backend = demoBackend("liu.yang");
    const createPack = vi.spyOn(backend, "createPack");
    const wrapper = await mountApp(backend, "#/import");
    await wrapper.find(byTestId("import-paste")).setValue(PASTED);
    await wrapper.find(byTestId("import-parse")).trigger("click");
    await settle();
    await row(wrapper, 2).find(byTestId("import-mark-junk")).trigger("click");
    await settle();
    await wrapper.find(byTestId("import-id")).setValue("corrected-2026");
    await wrapper.find(byTestId("import-create")).trigger("click");
    await settle();
    expect(createPack).toHaveBeenCalledWith(
      "corrected-2026",
      expect.objectContaining({ title: "关于规范政务新媒体信息发布的通知", addressee: "各省、自治区、直辖市国土资源主管部门" }),
    );
  });
});
