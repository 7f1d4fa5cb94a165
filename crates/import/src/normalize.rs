//! Character-level normalization of one block: invisible characters, edge spaces, spaces inside
//! Chinese text, and half-width punctuation between Chinese characters. Never removes a letter,
//! digit or Han character.

use crate::block::{Block, Hint};
use crate::cjk::{is_cjk, is_invisible, is_space};
use crate::report::NormalizationKind;

/// Half-width punctuation made full-width in Chinese text.
const HALF_TO_FULL: [(char, char); 7] = [
    (',', '，'),
    (':', '：'),
    (';', '；'),
    ('(', '（'),
    (')', '）'),
    ('?', '？'),
    ('!', '！'),
];

/// Normalizes the block's text and records what changed in `block.changes`.
pub(crate) fn normalize(block: &mut Block) {
    let mut counts = Counts::default();
    let text = if block.hint == Hint::TableRow {
        block
            .text
            .split('\t')
            .map(|cell| normalize_text(cell, &mut counts))
            .collect::<Vec<_>>()
            .join("\t")
    } else {
        normalize_text(&block.text, &mut counts)
    };
    block.text = text;
    for (kind, n) in [
        (NormalizationKind::InvisibleCharacters, counts.invisible),
        (NormalizationKind::EdgeSpaces, counts.edge),
        (NormalizationKind::HalfWidthPunctuation, counts.punct),
        (NormalizationKind::SpacesInChineseText, counts.inner),
        (NormalizationKind::PinyinAnnotations, counts.pinyin),
    ] {
        if n > 0 {
            block.changes.push((kind, n));
        }
    }
}

#[derive(Default)]
struct Counts {
    invisible: usize,
    edge: usize,
    punct: usize,
    inner: usize,
    pinyin: usize,
}

fn normalize_text(text: &str, counts: &mut Counts) -> String {
    let mut chars: Vec<char> = text
        .chars()
        .filter(|c| {
            let drop = is_invisible(*c);
            counts.invisible += usize::from(drop);
            !drop
        })
        .collect();
    let start = chars
        .iter()
        .position(|c| !is_space(*c))
        .unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|c| !is_space(*c))
        .map_or(start, |p| p + 1);
    if start > 0 || end < chars.len() {
        counts.edge += 1;
    }
    chars.truncate(end);
    chars.drain(..start);
    counts.pinyin += drop_pinyin(&mut chars);
    counts.punct += widen_punctuation(&mut chars);
    let (kept, removed) = drop_spaces_between_cjk(&chars);
    counts.inner += removed;
    kept.into_iter().collect()
}

/// `text` without its pinyin annotations.
pub(crate) fn without_pinyin(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    drop_pinyin(&mut chars);
    chars.into_iter().collect()
}

/// Vowels with tone marks: a bracket holding one is a pinyin annotation, not text.
const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ";

/// Removes pinyin annotations that some mirror sites put after characters (`發(fā)`, `關（guān）`):
/// brackets right after a Han character holding only Latin letters, one of them tone-marked.
pub(crate) fn drop_pinyin(chars: &mut Vec<char>) -> usize {
    let mut out = Vec::with_capacity(chars.len());
    let mut removed = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let after_han = out.last().is_some_and(|p: &char| crate::cjk::is_han(*p));
        if after_han && (c == '(' || c == '（') {
            let close = chars[i + 1..]
                .iter()
                .take(8)
                .position(|x| *x == ')' || *x == '）')
                .map(|p| i + 1 + p);
            if let Some(close) = close {
                let inner = &chars[i + 1..close];
                let latin = !inner.is_empty()
                    && inner
                        .iter()
                        .all(|x| x.is_alphabetic() && !crate::cjk::is_han(*x));
                if latin && inner.iter().any(|x| TONED.contains(*x)) {
                    removed += 1;
                    i = close + 1;
                    continue;
                }
            }
        }
        out.push(c);
        i += 1;
    }
    *chars = out;
    removed
}

fn full_width(c: char) -> Option<char> {
    HALF_TO_FULL.iter().find(|(h, _)| *h == c).map(|(_, f)| *f)
}

/// For every position, the nearest character before it (`left`) and after it (`right`) that is
/// neither a space nor convertible punctuation. Two linear passes, so long runs of punctuation
/// cost no more than any other text.
fn contexts(chars: &[char]) -> (Vec<Option<char>>, Vec<Option<char>>) {
    let is_context = |c: char| !is_space(c) && full_width(c).is_none();
    let mut left = Vec::with_capacity(chars.len());
    let mut last = None;
    for c in chars {
        left.push(last);
        if is_context(*c) {
            last = Some(*c);
        }
    }
    let mut right = vec![None; chars.len()];
    let mut next = None;
    for (i, c) in chars.iter().enumerate().rev() {
        right[i] = next;
        if is_context(*c) {
            next = Some(*c);
        }
    }
    (left, right)
}

