//! Web copies often lose their line breaks, so that a whole document arrives as one line. Such a
//! line is split again where a paragraph must have ended: before `一、`, `（一）`, `第一章` and
//! `第一条` after the end of a sentence, after the 主送机关's `：`, around a 发文字号, a date or
//! a name standing between spaces, and at spaces after a full stop. Never inside quotes, `《》`
//! or brackets.

use crate::block::{Block, Hint};
use crate::cjk::is_space;
use crate::dates;
use crate::docnumber;
use crate::front::{is_addressee, is_authority_name};
use crate::headings::{self, regulation};
use jiedu_core::HeadingLevel;

/// Lines shorter than this are never split.
const MIN_CHARS: usize = 300;
/// How many structural break points make a line a whole document.
const MIN_BREAKS: usize = 3;

/// Splits every over-long line that holds a whole document; returns the blocks and how many
/// breaks were restored.
pub(crate) fn split(blocks: Vec<Block>) -> (Vec<Block>, usize) {
    let mut out = Vec::with_capacity(blocks.len());
    let mut restored = 0;
    for block in blocks {
        if block.hint != Hint::Plain {
            out.push(block);
            continue;
        }
        let whole_document = block.text.chars().count() >= MIN_CHARS;
        let mut cuts = if whole_document {
            break_points(&block.text)
        } else {
            Vec::new()
        };
        if cuts.len() < MIN_BREAKS {
            // An article always starts a paragraph: `…制定本条例。 第二条本条例适用于…`.
            cuts = article_points(&block.text);
        }
        if cuts.is_empty() {
            out.push(block);
            continue;
        }
        restored += cuts.len();
        let mut start = 0;
        for cut in cuts.into_iter().chain(std::iter::once(block.text.len())) {
            let piece = block.text[start..cut].trim_matches(is_space);
            if !piece.is_empty() {
                // The pieces were one paragraph of the source: a page break cannot split them.
                out.push(Block::new(piece, block.line, false, Hint::Plain));
            }
            start = cut;
        }
    }
    (out, restored)
}

/// In `国务院办公厅关于…的通知各省、自治区…：`, where the title ends: after the last 文种 word
/// whose rest is still an addressee.
fn title_before_addressee(segment: &str) -> Option<usize> {
    let about = segment.find("关于")?;
    segment
        .char_indices()
        .map(|(i, c)| i + c.len_utf8())
        .filter(|end| *end > about && *end < segment.len())
        .filter(|end| {
            segment[..*end].ends_with("的通知")
                || segment[..*end].ends_with("的意见")
                || segment[..*end].ends_with("的决定")
                || segment[..*end].ends_with("的批复")
                || segment[..*end].ends_with("的函")
        })
        .find(|end| is_addressee(&Block::new(&segment[*end..], 0, true, Hint::Plain)))
}

/// Where an article starts after a full stop inside a line.
fn article_points(text: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if c == '第' && i > 0 && prev == Some('。') {
            let unit = regulation(prefix(&text[i..], PROBE_CHARS));
            if unit.is_some_and(|u| u.level == HeadingLevel::Article) {
                cuts.push(i);
            }
        }
        if !is_space(c) {
            prev = Some(c);
        }
    }
    cuts
}

/// How many lines from the top a glued head line may stand.
const HEAD_LINES: usize = 24;

/// Splits a head line that glues the title, the 发文字号 and the 主送机关 together
/// (`…的通知 国办发明电〔2017〕33号各省、自治区…：`) at the number. Returns the blocks and how
/// many breaks were restored.
pub(crate) fn split_glued_head(blocks: Vec<Block>) -> (Vec<Block>, usize) {
    let mut out = Vec::with_capacity(blocks.len() + 2);
    let mut restored = 0;
    for (i, block) in blocks.into_iter().enumerate() {
        // The line as written: its spaces show where the number starts.
        let raw = block.raw.clone();
        let found = (i < HEAD_LINES && block.hint == Hint::Plain && !raw.contains('\n'))
            .then(|| inline_number(&raw))
            .flatten();
        let Some((start, end)) = found else {
            out.push(block);
            continue;
        };
        let before = raw[..start].trim_matches(is_space);
        let number = &raw[start..end];
        let after = raw[end..].trim_matches(is_space);
        let piece = |text: &str| {
            let mut b = Block::new(text, block.line, false, Hint::Plain);
            crate::normalize::normalize(&mut b);
            b
        };
        let addressee_after = after.is_empty() || is_addressee(&piece(after));
        if (before.is_empty() && after.is_empty()) || !addressee_after {
            out.push(block);
            continue;
        }
        for text in [before, number, after]
            .into_iter()
            .filter(|p| !p.is_empty())
        {
            out.push(piece(text));
        }
        restored += usize::from(!before.is_empty()) + usize::from(!after.is_empty());
    }
    (out, restored)
}

