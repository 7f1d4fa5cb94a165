import { beforeEach, describe, expect, it } from "vitest";
import { formatDateTime, pick, setLocale, t } from "../src/i18n";
import { en } from "../src/i18n/en";
import { zhCN } from "../src/i18n/zh-CN";
import { byTestId, demoBackend, mountApp, settle } from "./helpers";

beforeEach(() => setLocale("zh-CN"));

describe("messages", () => {
  it("have the same keys and placeholders in both languages", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, zh] of Object.entries(zhCN)) {
      expect(zh.trim(), key).not.toBe("");
      expect(en[key as keyof typeof en].trim(), key).not.toBe("");
      expect(placeholders(en[key as keyof typeof en]), key).toEqual(placeholders(zh));
    }
  });
});

describe("t", () => {
  it("follows the locale and fills placeholders", () => {
    expect(t("packs.count", { count: 4 })).toBe("共 4 个");
    setLocale("en");
    expect(t("packs.count", { count: 4 })).toBe("4 in total");
    expect(t("state.returned")).toBe("Returned");
  });

  it("leaves unknown placeholders alone and does not re-expand values", () => {
    expect(t("error.code", {})).toBe("错误代码：{code}");
    expect(t("error.code", { code: "{code}" })).toBe("错误代码：{code}");
  });

  it("picks the matching side of a bilingual text", () => {
    const text = { zh: "同步审签", en: "Signed together" };
    expect(pick(text)).toBe("同步审签");
    setLocale("en");
    expect(pick(text)).toBe("Signed together");
  });

  it("formats timestamps and keeps unparseable ones", () => {
    expect(formatDateTime("2025-03-14T09:30:00Z")).toMatch(/2025/);
    expect(formatDateTime("not a date")).toBe("not a date");
  });
});

describe("language switch", () => {
  it("is Chinese by default and switches the whole screen to English and back", async () => {
    const wrapper = await mountApp(demoBackend("liu.yang"), "#/pack/draft-land-notice/editor");
    expect(wrapper.find(byTestId("tab-editor")).text()).toBe("编辑");
    expect(wrapper.find(byTestId("nav-packs")).text()).toBe("解读包");
    expect(wrapper.find(byTestId("signout")).text()).toBe("退出");
    const rule2 = () => wrapper.find(`${byTestId("checklist-item")}[data-rule="whoever-drafts-interprets"]`);
    expect(rule2().find(".check-title").text()).toBe("谁起草、谁解读");
    expect(wrapper.find(byTestId("lang-switch")).text()).toContain("English");

    await wrapper.find(byTestId("lang-switch")).trigger("click");
    expect(wrapper.find(byTestId("tab-editor")).text()).toBe("Editor");
    expect(wrapper.find(byTestId("tab-review")).text()).toBe("Review");
    expect(wrapper.find(byTestId("nav-packs")).text()).toBe("Packs");
    expect(wrapper.find(byTestId("signout")).text()).toBe("Sign out");
    expect(wrapper.find(byTestId("save-pack")).text()).toBe("Save");
    // Backend texts that come in both languages follow too.
    expect(rule2().find(".check-title").text()).toBe("Whoever drafts, interprets");
    // The item's summary is the core's: its first most severe finding (rules.rs).
    expect(rule2().find(".check-message").text()).toBe("The interpreting unit differs from the drafting unit; the drafting unit must interpret.");
    expect(document.documentElement.lang).toBe("en");
    expect(localStorage.getItem("jiedu.locale")).toBe("en");
    expect(wrapper.find(byTestId("lang-switch")).text()).toContain("中文");

    await wrapper.find(byTestId("lang-switch")).trigger("click");
    await settle();
    expect(wrapper.find(byTestId("tab-editor")).text()).toBe("编辑");
  });
});
