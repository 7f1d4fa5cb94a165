// A small stand-in for jiedu-import, for the mock backend: finds the title, 发文字号, 签发人,
// 主送机关, authority, date, 附注, 版记 and numbered headings of pasted text, reports the web junk
// it drops, and honours the user's corrections (title lines, junk lines).

import type { Corrections, Detection, HeadingLevel, ImportResult, Policy, Removal, Section } from "../types/ipc";

const CN = "一二三四五六七八九十百";
const HEADINGS: [RegExp, HeadingLevel][] = [
  [new RegExp(`^([${CN}]+、)(.*)$`), "l1"],
  [new RegExp(`^(（[${CN}]+）)(.*)$`), "l2"],
  [/^(\d+[.．])(.*)$/, "l3"],
  [/^(（\d+）)(.*)$/, "l4"],
];

function junk(line: string): Removal["reason"] | null {
  if (/^(首页|当前位置)/.test(line) || /\s*[>＞›]\s*/.test(line) && line.length < 40 && !/[。；]/.test(line)) return "breadcrumb";
  if (/(打印本页|关闭窗口|分享到|【字体|字号：|扫一扫)/.test(line)) return "site_furniture";
  if (/^[-—\s]*(第\s*\d+\s*页|\d+\s*\/\s*\d+)[-—\s]*$/.test(line)) return "page_number";
  return null;
}

function splitHeading(rest: string): { heading: string; paragraphs: string[] } {
  const stop = rest.search(/[。]/);
  if (stop >= 0 && stop < rest.length - 1) {
    return { heading: rest.slice(0, stop + 1), paragraphs: [rest.slice(stop + 1)] };
  }
  return { heading: rest, paragraphs: [] };
}