/// A 发文字号 inside a line, standing after a space or at the start: its byte range.
fn inline_number(text: &str) -> Option<(usize, usize)> {
    let mut token_start = 0;
    let mut prev_space = true;
    for (i, c) in text.char_indices() {
        if is_space(c) {
            prev_space = true;
            continue;
        }
        if prev_space {
            token_start = i;
        }
        prev_space = false;
        if !"〔[［(（【".contains(c) {
            continue;
        }
        // The number ends at its 号.
        let tail = &text[i..];
        let Some(hao) = tail.find(['号', '號']) else {
            continue;
        };
        let end = i + hao + tail[hao..].chars().next().map_or(0, char::len_utf8);
        if docnumber::parse_line(&text[token_start..end]).is_some() {
            return Some((token_start, end));
        }
    }
    order_number_at_end(text)
}

/// `广西壮族自治区土地整治办法 广西壮族自治区人民政府令 第116号`: a 令's number ending the line,
/// after a space.
fn order_number_at_end(text: &str) -> Option<(usize, usize)> {
    let t = text.trim_end_matches(is_space);
    if !t.ends_with('号') {
        return None;
    }
    t.match_indices(is_space)
        .map(|(i, sp)| i + sp.len())
        .find(|start| docnumber::parse_order_line(&t[*start..]).is_some())
        .map(|start| (start, t.len()))
}

/// Byte offsets where `text` should break, in order.
fn break_points(text: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let mut depth: i32 = 0;
    let mut segment_start = 0;
    let mut prev: Option<char> = None;
    let mut prev_space = false;
    let mut pending: Vec<usize> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let rest = &text[i..];
        if pending.first() == Some(&i) {
            pending.remove(0);
            cuts.push(i);
            segment_start = i;
        } else if depth == 0 && i > segment_start {
            let after_stop = prev.is_some_and(|p| "。；！？：".contains(p));
            let unit = starts_unit(prefix(rest, PROBE_CHARS));
            let token = (prev_space || i == 0).then(|| token_at(rest)).flatten();
            let stop_space = prev_space && prev.is_some_and(|p| "。！？；".contains(p));
            if (unit.is_some() && (after_stop || prev_space)) || token.is_some() || stop_space {
                cuts.push(i);
                segment_start = i;
                // A token, or a heading standing alone, ends at the next space.
                let end = token.or(unit.flatten()).map(|n| i + n);
                if let Some(end) = end.filter(|e| *e < text.len()) {
                    pending.push(end);
                    pending.sort_unstable();
                }
            }
        }
        match c {
            '《' | '“' | '（' | '(' | '「' | '『' | '【' | '‘' => depth += 1,
            '》' | '”' | '）' | ')' | '」' | '』' | '】' | '’' => {
                depth = (depth - 1).max(0)
            }
            _ => {}
        }
        // Only a segment short enough to be a 主送机关 or a news lead is looked at, so that a
        // long text with many colons stays linear.
        if depth == 0 && (c == '：' || c == ':') && i - segment_start <= MAX_SEGMENT_BYTES {
            let end = i + c.len_utf8();
            let segment = text[segment_start..end].trim_matches(is_space);
            let probe = Block::new(segment, 0, true, Hint::Plain);
            let next_is_text = chars.get(k + 1).is_some();
            // `…全文如下：` ends a news lead; `各省…：` ends the 主送机关, and the title before
            // it (`…的通知各省、自治区…：`) ends at its 文种.
            let lead_end = segment.ends_with("如下：") || segment.ends_with("如下:");
            if next_is_text && crate::cleanup::news_lead(segment).is_some() && lead_end {
                cuts.push(end);
                segment_start = end;
            } else if next_is_text && is_addressee(&probe) {
                if let Some(title_end) = title_before_addressee(segment) {
                    let at = segment_start
                        + (text[segment_start..].len()
                            - text[segment_start..].trim_start_matches(is_space).len())
                        + title_end;
                    cuts.push(at);
                }
                cuts.push(end);
                segment_start = end;
            }
        }
        if is_space(c) {
            prev_space = true;
        } else {
            prev_space = false;
            prev = Some(c);
        }
    }
    cuts.dedup();
    cuts
}

