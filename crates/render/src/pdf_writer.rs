//! Writes a laid-out document as PDF with `pdf-writer`: CID fonts subset with `subsetter`,
//! glyphs placed exactly as laid out (punctuation compression as TJ adjustments), vector charts
//! with real text, bookmarks, document information and the attached signed record.
//!
//! printpdf wrote the same pages in 3–4× the time, most of it subsetting and re-parsing the
//! fonts (scripts/bench-pdf.sh); writing the objects directly also makes the bytes
//! reproducible: the same document gives the same file.

use crate::chart::drawing::{Anchor, Prim};
use crate::error::RenderError;
use crate::fonts::{FontFile, FontRole, FontSet};
use crate::layout::geometry::{PAGE_H, PAGE_W};
use crate::layout::linebreak::Span;
use crate::layout::{Document, Item, Rgb};
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Date, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
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
    /// A file to attach: its name, a description and its bytes (the signed record).
    pub attachment: Option<(String, String, Vec<u8>)>,
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

/// Every (font, text) the document will show, to know which fonts to embed and what falls back.
fn used_text(doc: &Document) -> Vec<(FontRole, &str)> {
    let mut out = Vec::new();
    for page in &doc.pages {
        for item in &page.items {
            match item {
                Item::Text { spans, .. } => {
                    out.extend(spans.iter().map(|s| (s.role, s.text.as_str())))
                }
                Item::Chart { drawing, .. } => {
                    for p in &drawing.prims {
                        if let Prim::Text { text, bold, .. } = p {
                            out.push((chart_role(*bold), text.as_str()));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn chart_role(bold: bool) -> FontRole {
    if bold {
        FontRole::HeiBold
    } else {
        FontRole::Hei
    }
}

/// One font as embedded: its resource name, and each character's glyph in the subset.
struct Embedded<'a> {
    name: String,
    /// The same font with every glyph half an em wide, for compressed punctuation.
    half_name: String,
    file: &'a FontFile,
    face: ttf_parser::Face<'a>,
    /// Character to original glyph id.
    glyphs: BTreeMap<char, u16>,
    remapper: subsetter::GlyphRemapper,
}

impl<'a> Embedded<'a> {
    fn new(name: String, file: &'a FontFile) -> Result<Self, RenderError> {
        let face = ttf_parser::Face::parse(&file.bytes, file.index).map_err(|_| {
            RenderError::FontBroken {
                path: file.path.clone(),
            }
        })?;
        Ok(Embedded {
            half_name: format!("{name}h"),
            name,
            file,
            face,
            glyphs: BTreeMap::new(),
            remapper: subsetter::GlyphRemapper::new(),
        })
    }

    fn add(&mut self, c: char) {
        if self.glyphs.contains_key(&c) {
            return;
        }
        let gid = self.face.glyph_index(c).map_or(0, |g| g.0);
        self.remapper.remap(gid);
        self.glyphs.insert(c, gid);
    }

    /// The two-byte codes (subset glyph ids) of `text`.
    fn encode(&self, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let gid = self
                .glyphs
                .get(&c)
                .and_then(|g| self.remapper.get(*g))
                .unwrap_or(0);
            out.extend_from_slice(&gid.to_be_bytes());
        }
        out
    }

    fn advance(&self, c: char) -> f32 {
        self.file.advance(c).unwrap_or(1.0)
    }
}

/// Deflates a stream: level 6 gives files no larger than Typst's at a fraction of level 9's time.
fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

struct Refs(i32);

impl Refs {
    fn next(&mut self) -> Ref {
        self.0 += 1;
        Ref::new(self.0)
    }
}

/// Writes the document; returns the PDF bytes and the characters that had to fall back.
pub fn write_pdf(
    doc: &Document,
    fonts: &FontSet,
    info: &DocInfo,
) -> Result<(Vec<u8>, Vec<char>), RenderError> {
    // Which fonts are used, and which glyphs of each.
    let mut embedded: BTreeMap<FontKey, Embedded<'_>> = BTreeMap::new();
    let mut fallback_chars = BTreeSet::new();
    for (role, text) in used_text(doc) {
        for (key, run) in runs(fonts, role, text) {
            let Some(file) = key.file(fonts) else {
                continue;
            };
            if key == FontKey::Fallback {
                fallback_chars.extend(run.chars());
            }
            if !embedded.contains_key(&key) {
                let name = format!("F{}", embedded.len());
                embedded.insert(key, Embedded::new(name, file)?);
            }
            if let Some(e) = embedded.get_mut(&key) {
                run.chars().for_each(|c| e.add(c));
            }
        }
    }

    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);
    let mut refs = Refs(0);
    let catalog_id = refs.next();
    let pages_id = refs.next();
    let info_id = refs.next();

    let mut font_refs = Vec::new();
    for e in embedded.values() {
        let (full, half) = write_font(&mut pdf, &mut refs, e)?;
        font_refs.push((e.name.clone(), full));
        font_refs.push((e.half_name.clone(), half));
    }

    let page_ids: Vec<Ref> = doc.pages.iter().map(|_| refs.next()).collect();
    for (page, id) in doc.pages.iter().zip(&page_ids) {
        let mut w = Writer {
            set: fonts,
            embedded: &embedded,
            content: Content::new(),
        };
        for item in &page.items {
            w.item(item);
        }
        let content_id = refs.next();
        let data = deflate(&w.content.finish());
        pdf.stream(content_id, &data).filter(Filter::FlateDecode);
        let mut p = pdf.page(*id);
        p.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(pages_id)
            .contents(content_id);
        let mut resources = p.resources();
        let mut font_dict = resources.fonts();
        for (name, r) in &font_refs {
            font_dict.pair(Name(name.as_bytes()), *r);
        }
    }
    pdf.pages(pages_id)
        .kids(page_ids.iter().copied())
        .count(page_ids.len() as i32);

    let outline_id = write_outline(&mut pdf, &mut refs, doc, &page_ids);
    let attachment = match &info.attachment {
        Some((name, desc, bytes)) => {
            let file_id = refs.next();
            let spec_id = refs.next();
            let data = deflate(bytes);
            let mut file = pdf.embedded_file(file_id, &data);
            file.subtype(Name(b"application/json"))
                .filter(Filter::FlateDecode);
            file.params().size(bytes.len() as i32);
            file.finish();
            pdf.file_spec(spec_id)
                .path(Str(name.as_bytes()))
                .unic_file(TextStr(name))
                .description(TextStr(desc))
                .embedded_file(file_id);
            Some((name.clone(), spec_id))
        }
        None => None,
    };

    let mut catalog = pdf.catalog(catalog_id);
    catalog.pages(pages_id);
    catalog.lang(TextStr("zh-CN"));
    if let Some(id) = outline_id {
        catalog.outlines(id);
    }
    if let Some((name, spec_id)) = &attachment {
        catalog
            .names()
            .embedded_files()
            .names()
            .insert(Str(name.as_bytes()), *spec_id);
    }
    catalog.finish();

    let keywords = info.keywords.join(", ");
    let mut di = pdf.document_info(info_id);
    di.title(TextStr(&info.title))
        .author(TextStr(&info.author))
        .subject(TextStr(&info.subject))
        .keywords(TextStr(&keywords))
        .creator(TextStr("Jiedu 解读"))
        .producer(TextStr("Jiedu 解读 (pdf-writer)"));
    if let Some(date) = pdf_date(info.created_unix) {
        di.creation_date(date).modified_date(date);
    }
    di.finish();
    Ok((pdf.finish(), fallback_chars.into_iter().collect()))
}

fn pdf_date(unix: i64) -> Option<Date> {
    use chrono::{Datelike, Timelike};
    let t = chrono::DateTime::from_timestamp(unix, 0)?;
    Some(
        Date::new(u16::try_from(t.year()).ok()?)
            .month(t.month() as u8)
            .day(t.day() as u8)
            .hour(t.hour() as u8)
            .minute(t.minute() as u8)
            .second(t.second() as u8)
            .utc_offset_hour(0)
            .utc_offset_minute(0),
    )
}

fn write_outline(pdf: &mut Pdf, refs: &mut Refs, doc: &Document, pages: &[Ref]) -> Option<Ref> {
    let entries: Vec<_> = doc
        .outline
        .iter()
        .filter(|e| e.page < pages.len())
        .collect();
    if entries.is_empty() {
        return None;
    }
    let outline_id = refs.next();
    let ids: Vec<Ref> = entries.iter().map(|_| refs.next()).collect();
    for (i, (entry, id)) in entries.iter().zip(&ids).enumerate() {
        let mut item = pdf.outline_item(*id);
        item.title(TextStr(&entry.title)).parent(outline_id);
        if i > 0 {
            item.prev(ids[i - 1]);
        }
        if let Some(next) = ids.get(i + 1) {
            item.next(*next);
        }
        item.dest().page(pages[entry.page]).xyz(0.0, PAGE_H, None);
    }
    pdf.outline(outline_id)
        .first(ids[0])
        .last(ids[ids.len() - 1])
        .count(ids.len() as i32);
    Some(outline_id)
}

/// A six-letter subset tag that depends only on the glyphs kept, so files are reproducible.
fn subset_tag(glyphs: &BTreeMap<char, u16>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for g in glyphs.values() {
        h ^= u64::from(*g);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 5)) % 26) as u8))
        .collect()
}

