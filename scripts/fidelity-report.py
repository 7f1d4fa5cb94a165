#!/usr/bin/env python3
"""GB/T 9704 and CLREQ fidelity of written PDFs, measured on the PDF itself with pdfplumber.

    fidelity-report.py PACK.json PACK.pdf [PACK.json PACK.pdf ...]

For each pack it reads the policy pages (the outline's 政策文件 entry to the next entry) and
checks every element the pack's policy has against GB/T 9704-2012 and the CLREQ line rules,
printing one row per check with the value measured. Positions are held to ±0.5 mm. Exit code 1
when any check fails. The expectations come from the pack's JSON (which elements it has), never
from the layout code, so the layout and the writer are checked together.
"""
import json
import re
import sys

import pdfplumber

MM = 72 / 25.4
TOP, LEFT, RIGHT, BOTTOM = 37 * MM, 28 * MM, 184 * MM, 262 * MM
PAGE_W = 210 * MM
# Centred means centred in the 版心, 106 mm from the left edge (28 mm + 156 / 2).
MIDDLE = (LEFT + RIGHT) / 2
PITCH = 225 * MM / 22
CHAR = 156 * MM / 28
TOL = 0.5 * MM
NO_START = "，。、；：？！）》」』】〕〉”’…—·%％‰"
NO_END = "（《「『【〔〈“‘"
INK_LEFT = "。，、；：？！）》」』】〕〉”’"
INK_RIGHT = "（《「『【〔〈“‘"
PUNCT = INK_LEFT + INK_RIGHT


def han(c):
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def red(c):
    col = c.get("non_stroking_color") or (0,)
    return isinstance(col, (tuple, list)) and len(col) == 3 and col[0] > 0.5 and col[1] < 0.3


class Line:
    """Characters on one baseline."""

    def __init__(self, chars):
        self.chars = sorted(chars, key=lambda c: c["x0"])
        self.text = "".join(c["text"] for c in self.chars)
        self.x0 = self.chars[0]["x0"]
        self.x1 = self.chars[-1]["x1"]
        self.top = min(c["top"] for c in self.chars)
        self.size = max(c["size"] for c in self.chars)
        self.baseline = self.chars[0]["matrix"][5]
        self.fonts = {c["fontname"].split("+")[-1] for c in self.chars}
        self.red = all(red(c) for c in self.chars)

    @property
    def slot(self):
        """The top of the grid line this line is centred in."""
        return self.top - (PITCH - self.size) / 2

    @property
    def bottom(self):
        return self.top + self.size

    @property
    def centre(self):
        return (self.x0 + self.x1) / 2


def lines_of(page):
    rows = {}
    for c in page.chars:
        # An ideographic space (　) is a character of the grid; only ASCII spaces are skipped.
        if c["text"] in " \t\n":
            continue
        key = round(page.height - c["matrix"][5], 0)
        rows.setdefault(key, []).append(c)
    out = [Line(cs) for _, cs in sorted(rows.items())]
    # Drop the draft header above the block and the folio below it.
    return [l for l in out if l.top > TOP - 1 and l.bottom < BOTTOM + 2 * MM]


def folio_of(page):
    for l in (Line(cs) for cs in group(page.chars)):
        if l.top > BOTTOM + 2 * MM and re.fullmatch(r"—\s*\d+\s*—", l.text.replace(" ", "")):
            return l
    return None


def group(chars):
    rows = {}
    for c in chars:
        if c["text"].strip():
            rows.setdefault(round(c["matrix"][5], 0), []).append(c)
    return [cs for _, cs in sorted(rows.items(), reverse=True)]


class Report:
    def __init__(self, name):
        self.name = name
        self.rows = []
        self.misses = []

    def check(self, what, measured, expected, ok):
        self.rows.append((what, measured, expected, bool(ok)))

    def near(self, what, value, target, tol=TOL, unit="mm"):
        scale = MM if unit == "mm" else 1
        self.check(what, f"{value / scale:.2f} {unit}", f"{target / scale:.2f} ± {tol / scale:.1f}", abs(value - target) <= tol)


