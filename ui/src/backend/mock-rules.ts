// The gate rules and the workflow, ported from jiedu-core (rules.rs, workflow.rs,
// permissions.rs) for the in-memory mock backend only. The UI never uses this: it shows what
// the backend answers. Kept close to the Rust text so the mock looks like the real app.

import type {
  Bilingual,
  CheckItem,
  Checklist,
  Finding,
  Pack,
  PackContent,
  PackState,
  Role,
  RuleId,
  Severity,
  Step,
  StepAvailability,
  User,
} from "../types/ipc";

const RULES: readonly { id: RuleId; no: number; title: Bilingual; pass: Bilingual }[] = [
  {
    id: "disclosure",
    no: 1,
    title: { zh: "公开属性", en: "Disclosure attribute" },
    pass: { zh: "公开属性及依据完整。", en: "Disclosure attribute and basis are complete." },
  },
  {
    id: "whoever-drafts-interprets",
    no: 2,
    title: { zh: "谁起草、谁解读", en: "Whoever drafts, interprets" },
    pass: {
      zh: "解读单位即起草单位，第一解读人已明确。",
      en: "The drafting unit interprets; the first interpreter is named.",
    },
  },
  {
    id: "organized-together",
    no: 3,
    title: { zh: "同步组织", en: "Organized together" },
    pass: {
      zh: "解读方案与解读材料已同步组织。",
      en: "Interpretation plan and materials are organized with the policy.",
    },
  },
  {
    id: "signed-together",
    no: 4,
    title: { zh: "同步审签", en: "Signed together" },
    pass: {
      zh: "政策文件与解读材料已一并审签，签名覆盖当前内容。",
      en: "Policy and interpretation were signed in one act; the signature covers the current content.",
    },
  },
  {
    id: "deployed-together",
    no: 5,
    title: { zh: "同步部署", en: "Deployed together" },
    pass: { zh: "政策文件与解读材料已同步发布。", en: "Policy and interpretation were released together." },
  },
  {
    id: "media-kit",
    no: 6,
    title: { zh: "媒体包", en: "Media kit" },
    pass: { zh: "已审签，可导出媒体包。", en: "Signed: media kits may be exported." },
  },
  {
    id: "doc-number",
    no: 0,
    title: { zh: "发文字号", en: "Document number" },
    pass: { zh: "发文字号格式正确。", en: "The document number is well formed." },
  },
];

const NOT_APPLICABLE: Partial<Record<RuleId, Bilingual>> = {
  "organized-together": {
    zh: "非主动公开文件，不要求同步解读。",
    en: "Not proactively disclosed: no interpretation is required.",
  },
  "signed-together": {
    zh: "尚未审签；审签时政策文件与解读材料一并签署。",
    en: "Not signed yet; policy and interpretation will be signed in one act.",
  },
  "deployed-together": {
    zh: "尚未部署；发布时政策文件与解读材料同步发布。",
    en: "Not deployed yet; policy and interpretation will be released together.",
  },
  "media-kit": { zh: "审签后方可导出媒体包。", en: "Media kits can be exported once the pack is signed." },
  "doc-number": { zh: "尚未编发文字号。", en: "No document number yet." },
};

function f(field: string, severity: Severity, zh: string, en: string): Finding {
  return { field, severity, message: { zh, en } };
}

type Outcome = Finding[] | null;

/** A stand-in for the SHA-256 content hash: stable, 64 hex digits. */
export function contentHash(content: PackContent): string {
  const text = JSON.stringify(content);
  let out = "";
  for (let round = 0; round < 8; round++) {
    let h = 0x811c9dc5 ^ round;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
  }
  return `sha256:${out}`;
}

function atOrAfterSubmission(state: PackState): boolean {
  return state === "submitted" || state === "signed" || state === "deployed";
}

