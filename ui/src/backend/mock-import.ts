// A small stand-in for jiedu-import, for the mock backend: finds the title, 发文字号, authority,
// date and numbered headings of pasted text and reports the web junk it drops.

import type { HeadingLevel, ImportResult, Policy, Removal, Section } from "../types/ipc";

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

export function importText(text: string): ImportResult {
  const lines = text.split(/\r?\n/);
  const removals: Removal[] = [];
  const kept: { line: number; text: string }[] = [];
  let edgeSpaces = 0;
  lines.forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed !== raw && trimmed !== "") edgeSpaces++;
    if (trimmed === "") return;
    const reason = junk(trimmed);
    if (reason) removals.push({ line: i + 1, text: raw, reason });
    else kept.push({ line: i + 1, text: trimmed });
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

  let current: Section | null = null;
  for (const { line, text: t } of kept) {
    if (!policy.title && !HEADINGS.some(([re]) => re.test(t))) {
      policy.title = t;
      report.detected.push({ field: "title", line, text: t, value: t });
      continue;
    }
    const number = t.match(/^\S*〔\d{4}〕\d+号$/);
    if (number && !policy.doc_number) {
      policy.doc_number = t;
      report.detected.push({ field: "doc_number", line, text: t, value: t });
      continue;
    }
    const date = t.match(/^(\d{4})年(\d{1,2})月(\d{1,2})日$/);
    if (date) {
      const value = `${date[1]}-${date[2]!.padStart(2, "0")}-${date[3]!.padStart(2, "0")}`;
      policy.written_on = value;
      report.detected.push({ field: "written_on", line, text: t, value });
      continue;
    }
    if (/^(.{2,20}(部|厅|局|委员会|办公室|人民政府))$/.test(t) && policy.sections.length > 0) {
      policy.issuing_authority = t;
      report.detected.push({ field: "issuing_authority", line, text: t, value: t });
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
打印本页 关闭窗口`;
