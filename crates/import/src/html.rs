//! Pasted or saved HTML: the tags are removed (block elements become line breaks, table cells
//! tabs), scripts, styles and comments are dropped, and character entities are decoded. The
//! text that remains is read like any pasted text.

/// Tags that end a line of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "tr",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "title",
    "ul",
    "ol",
    "dd",
    "dt",
    "dl",
    "blockquote",
    "pre",
    "hr",
    "center",
    "form",
    "nav",
    "main",
    "aside",
    "tbody",
    "thead",
];
/// Tags whose content is never text.
const SKIPPED: &[&str] = &["script", "style", "head", "noscript", "template", "svg"];
/// Tags seen in pasted documents; two or more of them make a text HTML.
const KNOWN_TAGS: &[&str] = &[
    "p", "div", "br", "span", "table", "tr", "td", "th", "li", "font", "strong", "b", "a", "html",
    "body", "h1", "h2", "h3", "h4", "section", "article", "meta", "center", "img",
];

/// What stripping did.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Stripped {
    /// The text, one line per block element.
    pub text: String,
    /// Tags removed.
    pub tags: usize,
    /// Entities decoded.
    pub entities: usize,
}

/// Whether `text` is HTML rather than text that mentions a `<`.
pub(crate) fn looks_like_html(text: &str) -> bool {
    let mut found = 0;
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name = tag_name(rest.strip_prefix('/').unwrap_or(rest));
        if KNOWN_TAGS.contains(&name.as_str()) {
            found += 1;
            if found >= 2 {
                return true;
            }
        }
    }
    false
}

/// The lower-case name at the start of a tag body: `p class=…` → `p`.
fn tag_name(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// HTML pasted into a Word document: each paragraph's markup removed, its block elements
/// made paragraphs of their own. Returns the blocks and the tags and entities removed.
pub(crate) fn strip_blocks(blocks: Vec<crate::block::Block>) -> (Vec<crate::block::Block>, usize) {
    let all: String = blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    if !looks_like_html(&all) {
        return (blocks, 0);
    }
    let mut removed = 0;
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        if block.hint != crate::block::Hint::Plain || !block.text.contains(['<', '&']) {
            out.push(block);
            continue;
        }
        let s = strip(&block.text);
        removed += s.tags + s.entities;
        for line in s.text.split('\n').filter(|l| !l.trim().is_empty()) {
            out.push(crate::block::Block::new(
                line, block.line, false, block.hint,
            ));
        }
    }
    (out, removed)
}

/// Removes the markup of `html`.
pub(crate) fn strip(html: &str) -> Stripped {
    let mut out = Stripped::default();
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while !rest.is_empty() {
        let Some(i) = rest.find('<') else {
            if skipping.is_none() {
                push_text(&mut text, rest);
            }
            break;
        };
        if skipping.is_none() {
            push_text(&mut text, &rest[..i]);
        }
        rest = &rest[i..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |j| &after[j + 3..]);
            out.tags += 1;
            continue;
        }
        let end = rest.find('>');
        let body = &rest[1..end.unwrap_or(rest.len())];
        let closing = body.starts_with('/');
        let name = tag_name(body.trim_start_matches(['/', '!']));
        // A `<` that opens no tag (`a < b`) is text.
        if name.is_empty() && !body.starts_with('!') {
            if skipping.is_none() {
                text.push('<');
            }
            rest = &rest[1..];
            continue;
        }
        out.tags += 1;
        rest = end.map_or("", |j| &rest[j + 1..]);
        match &skipping {
            Some(skipped) if closing && *skipped == name => skipping = None,
            Some(_) => {}
            None if SKIPPED.contains(&name.as_str()) && !closing && !body.ends_with('/') => {
                skipping = Some(name)
            }
            None if BLOCK_TAGS.contains(&name.as_str()) => text.push('\n'),
            None if (name == "td" || name == "th") && !closing => text.push('\t'),
            None => {}
        }
    }
    let (decoded, entities) = decode_entities(&text);
    out.entities = entities;
    out.text = decoded
        .split('\n')
        .map(|l| l.trim_matches(|c: char| c == '\r' || c == '\t' || c == ' '))
        .collect::<Vec<_>>()
        .join("\n");
    out
}

/// Decodes named and numeric character references; returns the text and how many it decoded.
pub(crate) fn decode_entities(text: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let semi = rest[1..].find(';').map(|j| j + 1).filter(|j| *j <= 10);
        let decoded = semi.and_then(|j| entity(&rest[1..j]));
        match (semi, decoded) {
            (Some(j), Some(c)) => {
                out.push(c);
                count += 1;
                rest = &rest[j + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    (out, count)
}

/// Text between tags. Source line breaks are kept: pasted HTML often mixes plain lines with
/// tags, and a break that split a paragraph is joined again later like any soft break.
fn push_text(out: &mut String, text: &str) {
    out.push_str(text);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(value);
    }
    Some(match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "times" => '×',
        "copy" => '©',
        "reg" => '®',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_and_blocks_become_lines() {
        let html = "<html><head><style>p{color:red}</style></head><body>\n<div class=\"title\">关于X的通知</div>\n<p>各区人民政府：</p><p>&nbsp;&nbsp;为了&ldquo;放管服&rdquo;改革，<span>现通知</span>如下。<br>一、总体要求</p><script>var a = '<p>';</script></body></html>";
        assert!(looks_like_html(html));
        let s = strip(html);
        let lines: Vec<&str> = s.text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(
            lines,
            [
                "关于X的通知",
                "各区人民政府：",
                "为了“放管服”改革，现通知如下。",
                "一、总体要求"
            ]
        );
        assert!(s.tags > 10);
        assert_eq!(s.entities, 4);
    }

    #[test]
    fn text_that_mentions_brackets_is_not_html() {
        assert!(!looks_like_html("当 a < b 且 c > d 时"));
        assert!(!looks_like_html("《关于X的通知》"));
        let s = strip("a < b <p>c");
        assert_eq!(s.text, "a < b\nc");
    }
}