/// What the Type 0 font dictionaries of one embedded font share: its name, its outline format,
/// its descriptor (and so its program) and its ToUnicode map.
struct CidFace<'a> {
    base: &'a str,
    cff: bool,
    descriptor: Ref,
    cmap: Ref,
}

impl CidFace<'_> {
    /// Writes a Type 0 font with Identity-H codes over this face, every glyph `default_width`
    /// wide unless `widths` says otherwise; returns its reference.
    fn write(
        &self,
        pdf: &mut Pdf,
        refs: &mut Refs,
        default_width: f32,
        widths: &BTreeMap<u16, f32>,
    ) -> Ref {
        let type0 = refs.next();
        let cid = refs.next();
        pdf.type0_font(type0)
            .base_font(Name(self.base.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(self.cmap);
        let mut cid_font = pdf.cid_font(cid);
        cid_font
            .subtype(if self.cff {
                CidFontType::Type0
            } else {
                CidFontType::Type2
            })
            .base_font(Name(self.base.as_bytes()))
            .system_info(SystemInfo {
                registry: Str(b"Adobe"),
                ordering: Str(b"Identity"),
                supplement: 0,
            })
            .font_descriptor(self.descriptor)
            .default_width(default_width);
        if !self.cff {
            cid_font.cid_to_gid_map_predefined(Name(b"Identity"));
        }
        if !widths.is_empty() {
            let mut w = cid_font.widths();
            for (g, width) in widths {
                w.consecutive(*g, [*width]);
            }
        }
        cid_font.finish();
        type0
    }
}

/// Embeds one font as a Type 0 font with Identity-H codes (the subset's glyph ids), widths and a
/// ToUnicode map, and its half-width twin sharing the font program; returns both references.
fn write_font(pdf: &mut Pdf, refs: &mut Refs, e: &Embedded<'_>) -> Result<(Ref, Ref), RenderError> {
    let broken = || RenderError::FontBroken {
        path: e.file.path.clone(),
    };
    let subset =
        subsetter::subset(&e.file.bytes, e.file.index, &e.remapper).map_err(|_| broken())?;
    let cff = e.face.tables().cff.is_some();
    // A CFF font goes in as its bare CFF table (FontFile3/CIDFontType0C), read by every viewer;
    // a TrueType font as the subset file (FontFile2).
    let program = if cff {
        ttf_parser::RawFace::parse(&subset, 0)
            .ok()
            .and_then(|raw| raw.table(ttf_parser::Tag::from_bytes(b"CFF ")))
            .map(<[u8]>::to_vec)
            .ok_or_else(broken)?
    } else {
        subset
    };
    let per_em = f32::from(e.face.units_per_em());
    let scale = |v: i16| f32::from(v) / per_em * 1000.0;
    let postscript = e
        .face
        .names()
        .into_iter()
        .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
        .and_then(|n| n.to_string())
        .filter(|n| n.is_ascii())
        .unwrap_or_else(|| e.file.family.replace(' ', ""));
    let base = format!("{}+{}", subset_tag(&e.glyphs), postscript);

    let descriptor = refs.next();
    let file_id = refs.next();
    let cmap_id = refs.next();
    let face = CidFace {
        base: &base,
        cff,
        descriptor,
        cmap: cmap_id,
    };
    // Widths by new glyph id, in thousandths of an em.
    let mut widths: BTreeMap<u16, f32> = BTreeMap::new();
    for (c, g) in &e.glyphs {
        if let Some(new) = e.remapper.get(*g) {
            widths.insert(new, e.advance(*c) * 1000.0);
        }
    }
    let type0 = face.write(pdf, refs, 1000.0, &widths);
    // The twin: the same glyphs, each advancing half an em.
    let half = face.write(pdf, refs, 500.0, &BTreeMap::new());

    let bbox = e.face.global_bounding_box();
    // The ideographic em box (OS/2 typo ascender and descender, 880/−120 in CJK fonts), so
    // that a reader's glyph boxes are the em boxes the layout places.
    let ascent = scale(e.face.typographic_ascender().unwrap_or(e.face.ascender()));
    let descent = scale(e.face.typographic_descender().unwrap_or(e.face.descender()));
    let mut d = pdf.font_descriptor(descriptor);
    d.name(Name(base.as_bytes()))
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            scale(bbox.x_min),
            scale(bbox.y_min),
            scale(bbox.x_max),
            scale(bbox.y_max),
        ))
        .italic_angle(0.0)
        .ascent(ascent)
        .descent(descent)
        .cap_height(scale(e.face.capital_height().unwrap_or(700)))
        .stem_v(if e.file.bold { 140.0 } else { 80.0 });
    if cff {
        d.font_file3(file_id);
    } else {
        d.font_file2(file_id);
    }
    d.finish();

    let data = deflate(&program);
    let mut stream = pdf.stream(file_id, &data);
    stream.filter(Filter::FlateDecode);
    if cff {
        stream.pair(Name(b"Subtype"), Name(b"CIDFontType0C"));
    }
    stream.finish();

    let mut cmap = UnicodeCmap::new(
        Name(b"Jiedu-UTF16"),
        SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"UCS"),
            supplement: 0,
        },
    );
    for (c, g) in &e.glyphs {
        if let Some(new) = e.remapper.get(*g) {
            if new != 0 {
                cmap.pair(new, *c);
            }
        }
    }
    let cmap_data = deflate(&cmap.finish());
    pdf.cmap(cmap_id, &cmap_data).filter(Filter::FlateDecode);
    Ok((type0, half))
}