function disclosure(pack: Pack): Outcome {
  const d = pack.content.policy.disclosure;
  const out: Finding[] = [];
  if (d.attribute === null) {
    out.push(
      f(
        "policy.disclosure.attribute",
        "blocking",
        "未明确公开属性（主动公开、依申请公开或不予公开），报批将被退文。",
        "The disclosure attribute is not set (proactive, on request or not disclosed); the draft would be sent back.",
      ),
    );
    return out;
  }
  if (d.attribute === "proactive") return out;
  if (d.legal_basis.length === 0) {
    out.push(
      f(
        "policy.disclosure.legal_basis",
        "blocking",
        "拟不主动公开，须依法说明理由：请选择《政府信息公开条例》第十四、十五或十六条的依据。",
        "Not proactive: choose the legal basis (arts. 14, 15 or 16 of the Regulations on Government Information Disclosure).",
      ),
    );
  }
  if (d.explanation.trim() === "") {
    out.push(
      f("policy.disclosure.explanation", "blocking", "拟不主动公开，须书面说明理由。", "Not proactive: a written explanation is required."),
    );
  }
  if (d.review === null) {
    out.push(
      f(
        "policy.disclosure.review",
        atOrAfterSubmission(pack.state) ? "blocking" : "warning",
        "拟不主动公开的文件，审签前须送本单位政务公开工作机构审查。",
        "A document not proactively disclosed must be reviewed by the openness office before sign-off.",
      ),
    );
  } else if (!d.review.approved) {
    out.push(
      f(
        "policy.disclosure.review",
        "blocking",
        "政务公开工作机构未同意拟定的公开属性，请按审查意见修改。",
        "The openness office did not approve the proposed attribute; revise it as the office advised.",
      ),
    );
  }
  return out;
}

function whoeverDraftsInterprets(pack: Pack): Outcome {
  const policy = pack.content.policy;
  const plan = pack.content.plan;
  const out: Finding[] = [];
  if (policy.drafting_unit.trim() === "") {
    out.push(f("policy.drafting_unit", "blocking", "未填写起草单位。", "The drafting unit is missing."));
  }
  if (!plan) {
    out.push(
      f(
        "plan",
        "blocking",
        "尚无解读方案，无法确定解读单位和第一解读人。",
        "There is no interpretation plan, so no interpreting unit or first interpreter.",
      ),
    );
    return out;
  }
  if (plan.interpreting_unit.trim() === "") {
    out.push(
      f(
        "plan.interpreting_unit",
        "blocking",
        "未填写解读单位；按“谁起草、谁解读”，解读单位应为起草单位。",
        "The interpreting unit is missing; by 'whoever drafts, interprets' it must be the drafting unit.",
      ),
    );
  } else if (policy.drafting_unit.trim() !== "" && plan.interpreting_unit.trim() !== policy.drafting_unit.trim()) {
    out.push(
      f(
        "plan.interpreting_unit",
        "blocking",
        "解读单位与起草单位不一致；按“谁起草、谁解读”，应由起草单位解读。",
        "The interpreting unit differs from the drafting unit; the drafting unit must interpret.",
      ),
    );
  }
  if (plan.first_interpreter.trim() === "") {
    out.push(
      f(
        "plan.first_interpreter",
        "blocking",
        "未明确第一解读人和责任人（起草单位主要负责人）。",
        "The first interpreter and responsible person (head of the drafting unit) is not named.",
      ),
    );
  }
  return out;
}

const PRESS_FORMS = new Set(["press_conference", "briefing", "interview"]);

