//! Markdown: the markup is taken off each line (`#`, `**`, `__`, `>`, list bullets, rules and
//! fences) and the first `# ` line is the title. Everything else is read as text.

use crate::block::{lines, Block, Hint};
use crate::report::NormalizationKind;

/// Splits Markdown into blocks with the markup removed.
pub(crate) fn blocks(text: &str) -> Vec<Block> {
    let mut out = lines(text);
    let mut title_seen = false;
    for block in &mut out {
        let (text, removed, level) = strip(&block.text);
        if level == Some(1) && !title_seen && !text.is_empty() {
            block.hint = Hint::Title;
            title_seen = true;
        }
        if removed > 0 {
            block.text = text;
            block
                .changes
                .push((NormalizationKind::MarkdownMarkup, removed));
        }
    }
    out
}

/// One line without its markup: the text, how many pieces of markup went, and the `#` level.
fn strip(line: &str) -> (String, usize, Option<usize>) {
    let trimmed = line.trim_start();
    if is_rule_or_fence(trimmed) {
        return (String::new(), 1, None);
    }
    let mut removed = 0;
    let mut rest = trimmed;
    while let Some(r) = rest.strip_prefix('>') {
        rest = r.trim_start();
        removed += 1;
    }
    let hashes = rest.chars().take_while(|c| *c == '#').count();
    let mut level = None;
    if (1..=6).contains(&hashes) && rest[hashes..].starts_with([' ', '\t']) {
        rest = rest[hashes..].trim_start();
        rest = rest.trim_end().trim_end_matches('#').trim_end();
        level = Some(hashes);
        removed += 1;
    } else if let Some(r) = ["- ", "* ", "+ "].iter().find_map(|b| rest.strip_prefix(b)) {
        rest = r;
        removed += 1;
    }
    let mut text = rest.to_string();
    for marker in ["**", "__"] {
        let pieces: Vec<&str> = text.split(marker).collect();
        let markers = pieces.len() - 1;
        if markers >= 2 {
            let paired = markers - markers % 2;
            let mut joined = pieces[..=paired].concat();
            for piece in &pieces[paired + 1..] {
                joined.push_str(marker);
                joined.push_str(piece);
            }
            text = joined;
            removed += paired / 2;
        }
    }
    (text, removed, level)
}

fn is_rule_or_fence(line: &str) -> bool {
    let t = line.trim_end();
    if t.starts_with("```") || t.starts_with("~~~") {
        return true;
    }
    let compact: String = t.chars().filter(|c| *c != ' ').collect();
    compact.len() >= 3
        && (compact.chars().all(|c| c == '-')
            || compact.chars().all(|c| c == '*')
            || compact.chars().all(|c| c == '_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_and_the_first_hash_line_is_the_title() {
        let md =
            "# 关于X的意见\n\n## 一、**总体**要求\n\n> 引用\n- 要点\n---\n```\n代码\n```\n# 另一个";
        let out = blocks(md);
        let texts: Vec<&str> = out.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "关于X的意见",
                "",
                "一、总体要求",
                "",
                "引用",
                "要点",
                "",
                "",
                "代码",
                "",
                "另一个"
            ]
        );
        assert_eq!(out[0].hint, Hint::Title);
        assert_eq!(out[10].hint, Hint::Plain);
    }

    #[test]
    fn an_unpaired_marker_is_kept() {
        assert_eq!(strip("a**b**c**d").0, "abc**d");
        assert_eq!(strip("5*3").0, "5*3");
        assert_eq!(strip("#标签").0, "#标签");
    }
}
