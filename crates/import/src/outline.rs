//! The body's outline: paragraphs before the first heading become the preamble, each heading a
//! [`Section`] with its level, official number, heading text and paragraphs.

use crate::block::{Block, Hint};
use crate::headings::{self, HeadingStart};
use crate::recorder::Recorder;
use crate::report::{NormalizationKind, NoteKind};
use jiedu_core::{HeadingLevel, Section};

/// Preamble paragraphs and sections.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Outline {
    /// Paragraphs before the first heading.
    pub preamble: Vec<String>,
    /// Sections in reading order.
    pub sections: Vec<Section>,
}

/// Builds the outline of `body`.
pub(crate) fn build(body: Vec<Block>, rec: &mut Recorder) -> Outline {
    let mut outline = Outline::default();
    let mut counters = [0u32; 4];
    let mut in_article = false;
    let mut in_chapter = false;
    for block in body {
        let unit = (block.hint != Hint::TableRow)
            .then(|| headings::regulation(&block.text))
            .flatten();
        let Some(mut start) = unit.or_else(|| heading_of(&block, &mut counters, rec)) else {
            match outline.sections.last_mut() {
                Some(section) => section.paragraphs.push(block.text),
                None => outline.preamble.push(block.text),
            }
            continue;
        };
        match start.level {
            HeadingLevel::Article => in_article = true,
            HeadingLevel::Chapter | HeadingLevel::Division => {
                in_chapter = true;
                in_article = false;
            }
            // `一、…` under a chapter (国务院工作规则 and its kin) numbers articles.
            HeadingLevel::L1 if in_chapter => {
                start.level = HeadingLevel::Article;
                in_article = true;
            }
            // `（一）` inside an article is an item of its list, not a heading.
            HeadingLevel::L2 if in_article => start.level = HeadingLevel::Item,
            _ => {}
        }
        let (heading, body) = match start.level {
            HeadingLevel::Chapter | HeadingLevel::Division => (start.rest, None),
            HeadingLevel::Article | HeadingLevel::Item => {
                (String::new(), Some(start.rest).filter(|r| !r.is_empty()))
            }
            _ => headings::split_run_in(&start.rest),
        };
        outline.sections.push(Section {
            level: start.level,
            number: start.number,
            heading,
            paragraphs: body.into_iter().collect(),
        });
    }
    outline
}

fn index(level: HeadingLevel) -> usize {
    level.depth()
}

/// The heading a block starts with: its own number, or for a block styled as a heading without
/// one, the number Word's automatic numbering would show.
fn heading_of(block: &Block, counters: &mut [u32; 4], rec: &mut Recorder) -> Option<HeadingStart> {
    if block.hint == Hint::TableRow {
        return None;
    }
    if let Some(start) = headings::parse(&block.text) {
        if start.normalized {
            rec.normalized(NormalizationKind::HeadingNumber, block.line, 1);
        }
        if let Hint::Heading(styled) = block.hint {
            if styled != start.level {
                rec.note(
                    NoteKind::StyleLevelMismatch,
                    Some(block.line),
                    format!(
                        "“{}”的样式是第 {} 级标题，但序号是第 {} 级；按序号处理。",
                        start.number,
                        index(styled) + 1,
                        index(start.level) + 1
                    ),
                    format!(
                        "{} is styled as a level {} heading but numbered as level {}; the number decides.",
                        start.number,
                        index(styled) + 1,
                        index(start.level) + 1
                    ),
                );
            }
        }
        count(counters, start.level, Some(start.value));
        return Some(start);
    }
    let Hint::Heading(level) = block.hint else {
        return None;
    };
    let value = count(counters, level, None);
    rec.normalized(NormalizationKind::GeneratedHeadingNumber, block.line, 1);
    Some(HeadingStart {
        level,
        value,
        number: headings::write_number(level, value),
        normalized: true,
        rest: block.text.clone(),
    })
}

/// Advances the counter of `level` (to `value` when the text gives it) and resets deeper levels.
fn count(counters: &mut [u32; 4], level: HeadingLevel, value: Option<u32>) -> u32 {
    let i = index(level);
    counters[i] = value.unwrap_or(counters[i].saturating_add(1));
    for deeper in &mut counters[i + 1..] {
        *deeper = 0;
    }
    counters[i]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DocumentKind;

    #[test]
    fn preamble_sections_and_run_in_text() {
        let body = [
            "为贯彻落实……，制定本意见。",
            "一、总体要求",
            "(一)重要意义。公开透明。",
            "1.加强领导",
            "（1）明确责任。落实到人。",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Block::new(*t, i + 1, true, Hint::Plain))
        .collect();
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let outline = build(body, &mut rec);
        assert_eq!(outline.preamble, ["为贯彻落实……，制定本意见。"]);
        let got: Vec<(HeadingLevel, &str, &str, usize)> = outline
            .sections
            .iter()
            .map(|s| {
                (
                    s.level,
                    s.number.as_str(),
                    s.heading.as_str(),
                    s.paragraphs.len(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (HeadingLevel::L1, "一、", "总体要求", 0),
                (HeadingLevel::L2, "（一）", "重要意义。", 1),
                (HeadingLevel::L3, "1.", "加强领导", 0),
                (HeadingLevel::L4, "（1）", "明确责任。", 1),
            ]
        );
        let report = rec.finish();
        assert_eq!(
            report.normalizations[0].kind,
            NormalizationKind::HeadingNumber
        );
    }

    #[test]
    fn styled_headings_without_numbers_get_generated_numbers() {
        let body = vec![
            Block::new("总体要求", 1, false, Hint::Heading(HeadingLevel::L1)),
            Block::new("重要意义", 2, false, Hint::Heading(HeadingLevel::L2)),
            Block::new("二、主要任务", 3, false, Hint::Heading(HeadingLevel::L1)),
            Block::new("推进公开", 4, false, Hint::Heading(HeadingLevel::L2)),
            Block::new("三、保障措施", 5, false, Hint::Heading(HeadingLevel::L1)),
        ];
        let mut rec = Recorder::new(DocumentKind::Docx, "UTF-8");
        let numbers: Vec<String> = build(body, &mut rec)
            .sections
            .into_iter()
            .map(|s| s.number)
            .collect();
        assert_eq!(numbers, ["一、", "（一）", "二、", "（一）", "三、"]);
    }
}
