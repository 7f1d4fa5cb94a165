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
 * One row per source line, in line order: every line the report lists (`lines`), so that a line
 * the import left in the body can be marked as the title too, and every line the import detected
 * something on or removed. A line may carry several roles (a 发文字号 and its 签发人 share one
 * line); a body line carries none.
 */
export function frameRows(report: Pick<ImportReport, "detected" | "removals" | "lines">): FrameRow[] {
  const rows = new Map<number, FrameRow>();
  for (const l of report.lines ?? []) if (!rows.has(l.line)) rows.set(l.line, { line: l.line, text: l.text, roles: [] });
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
  for (const d of report.detected) {
    const role: FrameRole = { kind: "field", field: d.field, value: d.value };
    rowAt(d.line, d.text).roles.push(role);
    // A title over several lines: its other lines carry the same role.
    let after = d.line;
    for (const piece of d.text.split("\n").slice(1)) {
      const next = [...rows.values()].filter((r) => r.line > after && r.text === piece).sort((a, b) => a.line - b.line)[0];
      if (!next) break;
      next.roles.push(role);
      after = next.line;
    }
  }
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
