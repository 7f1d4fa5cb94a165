//! Attachments (附件): the list after the body (`附件：1. xxx` / `2. yyy`) and the attachment
//! texts at the end (`附件1` on a line of its own, then the attachment's title and text).

use crate::block::{Block, Hint};
use crate::cjk::{ends_sentence, is_space};
use crate::headings::{self, starts_heading};
use crate::outline::Outline;
use crate::recorder::Recorder;
use crate::report::Field;
use jiedu_core::{Attachment, HeadingLevel};

/// How many blocks from the end the attachment list may start.
const LIST_WINDOW: usize = 30;
/// The longest attachment title accepted on the line after `附件1`.
const MAX_TITLE_CHARS: usize = 60;

/// One attachment text at the end of the document, before its paragraphs are joined.
#[derive(Debug)]
pub(crate) struct Section {
    /// The number in its `附件N` line (1 for a bare `附件`).
    pub number: usize,
    /// Its title.
    pub title: String,
    /// Its paragraphs.
    pub blocks: Vec<Block>,
}

/// The number in an `附件`, `附件1`, `附件 2`, `附件三` or `附件：` line, if `text` is one.
fn marker_number(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("附件")?;
    if rest.is_empty() {
        return Some(1);
    }
    let rest: String = rest.chars().filter(|c| !is_space(*c)).collect();
    let rest = rest.trim_end_matches(['：', ':']);
    if rest.is_empty() {
        return None;
    }
    if let Some(v) = crate::numerals::value(rest) {
        return usize::try_from(v).ok();
    }
    let digits: String = rest
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            _ => c,
        })
        .collect();
    (digits.len() <= 2).then(|| digits.parse().ok()).flatten()
}

/// Splits the attachment texts off the end of `body`.
pub(crate) fn split_sections(
    mut body: Vec<Block>,
    rec: &mut Recorder,
) -> (Vec<Block>, Vec<Section>) {
    let Some(start) = body
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, b)| b.hint != Hint::TableRow && marker_number(&b.text).is_some())
        .map(|(i, _)| i)
    else {
        return (body, Vec::new());
    };
    let tail = body.split_off(start);
    let mut sections: Vec<Section> = Vec::new();
    let mut expect_title = false;
    for block in tail {
        let marker = (block.hint != Hint::TableRow)
            .then(|| marker_number(&block.text))
            .flatten();
        if let Some(number) = marker {
            rec.detected(Field::Attachment, block.line, &block.raw, &block.text);
            sections.push(Section {
                number,
                title: String::new(),
                blocks: Vec::new(),
            });
            expect_title = true;
            continue;
        }
        let Some(section) = sections.last_mut() else {
            continue;
        };
        if expect_title && is_title(&block) {
            rec.detected(Field::Attachment, block.line, &block.raw, &block.text);
            section.title = block.text;
        } else {
            section.blocks.push(block);
        }
        expect_title = false;
    }
    (body, sections)
}

fn is_title(block: &Block) -> bool {
    block.hint != Hint::TableRow
        && block.text.chars().count() <= MAX_TITLE_CHARS
        && !ends_sentence(&block.text)
        && !starts_heading(&block.text)
}

/// Takes the attachment list (`附件：1. xxx`, then `2. yyy` …) off the end of `body`.
pub(crate) fn take_list(mut body: Vec<Block>, rec: &mut Recorder) -> (Vec<Block>, Vec<String>) {
    // A mangled date (`201372`) after the list stays text, after it.
    let end = body.len()
        - body
            .iter()
            .rev()
            .take(2)
            .take_while(|b| b.text.chars().all(|c| c.is_ascii_digit()))
            .count();
    let after = body.split_off(end);
    let from = body.len().saturating_sub(LIST_WINDOW);
    let Some(start) = (from..body.len())
        .rev()
        .find(|i| list_head(&body[*i]).is_some())
    else {
        body.extend(after);
        return (body, Vec::new());
    };
    let items = &body[start + 1..];
    let items_ok = items.iter().all(|b| numbered_item(&b.text).is_some());
    let head_has_title = list_head(&body[start]).is_some_and(|t| !t.is_empty());
    if !items_ok || (items.is_empty() && !head_has_title) {
        body.extend(after);
        return (body, Vec::new());
    }
    let mut titles = Vec::new();
    for block in body.split_off(start) {
        let title = list_head(&block)
            .or_else(|| numbered_item(&block.text))
            .unwrap_or_default();
        let title = match editorial_note(&title) {
            Some(cut) => {
                rec.removed(
                    block.line,
                    &title[cut..],
                    crate::report::RemovalReason::SiteFurniture,
                );
                title[..cut].to_string()
            }
            None => title,
        };
        rec.detected(Field::Attachment, block.line, &block.raw, &title);
        if !title.is_empty() {
            titles.push(title);
        }
    }
    body.extend(after);
    (body, titles)
}

