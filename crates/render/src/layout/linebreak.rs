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
    /// Extra advance after some characters, in pt, by character index within `text`:
    /// Chinese–Latin spacing.
    pub kerns: Vec<(usize, f32)>,
    /// Characters set at half their width, by index within `text`: a punctuation mark whose
    /// blank half is taken away (CLREQ compression). The PDF draws them with a half-width copy
    /// of the font, so that no two glyph boxes overlap and text extraction stays in order.
    pub halves: Vec<usize>,
}

impl Span {
    /// A span of text in a role and size.
    pub fn new(text: impl Into<String>, role: FontRole, size: f32) -> Self {
        Span {
            text: text.into(),
            role,
            size,
            kerns: Vec::new(),
            halves: Vec::new(),
        }
    }

    /// Whether character `i` is set at half its width.
    pub fn is_half(&self, i: usize) -> bool {
        self.halves.contains(&i)
    }

    /// The extra advance after character `i` (Chinese–Latin spacing), if any.
    pub fn kern_after(&self, i: usize) -> Option<f32> {
        self.kerns.iter().find(|(at, _)| *at == i).map(|(_, v)| *v)
    }

    /// How far character `i`, whose font advances `em` ems, moves the pen on a line with
    /// character spacing `spacing`: half an em when compressed, then the spacing and any kern
    /// after it. The PDF and the OFD place every glyph by it, so their positions agree.
    pub fn step(&self, i: usize, em: f32, spacing: f32) -> f32 {
        let em = if self.is_half(i) { 0.5 } else { em };
        em * self.size + spacing + self.kern_after(i).unwrap_or(0.0)
    }
}

/// A line as set: its spans, and the extra spacing per character that justifies it.
#[derive(Debug, Clone, PartialEq)]
pub struct SetLine {
    /// Pieces of the line, in order.
    pub spans: Vec<Span>,
    /// Left offset (first-line indent, or the hanging indent of later lines).
    pub indent: f32,
    /// Width at the base spacing, adjustments included.
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

impl Measure {
    /// Unjustified lines of `width` at the font's own spacing.
    pub fn plain(width: f32) -> Measure {
        Measure {
            width,
            first_indent: 0.0,
            spacing: 0.0,
            justify: false,
        }
    }
}

/// How the lines after the first are indented, and whether the CLREQ adjustments apply.
#[derive(Debug, Clone, Copy, Default)]
pub struct Setting {
    /// Indent of every line after the first, in pt (附件说明 wraps under the name).
    pub hang: f32,
    /// Plain advances only: no punctuation compression, no Chinese–Latin spacing. For
    /// renderers that cannot place single glyphs (the long image).
    pub plain: bool,
}

#[derive(Debug, Clone)]
struct Atom {
    text: String,
    role: FontRole,
    size: f32,
    width: f32,
    chars: usize,
    space: bool,
    /// A Han character (or kana), which takes Chinese–Latin spacing next to a word.
    han: bool,
    /// A full-width punctuation mark and its ink side.
    punct: Option<Ink>,
}

/// Where a full-width punctuation mark's ink sits in its em box (GB style): the other half is
/// blank and may be taken away.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ink {
    /// 。，、；：？！ and the closing brackets and quotes.
    Left,
    /// The opening brackets and quotes.
    Right,
}

/// Full-width marks whose ink is on the left.
const INK_LEFT: &str = "。，、；：？！）》」』】〕〉”’";
/// Full-width marks whose ink is on the right.
const INK_RIGHT: &str = "（《「『【〔〈“‘";

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '.' | ',' | '%' | '-' | '/' | ':' | '_' | '@' | '#' | '+' | '=' | '&' | '?' | '~'
        )
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF | 0x3040..=0x30FF)
}

