// The detected frame of an import, line by line: which source line became which element (标题,
// 发文字号, 主送机关, 版记 …) and which were removed, with the user's corrections of it.

import type { Corrections, Field, ImportReport, RemovalReason } from "../../types/ipc";

/** What one source line became. */
export type FrameRole = { kind: "field"; field: Field; value: string } | { kind: "removed"; reason: RemovalReason };

/** One source line of the frame: its number, its text as written and what it became. */
export interface FrameRow {
  line: number;
  text: string;
  roles: FrameRole[];
}

/**
 * One row per source line the import detected something on or removed, in line order. A line
 * may carry several roles (a 发文字号 and its 签发人 share one line).
 */
export function frameRows(report: Pick<ImportReport, "detected" | "removals">): FrameRow[] {
  const rows = new Map<number, FrameRow>();
  const rowAt = (line: number, text: string): FrameRow => {
    let row = rows.get(line);
    if (!row) {
      row = { line, text, roles: [] };
      rows.set(line, row);
    } else if (row.text === "") {
      row.text = text;
    }
    return row;
  };
  for (const d of report.detected) rowAt(d.line, d.text).roles.push({ kind: "field", field: d.field, value: d.value });
  for (const r of report.removals) rowAt(r.line, r.text).roles.push({ kind: "removed", reason: r.reason });
  return [...rows.values()].sort((a, b) => a.line - b.line);
}

/** No corrections: the import as detected. */
export function noCorrections(): Corrections {
  return { title_lines: [], junk_lines: [] };
}

export function hasCorrections(c: Corrections): boolean {
  return c.title_lines.length > 0 || c.junk_lines.length > 0;
}

export type CorrectionKind = keyof Corrections;

/**
 * The corrections with `line` marked as `kind` (title or junk), or unmarked if it was: a line
 * is the title or junk, never both. Several title lines make a title of several lines.
 */
export function toggleLine(c: Corrections, kind: CorrectionKind, line: number): Corrections {
  const other: CorrectionKind = kind === "title_lines" ? "junk_lines" : "title_lines";
  const marked = c[kind].includes(line);
  const next = marked ? c[kind].filter((l) => l !== line) : [...c[kind], line].sort((a, b) => a - b);
  return { [kind]: next, [other]: c[other].filter((l) => l !== line) } as unknown as Corrections;
}
