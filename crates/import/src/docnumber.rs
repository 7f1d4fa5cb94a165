//! 发文字号 on a line of its own, with the year's brackets made 〔〕 and the result checked by
//! [`jiedu_core::DocNumber::parse`].

use crate::cjk::{is_han, is_space};
use jiedu_core::{DocNumber, DocNumberError};

/// Brackets seen around the year, each with its closing partner.
const BRACKETS: [(char, char); 6] = [
    ('〔', '〕'),
    ('[', ']'),
    ('［', '］'),
    ('(', ')'),
    ('（', '）'),
    ('【', '】'),
];

/// A document number read from a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundNumber {
    /// The number with 〔〕 around the year, otherwise as written.
    pub text: String,
    /// Whether the brackets were changed.
    pub brackets_changed: bool,
    /// What [`DocNumber::parse`] says about the result.
    pub check: Result<DocNumber, DocNumberError>,
}

/// `發(fā)` → `發`: drops bracketed Latin (pinyin) annotations.
fn without_pinyin(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(['(', '（']) {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let open_len = after.chars().next().map_or(1, char::len_utf8);
        let inner_end = after.find([')', '）']);
        match inner_end {
            Some(j)
                if after[open_len..j]
                    .chars()
                    .all(|c| c.is_alphabetic() && !is_han(c)) =>
            {
                rest = &after[j + after[j..].chars().next().map_or(1, char::len_utf8)..];
            }
            _ => return format!("{out}{after}"),
        }
    }
    out.push_str(rest);
    out
}

/// `广西壮族自治区人民政府令 第116号`: the number of a 令, kept as written.
pub(crate) fn parse_order_line(text: &str) -> Option<String> {
    let t = text.trim_matches(is_space);
    let (authority, number) = t.split_once("令")?;
    let compact: String = number.chars().filter(|c| !is_space(*c)).collect();
    let serial = compact.strip_prefix('第')?.strip_suffix('号')?;
    let ok = (2..=30).contains(&authority.chars().count())
        && authority.chars().all(is_han)
        && !serial.is_empty()
        && serial.chars().all(|c| c.is_ascii_digit());
    ok.then(|| t.to_string())
}

/// Reads a line that holds nothing but a 发文字号 (`国土资发〔2016〕141号`, `国土资发[2016]141号`).
pub(crate) fn parse_line(text: &str) -> Option<FoundNumber> {
    let compact: String = text.chars().filter(|c| !is_space(*c)).collect();
    // `文號內政辦發〔2012〕40號`: a metadata label without its colon.
    let compact = ["发文字号", "發文字號", "文号", "文號"]
        .iter()
        .find_map(|l| compact.strip_prefix(l))
        .map_or(compact.clone(), |r| {
            r.trim_start_matches(['：', ':']).to_string()
        });
    let open_at = compact.find(|c| BRACKETS.iter().any(|(o, _)| *o == c))?;
    let agency = &compact[..open_at];
    // Some mirrors annotate characters with pinyin: `滬府發(fā)〔2017〕92號`.
    let bare = without_pinyin(agency);
    let agency_len = bare.chars().count();
    if agency_len == 0 || agency_len > 14 || !bare.chars().all(is_han) {
        return None;
    }
    let mut rest = compact[open_at..].chars();
    let open = rest.next()?;
    let close = BRACKETS.iter().find(|(o, _)| *o == open).map(|(_, c)| *c)?;
    let rest = rest.as_str();
    let close_at = rest.find(close)?;
    let year = &rest[..close_at];
    if !(2..=4).contains(&year.len()) || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let tail = &rest[close_at + close.len_utf8()..];
    // Traditional 號 is kept as written.
    let serial = tail
        .strip_suffix('号')
        .or_else(|| tail.strip_suffix('號'))?;
    let serial = serial.strip_prefix('第').unwrap_or(serial);
    if serial.is_empty() || serial.len() > 6 || !serial.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let text = format!("{agency}〔{year}〕{tail}");
    Some(FoundNumber {
        check: DocNumber::parse(&text),
        brackets_changed: open != '〔',
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_and_wrong_brackets() {
        for line in [
            "国土资发〔2016〕141号",
            "国土资发[2016]141号",
            "国土资发［2016］141号",
            "国土资发(2016)141号",
            "国土资发（2016）141号",
            "国土资发【2016】141号",
            " 国土资发 〔2016〕 141号 ",
        ] {
            let found = parse_line(line).expect(line);
            assert_eq!(found.text, "国土资发〔2016〕141号", "{line}");
            assert!(found.check.is_ok(), "{line}");
        }
        assert!(parse_line("国土资发[2016]141号").is_some_and(|f| f.brackets_changed));
        assert!(parse_line("国土资发〔2016〕141号").is_some_and(|f| !f.brackets_changed));
    }

    #[test]
    fn malformed_numbers_are_found_and_flagged() {
        let found = parse_line("国土资发〔2016〕第08号").expect("found");
        assert_eq!(found.text, "国土资发〔2016〕第08号");
        assert_eq!(found.check, Err(DocNumberError::Serial));
        let short_year = parse_line("国土资发〔16〕8号").expect("found");
        assert_eq!(short_year.check, Err(DocNumberError::Year));
    }

    #[test]
    fn sentences_that_cite_numbers_are_not_numbers() {
        for line in [
            "（中办发〔2016〕8号）",
            "按照国土资发〔2016〕141号文件要求",
            "国土资发〔2016〕141号和国土资发〔2016〕72号",
            "2016年12月30日",
        ] {
            assert_eq!(parse_line(line), None, "{line}");
        }
    }
}
