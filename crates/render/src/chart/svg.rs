//! A small SVG writer. Numbers are printed with fixed precision, so the same drawing always
//! gives the same bytes.

use std::fmt::Write;

/// Formats a coordinate: one decimal, no `-0.0`, no trailing `.0`.
pub fn num(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    let r = if r == 0.0 { 0.0 } else { r };
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Escapes text for XML content and attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// Horizontal alignment of a text run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Left-aligned at x.
    Start,
    /// Centred on x.
    Middle,
    /// Right-aligned at x.
    End,
}

/// Text drawing options.
#[derive(Debug, Clone)]
pub struct TextStyle<'a> {
    /// Font family name.
    pub family: &'a str,
    /// Size in px.
    pub size: f32,
    /// Fill colour.
    pub fill: &'a str,
    /// Alignment.
    pub anchor: Anchor,
    /// Bold weight.
    pub bold: bool,
    /// Rotation in degrees about the anchor point.
    pub rotate: f32,
}

/// Accumulates SVG elements.
pub struct Svg {
    body: String,
    width: f32,
    height: f32,
}

impl Svg {
    /// Starts a drawing of the given size.
    pub fn new(width: f32, height: f32) -> Self {
        Svg {
            body: String::new(),
            width,
            height,
        }
    }

    /// A filled rectangle.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: &str, rx: f32) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}"/>"#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            num(rx)
        );
    }

    /// A rectangle outline.
    pub fn rect_stroke(&mut self, x: f32, y: f32, w: f32, h: f32, stroke: &str, width: f32) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="none" stroke="{stroke}" stroke-width="{}"/>"#,
            num(x),
            num(y),
            num(w.max(0.0)),
            num(h.max(0.0)),
            num(width)
        );
    }

    /// A straight line.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, stroke: &str, width: f32) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"/>"#,
            num(x1),
            num(y1),
            num(x2),
            num(y2),
            num(width)
        );
    }

    /// A polyline through points.
    pub fn polyline(&mut self, points: &[(f32, f32)], stroke: &str, width: f32) {
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
            .collect();
        let _ = writeln!(
            self.body,
            r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round"/>"#,
            pts.join(" "),
            num(width)
        );
    }

    /// A filled circle with a white rim.
    pub fn dot(&mut self, cx: f32, cy: f32, r: f32, fill: &str) {
        let _ = writeln!(
            self.body,
            r##"<circle cx="{}" cy="{}" r="{}" fill="{fill}" stroke="#ffffff" stroke-width="2"/>"##,
            num(cx),
            num(cy),
            num(r)
        );
    }

    /// A filled path.
    pub fn path(&mut self, d: &str, fill: &str) {
        let _ = writeln!(
            self.body,
            r##"<path d="{d}" fill="{fill}" stroke="#ffffff" stroke-width="2"/>"##
        );
    }

    /// One line of text with its baseline at y.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: &TextStyle<'_>) {
        let anchor = match style.anchor {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        };
        let weight = if style.bold {
            r#" font-weight="bold""#
        } else {
            ""
        };
        let rotate = if style.rotate != 0.0 {
            format!(
                r#" transform="rotate({} {} {})""#,
                num(style.rotate),
                num(x),
                num(y)
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" font-family="{}" font-size="{}" fill="{}" text-anchor="{anchor}"{weight}{rotate}>{}</text>"#,
            num(x),
            num(y),
            escape(style.family),
            num(style.size),
            style.fill,
            escape(text)
        );
    }

    /// The finished document.
    pub fn finish(self) -> String {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n{}</svg>\n",
            self.body,
            w = num(self.width),
            h = num(self.height)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_stable_and_short() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.34), "12.3");
        assert_eq!(num(-0.01), "0");
        assert_eq!(num(-3.26), "-3.3");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&apos;");
        assert_eq!(escape("a\u{1}b"), "ab");
    }
}
