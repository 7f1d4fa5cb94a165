//! The 版头: 份号, 密级 and 紧急程度 top left; the red 发文机关标志 (stacked for a 联合行文);
//! the 发文字号 (with the 签发人 of a 上行文); the red rule. 信函格式 and 命令格式 move the mark
//! and rules as GB/T 9704 §10 says.

use super::{put_at, set_width, Format};
use crate::fonts::FontRole;
use crate::layout::flow::Flow;
use crate::layout::geometry::{
    line_at_or_below, line_top, BLOCK_RIGHT, BLOCK_W, BODY, CHAR, EM_ASCENT, LEFT, MM, PAGE_H,
    PAGE_W, PITCH, TOP,
};
use crate::layout::linebreak::Span;
use crate::layout::{Item, Rgb, Tag};
use jiedu_core::gongwen::Direction;
use jiedu_core::policy::Policy;

/// The largest 发文机关标志: 48 pt, narrower than the block for every real name.
const MARK_MAX: f32 = 48.0;
/// The red rule's thickness (the standard gives none).
const RULE: f32 = 1.5;

/// One line of text set at `x` in grid line `top`, at the font's own spacing.
fn grid_text(flow: &mut Flow<'_>, x: f32, top: f32, spans: Vec<Span>) {
    put_at(flow, x, top, &spans, 0.0);
}

/// The width of `spans` as [`grid_text`] sets them.
fn width(flow: &Flow<'_>, spans: &[Span]) -> f32 {
    set_width(flow.fonts, spans, 0.0)
}

/// The first grid line whose `size`-pt em box starts `blanks` blank lines below `bottom`.
fn line_after(bottom: f32, blanks: usize, size: f32) -> usize {
    line_at_or_below(bottom + blanks as f32 * PITCH - (PITCH - size) / 2.0)
}

/// 份号, 密级★保密期限 and 紧急程度, one per line from line 1, flush left; returns the lines used.
fn corner_marks(flow: &mut Flow<'_>, policy: &Policy) -> usize {
    let mut lines: Vec<Span> = Vec::new();
    let copy = policy.copy_number.trim();
    if !copy.is_empty() {
        // Six Arabic digits: a shorter number is padded with zeros.
        let text = if copy.chars().all(|c| c.is_ascii_digit()) && copy.len() < 6 {
            format!("{copy:0>6}")
        } else {
            copy.to_string()
        };
        lines.push(Span::new(text, FontRole::Fang, BODY));
    }
    if let Some(s) = &policy.secrecy {
        let text = if s.term.trim().is_empty() {
            s.level.label_zh().to_string()
        } else {
            format!("{}★{}", s.level.label_zh(), s.term.trim())
        };
        lines.push(Span::new(text, FontRole::Hei, BODY));
    }
    if let Some(u) = policy.urgency {
        lines.push(Span::new(u.label_zh(), FontRole::Hei, BODY));
    }
    let n = lines.len();
    for (i, span) in lines.into_iter().enumerate() {
        grid_text(flow, LEFT, line_top(i), vec![span]);
    }
    n
}

/// The text of the red mark: one line, or the stacked names of a 联合行文 with the word beside.
fn mark_text(policy: &Policy, format: Format) -> Option<(Vec<String>, &'static str)> {
    let word = match format {
        Format::Order => "令",
        Format::Minutes => "纪要",
        _ => "文件",
    };
    let names: Vec<String> = policy
        .authorities()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    if names.len() > 1 && format == Format::Document {
        return Some((names, word));
    }
    let mark = policy.issuer_mark.trim();
    if !mark.is_empty() {
        return Some((vec![mark.to_string()], ""));
    }
    let lead = names.into_iter().next()?;
    match format {
        // A letter's mark is the authority's full name alone.
        Format::Letter => Some((vec![lead], "")),
        _ => Some((vec![format!("{lead}{word}")], "")),
    }
}

/// Draws the red mark with its em box's top at `top`; returns its bottom.
fn mark(flow: &mut Flow<'_>, names: &[String], word: &str, top: f32) -> f32 {
    let fonts = flow.fonts;
    let measure = |t: &str| fonts.measure(FontRole::Title, t, 1.0);
    let widest = names.iter().map(|n| measure(n)).fold(0.0, f32::max);
    let word_w = measure(word);
    let stacked = names.len() > 1;
    // The word beside a stack is set at the names' size; a gap of half an em between.
    let gap = if word.is_empty() { 0.0 } else { 0.5 };
    let size = (BLOCK_W * 0.95 / (widest + gap + word_w)).min(if stacked {
        MARK_MAX * 0.75
    } else {
        MARK_MAX
    });
    let pitch = size * 1.2;
    let block_w = (widest + gap + word_w) * size;
    let x0 = LEFT + (BLOCK_W - block_w) / 2.0;
    for (i, name) in names.iter().enumerate() {
        // Each name justified to the widest, as a stacked mark is set.
        let w = measure(name) * size;
        let n = name.chars().count();
        let spacing = if stacked && n > 1 {
            (widest * size - w) / (n - 1) as f32
        } else {
            0.0
        };
        flow.push(Item::Text {
            x: x0,
            y: top + i as f32 * pitch + size * EM_ASCENT,
            spans: vec![Span::new(name.as_str(), FontRole::Title, size)],
            spacing,
            color: Rgb::RED,
            tag: Tag::Auto,
        });
    }
    let height = (names.len() - 1) as f32 * pitch + size;
    if !word.is_empty() {
        let y = top + (height - size) / 2.0 + size * EM_ASCENT;
        flow.push(Item::Text {
            x: x0 + (widest + gap) * size,
            y,
            spans: vec![Span::new(word, FontRole::Title, size)],
            spacing: 0.0,
            color: Rgb::RED,
            tag: Tag::Auto,
        });
    }
    top + height
}

