// Part paths (`policy.sections[3]`, `chart:ID`…) as the leader picks and reads them. Only a
// presentation of the content's own structure; the backend validates every part.

import { t } from "./i18n";
import type { PackContent } from "./types/ipc";

export interface PartOption {
  value: string;
  label: string;
}

/** Every part of this content a comment can be attached to, in reading order. */
export function partOptions(content: PackContent): PartOption[] {
  const out: PartOption[] = [
    { value: "pack", label: t("part.pack") },
    { value: "policy", label: t("part.policy") },
  ];
  content.policy.sections.forEach((s, i) => {
    // An article (第一条) has no heading: the start of its text names it.
    const heading = s.heading !== "" ? s.heading : (s.paragraphs[0] ?? "").slice(0, 20);
    out.push({ value: `policy.sections[${i}]`, label: t("part.policySection", { label: `${s.number}${heading}` }) });
  });
  if (content.plan) out.push({ value: "plan", label: t("part.plan") });
  content.materials.text?.sections.forEach((s, i) => {
    out.push({ value: `text.sections[${i}]`, label: t("part.textSection", { label: s.heading }) });
  });
  for (const c of content.materials.charts) out.push({ value: `chart:${c.id}`, label: t("part.chart", { label: c.title || c.id }) });
  for (const q of content.materials.qa) out.push({ value: `qa:${q.id}`, label: t("part.qa", { label: q.question || q.id }) });
  return out;
}

/** A readable label for a part path; unknown paths are shown as they are. */
export function partLabel(part: string, content: PackContent): string {
  const found = partOptions(content).find((o) => o.value === part);
  if (found) return found.label;
  if (part === "policy.preamble") return t("part.preamble");
  if (part === "text") return t("part.text");
  if (part === "press_lines") return t("part.pressLines");
  if (part === "images") return t("part.images");
  return part;
}
