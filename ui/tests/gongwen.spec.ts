// The complete GB/T 9704-2012 element set of a policy: empty elements are left out as serde
// leaves them out (so old packs keep their hash), the editor never writes an empty one, and the
// review screen lays out every element that is set in the standard's order.

import { mount } from "@vue/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentHash, hasCoreAnswer, serializedPolicy } from "../src/backend/core-answers";
import { demoPacks } from "../src/backend/mock-data";
import DetectedPolicy from "../src/components/import/DetectedPolicy.vue";
import PolicyDocument from "../src/components/review/PolicyDocument.vue";
import { focusField } from "../src/composables/fieldFocus";
import type { PackContent, Policy } from "../src/types/ipc";
import { byTestId, demoBackend, mountApp, settle } from "./helpers";

afterEach(() => {
  vi.useRealTimers();
});

const seedContent = (): PackContent => structuredClone(demoPacks().find((p) => p.id === "seed-openness")!.content);

/** Every new element of the policy, set to its empty value. */
function allEmpty(policy: Policy): Policy {
  return {
    ...policy,
    doc_type: null,
    forwarding: null,
    copy_number: "",
    secrecy: null,
    urgency: null,
    issuer_mark: "",
    co_issuers: [],
    sign_off_by: [],
    addressee: "",
    signed_names: [],
    annotation: "",
    colophon: { copied_to: "", printed_by: "", printed_on: null },
    portal: { index_number: "", subject: "", published_on: null, validity: null, repealed_on: null },
  };
}

describe("content hash: the empty GB/T 9704 elements are left out as serde leaves them out", () => {
  it("hashes a policy with every new element empty as one without the keys", () => {
    const content = seedContent();
    const before = contentHash(content);
    expect(hasCoreAnswer(content)).toBe(true);
    const empty = { ...content, policy: allEmpty(content.policy) };
    expect(contentHash(empty)).toBe(before);
    // The core has its answers for it too: it is the same content.
    expect(hasCoreAnswer(empty)).toBe(true);
    // Absent blocks, empty blocks and blocks of undefined values are all the same nothing.
    expect(contentHash({ ...content, policy: { ...content.policy, colophon: {}, portal: {} } })).toBe(before);
    expect(contentHash({ ...content, policy: { ...content.policy, addressee: undefined, secrecy: undefined } })).toBe(before);
  });

  it("leaves out an attachment's empty sections, and keeps the main body's", () => {
    const content = seedContent();
    const attachment = { title: "附件一", paragraphs: ["正文"], file_name: null };
    const plain = { ...content, policy: { ...content.policy, attachments: [attachment] } };
    const emptySections = { ...content, policy: { ...content.policy, attachments: [{ ...attachment, sections: [] }] } };
    expect(contentHash(emptySections)).toBe(contentHash(plain));
    const withSections = {
      ...content,
      policy: { ...content.policy, attachments: [{ ...attachment, sections: [{ level: "article" as const, number: "第一条", heading: "", paragraphs: ["为了……"] }] }] },
    };
    expect(contentHash(withSections)).not.toBe(contentHash(plain));
    expect(serializedPolicy({ ...content.policy, sections: [] }).sections).toEqual([]);
  });

  it("keeps what is set, and only the set fields of a block", () => {
    const content = seedContent();
    const before = contentHash(content);
    const withAddressee = { ...content, policy: { ...content.policy, addressee: "各省、自治区、直辖市人民政府" } };
    expect(contentHash(withAddressee)).not.toBe(before);
    const colophon = (c: Policy["colophon"]) => contentHash({ ...content, policy: { ...content.policy, colophon: c } });
    expect(colophon({ copied_to: "", printed_by: "国务院办公厅", printed_on: null })).toBe(colophon({ printed_by: "国务院办公厅" }));
    expect(colophon({ printed_by: "国务院办公厅" })).not.toBe(before);
    const secrecy = (s: Policy["secrecy"]) => contentHash({ ...content, policy: { ...content.policy, secrecy: s } });
    expect(secrecy({ level: "secret", term: "" })).toBe(secrecy({ level: "secret" }));
    expect(secrecy({ level: "secret", term: "1年" })).not.toBe(secrecy({ level: "secret" }));
    const serialized = serializedPolicy({
      ...allEmpty(content.policy),
      urgency: "urgent",
      sign_off_by: ["李华"],
      portal: { index_number: "000014349/2026-00001", subject: "", published_on: null, validity: "valid", repealed_on: null },
    });
    expect(serialized).toMatchObject({ urgency: "urgent", sign_off_by: ["李华"], portal: { index_number: "000014349/2026-00001", validity: "valid" } });
    expect(Object.keys(serialized.portal!).sort()).toEqual(["index_number", "validity"]);
    for (const key of ["doc_type", "forwarding", "copy_number", "secrecy", "issuer_mark", "co_issuers", "addressee", "signed_names", "annotation", "colophon"]) {
      expect(serialized, key).not.toHaveProperty(key);
    }
  });
});

