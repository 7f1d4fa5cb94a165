//! The end of the text: 发文机关署名 (one per authority), 成文日期, and the 附注 after it
//! (`（此件公开发布）`, a contact line).

use crate::block::{Block, Hint};
use crate::cjk::{is_han, is_space};
use crate::dates::{self, DateLine};
use crate::docnumber;
use crate::headings::starts_structure;
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

/// How many blocks from the end the date may stand (after the 附注 lines).
const DATE_WINDOW: usize = 3;
/// How many authorities a joint signature may name.
const MAX_AUTHORITIES: usize = 8;

/// What the end of the text says.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Signature {
    /// The 署名: the authorities on the lines before (or after) the date, in order.
    pub authorities: Vec<String>,
    /// The date of writing.
    pub date: Option<NaiveDate>,
    /// The 附注 lines, as written.
    pub annotation: Vec<String>,
}

/// Takes the 附注, date and signature off the end of `body`.
pub(crate) fn take(mut body: Vec<Block>, rec: &mut Recorder) -> (Signature, Vec<Block>) {
    let mut sig = Signature::default();
    let mut notes = Vec::new();
    while let Some(last) = body.last() {
        if !is_annotation(&last.text) || notes.len() >= 4 {
            break;
        }
        if let Some(b) = body.pop() {
            notes.push(b);
        }
    }
    notes.reverse();
    for b in &notes {
        let field = if is_disclosure_marker(&b.text) {
            Field::DisclosureMarker
        } else {
            Field::Annotation
        };
        rec.detected(field, b.line, &b.raw, &b.text);
        sig.annotation.push(b.text.clone());
    }
    let start = body.len().saturating_sub(DATE_WINDOW);
    let mut found = None;
    let mut placeholder = None;
    for i in (start..body.len()).rev() {
        if body[i].hint == Hint::TableRow {
            continue;
        }
        // `自治区主席 陈武 2016年12月6日`: a 令 signed by its head, the date last.
        let last_token = body[i]
            .raw
            .split(is_space)
            .rfind(|t| !t.is_empty())
            .unwrap_or("");
        let signed = (last_token.len() < body[i].raw.trim().len())
            .then(|| dates::parse_line(last_token))
            .flatten();
        match dates::parse_line(&body[i].text).or(signed) {
            Some(DateLine::Date(d)) => {
                found = Some((i, d));
                break;
            }
            Some(DateLine::Placeholder) => {
                placeholder = Some(i);
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
    // `20xx年11月30日`: a copy with its date blanked out still ends with its 署名.
    if let (None, Some(i)) = (found, placeholder) {
        let b = body.remove(i);
        rec.detected(Field::WrittenOn, b.line, &b.raw, "");
        let names = body
            .last()
            .filter(|_| i == body.len())
            .and_then(|l| authority_names(l).map(|list| (l.line, l.raw.clone(), list)));
        if let Some((line, raw, list)) = names {
            rec.detected(Field::IssuingAuthority, line, &raw, &list.join(" "));
            sig.authorities = list;
            body.pop();
        }
        return (sig, body);
    }
    let Some((i, date)) = found else {
        return (sig, body);
    };
    // Lines between the date and the end that are not 附注 stay body text, after it.
    let after: Vec<Block> = body.split_off(i + 1);
    let date_block = body.remove(i);
    rec.detected(
        Field::WrittenOn,
        date_block.line,
        &date_block.raw,
        &date.format("%Y-%m-%d").to_string(),
    );
    sig.date = Some(date);
    let mut names: Vec<Block> = Vec::new();
    while let Some(last) = body.last() {
        if names.len() >= MAX_AUTHORITIES || authority_names(last).is_none() {
            break;
        }
        if let Some(b) = body.pop() {
            names.push(b);
        }
    }
    names.reverse();
    let mut after = after;
    if names.is_empty() {
        if let Some(first) = after.first().filter(|b| authority_names(b).is_some()) {
            names.push(first.clone());
            after.remove(0);
        }
    }
    for b in names {
        let list = authority_names(&b).unwrap_or_default();
        rec.detected(Field::IssuingAuthority, b.line, &b.raw, &list.join(" "));
        sig.authorities.extend(list);
    }
    body.extend(after);
    (sig, body)
}

/// A 附注 line: a disclosure marker or a contact line.
pub(crate) fn is_annotation(text: &str) -> bool {
    is_disclosure_marker(text) || is_contact(text)
}

/// `（此件公开发布）` and its siblings (`（此件社会公开）`, a bare `主动公开`).
pub(crate) fn is_disclosure_marker(text: &str) -> bool {
    let inner = text
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    let n = inner.chars().count();
    if inner.starts_with("此件") && (inner.contains("公开") || inner.contains("公開")) && n <= 10
    {
        return true;
    }
    if matches!(inner, "主动公开" | "依申请公开" | "不予公开" | "主動公開") {
        return true;
    }
    matches!(
        inner,
        "此件公开发布"
            | "此件主动公开"
            | "此件依申请公开"
            | "此件不予公开"
            | "此件不公开"
            | "此件公開發布"
            | "此件公開發佈"
            | "此件公开发佈"
            | "此件主動公開"
    )
}

/// `（联系人：张三，联系电话：12345678）`, `联系人：张三`, `联系电话：…`: a 附注 line.
pub(crate) fn is_contact(text: &str) -> bool {
    let inner = text.trim_start_matches(['（', '(']);
    text.chars().count() <= 120
        && [
            "联系人",
            "联系电话",
            "聯繫人",
            "联系方式",
            "咨询电话",
            "领导署名",
            "签发领导",
        ]
        .iter()
        .any(|p| inner.starts_with(p))
}

/// The authorities a signature line names: one name, or several separated by spaces.
fn authority_names(block: &Block) -> Option<Vec<String>> {
    if block.hint != Hint::Plain {
        return None;
    }
    if is_authority(&block.text) {
        let pieces: Vec<String> = block
            .raw
            .split(is_space)
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect();
        let several = pieces.len() > 1
            && pieces
                .iter()
                .all(|p| p.chars().count() >= 2 && is_authority(p))
            && pieces
                .iter()
                .all(|p| crate::front::is_authority_name(p) || p.chars().count() >= 4);
        return Some(if several {
            pieces
        } else {
            vec![block.text.clone()]
        });
    }
    None
}

/// A line that can name an issuing authority: short, Han only (with 、 and brackets), not a
/// heading, a date or a document number.
fn is_authority(t: &str) -> bool {
    let n = t.chars().count();
    (2..=40).contains(&n)
        && !CLOSINGS.contains(&t)
        && t.chars()
            .all(|c| is_han(c) || "、（）".contains(c) || is_space(c))
        && !starts_structure(t)
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
        assert_eq!(sig.authorities, ["国土资源部"]);
        assert_eq!(sig.annotation, ["（此件公开发布）"]);
        assert_eq!(sig.date, NaiveDate::from_ymd_opt(2016, 12, 30));
        assert_eq!(rest, ["正文。"]);
    }

    #[test]
    fn authority_after_the_date() {
        let (sig, rest) = run(&["正文。", "2016年12月30日", "北京市人民政府办公厅"]);
        assert_eq!(sig.authorities, ["北京市人民政府办公厅"]);
        assert_eq!(sig.date, NaiveDate::from_ymd_opt(2016, 12, 30));
        assert_eq!(rest, ["正文。"]);
    }

    #[test]
    fn a_joint_signature_and_a_contact_line() {
        let (sig, rest) = run(&[
            "正文。",
            "国家发展改革委  财政部",
            "交通运输部",
            "2024年1月9日",
            "（联系人：张三，电话：010-12345678）",
        ]);
        assert_eq!(sig.authorities, ["国家发展改革委", "财政部", "交通运输部"]);
        assert_eq!(sig.annotation.len(), 1);
        assert_eq!(rest, ["正文。"]);
    }

    #[test]
    fn no_date_no_authority() {
        let (sig, rest) = run(&["正文。", "国土资源部"]);
        assert_eq!(sig, Signature::default());
        assert_eq!(rest.len(), 2);
    }
}
