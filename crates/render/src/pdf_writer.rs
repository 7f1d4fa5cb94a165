//! Writes a laid-out document as PDF with printpdf: embedded subset fonts, vector charts with
//! real text, bookmarks and document metadata.

use crate::chart::drawing::{Anchor, Prim};
use crate::error::RenderError;
use crate::fonts::{FontFile, FontRole, FontSet};
use crate::layout::geometry::{PAGE_H, PAGE_W};
use crate::layout::linebreak::Span;
use crate::layout::{Document, Item, Rgb};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, Rect, TextItem, TextMatrix,
    WindingOrder,
};
use std::collections::{BTreeMap, BTreeSet};

/// Document information written into the PDF.
#[derive(Debug, Clone, Default)]
pub struct DocInfo {
    /// Title.
    pub title: String,
    /// Author: the drafting unit.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Creation time as a Unix timestamp.
    pub created_unix: i64,
}

/// Which font draws a piece of text: a role's font, or the fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FontKey {
    Role(u8),
    Fallback,
}

impl FontKey {
    /// The file behind the key; `None` only for the fallback when none is installed.
    pub(crate) fn file(self, set: &FontSet) -> Option<&FontFile> {
        match self {
            FontKey::Role(i) => Some(set.get(FontRole::ALL[i as usize])),
            FontKey::Fallback => set.fallback(),
        }
    }
}

fn role_key(role: FontRole) -> FontKey {
    FontKey::Role(FontRole::ALL.iter().position(|r| *r == role).unwrap_or(0) as u8)
}

struct Fonts<'a> {
    set: &'a FontSet,
    ids: BTreeMap<FontKey, FontId>,
}

impl Fonts<'_> {
    fn file(&self, key: FontKey) -> Option<&FontFile> {
        key.file(self.set)
    }
}

/// Splits text into runs by the font that has each character: the role's, else the fallback.
/// The page preview uses it too, so that both pick the same font for every character.
pub(crate) fn runs(set: &FontSet, role: FontRole, text: &str) -> Vec<(FontKey, String)> {
    let mut out: Vec<(FontKey, String)> = Vec::new();
    for c in text.chars() {
        let key = if set.get(role).covers(c) || c.is_whitespace() {
            role_key(role)
        } else if set.fallback().is_some_and(|f| f.covers(c)) {
            FontKey::Fallback
        } else {
            role_key(role)
        };
        match out.last_mut() {
            Some((k, s)) if *k == key => s.push(c),
            _ => out.push((key, c.to_string())),
        }
    }
    out
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_H - y_from_top),
    }
}

