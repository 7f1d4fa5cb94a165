//! The policy document on the GB/T 9704-2012 grid: 22 lines of 28 characters of 16-pt
//! FangSong. The 版头 ([`head`]), the body, the closing elements ([`closing`]), the attachments
//! on their own pages and the 版记 ([`colophon`]) each sit where the standard puts them.

mod closing;
mod colophon;
mod head;

use super::flow::Flow;
use super::geometry::{
    baseline_in, BASELINE, BLOCK_W, BODY, CHAR, GRID_SPACING, LEFT, PITCH, TITLE,
};
use super::linebreak::{break_paragraph, Measure, SetLine, Span};
use super::{Item, Rgb};
use crate::fonts::{FontRole, FontSet};
use crate::layout::Tag;
use jiedu_core::gongwen::DocType;
use jiedu_core::policy::{Attachment, HeadingLevel, Policy, Section};

/// The layout variant GB/T 9704 §10 gives a document by its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The ordinary 文件格式.
    Document,
    /// 信函格式, for a 函.
    Letter,
    /// 命令格式, for a 令.
    Order,
    /// 纪要格式.
    Minutes,
}

impl Format {
    /// The format of a policy, from its kind.
    pub fn of(policy: &Policy) -> Format {
        match policy.effective_doc_type() {
            Some(DocType::Letter) => Format::Letter,
            Some(DocType::Order) => Format::Order,
            Some(DocType::Minutes) => Format::Minutes,
            _ => Format::Document,
        }
    }
}

/// The measure of a body paragraph: the whole block, two characters indented, justified.
pub fn body_measure() -> Measure {
    Measure {
        width: BLOCK_W,
        first_indent: 2.0 * CHAR,
        spacing: GRID_SPACING,
        justify: true,
    }
}

/// Places one set line with its first character at `x`, centred in the grid line at `top`.
fn put(flow: &mut Flow<'_>, x: f32, top: f32, line: SetLine, size: f32, color: Rgb) {
    flow.push(Item::Text {
        x,
        y: baseline_in(top, size),
        spans: line.spans,
        spacing: line.spacing,
        color,
        tag: Tag::Auto,
    });
}

/// The measure of a line that is placed rather than wrapped (a 版头 or 署名 line): twice the
/// block wide, at `spacing`.
fn unwrapped(spacing: f32) -> Measure {
    Measure {
        spacing,
        ..Measure::plain(BLOCK_W * 2.0)
    }
}

/// The width of `spans` set unwrapped at `spacing`, Chinese–Latin spacing included, from the
/// first character's left to the last one's right.
fn set_width(fonts: &FontSet, spans: &[Span], spacing: f32) -> f32 {
    break_paragraph(fonts, spans, unwrapped(spacing))
        .first()
        .map_or(0.0, |l| l.natural - spacing)
}

/// Places `spans` unwrapped at `spacing`, from `x`, in the 16-pt grid line whose top is `top`.
fn put_at(flow: &mut Flow<'_>, x: f32, top: f32, spans: &[Span], spacing: f32) {
    for l in break_paragraph(flow.fonts, spans, unwrapped(spacing)) {
        put(flow, x, top, l, BODY, Rgb::INK);
    }
}

/// Sets text centred in the block, one grid line per line, from the cursor.
pub fn centred(flow: &mut Flow<'_>, text: &str, role: FontRole, size: f32, color: Rgb, pitch: f32) {
    let lines = break_paragraph(
        flow.fonts,
        &[Span::new(text, role, size)],
        Measure::plain(BLOCK_W),
    );
    for line in lines {
        flow.ensure(pitch);
        let w = line.width(0.0);
        let y = flow.y + (pitch - size) / 2.0 + size * 0.88;
        flow.push(Item::Text {
            x: LEFT + (BLOCK_W - w) / 2.0,
            y,
            spans: line.spans,
            spacing: 0.0,
            color,
            tag: Tag::Auto,
        });
        flow.advance(pitch);
    }
}

