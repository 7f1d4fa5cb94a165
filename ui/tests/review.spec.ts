import { describe, expect, it, vi } from "vitest";
import { byTestId, demoBackend, mountApp, onDemoDay, settle } from "./helpers";

const button = (wrapper: Awaited<ReturnType<typeof mountApp>>, id: string) => wrapper.find(byTestId(id)).element as HTMLButtonElement;
const reasonOf = (wrapper: Awaited<ReturnType<typeof mountApp>>, step: string) =>
  wrapper.find(`${byTestId("step-reason")}[data-step="${step}"]`);

describe("review: policy and interpretation side by side", () => {
  it("renders the policy sections and the text interpretation read-only", async () => {
    const wrapper = await mountApp(demoBackend("li.hua"), "#/pack/annual-report-2026/review");
    const policy = wrapper.find(byTestId("policy-view"));
    expect(policy.text()).toContain("关于做好2026年政府信息公开工作年度报告编制发布工作的通知");
    expect(policy.text()).toContain("一、按时发布年度报告");
    expect(wrapper.find(byTestId("interpretation-view")).text()).toContain("一、出台背景");
    expect(wrapper.find(`${byTestId("policy-view")} input`).exists()).toBe(false);
  });
});

describe("review: workflow steps follow PackView.steps", () => {
  it("disables a step the backend refuses and shows its reason", async () => {
    const backend = demoBackend("liu.yang");
    const submit = vi.spyOn(backend, "submitPack");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/review");
    expect(button(wrapper, "submit-pack").disabled).toBe(true);
    const view = await backend.getPack("seed-openness");
    const reason = view.steps.find((s) => s.step === "submit")!.reason!;
    expect(reasonOf(wrapper, "submit").text()).toBe(reason);
    expect(wrapper.find(byTestId("submit-pack")).attributes("title")).toBe(reason);
    await wrapper.find(byTestId("submit-pack")).trigger("click");
    expect(submit).not.toHaveBeenCalled();
    // A drafter sees no leader steps.
    expect(wrapper.find(byTestId("sign-pack")).exists()).toBe(false);
    expect(wrapper.find(byTestId("return-pack")).exists()).toBe(false);
  });

  it("names the blocking rules when submission is refused by the gates", async () => {
    const wrapper = await mountApp(demoBackend("liu.yang"), "#/pack/draft-land-notice/review");
    expect(button(wrapper, "submit-pack").disabled).toBe(true);
    expect(reasonOf(wrapper, "submit").text()).toContain("whoever-drafts-interprets");
  });

  it("submits when allowed, then reloads the pack", async () => {
    const backend = demoBackend("zhang.wei");
    const getPack = vi.spyOn(backend, "getPack");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/review");
    expect(button(wrapper, "submit-pack").disabled).toBe(false);
    expect(reasonOf(wrapper, "submit").exists()).toBe(false);
    const loads = getPack.mock.calls.length;
    await wrapper.find(byTestId("submit-pack")).trigger("click");
    await settle();
    expect(getPack.mock.calls.length).toBe(loads + 1);
    expect(wrapper.find(".ws-head").text()).toContain("已报审");
    expect(wrapper.find(byTestId("success-notice")).text()).toContain("已报送审签。");
    // Submitted: no second submission.
    expect(button(wrapper, "submit-pack").disabled).toBe(true);
  });

  it("lets the leader return with a comment on a chosen part", async () => {
    const backend = demoBackend("zhang.wei");
    await backend.submitPack("seed-openness", 1);
    await backend.signIn("li.hua", "jiedu-demo");
    const returnPack = vi.spyOn(backend, "returnPack");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/review");

    const parts = wrapper.findAll(`${byTestId("return-part")} option`).map((o) => o.attributes("value"));
    expect(parts.slice(0, 3)).toEqual(["pack", "policy", "policy.sections[0]"]);
    expect(parts).toContain("plan");
    expect(parts).toContain("text.sections[0]");
    expect(parts).toContain("chart:five-openness");
    expect(parts).toContain("qa:q1");

    await wrapper.find(byTestId("return-part")).setValue("qa:q1");
    await wrapper.find(byTestId("return-comment")).setValue("问答第一条请再精炼。");
    await wrapper.find(byTestId("return-pack")).trigger("click");
    await settle();
    expect(returnPack).toHaveBeenCalledWith("seed-openness", 1, "qa:q1", "问答第一条请再精炼。");
    expect(wrapper.find(".ws-head").text()).toContain("已退回");
    const comment = wrapper.find(byTestId("comment-item"));
    expect(comment.text()).toContain("问答第一条请再精炼。");
    expect(comment.text()).toContain("问答 为什么要制定");
    expect(comment.text()).toContain("李华");
  });

  it("lets the leader sign with a comment", async () => {
    const backend = demoBackend("zhang.wei");
    await backend.submitPack("seed-openness", 1);
    await backend.signIn("li.hua", "jiedu-demo");
    const sign = vi.spyOn(backend, "signPack");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/review");
    await wrapper.find(byTestId("sign-comment")).setValue("同意。");
    await wrapper.find(byTestId("sign-pack")).trigger("click");
    await settle();
    expect(sign).toHaveBeenCalledWith("seed-openness", 1, "同意。");
    expect(wrapper.find(".ws-head").text()).toContain("已审签");
  });

  it("blocks signing a not-proactive pack until the openness office approves", async () => {
    onDemoDay(); // the openness review writes its time into the content
    const backend = demoBackend("li.hua");
    let wrapper = await mountApp(backend, "#/pack/land-inspection-internal/review");
    expect(button(wrapper, "sign-pack").disabled).toBe(true);
    expect(reasonOf(wrapper, "sign").text()).toContain("disclosure");
    wrapper.unmount();

    await backend.signIn("zhao.min", "jiedu-demo");
    const review = vi.spyOn(backend, "reviewDisclosure");
    wrapper = await mountApp(backend, "#/pack/land-inspection-internal/review");
    await wrapper.find(byTestId("disclosure-comment")).setValue("同意不予公开。");
    await wrapper.find(byTestId("disclosure-approve")).trigger("click");
    await settle();
    expect(review).toHaveBeenCalledWith("land-inspection-internal", 1, true, "同意不予公开。");
    wrapper.unmount();

    await backend.signIn("li.hua", "jiedu-demo");
    wrapper = await mountApp(backend, "#/pack/land-inspection-internal/review");
    expect(button(wrapper, "sign-pack").disabled).toBe(false);
  });

  it("shows an action's refusal from the backend as an error notice", async () => {
    const backend = demoBackend("li.hua");
    await backend.signIn("zhang.wei", "jiedu-demo");
    await backend.submitPack("seed-openness", 1);
    await backend.signIn("li.hua", "jiedu-demo");
    const wrapper = await mountApp(backend, "#/pack/seed-openness/review");
    await wrapper.find(byTestId("return-comment")).setValue("   ");
    await wrapper.find(byTestId("return-pack")).trigger("click");
    await settle();
    expect(wrapper.find(byTestId("error-notice")).text()).toContain("退回时请写明意见。\nWrite a comment when returning a pack.");
  });
});

