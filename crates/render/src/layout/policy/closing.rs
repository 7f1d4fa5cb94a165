//! After the body: the 附件说明, the 署名 and 成文日期 (without a seal, with one, and the 命令's
//! signature), and the 附注.

use super::{date_zh, put_at, set_width, Format};
use crate::fonts::FontRole;
use crate::layout::flow::Flow;
use crate::layout::geometry::{BLOCK_RIGHT, BODY, CHAR, GRID_SPACING, LEFT, PITCH};
use crate::layout::linebreak::{Measure, Setting, Span};
use crate::layout::Rgb;
use jiedu_core::disclosure::DisclosureAttribute;
use jiedu_core::policy::{Attachment, Policy};

/// Width of `text` in FangSong as set on the grid's spacing, Chinese–Latin spacing included,
/// from its first character's left to its last one's right.
fn grid_width(flow: &Flow<'_>, text: &str) -> f32 {
    set_width(
        flow.fonts,
        &[Span::new(text, FontRole::Fang, BODY)],
        GRID_SPACING,
    )
}

/// One line of FangSong at `x` on the cursor's grid line; moves the cursor down a line.
fn line_at(flow: &mut Flow<'_>, x: f32, text: &str) {
    flow.ensure(PITCH);
    let top = flow.y;
    put_at(
        flow,
        x,
        top,
        &[Span::new(text, FontRole::Fang, BODY)],
        GRID_SPACING,
    );
    flow.advance(PITCH);
}

/// 附件说明: a blank line below the body, 左空二字 `附件：1.×××`, one attachment per paragraph,
/// each wrapped under its name; a single attachment has no number. No final punctuation.
pub fn attachment_note(flow: &mut Flow<'_>, attachments: &[Attachment]) {
    if attachments.is_empty() {
        return;
    }
    flow.advance(PITCH);
    let numbered = attachments.len() > 1;
    let label_w = grid_width(flow, "附件：");
    for (i, a) in attachments.iter().enumerate() {
        let name = a
            .title
            .trim()
            .trim_end_matches(['。', '；', '，', '.', ';']);
        let number = if numbered {
            format!("{}.", i + 1)
        } else {
            String::new()
        };
        let lead = if i == 0 { "附件：" } else { "" };
        let first_indent = 2.0 * CHAR + if i == 0 { 0.0 } else { label_w };
        let hang = 2.0 * CHAR + label_w + grid_width(flow, &number);
        flow.paragraph_with(
            &[Span::new(
                format!("{lead}{number}{name}"),
                FontRole::Fang,
                BODY,
            )],
            LEFT,
            Measure {
                first_indent,
                ..super::body_measure()
            },
            Setting {
                hang,
                ..Setting::default()
            },
            (PITCH, crate::layout::geometry::BASELINE),
            Rgb::INK,
        );
    }
}

/// The names signed: as set, else the issuing authorities.
fn names(policy: &Policy) -> Vec<String> {
    let set: Vec<String> = policy
        .signed_names
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if !set.is_empty() {
        return set;
    }
    policy
        .authorities()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect()
}

/// 署名 and 成文日期 as GB/T 9704 §7.3.5 places them.
/// - Without a seal: a blank line, each 署名 右空二字, the 日期 on the next line with its first
///   character two characters right of the 署名's; a longer 日期 sets 右空二字 and pushes the
///   署名 left.
/// - With a seal: room for it (two blank lines), the 日期 右空四字 and the 署名 centred on it.
/// - 命令: two blank lines, the signer's title and name 右空四字, a blank line, the 日期 右空四字.
pub fn signature(flow: &mut Flow<'_>, policy: &Policy, format: Format) {
    let names = names(policy);
    let date = policy.written_on.map(date_zh);
    if names.is_empty() && date.is_none() {
        return;
    }
    let date_w = date.as_deref().map_or(0.0, |d| grid_width(flow, d));
    let lines = names.len() + usize::from(date.is_some());
    let sealed = policy.sealed || format == Format::Order;
    let blank = if sealed { 2 } else { 1 };
    // The block stays together, with its blank lines, on one page; when it must move on, two
    // lines of the text go with it, for a 署名 never stands on a page of its own.
    let need = (blank + lines + usize::from(format == Format::Order)) as f32 * PITCH;
    let moved = flow.remaining() + 0.01 < need;
    if moved {
        flow.new_page();
        flow.carry_forward(3.0 * PITCH);
    }
    flow.advance(blank as f32 * PITCH);
    if sealed {
        let date_x = BLOCK_RIGHT - 4.0 * CHAR - date_w;
        let centre = if date.is_some() {
            date_x + date_w / 2.0
        } else {
            BLOCK_RIGHT
                - 4.0 * CHAR
                - names
                    .iter()
                    .map(|n| grid_width(flow, n))
                    .fold(0.0, f32::max)
                    / 2.0
        };
        for n in &names {
            let w = grid_width(flow, n);
            let x = if format == Format::Order {
                BLOCK_RIGHT - 4.0 * CHAR - w
            } else {
                centre - w / 2.0
            };
            line_at(flow, x, n);
        }
        if let Some(d) = date {
            if format == Format::Order {
                flow.advance(PITCH);
            }
            line_at(flow, date_x, &d);
        }
        return;
    }
    let widest = names
        .iter()
        .map(|n| grid_width(flow, n))
        .fold(0.0, f32::max);
    let mut name_right = BLOCK_RIGHT - 2.0 * CHAR;
    let mut date_x = name_right - widest + 2.0 * CHAR;
    if date_x + date_w > BLOCK_RIGHT - 2.0 * CHAR {
        date_x = BLOCK_RIGHT - 2.0 * CHAR - date_w;
        name_right = date_x - 2.0 * CHAR + widest;
    }
    for n in &names {
        // Each name starts where the widest does, so a stack of names is aligned on the left.
        line_at(flow, name_right - widest, n);
    }
    if let Some(d) = date {
        let x = if names.is_empty() {
            BLOCK_RIGHT - 2.0 * CHAR - date_w
        } else {
            date_x
        };
        line_at(flow, x, &d);
    }
}

/// 附注 on the line after the 日期, 左空二字, in （）; a proactively disclosed document says so.
pub fn annotation(flow: &mut Flow<'_>, policy: &Policy) {
    let lines: Vec<String> = if !policy.annotation.trim().is_empty() {
        policy
            .annotation
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                if l.starts_with('（') && l.ends_with('）') {
                    l.to_string()
                } else {
                    format!("（{}）", l.trim_matches(['(', ')']))
                }
            })
            .collect()
    } else if policy.disclosure.attribute == Some(DisclosureAttribute::Proactive) {
        vec!["（此件公开发布）".to_string()]
    } else {
        Vec::new()
    };
    for l in lines {
        flow.paragraph(
            &[Span::new(l, FontRole::Fang, BODY)],
            LEFT,
            super::body_measure(),
            PITCH,
            crate::layout::geometry::BASELINE,
            Rgb::INK,
        );
    }
}