const field = (path: string) => `[data-field="${path}"]`;

describe("editor: the GB/T 9704 elements", () => {
  it("edits the new elements and removes each one again when it is cleared, never leaving {}", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const backend = demoBackend("liu.yang");
    const check = vi.spyOn(backend, "checkContent");
    const wrapper = await mountApp(backend, "#/pack/draft-land-notice/editor");
    const original = (await backend.getPack("draft-land-notice")).pack.content;
    const lastPolicy = async (): Promise<Policy> => {
      vi.advanceTimersByTime(500);
      await settle();
      return check.mock.calls[check.mock.calls.length - 1]![1].policy;
    };

    await wrapper.find(field("policy.addressee")).setValue("各省、自治区、直辖市自然资源主管部门");
    await wrapper.find(field("policy.secrecy")).setValue("confidential");
    await wrapper.find(field("policy.secrecy.term")).setValue("1年");
    await wrapper.find(field("policy.urgency")).setValue("very_urgent");
    await wrapper.find(field("policy.sign_off_by")).setValue("李华\n王明远");
    await wrapper.find(field("policy.doc_type")).setValue("notice");
    await wrapper.find(field("policy.colophon.copied_to")).setValue("部机关各司局");
    await wrapper.find(field("policy.colophon.printed_on")).setValue("2026-03-02");
    await wrapper.find(field("policy.portal.validity")).setValue("valid");
    await wrapper.find(field("policy.annotation")).setValue("（此件公开发布）\n（联系人：张伟）");
    let policy = await lastPolicy();
    expect(policy).toMatchObject({
      addressee: "各省、自治区、直辖市自然资源主管部门",
      secrecy: { level: "confidential", term: "1年" },
      urgency: "very_urgent",
      sign_off_by: ["李华", "王明远"],
      doc_type: "notice",
      colophon: { copied_to: "部机关各司局", printed_on: "2026-03-02" },
      portal: { validity: "valid" },
      annotation: "（此件公开发布）\n（联系人：张伟）",
    });

    // A cleared 保密期限 leaves the 密级 alone, without an empty term.
    await wrapper.find(field("policy.secrecy.term")).setValue("");
    policy = await lastPolicy();
    expect(policy.secrecy).toEqual({ level: "confidential" });

    await wrapper.find(field("policy.addressee")).setValue("");
    await wrapper.find(field("policy.secrecy")).setValue("");
    await wrapper.find(field("policy.urgency")).setValue("");
    await wrapper.find(field("policy.sign_off_by")).setValue("");
    await wrapper.find(field("policy.doc_type")).setValue("");
    await wrapper.find(field("policy.colophon.copied_to")).setValue("");
    await wrapper.find(field("policy.colophon.printed_on")).setValue("");
    await wrapper.find(field("policy.portal.validity")).setValue("");
    await wrapper.find(field("policy.annotation")).setValue("");
    policy = await lastPolicy();
    for (const key of ["addressee", "secrecy", "urgency", "sign_off_by", "doc_type", "colophon", "portal", "annotation"]) {
      expect(policy, key).not.toHaveProperty(key);
    }
    // All cleared: the same content as before, nothing left to save.
    expect(JSON.stringify(policy)).toBe(JSON.stringify(original.policy));
    // …which the core has its answers for again: the checklist is back.
    expect(hasCoreAnswer({ ...original, policy })).toBe(true);
    expect(wrapper.find(`${byTestId("checklist-item")}[data-rule="document-form"]`).exists()).toBe(true);
  });

  it("offers the regulation levels for the body's units", async () => {
    const wrapper = await mountApp(demoBackend("liu.yang"), "#/pack/draft-land-notice/editor");
    const options = wrapper.findAll(`${field("policy.sections[0].level")} option`).map((o) => o.attributes("value"));
    expect(options).toEqual(["l1", "l2", "l3", "l4", "chapter", "division", "article", "item"]);
    await wrapper.find(field("policy.sections[0].level")).setValue("article");
    await wrapper.find(field("policy.sections[0].heading")).setValue("");
    // An article has no heading of its own: its text is its first paragraph.
    expect(wrapper.find(field("policy.sections[0].heading")).exists()).toBe(false);
    expect(wrapper.find(field("policy.sections[0].paragraphs")).exists()).toBe(true);
  });

  it("goes from the 公文格式要素 finding to the 主送机关, and unfolds a folded group for its field", async () => {
    const wrapper = await mountApp(demoBackend("liu.yang"), "#/pack/draft-land-notice/editor");
    const item = wrapper.find(`${byTestId("checklist-item")}[data-rule="document-form"]`);
    expect(item.text()).toContain("下行文应写明主送机关");
    await item.trigger("click");
    expect((document.activeElement as HTMLElement | null)?.dataset.field).toBe("policy.addressee");

    const marks = wrapper.find(field("policy.marks")).element as HTMLDetailsElement;
    expect(marks.open).toBe(false);
    expect(focusField(wrapper.element, "policy.copy_number")).toBe(true);
    expect(marks.open).toBe(true);
    expect((document.activeElement as HTMLElement | null)?.dataset.field).toBe("policy.copy_number");
  });
});