/// Every (font, text) the document will show, to know which fonts to embed and what falls back.
fn used_text(doc: &Document) -> Vec<(FontRole, String)> {
    let mut out = Vec::new();
    for page in &doc.pages {
        for item in &page.items {
            match item {
                Item::Text { spans, .. } => {
                    out.extend(spans.iter().map(|s| (s.role, s.text.clone())))
                }
                Item::Chart { drawing, .. } => {
                    for p in &drawing.prims {
                        if let Prim::Text { text, bold, .. } = p {
                            let role = if *bold {
                                FontRole::HeiBold
                            } else {
                                FontRole::Hei
                            };
                            out.push((role, text.clone()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

struct Writer<'a> {
    fonts: &'a Fonts<'a>,
    ops: Vec<Op>,
}

impl Writer<'_> {
    fn text(&mut self, x: f32, y: f32, spans: &[Span], spacing: f32, fill: Rgb, rotate: f32) {
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFillColor { col: color(fill) });
        self.ops.push(Op::SetCharacterSpacing {
            multiplier: spacing,
        });
        let mut cursor = x;
        for span in spans {
            for (key, text) in runs(self.fonts.set, span.role, &span.text) {
                let Some(id) = self.fonts.ids.get(&key) else {
                    continue;
                };
                let width: f32 = match self.fonts.file(key) {
                    Some(f) => {
                        text.chars()
                            .map(|c| f.advance(c).unwrap_or(1.0))
                            .sum::<f32>()
                            * span.size
                    }
                    None => 0.0,
                } + spacing * text.chars().count() as f32;
                self.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(id.clone()),
                    size: Pt(span.size),
                });
                let (px, py) = if rotate == 0.0 {
                    (cursor, y)
                } else {
                    let a = rotate.to_radians();
                    (x + (cursor - x) * a.cos(), y - (cursor - x) * a.sin())
                };
                let matrix = if rotate == 0.0 {
                    TextMatrix::Translate(Pt(px), Pt(PAGE_H - py))
                } else {
                    TextMatrix::TranslateRotate(Pt(px), Pt(PAGE_H - py), rotate)
                };
                self.ops.push(Op::SetTextMatrix { matrix });
                self.ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text)],
                });
                cursor += width;
            }
        }
        self.ops.push(Op::EndTextSection);
    }

    fn line(&mut self, points: &[(f32, f32)], stroke: Rgb, width: f32, closed: bool) {
        self.ops.push(Op::SetOutlineColor { col: color(stroke) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        self.ops.push(Op::DrawLine {
            line: Line {
                points: points
                    .iter()
                    .map(|(x, y)| LinePoint {
                        p: point(*x, *y),
                        bezier: false,
                    })
                    .collect(),
                is_closed: closed,
            },
        });
    }

    fn polygon(&mut self, points: &[(f32, f32)], fill: Rgb, stroke: Option<(Rgb, f32)>) {
        self.ops.push(Op::SetFillColor { col: color(fill) });
        let mode = match stroke {
            Some((c, w)) => {
                self.ops.push(Op::SetOutlineColor { col: color(c) });
                self.ops.push(Op::SetOutlineThickness { pt: Pt(w) });
                PaintMode::FillStroke
            }
            None => PaintMode::Fill,
        };
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing {
                    points: points
                        .iter()
                        .map(|(x, y)| LinePoint {
                            p: point(*x, *y),
                            bezier: false,
                        })
                        .collect(),
                }],
                mode,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    fn rect(
        &mut self,
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<(Rgb, f32)>,
    ) {
        if let Some(f) = fill {
            self.ops.push(Op::SetFillColor { col: color(f) });
        }
        if let Some((c, t)) = stroke {
            self.ops.push(Op::SetOutlineColor { col: color(c) });
            self.ops.push(Op::SetOutlineThickness { pt: Pt(t) });
        }
        let mode = match (fill.is_some(), stroke.is_some()) {
            (true, true) => PaintMode::FillStroke,
            (false, true) => PaintMode::Stroke,
            _ => PaintMode::Fill,
        };
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(PAGE_H - y - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    fn chart(&mut self, x0: f32, y0: f32, scale: f32, prims: &[Prim]) {
        for p in prims {
            match p.placed(scale, x0, y0) {
                Prim::Rect {
                    x, y, w, h, fill, ..
                } => self.rect(x, y, w, h, Some(Rgb::hex(&fill)), None),
                Prim::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    stroke,
                    width,
                } => self.line(&[(x1, y1), (x2, y2)], Rgb::hex(&stroke), width, false),
                Prim::Polyline {
                    points,
                    stroke,
                    width,
                } => self.line(&points, Rgb::hex(&stroke), width, false),
                Prim::Polygon { points, fill } => self.polygon(
                    &points,
                    Rgb::hex(&fill),
                    Some((Rgb(1.0, 1.0, 1.0), 2.0 * scale)),
                ),
                Prim::Text {
                    x,
                    y,
                    text,
                    size,
                    fill,
                    anchor,
                    bold,
                    rotate,
                    ..
                } => {
                    let role = if bold {
                        FontRole::HeiBold
                    } else {
                        FontRole::Hei
                    };
                    let w = self.fonts.set.measure(role, &text, size);
                    let shift = match anchor {
                        Anchor::Start => 0.0,
                        Anchor::Middle => w / 2.0,
                        Anchor::End => w,
                    };
                    // SVG rotates clockwise in its y-down space; PDF counter-clockwise in y-up.
                    let angle = -rotate;
                    let (dx, dy) = if rotate == 0.0 {
                        (-shift, 0.0)
                    } else {
                        let a = angle.to_radians();
                        (-shift * a.cos(), shift * a.sin())
                    };
                    self.text(
                        x + dx,
                        y + dy,
                        &[Span::new(text.as_str(), role, size)],
                        0.0,
                        Rgb::hex(&fill),
                        angle,
                    );
                }
            }
        }
    }
}

/// Writes the document; returns the PDF bytes and the characters that had to fall back.
pub fn write_pdf(
    doc: &Document,
    fonts: &FontSet,
    info: &DocInfo,
) -> Result<(Vec<u8>, Vec<char>), RenderError> {
    let mut keys = BTreeSet::new();
    let mut fallback_chars = BTreeSet::new();
    for (role, text) in used_text(doc) {
        for (key, run) in runs(fonts, role, &text) {
            if key == FontKey::Fallback {
                fallback_chars.extend(run.chars());
            }
            keys.insert(key);
        }
    }
    let mut pdf = PdfDocument::new(&info.title);
    let mut ids = BTreeMap::new();
    for key in keys {
        let file = match key {
            FontKey::Role(i) => fonts.get(FontRole::ALL[i as usize]),
            FontKey::Fallback => match fonts.fallback() {
                Some(f) => f,
                None => continue,
            },
        };
        let parsed = ParsedFont::from_bytes(&file.bytes, file.index as usize, &mut Vec::new())
            .ok_or_else(|| RenderError::FontBroken {
                path: file.path.clone(),
            })?;
        ids.insert(key, pdf.add_font(&parsed));
    }
    let fonts_used = Fonts { set: fonts, ids };
    let mut pages = Vec::with_capacity(doc.pages.len());
    for page in &doc.pages {
        let mut w = Writer {
            fonts: &fonts_used,
            ops: Vec::new(),
        };
        for item in &page.items {
            match item {
                Item::Text {
                    x,
                    y,
                    spans,
                    spacing,
                    color,
                } => w.text(*x, *y, spans, *spacing, *color, 0.0),
                Item::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    color,
                } => w.line(&[(*x1, *y1), (*x2, *y2)], *color, *width, false),
                Item::Rect {
                    x,
                    y,
                    w: rw,
                    h,
                    fill,
                    stroke,
                } => w.rect(*x, *y, *rw, *h, *fill, *stroke),
                Item::Chart {
                    x,
                    y,
                    scale,
                    drawing,
                } => w.chart(*x, *y, *scale, &drawing.prims),
            }
        }
        pages.push(PdfPage::new(
            Mm(PAGE_W / crate::layout::geometry::MM),
            Mm(PAGE_H / crate::layout::geometry::MM),
            w.ops,
        ));
    }
    pdf.with_pages(pages);
    for entry in &doc.outline {
        pdf.add_bookmark(&entry.title, entry.page + 1);
    }
    let meta = &mut pdf.metadata.info;
    meta.author = info.author.clone();
    meta.subject = info.subject.clone();
    meta.keywords = info.keywords.clone();
    meta.creator = "Jiedu 解读".into();
    meta.producer = "Jiedu 解读 (printpdf)".into();
    if let Ok(t) = printpdf::DateTime::from_unix_timestamp(info.created_unix) {
        meta.creation_date = t;
        meta.modification_date = t;
        meta.metadata_date = t;
    }
    let bytes = pdf.save(&PdfSaveOptions::default(), &mut Vec::new());
    Ok((bytes, fallback_chars.into_iter().collect()))
}
