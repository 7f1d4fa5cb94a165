import { flushPromises } from "@vue/test-utils";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Backend } from "../src/backend";
import { createMockBackend, mockChecklists, mockPacks } from "../src/backend/mock";
import { setLocale } from "../src/i18n";
import type { Checklist, PackSummary } from "../src/types/ipc";
import { deferred, mountApp } from "./helpers";

let unmount: (() => void) | undefined;

beforeEach(() => {
  localStorage.clear();
  setLocale("zh-CN");
});

afterEach(() => {
  unmount?.();
  unmount = undefined;
});

async function app(backend: Backend) {
  const wrapper = await mountApp(backend);
  unmount = () => wrapper.unmount();
  return wrapper;
}

describe("pack list", () => {
  it("renders one row per pack from the backend", async () => {
    const wrapper = await app(createMockBackend());
    const rows = wrapper.findAll("tbody tr");
    expect(rows).toHaveLength(mockPacks.length);

    const first = rows[0]!;
    const cells = first.findAll("td").map((c) => c.text());
    expect(cells).toEqual([
      "关于进一步优化营商环境的若干措施",
      "起草中",
      "市发展和改革委员会",
      "3",
      "3f9a1c0be27d",
      "2",
    ]);
    expect(first.find(".badge").classes()).toContain("badge-alert");
    expect(rows[1]!.find(".badge").classes()).toContain("badge-clear");
    expect(wrapper.find(".pack-pane .pane-head").text()).toContain("共 4 个");
  });

  it("shows a loading state until the backend answers", async () => {
    const answer = deferred<PackSummary[]>();
    const backend: Backend = { ...createMockBackend(), listPacks: () => answer.promise };
    const wrapper = await app(backend);
    expect(wrapper.find('[role="status"]').text()).toBe("正在加载解读包…");
    expect(wrapper.find("table").exists()).toBe(false);

    answer.resolve(mockPacks);
    await flushPromises();
    expect(wrapper.find('[role="status"]').exists()).toBe(false);
    expect(wrapper.findAll("tbody tr")).toHaveLength(mockPacks.length);
  });

  it("shows the empty state", async () => {
    const wrapper = await app(createMockBackend({ packs: [] }));
    expect(wrapper.find(".pack-pane").text()).toContain("暂无解读包。");
    expect(wrapper.find("table").exists()).toBe(false);
  });

  it("shows an error with its message and code, and retries", async () => {
    const listPacks = vi
      .fn<Backend["listPacks"]>()
      .mockRejectedValueOnce({ code: "storage", message: "数据库已锁定 database is locked" })
      .mockResolvedValueOnce(mockPacks);
    const wrapper = await app({ ...createMockBackend(), listPacks });

    const alert = wrapper.find('[role="alert"]');
    expect(alert.attributes("data-error-code")).toBe("storage");
    expect(alert.find(".error-heading").text()).toBe("操作失败");
    expect(alert.find(".error-message").text()).toBe("数据库已锁定 database is locked");
    expect(alert.find(".error-code").text()).toBe("错误代码：storage");

    await alert.find("button").trigger("click");
    await flushPromises();
    expect(listPacks).toHaveBeenCalledTimes(2);
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    expect(wrapper.findAll("tbody tr")).toHaveLength(mockPacks.length);
  });

  it("chooses the error heading by code, not by message", async () => {
    const wrapper = await app(
      createMockBackend({ listError: { code: "pack.not_found", message: "internal error", field: "id" } }),
    );
    const alert = wrapper.find('[role="alert"]');
    expect(alert.find(".error-heading").text()).toBe("未找到该解读包");
    expect(alert.find(".error-field").text()).toBe("相关字段：id");
  });
});