function organizedTogether(pack: Pack): Outcome {
  const { policy, plan, materials } = pack.content;
  if (policy.disclosure.attribute !== "proactive") return null;
  const out: Finding[] = [];
  if (!plan) {
    out.push(
      f("plan", "blocking", "主动公开的政策文件须同步提交解读方案。", "A proactively disclosed policy needs an interpretation plan before submission."),
    );
  }
  const hasText = materials.text?.sections.some((s) => s.paragraphs.some((p) => p.trim() !== "")) ?? false;
  if (!hasText) {
    out.push(
      f(
        "materials.text",
        "blocking",
        "主动公开的政策文件须同步提交文字解读。",
        "A proactively disclosed policy needs a text interpretation before submission.",
      ),
    );
  }
  if (policy.importance === "major") {
    if (materials.qa.length === 0) out.push(f("materials.qa", "blocking", "重大政策须配发问答。", "A major policy needs Q&A."));
    if (materials.charts.length === 0) {
      out.push(f("materials.charts", "blocking", "重大政策须至少配发一张图表图解。", "A major policy needs at least one chart."));
    }
    const press = plan !== null && (plan.press_events.length > 0 || plan.forms.some((x) => PRESS_FORMS.has(x)));
    if (!press) {
      out.push(
        f(
          "plan.press_events",
          "blocking",
          "重大政策须安排新闻发布会、政策吹风会或访谈等解读活动。",
          "A major policy needs a planned press conference, briefing or interview.",
        ),
      );
    }
  }
  if (plan && plan.timing.kind === "within_working_days") {
    if (plan.timing.days > 3) {
      out.push(
        f("plan.timing", "blocking", "解读材料最迟应在政策文件发布后3个工作日内发布。", "The interpretation must follow the policy within 3 working days at most."),
      );
    } else if (plan.timing.days > 0) {
      out.push(
        f("plan.timing", "warning", "解读材料原则上应与政策文件同步发布。", "The interpretation should in principle be released with the policy."),
      );
    }
  }
  return out;
}

function signedTogether(pack: Pack): Outcome {
  if (pack.state !== "signed" && pack.state !== "deployed") return null;
  if (!pack.signature) {
    return [f("signature", "blocking", "状态为已审签，但没有审签记录。", "The pack is marked signed but has no signature record.")];
  }
  if (pack.signature.content_hash !== contentHash(pack.content)) {
    return [
      f(
        "signature.content_hash",
        "blocking",
        "审签后内容已被修改，签名失效，须重新审签。",
        "The content changed after signing; the signature is void and the pack must be signed again.",
      ),
    ];
  }
  return [];
}

function deployedTogether(pack: Pack): Outcome {
  if (pack.state !== "deployed") return null;
  if (!pack.deployment) {
    return [f("deployment", "blocking", "状态为已部署，但没有发布记录。", "The pack is marked deployed but has no deployment record.")];
  }
  return pack.deployment.channels.length === 0
    ? [f("deployment.channels", "blocking", "未记录发布渠道。", "No release channel is recorded.")]
    : [];
}

function mediaKit(pack: Pack): Outcome {
  return pack.state === "signed" || pack.state === "deployed" ? [] : null;
}

function docNumber(pack: Pack): Outcome {
  const number = pack.content.policy.doc_number?.trim() ?? "";
  if (number === "") return null;
  const m = number.match(/^(.+?)〔(\d{4})〕(\d+)号$/);
  if (!m) {
    return [
      f(
        "policy.doc_number",
        "warning",
        `发文字号“${number}”格式不正确，应为“机关代字〔年份〕序号号”，如“国土资发〔2016〕141号”。`,
        `The document number ${number} is malformed; write it as agency code〔year〕serial号, e.g. 国土资发〔2016〕141号.`,
      ),
    ];
  }
  const serial = m[3] ?? "";
  if (serial.startsWith("0") || number.includes("第")) {
    return [
      f(
        "policy.doc_number",
        "warning",
        `发文字号“${number}”的序号不编虚位（不加“0”），也不加“第”。`,
        `The serial of ${number} takes no leading zeros and no 第.`,
      ),
    ];
  }
  return [];
}

const EVALUATE: Record<RuleId, (pack: Pack) => Outcome> = {
  disclosure,
  "whoever-drafts-interprets": whoeverDraftsInterprets,
  "organized-together": organizedTogether,
  "signed-together": signedTogether,
  "deployed-together": deployedTogether,
  "media-kit": mediaKit,
  "doc-number": docNumber,
};

