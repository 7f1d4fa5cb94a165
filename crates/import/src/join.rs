//! Joins a paragraph that a page break split in the middle (`需\n\n要社会` → `需要社会`): when
//! the first piece does not end a sentence and the second does not start a heading.

use crate::block::{Block, Hint};
use crate::cjk::{ends_sentence, head, tail};
use crate::headings::{parse, starts_structure};
use crate::recorder::Recorder;
use crate::report::Join;

/// A piece shorter than this is a label or a list item, not half of a split paragraph.
const MIN_SPLIT_CHARS: usize = 15;
/// How many characters of each side the report shows.
const CONTEXT_CHARS: usize = 8;

/// Joins split paragraphs in `blocks`, reporting each join.
pub(crate) fn join(blocks: Vec<Block>, rec: &mut Recorder) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        match out.last_mut() {
            Some(prev) if joinable(prev, &block) => {
                rec.joined(Join {
                    line: prev.line,
                    next_line: block.line,
                    before: tail(&prev.text, CONTEXT_CHARS),
                    after: head(&block.text, CONTEXT_CHARS),
                });
                prev.text.push_str(&block.text);
                prev.raw.push('\n');
                prev.raw.push_str(&block.raw);
            }
            _ => out.push(block),
        }
    }
    out
}

fn joinable(prev: &Block, next: &Block) -> bool {
    next.soft
        && prev.hint == Hint::Plain
        && next.hint == Hint::Plain
        && !ends_sentence(&prev.text)
        && prev.text.chars().count() >= MIN_SPLIT_CHARS
        && !is_standalone_heading(&prev.text)
        && !starts_structure(&next.text)
}

/// A heading line with no run-in text (`一、重要意义和总体要求`): it never continues.
fn is_standalone_heading(text: &str) -> bool {
    parse(text).is_some_and(|h| !h.rest.contains('。'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DocumentKind;

    fn run(lines: &[&str]) -> (Vec<String>, usize) {
        let blocks = lines
            .iter()
            .enumerate()
            .map(|(i, l)| Block::new(*l, i + 1, true, Hint::Plain))
            .collect();
        let mut rec = Recorder::new(DocumentKind::Txt, "UTF-8");
        let out = join(blocks, &mut rec);
        let joins = rec.finish().joins.len();
        (out.into_iter().map(|b| b.text).collect(), joins)
    }

    #[test]
    fn the_seed_break_is_joined() {
        let (out, joins) = run(&[
            "（四）推进决策公开。实行重大决策预公开制度，涉及群众切身利益、需",
            "要社会广泛知晓的重要改革方案。",
        ]);
        assert_eq!(
            out,
            ["（四）推进决策公开。实行重大决策预公开制度，涉及群众切身利益、需要社会广泛知晓的重要改革方案。"]
        );
        assert_eq!(joins, 1);
    }

    #[test]
    fn sentences_headings_and_short_lines_are_not_joined() {
        let lines = [
            "一、重要意义和总体要求这一行很长但没有句号",
            "（一）重要意义。公开透明是法治政府的基本特征。",
            "这一段话在这里结束了并且足够长了呢",
            "第二条 适用范围。",
            "主要包括",
            "土地管理",
        ];
        let (out, joins) = run(&lines);
        assert_eq!(out.len(), lines.len());
        assert_eq!(joins, 0);
    }

    #[test]
    fn paragraphs_of_a_word_document_are_never_joined() {
        let mut rec = Recorder::new(DocumentKind::Docx, "UTF-8");
        let blocks = vec![
            Block::new("这一段没有句号但它是一个完整的段落", 1, false, Hint::Plain),
            Block::new("下一段", 2, false, Hint::Plain),
        ];
        assert_eq!(join(blocks, &mut rec).len(), 2);
    }
}
