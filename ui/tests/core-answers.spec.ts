// The mock backend decides no rule itself: what it says about checklists, permissions and
// workflow steps is what jiedu-core answered (src/backend/fixtures/core-answers.json, written by
// src-tauri/src/core_fixtures.rs).

import { describe, expect, it } from "vitest";
import answers from "../src/backend/fixtures/core-answers.json";
import { contentHash, hasCoreAnswer } from "../src/backend/core-answers";
import { createMockBackend } from "../src/backend/mock";
import { demoPacks } from "../src/backend/mock-data";
import chartGalleryJson from "../../resources/demo/chart-gallery-pack.json";
import incompleteJson from "../../resources/demo/incomplete-pack.json";
import seedJson from "../../resources/demo/seed-pack.json";
import type { IpcError, Pack, PackContent } from "../src/types/ipc";

interface Refusal {
  code: string;
  message: string;
}
const authorizeAnswers = answers.authorize as Record<string, Record<string, Record<string, Refusal | null>>>;
const contents = answers.contents as Record<string, { pack: string; checklists: Record<string, unknown>; submit_gate: Record<string, Refusal | null> }>;

/** The content fixtures of the UI tests, by file name. */
const contentFixtures = import.meta.glob<{ unit_id: string; content: PackContent }>("./fixtures/contents/*.json", {
  eager: true,
  import: "default",
});

describe("the mock answers with jiedu-core's decisions", () => {
  it("hashes content as the core does: every recorded content is found under its own hash", () => {
    const files = Object.entries(contentFixtures);
    expect(files.length).toBeGreaterThan(0);
    for (const [path, fixture] of files) {
      const stem = path.replace(/^.*\//, "").replace(/\.json$/, "");
      expect(contents[contentHash(fixture.content)]?.pack, path).toBe(stem);
    }
    for (const json of [seedJson, incompleteJson, chartGalleryJson]) {
      const pack = json as unknown as Pack;
      expect(contents[contentHash(pack.content)]?.pack).toBe(pack.id);
    }
  });

  it("has the core's answers for every demo pack", () => {
    for (const pack of demoPacks()) expect(hasCoreAnswer(pack.content), pack.id).toBe(true);
  });

  it("refuses a drafter's signing with exactly the core's message for that user, unit and action", async () => {
    const refusal = authorizeAnswers["zhang.wei"]!["general-office"]!.sign!;
    expect(refusal.code).toBe("permission.role");
    const backend = createMockBackend({ signedInAs: "zhang.wei" });
    await backend.submitPack("seed-openness", 1);
    const view = await backend.getPack("seed-openness");
    const sign = view.steps.find((s) => s.step === "sign")!;
    expect(sign).toEqual({ step: "sign", allowed: false, code: refusal.code, reason: refusal.message });
    await expect(backend.signPack("seed-openness", 1, "同意。")).rejects.toEqual({ code: refusal.code, message: refusal.message });
    // Another unit's drafter is refused by unit, as the core words it.
    const other = authorizeAnswers["liu.yang"]!["general-office"]!.edit!;
    expect(other.code).toBe("permission.other_unit");
    const elsewhere = backend.otherDesk("liu.yang");
    expect((await elsewhere.getPack("seed-openness")).steps.find((s) => s.step === "edit")?.reason).toBe(other.message);
  });

  it("gives the core's checklist and submit gate for the content", async () => {
    const backend = createMockBackend({ signedInAs: "liu.yang" });
    const pack = (await backend.getPack("draft-land-notice")).pack;
    const recorded = contents[contentHash(pack.content)]!;
    expect(await backend.checkPack("draft-land-notice")).toEqual({ ...(recorded.checklists["drafting|false"] as object), pack_id: "draft-land-notice" });
    const submit = recorded.submit_gate.drafting!;
    expect(submit.code).toBe("workflow.blocked");
    await expect(backend.submitPack("draft-land-notice", 1)).rejects.toEqual(submit);
  });

  it("gives the core's refusal to submit while comments are open", async () => {
    const backend = createMockBackend({ signedInAs: "zhang.wei" });
    const view = await backend.getPack("annual-report-2026");
    expect(view.open_comments).toEqual([1]);
    const recorded = contents[contentHash(view.pack.content)]!.submit_gate["returned|open"]!;
    expect(recorded.code).toBe("workflow.open_comments");
    const submit = view.steps.find((s) => s.step === "submit")!;
    // The core's message with this pack's open comment ids in its `{ids}` hole.
    expect(recorded.message).toContain("{ids}");
    expect([submit.code, submit.reason]).toEqual([recorded.code, recorded.message.split("{ids}").join("1")]);
  });

  it("fills the two hashes into the core's refusal to deploy a pack whose signature is stale", async () => {
    const [seed] = demoPacks().filter((p) => p.id === "seed-openness");
    const signed = "sha256:" + "0".repeat(64);
    const pack: Pack = {
      ...seed!,
      state: "signed",
      signature: {
        pack_id: "seed-openness",
        signer_id: "li.hua",
        signer_name: "李华",
        signed_at: "2026-12-01T08:00:00Z",
        revision: 1,
        content_hash: signed,
        algorithm: "ed25519",
        public_key: "",
        signature: "",
        comment: "",
      },
    };
    const backend = createMockBackend({ signedInAs: "chen.jing", packs: [pack] });
    const deploy = (await backend.getPack("seed-openness")).steps.find((s) => s.step === "deploy")!;
    const template = answers.deploy.signature_stale;
    expect(deploy.code).toBe(template.code);
    expect(deploy.reason).toBe(template.message.replaceAll("{signed}", signed).replaceAll("{current}", contentHash(pack.content)));
  });

  it("refuses a content the core was never asked about with mock.no_core_answer, and does not guess", async () => {
    const backend = createMockBackend({ signedInAs: "zhang.wei" });
    const content = structuredClone((await backend.getPack("seed-openness")).pack.content);
    content.policy.title = "核心从未见过的标题";
    const hash = contentHash(content);
    expect(hasCoreAnswer(content)).toBe(false);
    const refused = (await backend.checkContent("seed-openness", content).catch((e: unknown) => e)) as IpcError;
    expect(refused.code).toBe("mock.no_core_answer");
    expect(refused.message).toContain(hash);
    expect(refused.message).toContain('{ "unit_id": "general-office", "content": <PackContent> }');
    expect(refused.message).toContain("ui/tests/fixtures/contents/");
    expect(refused.message).toContain("JIEDU_UPDATE_FIXTURES=1 cargo test -q -p jiedu-app core_fixtures");
    // Saved, the content cannot be listed or stepped on either: no answer is made up.
    await backend.savePack("seed-openness", 1, content);
    await expect(backend.listPacks()).rejects.toMatchObject({ code: "mock.no_core_answer" });
    await expect(backend.submitPack("seed-openness", 2)).rejects.toMatchObject({ code: "mock.no_core_answer" });
  });
});
