//! 成文日期 on a line of its own: 二〇一六年十二月三十日 or 2016年12月30日.

use crate::cjk::is_space;
use crate::numerals;
use chrono::NaiveDate;

/// What a line says about a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateLine {
    /// The line is a real date.
    Date(NaiveDate),
    /// The line is written as a date but no such day exists (2016年2月30日).
    NoSuchDay,
    /// A date whose year is blanked out (`20xx年11月30日`), as copies of templates have, or
    /// whose 年月日 were lost (`201372`).
    Placeholder,
}

/// The date a line holds, if it is a real one (not impossible, not blanked out).
pub(crate) fn date_of(text: &str) -> Option<NaiveDate> {
    match parse_line(text) {
        Some(DateLine::Date(d)) => Some(d),
        _ => None,
    }
}

/// Reads a line that holds nothing but a date, in Chinese or Arabic numerals.
pub(crate) fn parse_line(text: &str) -> Option<DateLine> {
    // `二〇一二年三月二十二日???`: characters a copy could not decode after the date.
    let compact: String = text
        .chars()
        .filter(|c| !is_space(*c))
        .collect::<String>()
        .trim_end_matches(['?', '？', '\u{FFFD}'])
        .to_string();
    // `201372`: a date whose 年月日 were lost in copying; where it stands, it is the date line.
    if (5..=8).contains(&compact.len())
        && compact.bytes().all(|b| b.is_ascii_digit())
        && (compact.starts_with("19") || compact.starts_with("20"))
    {
        return Some(DateLine::Placeholder);
    }
    let (year, rest) = compact.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let blanked = |s: &str| s.chars().any(|c| matches!(c, 'x' | 'X' | '×'));
    if year.chars().count() == 4
        && blanked(year)
        && year
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, 'x' | 'X' | '×'))
    {
        return Some(DateLine::Placeholder);
    }
    let (y, m, d) = arabic_date(year, month, day).or_else(|| chinese_date(year, month, day))?;
    Some(match NaiveDate::from_ymd_opt(y, m, d) {
        Some(date) => DateLine::Date(date),
        None => DateLine::NoSuchDay,
    })
}

fn arabic_date(year: &str, month: &str, day: &str) -> Option<(i32, u32, u32)> {
    let num = |s: &str, max_len: usize| -> Option<u32> {
        let digits: Option<String> = s
            .chars()
            .map(|c| match c {
                '0'..='9' => Some(c),
                '０'..='９' => char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')),
                _ => None,
            })
            .collect();
        let digits = digits?;
        if digits.is_empty() || digits.len() > max_len {
            return None;
        }
        digits.parse().ok()
    };
    if year.chars().count() != 4 {
        return None;
    }
    let y = i32::try_from(num(year, 4)?).ok()?;
    Some((y, num(month, 2)?, num(day, 2)?))
}

fn chinese_date(year: &str, month: &str, day: &str) -> Option<(i32, u32, u32)> {
    if year.chars().count() != 4 {
        return None;
    }
    let mut y: u32 = 0;
    for c in year.chars() {
        y = y * 10 + numerals::digit_value(c)?;
    }
    let y = i32::try_from(y).ok()?;
    Some((y, numerals::value(month)?, numerals::value(day)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> Option<DateLine> {
        NaiveDate::from_ymd_opt(y, m, d).map(DateLine::Date)
    }

    #[test]
    fn both_numeral_systems() {
        assert_eq!(parse_line("二〇一六年十二月三十日"), date(2016, 12, 30));
        assert_eq!(parse_line("二○一六年十二月三十一日"), date(2016, 12, 31));
        assert_eq!(parse_line("2016年12月30日"), date(2016, 12, 30));
        assert_eq!(parse_line("2017年1月5日"), date(2017, 1, 5));
        assert_eq!(parse_line("２０１７年１月５日"), date(2017, 1, 5));
        assert_eq!(parse_line(" 2016 年 12 月 30 日 "), date(2016, 12, 30));
    }

    #[test]
    fn impossible_days_are_told_apart_from_non_dates() {
        assert_eq!(parse_line("2016年2月30日"), Some(DateLine::NoSuchDay));
        assert_eq!(
            parse_line("二〇一六年二月三十日"),
            Some(DateLine::NoSuchDay)
        );
        assert_eq!(parse_line("2017年底前"), None);
        assert_eq!(parse_line("16年12月30日"), None);
        assert_eq!(parse_line("2016年12月30日起施行"), None);
        assert_eq!(parse_line("国土资源部2016年12月30日"), None);
    }
}
