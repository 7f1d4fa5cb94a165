import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const core = vi.hoisted(() => ({
  invoke: vi.fn(),
  isTauri: vi.fn(() => true),
  convertFileSrc: vi.fn((path: string, protocol = "asset") => `${protocol}://localhost/${path}`),
}));
vi.mock("@tauri-apps/api/core", () => core);
const events = vi.hoisted(() => ({ listen: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => events);

import { createTauriBackend, isIpcError, MEDIA_CHUNK_BYTES, toIpcError } from "../src/backend";
import { createMockBackend, DEMO_PASSPHRASE, MOCK_CA_FINGERPRINT } from "../src/backend/mock";
import type { AuditEvent, PackContent } from "../src/types/ipc";

beforeEach(() => {
  core.invoke.mockReset();
  core.isTauri.mockReset().mockReturnValue(true);
  events.listen.mockReset();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("Tauri backend", () => {
  it("calls the commands with their argument names", async () => {
    core.invoke.mockResolvedValue(null);
    const backend = createTauriBackend();
    const content = { policy: {}, plan: null, materials: {} } as unknown as PackContent;
    await backend.listPacks();
    await backend.getPack("p");
    await backend.saveDraft("p", 3, content);
    await backend.savePack("p", 2, content);
    await backend.returnPack("p", 2, "plan", "请修改");
    await backend.signPack("p", 2, "同意。");
    await backend.deployPack("p", 2, ["portal"]);
    await backend.diffAgainstCurrent("p", content);
    await backend.resolveComment("p", 7);
    await backend.pasteChartData("a\tb");
    expect(core.invoke.mock.calls).toEqual([
      ["list_packs", undefined],
      ["get_pack", { id: "p" }],
      ["save_draft", { id: "p", baseRevision: 3, content }],
      ["save_pack", { id: "p", base: 2, content }],
      ["return_pack", { id: "p", revision: 2, part: "plan", comment: "请修改" }],
      ["sign_pack", { id: "p", revision: 2, comment: "同意。" }],
      ["deploy_pack", { id: "p", revision: 2, channels: ["portal"], at: null }],
      ["diff_against_current", { id: "p", content }],
      ["resolve_comment", { id: "p", commentId: 7 }],
      ["paste_chart_data", { text: "a\tb", layout: null }],
    ]);
  });

  it("calls the connection commands with their argument names", async () => {
    core.invoke.mockResolvedValue({ mode: "local" });
    const backend = createTauriBackend();
    await backend.connectionInfo();
    await backend.connectServer("https://srv:8443", "/etc/jiedu/ca.pem");
    await backend.useLocal();
    expect(core.invoke.mock.calls).toEqual([
      ["connection_info", undefined],
      ["connect_server", { url: "https://srv:8443", caPath: "/etc/jiedu/ca.pem" }],
      ["use_local", undefined],
    ]);
  });

  it("passes the user's corrections of an import, and null when there are none", async () => {
    core.invoke.mockResolvedValue(null);
    const backend = createTauriBackend();
    const corrections = { title_lines: [2, 3], junk_lines: [1] };
    await backend.importPasted("标题\n正文");
    await backend.importPasted("标题\n正文", corrections);
    await backend.importDropped("/tmp/a.docx");
    await backend.importDropped("/tmp/a.docx", corrections);
    expect(core.invoke.mock.calls).toEqual([
      ["import_pasted", { text: "标题\n正文", corrections: null }],
      ["import_pasted", { text: "标题\n正文", corrections }],
      ["import_dropped", { path: "/tmp/a.docx", corrections: null }],
      ["import_dropped", { path: "/tmp/a.docx", corrections }],
    ]);
  });

  it("calls the publication commands with their argument names", async () => {
    core.invoke.mockResolvedValue(null);
    const backend = createTauriBackend();
    const concern = { pack_id: null, unit_id: null, what: "关切", started_at: "2026-12-01T08:00:00.000Z", severity: "major", source: "微博" } as const;
    const response = { clock: "authoritative_info", what: "通报", where: "门户网站", at: "2026-12-01T09:00:00.000Z", by: "" } as const;
    const settings = {
      portal: { org_code: "000014349", base_path: "/zwgk/", site_name: "", column: "", footer: "" },
      deadlines: { interpretation_lag_days: 3, disclosure_days: 20 },
      concerns: { authoritative_info_hours: 5, press_conference_hours: 24, response_hours: 48 },
    };
    await backend.packDeadlinesToday("p");
    await backend.exportPortal("p");
    await backend.listConcerns();
    await backend.addConcern(concern);
    await backend.respondConcern("gz-1", response);
    await backend.annualFigures(2026, null);
    await backend.annualFigures(2026, "policy-dept");
    await backend.calendarYears();
    await backend.importCalendar("2027.json", "{}");
    await backend.unitSettings("policy-dept");
    await backend.setUnitSettings("policy-dept", settings);
    expect(core.invoke.mock.calls).toEqual([
      ["pack_deadlines_today", { id: "p" }],
      ["export_portal", { id: "p" }],
      ["list_concerns", undefined],
      ["add_concern", { concern }],
      ["respond_concern", { id: "gz-1", response }],
      ["annual_figures", { year: 2026, unit: null }],
      ["annual_figures", { year: 2026, unit: "policy-dept" }],
      ["calendar_years", undefined],
      ["import_calendar", { name: "2027.json", text: "{}" }],
      ["unit_settings", { unit: "policy-dept" }],
      ["set_unit_settings", { unit: "policy-dept", settings }],
    ]);
  });

  it("sends a picked file in 4 MiB raw pieces with its upload id and offset, reporting progress", async () => {
    const size = 2 * MEDIA_CHUNK_BYTES + 10;
    const file = new File([new Uint8Array(size)], "发布会.mp4", { type: "video/mp4" });
    const added = { media: { id: "m1", file_name: "发布会.mp4" }, stripped: [], existed: false };
    core.invoke.mockImplementation((command: string, args: unknown, options?: { headers: Record<string, string> }) => {
      if (command === "media_upload_begin") return Promise.resolve("u7");
      if (command === "media_upload_chunk") {
        const offset = Number(options!.headers["x-offset"]);
        return Promise.resolve(offset + (args as Uint8Array).length);
      }
      if (command === "media_upload_finish") return Promise.resolve(added);
      return Promise.reject(new Error(`unexpected ${command}`));
    });
    const progress: [number, number][] = [];
    const result = await createTauriBackend().addMediaFile(file, (sent, total) => progress.push([sent, total]));
    expect(result).toEqual(added);
    const calls = core.invoke.mock.calls;
    expect(calls[0]).toEqual(["media_upload_begin", { fileName: "发布会.mp4", byteLen: size }]);
    const chunks = calls.filter((c) => c[0] === "media_upload_chunk");
    expect(chunks.map((c) => [(c[1] as Uint8Array).length, c[2]])).toEqual([
      [MEDIA_CHUNK_BYTES, { headers: { "x-upload-id": "u7", "x-offset": "0" } }],
      [MEDIA_CHUNK_BYTES, { headers: { "x-upload-id": "u7", "x-offset": String(MEDIA_CHUNK_BYTES) } }],
      [10, { headers: { "x-upload-id": "u7", "x-offset": String(2 * MEDIA_CHUNK_BYTES) } }],
    ]);
    expect(chunks.every((c) => c[1] instanceof Uint8Array)).toBe(true);
    expect(calls[calls.length - 1]).toEqual(["media_upload_finish", { uploadId: "u7" }]);
    expect(progress).toEqual([
      [0, size],
      [MEDIA_CHUNK_BYTES, size],
      [2 * MEDIA_CHUNK_BYTES, size],
      [size, size],
    ]);
  });

  it("cancels an upload the shell refused, passing its IpcError on", async () => {
    const refusal = { code: "media.unsupported", message: "文件“a.txt”不是可接受的格式\nThe file a.txt is not in an accepted format", field: "a.txt" };
    core.invoke.mockImplementation((command: string) => {
      if (command === "media_upload_begin") return Promise.resolve("u1");
      if (command === "media_upload_chunk") return Promise.resolve(3);
      if (command === "media_upload_finish") return Promise.reject(refusal);
      if (command === "media_upload_cancel") return Promise.reject("already gone");
      return Promise.reject(new Error(command));
    });
    await expect(createTauriBackend().addMediaFile(new File(["abc"], "a.txt"))).rejects.toEqual(refusal);
    expect(core.invoke.mock.calls.map((c) => c[0])).toEqual(["media_upload_begin", "media_upload_chunk", "media_upload_finish", "media_upload_cancel"]);
    expect(core.invoke.mock.calls[3]![1]).toEqual({ uploadId: "u1" });
  });

  it("adds a dropped file by its path and loads stored files from the jiedu-media protocol", async () => {
    core.invoke.mockResolvedValue({ media: {}, stripped: [], existed: true });
    const backend = createTauriBackend();
    await backend.addDroppedMedia("/home/u/照片.jpg");
    expect(core.invoke.mock.calls).toEqual([["add_dropped_media", { path: "/home/u/照片.jpg" }]]);
    const sha = "ab".repeat(32);
    expect(backend.mediaUrl(sha)).toBe(`jiedu-media://localhost/${sha}`);
    expect(core.convertFileSrc).toHaveBeenCalledWith(sha, "jiedu-media");
  });

  it("listens to jiedu://audit and hands over the payload, returning the unlisten", async () => {
    const unlisten = vi.fn();
    events.listen.mockResolvedValue(unlisten);
    const seen: AuditEvent[] = [];
    const stop = await createTauriBackend().onAuditEvent((e) => seen.push(e));
    expect(events.listen).toHaveBeenCalledWith("jiedu://audit", expect.any(Function));
    const payload = { seq: 7, action: "pack.submit", pack_id: "p" } as AuditEvent;
    (events.listen.mock.calls[0]![1] as (e: { payload: AuditEvent }) => void)({ payload });
    expect(seen).toEqual([payload]);
    stop();
    expect(unlisten).toHaveBeenCalledTimes(1);
  });

  it("passes IpcErrors through and wraps anything else as code internal", async () => {
    const backend = createTauriBackend();
    core.invoke.mockRejectedValueOnce({ code: "pack.not_found", message: "没有该解读包", field: "id", extra: 1 });
    await expect(backend.checkPack("x")).rejects.toEqual({ code: "pack.not_found", message: "没有该解读包", field: "id" });
    core.invoke.mockRejectedValueOnce("command check_pack not found");
    await expect(backend.checkPack("x")).rejects.toEqual({ code: "internal", message: "command check_pack not found" });
  });

  it("rejects with backend_unavailable outside Tauri, without invoking", async () => {
    core.isTauri.mockReturnValue(false);
    const error: unknown = await createTauriBackend().listPacks().catch((e: unknown) => e);
    expect(isIpcError(error) && error.code).toBe("backend_unavailable");
    expect(core.invoke).not.toHaveBeenCalled();
  });
});

describe("toIpcError", () => {
  it("normalises thrown values", () => {
    expect(toIpcError(new Error("boom"))).toEqual({ code: "internal", message: "boom" });
    expect(toIpcError({ code: 1, message: "x" })).toEqual({ code: "internal", message: "[object Object]" });
    expect(toIpcError(null)).toEqual({ code: "internal", message: "null" });
  });
});

describe("mock backend", () => {
  it("agrees with itself: the list's blocking failures are the checklist's", async () => {
    const backend = createMockBackend();
    for (const pack of await backend.listPacks()) {
      const checklist = await backend.checkPack(pack.id);
      expect(checklist.content_hash).toBe(pack.content_hash);
      const blocking = checklist.items.filter((i) => i.status === "fail" && i.severity === "blocking").map((i) => i.id);
      expect(blocking).toEqual(pack.blocking_failures);
    }
  });

  it("walks the seed pack through submit, sign and deploy with the demo people", async () => {
    const backend = createMockBackend();
    await expect(backend.getPack("seed-openness")).rejects.toMatchObject({ code: "auth.signed_out" });
    await backend.signIn("zhang.wei", DEMO_PASSPHRASE);
    expect((await backend.submitPack("seed-openness", 1)).to).toBe("submitted");
    await backend.signIn("li.hua", DEMO_PASSPHRASE);
    const record = await backend.signPack("seed-openness", 1, "同意。");
    expect(record.signer_name).toBe("李华");
    await backend.signIn("chen.jing", DEMO_PASSPHRASE);
    const view = await backend.getPack("seed-openness");
    expect(view.steps.find((s) => s.step === "deploy")).toEqual({ step: "deploy", allowed: true, code: null, reason: null });
    const deployment = await backend.deployPack("seed-openness", 1, ["portal", "wechat"]);
    expect(deployment.channels).toEqual(["portal", "wechat"]);
    expect((await backend.getPack("seed-openness")).pack.state).toBe("deployed");
    const actions = (await backend.packAudit("seed-openness")).map((e) => e.action);
    expect(actions).toEqual(["pack.create", "pack.submit", "pack.sign", "pack.deploy"]);
  });

  it("refuses a step with the reason, and unknown ids with pack.not_found", async () => {
    const backend = createMockBackend({ signedInAs: "liu.yang" });
    const view = await backend.getPack("seed-openness");
    const submit = view.steps.find((s) => s.step === "submit");
    expect(submit?.allowed).toBe(false);
    expect(submit?.reason).toContain("不能报送审签单位“general-office”的解读包");
    await expect(backend.submitPack("seed-openness", 1)).rejects.toMatchObject({ code: "permission.other_unit" });
    await expect(backend.checkPack("nope")).rejects.toMatchObject({ code: "pack.not_found" });
  });

  it("keeps drafts per user and hides one equal to the saved content", async () => {
    const backend = createMockBackend({ signedInAs: "zhang.wei" });
    const view = await backend.getPack("seed-openness");
    expect(view.draft).toBeNull();
    const edited = structuredClone(view.pack.content);
    edited.policy.title = "改过的标题";
    await backend.saveDraft("seed-openness", view.pack.revision, edited);
    expect((await backend.getPack("seed-openness")).draft?.content.policy.title).toBe("改过的标题");
    await backend.savePack("seed-openness", view.pack.revision, edited);
    expect((await backend.getPack("seed-openness")).draft).toBeNull();
  });

  it("refuses a save or a step on a stale revision like the store, keeping refused content as the draft", async () => {
    const backend = createMockBackend({ signedInAs: "zhang.wei" });
    const content = (await backend.getPack("seed-openness")).pack.content;
    const first = structuredClone(content);
    first.policy.title = "第一次修改";
    expect((await backend.savePack("seed-openness", 1, first)).revision).toBe(2);

    const second = structuredClone(content);
    second.policy.drafter = "张伟（第二次修改）";
    const refused: unknown = await backend.savePack("seed-openness", 1, second).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "pack.conflict", field: "revision" });
    expect(isIpcError(refused) && refused.message).toContain("您基于第 1 版操作，但 zhang.wei 已于");
    const draft = (await backend.getPack("seed-openness")).draft;
    expect(draft?.base_revision).toBe(1);
    expect(draft?.content.policy.drafter).toBe("张伟（第二次修改）");
    expect((await backend.listRevisions("seed-openness")).length).toBe(2);

    // Content equal to the current revision is no conflict; an unknown base is.
    expect((await backend.savePack("seed-openness", 1, first)).changed).toBe(false);
    await expect(backend.savePack("seed-openness", 9, second)).rejects.toMatchObject({ code: "pack.no_such_revision" });
    await expect(backend.submitPack("seed-openness", 1)).rejects.toMatchObject({ code: "pack.conflict" });
    expect((await backend.getPack("seed-openness")).pack.state).toBe("drafting");

    const diff = await backend.diffAgainstCurrent("seed-openness", second);
    expect(diff).toMatchObject({ from: 2, to: 2, since_review: false });
    expect(diff.changes.map((c) => [c.part, c.fields])).toEqual([["policy", ["title", "drafter"]]]);
  });

  it("connects to a team server only for an https URL and a CA file, naming the argument refused", async () => {
    const backend = createMockBackend({ signedInAs: "zhang.wei" });
    expect(await backend.connectionInfo()).toMatchObject({ mode: "local", server_url: null, ca_fingerprint: null });
    await expect(backend.connectServer("http://srv:8443", "/ca.pem")).rejects.toMatchObject({ code: "server.bad_url", field: "url" });
    await expect(backend.connectServer("https://srv:8443", " ")).rejects.toMatchObject({ code: "server.ca", field: "caPath" });
    const refused: unknown = await backend.connectServer("srv", "/ca.pem").catch((e: unknown) => e);
    expect(isIpcError(refused) && refused.message.split("\n")).toHaveLength(2);
    expect((await backend.connectionInfo()).mode).toBe("local");
    await expect(backend.currentUser()).resolves.not.toBeNull();

    const server = await backend.connectServer("https://srv:8443", "/ca.pem");
    expect(server).toMatchObject({ mode: "server", database: null, server_url: "https://srv:8443", ca_path: "/ca.pem" });
    expect(server.ca_fingerprint).toBe(MOCK_CA_FINGERPRINT);
    expect(server.ca_fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(server.pinned_admin?.user_id).toBe("admin");
    // Switching signs out of the previous place.
    await expect(backend.currentUser()).resolves.toBeNull();
    expect(await backend.connectionInfo()).toEqual(server);
    expect((await backend.useLocal()).mode).toBe("local");
  });

  it("sends every committed change to the audit subscribers until they unsubscribe", async () => {
    // On the demo day: the openness review writes its time into the content.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-12-01T11:00:00Z") });
    const backend = createMockBackend({ signedInAs: "zhang.wei" });
    const seen: AuditEvent[] = [];
    const stop = await backend.onAuditEvent((e) => seen.push(e));
    await backend.saveDraft("seed-openness", 1, (await backend.getPack("seed-openness")).pack.content);
    // A draft is not a committed change.
    expect(seen).toEqual([]);

    await backend.otherDesk("zhao.min").reviewDisclosure("seed-openness", 1, true, "同意公开。");
    await backend.submitPack("seed-openness", 2);
    await Promise.resolve();
    expect(seen.map((e) => [e.actor, e.action, e.pack_id, e.revision])).toEqual([
      ["zhao.min", "pack.review_disclosure", "seed-openness", 2],
      ["zhang.wei", "pack.submit", "seed-openness", 2],
    ]);
    expect(seen[1]!.prev_hash).toBe(seen[0]!.hash);

    stop();
    await backend.otherDesk("li.hua").signPack("seed-openness", 2, "同意。");
    await Promise.resolve();
    expect(seen).toHaveLength(2);
    expect((await backend.packAudit("seed-openness")).map((e) => e.action)).toContain("pack.sign");
  });

  it("lets another desk act as its own user while this one stays signed in", async () => {
    const backend = createMockBackend({ signedInAs: "zhang.wei" });
    const leader = backend.otherDesk("li.hua");
    await expect(leader.submitPack("seed-openness", 1)).rejects.toMatchObject({ code: "permission.role" });
    expect((await leader.currentUser())?.user.id).toBe("li.hua");
    expect((await backend.currentUser())?.user.id).toBe("zhang.wei");
    expect((await backend.submitPack("seed-openness", 1)).to).toBe("submitted");
  });
});