/** A 上行文 (请示) with every element set, and a regulation as its attachment. */
function fullPolicy(): Policy {
  return {
    ...seedContent().policy,
    title: "关于修订政务公开工作规定的请示",
    doc_number: "国土资发〔2026〕8号",
    issuing_authority: "国土资源部",
    written_on: "2026-03-02",
    preamble: ["为进一步做好政务公开工作，现将有关事项请示如下。"],
    sections: [
      { level: "l1", number: "一、", heading: "修订的必要性", paragraphs: ["现行规定已不适应工作需要。"] },
      { level: "l1", number: "二、", heading: "修订的主要内容", paragraphs: [] },
    ],
    attachments: [
      {
        title: "政务公开工作规定（修订草案）",
        paragraphs: [],
        sections: [
          { level: "chapter", number: "第一章", heading: "总则", paragraphs: [] },
          { level: "article", number: "第一条", heading: "", paragraphs: ["为了规范政务公开工作，制定本规定。"] },
          { level: "item", number: "（一）", heading: "", paragraphs: ["主动公开；"] },
        ],
        file_name: null,
      },
    ],
    doc_type: "request",
    copy_number: "000123",
    secrecy: { level: "secret", term: "1年" },
    urgency: "urgent",
    issuer_mark: "国土资源部文件",
    co_issuers: ["国家档案局"],
    sign_off_by: ["李华"],
    addressee: "国务院",
    signed_names: ["国土资源部", "国家档案局"],
    annotation: "（联系人：张伟，电话：010-12345678）",
    colophon: { copied_to: "国务院办公厅", printed_by: "国土资源部办公厅", printed_on: "2026-03-03" },
    portal: { index_number: "000019174/2026-00008", subject: "综合政务\\政务公开", validity: "valid" },
  };
}

