//! The policy text on the GB/T 9704-2012 grid: 22 lines of 28 characters of 16-pt FangSong,
//! title in the title face, headings by level, signature block and disclosure note.

use super::flow::Flow;
use super::geometry::{BASELINE, BLOCK_RIGHT, BLOCK_W, BODY, GRID_SPACING, LEFT, PITCH, TITLE};
use super::linebreak::{break_paragraph, Measure, Span};
use super::{Item, Rgb};
use crate::fonts::FontRole;
use jiedu_core::disclosure::DisclosureAttribute;
use jiedu_core::policy::{HeadingLevel, Policy, Section};

/// The measure of a body paragraph: the whole block, two characters indented, justified.
pub fn body_measure() -> Measure {
    Measure {
        width: BLOCK_W,
        first_indent: 2.0 * (BODY + GRID_SPACING),
        spacing: GRID_SPACING,
        justify: true,
    }
}

/// Sets one line of text centred in the block.
pub fn centred(flow: &mut Flow<'_>, text: &str, role: FontRole, size: f32, color: Rgb, pitch: f32) {
    let lines = break_paragraph(
        flow.fonts,
        &[Span::new(text, role, size)],
        Measure {
            width: BLOCK_W,
            first_indent: 0.0,
            spacing: 0.0,
            justify: false,
        },
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

/// Sets text right-aligned with `right_chars` characters of space before the block's edge.
fn right_aligned(flow: &mut Flow<'_>, text: &str, right_chars: f32) {
    let w =
        flow.fonts.measure(FontRole::Fang, text, BODY) + GRID_SPACING * text.chars().count() as f32;
    flow.ensure(PITCH);
    let x = BLOCK_RIGHT - right_chars * (BODY + GRID_SPACING) - w;
    let y = flow.y + BASELINE;
    flow.push(Item::Text {
        x,
        y,
        spans: vec![Span::new(text, FontRole::Fang, BODY)],
        spacing: GRID_SPACING,
        color: Rgb::INK,
    });
    flow.advance(PITCH);
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

/// A paragraph set flush left (顶格), as the 主送机关 and the 版记 are.
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

/// Lays out the numbered units: headings of an outline, or the chapters, sections, articles
/// and items of a regulation.
fn units(flow: &mut Flow<'_>, sections: &[Section]) {
    for section in sections {
        let role = heading_role(section.level);
        match section.level {
            HeadingLevel::Chapter | HeadingLevel::Division => {
                let line = format!("{}　{}", section.number, section.heading);
                centred(flow, &line, role, BODY, Rgb::INK, PITCH);
                for p in &section.paragraphs {
                    paragraph(flow, &[Span::new(p.as_str(), FontRole::Fang, BODY)]);
                }
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
        }
        paragraph(flow, &first);
        for p in paragraphs {
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
    if !policy.issuing_authority.trim().is_empty() {
        // 版头: the issuing authority's mark in red, the document number, the red rule.
        let mark = if policy.issuer_mark.trim().is_empty() {
            format!("{}文件", policy.issuing_authority.trim())
        } else {
            policy.issuer_mark.trim().to_string()
        };
        centred(flow, &mark, FontRole::Title, 30.0, Rgb::RED, PITCH * 2.0);
    }
    if let Some(number) = policy
        .doc_number
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        centred(flow, number, FontRole::Fang, BODY, Rgb::INK, PITCH);
    }
    if !policy.issuing_authority.trim().is_empty() || policy.doc_number.is_some() {
        let y = flow.y + 4.0;
        flow.push(Item::Rule {
            x1: LEFT,
            y1: y,
            x2: BLOCK_RIGHT,
            y2: y,
            width: 1.5,
            color: Rgb::RED,
        });
        flow.advance(PITCH);
    }
    centred(
        flow,
        &policy.title,
        FontRole::Title,
        TITLE,
        Rgb::INK,
        PITCH * 1.25,
    );
    flow.advance(PITCH);
    if !policy.addressee.trim().is_empty() {
        flush_left(flow, &format!("{}：", policy.addressee.trim()));
    }
    for p in &policy.preamble {
        paragraph(flow, &[Span::new(p.as_str(), FontRole::Fang, BODY)]);
    }
    units(flow, &policy.sections);
    if !policy.attachments.is_empty() {
        flow.advance(PITCH);
        for (i, a) in policy.attachments.iter().enumerate() {
            let label = if i == 0 { "附件：" } else { "　　　" };
            paragraph(
                flow,
                &[Span::new(
                    format!("{label}{}. {}", i + 1, a.title),
                    FontRole::Fang,
                    BODY,
                )],
            );
        }
    }
    // Signature block: authority and date right-aligned, four characters in from the edge.
    flow.advance(PITCH);
    if !policy.issuing_authority.trim().is_empty() {
        right_aligned(flow, policy.issuing_authority.trim(), 4.0);
    }
    if let Some(date) = policy.written_on {
        right_aligned(flow, &date_zh(date), 4.0);
    }
    if !policy.annotation.trim().is_empty() {
        for line in policy.annotation.lines().filter(|l| !l.trim().is_empty()) {
            paragraph(flow, &[Span::new(line.trim(), FontRole::Fang, BODY)]);
        }
    } else if policy.disclosure.attribute == Some(DisclosureAttribute::Proactive) {
        paragraph(flow, &[Span::new("（此件公开发布）", FontRole::Fang, BODY)]);
    }
    for a in policy.attachments.iter().filter(|a| !a.sections.is_empty()) {
        // The forwarded document, or an attachment with its own structure, on its own pages.
        flow.new_page();
        centred(
            flow,
            &a.title,
            FontRole::Title,
            TITLE,
            Rgb::INK,
            PITCH * 1.25,
        );
        flow.advance(PITCH);
        for p in &a.paragraphs {
            paragraph(flow, &[Span::new(p.as_str(), FontRole::Fang, BODY)]);
        }
        units(flow, &a.sections);
    }
    colophon(flow, &policy.colophon);
}

/// The 版记: 抄送 and the 印发 line, flush left.
fn colophon(flow: &mut Flow<'_>, c: &jiedu_core::Colophon) {
    if c.is_empty() {
        return;
    }
    flow.advance(PITCH);
    if !c.copied_to.trim().is_empty() {
        flush_left(flow, &format!("抄送：{}。", c.copied_to.trim()));
    }
    let printed = match (c.printed_by.trim(), c.printed_on) {
        ("", None) => None,
        (by, Some(on)) => Some(format!("{by}　　{}印发", date_zh(on))),
        (by, None) => Some(format!("{by}印发")),
    };
    if let Some(line) = printed {
        flush_left(flow, line.trim());
    }
}
