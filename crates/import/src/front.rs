//! The front matter: the red-header issuing authority (`国土资源部文件`), the 发文字号, and the
//! title, which a web page may repeat up to three times (the copies are removed and reported).

use crate::block::{Block, Hint};
use crate::cjk::{ends_sentence, is_han};
use crate::dates;
use crate::docnumber::{self, FoundNumber};
use crate::headings::starts_heading;
use crate::recorder::Recorder;
use crate::report::{Field, RemovalReason};

/// How many blocks from the top the front matter may span.
const MAX_FRONT_BLOCKS: usize = 12;
/// The longest title accepted.
const MAX_TITLE_CHARS: usize = 80;
/// How many copies of the title count as one title.
const MAX_TITLE_COPIES: usize = 3;
/// The words a policy title ends with; a title broken over two lines ends with one of them.
const DOCUMENT_TYPES: &[&str] = &[
    "通知", "意见", "办法", "规定", "决定", "方案", "细则", "规划", "纲要", "报告", "批复", "函",
    "公告", "通告", "条例", "规则", "制度", "决议", "指引", "要点", "计划", "标准", "公报",
];

/// What the front matter holds.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Front {
    /// The title, if one was found.
    pub title: Option<String>,
    /// The 发文字号 and its line.
    pub doc_number: Option<(FoundNumber, usize)>,
    /// The authority named by a red header `XX文件`.
    pub header_authority: Option<String>,
}

/// Takes the front matter off `blocks`, returning it and the remaining blocks.
pub(crate) fn take(blocks: Vec<Block>, rec: &mut Recorder) -> (Front, Vec<Block>) {
    let mut front = Front::default();
    let mut copies = 0;
    // A paragraph styled as the title wins over any plain line before it; those lines stay
    // text, before the preamble.
    let styled_title = blocks
        .iter()
        .take(MAX_FRONT_BLOCKS)
        .position(|b| b.hint == Hint::Title);
    let mut iter = blocks.into_iter().enumerate().peekable();
    let mut rest = Vec::new();
    while let Some((i, block)) = iter.next() {
        if i >= MAX_FRONT_BLOCKS {
            rest.push(block);
            break;
        }
        if front.doc_number.is_none() && block.hint != Hint::TableRow {
            if let Some(found) = docnumber::parse_line(&block.text) {
                rec.detected(Field::DocNumber, block.line, &block.raw, &found.text);
                front.doc_number = Some((found, block.line));
                continue;
            }
        }
        match &front.title {
            None if front.header_authority.is_none() && red_header(&block).is_some() => {
                let authority = red_header(&block).unwrap_or_default();
                rec.detected(Field::IssuingAuthority, block.line, &block.raw, &authority);
                front.header_authority = Some(authority);
            }
            None if styled_title.is_some_and(|t| i < t) => rest.push(block),
            None if is_title_candidate(&block) => {
                let mut title = block.text.clone();
                let mut raw = block.raw.clone();
                if let Some((_, next)) = iter.peek() {
                    if continues_title(&title, next) {
                        title.push_str(&next.text);
                        raw = format!("{raw}\n{}", next.raw);
                        iter.next();
                    }
                }
                rec.detected(Field::Title, block.line, &raw, &title);
                front.title = Some(title);
                copies = 1;
            }
            Some(title) if copies < MAX_TITLE_COPIES && block.text == *title => {
                rec.removed(block.line, &block.raw, RemovalReason::RepeatedTitle);
                copies += 1;
            }
            _ => {
                rest.push(block);
                break;
            }
        }
    }
    rest.extend(iter.map(|(_, b)| b));
    (front, rest)
}

/// `国土资源部文件` → `国土资源部`.
fn red_header(block: &Block) -> Option<String> {
    let name = block.text.strip_suffix("文件")?;
    let n = name.chars().count();
    ((2..=30).contains(&n) && name.chars().all(is_han) && block.hint == Hint::Plain)
        .then(|| name.to_string())
}

