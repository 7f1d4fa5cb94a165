// Every value of the enums the editor offers, in display order. Written as records over the
// generated union types, so a value added on the Rust side fails the type check here.

import type {
  Channel,
  ChartKind,
  ConcernSeverity,
  DisclosureAttribute,
  DocType,
  Forwarding,
  HeadingLevel,
  Importance,
  InfoCategory,
  InterpretationForm,
  InterpTopic,
  LegalBasis,
  Palette,
  QaAudience,
  SecrecyLevel,
  Urgency,
  Validity,
} from "./types/ipc";

function values<T extends string>(record: Record<T, true>): readonly T[] {
  return Object.keys(record) as T[];
}

export const IMPORTANCES = values<Importance>({ ordinary: true, major: true });
export const INFO_CATEGORIES = values<InfoCategory>({
  policy_regulation: true,
  plan: true,
  licensing: true,
  land_expropriation: true,
  resource_allocation: true,
  enforcement: true,
  hazard_warning: true,
  standards: true,
  statistics: true,
  budget: true,
  other: true,
});
export const DISCLOSURE_ATTRIBUTES = values<DisclosureAttribute>({ proactive: true, on_request: true, not_disclosed: true });
export const LEGAL_BASES = values<LegalBasis>({
  art14_state_secret: true,
  art14_barred_by_law: true,
  art14_security_stability: true,
  art15_trade_secret_privacy: true,
  art16_internal_affairs: true,
  art16_process_information: true,
  art16_enforcement_files: true,
});
// The four outline levels of GB/T 9704, then the units of a regulation (章, 节, 条, 条内的项).
export const HEADING_LEVELS = values<HeadingLevel>({
  l1: true,
  l2: true,
  l3: true,
  l4: true,
  chapter: true,
  division: true,
  article: true,
  item: true,
});
// The 文种 in the order of the 党政机关公文处理工作条例 (15 kinds), then the regulation kinds.
export const DOC_TYPES = values<DocType>({
  resolution: true,
  decision: true,
  order: true,
  communique: true,
  announcement: true,
  public_notice: true,
  opinion: true,
  notice: true,
  bulletin: true,
  report: true,
  request: true,
  reply: true,
  motion: true,
  letter: true,
  minutes: true,
  regulations: true,
  provisions: true,
  measures: true,
  rules: true,
  programme: true,
  plan: true,
});
export const FORWARDINGS = values<Forwarding>({ issue: true, relay: true, approve: true });
export const SECRECY_LEVELS = values<SecrecyLevel>({ secret: true, confidential: true, top_secret: true });
export const URGENCIES = values<Urgency>({ urgent: true, very_urgent: true });
export const VALIDITIES = values<Validity>({ valid: true, expired: true, repealed: true });
export const INTERPRETATION_FORMS = values<InterpretationForm>({
  text: true,
  chart: true,
  qa: true,
  audio_video: true,
  press_conference: true,
  briefing: true,
  interview: true,
  signed_article: true,
});
export const CHANNELS = values<Channel>({ portal: true, weibo: true, wechat: true, app: true, newspaper: true, gazette: true });
export const INTERP_TOPICS = values<InterpTopic>({
  background: true,
  goals: true,
  main_content: true,
  scope: true,
  standards: true,
  cautions: true,
  key_terms: true,
  benefits: true,
  differences: true,
  other: true,
});
export const CHART_KINDS = values<ChartKind>({
  bar: true,
  horizontal_bar: true,
  grouped_bar: true,
  stacked_bar: true,
  line: true,
  pie: true,
  donut: true,
  key_figures: true,
  table: true,
});
export const PALETTES = values<Palette>({ government: true, red: true });
export const QA_AUDIENCES = values<QaAudience>({ official: true, citizen: true });

/** Public-concern severities, most serious first (ConcernSeverity::ALL). */
export const CONCERN_SEVERITIES = values<ConcernSeverity>({ extraordinarily_major: true, major: true, other: true });