fn rule(flow: &mut Flow<'_>, x1: f32, x2: f32, y: f32, width: f32) {
    flow.push(Item::Rule {
        x1,
        y1: y,
        x2,
        y2: y,
        width,
        color: Rgb::RED,
    });
}

/// The bottom of a 16-pt line's em box in grid line `n`.
fn em_bottom(n: usize) -> f32 {
    line_top(n) + (PITCH - BODY) / 2.0 + BODY
}

/// Lays out the 版头 from the top of the page, and leaves the cursor where the title's first
/// line goes (or, for a 令, the body's).
pub fn head(flow: &mut Flow<'_>, policy: &Policy, format: Format) {
    let corner = corner_marks(flow, policy);
    let number = policy
        .doc_number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    let Some((names, word)) = mark_text(policy, format) else {
        // No authority: the number, if any, then the title.
        let mut line = corner;
        if let Some(n) = number {
            centred_line(flow, n, line);
            line += 2;
        }
        flow.y = line_top(line);
        return;
    };
    match format {
        Format::Letter => letter_head(flow, &names, number),
        Format::Order => order_head(flow, &names, word, number),
        Format::Document | Format::Minutes => {
            let bottom = mark(flow, &names, word, TOP + 35.0 * MM);
            // The 文号 two blank lines below the mark.
            let line = line_after(bottom, 2, BODY);
            let signers: Vec<&str> = policy
                .sign_off_by
                .iter()
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())
                .collect();
            let upward =
                policy.effective_doc_type().map(|k| k.direction()) == Some(Direction::Upward);
            let number_line = if upward && !signers.is_empty() {
                sign_off(flow, &signers, line)
            } else {
                line
            };
            if let Some(n) = number {
                if upward && !signers.is_empty() {
                    grid_text(
                        flow,
                        LEFT + CHAR,
                        line_top(number_line),
                        vec![Span::new(n, FontRole::Fang, BODY)],
                    );
                } else {
                    centred_line(flow, n, number_line);
                }
            }
            // The red rule 4 mm below the 文号.
            let y = em_bottom(number_line) + 4.0 * MM;
            rule(flow, LEFT, BLOCK_RIGHT, y, RULE);
            // The title two blank lines below the rule.
            flow.y = line_top(line_after(y, 2, crate::layout::geometry::TITLE));
        }
    }
}

/// A 16-pt line centred in grid line `n`.
fn centred_line(flow: &mut Flow<'_>, text: &str, n: usize) {
    let spans = vec![Span::new(text, FontRole::Fang, BODY)];
    let x = LEFT + (BLOCK_W - width(flow, &spans)) / 2.0;
    grid_text(flow, x, line_top(n), spans);
}

/// 签发人 of a 上行文, 居右空一字 from grid line `line`, one name per line; returns the line of
/// the last name, which the 文号 shares.
fn sign_off(flow: &mut Flow<'_>, signers: &[&str], line: usize) -> usize {
    let label = "签发人：";
    let widest = signers
        .iter()
        .map(|s| width(flow, &[Span::new(*s, FontRole::Kai, BODY)]))
        .fold(0.0, f32::max);
    let label_w = width(flow, &[Span::new(label, FontRole::Fang, BODY)]);
    let x = BLOCK_RIGHT - CHAR - widest - label_w;
    for (i, s) in signers.iter().enumerate() {
        let mut spans = Vec::new();
        // The label once, before the first name; the others align under it.
        if i == 0 {
            spans.push(Span::new(label, FontRole::Fang, BODY));
        }
        spans.push(Span::new(*s, FontRole::Kai, BODY));
        let at = if i == 0 { x } else { x + label_w };
        grid_text(flow, at, line_top(line + i), spans);
    }
    line + signers.len() - 1
}

/// 信函格式: the mark 30 mm from the page top, red double rules 170 mm long (thick over thin 4 mm
/// below the mark, thin over thick 20 mm above the page foot), the 文号 flush right below.
fn letter_head(flow: &mut Flow<'_>, names: &[String], number: Option<&str>) {
    // A letter's first page carries no folio.
    flow.mark_no_folio();
    let bottom = mark(flow, names, "", 30.0 * MM);
    let (x1, x2) = ((PAGE_W - 170.0 * MM) / 2.0, (PAGE_W + 170.0 * MM) / 2.0);
    let top_rule = bottom + 4.0 * MM;
    rule(flow, x1, x2, top_rule, 2.0);
    rule(flow, x1, x2, top_rule + 2.5, 0.6);
    let foot = PAGE_H - 20.0 * MM;
    rule(flow, x1, x2, foot - 2.5, 0.6);
    rule(flow, x1, x2, foot, 2.0);
    let mut line = line_after(top_rule + 3.0, 0, BODY);
    if let Some(n) = number {
        let spans = vec![Span::new(n, FontRole::Fang, BODY)];
        let x = BLOCK_RIGHT - width(flow, &spans);
        grid_text(flow, x, line_top(line), spans);
        line += 1;
    }
    // The title two lines below the last element above it.
    flow.y = line_top(line + 2);
}

/// 命令格式: the red "××令" 20 mm below the block's top, the 令号 two blank lines below it, the
/// body two blank lines below that.
fn order_head(flow: &mut Flow<'_>, names: &[String], word: &str, number: Option<&str>) {
    let bottom = mark(flow, names, word, TOP + 20.0 * MM);
    let mut line = line_after(bottom, 2, BODY);
    if let Some(n) = number {
        centred_line(flow, n, line);
        line += 3;
    }
    flow.y = line_top(line);
}