/// `附件：1. xxx` or `附件：xxx` → `xxx`; a bare `附件：` → an empty title.
fn list_head(block: &Block) -> Option<String> {
    if block.hint == Hint::TableRow {
        return None;
    }
    let rest = ["附件：", "附件:", "附表：", "附表:"]
        .iter()
        .find_map(|p| block.text.strip_prefix(p))?
        .trim_matches(is_space);
    Some(numbered_item(rest).unwrap_or_else(|| rest.to_string()))
}

/// An editor's note after an attachment's name on a portal: `（略）`, `（详情请在中国政府网查看）`.
fn editorial_note(title: &str) -> Option<usize> {
    let notes = ["（略）", "(略)"];
    let mut cut = None;
    let mut rest = title;
    loop {
        if let Some(r) = notes.iter().find_map(|n| rest.strip_suffix(n)) {
            rest = r;
            cut = Some(rest.len());
            continue;
        }
        let inner = rest
            .strip_suffix('）')
            .and_then(|r| r.rfind('（').map(|i| (i, &r[i..])));
        match inner {
            Some((i, note)) if note.contains("详情") || note.contains("详见") => {
                rest = &rest[..i];
                cut = Some(i);
            }
            _ => return cut,
        }
    }
}

/// `1. xxx`, `1．xxx`, `1、xxx` → `xxx`.
fn numbered_item(text: &str) -> Option<String> {
    if let Some(h) = headings::parse(text).filter(|h| h.level == HeadingLevel::L3) {
        return Some(h.rest);
    }
    let n = text.chars().take_while(char::is_ascii_digit).count();
    let rest = text.get(n..)?.strip_prefix('、')?;
    (n > 0).then(|| rest.trim_matches(is_space).to_string())
}

/// Builds the attachments from the list and the texts: text `N` fills list entry `N`.
pub(crate) fn assemble(list: Vec<String>, sections: Vec<(Section, Outline)>) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = list
        .into_iter()
        .map(|title| Attachment {
            title,
            paragraphs: Vec::new(),
            sections: Vec::new(),
            file_name: None,
        })
        .collect();
    for (section, outline) in sections {
        let paragraphs = outline.preamble;
        let slot = section.number.checked_sub(1).filter(|i| {
            out.get(*i)
                .is_some_and(|a| a.paragraphs.is_empty() && a.sections.is_empty())
        });
        match slot {
            Some(i) => {
                if out[i].title.is_empty() {
                    out[i].title = section.title;
                } else if !section.title.is_empty() && section.title != out[i].title {
                    out[i].paragraphs.push(section.title);
                }
                out[i].paragraphs.extend(paragraphs);
                out[i].sections.extend(outline.sections);
            }
            None => out.push(Attachment {
                title: section.title,
                paragraphs,
                sections: outline.sections,
                file_name: None,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DocumentKind;

    fn blocks(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| Block::new(*l, i + 1, true, Hint::Plain))
            .collect()
    }

    #[test]
    fn markers() {
        assert_eq!(marker_number("附件"), Some(1));
        assert_eq!(marker_number("附件2"), Some(2));
        assert_eq!(marker_number("附件 3："), Some(3));
        assert_eq!(marker_number("附件三"), Some(3));
        assert_eq!(marker_number("附件：1.目录"), None);
        assert_eq!(marker_number("附件："), None);
        assert_eq!(marker_number("附件说明"), None);
    }

    #[test]
    fn list_and_texts_are_matched_by_number() {
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let (body, list) = take_list(
            blocks(&["正文。", "附件：1. 事项目录", "2. 办事指南"]),
            &mut rec,
        );
        assert_eq!(body.len(), 1);
        assert_eq!(list, ["事项目录", "办事指南"]);
        let (body, sections) = split_sections(
            blocks(&["正文。", "附件2", "办事指南", "第一段。", "第二段。"]),
            &mut rec,
        );
        assert_eq!(body.len(), 1);
        let sections = sections
            .into_iter()
            .map(|s| {
                let preamble = s.blocks.iter().map(|b| b.text.clone()).collect();
                (
                    s,
                    Outline {
                        preamble,
                        sections: Vec::new(),
                    },
                )
            })
            .collect();
        let all = assemble(list, sections);
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].title, "办事指南");
        assert_eq!(all[1].paragraphs, ["第一段。", "第二段。"]);
        assert!(all[0].paragraphs.is_empty());
    }

    #[test]
    fn a_bare_list_head_with_items_on_the_next_lines() {
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let (body, list) = take_list(blocks(&["正文。", "附件：", "1.目录", "2、指南"]), &mut rec);
        assert_eq!(body.len(), 1);
        assert_eq!(list, ["目录", "指南"]);
    }

    #[test]
    fn a_list_head_followed_by_text_is_not_a_list() {
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let (body, list) = take_list(blocks(&["附件：目录", "这是正文。"]), &mut rec);
        assert_eq!(body.len(), 2);
        assert!(list.is_empty());
    }
}
