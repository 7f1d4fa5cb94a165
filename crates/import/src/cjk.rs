//! Character classes for Chinese text: Han characters, Chinese punctuation, spaces, invisibles.

/// A Han character (CJK unified ideographs, extensions, compatibility ideographs) or 〇.
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}')
}

/// Chinese (full-width) punctuation and symbols, including the curly quotes used in Chinese.
pub(crate) fn is_cjk_punct(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3006}'
        | '\u{3008}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{2018}'..='\u{201D}'
        | '\u{2014}' | '\u{2026}' | '\u{00B7}' | '\u{203A}' | '\u{00BB}')
}

/// A character that makes its neighbourhood Chinese text: Han or Chinese punctuation.
pub(crate) fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

/// A space of any width: ASCII space and tab, ideographic space, no-break and thin spaces.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}'
    )
}

/// An invisible character that carries no text: zero-width spaces and joiners, byte-order
/// marks, soft hyphens, and control characters other than tab and newline.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    ) || (c.is_control() && c != '\t' && c != '\n')
}

/// Whether `text` ends a sentence (or a clause that a line may end on): 。！？；：… and their
/// half-width forms, looking through closing quotes and brackets (`。”`).
pub(crate) fn ends_sentence(text: &str) -> bool {
    let last = text
        .trim_end_matches(is_space)
        .chars()
        .rev()
        .find(|c| !"”’）》」』)】〕\"'".contains(*c));
    matches!(
        last,
        Some('。' | '！' | '？' | '；' | '：' | '…' | '.' | '!' | '?' | ';' | ':')
    )
}

/// The first `n` characters of `s`.
pub(crate) fn head(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The last `n` characters of `s`.
pub(crate) fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    s.chars().skip(count.saturating_sub(n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('国') && is_han('〇') && !is_han('，'));
        assert!(is_cjk_punct('，') && is_cjk_punct('〔') && is_cjk_punct('“'));
        assert!(!is_cjk('a') && !is_cjk(','));
        assert!(is_space('\u{3000}') && !is_space('\n'));
        assert!(is_invisible('\u{FEFF}') && is_invisible('\u{7}') && !is_invisible('\t'));
    }

    #[test]
    fn sentence_ends_look_through_quotes() {
        assert!(ends_sentence("发挥主流媒体“定向定调”作用。"));
        assert!(ends_sentence("他说：“好。”"));
        assert!(ends_sentence("如下："));
        assert!(!ends_sentence("涉及群众切身利益、需"));
        assert!(!ends_sentence(""));
    }

    #[test]
    fn head_and_tail_count_characters() {
        assert_eq!(head("一二三", 2), "一二");
        assert_eq!(tail("一二三", 2), "二三");
        assert_eq!(tail("一", 5), "一");
    }
}
