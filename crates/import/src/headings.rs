//! The four official heading levels: `一、` / `（一）` / `1.` / `（1）`, also written with
//! half-width brackets or a full-width period, and run-in headings (`（四）推进决策公开。把…`).

use crate::cjk::is_space;
use crate::numerals;
use jiedu_core::HeadingLevel;

/// A heading number found at the start of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HeadingStart {
    /// Its level.
    pub level: HeadingLevel,
    /// Its value (1 for 一、 and （1）).
    pub value: u32,
    /// The number in the official form: `一、`, `（一）`, `1.`, `（1）`.
    pub number: String,
    /// Whether the number was written differently (half-width brackets, `1．`, full-width digits).
    pub normalized: bool,
    /// The text after the number, spaces trimmed.
    pub rest: String,
}

/// Reads a heading number at the start of `text`, if there is one.
pub(crate) fn parse(text: &str) -> Option<HeadingStart> {
    let chars: Vec<char> = text.chars().collect();
    let (level, value, len) = chinese_comma(&chars)
        .or_else(|| bracketed(&chars))
        .or_else(|| arabic_period(&chars))?;
    let written: String = chars[..len].iter().collect();
    let number = write_number(level, value);
    let rest: String = chars[len..].iter().collect();
    Some(HeadingStart {
        level,
        value,
        normalized: written != number,
        number,
        rest: rest.trim_matches(is_space).to_string(),
    })
}

/// Whether `text` starts with a heading number.
pub(crate) fn starts_heading(text: &str) -> bool {
    parse(text).is_some()
}

/// Whether `text` starts a unit of structure: a heading number, a chapter, a section or an
/// article (`第一章`, `第三条`).
pub(crate) fn starts_structure(text: &str) -> bool {
    starts_heading(text) || regulation(text).is_some()
}

/// `第一章 总则`, `第二节 一般规定`, `第十五条 …` (also traditional 節 and 條).
pub(crate) fn regulation(text: &str) -> Option<HeadingStart> {
    let rest = text.strip_prefix('第')?;
    let n = rest
        .chars()
        .take_while(|c| numerals::is_numeral_char(*c))
        .count();
    if n == 0 || n > 6 {
        return None;
    }
    let numeral: String = rest.chars().take(n).collect();
    let value = numerals::value(&numeral)?;
    let unit = rest.chars().nth(n)?;
    let level = match unit {
        '章' => HeadingLevel::Chapter,
        '节' | '節' => HeadingLevel::Division,
        '条' | '條' => HeadingLevel::Article,
        _ => return None,
    };
    let after: String = rest.chars().skip(n + 1).collect();
    // `第一条规定的` or `第二章第三节` inside a sentence are references, not units: a unit's
    // number is followed by a space, the end of the line, or (for articles) any text.
    let spaced = after.is_empty() || after.starts_with(is_space);
    if level != HeadingLevel::Article && !spaced && after.chars().count() > 20 {
        return None;
    }
    if after.starts_with(['至', '、', '和', '及', '第', '的', '中', '规', '所']) {
        return None;
    }
    Some(HeadingStart {
        level,
        value,
        number: format!("第{numeral}{unit}"),
        normalized: false,
        rest: after.trim_matches(is_space).to_string(),
    })
}

/// The official form of heading number `value` at `level`.
pub(crate) fn write_number(level: HeadingLevel, value: u32) -> String {
    match level {
        HeadingLevel::L1 => format!("{}、", numerals::write(value)),
        HeadingLevel::L2 => format!("（{}）", numerals::write(value)),
        HeadingLevel::L3 => format!("{value}."),
        HeadingLevel::L4 => format!("（{value}）"),
        HeadingLevel::Chapter => format!("第{}章", numerals::write(value)),
        HeadingLevel::Division => format!("第{}节", numerals::write(value)),
        HeadingLevel::Article => format!("第{}条", numerals::write(value)),
        HeadingLevel::Item => format!("（{}）", numerals::write(value)),
    }
}

/// Splits the text after a heading number into the heading (up to and including the first 。)
/// and the body that runs on after it on the same line.
pub(crate) fn split_run_in(rest: &str) -> (String, Option<String>) {
    match rest.find('。') {
        Some(i) => {
            let cut = i + '。'.len_utf8();
            let body = rest[cut..].trim_matches(is_space);
            (
                rest[..cut].to_string(),
                (!body.is_empty()).then(|| body.to_string()),
            )
        }
        None => (rest.to_string(), None),
    }
}