def policy_pages(pdf):
    outlines = list(pdf.doc.get_outlines())
    ids = {p.page_obj.pageid: i for i, p in enumerate(pdf.pages)}
    starts = []
    for _level, title, dest, *_ in outlines:
        ref = dest[0] if isinstance(dest, list) else None
        if ref is not None and ref.objid in ids:
            starts.append((title, ids[ref.objid]))
    starts.sort(key=lambda t: t[1])
    for i, (title, page) in enumerate(starts):
        if title == "政策文件":
            end = starts[i + 1][1] if i + 1 < len(starts) else len(pdf.pages)
            return list(range(page, end))
    return []


def find(lines, text):
    return next((l for l in lines if l.text.startswith(text)), None)


def date_zh(iso):
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


def kind_of(p):
    t = p.get("doc_type")
    if t == "letter":
        return "letter"
    if t == "order":
        return "order"
    if t == "minutes":
        return "minutes"
    return "document"


def check_head(r, p, lines, page):
    kind = kind_of(p)
    # Red lines of the page, the draft header (small type above the block) excepted.
    marks = [l for l in (Line(cs) for cs in group(page.chars)) if l.red and l.size > 12]
    if not marks:
        r.check("发文机关标志", "none", "red mark", False)
        return None
    mark_top = min(l.top for l in marks)
    mark_bottom = max(l.bottom for l in marks)
    target = {"letter": 30 * MM, "order": TOP + 20 * MM}.get(kind, TOP + 35 * MM)
    r.near("标志 top edge", mark_top, target)
    block = (min(l.x0 for l in marks), max(l.x1 for l in marks))
    r.near("标志 centred", (block[0] + block[1]) / 2, MIDDLE)
    r.check("标志 red", "red" if all(l.red for l in marks) else "not red", "red", all(l.red for l in marks))
    r.check("标志 within the block", f"{(block[1] - block[0]) / MM:.1f} mm", "≤ 156 mm", block[1] - block[0] <= 156 * MM + TOL)
    if p.get("co_issuers"):
        names = [l for l in marks if "文件" not in l.text]
        word = [c for l in marks for c in l.chars if c["text"] in "文件"]
        r.check("联合行文 names stacked", len(marks), f"≥ {1 + len(p['co_issuers'])} lines", len(names) >= 1 + len(p["co_issuers"]) or len(marks) >= 2)
        if word:
            r.check("联合行文 文件 beside the names", f"{word[0]['x0'] / MM:.1f} mm", "right of the names", word[0]["x0"] >= max(l.x1 for l in names if l.chars[0]["x0"] < word[0]["x0"]) - 1)
    # Corner marks.
    row = 0
    if p.get("copy_number"):
        l = lines[0] if lines else None
        r.near("份号 line 1", l.slot, TOP) if l else r.check("份号", "none", "line 1", False)
        if l:
            r.near("份号 顶格", l.x0, LEFT)
            r.check("份号 six digits", l.text, "6 digits", re.fullmatch(r"\d{6}", l.text))
        row += 1
    for key, label in (("secrecy", "密级"), ("urgency", "紧急程度")):
        if p.get(key):
            l = lines[row] if len(lines) > row else None
            if l:
                r.near(f"{label} line {row + 1}", l.slot, TOP + row * PITCH)
                r.near(f"{label} 顶格", l.x0, LEFT)
                r.check(f"{label} 黑体", ",".join(sorted(l.fonts)), "Noto Sans (黑体)", all("Sans" in f for f in l.fonts))
            row += 1
    number = p.get("doc_number")
    num = find(lines, number) if number else None
    if number and not num:
        num = next((l for l in lines if number in l.text), None)
    rules = [ln for ln in page.lines if red({"non_stroking_color": ln.get("stroking_color")})]
    if kind in ("document", "minutes") and not num:
        wide = [ln for ln in rules if ln["x1"] - ln["x0"] > 150 * MM and ln["top"] > mark_bottom]
        if wide:
            r.near("red rule width (no 文号)", wide[0]["x1"] - wide[0]["x0"], 156 * MM)
            return wide[0]["top"]
    if kind in ("document", "minutes") and num:
        upward = p.get("doc_type") in ("request", "report", "motion") and p.get("sign_off_by")
        sig = find(lines, "签发人：") if upward else None
        first = sig or num
        gap = first.top - mark_bottom
        r.check(f"{'签发人' if sig else '文号'} two blank lines below the 标志", f"{gap / PITCH:.2f} lines", "2–3 lines", 2 * PITCH - TOL <= gap < 3 * PITCH)
        if upward:
            r.near("文号 居左空一字", num.chars[0]["x0"], LEFT + CHAR)
            if sig:
                chars = [c for l in lines if sig.slot - 1 <= l.slot <= num.slot + 1 for c in l.chars if c["x0"] > MIDDLE]
                r.near("签发人 居右空一字", max(c["x1"] for c in chars), RIGHT - CHAR)
                label_fonts = {c["fontname"].split("+")[-1] for c in sig.chars if c["text"] in "签发人："}
                name_fonts = {c["fontname"].split("+")[-1] for c in chars if c["text"] not in "签发人："}
                r.check("签发人： in 仿宋", ",".join(label_fonts), "FandolFang", all("Fang" in f for f in label_fonts))
                r.check("签发人 names in 楷体", ",".join(name_fonts), "LXGW WenKai", all("WenKai" in f for f in name_fonts))
                last = p["sign_off_by"][-1]
                r.check("文号 on the last 签发人 line", num.text, f"… {last}", num.text.endswith(last))
        else:
            r.near("文号 centred", num.centre, MIDDLE)
        wide = [ln for ln in rules if ln["x1"] - ln["x0"] > 150 * MM and ln["top"] > num.top]
        if wide:
            rule = wide[0]
            r.near("red rule 4 mm below the 文号", rule["top"] - num.bottom, 4 * MM)
            r.near("red rule width", rule["x1"] - rule["x0"], 156 * MM)
            return rule["top"]
        r.check("red rule", "none", "156 mm red rule", False)
        return None
    if kind == "letter":
        doubles = [ln for ln in rules if abs((ln["x1"] - ln["x0"]) - 170 * MM) < TOL]
        r.check("信函 double rules 170 mm", len(doubles), "4 rules", len(doubles) == 4)
        if doubles:
            upper = min(ln["top"] for ln in doubles)
            r.near("信函 upper rules 4 mm below the 标志", upper - mark_bottom, 4 * MM)
            lower = max(ln["top"] for ln in doubles)
            r.near("信函 lower rules 20 mm above the page foot", page.height - lower, 20 * MM)
        if num:
            r.near("信函 文号 顶格 on the right", num.x1, RIGHT)
        return num.bottom if num else mark_bottom
    if kind == "order" and num:
        gap = num.top - mark_bottom
        r.check("令号 two blank lines below the 标志", f"{gap / PITCH:.2f} lines", "2–3 lines", 2 * PITCH - TOL <= gap < 3 * PITCH)
        r.near("令号 centred", num.centre, MIDDLE)
        return num.bottom
    return mark_bottom