describe("review: the policy laid out as GB/T 9704 prints it", () => {
  it("shows every element that is set, in the standard's order", () => {
    const wrapper = mount(PolicyDocument, { props: { policy: fullPolicy() } });
    const order = wrapper.findAll("[data-element]").map((e) => e.attributes("data-element"));
    expect(order).toEqual([
      "doc_type",
      "copy_number",
      "secrecy",
      "urgency",
      "issuer_mark",
      "doc_number",
      "sign_off_by",
      "addressee",
      "attachment_note",
      "signed_name",
      "signed_name",
      "written_on",
      "annotation",
      "attachment",
      "colophon",
      "copied_to",
      "printed_by",
      "printed_on",
      "portal",
    ]);
    const text = (name: string) => wrapper.find(`[data-element="${name}"]`).text();
    expect(text("secrecy")).toBe("秘密★1年");
    expect(text("sign_off_by")).toContain("签发人：");
    expect(text("sign_off_by")).toContain("李华");
    expect(wrapper.find(".gw-number-line").classes()).toContain("upward");
    expect(text("addressee")).toBe("国务院：");
    expect(text("attachment_note")).toBe("附件：政务公开工作规定（修订草案）");
    expect(text("copied_to")).toBe("抄送：国务院办公厅");
    expect(text("printed_on")).toBe("2026年3月3日印发");
    expect(text("portal")).toContain("000019174/2026-00008");
    // The attachment has its own structure: the chapter centred, the article's number in bold.
    const attachment = wrapper.find('[data-element="attachment"]');
    expect(attachment.find('[data-level="chapter"]').text()).toBe("第一章　总则");
    expect(attachment.find('[data-level="article"] .article-number').text()).toBe("第一条");
    expect(attachment.find('[data-level="article"]').text()).toBe("第一条　为了规范政务公开工作，制定本规定。");
    expect(attachment.find('[data-level="item"]').text()).toBe("（一）主动公开；");
  });

  it("shows nothing of the elements that are not set; the issuer mark defaults to the authority's name", () => {
    const policy = seedContent().policy;
    const wrapper = mount(PolicyDocument, { props: { policy } });
    const order = wrapper.findAll("[data-element]").map((e) => e.attributes("data-element"));
    expect(order).toEqual(["issuer_mark", "signed_name"]);
    expect(wrapper.find('[data-element="issuer_mark"]').text()).toBe(`${policy.issuing_authority}文件`);
    expect(wrapper.find(".gw-number-line").classes()).not.toContain("upward");
  });
});

describe("import: the detected policy", () => {
  it("lists the elements found in the standard's order, and the forwarded document with its headings", () => {
    const policy: Policy = { ...fullPolicy(), forwarding: "issue", doc_type: "notice" };
    const wrapper = mount(DetectedPolicy, { props: { policy } });
    const facts = wrapper.findAll("[data-fact]").map((f) => f.attributes("data-fact"));
    expect(facts).toEqual([
      "copy_number",
      "secrecy",
      "urgency",
      "issuer_mark",
      "issuing_authority",
      "co_issuers",
      "doc_number",
      "sign_off_by",
      "doc_type",
      "forwarding",
      "addressee",
      "signed_names",
      "written_on",
      "annotation",
      "copied_to",
      "printed_by",
      "printed_on",
      "index_number",
      "subject",
      "validity",
    ]);
    const attachments = wrapper.find(byTestId("import-attachments"));
    expect(attachments.text()).toContain("所印发的文件");
    expect(attachments.text()).toContain("政务公开工作规定（修订草案）");
    expect(attachments.text()).toContain("第一章总则");
    expect(attachments.text()).toContain("第一条为了规范政务公开工作，制定本规定。");
  });
});