/// A title in lines of balanced length: as few lines as the block allows, each about as long as
/// the others (梯形 or 菱形), never one character alone on the last, and broken where the sense
/// allows (around 关于, at 《》 and 、) rather than inside a name when that costs little.
pub fn balanced(
    fonts: &FontSet,
    text: &str,
    role: FontRole,
    size: f32,
    width: f32,
) -> Vec<SetLine> {
    let spans = [Span::new(text, role, size)];
    let full = break_paragraph(fonts, &spans, Measure::plain(width));
    if full.len() < 2 {
        return full;
    }
    let chars: Vec<char> = text.chars().collect();
    let Some(breaks) = title_breaks(fonts, &chars, role, size, width, full.len()) else {
        return full;
    };
    let mut lines = Vec::new();
    let mut start = 0;
    for end in breaks.into_iter().chain([chars.len()]) {
        let piece: String = chars[start..end].iter().collect();
        let mut set = break_paragraph(
            fonts,
            &[Span::new(piece, role, size)],
            Measure::plain(width),
        );
        if set.len() != 1 {
            return full;
        }
        lines.append(&mut set);
        start = end;
    }
    lines
}

/// How much a title line may gain by breaking after `at`, in characters of unevenness: the
/// places a typesetter breaks a title.
fn break_bonus(chars: &[char], at: usize) -> f32 {
    let before = |s: &str| {
        chars[..at]
            .iter()
            .rev()
            .take(s.chars().count())
            .rev()
            .copied()
            .eq(s.chars())
    };
    let after = |s: &str| {
        chars[at..]
            .iter()
            .take(s.chars().count())
            .copied()
            .eq(s.chars())
    };
    if before("关于") || after("关于") {
        8.0
    } else if before("、")
        || before("　")
        || before("，")
        || after("《")
        || before("》")
        || before("印发")
        || before("转发")
        || before("批转")
    {
        5.0
    } else if before("的") {
        2.0
    } else {
        0.0
    }
}

/// The best places to break a title into `lines` lines, by dynamic programming over the
/// characters: each line's distance from the even length, less the bonus of its break; `None`
/// when no set fits. The distance counts linearly, so a break in the right place may cost a
/// few characters of evenness.
fn title_breaks(
    fonts: &FontSet,
    chars: &[char],
    role: FontRole,
    size: f32,
    width: f32,
    lines: usize,
) -> Option<Vec<usize>> {
    let n = chars.len();
    let mut x = vec![0.0f32; n + 1];
    for (i, c) in chars.iter().enumerate() {
        x[i + 1] = x[i] + fonts.char_advance(role, *c) * size;
    }
    let target = x[n] / lines as f32;
    let allowed = |i: usize| {
        let (a, b) = (chars[i - 1], chars[i]);
        let inside_word = a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric();
        !(inside_word
            || super::linebreak::NO_LINE_START.contains(b)
            || super::linebreak::NO_LINE_END.contains(a))
    };
    let cost = |a: usize, b: usize| -> Option<f32> {
        let w = x[b] - x[a];
        if w > width + 0.01 || b - a < 2 {
            return None;
        }
        let d = ((w - target) / size).abs();
        Some(d - if b < n { break_bonus(chars, b) } else { 0.0 })
    };
    // best[m][j]: the least cost of chars[..j] in m lines, and where its last line starts.
    let mut best = vec![vec![None::<(f32, usize)>; n + 1]; lines + 1];
    best[0][0] = Some((0.0, 0));
    for m in 1..=lines {
        for j in 1..=n {
            if j < n && !allowed(j) {
                continue;
            }
            for i in 0..j {
                let Some((before, _)) = best[m - 1][i] else {
                    continue;
                };
                let Some(c) = cost(i, j) else { continue };
                if best[m][j].is_none_or(|(b, _)| before + c < b) {
                    best[m][j] = Some((before + c, i));
                }
            }
        }
    }
    best[lines][n]?;
    let mut breaks = Vec::new();
    let mut j = n;
    for m in (1..=lines).rev() {
        let (_, i) = best[m][j]?;
        if i > 0 {
            breaks.push(i);
        }
        j = i;
    }
    breaks.reverse();
    Some(breaks)
}

