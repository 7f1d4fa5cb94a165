//! The 版记: `抄送：…` (possibly over several lines) and the `XX办公厅 2024年1月9日印发` line,
//! with the rules around them.

use crate::block::{Block, Hint};
use crate::cjk::is_space;
use crate::dates;
use crate::recorder::Recorder;
use crate::report::{Field, RemovalReason};
use chrono::NaiveDate;
use jiedu_core::Colophon;

/// How many lines the 抄送 list may span.
const MAX_COPY_LINES: usize = 4;

/// Takes the 版记 out of `blocks`: the last 印发 line in the second half, the 抄送 lines just
/// before it, and rule lines around them. Text after it (attachments on a web copy) stays.
pub(crate) fn take(mut blocks: Vec<Block>, rec: &mut Recorder) -> (Colophon, Vec<Block>) {
    let mut colophon = Colophon::default();
    let half = blocks.len() / 2;
    let printed = (half..blocks.len())
        .rev()
        .find_map(|i| printed_line(&blocks[i]).map(|p| (i, p)));
    let copy_at = |blocks: &[Block], until: usize| {
        (until.saturating_sub(MAX_COPY_LINES + 1)..until)
            .rev()
            .find(|j| copy_label(&blocks[*j].text).is_some())
    };
    let printed_at = printed.as_ref().map(|(i, _)| *i);
    let (end, start) = match printed {
        Some((i, (by, on))) => {
            let b = &blocks[i];
            if !by.is_empty() {
                rec.detected(Field::PrintedBy, b.line, &b.raw, &by);
            }
            rec.detected(
                Field::PrintedOn,
                b.line,
                &b.raw,
                &on.format("%Y-%m-%d").to_string(),
            );
            colophon.printed_by = by;
            colophon.printed_on = Some(on);
            (i + 1, copy_at(&blocks, i).unwrap_or(i))
        }
        None => {
            // 抄送 without a 印发 line: the last lines of the text.
            let last = blocks.len();
            match copy_at(&blocks, last).filter(|j| *j >= half && last - j <= 2) {
                Some(j) => (last, j),
                None => return (colophon, blocks),
            }
        }
    };
    let copy_end = printed_at.unwrap_or(end);
    let copies: Vec<&Block> = blocks[start..copy_end]
        .iter()
        .filter(|b| !is_rule(&b.text))
        .collect();
    if let Some(first) = copies.first() {
        if let Some(label_rest) = copy_label(&first.text) {
            let mut text = label_rest.to_string();
            for more in &copies[1..] {
                text.push_str(&more.text);
            }
            let text = text.trim_end_matches(['。', '；']).to_string();
            let raw: Vec<&str> = copies.iter().map(|b| b.raw.as_str()).collect();
            rec.detected(Field::CopiedTo, first.line, &raw.join("\n"), &text);
            colophon.copied_to = text;
        }
    }
    // Rules just above the 版记 go with it.
    let mut from = start;
    while from > 0 && is_rule(&blocks[from - 1].text) {
        from -= 1;
    }
    let tail = blocks.split_off(end);
    let taken = blocks.split_off(from);
    for b in taken.iter().filter(|b| is_rule(&b.text)) {
        rec.removed(b.line, &b.raw, RemovalReason::PageNumber);
    }
    blocks.extend(tail);
    (colophon, blocks)
}

/// `抄送：X，Y。` → `X，Y。`.
fn copy_label(text: &str) -> Option<&str> {
    let rest = text
        .strip_prefix("抄送")
        .or_else(|| text.strip_prefix("抄報"))?;
    rest.strip_prefix('：')
        .or_else(|| rest.strip_prefix(':'))
        .map(|r| r.trim_matches(is_space))
}

/// `国务院办公厅 2024年1月9日印发` → (国务院办公厅, the date).
fn printed_line(block: &Block) -> Option<(String, NaiveDate)> {
    if block.hint == Hint::TableRow {
        return None;
    }
    let text = block
        .text
        .strip_suffix("印发")
        .or_else(|| block.text.strip_suffix("印發"))?;
    let (year_at, date) = text
        .char_indices()
        .find_map(|(i, _)| dates::date_of(&text[i..]).map(|d| (i, d)))?;
    let by = text[..year_at].trim_matches(is_space).to_string();
    (by.chars().count() <= 40).then_some((by, date))
}

/// A line of rule characters only.
fn is_rule(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() >= 3 && t.chars().all(|c| "—─-_━=＝－".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DocumentKind;

    #[test]
    fn copies_over_two_lines_and_the_printed_line() {
        let blocks: Vec<Block> = [
            "正文。",
            "国务院",
            "2024年1月9日",
            "抄送：党中央各部门，全国人大常委会办公厅，",
            "全国政协办公厅。",
            "国务院办公厅 2024年1月10日印发",
        ]
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut b = Block::new(*l, i + 1, true, Hint::Plain);
            crate::normalize::normalize(&mut b);
            b
        })
        .collect();
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let (c, rest) = take(blocks, &mut rec);
        assert_eq!(
            c.copied_to,
            "党中央各部门，全国人大常委会办公厅，全国政协办公厅"
        );
        assert_eq!(c.printed_by, "国务院办公厅");
        assert_eq!(c.printed_on, NaiveDate::from_ymd_opt(2024, 1, 10));
        assert_eq!(rest.len(), 3);
    }
}
