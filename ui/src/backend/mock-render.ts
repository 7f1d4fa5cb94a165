// Drawings for the mock backend: a chart as SVG and the PDF pages as SVG images. They only
// have to look plausible in a browser; the real ones come from jiedu-render.

import type { ChartSpec, Pack } from "../types/ipc";

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const FONT = `font-family="Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif"`;
const PALETTES = {
  government: ["#1f4e8c", "#4f7cb8", "#8fb0d9", "#c0392b", "#6b8e23", "#d4a017"],
  red: ["#b22222", "#d9534f", "#f0a09c", "#8b0000", "#e07b39", "#d4a017"],
};

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** The chart as SVG markup, 720 × 440. */
export function chartSvg(spec: ChartSpec): string {
  const W = 720;
  const H = 440;
  const colors = PALETTES[spec.palette] ?? PALETTES.government;
  const parts: string[] = [];
  parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  parts.push(`<text x="24" y="38" font-size="22" font-weight="700" fill="#1f2933" ${FONT}>${esc(spec.title)}</text>`);
  if (spec.subtitle) parts.push(`<text x="24" y="62" font-size="14" fill="#5f6b7a" ${FONT}>${esc(spec.subtitle)}</text>`);
  const top = 84;
  const bottom = H - 56;
  const left = 64;
  const right = W - 24;
  const cats = spec.categories;
  const series = spec.series;
  const accent = (i: number) => (spec.highlight !== null && cats[i] === spec.highlight ? "#c0392b" : undefined);

  if (spec.kind === "pie" || spec.kind === "donut") {
    const values = series[0]?.values ?? [];
    const total = values.reduce((a, b) => a + Math.max(b, 0), 0) || 1;
    const cx = 220;
    const cy = (top + bottom) / 2;
    const r = Math.min(140, (bottom - top) / 2);
    let angle = -Math.PI / 2;
    values.forEach((v, i) => {
      const a = (Math.max(v, 0) / total) * Math.PI * 2;
      const x1 = cx + r * Math.cos(angle);
      const y1 = cy + r * Math.sin(angle);
      const x2 = cx + r * Math.cos(angle + a);
      const y2 = cy + r * Math.sin(angle + a);
      const large = a > Math.PI ? 1 : 0;
      const color = accent(i) ?? colors[i % colors.length];
      parts.push(`<path d="M${cx},${cy} L${x1.toFixed(1)},${y1.toFixed(1)} A${r},${r} 0 ${large} 1 ${x2.toFixed(1)},${y2.toFixed(1)} Z" fill="${color}" stroke="#fff" stroke-width="2"/>`);
      angle += a;
      const ly = top + 20 + i * 26;
      parts.push(`<rect x="420" y="${ly - 12}" width="14" height="14" fill="${color}"/>`);
      parts.push(`<text x="442" y="${ly}" font-size="14" fill="#1f2933" ${FONT}>${esc(cats[i] ?? "")} ${fmt((v / total) * 100)}%</text>`);
    });
    if (spec.kind === "donut") parts.push(`<circle cx="${cx}" cy="${cy}" r="${r * 0.55}" fill="#fff"/>`);
  } else if (spec.kind === "key_figures") {
    const values = series[0]?.values ?? [];
    const n = Math.max(cats.length, 1);
    const w = (right - 24) / n;
    cats.forEach((c, i) => {
      const x = 24 + i * w;
      const color = accent(i) ?? colors[0];
      parts.push(`<rect x="${x + 6}" y="${top + 20}" width="${w - 12}" height="200" rx="8" fill="#f3f6fa" stroke="#d5dbe3"/>`);
      parts.push(`<text x="${x + w / 2}" y="${top + 120}" text-anchor="middle" font-size="48" font-weight="700" fill="${color}" ${FONT}>${fmt(values[i] ?? 0)}</text>`);
      parts.push(`<text x="${x + w / 2}" y="${top + 150}" text-anchor="middle" font-size="14" fill="#5f6b7a" ${FONT}>${esc(spec.unit)}</text>`);
      parts.push(`<text x="${x + w / 2}" y="${top + 190}" text-anchor="middle" font-size="15" fill="#1f2933" ${FONT}>${esc(c)}</text>`);
    });
  } else if (spec.kind === "table") {
    const rowH = 30;
    const colW = (right - 24) / (series.length + 1);
    parts.push(`<rect x="24" y="${top}" width="${right - 24}" height="${rowH}" fill="#1f4e8c"/>`);
    series.forEach((s, j) => {
      parts.push(`<text x="${24 + (j + 1.5) * colW}" y="${top + 20}" text-anchor="middle" font-size="14" fill="#fff" ${FONT}>${esc(s.name)}</text>`);
    });
    cats.slice(0, 9).forEach((c, i) => {
      const y = top + rowH * (i + 1);
      parts.push(`<rect x="24" y="${y}" width="${right - 24}" height="${rowH}" fill="${i % 2 ? "#f3f6fa" : "#fff"}"/>`);
      parts.push(`<text x="36" y="${y + 20}" font-size="14" fill="#1f2933" ${FONT}>${esc(c)}</text>`);
      series.forEach((s, j) => {
        parts.push(`<text x="${24 + (j + 1.5) * colW}" y="${y + 20}" text-anchor="middle" font-size="14" fill="#1f2933" ${FONT}>${fmt(s.values[i] ?? 0)}</text>`);
      });
    });
  } else {
    const all = series.flatMap((s) => s.values);
    const stacked = spec.kind === "stacked_bar";
    const sums = cats.map((_, i) => series.reduce((a, s) => a + (s.values[i] ?? 0), 0));
    const max = Math.max(1, ...(stacked ? sums : all));
    const n = Math.max(cats.length, 1);
    const band = (right - left) / n;
    parts.push(`<line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="#5f6b7a"/>`);
    for (let g = 1; g <= 4; g++) {
      const y = bottom - ((bottom - top) * g) / 4;
      parts.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#e7ebf0"/>`);
      parts.push(`<text x="${left - 8}" y="${y + 4}" text-anchor="end" font-size="12" fill="#5f6b7a" ${FONT}>${fmt((max * g) / 4)}</text>`);
    }
    if (spec.kind === "line") {
      series.forEach((s, j) => {
        const pts = s.values.map((v, i) => `${(left + band * (i + 0.5)).toFixed(1)},${(bottom - (v / max) * (bottom - top)).toFixed(1)}`);
        parts.push(`<polyline points="${pts.join(" ")}" fill="none" stroke="${colors[j % colors.length]}" stroke-width="3"/>`);
      });
    } else {
      cats.forEach((_, i) => {
        let base = bottom;
        series.forEach((s, j) => {
          const v = s.values[i] ?? 0;
          const h = (Math.max(v, 0) / max) * (bottom - top);
          const color = series.length === 1 ? (accent(i) ?? colors[0]) : colors[j % colors.length];
          if (stacked) {
            parts.push(`<rect x="${(left + band * i + band * 0.2).toFixed(1)}" y="${(base - h).toFixed(1)}" width="${(band * 0.6).toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"/>`);
            base -= h;
          } else {
            const w = (band * 0.7) / series.length;
            const x = left + band * i + band * 0.15 + w * j;
            parts.push(`<rect x="${x.toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" fill="${color}"/>`);
          }
        });
      });
    }
    cats.forEach((c, i) => {
      parts.push(`<text x="${(left + band * (i + 0.5)).toFixed(1)}" y="${bottom + 20}" text-anchor="middle" font-size="13" fill="#1f2933" ${FONT}>${esc(c)}</text>`);
    });
  }
  const unit = spec.unit ? `单位：${spec.unit}　` : "";
  parts.push(`<text x="24" y="${H - 16}" font-size="12" fill="#5f6b7a" ${FONT}>${esc(unit)}数据来源：${esc(spec.source)}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${parts.join("")}</svg>`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
  return out.length ? out : [""];
}

type Line = { text: string; size: number; bold?: boolean; center?: boolean };

/** The PDF pages as SVG data URLs (A4, 22 lines of 28 characters, more or less). */
export function pdfPages(pack: Pack): string[] {
  const { policy, plan, materials } = pack.content;
  const lines: Line[] = [];
  const para = (t: string, size = 16) => wrap(`　　${t}`, 28).forEach((x) => lines.push({ text: x, size }));
  lines.push({ text: policy.title, size: 22, bold: true, center: true });
  if (policy.doc_number) lines.push({ text: policy.doc_number, size: 16, center: true });
  lines.push({ text: "", size: 16 });
  policy.preamble.forEach((p) => para(p));
  if (policy.addressee) lines.push({ text: `${policy.addressee}：`, size: 16 });
  for (const s of policy.sections) {
    if (s.level === "chapter" || s.level === "division") {
      lines.push({ text: `${s.number}　${s.heading}`, size: 16, bold: s.level === "chapter", center: true });
    } else if (s.level === "article") {
      // 第一条 runs on into the article's first paragraph.
      const [first = "", ...rest] = s.paragraphs;
      para(`${s.number}　${s.heading}${first}`);
      rest.forEach((p) => para(p));
      continue;
    } else {
      lines.push({ text: `　　${s.number}${s.heading}`, size: 16, bold: s.level === "l1" });
    }
    s.paragraphs.forEach((p) => para(p));
  }
  if (plan) {
    lines.push({ text: "解读方案", size: 22, bold: true, center: true });
    para(`解读单位：${plan.interpreting_unit}；第一解读人：${plan.first_interpreter}`);
    plan.key_points.forEach((k) => para(k));
  }
  if (materials.text) {
    lines.push({ text: materials.text.title, size: 20, bold: true, center: true });
    for (const s of materials.text.sections) {
      lines.push({ text: `　　${s.heading}`, size: 16, bold: true });
      s.paragraphs.forEach((p) => para(p));
    }
  }
  for (const q of materials.qa) {
    lines.push({ text: `　　问：${q.question}`.slice(0, 30), size: 16, bold: true });
    para(`答：${q.answer}`);
  }
  const pages: string[] = [];
  for (let start = 0, n = 1; start < lines.length; start += 22, n++) {
    const body = lines
      .slice(start, start + 22)
      .map((l, i) => {
        const y = 140 + i * 29;
        const anchor = l.center ? `x="297" text-anchor="middle"` : `x="80"`;
        return `<text ${anchor} y="${y}" font-size="${l.size * 0.9}" ${l.bold ? 'font-weight="700"' : ""} fill="#111" ${FONT}>${esc(l.text)}</text>`;
      })
      .join("");
    const folio = `<text x="${n % 2 ? 470 : 125}" y="800" font-size="14" text-anchor="middle" fill="#111" ${FONT}>— ${n} —</text>`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="595" height="842" viewBox="0 0 595 842"><rect width="595" height="842" fill="#fff"/>${body}${folio}</svg>`;
    pages.push(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
  }
  return pages;
}
