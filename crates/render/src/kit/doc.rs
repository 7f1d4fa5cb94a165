//! A small document model for the kit's texts (Q&A, press release). Each text is built once
//! as blocks and written from them as Markdown and as .docx, so the two never disagree.

/// One block of a text document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A boxed, highlighted notice: the draft mark, the embargo.
    Notice(String),
    /// The document title.
    Title(String),
    /// A heading (a question of the Q&A).
    Heading(String),
    /// A body paragraph, first line indented two characters in Word.
    Para(String),
    /// A small unindented line: contact, release time, provenance.
    Note(String),
}

/// A text document: blocks in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Doc {
    /// Blocks in order.
    pub blocks: Vec<Block>,
}

impl Doc {
    /// Adds a block.
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }

    /// The document as Markdown (CommonMark), with user text escaped.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            let text = |t: &str| escape_markdown(&one_line(t));
            match block {
                Block::Notice(t) => out.push_str(&format!("> **{}**\n\n", text(t))),
                Block::Title(t) => out.push_str(&format!("# {}\n\n", text(t))),
                Block::Heading(t) => out.push_str(&format!("## {}\n\n", text(t))),
                Block::Para(t) | Block::Note(t) => out.push_str(&format!("{}\n\n", text(t))),
            }
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('\n');
        out
    }
}

/// Joins the lines of a text into one (blocks hold one paragraph each).
fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Escapes what Markdown would read as markup, so user text prints as typed.
pub(crate) fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let at_start = i == 0;
        let special = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
        ) || (at_start && matches!(c, '#' | '-' | '+' | '='));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    // `1. ` at the start would become a list item.
    if let Some(dot) = out.find(". ") {
        if dot > 0 && out[..dot].chars().all(|c| c.is_ascii_digit()) {
            out.insert(dot, '\\');
        }
    }
    out
}

/// Splits text into paragraphs at line breaks, dropping empty lines.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// `n` in Chinese numerals as used in counting (一, 十二, 二十); 1–99, else Arabic digits.
pub(crate) fn chinese_number(n: usize) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", DIGITS[n % 10]),
        20..=99 => {
            let ones = if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            };
            format!("{}十{}", DIGITS[n / 10], ones)
        }
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_user_text() {
        assert_eq!(escape_markdown("# 标题"), "\\# 标题");
        assert_eq!(escape_markdown("a*b_c<d>"), "a\\*b\\_c\\<d\\>");
        assert_eq!(escape_markdown("1. 第一"), "1\\. 第一");
        assert_eq!(escape_markdown("2026年"), "2026年");
    }

    #[test]
    fn blocks_become_markdown() {
        let mut doc = Doc::default();
        doc.push(Block::Notice("草稿".into()));
        doc.push(Block::Title("标题".into()));
        doc.push(Block::Heading("问".into()));
        doc.push(Block::Para("答一\n答二".into()));
        doc.push(Block::Note("联系".into()));
        assert_eq!(
            doc.to_markdown(),
            "> **草稿**\n\n# 标题\n\n## 问\n\n答一 答二\n\n联系\n"
        );
    }

    #[test]
    fn numbers_in_chinese() {
        let got: Vec<String> = [1, 5, 10, 11, 20, 23, 99, 100]
            .into_iter()
            .map(chinese_number)
            .collect();
        assert_eq!(
            got,
            ["一", "五", "十", "十一", "二十", "二十三", "九十九", "100"]
        );
    }
}
