//! The visible widget's appearance stream: a frame and a few lines of ASCII text.
//!
//! Standard Helvetica has no CJK glyphs and embedding a font here would duplicate the one the
//! caller already embeds, so Chinese names are printed in the page content by the caller.

/// Red, as on a paper seal.
const INK: &str = "0.75 0.1 0.1";

/// The body of a Form XObject `w` x `h` points drawing a frame and `lines` top to bottom.
/// Characters outside printable ASCII are dropped from the lines.
pub(crate) fn form_xobject(width: f32, height: f32, lines: &[String]) -> Vec<u8> {
    let font_size = (height / (lines.len() as f32 + 1.0)).clamp(4.0, 12.0);
    let leading = font_size * 1.25;
    let mut content = format!(
        "q\n{INK} RG 1 w\n0.5 0.5 {:.2} {:.2} re S\n",
        (width - 1.0).max(0.0),
        (height - 1.0).max(0.0),
    );
    if !lines.is_empty() {
        content.push_str(&format!(
            "BT\n/F1 {font_size:.2} Tf {INK} rg\n4 {:.2} Td\n",
            height - 4.0 - font_size
        ));
    }
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            content.push_str(&format!("0 {:.2} Td\n", -leading));
        }
        content.push_str(&format!("({}) Tj\n", escape(line)));
    }
    if !lines.is_empty() {
        content.push_str("ET\n");
    }
    content.push('Q');
    let mut body = format!(
        "<< /Type /XObject /Subtype /Form /BBox [0 0 {width:.2} {height:.2}] \
         /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica \
         /Encoding /WinAnsiEncoding >> >> >> /Length {} >>\nstream\n",
        content.len()
    )
    .into_bytes();
    body.extend_from_slice(content.as_bytes());
    body.extend_from_slice(b"\nendstream");
    body
}

/// Whether `s` can be shown with the standard font as is.
pub(crate) fn is_printable_ascii(s: &str) -> bool {
    s.bytes().all(|b| (0x20..0x7f).contains(&b))
}

fn escape(line: &str) -> String {
    let mut out = String::new();
    for c in line.chars().filter(|c| (' '..='~').contains(c)) {
        if matches!(c, '(' | ')' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_matches_the_stream_and_text_is_escaped() {
        let body = form_xobject(200.0, 60.0, &["Signed (by) \\ 张".to_owned()]);
        let text = String::from_utf8(body).expect("ascii");
        assert!(text.contains("(Signed \\(by\\) \\\\ ) Tj"));
        let start = text.find("stream\n").expect("stream") + "stream\n".len();
        let end = text.find("\nendstream").expect("endstream");
        assert!(text.contains(&format!("/Length {}", end - start)));
    }

    #[test]
    fn with_the_caption_on_the_page_the_widget_draws_only_its_frame() {
        // Text of its own would overprint the page's caption (seen on the sign-off page).
        let text = String::from_utf8(form_xobject(200.0, 60.0, &[])).expect("ascii");
        assert!(text.contains(" re S"));
        assert!(!text.contains("BT") && !text.contains("Tj"));
    }
}
