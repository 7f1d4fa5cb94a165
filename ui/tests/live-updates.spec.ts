import { afterEach, describe, expect, it, vi, type Mock } from "vitest";
import type { AuditEvent } from "../src/types/ipc";
import { byTestId, demoBackend, mountApp, onDemoDay, settle } from "./helpers";

afterEach(() => {
  vi.useRealTimers();
});

// On the demo day: the openness reviews below write their time into the content.
const fakeTimers = () => onDemoDay(["setTimeout", "clearTimeout"]);
const field = (path: string) => `[data-field="${path}"]`;
const PACK = "seed-openness";
const MY_TITLE = "关于全面推进政务公开工作的实施意见（修改稿）";

type Wrapper = Awaited<ReturnType<typeof mountApp>>;
const stateOf = (wrapper: Wrapper, id: string) =>
  wrapper.find(`${byTestId("pack-row")}[data-pack-id="${id}"]`).find(byTestId("pack-state")).text();

/** Lets the debounce run out and the fetches it starts be answered. */
async function afterDebounce(): Promise<void> {
  await settle();
  vi.advanceTimersByTime(300);
  await settle();
}

describe("pack list: live updates", () => {
  it("shows a drafter's submission on the leader's list without a reload, one fetch per burst", async () => {
    fakeTimers();
    const backend = demoBackend("li.hua");
    const listPacks = vi.spyOn(backend, "listPacks");
    const wrapper = await mountApp(backend);
    expect(stateOf(wrapper, PACK)).toBe("起草中");
    expect(listPacks).toHaveBeenCalledTimes(1);

    await backend.otherDesk("zhang.wei").submitPack(PACK, 1);
    await backend.otherDesk("zhao.min").reviewDisclosure("land-inspection-internal", 1, true, "同意不予公开。");
    const before = (await backend.listPacks()).find((p) => p.id === "land-inspection-internal")!;
    expect(before.revision).toBe(2);
    listPacks.mockClear();
    await settle();
    vi.advanceTimersByTime(299);
    await settle();
    expect(listPacks).not.toHaveBeenCalled();
    expect(stateOf(wrapper, PACK)).toBe("起草中");

    vi.advanceTimersByTime(1);
    await settle();
    expect(listPacks).toHaveBeenCalledTimes(1);
    expect(stateOf(wrapper, PACK)).toBe("已报审");
  });

  it("stops listening when the list is left", async () => {
    fakeTimers();
    const backend = demoBackend("li.hua");
    const real = backend.onAuditEvent;
    const stops: Mock<() => void>[] = [];
    vi.spyOn(backend, "onAuditEvent").mockImplementation(async (handler: (e: AuditEvent) => void) => {
      const stop = vi.fn(await real(handler));
      stops.push(stop);
      return stop;
    });
    const wrapper = await mountApp(backend);
    expect(stops).toHaveLength(1);

    await wrapper.find(`${byTestId("pack-row")}[data-pack-id="${PACK}"]`).trigger("click");
    await settle();
    expect(stops[0]).toHaveBeenCalledTimes(1);
    // The workspace listens for its own pack instead.
    expect(stops).toHaveLength(2);
    expect(stops[1]).not.toHaveBeenCalled();

    const listPacks = vi.spyOn(backend, "listPacks");
    await backend.otherDesk("zhang.wei").submitPack(PACK, 1);
    await afterDebounce();
    expect(listPacks).not.toHaveBeenCalled();
  });
});

