//! Builds a small TrueType font program from the glyphs a document uses, whatever the source's
//! outline format: the PDF and the OFD embed the same program.
//!
//! Why not embed the source's own subset: the CFF faces (仿宋, 黑体) give validators and OFD
//! readers trouble (PDF/A checks read CFF widths that disagree with `/W`; OFD readers expect
//! TrueType), and the half-width twin used for compressed punctuation must carry advances of
//! half an em in its program, which only a program of our own can. Cubic outlines become
//! quadratic splines within one font unit (per 1,000), as fontTools' cu2qu does; TrueType outlines are
//! copied.

use std::collections::BTreeMap;

/// One glyph to carry: the character it draws, its glyph in the source face, and its advance in
/// the source's font units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GlyphSpec {
    /// The character (for the cmap).
    pub ch: char,
    /// The glyph in the source face.
    pub source: ttf_parser::GlyphId,
    /// Advance width in font units.
    pub advance: u16,
}

/// Names and style written into the program.
#[derive(Debug, Clone)]
pub(crate) struct ProgramNames<'a> {
    /// PostScript name (ASCII, no spaces), also the full name.
    pub postscript: &'a str,
    /// Family name.
    pub family: &'a str,
    /// Whether the face is bold.
    pub bold: bool,
}

/// A TrueType point: position in font units and whether it is on the curve.
type Point = (i32, i32, bool);

/// Collects a glyph's outline as TrueType contours.
#[derive(Default)]
struct Contours {
    contours: Vec<Vec<Point>>,
    current: Vec<Point>,
    last: (f32, f32),
    cubic: bool,
}

/// How far a quadratic approximation may stray from a cubic, in font units.
const TOLERANCE: f32 = 1.0;

fn round(v: f32) -> i32 {
    v.round() as i32
}