describe("review: comments and diff", () => {
  it("lists comments and lets the drafter resolve them, which unblocks submission", async () => {
    const backend = demoBackend("zhang.wei");
    const resolve = vi.spyOn(backend, "resolveComment");
    const wrapper = await mountApp(backend, "#/pack/annual-report-2026/review");
    expect(button(wrapper, "submit-pack").disabled).toBe(true);
    expect(reasonOf(wrapper, "submit").text()).toContain("未处理的审签意见");
    const comment = wrapper.find(byTestId("comment-item"));
    expect(comment.text()).toContain("请补充舆情预判和回应口径");
    expect(comment.text()).toContain("解读方案");
    expect(comment.text()).toContain("待处理");
    await comment.find(byTestId("resolve-comment")).trigger("click");
    await settle();
    expect(resolve).toHaveBeenCalledWith("annual-report-2026", 1);
    expect(wrapper.find(byTestId("comment-item")).text()).toContain("已处理");
    expect(wrapper.find(byTestId("resolve-comment")).exists()).toBe(false);
    expect(button(wrapper, "submit-pack").disabled).toBe(false);
  });

  it("lists what changed since the leader's last review", async () => {
    const backend = demoBackend("zhang.wei");
    const view = await backend.getPack("annual-report-2026");
    const content = structuredClone(view.pack.content);
    content.plan!.concerns.push({ concern: "报告格式是否统一", line: "按统一格式编制。" });
    content.policy.sections[1]!.paragraphs[0] = "年度报告应按国务院办公厅统一格式编制。";
    await backend.savePack("annual-report-2026", view.pack.revision, content);
    const wrapper = await mountApp(backend, "#/pack/annual-report-2026/review");
    const diff = wrapper.find(byTestId("diff-list"));
    const changes = diff.findAll('[data-testid="diff-change"]');
    expect(changes.map((c) => [c.attributes("data-part"), c.attributes("data-kind")])).toEqual([
      ["policy.sections[1]", "modified"],
      ["plan", "modified"],
    ]);
    expect(changes[0]!.text()).toContain("修改");
    expect(changes[0]!.text()).toContain("年度报告应按国务院办公厅统一格式编制。");
    expect(changes[1]!.text()).toContain("concerns");
    expect(wrapper.text()).toContain("第 1 版 → 第 2 版");
  });
});