/// How many characters of the text ahead the unit probes read: a unit's number and a short
/// standalone heading fit.
const PROBE_CHARS: usize = 48;
/// The longest segment checked as a 主送机关 or a news lead (300 characters of UTF-8).
const MAX_SEGMENT_BYTES: usize = 900;

/// The first `n` characters of `s`.
fn prefix(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

/// A heading, chapter, section or article number at the start of `rest`: `Some(None)` when its
/// text runs on, `Some(Some(n))` when a standalone heading (`一、总体要求 坚持…`) ends after `n`
/// bytes, at a space.
fn starts_unit(rest: &str) -> Option<Option<usize>> {
    let heading = match regulation(rest) {
        Some(h) if h.level == HeadingLevel::Article => return Some(None),
        Some(h) => h,
        None => headings::parse(rest).filter(|h| !h.rest.is_empty())?,
    };
    if !matches!(
        heading.level,
        HeadingLevel::L1 | HeadingLevel::Chapter | HeadingLevel::Division
    ) || !rest.starts_with(&heading.number)
    {
        return Some(None);
    }
    let after = &rest[heading.number.len()..];
    let text_at = heading.number.len() + (after.len() - after.trim_start_matches(is_space).len());
    for (j, c) in rest[text_at..].char_indices().take(30) {
        if "。，；：".contains(c) {
            break;
        }
        if is_space(c) {
            return Some(Some(text_at + j));
        }
    }
    Some(None)
}

/// A token standing alone between spaces that is a line of its own in a document (a 发文字号,
/// a date, an authority's name, an `附件` or `抄送` label): its length in bytes.
fn token_at(rest: &str) -> Option<usize> {
    let token: String = rest.chars().take_while(|c| !is_space(*c)).collect();
    let iso_date = token.len() == 10
        && token.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    let alone = docnumber::parse_line(&token).is_some()
        || dates::parse_line(&token).is_some()
        || iso_date
        || is_authority_name(&token);
    let label = token.starts_with("附件") || token.starts_with("抄送");
    if alone {
        Some(token.len())
    } else if label {
        Some(rest.len())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_on_one_line_is_split_at_its_markers() {
        let line = "国务院关于X的意见 国发〔2020〕6号 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：为了推进“一、二”工作，现提出以下意见。一、总体要求 坚持X原则，做好Y工作，这一段要足够长才能让整行超过阈值，所以再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字。（一）指导思想。以X为指导，推进Y工作，再写一些字，再写一些字，再写一些字，再写一些字。（二）基本原则。坚持问题导向，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字。二、主要任务 做好《关于一、二的通知》的落实，再写一些字，再写一些字，再写一些字，再写一些字，再写一些字。 国务院 2020年3月30日";
        let (blocks, restored) = split(vec![Block::new(line, 1, true, Hint::Plain)]);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts[0], "国务院关于X的意见");
        assert_eq!(texts[1], "国发〔2020〕6号");
        assert_eq!(
            texts[2],
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
        );
        assert!(texts[3].starts_with("为了推进“一、二”工作"));
        assert!(texts.contains(&"（一）指导思想。以X为指导，推进Y工作，再写一些字，再写一些字，再写一些字，再写一些字。"));
        assert!(texts.contains(&"二、主要任务"));
        assert!(texts
            .iter()
            .any(|t| t.starts_with("做好《关于一、二的通知》")));
        assert_eq!(texts[texts.len() - 2..], ["国务院", "2020年3月30日"]);
        assert!(restored >= 6);
    }

    #[test]
    fn a_glued_head_line_is_split_at_its_number() {
        let line = "国务院办公厅关于2017年中秋节放假安排的通知 国办发明电〔2017〕33号各省、自治区、直辖市人民政府，国务院各部委、各直属机构：";
        let (blocks, restored) = split_glued_head(vec![Block::new(line, 1, true, Hint::Plain)]);
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "国务院办公厅关于2017年中秋节放假安排的通知",
                "国办发明电〔2017〕33号",
                "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
            ]
        );
        assert_eq!(restored, 2);
        let sentence = "根据《通知》（国办发〔2017〕33号）要求，现将有关事项通知如下：";
        assert_eq!(
            split_glued_head(vec![Block::new(sentence, 1, true, Hint::Plain)])
                .0
                .len(),
            1
        );
    }

    #[test]
    fn an_ordinary_long_paragraph_stays_whole() {
        let line = "为了推进工作，".repeat(60);
        let (blocks, restored) = split(vec![Block::new(line, 1, true, Hint::Plain)]);
        assert_eq!((blocks.len(), restored), (1, 0));
    }
}
