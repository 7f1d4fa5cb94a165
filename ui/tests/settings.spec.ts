import { describe, expect, it, vi } from "vitest";
import type { DOMWrapper } from "@vue/test-utils";
import calendar2026 from "../../resources/calendar/2026.json";
import { byTestId, demoBackend, mountApp, settle } from "./helpers";

/** A file as the webview gives it: jsdom's File lacks Blob.text(), which every target webview has. */
function jsonFile(name: string, text: string): File {
  return Object.assign(new File([text], name, { type: "application/json" }), { text: () => Promise.resolve(text) });
}

/** Pretends the user chose `file` in a file input. */
async function chooseFile(input: DOMWrapper<Element>, file: File): Promise<void> {
  Object.defineProperty(input.element, "files", { value: [file], configurable: true });
  await input.trigger("change");
  await settle();
}

const year2027 = {
  ...calendar2026,
  year: 2027,
  source: "国务院办公厅关于2027年部分节假日安排的通知（示例）",
  source_url: "https://www.gov.cn/zhengce/example-2027.htm",
  holidays: [{ name: "元旦", from: "2027-01-01", to: "2027-01-03" }],
  workdays: [],
};

describe("working-day calendar", () => {
  it("lists the years loaded with their notice, holidays and make-up days", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei"), "#/settings");
    const rows = wrapper.findAll(`${byTestId("calendar-years")} ${byTestId("calendar-year")}`);
    expect(rows.map((r) => r.attributes("data-year"))).toEqual(["2024", "2025", "2026"]);
    const y2026 = rows[2]!;
    expect(y2026.find("a").text()).toBe("国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号）");
    expect(y2026.find("a").attributes("href")).toBe("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm");
    expect(y2026.find(byTestId("calendar-holidays")).text()).toBe("7");
    expect(y2026.find(byTestId("calendar-workdays")).text()).toBe("6");
    expect(y2026.text()).toContain("随程序提供");
    // Not an admin: nothing to import.
    expect(wrapper.find(byTestId("calendar-import")).exists()).toBe(false);
  });

  it("lets an admin import a year from a JSON file read in the browser", async () => {
    const backend = demoBackend("admin");
    const importCalendar = vi.spyOn(backend, "importCalendar");
    const wrapper = await mountApp(backend, "#/settings");
    const text = JSON.stringify(year2027);
    await chooseFile(wrapper.find(byTestId("calendar-import")), jsonFile("2027.json", text));
    expect(importCalendar).toHaveBeenCalledWith("2027.json", text);
    const row = wrapper.find(`${byTestId("calendar-year")}[data-year="2027"]`);
    expect(row.text()).toContain("管理员导入");
    expect(row.find(byTestId("calendar-holidays")).text()).toBe("1");
  });

  it("shows why a file was refused", async () => {
    const wrapper = await mountApp(demoBackend("admin"), "#/settings");
    await chooseFile(wrapper.find(byTestId("calendar-import")), jsonFile("2027.json", "{ not json"));
    const notice = wrapper.find(`${byTestId("error-notice")}[data-error-code="calendar.invalid"]`);
    expect(notice.text()).toContain("日历文件 2027.json 无法读取");
    expect(wrapper.findAll(byTestId("calendar-year"))).toHaveLength(3);
  });
});

describe("unit settings", () => {
  it("saves an admin's settings for the chosen unit", async () => {
    const backend = demoBackend("admin");
    const save = vi.spyOn(backend, "setUnitSettings");
    const wrapper = await mountApp(backend, "#/settings");
    await wrapper.find(byTestId("settings-unit")).setValue("policy-dept");
    await settle();
    const form = wrapper.find(byTestId("unit-settings"));
    expect(form.attributes("data-unit")).toBe("policy-dept");
    expect((form.find('[data-testid="setting-deadlines.disclosure_days"]').element as HTMLInputElement).value).toBe("20");
    await form.find('[data-testid="setting-portal.org_code"]').setValue("000014349");
    await form.find('[data-testid="setting-portal.base_path"]').setValue("/zwgk/zcjd/");
    await form.find('[data-testid="setting-concerns.response_hours"]').setValue("24");
    await form.trigger("submit");
    await settle();
    expect(save).toHaveBeenCalledTimes(1);
    const [unit, settings] = save.mock.calls[0]!;
    expect(unit).toBe("policy-dept");
    expect(settings.portal.org_code).toBe("000014349");
    expect(settings.portal.base_path).toBe("/zwgk/zcjd/");
    expect(settings.concerns.response_hours).toBe(24);
    expect(settings.deadlines).toEqual({ interpretation_lag_days: 3, disclosure_days: 20 });
    expect(await backend.unitSettings("policy-dept")).toEqual(settings);
  });

  it("shows the backend's refusal next to the field it names", async () => {
    const backend = demoBackend("admin");
    vi.spyOn(backend, "setUnitSettings").mockRejectedValue({
      code: "settings.invalid",
      message: "单位设置 portal.org_code 有误：组织机构代码应为 6–20 位数字或大写字母 / the organisation code is 6–20 digits or capital letters\nUnit setting portal.org_code is wrong.",
      field: "portal.org_code",
    });
    const wrapper = await mountApp(backend, "#/settings");
    const form = wrapper.find(byTestId("unit-settings"));
    await form.find('[data-testid="setting-portal.org_code"]').setValue("abc");
    await form.trigger("submit");
    await settle();
    const errors = form.findAll(byTestId("field-error"));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.attributes("data-field")).toBe("portal.org_code");
    expect(errors[0]!.text()).toContain("组织机构代码应为 6–20 位数字或大写字母");
    // Beside its own input, which is marked.
    const field = form.find('[data-setting="portal.org_code"]');
    expect(field.find(byTestId("field-error")).exists()).toBe(true);
    expect(field.find("input").classes()).toContain("invalid");
    expect(form.find(byTestId("error-notice")).exists()).toBe(false);
  });

  it("shows a refusal that names no field of the form below it", async () => {
    const backend = demoBackend("admin");
    vi.spyOn(backend, "setUnitSettings").mockRejectedValue({
      code: "unit.not_found",
      message: "找不到单位“general-office”。请先添加该单位。\nNo unit with id general-office. Add the unit first.",
      field: "unit",
    });
    const wrapper = await mountApp(backend, "#/settings");
    const form = wrapper.find(byTestId("unit-settings"));
    await form.trigger("submit");
    await settle();
    const notice = form.find(byTestId("error-notice"));
    expect(notice.attributes("data-error-code")).toBe("unit.not_found");
    expect(notice.text()).toContain("找不到单位");
    expect(form.find(byTestId("field-error")).exists()).toBe(false);
  });

  it("refuses others as the core does", async () => {
    const backend = demoBackend("zhang.wei");
    await expect(backend.setUnitSettings("general-office", await backend.unitSettings("general-office"))).rejects.toMatchObject({
      code: "permission.role",
    });
  });

  it("shows the settings read-only to everyone else", async () => {
    const wrapper = await mountApp(demoBackend("chen.jing"), "#/settings");
    const form = wrapper.find(byTestId("unit-settings"));
    expect(form.attributes("data-unit")).toBe("press-office");
    expect((form.find('[data-testid="setting-concerns.authoritative_info_hours"]').element as HTMLInputElement).value).toBe("5");
    for (const set of form.findAll("fieldset")) expect((set.element as HTMLFieldSetElement).disabled).toBe(true);
    expect(form.find(byTestId("unit-settings-save")).exists()).toBe(false);
    expect(wrapper.text()).toContain("只有管理员可以修改设置");
  });
});
