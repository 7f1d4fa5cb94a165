//! The policy text on the GB/T 9704-2012 grid: 22 lines of 28 characters of 16-pt FangSong,
//! title in the title face, headings by level, signature block and disclosure note.

use super::flow::Flow;
use super::geometry::{BASELINE, BLOCK_RIGHT, BLOCK_W, BODY, GRID_SPACING, LEFT, PITCH, TITLE};
use super::linebreak::{break_paragraph, Measure, Span};
use super::{Item, Rgb};
use crate::fonts::FontRole;
use jiedu_core::disclosure::DisclosureAttribute;
use jiedu_core::policy::{HeadingLevel, Policy};

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

/// The role of a heading level: 一、 HeiTi, （一） KaiTi, 1. and （1） FangSong.
pub fn heading_role(level: HeadingLevel) -> FontRole {
    match level {
        HeadingLevel::L1 => FontRole::Hei,
        HeadingLevel::L2 => FontRole::Kai,
        HeadingLevel::L3 | HeadingLevel::L4 => FontRole::Fang,
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
        let mark = format!("{}文件", policy.issuing_authority.trim());
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
    for p in &policy.preamble {
        paragraph(flow, &[Span::new(p.as_str(), FontRole::Fang, BODY)]);
    }
    for section in &policy.sections {
        let role = heading_role(section.level);
        let heading = format!("{}{}", section.number, section.heading);
        let mut paragraphs = section.paragraphs.iter();
        // A heading ending like a sentence (（四）推进决策公开。) runs into its first paragraph.
        let run_in = section.level != HeadingLevel::L1 && section.heading.ends_with('。');
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
    if policy.disclosure.attribute == Some(DisclosureAttribute::Proactive) {
        paragraph(flow, &[Span::new("（此件公开发布）", FontRole::Fang, BODY)]);
    }
}
