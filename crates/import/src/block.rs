//! Blocks: the lines (text) or paragraphs (docx) that cleanup and detection work on.

use crate::report::NormalizationKind;
use jiedu_core::HeadingLevel;

/// What the source itself says a block is, before any detection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    /// Nothing: detection decides.
    Plain,
    /// Styled as the document title (Word's Title style, a Markdown `#` line).
    Title,
    /// Styled as a heading of this level (Word's Heading 1 … 4).
    Heading(HeadingLevel),
    /// A table row: always a body paragraph, never joined, never a heading.
    TableRow,
}

/// One line or paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// The text as it is now (normalized once cleanup ran).
    pub text: String,
    /// The text exactly as it was in the source, for the report.
    pub raw: String,
    /// 1-based line (text) or paragraph (docx) number in the source.
    pub line: usize,
    /// Whether only a soft break separates it from the previous block, so a page break may have
    /// split one paragraph there. Text lines are soft; Word paragraphs are not.
    pub soft: bool,
    /// What the source says it is.
    pub hint: Hint,
    /// Normalizations made to this block, recorded once the block is known to be kept.
    pub changes: Vec<(NormalizationKind, usize)>,
}

impl Block {
    /// A block whose text is `text`, as written.
    pub fn new(text: impl Into<String>, line: usize, soft: bool, hint: Hint) -> Block {
        let text = text.into();
        Block {
            raw: text.clone(),
            text,
            line,
            soft,
            hint,
            changes: Vec::new(),
        }
    }
}

/// Splits plain text into one block per line (`\n`, `\r\n`, `\r`, U+2028, U+2029); blank lines
/// are kept as empty blocks so that cleanup can count them.
pub(crate) fn lines(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut line = 1;
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest
            .find(['\n', '\r', '\u{2028}', '\u{2029}'])
            .unwrap_or(rest.len());
        blocks.push(Block::new(&rest[..end], line, true, Hint::Plain));
        line += 1;
        let after = &rest[end..];
        rest = if let Some(r) = after.strip_prefix("\r\n") {
            r
        } else {
            let mut chars = after.chars();
            chars.next();
            chars.as_str()
        };
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_kind_of_line_end_and_numbers_lines() {
        let blocks = lines("一\r\n二\r三\n\n四\u{2028}五");
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["一", "二", "三", "", "四", "五"]);
        assert_eq!(blocks[4].line, 5);
    }

    #[test]
    fn a_trailing_newline_adds_no_block() {
        assert_eq!(lines("一\n").len(), 1);
        assert!(lines("").is_empty());
    }
}
