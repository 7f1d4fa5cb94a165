import { beforeEach, describe, expect, it, vi } from "vitest";

const core = vi.hoisted(() => ({ invoke: vi.fn(), isTauri: vi.fn(() => true) }));
vi.mock("@tauri-apps/api/core", () => core);

import { createTauriBackend, isIpcError, toIpcError } from "../src/backend";
import { createMockBackend, mockChecklists, mockPacks } from "../src/backend/mock";

beforeEach(() => {
  core.invoke.mockReset();
  core.isTauri.mockReset().mockReturnValue(true);
});

describe("Tauri backend", () => {
  it("calls list_packs and check_pack with { id }", async () => {
    core.invoke.mockResolvedValueOnce(mockPacks).mockResolvedValueOnce(mockChecklists["pack-2025-014"]);
    const backend = createTauriBackend();
    await expect(backend.listPacks()).resolves.toEqual(mockPacks);
    await expect(backend.checkPack("pack-2025-014")).resolves.toEqual(mockChecklists["pack-2025-014"]);
    expect(core.invoke.mock.calls).toEqual([
      ["list_packs", undefined],
      ["check_pack", { id: "pack-2025-014" }],
    ]);
  });

  it("passes IpcErrors through and wraps anything else as code internal", async () => {
    const backend = createTauriBackend();
    core.invoke.mockRejectedValueOnce({ code: "pack.not_found", message: "没有该解读包", field: "id", extra: 1 });
    await expect(backend.checkPack("x")).rejects.toEqual({
      code: "pack.not_found",
      message: "没有该解读包",
      field: "id",
    });
    core.invoke.mockRejectedValueOnce("command check_pack not found");
    await expect(backend.checkPack("x")).rejects.toEqual({
      code: "internal",
      message: "command check_pack not found",
    });
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
  it("agrees with itself: blocking_failures match the checklists", async () => {
    const backend = createMockBackend();
    for (const pack of await backend.listPacks()) {
      const checklist = await backend.checkPack(pack.id);
      expect(checklist.content_hash).toBe(pack.content_hash);
      const blocking = checklist.items
        .filter((i) => i.status === "fail" && i.severity === "blocking")
        .map((i) => i.id);
      expect(blocking).toEqual(pack.blocking_failures);
    }
  });

  it("rejects unknown ids with code not_found", async () => {
    await expect(createMockBackend().checkPack("nope")).rejects.toMatchObject({ code: "pack.not_found" });
  });
});