def check_title(r, p, lines, after):
    if kind_of(p) == "order":
        return None
    size = 22
    title_lines = [l for l in lines if abs(l.size - size) < 0.1 and l.top > (after or 0)]
    if not title_lines:
        r.check("标题", "none", "22 pt title", False)
        return None
    first = title_lines[0]
    run = [first]
    for l in title_lines[1:]:
        if abs(l.slot - run[-1].slot - PITCH) < TOL:
            run.append(l)
    text = "".join(l.text for l in run)
    r.check("标题 text", text, p["title"].replace("　", ""), text.replace(" ", "").replace("　", "") == p["title"].replace("　", "").replace(" ", ""))
    if after is not None and kind_of(p) != "letter":
        gap = first.top - after
        r.check("标题 two blank lines below the rule", f"{gap / PITCH:.2f} lines", "≥ 2 lines, < 3", 2 * PITCH - TOL <= gap < 3 * PITCH + TOL)
    for i, l in enumerate(run):
        r.near(f"标题 line {i + 1} centred", l.centre, MIDDLE)
    counts = [len(l.text) for l in run]
    hourglass = any(counts[i] < counts[i - 1] and counts[i] < counts[i + 1] for i in range(1, len(counts) - 1))
    r.check("标题 balanced (梯形/菱形, not 沙漏形, no single character)", counts, "last ≥ 2, shortest ≥ half the longest", counts[-1] >= 2 and 2 * min(counts) >= max(counts) and not hourglass)
    return run[-1]