fn atoms(fonts: &FontSet, spans: &[Span], spacing: f32, plain: bool) -> Vec<Atom> {
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
                han: false,
                punct: None,
            });
        };
        for c in span.text.chars() {
            if is_word_char(c) {
                word.push(c);
                continue;
            }
            flush(&mut word, &mut out);
            let advance = fonts.char_advance(span.role, c);
            // Only a mark set full width has a blank half to take away.
            let punct = if plain || advance < 0.9 {
                None
            } else if INK_LEFT.contains(c) {
                Some(Ink::Left)
            } else if INK_RIGHT.contains(c) {
                Some(Ink::Right)
            } else {
                None
            };
            out.push(Atom {
                text: c.to_string(),
                role: span.role,
                size: span.size,
                width: advance * span.size + spacing,
                chars: 1,
                space: c == ' ',
                han: !plain && is_han(c),
                punct,
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
                    han: false,
                    punct: None,
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

/// The space between two atoms on one line: its natural width and the least it may shrink to.
/// Adjacent full-width punctuation loses half an em (CLREQ, GB/T 15834): the blank right half of
/// a left-inked mark, else the blank left half of a right-inked one that follows. A Han
/// character next to a Latin word or number gets a quarter em, which may shrink to an eighth.
fn gap(a: &Atom, b: &Atom) -> (f32, f32) {
    if halves(a, b) {
        return (-0.5 * a.size, -0.5 * a.size);
    }
    let word = |x: &Atom| {
        !x.han && x.punct.is_none() && !x.space && x.chars > 0 && {
            let c = first_char(x);
            c.is_ascii_alphanumeric()
        }
    };
    if (a.han && word(b)) || (word(a) && b.han) {
        let em = a.size.max(b.size);
        return (0.25 * em, 0.125 * em);
    }
    (0.0, 0.0)
}

/// Whether `a` sets at half width before `b`: a left-inked mark loses its blank right half
/// before any mark; a right-inked one before another right-inked one, its ink then standing
/// in the blank left half of the next. Either way the pair takes 1.5 em.
fn halves(a: &Atom, b: &Atom) -> bool {
    matches!(
        (a.punct, b.punct),
        (Some(Ink::Left), Some(_)) | (Some(Ink::Right), Some(Ink::Right))
    )
}

/// What a line may give up to fit: at its end, the blank half of a left-inked mark.
fn end_shrink(a: &Atom) -> f32 {
    if a.punct == Some(Ink::Left) {
        0.5 * a.size
    } else {
        0.0
    }
}

/// Natural and least width of `atoms[start..end]` as one line.
fn span_width(atoms: &[Atom], start: usize, end: usize) -> (f32, f32) {
    let mut natural = 0.0;
    let mut least = 0.0;
    for i in start..end {
        natural += atoms[i].width;
        least += atoms[i].width;
        if i > start {
            let (n, l) = gap(&atoms[i - 1], &atoms[i]);
            natural += n;
            least += l;
        }
    }
    if end > start {
        least -= end_shrink(&atoms[end - 1]);
    }
    (natural, least)
}

/// Where each line starts and ends (atom indices), greedy with 避头尾.
fn break_ranges(atoms: &[Atom], m: Measure, hang: f32) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut start = 0;
    while start < atoms.len() {
        let avail = m.width
            - if ranges.is_empty() {
                m.first_indent
            } else {
                hang
            };
        let mut end = start + 1;
        while end < atoms.len() && span_width(atoms, start, end + 1).1 <= avail + 0.01 {
            end += 1;
        }
        if end < atoms.len() {
            // Step back to the nearest allowed break; keep the greedy break if there is none.
            let mut b = end;
            while b > start + 1 && !can_break_before(atoms, b) {
                b -= 1;
            }
            if b > start + 1 || can_break_before(atoms, b) {
                end = b;
            }
        }
        ranges.push((start, end));
        start = end;
        // A space that caused the break is not carried to the next line.
        while start < atoms.len() && atoms[start].space {
            start += 1;
        }
    }
    ranges
}

/// The punctuation inside a line that may give up half an em to take one more character: the
/// left-inked marks not already compressed against a neighbour.
fn inner_shrink(atoms: &[Atom], start: usize, end: usize) -> Vec<usize> {
    (start..end.saturating_sub(1))
        .filter(|&i| {
            atoms[i].punct == Some(Ink::Left)
                && atoms[i + 1].punct.is_none()
                && (i == start || atoms[i - 1].punct.is_none())
        })
        .collect()
}

/// No paragraph ends in one character (孤字): pull it back by compressing punctuation of the
/// line before, else push a character down to it.
fn avoid_single(
    atoms: &[Atom],
    ranges: &mut Vec<(usize, usize)>,
    m: Measure,
    hang: f32,
) -> Option<Vec<usize>> {
    let n = ranges.len();
    if n < 2 {
        return None;
    }
    let (ls, le) = ranges[n - 1];
    let single: usize = atoms[ls..le].iter().map(|a| a.chars).sum();
    if single != 1 || !atoms[ls].han {
        return None;
    }
    let (ps, pe) = ranges[n - 2];
    let avail = m.width - if n == 2 { m.first_indent } else { hang };
    let (_, least) = span_width(atoms, ps, le);
    let marks = inner_shrink(atoms, ps, le);
    let over = least - avail;
    let needed = (over / (0.5 * atoms[ls].size)).ceil().max(0.0) as usize;
    if over > 0.0 && needed <= marks.len() {
        ranges[n - 2] = (ps, le);
        ranges.pop();
        return Some(marks[marks.len() - needed..].to_vec());
    }
    if pe - ps >= 3 && can_break_before(atoms, pe - 1) {
        ranges[n - 2] = (ps, pe - 1);
        ranges[n - 1] = (pe - 1, le);
    }
    None
}

/// Breaks a paragraph into lines no wider than `m.width`.
pub fn break_paragraph(fonts: &FontSet, spans: &[Span], m: Measure) -> Vec<SetLine> {
    break_paragraph_with(fonts, spans, m, Setting::default())
}

/// Breaks a paragraph into lines, with a hanging indent or plain advances as `setting` says.
pub fn break_paragraph_with(
    fonts: &FontSet,
    spans: &[Span],
    m: Measure,
    setting: Setting,
) -> Vec<SetLine> {
    let atoms = split_oversized(
        fonts,
        atoms(fonts, spans, m.spacing, setting.plain),
        m.width,
        m.spacing,
    );
    let mut ranges = break_ranges(&atoms, m, setting.hang);
    let squeezed = avoid_single(&atoms, &mut ranges, m, setting.hang).unwrap_or_default();
    let count = ranges.len();
    ranges
        .into_iter()
        .enumerate()
        .map(|(i, (start, end))| {
            let indent = if i == 0 { m.first_indent } else { setting.hang };
            let is_last = i + 1 == count;
            set_line(&atoms, start, end, m, indent, is_last, &squeezed)
        })
        .collect()
}

/// Sets `atoms[start..end]` as one line: the gaps, then what must shrink to fit, then the
/// justification spread over the characters.
fn set_line(
    atoms: &[Atom],
    start: usize,
    mut end: usize,
    m: Measure,
    indent: f32,
    is_last: bool,
    squeezed: &[usize],
) -> SetLine {
    // Spaces at a line's end are not set.
    while end > start + 1 && atoms[end - 1].space {
        end -= 1;
    }
    let avail = m.width - indent;
    let count = end - start;
    // Per atom: the space after it (Chinese–Latin), and whether it sets at half width.
    let mut kerns: Vec<f32> = vec![0.0; count];
    let mut half: Vec<bool> = vec![false; count];
    let mut shrinkable = 0.0;
    for i in start + 1..end {
        if halves(&atoms[i - 1], &atoms[i]) {
            half[i - 1 - start] = true;
            continue;
        }
        let (n, l) = gap(&atoms[i - 1], &atoms[i]);
        kerns[i - 1 - start] = n;
        shrinkable += n - l;
    }
    for &i in squeezed.iter().filter(|&&i| i >= start && i + 1 < end) {
        half[i - start] = true;
    }
    let width = |kerns: &[f32], half: &[bool]| -> f32 {
        atoms[start..end]
            .iter()
            .zip(kerns.iter().zip(half))
            .map(|(a, (k, h))| a.width + k - if *h { 0.5 * a.size } else { 0.0 })
            .sum()
    };
    let mut natural = width(&kerns, &half);
    if natural > avail + 0.01 && shrinkable > 0.0 {
        // Chinese–Latin spaces shrink first, evenly, down to an eighth of an em.
        let k = ((natural - avail) / shrinkable).min(1.0);
        for i in start + 1..end {
            let (n, l) = gap(&atoms[i - 1], &atoms[i]);
            if n > l && !halves(&atoms[i - 1], &atoms[i]) {
                kerns[i - 1 - start] -= (n - l) * k;
            }
        }
        natural = width(&kerns, &half);
    }
    if natural > avail + 0.01 && end_shrink(&atoms[end - 1]) > 0.0 && !half[count - 1] {
        // Then the line's last mark sets half width.
        half[count - 1] = true;
        natural = width(&kerns, &half);
    }
    let chars: usize = atoms[start..end].iter().map(|a| a.chars).sum();
    let spacing = if m.justify && !is_last && chars > 1 {
        m.spacing + (avail - natural) / (chars - 1) as f32
    } else {
        m.spacing
    };
    SetLine {
        spans: merge(&atoms[start..end], &kerns, &half),
        indent,
        natural,
        spacing,
        chars,
    }
}

fn merge(atoms: &[Atom], kerns: &[f32], half: &[bool]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    for ((a, k), h) in atoms.iter().zip(kerns).zip(half) {
        match spans.last_mut() {
            Some(s) if s.role == a.role && s.size == a.size => s.text.push_str(&a.text),
            _ => spans.push(Span::new(a.text.clone(), a.role, a.size)),
        }
        if let Some(s) = spans.last_mut() {
            let last = s.text.chars().count() - 1;
            if k.abs() > 0.001 {
                s.kerns.push((last, *k));
            }
            if *h {
                s.halves.push(last);
            }
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

    #[test]
    fn adjacent_punctuation_takes_one_and_a_half_ems_with_the_first_mark_at_half_width() {
        let lines = set("见附件》（试行）。”其余", GRID);
        let spans = &lines[0].spans;
        let text = &spans[0].text;
        let half: Vec<char> = spans[0]
            .halves
            .iter()
            .filter_map(|i| text.chars().nth(*i))
            .collect();
        // 》 before （, ） before 。, 。 before ”: each first mark at half width.
        assert_eq!(half, vec!['》', '）', '。'], "{spans:?}");
        // 12 characters on the grid's spacing, 3 of them half an em narrower.
        let w = lines[0].natural;
        let want = 12.0 * (16.0 + GRID.spacing) - 3.0 * 8.0;
        assert!((w - want).abs() < 0.01, "{w} {want}");
    }

    #[test]
    fn a_han_character_next_to_a_number_gets_a_quarter_em() {
        let lines = set("共2016件", GRID);
        let kerns = &lines[0].spans[0].kerns;
        assert_eq!(kerns.len(), 2, "{kerns:?}");
        assert!(
            kerns.iter().all(|(_, k)| (*k - 4.0).abs() < 0.01),
            "{kerns:?}"
        );
    }

    #[test]
    fn no_paragraph_ends_in_a_single_character() {
        // 28 characters fill a line; a 29th would stand alone.
        for text in [
            format!("{}政", "公".repeat(28)),
            format!("{}，{}。政", "公".repeat(13), "开".repeat(13)),
        ] {
            let lines = set(&text, GRID);
            let last = lines.last().map(|l| l.chars).unwrap_or(0);
            assert!(
                last >= 2 || lines.len() == 1,
                "{:?}",
                lines.iter().map(SetLine::text).collect::<Vec<_>>()
            );
            assert_eq!(lines.iter().map(SetLine::text).collect::<String>(), text);
            for l in &lines {
                assert!(l.width(GRID.spacing) <= GRID.width + 0.05, "{}", l.text());
            }
        }
    }

    #[test]
    fn a_hanging_indent_sets_every_line_after_the_first() {
        let m = Measure {
            first_indent: 0.0,
            ..GRID
        };
        let lines = break_paragraph_with(
            &fonts(),
            &[Span::new(
                "附件：".to_string() + &"名".repeat(60),
                FontRole::Fang,
                16.0,
            )],
            m,
            Setting {
                hang: 48.0,
                ..Setting::default()
            },
        );
        assert!(lines.len() >= 3);
        assert_eq!(lines[0].indent, 0.0);
        assert!(lines[1..].iter().all(|l| l.indent == 48.0));
    }
}