impl ttf_parser::OutlineBuilder for Contours {
    fn move_to(&mut self, x: f32, y: f32) {
        self.close();
        self.current.push((round(x), round(y), true));
        self.last = (x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.current.push((round(x), round(y), true));
        self.last = (x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.current.push((round(x1), round(y1), false));
        self.current.push((round(x), round(y), true));
        self.last = (x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.cubic = true;
        let p0 = self.last;
        let (p1, p2, p3) = ((x1, y1), (x2, y2), (x, y));
        // The error of one quadratic for a cubic is √3/36·|p3 − 3p2 + 3p1 − p0|; splitting into
        // n pieces divides it by n³.
        let dx = p3.0 - 3.0 * p2.0 + 3.0 * p1.0 - p0.0;
        let dy = p3.1 - 3.0 * p2.1 + 3.0 * p1.1 - p0.1;
        let error = 3f32.sqrt() / 36.0 * (dx * dx + dy * dy).sqrt();
        let n = ((error / TOLERANCE).cbrt().ceil() as usize).clamp(1, 16);
        let at = |t: f32| {
            let u = 1.0 - t;
            let a = u * u * u;
            let b = 3.0 * u * u * t;
            let c = 3.0 * u * t * t;
            let d = t * t * t;
            (
                a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
                a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
            )
        };
        // The derivative, for each piece's control point as the meeting of its end tangents'
        // midpoint approximation: q = (3(c1 + c2) − (s + e)) / 4 of the piece's own cubic.
        let derivative = |t: f32| {
            let u = 1.0 - t;
            (
                3.0 * (u * u * (p1.0 - p0.0) + 2.0 * u * t * (p2.0 - p1.0) + t * t * (p3.0 - p2.0)),
                3.0 * (u * u * (p1.1 - p0.1) + 2.0 * u * t * (p2.1 - p1.1) + t * t * (p3.1 - p2.1)),
            )
        };
        let step = 1.0 / n as f32;
        for i in 0..n {
            let (t0, t1) = (i as f32 * step, (i + 1) as f32 * step);
            let s = at(t0);
            let e = at(t1);
            let (d0, d1) = (derivative(t0), derivative(t1));
            // The piece's own cubic control points, then the standard quadratic midpoint.
            let c1 = (s.0 + d0.0 * step / 3.0, s.1 + d0.1 * step / 3.0);
            let c2 = (e.0 - d1.0 * step / 3.0, e.1 - d1.1 * step / 3.0);
            let q = (
                (3.0 * (c1.0 + c2.0) - (s.0 + e.0)) / 4.0,
                (3.0 * (c1.1 + c2.1) - (s.1 + e.1)) / 4.0,
            );
            self.current.push((round(q.0), round(q.1), false));
            self.current.push((round(e.0), round(e.1), true));
        }
        self.last = p3;
    }

    fn close(&mut self) {
        let mut contour = std::mem::take(&mut self.current);
        if contour.len() > 1 && contour.first() == contour.last() {
            contour.pop();
        }
        if contour.len() >= 2 {
            self.contours.push(contour);
        }
    }
}

/// One glyph as encoded in `glyf`, with what `hmtx`, `maxp` and `head` need of it.
struct Encoded {
    bytes: Vec<u8>,
    bbox: Option<(i16, i16, i16, i16)>,
    points: u16,
    contours: u16,
}

fn clamp16(v: i32) -> i16 {
    v.clamp(i32::from(i16::MIN), i32::from(i16::MAX)) as i16
}

fn encode_glyph(mut contours: Vec<Vec<Point>>, reverse: bool) -> Encoded {
    if reverse {
        // CFF winds outer contours counter-clockwise, TrueType clockwise; renderers with
        // dropout control care. Keep each contour's first point first.
        for c in &mut contours {
            c[1..].reverse();
        }
    }
    let points: Vec<Point> = contours.iter().flatten().copied().collect();
    if points.is_empty() {
        return Encoded {
            bytes: Vec::new(),
            bbox: None,
            points: 0,
            contours: 0,
        };
    }
    let x_min = points.iter().map(|p| p.0).min().unwrap_or(0);
    let x_max = points.iter().map(|p| p.0).max().unwrap_or(0);
    let y_min = points.iter().map(|p| p.1).min().unwrap_or(0);
    let y_max = points.iter().map(|p| p.1).max().unwrap_or(0);
    let bbox = (
        clamp16(x_min),
        clamp16(y_min),
        clamp16(x_max),
        clamp16(y_max),
    );
    let mut out = Vec::new();
    out.extend((contours.len() as i16).to_be_bytes());
    for v in [bbox.0, bbox.1, bbox.2, bbox.3] {
        out.extend(v.to_be_bytes());
    }
    let mut end = 0u16;
    for c in &contours {
        end = end.wrapping_add(c.len() as u16);
        out.extend((end - 1).to_be_bytes());
    }
    out.extend(0u16.to_be_bytes()); // no instructions
    let (mut flags, mut xs, mut ys) = (Vec::new(), Vec::new(), Vec::new());
    let (mut px, mut py) = (0i32, 0i32);
    for &(x, y, on) in &points {
        let mut flag = u8::from(on);
        for (delta, bytes, short, same) in [
            (x - px, &mut xs, 0x02u8, 0x10u8),
            (y - py, &mut ys, 0x04, 0x20),
        ] {
            if delta == 0 {
                flag |= same;
            } else if delta.abs() < 256 {
                flag |= short;
                if delta > 0 {
                    flag |= same;
                }
                bytes.push(delta.unsigned_abs() as u8);
            } else {
                bytes.extend(clamp16(delta).to_be_bytes());
            }
        }
        flags.push(flag);
        (px, py) = (x, y);
    }
    out.extend(flags);
    out.extend(xs);
    out.extend(ys);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    Encoded {
        bytes: out,
        bbox: Some(bbox),
        points: points.len() as u16,
        contours: contours.len() as u16,
    }
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// Big-endian writing of the fixed-layout tables.
#[derive(Default)]
struct Bytes(Vec<u8>);

impl Bytes {
    fn u16(&mut self, v: u16) -> &mut Self {
        self.0.extend(v.to_be_bytes());
        self
    }
    fn i16(&mut self, v: i16) -> &mut Self {
        self.0.extend(v.to_be_bytes());
        self
    }
    fn u32(&mut self, v: u32) -> &mut Self {
        self.0.extend(v.to_be_bytes());
        self
    }
    fn raw(&mut self, v: &[u8]) -> &mut Self {
        self.0.extend_from_slice(v);
        self
    }
}

/// The cmap: format 4 for the Basic Multilingual Plane and format 12 for everything.
fn cmap(map: &BTreeMap<char, u16>) -> Vec<u8> {
    // Runs of consecutive characters on consecutive glyphs share one segment; glyphs are
    // numbered in character order, so a run of a CJK block is one segment.
    let mut runs: Vec<(u32, u32, u16)> = Vec::new();
    for (c, g) in map {
        let c = *c as u32;
        match runs.last_mut() {
            Some((start, end, first))
                if *end + 1 == c && u32::from(*first) + (c - *start) == u32::from(*g) =>
            {
                *end = c
            }
            _ => runs.push((c, c, *g)),
        }
    }
    let bmp: Vec<(u16, u16, u16)> = runs
        .iter()
        .filter(|(_, end, _)| *end < 0xFFFF)
        .take(8000)
        .map(|(s, e, g)| (*s as u16, *e as u16, *g))
        .collect();
    let segments = bmp.len() as u16 + 1;
    let selector = 15 - segments.leading_zeros() as u16;
    let search = 2u16 << selector;
    let mut f4 = Bytes::default();
    f4.u16(4).u16(16 + 8 * segments).u16(0).u16(segments * 2);
    f4.u16(search).u16(selector).u16(segments * 2 - search);
    for (_, end, _) in &bmp {
        f4.u16(*end);
    }
    f4.u16(0xFFFF).u16(0);
    for (start, _, _) in &bmp {
        f4.u16(*start);
    }
    f4.u16(0xFFFF);
    for (start, _, g) in &bmp {
        f4.u16(g.wrapping_sub(*start));
    }
    f4.u16(1);
    for _ in 0..segments {
        f4.u16(0);
    }
    let mut f12 = Bytes::default();
    f12.u16(12)
        .u16(0)
        .u32(16 + 12 * runs.len() as u32)
        .u32(0)
        .u32(runs.len() as u32);
    for (start, end, g) in &runs {
        f12.u32(*start).u32(*end).u32(u32::from(*g));
    }
    let mut out = Bytes::default();
    out.u16(0).u16(2);
    out.u16(3).u16(1).u32(20);
    out.u16(3).u16(10).u32(20 + f4.0.len() as u32);
    out.raw(&f4.0).raw(&f12.0);
    out.0
}

fn name_table(names: &ProgramNames<'_>) -> Vec<u8> {
    let style = if names.bold { "Bold" } else { "Regular" };
    let records: [(u16, String); 5] = [
        (1, names.family.to_string()),
        (2, style.to_string()),
        (3, format!("Jiedu:{}", names.postscript)),
        (4, names.postscript.to_string()),
        (6, names.postscript.to_string()),
    ];
    let strings: Vec<Vec<u8>> = records
        .iter()
        .map(|(_, s)| s.encode_utf16().flat_map(u16::to_be_bytes).collect())
        .collect();
    let mut out = Bytes::default();
    out.u16(0)
        .u16(records.len() as u16)
        .u16(6 + 12 * records.len() as u16);
    let mut offset = 0u16;
    for ((id, _), s) in records.iter().zip(&strings) {
        out.u16(3)
            .u16(1)
            .u16(0x409)
            .u16(*id)
            .u16(s.len() as u16)
            .u16(offset);
        offset += s.len() as u16;
    }
    for s in &strings {
        out.raw(s);
    }
    out.0
}

/// Builds the program: glyph 0 is an empty `.notdef`, glyph `i + 1` is `glyphs[i]`.
pub(crate) fn build(
    face: &ttf_parser::Face<'_>,
    glyphs: &[GlyphSpec],
    names: &ProgramNames<'_>,
) -> Vec<u8> {
    let per_em = face.units_per_em();
    let mut encoded = vec![encode_glyph(Vec::new(), false)];
    let mut advances = vec![per_em];
    let mut map = BTreeMap::new();
    for (i, g) in glyphs.iter().enumerate() {
        let mut outline = Contours::default();
        face.outline_glyph(g.source, &mut outline);
        ttf_parser::OutlineBuilder::close(&mut outline);
        let reverse = outline.cubic;
        encoded.push(encode_glyph(outline.contours, reverse));
        advances.push(g.advance);
        map.entry(g.ch).or_insert(i as u16 + 1);
    }
    let count = encoded.len() as u16;
    let boxes: Vec<_> = encoded.iter().filter_map(|e| e.bbox).collect();
    let x_min = boxes.iter().map(|b| b.0).min().unwrap_or(0);
    let y_min = boxes.iter().map(|b| b.1).min().unwrap_or(0);
    let x_max = boxes.iter().map(|b| b.2).max().unwrap_or(0);
    let y_max = boxes.iter().map(|b| b.3).max().unwrap_or(0);

    let mut glyf = Vec::new();
    let mut loca = Bytes::default();
    for e in &encoded {
        loca.u32(glyf.len() as u32);
        glyf.extend_from_slice(&e.bytes);
    }
    loca.u32(glyf.len() as u32);

    let mut hmtx = Bytes::default();
    let mut min_lsb = i16::MAX;
    let mut min_rsb = i16::MAX;
    let mut max_extent = i16::MIN;
    for (e, adv) in encoded.iter().zip(&advances) {
        let lsb = e.bbox.map_or(0, |b| b.0);
        hmtx.u16(*adv).i16(lsb);
        if let Some(b) = e.bbox {
            min_lsb = min_lsb.min(b.0);
            min_rsb = min_rsb.min(clamp16(i32::from(*adv) - i32::from(b.2)));
            max_extent = max_extent.max(b.2);
        }
    }
    let (min_lsb, min_rsb, max_extent) = if boxes.is_empty() {
        (0, 0, 0)
    } else {
        (min_lsb, min_rsb, max_extent)
    };

    let ascender = face.ascender();
    let descender = face.descender();
    let typo_ascender = face.typographic_ascender().unwrap_or(ascender);
    let typo_descender = face.typographic_descender().unwrap_or(descender);
    let mut head = Bytes::default();
    head.u32(0x0001_0000)
        .u32(0x0001_0000)
        .u32(0)
        .u32(0x5F0F_3CF5);
    head.u16(0x000B).u16(per_em);
    // Created and modified at the epoch, so that the same glyphs give the same bytes.
    head.u32(0).u32(0).u32(0).u32(0);
    head.i16(x_min).i16(y_min).i16(x_max).i16(y_max);
    head.u16(u16::from(names.bold)).u16(8).i16(2).i16(1).i16(0);

    let mut hhea = Bytes::default();
    hhea.u32(0x0001_0000)
        .i16(ascender)
        .i16(descender)
        .i16(face.line_gap());
    hhea.u16(advances.iter().copied().max().unwrap_or(per_em));
    hhea.i16(min_lsb).i16(min_rsb).i16(max_extent);
    hhea.i16(1)
        .i16(0)
        .i16(0)
        .i16(0)
        .i16(0)
        .i16(0)
        .i16(0)
        .i16(0)
        .u16(count);

    let mut maxp = Bytes::default();
    maxp.u32(0x0001_0000).u16(count);
    maxp.u16(encoded.iter().map(|e| e.points).max().unwrap_or(0));
    maxp.u16(encoded.iter().map(|e| e.contours).max().unwrap_or(0));
    maxp.u16(0).u16(0).u16(2);
    for _ in 0..8 {
        maxp.u16(0);
    }

    let chars: Vec<u32> = map.keys().map(|c| *c as u32).collect();
    let first = chars.first().copied().unwrap_or(0).min(0xFFFF) as u16;
    let last = chars.last().copied().unwrap_or(0).min(0xFFFF) as u16;
    let average = if advances.len() > 1 {
        (advances[1..].iter().map(|a| u32::from(*a)).sum::<u32>() / (advances.len() as u32 - 1))
            as i16
    } else {
        0
    };
    let mut os2 = Bytes::default();
    os2.u16(4)
        .i16(average)
        .u16(if names.bold { 700 } else { 400 })
        .u16(5);
    // fsType 0: installable embedding, which PDF/A and OFD archiving both require.
    os2.u16(0);
    let em = per_em as i16;
    for v in [
        em / 2,
        em / 2,
        0,
        em / 10,
        em / 2,
        em / 2,
        0,
        em * 2 / 5,
        em / 20,
        em / 4,
    ] {
        os2.i16(v);
    }
    os2.i16(0).raw(&[0; 10]);
    // Basic Latin, CJK Unified Ideographs, CJK Symbols and Punctuation, Halfwidth and Fullwidth.
    os2.u32(1).u32(1 << 16 | 1 << 27).u32(1 << 4).u32(0);
    os2.raw(b"JIED").u16(if names.bold { 0x20 } else { 0x40 });
    os2.u16(first).u16(last);
    os2.i16(typo_ascender).i16(typo_descender).i16(0);
    os2.u16(clamp16(i32::from(y_max).max(i32::from(ascender))).unsigned_abs());
    os2.u16(clamp16(-i32::from(y_min).min(i32::from(descender))).unsigned_abs());
    // Code pages: Latin 1 and Simplified Chinese.
    os2.u32(1 | 1 << 18).u32(0);
    os2.i16(face.x_height().unwrap_or(em / 2))
        .i16(face.capital_height().unwrap_or(em * 7 / 10));
    os2.u16(0).u16(32).u16(1);

    let mut post = Bytes::default();
    post.u32(0x0003_0000)
        .u32(0)
        .i16(-em / 10)
        .i16(em / 20)
        .u32(0);
    post.u32(0).u32(0).u32(0).u32(0);

    let mut tables: Vec<([u8; 4], Vec<u8>)> = vec![
        (*b"OS/2", os2.0),
        (*b"cmap", cmap(&map)),
        (*b"glyf", glyf),
        (*b"head", head.0),
        (*b"hhea", hhea.0),
        (*b"hmtx", hmtx.0),
        (*b"loca", loca.0),
        (*b"maxp", maxp.0),
        (*b"name", name_table(names)),
        (*b"post", post.0),
    ];
    tables.sort_by_key(|(tag, _)| *tag);
    let n = tables.len() as u16;
    let entry_selector = 15 - n.leading_zeros() as u16;
    let search_range = 16u16 << entry_selector;
    let mut out = Bytes::default();
    out.u32(0x0001_0000)
        .u16(n)
        .u16(search_range)
        .u16(entry_selector);
    out.u16(n * 16 - search_range);
    let mut offset = 12 + 16 * u32::from(n);
    let mut head_at = 0usize;
    for (tag, data) in &tables {
        if tag == b"head" {
            head_at = offset as usize;
        }
        out.raw(tag)
            .u32(checksum(data))
            .u32(offset)
            .u32(data.len() as u32);
        offset += (data.len() as u32).div_ceil(4) * 4;
    }
    for (_, data) in &tables {
        out.raw(data);
        while out.0.len() % 4 != 0 {
            out.0.push(0);
        }
    }
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out.0));
    out.0[head_at + 8..head_at + 12].copy_from_slice(&adjustment.to_be_bytes());
    out.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::{FontRole, FontSet};

    fn program(role: FontRole, text: &str, half: bool) -> (Vec<u8>, FontSet) {
        let set = FontSet::bundled().expect("fonts");
        let file = set.get(role).clone();
        let face = ttf_parser::Face::parse(&file.bytes, file.index).expect("face");
        let glyphs: Vec<GlyphSpec> = text
            .chars()
            .map(|ch| GlyphSpec {
                ch,
                source: face.glyph_index(ch).expect("glyph"),
                advance: if half {
                    face.units_per_em() / 2
                } else {
                    face.glyph_hor_advance(face.glyph_index(ch).expect("glyph"))
                        .expect("advance")
                },
            })
            .collect();
        let names = ProgramNames {
            postscript: "Test",
            family: "Test",
            bold: false,
        };
        (build(&face, &glyphs, &names), set)
    }

    #[test]
    fn a_cff_face_becomes_truetype_with_the_same_shapes_and_advances() {
        let (bytes, set) = program(FontRole::Fang, "政策解读A1。", false);
        let built = ttf_parser::Face::parse(&bytes, 0).expect("the program parses");
        assert!(built.tables().glyf.is_some() && built.tables().cff.is_none());
        let file = set.get(FontRole::Fang);
        let source = ttf_parser::Face::parse(&file.bytes, file.index).expect("face");
        for ch in "政策解读A1。".chars() {
            let g = built.glyph_index(ch).expect("the cmap maps the character");
            let s = source.glyph_index(ch).expect("source glyph");
            assert_eq!(
                built.glyph_hor_advance(g),
                source.glyph_hor_advance(s),
                "{ch}"
            );
            let (a, b) = (
                built.glyph_bounding_box(g).expect("bbox"),
                source.glyph_bounding_box(s).expect("bbox"),
            );
            // Control points of the quadratic pieces lie within the cubic's hull.
            for (x, y) in [
                (a.x_min, b.x_min),
                (a.y_min, b.y_min),
                (a.x_max, b.x_max),
                (a.y_max, b.y_max),
            ] {
                assert!((x - y).abs() <= 2, "{ch}: {a:?} vs {b:?}");
            }
        }
        assert_eq!(
            checksum(&bytes),
            0xB1B0_AFBA,
            "the whole-file checksum adjustment holds"
        );
    }

    #[test]
    fn the_half_width_program_advances_half_an_em() {
        let (bytes, _) = program(FontRole::Kai, "，。", true);
        let built = ttf_parser::Face::parse(&bytes, 0).expect("the program parses");
        let g = built.glyph_index('。').expect("mapped");
        assert_eq!(built.glyph_hor_advance(g), Some(built.units_per_em() / 2));
        assert!(
            built.glyph_bounding_box(g).is_some(),
            "the glyph keeps its outline"
        );
    }
}
