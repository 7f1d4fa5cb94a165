//! Chinese line breaking, character by character, with the punctuation rules (避头尾): no line
//! starts with closing punctuation and none ends with opening punctuation. Latin words and
//! numbers are measured with the font's real advances and kept whole; a run longer than a
//! line (a hash, a URL) is broken anywhere rather than stretching the lines before it.

use crate::fonts::{FontRole, FontSet};

/// Characters that may not begin a line (避头).
pub const NO_LINE_START: &str = "，。、；：？！）》」』】〕〉”’…—·%％‰,.;:?!)]}>";
/// Characters that may not end a line (避尾).
pub const NO_LINE_END: &str = "（《「『【〔〈“‘([{<";

/// A piece of a paragraph in one font and size.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Its font role.
    pub role: FontRole,
    /// Its size in pt.
    pub size: f32,
    /// Extra advance after some characters, in pt, by character index within `text`: the
    /// compressed half of adjacent punctuation (negative) and Chinese–Latin spacing (positive).
    pub kerns: Vec<(usize, f32)>,
}

impl Span {
    /// A span of text in a role and size.
    pub fn new(text: impl Into<String>, role: FontRole, size: f32) -> Self {
        Span {
            text: text.into(),
            role,
            size,
            kerns: Vec::new(),
        }
    }
}

/// A line as set: its spans, and the extra spacing per character that justifies it.
#[derive(Debug, Clone, PartialEq)]
pub struct SetLine {
    /// Pieces of the line, in order.
    pub spans: Vec<Span>,
    /// Left offset (first-line indent).
    pub indent: f32,
    /// Width at the base spacing.
    pub natural: f32,
    /// Character spacing in pt, base plus justification.
    pub spacing: f32,
    /// Number of characters.
    pub chars: usize,
}

impl SetLine {
    /// The text of the line.
    pub fn text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// Width as set, from the indent to the end of the last character's advance.
    pub fn width(&self, base_spacing: f32) -> f32 {
        self.natural + (self.spacing - base_spacing) * self.chars.saturating_sub(1) as f32
    }
}

/// How to set a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct Measure {
    /// Line width in pt.
    pub width: f32,
    /// Indent of the first line in pt.
    pub first_indent: f32,
    /// Character spacing in pt added after every character (negative to tighten a grid).
    pub spacing: f32,
    /// Whether to justify every line but the last.
    pub justify: bool,
}

#[derive(Debug, Clone)]
struct Atom {
    text: String,
    role: FontRole,
    size: f32,
    width: f32,
    chars: usize,
    space: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '.' | ',' | '%' | '-' | '/' | ':' | '_' | '@' | '#' | '+' | '=' | '&' | '?' | '~'
        )
}

fn atoms(fonts: &FontSet, spans: &[Span], spacing: f32) -> Vec<Atom> {
    let mut out: Vec<Atom> = Vec::new();
    for span in spans {
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut Vec<Atom>| {
            if word.is_empty() {
                return;
            }
            let chars = word.chars().count();
            out.push(Atom {
                width: fonts.measure(span.role, word, span.size) + spacing * chars as f32,
                text: std::mem::take(word),
                role: span.role,
                size: span.size,
                chars,
                space: false,
            });
        };
        for c in span.text.chars() {
            if is_word_char(c) {
                word.push(c);
                continue;
            }
            flush(&mut word, &mut out);
            out.push(Atom {
                text: c.to_string(),
                role: span.role,
                size: span.size,
                width: fonts.char_advance(span.role, c) * span.size + spacing,
                chars: 1,
                space: c == ' ',
            });
        }
        flush(&mut word, &mut out);
    }
    out
}

/// Splits an atom wider than a line into single characters (emergency break).
fn split_oversized(fonts: &FontSet, atoms: Vec<Atom>, width: f32, spacing: f32) -> Vec<Atom> {
    let mut out = Vec::with_capacity(atoms.len());
    for a in atoms {
        if a.width > width && a.chars > 1 {
            for c in a.text.chars() {
                out.push(Atom {
                    text: c.to_string(),
                    role: a.role,
                    size: a.size,
                    width: fonts.char_advance(a.role, c) * a.size + spacing,
                    chars: 1,
                    space: false,
                });
            }
        } else {
            out.push(a);
        }
    }
    out
}

fn first_char(a: &Atom) -> char {
    a.text.chars().next().unwrap_or(' ')
}

fn last_char(a: &Atom) -> char {
    a.text.chars().last().unwrap_or(' ')
}

/// Whether a line may break between atoms `i - 1` and `i`.
fn can_break_before(atoms: &[Atom], i: usize) -> bool {
    !NO_LINE_START.contains(first_char(&atoms[i]))
        && !NO_LINE_END.contains(last_char(&atoms[i - 1]))
}

