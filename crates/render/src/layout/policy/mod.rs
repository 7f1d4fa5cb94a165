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
    });
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
        });
        flow.advance(pitch);
    }
}

/// A title in lines of balanced length: as many lines as the block needs, each as long as the
/// others, the upper ones no shorter (梯形), never a single character on the last.
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
    let total: f32 = full.iter().map(|l| l.width(0.0)).sum();
    let n = full.len() as f32;
    // Widen the target a character at a time until the text fits in as many lines as before.
    let mut target = (total / n).ceil();
    while target < width {
        let lines = break_paragraph(fonts, &spans, Measure::plain(target));
        if lines.len() == full.len() && lines.last().is_some_and(|l| l.chars > 1) {
            return lines;
        }
        target += size / 2.0;
    }
    full
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
                centred(flow, &line, role, BODY, Rgb::INK, PITCH);
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
        paragraph(flow, &first);
        for p in paragraphs {
            if format != Format::Minutes || !minutes_paragraph(flow, p) {
                paragraph(flow, &[Span::new(p.as_str(), FontRole::Fang, BODY)]);
            }
        }
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
        title(flow, &policy.title);
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
    let pages: Vec<&Attachment> = policy
        .attachments
        .iter()
        .filter(|a| !a.sections.is_empty() || !a.paragraphs.is_empty())
        .collect();
    let numbered = policy.attachments.len() > 1;
    for a in pages {
        let n = policy
            .attachments
            .iter()
            .position(|x| std::ptr::eq(x, a))
            .map_or(1, |i| i + 1);
        attachment_pages(flow, a, numbered.then_some(n), format);
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
    title(flow, &a.title);
    flow.advance(PITCH);
    body_paragraphs(flow, &a.paragraphs, format);
    units(flow, &a.sections, format);
    flow.settle_tail(first_page);
}