describe("checklist panel", () => {
  it("invites a selection until a pack is chosen", async () => {
    const wrapper = await app(createMockBackend());
    expect(wrapper.find(".checklist-panel").text()).toContain("选择左侧的解读包以查看审核清单。");
    expect(wrapper.find(".checklist").exists()).toBe(false);
  });

  it("shows the checklist of the clicked pack, failing items marked", async () => {
    const wrapper = await app(createMockBackend());
    await wrapper.findAll("tbody tr")[0]!.trigger("click");
    await flushPromises();

    expect(wrapper.findAll("tbody tr")[0]!.classes()).toContain("selected");
    const panel = wrapper.find(".checklist-panel");
    expect(panel.find(".pack-heading").text()).toBe("关于进一步优化营商环境的若干措施");

    const items = panel.findAll(".check-item");
    expect(items).toHaveLength(mockChecklists["pack-2025-014"]!.items.length);
    expect(panel.find(".summary").text()).toBe("通过 1 · 未通过 3 · 不适用 3");

    const failing = panel.findAll(".check-item.status-fail");
    expect(failing.map((i) => i.attributes("data-rule-id"))).toEqual([
      "whoever-drafts-interprets",
      "organized-together",
      "doc-number",
    ]);
    const rule2 = failing[0]!;
    expect(rule2.find(".status-icon").text()).toBe("✗");
    expect(rule2.find(".status-icon").attributes("aria-label")).toBe("未通过");
    expect(rule2.find(".check-title").text()).toBe("谁起草、谁解读");
    expect(rule2.find(".check-message").text()).toBe("解读单位须为起草单位，并明确第一解读人。");
    expect(rule2.find(".severity").text()).toBe("阻断");
    expect(rule2.classes()).toContain("blocking");
    expect(rule2.find(".findings").text()).toContain("plan.interpreting_unit");
    expect(failing[2]!.find(".severity").text()).toBe("警告");

    expect(panel.find(".status-pass .status-icon").text()).toBe("✓");
    expect(panel.find(".status-not_applicable .status-icon").text()).toBe("–");
  });

  it("shows the loading state, then an error with its code", async () => {
    const answer = deferred<Checklist>();
    const backend: Backend = { ...createMockBackend(), checkPack: () => answer.promise };
    const wrapper = await app(backend);
    await wrapper.findAll("tbody tr")[1]!.trigger("click");
    expect(wrapper.find('.checklist-panel [role="status"]').text()).toBe("正在检查…");

    answer.reject({ code: "pack.not_found", message: "no pack pack-2025-009" });
    await flushPromises();
    const alert = wrapper.find('.checklist-panel [role="alert"]');
    expect(alert.find(".error-heading").text()).toBe("未找到该解读包");
    expect(alert.find(".error-message").text()).toBe("no pack pack-2025-009");
    expect(alert.find(".error-code").text()).toBe("错误代码：pack.not_found");
  });

  it("keeps the latest selection when answers arrive out of order", async () => {
    const answers = new Map<string, ReturnType<typeof deferred<Checklist>>>();
    const backend: Backend = {
      ...createMockBackend(),
      checkPack: (id) => {
        const d = deferred<Checklist>();
        answers.set(id, d);
        return d.promise;
      },
    };
    const wrapper = await app(backend);
    const rows = wrapper.findAll("tbody tr");
    await rows[0]!.trigger("click");
    await rows[2]!.trigger("click");

    answers.get("pack-2025-006")!.resolve(mockChecklists["pack-2025-006"]!);
    await flushPromises();
    answers.get("pack-2025-014")!.resolve(mockChecklists["pack-2025-014"]!);
    await flushPromises();

    const panel = wrapper.find(".checklist-panel");
    expect(panel.find(".pack-heading").text()).toBe("中小学校课后服务管理规定");
    expect(panel.findAll(".check-item.status-fail").map((i) => i.attributes("data-rule-id"))).toEqual(
      ["doc-number"],
    );
  });
});

describe("language switch", () => {
  it("is Chinese by default and switches every label to English and back", async () => {
    const wrapper = await app(createMockBackend());
    await wrapper.findAll("tbody tr")[0]!.trigger("click");
    await flushPromises();

    expect(wrapper.find("h1").text()).toBe("解读 Jiedu — 政策解读包");
    expect(wrapper.find('[data-locale="zh-CN"]').attributes("aria-pressed")).toBe("true");

    await wrapper.find('[data-locale="en"]').trigger("click");
    expect(wrapper.find("h1").text()).toBe("Jiedu 解读 — Policy interpretation packs");
    expect(wrapper.findAll("th").map((th) => th.text())).toEqual([
      "Policy",
      "State",
      "Drafting unit",
      "Revision",
      "Content hash",
      "Blocking",
    ]);
    expect(wrapper.findAll(".state").map((s) => s.text())).toEqual([
      "Drafting",
      "Submitted",
      "Returned",
      "Deployed",
    ]);
    const rule2 = wrapper.find('[data-rule-id="whoever-drafts-interprets"]');
    expect(rule2.find(".check-title").text()).toBe("Whoever drafts, interprets");
    expect(rule2.find(".check-message").text()).toBe(
      "The drafting unit must interpret, and the first interpreter must be named.",
    );
    expect(rule2.find(".status-icon").attributes("aria-label")).toBe("Fail");
    expect(wrapper.find('[data-locale="en"]').attributes("aria-pressed")).toBe("true");
    expect(document.documentElement.lang).toBe("en");
    expect(document.title).toBe("Jiedu 解读");
    expect(localStorage.getItem("jiedu.locale")).toBe("en");

    await wrapper.find('[data-locale="zh-CN"]').trigger("click");
    expect(wrapper.find(".state").text()).toBe("起草中");
    expect(rule2.find(".check-title").text()).toBe("谁起草、谁解读");
  });
});

describe("user content", () => {
  it("renders markup in titles and messages as text", async () => {
    const evil = '<script>window.__pwned = true</script><img src=x onerror="window.__pwned = true">';
    const pack: PackSummary = { ...mockPacks[0]!, id: "evil", title: evil, unit_name: "<b>单位</b>" };
    const base = mockChecklists["pack-2025-014"]!;
    const checklist: Checklist = {
      ...base,
      pack_id: "evil",
      items: base.items.map((item) => ({ ...item, message: { zh: evil, en: evil } })),
    };
    const wrapper = await app(
      createMockBackend({ packs: [pack], checklists: { evil: checklist } }),
    );
    await wrapper.find("tbody tr").trigger("click");
    await flushPromises();

    expect(wrapper.find(".pack-title").text()).toBe(evil);
    expect(wrapper.find(".pack-heading").text()).toBe(evil);
    expect(wrapper.find(".check-message").text()).toBe(evil);
    expect(wrapper.find("tbody").text()).toContain("<b>单位</b>");
    expect(wrapper.find("script").exists()).toBe(false);
    expect(wrapper.find("img").exists()).toBe(false);
    expect(wrapper.find("b").exists()).toBe(false);
    expect((window as unknown as { __pwned?: boolean }).__pwned).toBeUndefined();
  });
});