def check_body(r, p, pages_lines, policy_page_count):
    # The 版头 above the title is not body text.
    titles = [l for l in pages_lines[0] if abs(l.size - 22) < 0.1]
    if titles:
        pages_lines = [[l for l in pages_lines[0] if l.top >= titles[0].top]] + pages_lines[1:]
    pairs = compressed = 0
    grid_lines = grid_ok = 0
    full = full_ok = 0
    starts = ends = 0
    singles = []
    latin = []
    pitches = []
    for pi, lines in enumerate(pages_lines):
        body = [l for l in lines if abs(l.size - 16) < 0.1 and not l.red]
        for a, b in zip(body, body[1:]):
            d = b.slot - a.slot
            pitches.append(abs(d / PITCH - round(d / PITCH)) * PITCH)
        for i, l in enumerate(body):
            chars = l.chars
            if i > 0 or pi > 0:
                starts += l.text[0] in NO_START
            ends += l.text[-1] in NO_END and len(l.text) > 1
            for c, d in zip(chars, chars[1:]):
                if c["text"] in PUNCT and d["text"] in PUNCT and not (c["text"] in INK_RIGHT and d["text"] in INK_LEFT):
                    pairs += 1
                    advance = d["x0"] - c["x0"]
                    compressed += advance <= 0.6 * c["size"] + 0.5
            # Chinese–Latin spacing: the gap beyond the line's own character spacing.
            han_gaps = [d["x0"] - c["x1"] for c, d in zip(chars, chars[1:]) if han(c["text"]) and han(d["text"])]
            tc = sorted(han_gaps)[len(han_gaps) // 2] if han_gaps else 0
            for c, d in zip(chars, chars[1:]):
                if (han(c["text"]) and d["text"].isascii() and d["text"].isalnum()) or (c["text"].isascii() and c["text"].isalnum() and han(d["text"])):
                    latin.append((d["x0"] - c["x1"] - tc) / c["size"])
            nxt = body[i + 1] if i + 1 < len(body) else None
            continued = nxt is not None and abs(nxt.x0 - LEFT) < TOL and abs(nxt.slot - l.slot - PITCH) < TOL and nxt.fonts & l.fonts
            if continued and abs(l.x0 - LEFT) < 2 * CHAR + TOL and l.x0 >= LEFT - TOL:
                full += 1
                full_ok += abs(l.x1 - RIGHT) <= TOL
                if abs(l.x1 - RIGHT) > TOL:
                    r.misses.append(f"{l.text} ends at {l.x1 / MM:.2f} mm")
                only_han = all(han(c["text"]) for c in chars)
                if only_han:
                    expect = 28 - round((l.x0 - LEFT) / CHAR)
                    grid_lines += 1
                    grid_ok += len(chars) == expect
            if len(l.text) == 1 and han(l.text) and i > 0 and abs(body[i - 1].x1 - RIGHT) <= TOL:
                singles.append(l.text)
    r.check("line pitch on the 29 pt grid", f"max off {max(pitches or [0]):.2f} pt", "≤ 0.5 pt", max(pitches or [0]) <= 0.5)
    r.check("避头 (no line starts with closing punctuation)", starts, 0, starts == 0)
    r.check("避尾 (no line ends with opening punctuation)", ends, 0, ends == 0)
    share = compressed / pairs if pairs else 1.0
    r.check("adjacent punctuation compressed to 1.5 em", f"{compressed}/{pairs} ({share:.0%})", "> 90%", share > 0.9)
    r.check("justified lines end on the block's right edge", f"{full_ok}/{full}" + "".join(f"; {m}" for m in r.misses), "all", full_ok == full)
    r.check("lines of Han characters hold the 28-character grid", f"{grid_ok}/{grid_lines}", "all", grid_ok == grid_lines)
    r.check("no 孤字 (one character on a paragraph's last line)", len(singles), 0, not singles)
    if latin:
        ok = all(0.11 <= g <= 0.27 for g in latin)
        r.check("Chinese–Latin spacing ¼ em, shrinking to ⅛", f"{min(latin):.3f}–{max(latin):.3f} em ({len(latin)})", "0.125–0.25 em", ok)


def check_addressee(r, p, lines, title_last):
    a = p.get("addressee")
    if not a or title_last is None:
        return
    l = next((x for x in lines if x.text.startswith(a[:6])), None)
    if not l:
        r.check("主送机关", "none", a[:10], False)
        return
    r.near("主送机关 顶格", l.x0, LEFT)
    r.check("主送机关 one blank line below the 标题", f"{(l.slot - title_last.slot) / PITCH:.2f} lines", "2 lines", abs(l.slot - title_last.slot - 2 * PITCH) <= TOL)
    tail = [x for x in lines if x.slot >= l.slot and x.slot < l.slot + 5 * PITCH]
    ended = next((x for x in tail if x.text.endswith("：")), None)
    r.check("主送机关 ends in ：", ended.text[-6:] if ended else "-", "…：", ended is not None)


def check_closing(r, p, all_lines):
    flat = [l for lines in all_lines for l in lines]
    atts = p.get("attachments") or []
    if atts:
        l = find(flat, "附件：")
        if l:
            r.near("附件说明 左空二字", l.x0, LEFT + 2 * CHAR)
            i = flat.index(l)
            prev = flat[i - 1]
            r.check("附件说明 one blank line below the body", f"{(l.slot - prev.slot) / PITCH:.2f} lines", "2 lines", abs(l.slot - prev.slot - 2 * PITCH) <= TOL or l.slot - prev.slot < 0)
            if len(atts) > 1:
                r.check("附件说明 numbered", l.text[:6], "附件：1.", l.text.startswith("附件：1."))
            r.check("附件说明 no final punctuation", l.text[-1], "not 。", l.text[-1] not in "。；，")
        else:
            r.check("附件说明", "none", "附件：…", False)
    kind = kind_of(p)
    date = date_zh(p["written_on"]) if p.get("written_on") else None
    d = next((l for l in flat if l.text == date), None) if date else None
    names = p.get("signed_names") or [a for a in [p.get("issuing_authority", "")] + (p.get("co_issuers") or []) if a]
    if date and d:
        r.check("成文日期 Arabic digits, no leading zeros", d.text, date, d.text == date)
        i = flat.index(d)
        sig = [l for l in flat[max(0, i - len(names)):i] if l.text in [n.replace(" ", "") for n in names]]
        sealed = p.get("sealed") or kind == "order"
        if kind == "order":
            r.near("命令 日期 右空四字", d.x1, RIGHT - 4 * CHAR)
            if sig:
                r.near("命令 署名 右空四字", sig[-1].x1, RIGHT - 4 * CHAR)
        elif sealed:
            r.near("署名 (sealed) 日期 右空四字", d.x1, RIGHT - 4 * CHAR)
            for s in sig:
                r.near("署名 (sealed) centred on the 日期", s.centre, d.centre)
        else:
            if sig:
                widest = max(sig, key=lambda s: s.x1 - s.x0)
                if abs(d.x1 - (RIGHT - 2 * CHAR)) <= TOL:
                    r.near("日期 longer than the 署名: 右空二字", d.x1, RIGHT - 2 * CHAR)
                else:
                    r.near("署名 右空二字", widest.x1, RIGHT - 2 * CHAR)
                r.near("日期 two characters right of the 署名", d.x0, widest.x0 + 2 * CHAR)
                first = sig[0]
                j = flat.index(first)
                r.check("署名 one blank line below the text", f"{(first.slot - flat[j - 1].slot) / PITCH:.2f} lines", "2 lines", abs(first.slot - flat[j - 1].slot - 2 * PITCH) <= TOL or first.slot < flat[j - 1].slot)
                r.check("日期 on the line after the 署名", f"{(d.slot - sig[-1].slot) / PITCH:.2f} lines", "1 line", abs(d.slot - sig[-1].slot - PITCH) <= TOL)
            page_of = next(k for k, lines in enumerate(all_lines) if d in lines)
            texts = [l for l in all_lines[page_of] if l not in sig and l is not d and not l.text.startswith("（")]
            r.check("署名 page also holds text", len(texts), "≥ 1 line", len(texts) >= 1)
        note = p.get("annotation") or ("（此件公开发布）" if (p.get("disclosure") or {}).get("attribute") == "proactive" else "")
        if note:
            n = flat[i + 1] if i + 1 < len(flat) else None
            ok = n is not None and n.text.startswith("（")
            r.check("附注 in （）on the line after the 日期", n.text[:12] if n else "-", note[:12], ok and abs(n.slot - d.slot - PITCH) <= TOL)
            if ok:
                r.near("附注 左空二字", n.x0, LEFT + 2 * CHAR)


def check_attachment_pages(r, p, all_lines):
    atts = [a for a in (p.get("attachments") or []) if a.get("sections") or a.get("paragraphs")]
    for k, a in enumerate(atts):
        label = "附件" if len(p["attachments"]) == 1 else f"附件{k + 1}"
        page = next((lines for lines in all_lines if lines and lines[0].text == label), None)
        if page is None:
            r.check(f"{label} page", "none", "a page of its own", False)
            continue
        head = page[0]
        r.near(f"{label} on line 1", head.slot, TOP)
        r.near(f"{label} 顶格", head.x0, LEFT)
        r.check(f"{label} 黑体", ",".join(head.fonts), "Noto Sans", all("Sans" in f for f in head.fonts))
        title = next((l for l in page if abs(l.size - 22) < 0.1), None)
        if title:
            r.near(f"{label} title on line 3", title.slot, TOP + 2 * PITCH)
            r.near(f"{label} title centred", title.centre, MIDDLE)


def check_colophon(r, p, pdf, pages):
    c = p.get("colophon") or {}
    if not c:
        return
    kind = kind_of(p)
    last = pdf.pages[pages[-1]]
    lines = lines_of(last)
    small = [l for l in lines if abs(l.size - 14) < 0.1]
    if c.get("copied_to"):
        l = find(small, "抄送：")
        if l:
            r.near("抄送 左空一字 (4号)", l.x0, LEFT + 14)
            r.check("抄送 4号仿宋", f"{l.size:g} pt {','.join(l.fonts)}", "14 pt FandolFang", all("Fang" in f for f in l.fonts))
            tail = [x for x in small if x.slot >= l.slot]
            end = next((x for x in tail if x.text.endswith("。")), None)
            r.check("抄送 ends in 。", end.text[-4:] if end else "-", "…。", end is not None)
            r.check("抄送 右空一字", f"{max(x.x1 for x in tail) / MM:.1f} mm", f"≤ {(RIGHT - 14) / MM:.1f} mm", max(x.x1 for x in tail) <= RIGHT - 14 + TOL)
        else:
            r.check("抄送", "none", "抄送：…", False)
    rules = sorted([ln for ln in last.lines if abs(ln["x1"] - ln["x0"] - 156 * MM) < TOL and not red({"non_stroking_color": ln.get("stroking_color")})], key=lambda ln: ln["top"])
    if kind == "letter":
        r.check("信函 版记 without rules", len(rules), 0, not rules)
        return
    printed = c.get("printed_by") or c.get("printed_on")
    if printed:
        by = find(small, c["printed_by"]) if c.get("printed_by") else None
        if by:
            r.near("印发机关 左空一字", by.x0, LEFT + 14)
        if c.get("printed_on"):
            date = date_zh(c["printed_on"]) + "印发"
            on = next((l for l in small if l.text.endswith(date) or l.text.endswith("印发")), None)
            if on:
                r.near("印发日期 右空一字", on.x1, RIGHT - 14)
    want = 3 if (c.get("copied_to") and printed) else 2
    r.check("版记 rules", len(rules), want, len(rules) == want)
    if rules:
        r.near("版记 last rule on the block's bottom edge", rules[-1]["top"], BOTTOM)
        r.near("版记 first rule 0.35 mm", rules[0]["linewidth"], 0.35 * MM, tol=0.05 * MM)
        r.near("版记 last rule 0.35 mm", rules[-1]["linewidth"], 0.35 * MM, tol=0.05 * MM)
        if len(rules) == 3:
            r.near("版记 middle rule 0.25 mm", rules[1]["linewidth"], 0.25 * MM, tol=0.05 * MM)
        for ln in rules:
            r.near("版记 rule width 156 mm", ln["x1"] - ln["x0"], 156 * MM)


def check_pages(r, pdf, pages, p):
    stranded = []
    headings_alone = []
    for i in range(2, len(pdf.pages)):
        page = pdf.pages[i]
        lines = lines_of(page)
        folio = folio_of(page)
        text = [l for l in lines if abs(l.size - 14) > 0.1 or l.top < BOTTOM - 3 * PITCH]
        if 0 < len(text) <= 2 and all(abs(l.size - 14) > 0.1 for l in lines):
            stranded.append(i + 1)
        if i in pages and lines:
            tail = lines[-1]
            if tail.fonts and all(("Sans" in f or "WenKai" in f) for f in tail.fonts) and abs(tail.size - 16) < 0.1 and tail.bottom > BOTTOM - PITCH and i + 1 < len(pdf.pages):
                headings_alone.append(i + 1)
        if folio is None:
            continue
        r.check(f"page {i + 1} folio in a Song face", ",".join(sorted({c['fontname'].split('+')[-1] for c in folio.chars})), "NotoSerifSC-Regular", all("NotoSerifSC-Regular" in c["fontname"] for c in folio.chars))
        r.near(f"page {i + 1} folio 7 mm below the block", folio.top, BOTTOM + 7 * MM)
        number = int(re.sub(r"\D", "", folio.text))
        if number % 2:
            r.near(f"page {i + 1} odd folio 右空一字", folio.x1, RIGHT - 14)
        else:
            r.near(f"page {i + 1} even folio 左空一字", folio.x0, LEFT + 14)
        if not lines:
            r.check(f"page {i + 1} blank page has no folio", folio.text, "none", False)
    r.check("no page holds only one or two lines", stranded or "none", "none", not stranded)
    r.check("no heading alone at a page's foot", headings_alone or "none", "none", not headings_alone)
    if kind_of(p) == "letter":
        first = pdf.pages[pages[0]]
        r.check("信函 no folio on page 1", "folio" if folio_of(first) else "none", "none", folio_of(first) is None)


def report(pack_path, pdf_path):
    pack = json.load(open(pack_path, encoding="utf-8"))
    p = pack["content"]["policy"]
    r = Report(pack.get("id", pack_path))
    with pdfplumber.open(pdf_path) as pdf:
        pages = policy_pages(pdf)
        if not pages:
            r.check("policy pages", "none", "outline entry 政策文件", False)
            return r
        all_lines = [lines_of(pdf.pages[i]) for i in pages]
        first = pdf.pages[pages[0]]
        after = check_head(r, p, all_lines[0], first)
        title_last = check_title(r, p, all_lines[0], after)
        check_addressee(r, p, all_lines[0], title_last)
        check_body(r, p, all_lines, len(pages))
        check_closing(r, p, all_lines)
        check_attachment_pages(r, p, all_lines)
        check_colophon(r, p, pdf, pages)
        check_pages(r, pdf, pages, p)
    return r


def main(args):
    if len(args) < 2 or len(args) % 2:
        print(__doc__)
        return 2
    failed = 0
    for pack_path, pdf_path in zip(args[::2], args[1::2]):
        r = report(pack_path, pdf_path)
        print(f"\n== {r.name} ({pdf_path})")
        for what, measured, expected, ok in r.rows:
            print(f"  {'ok  ' if ok else 'FAIL'} {what}: {measured} (expected {expected})")
            failed += not ok
        print(f"  {sum(ok for *_, ok in r.rows)}/{len(r.rows)} checks hold")
    print(f"\n{'all checks hold' if not failed else f'{failed} checks fail'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
