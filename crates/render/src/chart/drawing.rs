//! The chart's one intermediate form: a display list of shapes and text in canvas pixels.
//! SVG (and so PNG) and the PDF's vector pages are both drawn from it.

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
    /// Fill colour, `#rrggbb`.
    pub fill: &'a str,
    /// Alignment.
    pub anchor: Anchor,
    /// Bold weight.
    pub bold: bool,
    /// Rotation in degrees about the anchor point.
    pub rotate: f32,
}

/// One drawn element. Colours are `#rrggbb`.
#[derive(Debug, Clone, PartialEq)]
pub enum Prim {
    /// A filled rectangle, optionally with rounded corners (SVG only).
    Rect {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// Fill.
        fill: String,
        /// Corner radius.
        rx: f32,
    },
    /// A straight line.
    Line {
        /// Start x.
        x1: f32,
        /// Start y.
        y1: f32,
        /// End x.
        x2: f32,
        /// End y.
        y2: f32,
        /// Stroke colour.
        stroke: String,
        /// Stroke width.
        width: f32,
    },
    /// An open polyline.
    Polyline {
        /// Points.
        points: Vec<(f32, f32)>,
        /// Stroke colour.
        stroke: String,
        /// Stroke width.
        width: f32,
    },
    /// A filled closed polygon with a white rim (pie slices, dots).
    Polygon {
        /// Points.
        points: Vec<(f32, f32)>,
        /// Fill.
        fill: String,
    },
    /// One line of text with its baseline at y.
    Text {
        /// Anchor x.
        x: f32,
        /// Baseline y.
        y: f32,
        /// The text.
        text: String,
        /// Family name for SVG.
        family: String,
        /// Size.
        size: f32,
        /// Fill.
        fill: String,
        /// Alignment.
        anchor: Anchor,
        /// Bold.
        bold: bool,
        /// Rotation in degrees about (x, y).
        rotate: f32,
    },
    /// A photograph scaled into a box: only the 一图读懂 long image has them, and it is only
    /// drawn through SVG, so the PDF and OFD chart writers never meet one.
    Picture {
        /// Left.
        x: f32,
        /// Top.
        y: f32,
        /// Width.
        w: f32,
        /// Height.
        h: f32,
        /// The image as a `data:` URL (PNG or JPEG).
        href: std::sync::Arc<str>,
    },
}

/// A chart drawing: its size and elements in paint order.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    /// Width in px.
    pub width: f32,
    /// Height in px.
    pub height: f32,
    /// Elements, painted in order over a white background.
    pub prims: Vec<Prim>,
}

impl Prim {
    /// The element scaled by `scale` about the origin, then moved by (`dx`, `dy`): how a
    /// drawing is placed inside a larger one (the long image) or on a page (the PDF).
    pub fn placed(&self, scale: f32, dx: f32, dy: f32) -> Prim {
        let pt = |(x, y): &(f32, f32)| (x * scale + dx, y * scale + dy);
        match self {
            Prim::Rect {
                x,
                y,
                w,
                h,
                fill,
                rx,
            } => Prim::Rect {
                x: x * scale + dx,
                y: y * scale + dy,
                w: w * scale,
                h: h * scale,
                fill: fill.clone(),
                rx: rx * scale,
            },
            Prim::Line {
                x1,
                y1,
                x2,
                y2,
                stroke,
                width,
            } => Prim::Line {
                x1: x1 * scale + dx,
                y1: y1 * scale + dy,
                x2: x2 * scale + dx,
                y2: y2 * scale + dy,
                stroke: stroke.clone(),
                width: width * scale,
            },
            Prim::Polyline {
                points,
                stroke,
                width,
            } => Prim::Polyline {
                points: points.iter().map(pt).collect(),
                stroke: stroke.clone(),
                width: width * scale,
            },
            Prim::Polygon { points, fill } => Prim::Polygon {
                points: points.iter().map(pt).collect(),
                fill: fill.clone(),
            },
            Prim::Text {
                x,
                y,
                text,
                family,
                size,
                fill,
                anchor,
                bold,
                rotate,
            } => Prim::Text {
                x: x * scale + dx,
                y: y * scale + dy,
                text: text.clone(),
                family: family.clone(),
                size: size * scale,
                fill: fill.clone(),
                anchor: *anchor,
                bold: *bold,
                rotate: *rotate,
            },
            Prim::Picture { x, y, w, h, href } => Prim::Picture {
                x: x * scale + dx,
                y: y * scale + dy,
                w: w * scale,
                h: h * scale,
                href: href.clone(),
            },
        }
    }
}

