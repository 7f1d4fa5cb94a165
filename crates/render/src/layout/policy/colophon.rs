//! The 版记 at the foot of the document's last page: 抄送 and the 印发 line in 4号 FangSong
//! between rules as wide as the block, the last on the block's bottom edge. The page is an even
//! one, as it is in print; blank pages put before it, and then the 版记 page, carry no folio.

use super::{date_zh, Format};
use crate::fonts::FontRole;
use crate::layout::flow::Flow;
use crate::layout::geometry::{
    baseline_in, BLOCK_BOTTOM, BLOCK_RIGHT, BLOCK_W, COLOPHON, LEFT, MM, PITCH,
};
use crate::layout::linebreak::{break_paragraph_with, Measure, Setting, Span};
use crate::layout::{Item, Rgb, Tag};
use jiedu_core::Colophon;

/// The first and last rules: 0.35 mm.
const THICK: f32 = 0.35 * MM;
/// The rule between 抄送 and the 印发 line: 0.25 mm.
const THIN: f32 = 0.25 * MM;

fn rule(flow: &mut Flow<'_>, y: f32, width: f32) {
    flow.push(Item::Rule {
        x1: LEFT,
        y1: y,
        x2: BLOCK_RIGHT,
        y2: y,
        width,
        color: Rgb::INK,
    });
}

/// Lays out the 版记 on the document's last page; a letter's has no 印发 line and no rules.
pub fn colophon(flow: &mut Flow<'_>, c: &Colophon, format: Format) {
    if c.is_empty() {
        return;
    }
    let em = COLOPHON;
    // 抄送 左右各空一字, its wrapped lines under the first name.
    let copied: Vec<_> = if c.copied_to.trim().is_empty() {
        Vec::new()
    } else {
        let text = c.copied_to.trim().trim_end_matches(['。', '.']);
        let label_w = flow.fonts.measure(FontRole::Fang, "抄送：", em);
        break_paragraph_with(
            flow.fonts,
            &[Span::new(format!("抄送：{text}。"), FontRole::Fang, em)],
            Measure {
                width: BLOCK_W - 2.0 * em,
                first_indent: 0.0,
                spacing: 0.0,
                justify: true,
            },
            Setting {
                hang: label_w,
                ..Setting::default()
            },
        )
    };
    let printed =
        format != Format::Letter && (!c.printed_by.trim().is_empty() || c.printed_on.is_some());
    let lines = copied.len() + usize::from(printed);
    if lines == 0 {
        return;
    }
    let height = lines as f32 * PITCH;
    // One free line above the 版记 at least, on an even page (the flow's pages count from the
    // folio offset).
    if flow.remaining() < height + PITCH || !flow.even_page() {
        flow.new_page();
        if !flow.even_page() {
            flow.blank_page();
            flow.mark_no_folio();
        }
    }
    let top = BLOCK_BOTTOM - height;
    let rules = format != Format::Letter;
    if rules {
        rule(flow, top, THICK);
    }
    for (i, line) in copied.into_iter().enumerate() {
        let y = baseline_in(top + i as f32 * PITCH, COLOPHON);
        flow.push(Item::Text {
            x: LEFT + em + line.indent,
            y,
            spans: line.spans,
            spacing: line.spacing,
            color: Rgb::INK,
            tag: Tag::Auto,
        });
    }
    if printed {
        let row = top + (lines - 1) as f32 * PITCH;
        if rules && lines > 1 {
            rule(flow, row, THIN);
        }
        let y = baseline_in(row, COLOPHON);
        if !c.printed_by.trim().is_empty() {
            flow.push(Item::Text {
                x: LEFT + em,
                y,
                spans: vec![Span::new(c.printed_by.trim(), FontRole::Fang, em)],
                spacing: 0.0,
                color: Rgb::INK,
                tag: Tag::Auto,
            });
        }
        let date = match c.printed_on {
            Some(d) => format!("{}印发", date_zh(d)),
            None => "印发".to_string(),
        };
        let w = flow.fonts.measure(FontRole::Fang, &date, em);
        flow.push(Item::Text {
            x: BLOCK_RIGHT - em - w,
            y,
            spans: vec![Span::new(date, FontRole::Fang, em)],
            spacing: 0.0,
            color: Rgb::INK,
            tag: Tag::Auto,
        });
    }
    if rules {
        rule(flow, BLOCK_BOTTOM, THICK);
    }
    flow.y = BLOCK_BOTTOM;
}