/// Sets a centred title from the cursor: balanced lines, one grid line each.
fn title(flow: &mut Flow<'_>, text: &str) {
    for line in balanced(flow.fonts, text, FontRole::Title, TITLE, BLOCK_W) {
        flow.ensure(PITCH);
        let x = LEFT + (BLOCK_W - line.width(0.0)) / 2.0;
        let top = flow.y;
        put(flow, x, top, line, TITLE, Rgb::INK);
        flow.advance(PITCH);
    }
}

fn paragraph(flow: &mut Flow<'_>, spans: &[Span]) {
    flow.paragraph(spans, LEFT, body_measure(), PITCH, BASELINE, Rgb::INK);
}

/// The role of a heading level: 一、 HeiTi, （一） KaiTi, 1. and （1） FangSong; a regulation's
/// 第一章 and article numbers HeiTi, 第一节 KaiTi, its items FangSong.
pub fn heading_role(level: HeadingLevel) -> FontRole {
    match level {
        HeadingLevel::L1 | HeadingLevel::Chapter | HeadingLevel::Article => FontRole::Hei,
        HeadingLevel::L2 | HeadingLevel::Division => FontRole::Kai,
        HeadingLevel::L3 | HeadingLevel::L4 | HeadingLevel::Item => FontRole::Fang,
    }
}

/// A paragraph set flush left (顶格), as the 主送机关 is.
fn flush_left(flow: &mut Flow<'_>, text: &str) {
    let m = Measure {
        first_indent: 0.0,
        ..body_measure()
    };
    flow.paragraph(
        &[Span::new(text, FontRole::Fang, BODY)],
        LEFT,
        m,
        PITCH,
        BASELINE,
        Rgb::INK,
    );
}

/// 纪要: a paragraph that opens with 出席、请假 or 列席 sets its label in HeiTi.
fn minutes_paragraph(flow: &mut Flow<'_>, p: &str) -> bool {
    let Some((label, rest)) = ["出席：", "请假：", "列席：", "出席人员：", "列席人员："]
        .iter()
        .find_map(|l| p.strip_prefix(l).map(|rest| (*l, rest)))
    else {
        return false;
    };
    paragraph(
        flow,
        &[
            Span::new(label, FontRole::Hei, BODY),
            Span::new(rest, FontRole::Fang, BODY),
        ],
    );
    true
}

/// Lays out the numbered units: headings of an outline, or the chapters, sections, articles
/// and items of a regulation. A heading that stands on its own line keeps two lines of what
/// follows on its page.
fn units(flow: &mut Flow<'_>, sections: &[Section], format: Format) {
    for section in sections {
        let role = heading_role(section.level);
        match section.level {
            HeadingLevel::Chapter | HeadingLevel::Division => {
                flow.keep(3, PITCH);
                let line = format!("{}　{}", section.number, section.heading);
                let level = section.level.depth() as u8 + 2;
                flow.heading(level, |flow| {
                    centred(flow, &line, role, BODY, Rgb::INK, PITCH)
                });
                body_paragraphs(flow, &section.paragraphs, format);
                continue;
            }
            HeadingLevel::Article => {
                // 第一条 in HeiTi, a space, then the article's text on the same line.
                let mut paragraphs = section.paragraphs.iter();
                // `一、` carries its own separator; `第一条` is followed by a full-width space.
                let number = if section.number.ends_with('、') {
                    section.number.clone()
                } else {
                    format!("{}　", section.number)
                };
                let mut first = vec![Span::new(number, role, BODY)];
                if let Some(p) = paragraphs.next() {
                    first.push(Span::new(p.as_str(), FontRole::Fang, BODY));
                }
                flow.label = section.number.chars().count() as u16;
                paragraph(flow, &first);
                for p in paragraphs {
                    paragraph(flow, &[Span::new(p.as_str(), FontRole::Fang, BODY)]);
                }
                continue;
            }
            _ => {}
        }
        let heading = format!("{}{}", section.number, section.heading);
        let mut paragraphs = section.paragraphs.iter();
        // A heading ending like a sentence (（四）推进决策公开。) runs into its first paragraph;
        // so does an item of an article.
        let run_in = section.level == HeadingLevel::Item
            || (section.level != HeadingLevel::L1 && section.heading.ends_with('。'));
        let mut first = vec![Span::new(heading, role, BODY)];
        if run_in {
            if let Some(p) = paragraphs.next() {
                first.push(Span::new(p.as_str(), FontRole::Fang, BODY));
            }
        } else if !section.paragraphs.is_empty() {
            flow.keep(3, PITCH);
        }
        flow.label = section.number.chars().count() as u16;
        if run_in {
            paragraph(flow, &first);
        } else {
            let level = section.level.depth() as u8 + 2;
            flow.heading(level, |flow| paragraph(flow, &first));
        }
        body_paragraphs(flow, paragraphs.as_slice(), format);
    }
}