/// Breaks a paragraph into lines no wider than `m.width`.
pub fn break_paragraph(fonts: &FontSet, spans: &[Span], m: Measure) -> Vec<SetLine> {
    let atoms = split_oversized(fonts, atoms(fonts, spans, m.spacing), m.width, m.spacing);
    let mut lines = Vec::new();
    let mut start = 0;
    while start < atoms.len() {
        let indent = if lines.is_empty() {
            m.first_indent
        } else {
            0.0
        };
        let avail = m.width - indent;
        // Greedy: as many atoms as fit.
        let mut end = start;
        let mut width = 0.0;
        while end < atoms.len() && (end == start || width + atoms[end].width <= avail + 0.01) {
            width += atoms[end].width;
            end += 1;
        }
        if end < atoms.len() {
            // Step back to the nearest allowed break; keep the greedy break if there is none.
            let mut b = end;
            while b > start + 1 && !can_break_before(&atoms, b) {
                b -= 1;
            }
            if b > start + 1 || can_break_before(&atoms, b) {
                end = b;
            }
        }
        // Spaces at a line's end are not set.
        let mut last = end;
        while last > start + 1 && atoms[last - 1].space {
            last -= 1;
        }
        let line_atoms = &atoms[start..last];
        let natural: f32 = line_atoms.iter().map(|a| a.width).sum();
        let chars: usize = line_atoms.iter().map(|a| a.chars).sum();
        let is_last = end >= atoms.len();
        let spacing = if m.justify && !is_last && chars > 1 {
            m.spacing + (avail - natural).max(0.0) / (chars - 1) as f32
        } else {
            m.spacing
        };
        lines.push(SetLine {
            spans: merge(line_atoms),
            indent,
            natural,
            spacing,
            chars,
        });
        start = end;
        // A space that caused the break is not carried to the next line.
        while start < atoms.len() && atoms[start].space {
            start += 1;
        }
    }
    lines
}

fn merge(atoms: &[Atom]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for a in atoms {
        match spans.last_mut() {
            Some(s) if s.role == a.role && s.size == a.size => s.text.push_str(&a.text),
            _ => spans.push(Span::new(a.text.clone(), a.role, a.size)),
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> FontSet {
        FontSet::bundled().expect("fonts")
    }

    const GRID: Measure = Measure {
        width: 442.2,
        first_indent: 0.0,
        spacing: -0.207,
        justify: true,
    };

    fn set(text: &str, m: Measure) -> Vec<SetLine> {
        break_paragraph(&fonts(), &[Span::new(text, FontRole::Fang, 16.0)], m)
    }

    #[test]
    fn plain_cjk_sets_28_characters_per_grid_line() {
        let text: String = "政务公开".repeat(20);
        let lines = set(&text, GRID);
        assert_eq!(lines[0].chars, 28);
        assert_eq!(lines[1].chars, 28);
        assert_eq!(lines.iter().map(|l| l.chars).sum::<usize>(), 80);
    }

    #[test]
    fn no_line_starts_with_closing_or_ends_with_opening_punctuation() {
        // Put a comma exactly where the 29th character would fall.
        let text = format!("{}，{}（见附件）。", "公".repeat(28), "开".repeat(26));
        let lines = set(&text, GRID);
        for (i, l) in lines.iter().enumerate() {
            let t = l.text();
            let first = t.chars().next().unwrap_or(' ');
            let last = t.chars().last().unwrap_or(' ');
            assert!(
                i == 0 || !NO_LINE_START.contains(first),
                "line {i} starts with {first}: {t}"
            );
            assert!(
                !NO_LINE_END.contains(last),
                "line {i} ends with {last}: {t}"
            );
            assert!(
                l.width(GRID.spacing) <= GRID.width + 0.05,
                "line {i} too wide"
            );
        }
        assert_eq!(lines.iter().map(SetLine::text).collect::<String>(), text);
    }

    #[test]
    fn numbers_and_words_stay_whole_and_long_runs_break() {
        let text = format!(
            "{}2016年第141号文件和Government Information Disclosure的规定。",
            "政".repeat(24)
        );
        let lines = set(&text, GRID);
        let all: Vec<String> = lines.iter().map(SetLine::text).collect();
        assert!(all.iter().any(|l| l.contains("2016")), "{all:?}");
        assert!(all.iter().any(|l| l.contains("Government")), "{all:?}");
        let hash = "a".repeat(200);
        let lines = set(&hash, GRID);
        assert!(lines.len() > 1);
        assert!(lines
            .iter()
            .all(|l| l.width(GRID.spacing) <= GRID.width + 0.05));
    }

    #[test]
    fn justified_lines_fill_the_measure_and_the_last_does_not() {
        let text = format!("{}Jiedu 2026{}", "解读".repeat(10), "材料".repeat(30));
        let lines = set(&text, GRID);
        for l in &lines[..lines.len() - 1] {
            assert!(
                (l.width(GRID.spacing) - GRID.width).abs() < 0.5,
                "{}",
                l.width(GRID.spacing)
            );
        }
        assert_eq!(lines.last().map(|l| l.spacing), Some(GRID.spacing));
    }
}