const NO_CORRECTIONS: Corrections = { title_lines: [], junk_lines: [] };
const day = (y: string, m: string, d: string) => `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
const splitNames = (names: string) => names.split(/[、，,\s]+/).filter((n) => n !== "");

/**
 * Reads pasted text, crudely. With `corrections` (the user's marks on the detected frame), the
 * lines marked as title are the title, whatever else was found, and the lines marked as junk are
 * removed as `marked_by_user`.
 */
export function importText(text: string, corrections: Corrections = NO_CORRECTIONS): ImportResult {
  const lines = text.split(/\r?\n/);
  const titleLines = new Set(corrections.title_lines);
  const junkLines = new Set(corrections.junk_lines);
  const removals: Removal[] = [];
  const kept: { line: number; text: string; raw: string }[] = [];
  let edgeSpaces = 0;
  lines.forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed !== raw && trimmed !== "") edgeSpaces++;
    if (trimmed === "") return;
    const reason = junkLines.has(line) ? "marked_by_user" : titleLines.has(line) ? null : junk(trimmed);
    if (reason) removals.push({ line, text: raw, reason });
    else kept.push({ line, text: trimmed, raw });
  });

  const policy: Policy = {
    title: "",
    doc_number: null,
    issuing_authority: "",
    drafting_unit: "",
    drafter: "",
    written_on: null,
    disclosure: { attribute: null, legal_basis: [], explanation: "", review: null },
    importance: "ordinary",
    category: "policy_regulation",
    preamble: [],
    sections: [],
    attachments: [],
  };
  const result: ImportResult = {
    policy,
    report: { kind: "txt", encoding: "UTF-8", removals, joins: [], normalizations: [], detected: [], notes: [] },
  };
  const report = result.report;
  if (edgeSpaces > 0) report.normalizations.push({ kind: "edge_spaces", count: edgeSpaces, lines: [] });
  if (titleLines.size > 0 || junkLines.size > 0) {
    report.notes.push({ kind: "corrected", line: null, message: { zh: "已按您的标注重新识别。", en: "Read again with your corrections." } });
  }

  // The user's title lines, together, are the title.
  const forced = kept.filter((k) => titleLines.has(k.line));
  if (forced.length > 0) {
    policy.title = forced.map((k) => k.text).join("");
    report.detected.push({ field: "title", line: forced[0]!.line, text: forced.map((k) => k.raw).join("\n"), value: policy.title });
  }

  let current: Section | null = null;
  for (const { line, text: t, raw } of kept) {
    if (titleLines.has(line)) continue;
    const found = (field: Detection["field"], value: string) => report.detected.push({ field, line, text: raw, value });
    if (!policy.title && forced.length === 0 && !HEADINGS.some(([re]) => re.test(t))) {
      policy.title = t;
      found("title", t);
      continue;
    }
    const number = t.match(/^\S*〔\d{4}〕\d+号$/);
    if (number && !policy.doc_number) {
      policy.doc_number = t;
      found("doc_number", t);
      continue;
    }
    const signers = t.match(/^签发人[：:]\s*(.+)$/);
    if (signers) {
      policy.sign_off_by = splitNames(signers[1]!);
      found("sign_off_by", policy.sign_off_by.join("、"));
      continue;
    }
    // 主送机关: a short line of authorities ending in ： before the headings.
    const addressee = t.match(/^([^。；，]{2,60})[：:]$/);
    const authorities = /^各|、|(政府|部门|单位|机关|委员会|局|厅|部|办公室)[：:]$/;
    if (addressee && authorities.test(t) && !policy.addressee && policy.sections.length === 0) {
      policy.addressee = addressee[1]!;
      found("addressee", policy.addressee);
      continue;
    }
    const copied = t.match(/^抄送[：:]\s*(.+?)。?$/);
    if (copied) {
      policy.colophon = { ...policy.colophon, copied_to: copied[1]! };
      found("copied_to", copied[1]!);
      continue;
    }
    const printed = t.match(/^(.+?)\s+(\d{4})年(\d{1,2})月(\d{1,2})日印发$/);
    if (printed) {
      const on = day(printed[2]!, printed[3]!, printed[4]!);
      policy.colophon = { ...policy.colophon, printed_by: printed[1]!, printed_on: on };
      found("printed_by", printed[1]!);
      found("printed_on", on);
      continue;
    }
    const date = t.match(/^(\d{4})年(\d{1,2})月(\d{1,2})日$/);
    if (date) {
      const value = day(date[1]!, date[2]!, date[3]!);
      policy.written_on = value;
      found("written_on", value);
      continue;
    }
    // 附注 after the body: （此件公开发布）.
    if (/^（[^（）]{2,60}）$/.test(t) && policy.sections.length > 0) {
      policy.annotation = policy.annotation ? `${policy.annotation}\n${t}` : t;
      found("annotation", t);
      continue;
    }
    if (/^(.{2,20}(部|厅|局|委员会|办公室|人民政府))$/.test(t) && policy.sections.length > 0) {
      policy.issuing_authority = t;
      found("issuing_authority", t);
      continue;
    }
    const heading = HEADINGS.map(([re, level]) => ({ m: t.match(re), level })).find((h) => h.m);
    if (heading?.m) {
      const { heading: h, paragraphs } = splitHeading(heading.m[2] ?? "");
      current = { level: heading.level, number: heading.m[1] ?? "", heading: h, paragraphs };
      policy.sections.push(current);
      continue;
    }
    if (current) current.paragraphs.push(t);
    else policy.preamble.push(t);
  }
  if (!policy.title) {
    report.notes.push({ kind: "title_not_found", line: null, message: { zh: "未找到标题，请手动填写。", en: "No title found; enter it by hand." } });
  }
  if (!policy.doc_number) {
    report.notes.push({ kind: "doc_number_not_found", line: null, message: { zh: "未找到发文字号。", en: "No document number found." } });
  }
  if (!policy.issuing_authority) {
    report.notes.push({ kind: "authority_not_found", line: null, message: { zh: "未找到发文机关。", en: "No issuing authority found." } });
  }
  if (policy.sections.length === 0) {
    report.notes.push({ kind: "no_headings", line: null, message: { zh: "未识别到“一、”“（一）”等标题。", en: "No numbered headings were recognised." } });
  }
  return result;
}

/** A sample text, as dropped files are read in the mock. */
export const SAMPLE_DROPPED_TEXT = `首页 > 政务公开 > 政策文件
关于加强政务公开平台建设的通知
国土资厅发〔2026〕15号
各省、自治区、直辖市国土资源主管部门：
为进一步加强政务公开平台建设，现就有关事项通知如下。
一、统一平台标准
（一）规范栏目设置。各级主管部门门户网站应设置政务公开专栏。
（二）完善检索功能。提供全文检索和分类导航。
二、加强组织保障
各单位要明确责任分工，确保平台建设按期完成。
国土资源部办公厅
2026年3月2日
（此件公开发布）
抄送：部机关各司局。
国土资源部办公厅 2026年3月2日印发
打印本页 关闭窗口`;