/// A line that can be a title: styled so, or short, not a heading, not a sentence, not a date,
/// with no clause punctuation and balanced brackets (a hard-wrapped first line is not a title).
/// A paragraph styled as a heading, without a heading number, where the title belongs is the
/// title when it ends with a document type (`…的通知`): Word users often style it `标题 1`.
fn is_title_candidate(block: &Block) -> bool {
    match block.hint {
        Hint::Title => true,
        Hint::TableRow => false,
        Hint::Heading(_) => {
            !starts_heading(&block.text)
                && block.text.chars().count() <= MAX_TITLE_CHARS
                && DOCUMENT_TYPES.iter().any(|t| block.text.ends_with(t))
        }
        Hint::Plain => {
            let t = &block.text;
            t.chars().count() <= MAX_TITLE_CHARS
                && t.chars().any(is_han)
                && !starts_heading(t)
                && !ends_sentence(t)
                && !t.contains(['，', '。', '；', '！', '？', ','])
                && dates::parse_line(t).is_none()
                && balanced(t)
        }
    }
}

/// Whether `next` is the second line of a title broken in two: the title does not yet end with
/// a document type and the two together do.
fn continues_title(title: &str, next: &Block) -> bool {
    let ends_with_type = |s: &str| DOCUMENT_TYPES.iter().any(|t| s.ends_with(t));
    next.hint != Hint::TableRow
        && !ends_with_type(title)
        && next.hint == Hint::Plain
        && is_title_candidate(next)
        && next.text.chars().count() <= 40
        && ends_with_type(&next.text)
        && docnumber::parse_line(&next.text).is_none()
}

fn balanced(t: &str) -> bool {
    let count = |c: char| t.chars().filter(|x| *x == c).count();
    count('《') == count('》') && count('“') == count('”') && count('（') == count('）')
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
    fn title_repeated_three_times_counts_once() {
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let (front, rest) = take(
            blocks(&["关于X的意见", "关于X的意见", "关于X的意见", "正文。"]),
            &mut rec,
        );
        assert_eq!(front.title.as_deref(), Some("关于X的意见"));
        assert_eq!(rest.len(), 1);
        assert_eq!(rec.finish().removals.len(), 2);
    }

    #[test]
    fn a_fourth_copy_is_kept_as_text() {
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let (_, rest) = take(blocks(&["标题", "标题", "标题", "标题"]), &mut rec);
        assert_eq!(rest.len(), 1);
    }

    #[test]
    fn red_header_number_and_two_line_title() {
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let (front, rest) = take(
            blocks(&[
                "国土资源部文件",
                "国土资发[2016]141号",
                "国土资源部关于印发国土资源信息化",
                "“十三五”规划的通知",
                "各省、自治区：",
            ]),
            &mut rec,
        );
        assert_eq!(front.header_authority.as_deref(), Some("国土资源部"));
        assert_eq!(
            front.doc_number.map(|(d, _)| d.text),
            Some("国土资发〔2016〕141号".to_string())
        );
        assert_eq!(
            front.title.as_deref(),
            Some("国土资源部关于印发国土资源信息化“十三五”规划的通知")
        );
        assert_eq!(rest.len(), 1);
    }

    #[test]
    fn a_styled_title_wins_and_a_heading_styled_title_is_recognised() {
        let mut rec = Recorder::new(DocumentKind::Docx, "UTF-8");
        let mut input = blocks(&["签发人：张伟", "关于X的通知", "正文。"]);
        input[1].hint = Hint::Title;
        let (front, rest) = take(input, &mut rec);
        assert_eq!(front.title.as_deref(), Some("关于X的通知"));
        assert_eq!(rest.len(), 2);
        let mut input = blocks(&["关于X的通知", "正文。"]);
        input[0].hint = Hint::Heading(jiedu_core::HeadingLevel::L1);
        let (front, _) = take(input, &mut rec);
        assert_eq!(front.title.as_deref(), Some("关于X的通知"));
    }

    #[test]
    fn text_that_starts_with_a_sentence_has_no_title() {
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let (front, rest) = take(
            blocks(&[
                "为贯彻落实《关于全面推进政务公开工作的",
                "意见》，制定本意见。",
            ]),
            &mut rec,
        );
        assert_eq!(front.title, None);
        assert_eq!(rest.len(), 2);
    }
}