/// Whether punctuation `c` with these neighbours stands in Chinese text. A separator (`,` `:` …)
/// needs Chinese before it, or nothing alphanumeric before it and Chinese after it, so `10:30`
/// and `1,000` stay as they are.
fn in_chinese(c: char, left: Option<char>, right: Option<char>) -> bool {
    let cjk = |c: Option<char>| c.is_some_and(is_cjk);
    match c {
        '(' | ')' => cjk(left) || cjk(right),
        _ => cjk(left) || (!left.is_some_and(|c| c.is_alphanumeric()) && cjk(right)),
    }
}

/// Makes half-width punctuation in Chinese text full-width; a bracket pair changes together.
fn widen_punctuation(chars: &mut [char]) -> usize {
    let (left, right) = contexts(chars);
    let decisions: Vec<bool> = (0..chars.len())
        .map(|i| full_width(chars[i]).is_some() && in_chinese(chars[i], left[i], right[i]))
        .collect();
    let mut convert = decisions.clone();
    let mut open: Vec<usize> = Vec::new();
    for i in 0..chars.len() {
        match chars[i] {
            '(' => open.push(i),
            ')' => {
                if let Some(o) = open.pop() {
                    let both = decisions[o] || decisions[i];
                    convert[o] = both;
                    convert[i] = both;
                }
            }
            _ => {}
        }
    }
    let mut n = 0;
    for (c, yes) in chars.iter_mut().zip(convert) {
        if let Some(f) = full_width(*c).filter(|_| yes) {
            *c = f;
            n += 1;
        }
    }
    n
}

/// Removes runs of spaces that have Chinese on both sides.
fn drop_spaces_between_cjk(chars: &[char]) -> (Vec<char>, usize) {
    let mut out = Vec::with_capacity(chars.len());
    let mut removed = 0;
    let mut i = 0;
    while i < chars.len() {
        if is_space(chars[i]) {
            let run_end = chars[i..]
                .iter()
                .position(|c| !is_space(*c))
                .map_or(chars.len(), |p| i + p);
            let before = out.last().copied().is_some_and(is_cjk);
            let after = chars.get(run_end).copied().is_some_and(is_cjk);
            if before && after {
                removed += run_end - i;
            } else {
                out.extend_from_slice(&chars[i..run_end]);
            }
            i = run_end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    (out, removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut b = Block::new(s, 1, true, Hint::Plain);
        normalize(&mut b);
        b.text
    }

    #[test]
    fn seed_punctuation_becomes_full_width() {
        assert_eq!(
            norm("《意见》(中办发〔2016〕8号)和国务院办公厅"),
            "《意见》（中办发〔2016〕8号）和国务院办公厅"
        );
        assert_eq!(
            norm("结果公开(“五公开”),推动"),
            "结果公开（“五公开”），推动"
        );
        assert_eq!(norm("(一)重要意义。"), "（一）重要意义。");
        assert_eq!(norm("当前位置:文档之家"), "当前位置：文档之家");
    }

    #[test]
    fn numbers_urls_and_english_keep_their_punctuation() {
        assert_eq!(norm("会议于10:30开始"), "会议于10:30开始");
        assert_eq!(norm("共1,000亩"), "共1,000亩");
        assert_eq!(norm("see (RFC 1), ok"), "see (RFC 1), ok");
        assert_eq!(norm("(1)加强领导"), "（1）加强领导");
        assert_eq!(norm("互联网+政务"), "互联网+政务");
    }

    #[test]
    fn spaces_between_chinese_go_and_others_stay() {
        assert_eq!(
            norm("\u{3000}\u{3000}全面 推进\u{3000}政务　公开 "),
            "全面推进政务公开"
        );
        assert_eq!(norm("采用 GB/T 9704 标准"), "采用 GB/T 9704 标准");
    }

    #[test]
    fn changes_are_counted_by_kind() {
        let mut b = Block::new("\u{FEFF} 一 二,三", 1, true, Hint::Plain);
        normalize(&mut b);
        assert_eq!(b.text, "一二，三");
        assert!(b
            .changes
            .contains(&(NormalizationKind::InvisibleCharacters, 1)));
        assert!(b
            .changes
            .contains(&(NormalizationKind::HalfWidthPunctuation, 1)));
        assert!(b
            .changes
            .contains(&(NormalizationKind::SpacesInChineseText, 1)));
        assert!(b.changes.contains(&(NormalizationKind::EdgeSpaces, 1)));
    }

    #[test]
    fn table_cells_keep_their_tabs() {
        let mut b = Block::new("项目 名称\t 数量 ", 1, false, Hint::TableRow);
        normalize(&mut b);
        assert_eq!(b.text, "项目名称\t数量");
    }
}