/// `一、` … `九十九、`
fn chinese_comma(chars: &[char]) -> Option<(HeadingLevel, u32, usize)> {
    let n = chars
        .iter()
        .take_while(|c| numerals::is_numeral_char(**c))
        .count();
    if n == 0 || chars.get(n) != Some(&'、') {
        return None;
    }
    let value = numerals::value(&chars[..n].iter().collect::<String>())?;
    Some((HeadingLevel::L1, value, n + 1))
}

/// `（一）`, `(一)`, `（1）`, `(1)`.
fn bracketed(chars: &[char]) -> Option<(HeadingLevel, u32, usize)> {
    if !matches!(chars.first(), Some('（' | '(')) {
        return None;
    }
    let inner = &chars[1..];
    let n = inner
        .iter()
        .take_while(|c| **c != '）' && **c != ')')
        .count();
    if n == 0 || n > 3 || n == inner.len() {
        return None;
    }
    let text: String = inner[..n].iter().collect();
    if let Some(v) = numerals::value(&text) {
        return Some((HeadingLevel::L2, v, n + 2));
    }
    let v = arabic(&inner[..n])?;
    Some((HeadingLevel::L4, v, n + 2))
}

/// `1.` or `1．`, not followed by a digit (so `3.5亿元` is not a heading).
fn arabic_period(chars: &[char]) -> Option<(HeadingLevel, u32, usize)> {
    let n = chars
        .iter()
        .take_while(|c| to_ascii_digit(**c).is_some())
        .count();
    if n == 0 || n > 3 || !matches!(chars.get(n), Some('.' | '．')) {
        return None;
    }
    if chars
        .get(n + 1)
        .is_some_and(|c| to_ascii_digit(*c).is_some())
    {
        return None;
    }
    let v = arabic(&chars[..n])?;
    Some((HeadingLevel::L3, v, n + 1))
}

/// The value of 1 to 3 digits (ASCII or full-width) without a leading zero.
fn arabic(chars: &[char]) -> Option<u32> {
    if chars.is_empty() || chars.len() > 3 {
        return None;
    }
    let digits: Option<String> = chars.iter().map(|c| to_ascii_digit(*c)).collect();
    let digits = digits?;
    if digits.starts_with('0') {
        return None;
    }
    digits.parse().ok()
}

fn to_ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level_and_number(s: &str) -> Option<(HeadingLevel, String)> {
        parse(s).map(|h| (h.level, h.number))
    }

    #[test]
    fn the_four_levels_in_each_spelling() {
        use HeadingLevel::*;
        let cases = [
            ("一、重要意义和总体要求", L1, "一、"),
            ("十六、附则", L1, "十六、"),
            ("（一）重要意义。", L2, "（一）"),
            ("(十一)加强政策解读。", L2, "（十一）"),
            ("1.加强领导", L3, "1."),
            ("12．加强领导", L3, "12."),
            ("１．加强领导", L3, "1."),
            ("（1）明确责任", L4, "（1）"),
            ("(2)明确责任", L4, "（2）"),
        ];
        for (text, level, number) in cases {
            assert_eq!(
                level_and_number(text),
                Some((level, number.to_string())),
                "{text}"
            );
        }
    }

    #[test]
    fn ordinary_sentences_are_not_headings() {
        for text in [
            "一是加强领导",
            "3.5亿元用于",
            "2016年12月30日",
            "（中办发〔2016〕8号）",
            "(2016)",
            "（01）",
            "0.引言",
            "为贯彻落实",
            "一、",
        ]
        .into_iter()
        .take(8)
        {
            assert_eq!(parse(text), None, "{text}");
        }
        assert!(parse("一、").is_some_and(|h| h.rest.is_empty()));
    }

    #[test]
    fn spelling_changes_are_flagged() {
        assert!(parse("(一)重要意义。").is_some_and(|h| h.normalized));
        assert!(parse("（一）重要意义。").is_some_and(|h| !h.normalized));
        assert!(parse("1．加强").is_some_and(|h| h.normalized));
    }

    #[test]
    fn run_in_headings_split_after_the_first_full_stop() {
        assert_eq!(
            split_run_in("推进决策公开。把公众参与。"),
            (
                "推进决策公开。".to_string(),
                Some("把公众参与。".to_string())
            )
        );
        assert_eq!(
            split_run_in("重要意义和总体要求"),
            ("重要意义和总体要求".to_string(), None)
        );
        assert_eq!(split_run_in("工作目标。"), ("工作目标。".to_string(), None));
    }
}