describe("workspace: changes by someone else", () => {
  it("follows another person's change when nothing is unsaved, and saves on top of it", async () => {
    fakeTimers();
    const backend = demoBackend("zhang.wei");
    const getPack = vi.spyOn(backend, "getPack");
    const wrapper = await mountApp(backend, `#/pack/${PACK}/editor`);
    expect(wrapper.find(".ws-meta").text()).toContain("第 1 版");

    // Another pack's change is not this view's business.
    await backend.otherDesk("zhao.min").reviewDisclosure("land-inspection-internal", 1, true, "同意不予公开。");
    await afterDebounce();
    expect(getPack).toHaveBeenCalledTimes(1);

    await backend.otherDesk("zhao.min").reviewDisclosure(PACK, 1, true, "同意公开。");
    await afterDebounce();
    expect(getPack).toHaveBeenCalledTimes(2);
    expect(wrapper.find(".ws-meta").text()).toContain("第 2 版");
    expect(wrapper.find(byTestId("pack-changed-notice")).exists()).toBe(false);

    // The editor follows revision 2, so its next save is no conflict.
    const savePack = vi.spyOn(backend, "savePack");
    await wrapper.find(field("policy.title")).setValue(MY_TITLE);
    await wrapper.find(byTestId("save-pack")).trigger("click");
    await settle();
    expect(savePack.mock.calls[0]![1]).toBe(2);
    expect(wrapper.find(byTestId("conflict-panel")).exists()).toBe(false);
    expect(wrapper.find(".ws-meta").text()).toContain("第 3 版");
  });

  it("keeps unsaved edits and says the pack was changed, then the save shows the conflict", async () => {
    fakeTimers();
    const backend = demoBackend("zhang.wei");
    const getPack = vi.spyOn(backend, "getPack");
    const wrapper = await mountApp(backend, `#/pack/${PACK}/editor`);
    await wrapper.find(field("policy.title")).setValue(MY_TITLE);

    await backend.otherDesk("zhao.min").reviewDisclosure(PACK, 1, true, "同意公开。");
    await afterDebounce();
    const notice = wrapper.find(byTestId("pack-changed-notice"));
    expect(notice.exists()).toBe(true);
    expect(notice.attributes("role")).toBe("status");
    expect(notice.text()).toContain("此解读包已被他人更新（赵敏，审查公开属性）");
    expect(notice.text()).toContain("您尚未保存的修改仍保留");
    // Nothing was fetched over the edits, which are still there.
    expect(getPack).toHaveBeenCalledTimes(1);
    expect((wrapper.find(field("policy.title")).element as HTMLInputElement).value).toBe(MY_TITLE);
    expect(wrapper.find(".ws-meta").text()).toContain("第 1 版");

    // Another tab keeps the notice: the edits are still unsaved.
    await wrapper.find(byTestId("tab-review")).trigger("click");
    await settle();
    expect(wrapper.find(byTestId("pack-changed-notice")).exists()).toBe(true);
    await wrapper.find(byTestId("tab-editor")).trigger("click");
    await settle();

    await wrapper.find(byTestId("save-pack")).trigger("click");
    await settle();
    expect(wrapper.find(byTestId("conflict-panel")).exists()).toBe(true);
    expect(wrapper.find(byTestId("pack-changed-notice")).exists()).toBe(false);
    expect(wrapper.find(".ws-meta").text()).toContain("第 2 版");
  });

  it("can be dismissed", async () => {
    fakeTimers();
    const backend = demoBackend("zhang.wei");
    const wrapper = await mountApp(backend, `#/pack/${PACK}/editor`);
    await wrapper.find(field("policy.title")).setValue(MY_TITLE);
    await backend.otherDesk("zhao.min").reviewDisclosure(PACK, 1, false, "涉及个人信息，请修改。");
    await afterDebounce();
    await wrapper.find(byTestId("pack-changed-dismiss")).trigger("click");
    expect(wrapper.find(byTestId("pack-changed-notice")).exists()).toBe(false);
    expect((wrapper.find(field("policy.title")).element as HTMLInputElement).value).toBe(MY_TITLE);
  });

  it("leaves the user's own changes to the screen that made them", async () => {
    fakeTimers();
    const backend = demoBackend("zhang.wei");
    const getPack = vi.spyOn(backend, "getPack");
    const wrapper = await mountApp(backend, `#/pack/${PACK}/editor`);
    await wrapper.find(field("policy.title")).setValue(MY_TITLE);
    const theirs = structuredClone((await backend.getPack(PACK)).pack.content);
    theirs.policy.doc_number = "国办发〔2026〕1号";
    await backend.savePack(PACK, 1, theirs);
    getPack.mockClear();
    await afterDebounce();
    expect(wrapper.find(byTestId("pack-changed-notice")).exists()).toBe(false);
    expect(getPack).not.toHaveBeenCalled();
  });
});
