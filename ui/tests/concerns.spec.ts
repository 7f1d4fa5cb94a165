import { describe, expect, it, vi } from "vitest";
import { byTestId, DEMO_NOW, demoBackend, mountApp, settle } from "./helpers";

const concern = (wrapper: Awaited<ReturnType<typeof mountApp>>, what: string) =>
  wrapper.findAll(byTestId("concern")).find((c) => c.find(".concern-what").text() === what)!;
const clocks = (c: ReturnType<typeof concern>) =>
  c.findAll(byTestId("concern-clock")).map((k) => [k.attributes("data-kind"), k.attributes("data-status"), k.find(byTestId("clock-state")).text()]);

describe("public concerns", () => {
  it("lists the concerns newest first with their clocks: time left, overdue in red, answered in time", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: DEMO_NOW });
    const wrapper = await mountApp(demoBackend("chen.jing"), "#/concerns");
    const list = wrapper.find(byTestId("concern-list"));
    expect(list.findAll(byTestId("concern")).map((c) => c.find(".concern-what").text())).toEqual([
      "网传某地土地征收补偿标准下调，多家媒体跟进报道",
      "网民关注依申请公开的办理时限是否缩短",
      "网民询问土地征收信息公开的查询入口",
    ]);
    // A major incident started two hours ago: 5 hours to authoritative information, 24 to a press conference.
    const major = concern(wrapper, "网传某地土地征收补偿标准下调，多家媒体跟进报道");
    expect(clocks(major)).toEqual([
      ["authoritative_info", "running", "剩 3 小时 0 分"],
      ["press_conference", "running", "剩 22 小时 0 分"],
    ]);
    expect(major.text()).toContain("重大");
    // Another concern, 52 hours old and unanswered: its 48 hours have run out.
    const overdue = concern(wrapper, "网民询问土地征收信息公开的查询入口");
    expect(clocks(overdue)).toEqual([["response", "overdue", "已超时 4 小时 0 分"]]);
    expect(overdue.find(byTestId("concern-clock")).classes()).toContain("tone-alert");
    expect(overdue.text()).toContain("政策法规司");
    expect(overdue.text()).toContain("解读包：关于进一步规范土地征收信息公开工作的通知");
    const answered = concern(wrapper, "网民关注依申请公开的办理时限是否缩短");
    expect(clocks(answered)).toEqual([["response", "met", "按时"]]);
    expect(answered.find(byTestId("concern-response")).text()).toContain("门户网站");
    expect(answered.find(byTestId("concern-response")).text()).toContain("陈静");
  });

  it("records a response on one of the concern's own clocks and shows it answered", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: DEMO_NOW });
    const backend = demoBackend("chen.jing");
    const respond = vi.spyOn(backend, "respondConcern");
    const wrapper = await mountApp(backend, "#/concerns");
    const major = () => concern(wrapper, "网传某地土地征收补偿标准下调，多家媒体跟进报道");
    const form = major().find(byTestId("concern-respond"));
    // Only this concern's clocks can be answered; the first open one is offered.
    const options = form.findAll(`${byTestId("respond-clock")} option`).map((o) => o.attributes("value"));
    expect(options).toEqual(["authoritative_info", "press_conference"]);
    expect((form.find(byTestId("respond-clock")).element as HTMLSelectElement).value).toBe("authoritative_info");
    await form.find(byTestId("respond-what")).setValue("发布情况通报，说明补偿标准未作调整");
    await form.find(byTestId("respond-where")).setValue("门户网站、官方微博");
    await form.find(byTestId("respond-at")).setValue("2026-12-01T10:30");
    await form.trigger("submit");
    await settle();

    const id = major().attributes("data-concern-id")!;
    expect(respond).toHaveBeenCalledWith(id, {
      clock: "authoritative_info",
      what: "发布情况通报，说明补偿标准未作调整",
      where: "门户网站、官方微博",
      at: new Date("2026-12-01T10:30").toISOString(),
      by: "",
    });
    expect(clocks(major())[0]).toEqual(["authoritative_info", "met", "按时"]);
    expect(clocks(major())[1]![1]).toBe("running");
    expect(major().find(byTestId("concern-response")).text()).toContain("发布情况通报");
    // The next open clock is offered next.
    expect((major().find(byTestId("respond-clock")).element as HTMLSelectElement).value).toBe("press_conference");
  });

  it("shows the backend's refusal of an incomplete response", async () => {
    const wrapper = await mountApp(demoBackend("chen.jing"), "#/concerns");
    const form = concern(wrapper, "网民询问土地征收信息公开的查询入口").find(byTestId("concern-respond"));
    await form.trigger("submit");
    await settle();
    const notice = form.find(byTestId("error-notice"));
    expect(notice.attributes("data-error-code")).toBe("concern.invalid");
    expect(notice.text()).toContain("请写明回应内容");
  });

  it("records a concern on a pack, and it appears at the top", async () => {
    const backend = demoBackend("chen.jing");
    const add = vi.spyOn(backend, "addConcern");
    const wrapper = await mountApp(backend, "#/concerns");
    const form = wrapper.find(byTestId("concern-add"));
    const packs = form.findAll(`${byTestId("concern-pack")} option`).map((o) => o.attributes("value"));
    expect(packs).toContain("");
    expect(packs).toContain("seed-openness");
    await form.find(byTestId("concern-what")).setValue("媒体询问政务公开实施意见的落实进度");
    await form.find(byTestId("concern-severity")).setValue("major");
    await form.find(byTestId("concern-source")).setValue("媒体报道");
    await form.find(byTestId("concern-pack")).setValue("seed-openness");
    const started = (form.find(byTestId("concern-started")).element as HTMLInputElement).value;
    expect(started).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await form.trigger("submit");
    await settle();

    expect(add).toHaveBeenCalledWith({
      pack_id: "seed-openness",
      unit_id: null,
      what: "媒体询问政务公开实施意见的落实进度",
      started_at: new Date(started).toISOString(),
      severity: "major",
      source: "媒体报道",
    });
    const first = wrapper.findAll(byTestId("concern"))[0]!;
    expect(first.find(".concern-what").text()).toBe("媒体询问政务公开实施意见的落实进度");
    expect(first.findAll(byTestId("concern-clock")).map((c) => c.attributes("data-kind"))).toEqual(["authoritative_info", "press_conference"]);
    expect(first.text()).toContain("办公厅");
    expect((form.find(byTestId("concern-what")).element as HTMLTextAreaElement).value).toBe("");
  });

  it("follows concerns recorded on another desk, and asks again every minute so the time left moves", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"], now: DEMO_NOW });
    const backend = demoBackend("chen.jing");
    const wrapper = await mountApp(backend, "#/concerns");
    expect(wrapper.findAll(byTestId("concern"))).toHaveLength(3);

    await backend.otherDesk("chen.jing").addConcern({
      pack_id: null,
      unit_id: null,
      what: "网民反映政策文件链接无法打开",
      started_at: DEMO_NOW.toISOString(),
      severity: "other",
      source: "网民留言",
    });
    await settle();
    expect(wrapper.findAll(byTestId("concern"))).toHaveLength(4);

    const list = vi.spyOn(backend, "listConcerns");
    vi.advanceTimersByTime(60_000);
    await settle();
    expect(list).toHaveBeenCalledTimes(1);
    const major = concern(wrapper, "网传某地土地征收补偿标准下调，多家媒体跟进报道");
    expect(clocks(major)[0]![2]).toBe("剩 2 小时 59 分");
  });

  it("lets others read the concerns but not record or answer them", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei"), "#/concerns");
    expect(wrapper.findAll(byTestId("concern"))).toHaveLength(3);
    expect(wrapper.find(byTestId("concern-add")).exists()).toBe(false);
    expect(wrapper.find(byTestId("concern-respond")).exists()).toBe(false);
    expect(wrapper.find(byTestId("concern-readonly")).text()).toContain("新闻发言人");
  });

  it("is reached from the side navigation", async () => {
    const wrapper = await mountApp(demoBackend("chen.jing"));
    await wrapper.find(byTestId("nav-concerns")).trigger("click");
    await settle();
    expect(window.location.hash).toBe("#/concerns");
    expect(wrapper.find("#concerns-heading").text()).toBe("社会关切");
  });
});
