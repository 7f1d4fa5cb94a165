//! The end of the text: issuing authority (发文机关署名), 成文日期, and the disclosure marker
//! `（此件公开发布）`.

use crate::block::{Block, Hint};
use crate::cjk::{is_han, is_space};
use crate::dates::{self, DateLine};
use crate::docnumber;
use crate::headings::starts_heading;
use crate::recorder::Recorder;
use crate::report::{Field, NoteKind};
use chrono::NaiveDate;

/// Closing formulas that end the body and are not an authority.
const CLOSINGS: [&str; 6] = [
    "特此通知",
    "特此公告",
    "特此通告",
    "特此函告",
    "特此批复",
    "此复",
];

/// How many blocks from the end the date may stand.
const DATE_WINDOW: usize = 3;

/// What the end of the text says.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Signature {
    /// The issuing authority on the line before (or after) the date.
    pub authority: Option<String>,
    /// The date of writing.
    pub date: Option<NaiveDate>,
}

/// Takes the signature, date and disclosure marker off the end of `body`.
pub(crate) fn take(mut body: Vec<Block>, rec: &mut Recorder) -> (Signature, Vec<Block>) {
    let mut sig = Signature::default();
    if let Some(last) = body.last() {
        if is_disclosure_marker(&last.text) {
            if let Some(b) = body.pop() {
                rec.detected(Field::DisclosureMarker, b.line, &b.raw, &b.text);
            }
        }
    }
    let start = body.len().saturating_sub(DATE_WINDOW);
    let mut found = None;
    for i in (start..body.len()).rev() {
        if body[i].hint == Hint::TableRow {
            continue;
        }
        match dates::parse_line(&body[i].text) {
            Some(DateLine::Date(d)) => {
                found = Some((i, d));
                break;
            }
            Some(DateLine::NoSuchDay) => rec.note(
                NoteKind::InvalidDate,
                Some(body[i].line),
                format!("“{}”不是有效日期，未作为成文日期。", body[i].text),
                format!(
                    "{} is not a real date; it was not taken as the date of writing.",
                    body[i].text
                ),
            ),
            None => {}
        }
    }
    let Some((i, date)) = found else {
        return (sig, body);
    };
    let date_block = body.remove(i);
    rec.detected(
        Field::WrittenOn,
        date_block.line,
        &date_block.raw,
        &date.format("%Y-%m-%d").to_string(),
    );
    sig.date = Some(date);
    let before = i.checked_sub(1).filter(|j| is_authority(&body[*j]));
    let after = Some(i).filter(|j| body.get(*j).is_some_and(is_authority));
    if let Some(j) = before.or(after) {
        let b = body.remove(j);
        rec.detected(Field::IssuingAuthority, b.line, &b.raw, &b.text);
        sig.authority = Some(b.text);
    }
    (sig, body)
}

/// `（此件公开发布）` and its siblings.
pub(crate) fn is_disclosure_marker(text: &str) -> bool {
    let inner = text
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    matches!(
        inner,
        "此件公开发布" | "此件主动公开" | "此件依申请公开" | "此件不予公开" | "此件不公开"
    )
}

/// A line that can name an issuing authority: short, Han only (with 、 and brackets), not a
/// heading, a date or a document number.
fn is_authority(block: &Block) -> bool {
    let t = &block.text;
    let n = t.chars().count();
    block.hint == Hint::Plain
        && (2..=30).contains(&n)
        && !CLOSINGS.contains(&t.as_str())
        && t.chars()
            .all(|c| is_han(c) || "、（）".contains(c) || is_space(c))
        && !starts_heading(t)
        && dates::parse_line(t).is_none()
        && docnumber::parse_line(t).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DocumentKind;

    fn run(lines: &[&str]) -> (Signature, Vec<String>) {
        let blocks = lines
            .iter()
            .enumerate()
            .map(|(i, l)| Block::new(*l, i + 1, true, Hint::Plain))
            .collect();
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let (sig, rest) = take(blocks, &mut rec);
        (sig, rest.into_iter().map(|b| b.text).collect())
    }

    #[test]
    fn authority_before_the_date_and_the_marker_after_it() {
        let (sig, rest) = run(&[
            "正文。",
            "国土资源部",
            "二〇一六年十二月三十日",
            "（此件公开发布）",
        ]);
        assert_eq!(sig.authority.as_deref(), Some("国土资源部"));
        assert_eq!(sig.date, NaiveDate::from_ymd_opt(2016, 12, 30));
        assert_eq!(rest, ["正文。"]);
    }

    #[test]
    fn authority_after_the_date() {
        let (sig, rest) = run(&["正文。", "2016年12月30日", "北京市人民政府办公厅"]);
        assert_eq!(sig.authority.as_deref(), Some("北京市人民政府办公厅"));
        assert_eq!(sig.date, NaiveDate::from_ymd_opt(2016, 12, 30));
        assert_eq!(rest, ["正文。"]);
    }

    #[test]
    fn no_date_no_authority() {
        let (sig, rest) = run(&["正文。", "国土资源部"]);
        assert_eq!(sig, Signature::default());
        assert_eq!(rest.len(), 2);
    }
}