fn body_paragraphs(flow: &mut Flow<'_>, paragraphs: &[String], format: Format) {
    for p in paragraphs {
        if format != Format::Minutes || !minutes_paragraph(flow, p) {
            paragraph(flow, &[Span::new(p.as_str(), FontRole::Fang, BODY)]);
        }
    }
}

/// Writes 成文日期 with Arabic numerals, as GB/T 9704-2012 asks: 2017年1月15日.
pub fn date_zh(date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// Lays out the policy document from the top of a new page.
pub fn layout_policy(flow: &mut Flow<'_>, policy: &Policy) {
    flow.new_page();
    flow.bookmark("政策文件");
    let first_page = flow.page_index();
    let format = Format::of(policy);
    head::head(flow, policy, format);
    if format != Format::Order {
        flow.heading(1, |flow| title(flow, &policy.title));
        if !policy.addressee.trim().is_empty() {
            flow.advance(PITCH);
            let addressee = policy.addressee.trim().trim_end_matches(['：', ':']);
            flush_left(flow, &format!("{addressee}："));
        } else {
            flow.advance(PITCH);
        }
    }
    body_paragraphs(flow, &policy.preamble, format);
    units(flow, &policy.sections, format);
    closing::attachment_note(flow, &policy.attachments);
    closing::signature(flow, policy, format);
    closing::annotation(flow, policy);
    flow.settle_tail(first_page);
    let numbered = policy.attachments.len() > 1;
    for (i, a) in policy.attachments.iter().enumerate() {
        if !a.sections.is_empty() || !a.paragraphs.is_empty() {
            attachment_pages(flow, a, numbered.then_some(i + 1), format);
        }
    }
    colophon::colophon(flow, &policy.colophon, format);
}

/// An attachment on pages of its own: `附件N` in HeiTi flush left on line 1, its title centred on
/// line 3, a blank line, then its text.
fn attachment_pages(flow: &mut Flow<'_>, a: &Attachment, number: Option<usize>, format: Format) {
    flow.new_page();
    let first_page = flow.page_index();
    let label = match number {
        Some(n) => format!("附件{n}"),
        None => "附件".to_string(),
    };
    let top = flow.y;
    let line = break_paragraph(
        flow.fonts,
        &[Span::new(label, FontRole::Hei, BODY)],
        Measure::plain(BLOCK_W),
    );
    for l in line {
        put(flow, LEFT, top, l, BODY, Rgb::INK);
    }
    flow.advance(2.0 * PITCH);
    flow.heading(2, |flow| title(flow, &a.title));
    flow.advance(PITCH);
    body_paragraphs(flow, &a.paragraphs, format);
    units(flow, &a.sections, format);
    flow.settle_tail(first_page);
}
