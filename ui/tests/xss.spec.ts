import { afterEach, describe, expect, it } from "vitest";
import { demoPacks } from "../src/backend/mock-data";
import type { Pack } from "../src/types/ipc";
import { byTestId, demoBackend, mountApp, settle } from "./helpers";

const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = "<script>window.__xss=1</script>";
const EVIL = `${IMG}${SCRIPT}`;

type XssWindow = Window & { __xss?: number };

function evilPack(): Pack {
  const pack = demoPacks().find((p) => p.id === "seed-openness")!;
  pack.id = "evil";
  const c = pack.content;
  c.policy.title = EVIL;
  c.policy.doc_number = IMG;
  c.policy.preamble = [SCRIPT];
  c.policy.sections[0]!.heading = IMG;
  c.policy.sections[0]!.paragraphs = [EVIL];
  c.materials.text!.title = IMG;
  c.materials.text!.sections[0]!.paragraphs = [SCRIPT];
  c.materials.qa[0]!.question = EVIL;
  c.materials.charts[0]!.title = EVIL;
  return pack;
}

/** No markup from user content became an element, and nothing ran. */
function expectInert(): void {
  expect(document.querySelector('img[src="x"]')).toBeNull();
  expect(document.querySelector("img[onerror]")).toBeNull();
  expect(document.querySelector("#app script, body > div script")).toBeNull();
  expect((window as XssWindow).__xss).toBeUndefined();
}

afterEach(() => {
  delete (window as XssWindow).__xss;
});

describe("user content is text, never markup", () => {
  it("in the pack list", async () => {
    const backend = demoBackend("zhang.wei", { packs: [evilPack()] });
    const wrapper = await mountApp(backend, "#/packs");
    const title = wrapper.find(byTestId("pack-title"));
    expect(title.text()).toBe(EVIL);
    expect(title.attributes("title")).toBe(EVIL);
    expectInert();
  });

  it("in search snippets", async () => {
    const backend = demoBackend("zhang.wei", { packs: [evilPack()] });
    const wrapper = await mountApp(backend, "#/packs");
    await wrapper.find(byTestId("pack-search")).setValue("window");
    await new Promise((r) => setTimeout(r, 350));
    await settle();
    expect(wrapper.find(byTestId("pack-snippet")).text()).toContain('onerror="window.__xss=1"');
    expectInert();
  });

  it("in the editor", async () => {
    const wrapper = await mountApp(demoBackend("zhang.wei", { packs: [evilPack()] }), "#/pack/evil/editor");
    expect(wrapper.find(byTestId("pack-heading")).text()).toBe(EVIL);
    expect((wrapper.find('[data-field="policy.title"]').element as HTMLInputElement).value).toBe(EVIL);
    expect((wrapper.find('[data-field="policy.sections[0].heading"]').element as HTMLInputElement).value).toBe(IMG);
    expect((wrapper.find('[data-field="materials.qa[0].question"]').element as HTMLInputElement).value).toBe(EVIL);
    expectInert();
  });

  it("in the review screen, comments included", async () => {
    const backend = demoBackend("zhang.wei", { packs: [evilPack()] });
    await backend.submitPack("evil", 1);
    await backend.signIn("li.hua", "jiedu-demo");
    await backend.returnPack("evil", 1, "policy.sections[0]", EVIL);
    const wrapper = await mountApp(backend, "#/pack/evil/review");
    const policy = wrapper.find(byTestId("policy-view"));
    expect(policy.find(".doc-title").text()).toBe(EVIL);
    expect(policy.text()).toContain(IMG);
    expect(policy.text()).toContain(SCRIPT);
    expect(wrapper.find(byTestId("interpretation-view")).text()).toContain(SCRIPT);
    expect(wrapper.find(byTestId("comment-item")).text()).toContain(EVIL);
    expect(wrapper.find(`${byTestId("return-part")} option[value="policy.sections[0]"]`).text()).toContain(IMG);
    expectInert();
  });

  it("and no source file renders HTML from strings", () => {
    const sources = import.meta.glob("../src/**/*.{vue,ts}", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
    expect(Object.keys(sources).length).toBeGreaterThan(30);
    for (const [file, text] of Object.entries(sources)) {
      expect(text, file).not.toMatch(/v-html|innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});
