import { afterEach, describe, expect, it, vi } from "vitest";
import { byTestId, demoBackend, mountApp, onDemoDay, settle } from "./helpers";

afterEach(() => {
  vi.useRealTimers();
});

const fakeTimers = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
const field = (path: string) => `[data-field="${path}"]`;
const PACK = "draft-land-notice";
const ORIGINAL_TITLE = "关于进一步规范土地征收信息公开工作的通知";
const MY_TITLE = "关于规范土地征收信息公开的通知（我的修改）";
const THEIR_HEADING = "征收前信息公开。";

/**
 * The editor loads revision 1; meanwhile the same drafter saves revision 2 from another window
 * (a changed heading); then the editor saves its own edit (a changed title), still on revision 1.
 */
async function conflictingSave() {
  const backend = demoBackend("liu.yang");
  const wrapper = await mountApp(backend, `#/pack/${PACK}/editor`);
  const theirs = structuredClone((await backend.getPack(PACK)).pack.content);
  theirs.policy.sections[1]!.heading = THEIR_HEADING;
  expect((await backend.savePack(PACK, 1, theirs)).revision).toBe(2);

  const savePack = vi.spyOn(backend, "savePack");
  const discardDraft = vi.spyOn(backend, "discardDraft");
  const saveDraft = vi.spyOn(backend, "saveDraft");
  await wrapper.find(field("policy.title")).setValue(MY_TITLE);
  await wrapper.find(byTestId("save-pack")).trigger("click");
  await settle();
  const value = (path: string) => (wrapper.find(field(path)).element as HTMLInputElement).value;
  return { backend, wrapper, savePack, discardDraft, saveDraft, value };
}

describe("editor: saving on top of a revision that is no longer current", () => {
  it("shows the conflict panel with the backend's message, the differences per part and both choices", async () => {
    const { backend, wrapper, savePack } = await conflictingSave();
    expect(savePack).toHaveBeenCalledTimes(1);
    expect(savePack.mock.calls[0]![1]).toBe(1);

    const panel = wrapper.find(byTestId("conflict-panel"));
    expect(panel.exists()).toBe(true);
    const message = panel.find(byTestId("conflict-message")).text();
    expect(message).toContain("您基于第 1 版操作，但 liu.yang 已于");
    expect(message).toContain("保存了第 2 版");
    expect(panel.find(byTestId("conflict-kept")).text()).toContain("您的版本已保留为草稿");
    expect(panel.text()).toContain("您的版本与当前第 2 版的差异");

    // From the current revision to the user's version: their title, and the other window's
    // heading change undone.
    const changes = panel.findAll(byTestId("diff-change"));
    expect(changes.map((c) => [c.attributes("data-part"), c.attributes("data-kind")])).toEqual([
      ["policy", "modified"],
      ["policy.sections[1]", "modified"],
    ]);
    expect(changes[0]!.text()).toContain("title");
    expect(changes[1]!.find(".before").text()).toContain(THEIR_HEADING);
    expect(changes[1]!.find(".after").text()).toContain("征收前信息。");

    const reload = panel.find(byTestId("conflict-reload"));
    const keep = panel.find(byTestId("conflict-keep-mine"));
    expect(reload.text()).toBe("重新载入最新版本");
    expect(keep.text()).toBe("保留我的版本为新版本");
    expect((reload.element as HTMLButtonElement).disabled).toBe(false);
    expect((keep.element as HTMLButtonElement).disabled).toBe(false);

    // Nothing was written, the refused content is the draft, and the form waits for a choice.
    expect((await backend.listRevisions(PACK)).length).toBe(2);
    const draft = (await backend.getPack(PACK)).draft;
    expect(draft?.base_revision).toBe(1);
    expect(draft?.content.policy.title).toBe(MY_TITLE);
    expect(wrapper.find(byTestId("save-pack")).exists()).toBe(false);
    expect(wrapper.find(field("policy.title")).attributes("readonly")).toBeDefined();
    expect(wrapper.find(".ws-head").text()).toContain("第 2 版");
  });

  it("keeps the user's version as the next revision, then edits and autosaves on top of it", async () => {
    fakeTimers();
    const { backend, wrapper, savePack, saveDraft, value } = await conflictingSave();
    await wrapper.find(byTestId("conflict-keep-mine")).trigger("click");
    await settle();

    expect(savePack).toHaveBeenCalledTimes(2);
    expect(savePack.mock.calls[1]![1]).toBe(2);
    const view = await backend.getPack(PACK);
    expect(view.pack.revision).toBe(3);
    expect(view.pack.content.policy.title).toBe(MY_TITLE);
    expect(view.pack.content.policy.sections[1]!.heading).toBe("征收前信息。");
    expect(view.draft).toBeNull();
    expect(wrapper.find(byTestId("conflict-panel")).exists()).toBe(false);
    expect(wrapper.find(byTestId("success-notice")).text()).toContain("已保存为第 3 版");
    expect(wrapper.find(".ws-head").text()).toContain("第 3 版");
    expect(value("policy.title")).toBe(MY_TITLE);
    expect(wrapper.find(byTestId("autosave-status")).text()).toBe("修改将自动保存为草稿");

    // The editor now works on revision 3: autosave and the next save use it as their base.
    await wrapper.find(field("policy.drafter")).setValue("刘洋、王芳");
    vi.advanceTimersByTime(1500);
    await settle();
    expect(saveDraft).toHaveBeenCalledTimes(1);
    expect(saveDraft.mock.calls[0]![1]).toBe(3);
    await wrapper.find(byTestId("save-pack")).trigger("click");
    await settle();
    expect(savePack.mock.calls[2]![1]).toBe(3);
    expect((await backend.getPack(PACK)).pack.revision).toBe(4);
    expect(wrapper.find(byTestId("conflict-panel")).exists()).toBe(false);
  });

  it("reloads the current version, discarding the draft, then edits and autosaves on top of it", async () => {
    fakeTimers();
    const { backend, wrapper, savePack, discardDraft, saveDraft, value } = await conflictingSave();
    await wrapper.find(byTestId("conflict-reload")).trigger("click");
    await settle();

    expect(discardDraft).toHaveBeenCalledWith(PACK);
    expect(savePack).toHaveBeenCalledTimes(1);
    const view = await backend.getPack(PACK);
    expect(view.pack.revision).toBe(2);
    expect(view.draft).toBeNull();
    expect(wrapper.find(byTestId("conflict-panel")).exists()).toBe(false);
    expect(value("policy.title")).toBe(ORIGINAL_TITLE);
    expect(value("policy.sections[1].heading")).toBe(THEIR_HEADING);
    expect(wrapper.find(byTestId("success-notice")).text()).toContain("已载入第 2 版");
    expect(wrapper.find(byTestId("autosave-status")).text()).toBe("修改将自动保存为草稿");

    await wrapper.find(field("policy.drafter")).setValue("刘洋、王芳");
    vi.advanceTimersByTime(1500);
    await settle();
    expect(saveDraft).toHaveBeenCalledTimes(1);
    expect(saveDraft.mock.calls[0]![1]).toBe(2);
    await wrapper.find(byTestId("save-pack")).trigger("click");
    await settle();
    expect(savePack.mock.calls[1]![1]).toBe(2);
    const saved = await backend.getPack(PACK);
    expect(saved.pack.revision).toBe(3);
    expect(saved.pack.content.policy.sections[1]!.heading).toBe(THEIR_HEADING);
    expect(saved.pack.content.policy.title).toBe(ORIGINAL_TITLE);
  });
});

