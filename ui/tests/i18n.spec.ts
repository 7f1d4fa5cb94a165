import { beforeEach, describe, expect, it } from "vitest";
import { formatDateTime, pick, setLocale, t } from "../src/i18n";
import { en } from "../src/i18n/en";
import { zhCN } from "../src/i18n/zh-CN";

beforeEach(() => setLocale("zh-CN"));

describe("messages", () => {
  it("have the same keys and placeholders in both languages", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const [key, zh] of Object.entries(zhCN)) {
      expect(zh.trim(), key).not.toBe("");
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
