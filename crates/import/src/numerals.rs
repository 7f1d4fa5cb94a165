//! Chinese numerals as used in heading numbers and dates: 一 … 九十九, and year digits 二〇一六.

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The value of one Chinese digit; 〇, ○, 零 and a letter O typed by mistake count as zero.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '〇' | '○' | '零' | 'O' | 'o' | 'Ｏ' | '0' | '０' => Some(0),
        _ => DIGITS
            .iter()
            .position(|d| *d == c)
            .and_then(|p| u32::try_from(p).ok()),
    }
}

/// The value of a Chinese numeral from 一 to 九十九 (十, 十一, 二十, 二十一 …), or `None`.
pub(crate) fn value(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    let nonzero = |c: char| digit_value(c).filter(|v| *v > 0 && c != '0' && c != '０');
    match chars.as_slice() {
        [d] if *d != '十' => nonzero(*d).filter(|_| DIGITS.contains(d)),
        ['十'] => Some(10),
        ['十', d] => nonzero(*d).map(|v| 10 + v),
        [t, '十'] => nonzero(*t).filter(|v| *v > 1).map(|v| v * 10),
        [t, '十', d] => Some(nonzero(*t).filter(|v| *v > 1)? * 10 + nonzero(*d)?),
        _ => None,
    }
}

/// Writes 1 … 99 as a Chinese numeral; other values as Arabic digits.
pub(crate) fn write(n: u32) -> String {
    let digit = |v: u32| DIGITS[(v % 10) as usize];
    match n {
        1..=9 => digit(n).to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", digit(n % 10)),
        20..=99 if n.is_multiple_of(10) => format!("{}十", digit(n / 10)),
        20..=99 => format!("{}十{}", digit(n / 10), digit(n % 10)),
        _ => n.to_string(),
    }
}

/// Whether `c` can be part of a Chinese numeral from 一 to 九十九.
pub(crate) fn is_numeral_char(c: char) -> bool {
    c == '十' || DIGITS[1..].contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_from_one_to_ninety_nine() {
        for n in 1..100 {
            assert_eq!(value(&write(n)), Some(n), "{n}");
        }
        assert_eq!(value("十六"), Some(16));
        assert_eq!(value("三十一"), Some(31));
    }

    #[test]
    fn rejects_malformed_numerals() {
        for s in ["", "〇", "一十", "十十", "二二", "一百", "三十一一", "a"] {
            assert_eq!(value(s), None, "{s}");
        }
    }

    #[test]
    fn year_digits_accept_the_usual_zero_variants() {
        assert_eq!(digit_value('〇'), Some(0));
        assert_eq!(digit_value('○'), Some(0));
        assert_eq!(digit_value('九'), Some(9));
        assert_eq!(digit_value('十'), None);
    }
}