describe("review: a step on a revision that is no longer current", () => {
  it("refuses to sign, shows who saved the newer revision, and signs it only after reloading", async () => {
    onDemoDay(); // the openness review writes its time into the content
    const backend = demoBackend("zhang.wei");
    await backend.submitPack("seed-openness", 1);
    await backend.signIn("li.hua", "jiedu-demo");
    const sign = vi.spyOn(backend, "signPack");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/review");
    expect(wrapper.find(".ws-head").text()).toContain("第 1 版");

    // While the leader reads revision 1, the openness office records its review: revision 2.
    await backend.signIn("zhao.min", "jiedu-demo");
    await backend.reviewDisclosure("seed-openness", 1, true, "同意主动公开。");
    await backend.signIn("li.hua", "jiedu-demo");

    await wrapper.find(byTestId("sign-comment")).setValue("同意。");
    await wrapper.find(byTestId("sign-pack")).trigger("click");
    await settle();
    expect(sign).toHaveBeenCalledWith("seed-openness", 1, "同意。");
    const notice = wrapper.find(byTestId("error-notice"));
    expect(notice.attributes("data-error-code")).toBe("pack.conflict");
    expect(notice.text()).toContain("解读包已有更新的版本");
    expect(notice.text()).toContain("您基于第 1 版操作，但 zhao.min 已于");
    expect(notice.text()).toContain("保存了第 2 版");
    const refused = await backend.getPack("seed-openness");
    expect(refused.pack.state).toBe("submitted");
    expect(refused.pack.signature).toBeNull();
    // Still showing revision 1, not signed.
    expect(wrapper.find(".ws-head").text()).toContain("已报审");
    expect(wrapper.find(".ws-head").text()).toContain("第 1 版");

    // Reloading shows revision 2 and what changed in it; only then is it signed.
    await wrapper.find(byTestId("reload-pack")).trigger("click");
    await settle();
    expect(wrapper.find(".ws-head").text()).toContain("第 2 版");
    expect(wrapper.find(byTestId("error-notice")).exists()).toBe(false);
    const changed = wrapper.findAll(byTestId("diff-change")).map((c) => c.attributes("data-part"));
    expect(changed).toEqual(["policy"]);
    await wrapper.find(byTestId("sign-pack")).trigger("click");
    await settle();
    expect(sign).toHaveBeenLastCalledWith("seed-openness", 2, "同意。");
    const signed = await backend.getPack("seed-openness");
    expect(signed.pack.state).toBe("signed");
    expect(signed.pack.signature?.revision).toBe(2);
  });
});