const SEVERITY_ORDER: Record<Severity, number> = { info: 0, warning: 1, blocking: 2 };

export function check(pack: Pack): Checklist {
  const items = RULES.map((rule): CheckItem => {
    const outcome = EVALUATE[rule.id](pack);
    const base = { id: rule.id, rule_no: rule.no, title: rule.title };
    if (outcome === null) {
      return {
        ...base,
        status: "not_applicable",
        severity: "info",
        field: null,
        message: NOT_APPLICABLE[rule.id] ?? { zh: "不适用。", en: "Not applicable." },
        findings: [],
      };
    }
    if (outcome.length === 0) {
      return { ...base, status: "pass", severity: "info", field: null, message: rule.pass, findings: [] };
    }
    const worst = outcome.reduce((a, b) => (SEVERITY_ORDER[b.severity] > SEVERITY_ORDER[a.severity] ? b : a));
    return {
      ...base,
      status: "fail",
      severity: worst.severity,
      field: worst.field,
      message: worst.message,
      findings: outcome,
    };
  });
  return { pack_id: pack.id, content_hash: contentHash(pack.content), items };
}

export function blockingFailures(checklist: Checklist): RuleId[] {
  return checklist.items.filter((i) => i.status === "fail" && i.severity === "blocking").map((i) => i.id);
}

// --- permissions and workflow ---------------------------------------------------------------

export const ROLE_ZH: Record<Role, string> = {
  drafter: "起草人",
  leader: "审签领导",
  openness_office: "政务公开工作机构",
  press_officer: "新闻发言人",
  admin: "管理员",
};

const STEP_ZH: Record<Step, string> = {
  edit: "编辑解读包",
  submit: "报送审签",
  resolve_comment: "处理审签意见",
  return: "退回",
  sign: "审签",
  review_disclosure: "审查公开属性",
  deploy: "部署发布",
};

const STEP_ROLE: Record<Step, Role> = {
  edit: "drafter",
  submit: "drafter",
  resolve_comment: "drafter",
  return: "leader",
  sign: "leader",
  review_disclosure: "openness_office",
  deploy: "press_officer",
};

const STATE_ZH: Record<PackState, string> = {
  drafting: "起草中",
  submitted: "待审签",
  returned: "退回",
  signed: "已审签",
  deployed: "已部署",
};

export const STEPS: readonly Step[] = ["edit", "submit", "resolve_comment", "return", "sign", "review_disclosure", "deploy"];

/** A refusal as the backend words it. */
export class StepRefused {
  constructor(
    readonly code: string,
    readonly message: string,
  ) {}
}

function wrongState(state: PackState, step: Step, zh: string, en: string): StepRefused {
  return new StepRefused(
    "workflow.state",
    `解读包当前状态为“${STATE_ZH[state]}”，不能${STEP_ZH[step]}。${zh}\nThe pack is ${state}; it cannot be given the step ${step}. ${en}`,
  );
}

function nextState(from: PackState, step: Step): PackState | StepRefused {
  switch (step) {
    case "edit":
      if (from === "submitted") return wrongState(from, step, "待审签期间不能修改；如需修改，请审签领导退回。", "It is awaiting sign-off; ask the leader to return it.");
      if (from === "deployed") return wrongState(from, step, "已部署发布的解读包不能修改。", "A released pack cannot be changed.");
      return "drafting";
    case "submit":
      return from === "drafting" || from === "returned"
        ? "submitted"
        : wrongState(from, step, "只有起草中或被退回的解读包才能报送。", "Only a pack in drafting or returned can be submitted.");
    case "resolve_comment":
      return from === "drafting" || from === "returned"
        ? from
        : wrongState(from, step, "只有起草中或被退回的解读包才能处理审签意见。", "Comments are resolved while the pack is in drafting or returned.");
    case "return":
    case "sign":
      if (from === "submitted") return step === "sign" ? "signed" : "returned";
      return wrongState(from, step, "只有待审签的解读包才能退回或审签。", "Only a pack awaiting sign-off can be returned or signed.");
    case "review_disclosure":
      if (from === "signed") return wrongState(from, step, "已审签的解读包不能再审查公开属性；如需调整，请起草人修改后重新报送。", "It is already signed; the drafter must edit and resubmit it.");
      if (from === "deployed") return wrongState(from, step, "已部署发布的解读包不能修改。", "A released pack cannot be changed.");
      return from;
    case "deploy":
      return from === "signed" ? "deployed" : wrongState(from, step, "只有已审签的解读包才能部署。", "Only a signed pack can be deployed.");
  }
}