/// Points on a circle, for dots and arcs (PDF has no arcs, SVG gets the same polygon).
pub fn arc_points(cx: f32, cy: f32, r: f32, from: f32, to: f32) -> Vec<(f32, f32)> {
    let steps = (((to - from).abs() / (std::f32::consts::PI / 90.0)).ceil() as usize).max(2);
    (0..=steps)
        .map(|i| {
            let a = from + (to - from) * i as f32 / steps as f32;
            (cx + r * a.cos(), cy + r * a.sin())
        })
        .collect()
}

impl Drawing {
    /// Starts a drawing of the given size.
    pub fn new(width: f32, height: f32) -> Self {
        Drawing {
            width,
            height,
            prims: Vec::new(),
        }
    }

    /// A filled rectangle.
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: &str, rx: f32) {
        self.prims.push(Prim::Rect {
            x,
            y,
            w: w.max(0.0),
            h: h.max(0.0),
            fill: fill.into(),
            rx,
        });
    }

    /// A straight line.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, stroke: &str, width: f32) {
        self.prims.push(Prim::Line {
            x1,
            y1,
            x2,
            y2,
            stroke: stroke.into(),
            width,
        });
    }

    /// A polyline through points.
    pub fn polyline(&mut self, points: &[(f32, f32)], stroke: &str, width: f32) {
        self.prims.push(Prim::Polyline {
            points: points.to_vec(),
            stroke: stroke.into(),
            width,
        });
    }

    /// A filled circle with a white rim.
    pub fn dot(&mut self, cx: f32, cy: f32, r: f32, fill: &str) {
        let points = arc_points(cx, cy, r, 0.0, std::f32::consts::TAU);
        self.polygon(points, fill);
    }

    /// A filled polygon with a white rim.
    pub fn polygon(&mut self, points: Vec<(f32, f32)>, fill: &str) {
        self.prims.push(Prim::Polygon {
            points,
            fill: fill.into(),
        });
    }

    /// One line of text with its baseline at y.
    pub fn text(&mut self, x: f32, y: f32, text: &str, style: &TextStyle<'_>) {
        self.prims.push(Prim::Text {
            x,
            y,
            text: text.into(),
            family: style.family.into(),
            size: style.size,
            fill: style.fill.into(),
            anchor: style.anchor,
            bold: style.bold,
            rotate: style.rotate,
        });
    }

    /// The drawing as an SVG document.
    pub fn to_svg(&self) -> String {
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">\n<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n",
            w = num(self.width),
            h = num(self.height)
        );
        for prim in &self.prims {
            write_prim(&mut out, prim);
        }
        out.push_str("</svg>\n");
        out
    }
}

fn points_attr(points: &[(f32, f32)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Appends one element as an SVG line; the page preview writes a chart's elements with it.
pub(crate) fn write_prim(out: &mut String, prim: &Prim) {
    let _ = match prim {
        Prim::Picture { x, y, w, h, href } => writeln!(
            out,
            r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="xMidYMid slice" href="{}"/>"#,
            num(*x),
            num(*y),
            num(*w),
            num(*h),
            escape(href)
        ),
        Prim::Rect {
            x,
            y,
            w,
            h,
            fill,
            rx,
        } => writeln!(
            out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{fill}"/>"#,
            num(*x),
            num(*y),
            num(*w),
            num(*h),
            num(*rx)
        ),
        Prim::Line {
            x1,
            y1,
            x2,
            y2,
            stroke,
            width,
        } => writeln!(
            out,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{stroke}" stroke-width="{}"/>"#,
            num(*x1),
            num(*y1),
            num(*x2),
            num(*y2),
            num(*width)
        ),
        Prim::Polyline {
            points,
            stroke,
            width,
        } => writeln!(
            out,
            r#"<polyline points="{}" fill="none" stroke="{stroke}" stroke-width="{}" stroke-linejoin="round" stroke-linecap="round"/>"#,
            points_attr(points),
            num(*width)
        ),
        Prim::Polygon { points, fill } => writeln!(
            out,
            r##"<polygon points="{}" fill="{fill}" stroke="#ffffff" stroke-width="2" stroke-linejoin="round"/>"##,
            points_attr(points)
        ),
        Prim::Text {
            x,
            y,
            text,
            family,
            size,
            fill,
            anchor,
            bold,
            rotate,
        } => {
            let anchor = match anchor {
                Anchor::Start => "start",
                Anchor::Middle => "middle",
                Anchor::End => "end",
            };
            let weight = if *bold { r#" font-weight="bold""# } else { "" };
            let rotate = if *rotate != 0.0 {
                format!(
                    r#" transform="rotate({} {} {})""#,
                    num(*rotate),
                    num(*x),
                    num(*y)
                )
            } else {
                String::new()
            };
            writeln!(
                out,
                r#"<text x="{}" y="{}" font-family="{}" font-size="{}" fill="{fill}" text-anchor="{anchor}"{weight}{rotate}>{}</text>"#,
                num(*x),
                num(*y),
                escape(family),
                num(*size),
                escape(text)
            )
        }
    };
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
