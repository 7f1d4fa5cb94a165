// An in-memory backend for tests and for `vite` in a plain browser (development only).

import type { Backend } from "./index";
import type { CheckItem, Checklist, IpcError, PackSummary } from "../types/ipc";

const RULES: readonly Pick<CheckItem, "id" | "rule_no" | "title">[] = [
  { id: "disclosure", rule_no: 1, title: { zh: "公开属性", en: "Disclosure attribute" } },
  {
    id: "whoever-drafts-interprets",
    rule_no: 2,
    title: { zh: "谁起草、谁解读", en: "Whoever drafts, interprets" },
  },
  { id: "organized-together", rule_no: 3, title: { zh: "同步组织", en: "Organized together" } },
  { id: "signed-together", rule_no: 4, title: { zh: "同步审签", en: "Signed together" } },
  { id: "deployed-together", rule_no: 5, title: { zh: "同步部署", en: "Deployed together" } },
  { id: "media-kit", rule_no: 6, title: { zh: "媒体包", en: "Media kit" } },
  { id: "doc-number", rule_no: 0, title: { zh: "发文字号", en: "Document number" } },
];

type Outcome =
  | { status: "pass" }
  | { status: "not_applicable" }
  | { status: "fail"; severity: "warning" | "blocking"; field: string; zh: string; en: string };

function checklist(pack_id: string, content_hash: string, outcomes: Record<string, Outcome>): Checklist {
  const items = RULES.map((rule): CheckItem => {
    const o: Outcome = outcomes[rule.id] ?? { status: "pass" };
    switch (o.status) {
      case "pass":
        return {
          ...rule,
          status: "pass",
          severity: "info",
          field: null,
          message: { zh: `${rule.title.zh}：符合要求。`, en: `${rule.title.en}: satisfied.` },
          findings: [],
        };
      case "not_applicable":
        return {
          ...rule,
          status: "not_applicable",
          severity: "info",
          field: null,
          message: { zh: "当前状态下不适用。", en: "Does not apply in the current state." },
          findings: [],
        };
      case "fail": {
        const message = { zh: o.zh, en: o.en };
        return {
          ...rule,
          status: "fail",
          severity: o.severity,
          field: o.field,
          message,
          findings: [{ field: o.field, severity: o.severity, message }],
        };
      }
    }
  });
  return { pack_id, content_hash, items };
}

const HASH_A = "sha256:3f9a1c0be27d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789ab";
const HASH_B = "sha256:b7e2d41a90c3f5e6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4";
const HASH_C = "sha256:0c4d8e2f6a1b3c5d7e9f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d";
const HASH_D = "sha256:e91f00aa22bb33cc44dd55ee66ff77889900aabbccddeeff0011223344556677";

/** Demo packs: one per interesting situation. */
export const mockPacks: PackSummary[] = [
  {
    id: "pack-2025-014",
    title: "关于进一步优化营商环境的若干措施",
    state: "drafting",
    unit_id: "unit-fgw",
    unit_name: "市发展和改革委员会",
    revision: 3,
    content_hash: HASH_A,
    updated_at: "2025-03-14T09:30:00Z",
    blocking_failures: ["whoever-drafts-interprets", "organized-together"],
  },
  {
    id: "pack-2025-009",
    title: "城乡居民基本医疗保险实施办法",
    state: "submitted",
    unit_id: "unit-ybj",
    unit_name: "市医疗保障局",
    revision: 7,
    content_hash: HASH_B,
    updated_at: "2025-03-10T02:15:00Z",
    blocking_failures: [],
  },
  {
    id: "pack-2025-006",
    title: "中小学校课后服务管理规定",
    state: "returned",
    unit_id: "unit-jyj",
    unit_name: "市教育局",
    revision: 5,
    content_hash: HASH_C,
    updated_at: "2025-03-08T07:45:00Z",
    blocking_failures: ["doc-number"],
  },
  {
    id: "pack-2025-002",
    title: "关于加强耕地保护和改进占补平衡的通知",
    state: "deployed",
    unit_id: "unit-gtj",
    unit_name: "市自然资源和规划局",
    revision: 12,
    content_hash: HASH_D,
    updated_at: "2025-02-20T01:00:00Z",
    blocking_failures: [],
  },
];

/** Demo checklists, keyed by pack id. */
export const mockChecklists: Record<string, Checklist> = {
  "pack-2025-014": checklist("pack-2025-014", HASH_A, {
    "whoever-drafts-interprets": {
      status: "fail",
      severity: "blocking",
      field: "plan.interpreting_unit",
      zh: "解读单位须为起草单位，并明确第一解读人。",
      en: "The drafting unit must interpret, and the first interpreter must be named.",
    },
    "organized-together": {
      status: "fail",
      severity: "blocking",
      field: "materials",
      zh: "尚未提供解读材料，须与政策文件同步组织。",
      en: "No interpretation materials yet; they must be organized with the policy.",
    },
    "signed-together": { status: "not_applicable" },
    "deployed-together": { status: "not_applicable" },
    "media-kit": { status: "not_applicable" },
    "doc-number": {
      status: "fail",
      severity: "warning",
      field: "policy.doc_number",
      zh: "发文字号年份应使用六角括号〔〕。",
      en: "The year in the document number should use 〔〕 brackets.",
    },
  }),
  "pack-2025-009": checklist("pack-2025-009", HASH_B, {
    "signed-together": { status: "not_applicable" },
    "deployed-together": { status: "not_applicable" },
    "media-kit": { status: "not_applicable" },
  }),
  "pack-2025-006": checklist("pack-2025-006", HASH_C, {
    "deployed-together": { status: "not_applicable" },
    "media-kit": { status: "not_applicable" },
    "doc-number": {
      status: "fail",
      severity: "blocking",
      field: "policy.doc_number",
      zh: "发文字号缺少机关代字（如“国土资发”）。",
      en: "The document number lacks the agency code (e.g. 国土资发).",
    },
  }),
  "pack-2025-002": checklist("pack-2025-002", HASH_D, {}),
};

export interface MockBackendOptions {
  packs?: PackSummary[];
  checklists?: Record<string, Checklist>;
  /** Make `listPacks` reject with this error. */
  listError?: IpcError;
  /** Make `checkPack` reject with this error. */
  checkError?: IpcError;
  /** Delay every answer by this many milliseconds (default: answer on the next microtask). */
  delayMs?: number;
}

/** A backend answering from memory; unknown pack ids reject with code `pack.not_found`. */
export function createMockBackend(options: MockBackendOptions = {}): Backend {
  const packs = options.packs ?? mockPacks;
  const checklists = options.checklists ?? mockChecklists;
  const settle = <T>(produce: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const run = () => {
        try {
          resolve(structuredClone(produce()));
        } catch (error) {
          reject(error);
        }
      };
      if (options.delayMs) setTimeout(run, options.delayMs);
      else queueMicrotask(run);
    });

  return {
    listPacks: () =>
      settle(() => {
        if (options.listError) throw options.listError;
        return packs;
      }),
    checkPack: (id) =>
      settle(() => {
        if (options.checkError) throw options.checkError;
        const found = checklists[id];
        if (!found) {
          throw { code: "pack.not_found", message: `no pack ${id}`, field: "id" } satisfies IpcError;
        }
        return found;
      }),
  };
}