function blocked(step: Step, failing: RuleId[]): StepRefused {
  return new StepRefused(
    "workflow.blocked",
    `未通过关口规则，不能${STEP_ZH[step]}：${failing.join("、")}。\nBlocked by the gate rules ${failing.join(", ")}; the pack cannot be given the step ${step}.`,
  );
}

/** Why `user` may never take `step` on `pack` (role, unit), or null (permissions::authorize). */
export function authorize(user: User, step: Step, pack: Pack): StepRefused | null {
  const role = STEP_ROLE[step];
  if (user.role !== role) {
    return new StepRefused(
      "permission.role",
      `${user.id}（${ROLE_ZH[user.role]}）无权${STEP_ZH[step]}；该操作须由${ROLE_ZH[role]}进行。\n${user.id} (${user.role}) may not ${step}; only a ${role} may.`,
    );
  }
  if (role === "drafter" && user.unit_id !== pack.unit_id) {
    return new StepRefused(
      "permission.other_unit",
      `${user.id} 属于单位“${user.unit_id}”，不能${STEP_ZH[step]}单位“${pack.unit_id}”的解读包（谁起草、谁解读）。\n${user.id} belongs to unit ${user.unit_id} and may not ${step} a pack of unit ${pack.unit_id} (whoever drafts, interprets).`,
    );
  }
  return null;
}

/** The state `step` leads to, or why `user` may not take it now (plan_step). */
export function planStep(user: User, step: Step, pack: Pack, openComments: number[]): PackState | StepRefused {
  const refused = authorize(user, step, pack);
  if (refused) return refused;
  const next = nextState(pack.state, step);
  if (next instanceof StepRefused) return next;
  if (step === "submit") {
    const failing = blockingFailures(check(pack));
    if (failing.length > 0) return blocked(step, failing);
    if (openComments.length > 0) {
      const ids = openComments.join(", ");
      return new StepRefused(
        "workflow.open_comments",
        `还有未处理的审签意见（编号 ${ids}）。请先修改并标记为已处理。\nComments ${ids} from the return are still open; deal with them and mark them resolved first.`,
      );
    }
  }
  if (step === "sign") {
    const failing = blockingFailures(check({ ...pack, state: "submitted" }));
    if (failing.length > 0) return blocked(step, failing);
  }
  if (step === "deploy") {
    if (!pack.signature) {
      return new StepRefused("workflow.not_signed", "解读包尚未审签（或签名已失效），不能部署。\nThe pack is not signed (or its signature was voided); it cannot be deployed.");
    }
    if (pack.signature.content_hash !== contentHash(pack.content)) {
      return new StepRefused("workflow.signature_stale", "当前内容与审签时的内容不一致，不能部署；须重新审签。\nThe current content differs from what was signed; it must be signed again before deployment.");
    }
  }
  return next;
}

export function stepAvailability(user: User, pack: Pack, openComments: number[]): StepAvailability[] {
  return STEPS.map((step) => {
    const outcome = planStep(user, step, pack, openComments);
    return outcome instanceof StepRefused
      ? { step, allowed: false, code: outcome.code, reason: outcome.message }
      : { step, allowed: true, code: null, reason: null };
  });
}