struct Writer<'a> {
    set: &'a FontSet,
    embedded: &'a BTreeMap<FontKey, Embedded<'a>>,
    content: Content,
}

impl Writer<'_> {
    fn item(&mut self, item: &Item) {
        match item {
            Item::Text {
                x,
                y,
                spans,
                spacing,
                color,
            } => self.text(*x, *y, spans, *spacing, *color, 0.0),
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
            } => self.line(&[(*x1, *y1), (*x2, *y2)], *color, *width),
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => self.rect(*x, *y, *w, *h, *fill, *stroke),
            Item::Chart {
                x,
                y,
                scale,
                drawing,
            } => self.chart(*x, *y, *scale, &drawing.prims),
        }
    }

    /// One line of text: a stretch per font (a run's font, or its half-width twin for
    /// compressed punctuation), each placed where the previous one ended by the layout's own
    /// advances, so that every reader agrees on the positions (pdfminer, unlike the PDF
    /// specification, drops the character spacing after a string's last glyph). The spans'
    /// Chinese–Latin spacing goes in as TJ offsets; no two glyph boxes overlap.
    fn text(&mut self, x: f32, y: f32, spans: &[Span], spacing: f32, fill: Rgb, rotate: f32) {
        let c = &mut self.content;
        c.begin_text();
        c.set_fill_rgb(fill.0, fill.1, fill.2);
        c.set_char_spacing(spacing);
        let (sin, cos) = rotate.to_radians().sin_cos();
        let mut cursor = 0.0f32;
        for span in spans {
            let mut index = 0usize;
            for (key, run) in runs(self.set, span.role, &span.text) {
                let chars: Vec<char> = run.chars().collect();
                let Some(e) = self.embedded.get(&key) else {
                    index += chars.len();
                    continue;
                };
                let mut j = 0;
                while j < chars.len() {
                    // A stretch of characters all at full width, or all at half.
                    let half = span.halves.contains(&(index + j));
                    let mut k = j + 1;
                    while k < chars.len() && span.halves.contains(&(index + k)) == half {
                        k += 1;
                    }
                    let name = if half { &e.half_name } else { &e.name };
                    c.set_font(Name(name.as_bytes()), span.size);
                    c.set_text_matrix([
                        cos,
                        sin,
                        -sin,
                        cos,
                        x + cursor * cos,
                        PAGE_H - y + cursor * sin,
                    ]);
                    let mut shown = c.show_positioned();
                    let mut items = shown.items();
                    let mut from = j;
                    for at in j..k {
                        let advance = if half { 0.5 } else { e.advance(chars[at]) };
                        cursor += advance * span.size + spacing;
                        let kern = span
                            .kerns
                            .iter()
                            .find(|(i, _)| *i == index + at)
                            .map(|(_, v)| *v);
                        if let Some(v) = kern {
                            let piece: String = chars[from..=at].iter().collect();
                            items.show(Str(&e.encode(&piece)));
                            // TJ offsets are thousandths of the font size, positive to the left.
                            items.adjust(-v / span.size * 1000.0);
                            cursor += v;
                            from = at + 1;
                        }
                    }
                    if from < k {
                        let piece: String = chars[from..k].iter().collect();
                        items.show(Str(&e.encode(&piece)));
                    }
                    drop(items);
                    shown.finish();
                    j = k;
                }
                index += chars.len();
            }
        }
        c.end_text();
    }

    fn line(&mut self, points: &[(f32, f32)], stroke: Rgb, width: f32) {
        let c = &mut self.content;
        c.set_stroke_rgb(stroke.0, stroke.1, stroke.2);
        c.set_line_width(width);
        for (i, (x, y)) in points.iter().enumerate() {
            if i == 0 {
                c.move_to(*x, PAGE_H - y);
            } else {
                c.line_to(*x, PAGE_H - y);
            }
        }
        c.stroke();
    }

    fn polygon(&mut self, points: &[(f32, f32)], fill: Rgb, stroke: Option<(Rgb, f32)>) {
        let c = &mut self.content;
        c.set_fill_rgb(fill.0, fill.1, fill.2);
        for (i, (x, y)) in points.iter().enumerate() {
            if i == 0 {
                c.move_to(*x, PAGE_H - y);
            } else {
                c.line_to(*x, PAGE_H - y);
            }
        }
        c.close_path();
        match stroke {
            Some((s, w)) => {
                c.set_stroke_rgb(s.0, s.1, s.2);
                c.set_line_width(w);
                c.fill_nonzero_and_stroke();
            }
            None => {
                c.fill_nonzero();
            }
        }
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
        let c = &mut self.content;
        if let Some(f) = fill {
            c.set_fill_rgb(f.0, f.1, f.2);
        }
        if let Some((s, t)) = stroke {
            c.set_stroke_rgb(s.0, s.1, s.2);
            c.set_line_width(t);
        }
        c.rect(x, PAGE_H - y - h, w, h);
        match (fill.is_some(), stroke.is_some()) {
            (true, true) => c.fill_nonzero_and_stroke(),
            (false, true) => c.stroke(),
            _ => c.fill_nonzero(),
        };
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
                } => self.line(&[(x1, y1), (x2, y2)], Rgb::hex(&stroke), width),
                Prim::Polyline {
                    points,
                    stroke,
                    width,
                } => self.line(&points, Rgb::hex(&stroke), width),
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
                    let role = chart_role(bold);
                    let w = self.set.measure(role, &text, size);
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
