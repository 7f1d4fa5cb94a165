//! Writes a laid-out document as OFD (GB/T 33190-2016), the fixed-layout format of China's
//! electronic official documents, from the same layout as the PDF: every glyph, rule and chart
//! shape lands where the PDF puts it.
//!
//! The package is a zip: `OFD.xml` (document information, with the 文号 and 索引号 as custom
//! data), `Doc_0/Document.xml` (pages and the outline), `Doc_0/PublicRes.xml` (the fonts) with
//! each font embedded as a TrueType program of the glyphs used (`truetype`), and one
//! `Content.xml` per page. Lengths are millimetres, y grows downwards, as in the layout.

use crate::chart::drawing::escape;
use crate::chart::drawing::{Anchor, Prim};
use crate::error::RenderError;
use crate::fonts::{FontRole, FontSet};
use crate::layout::geometry::{PAGE_H, PAGE_W};
use crate::layout::linebreak::Span;
use crate::layout::{Document, Item, Rgb};
use crate::pdf_writer::{chart_role, runs, used_text, FontKey};
use crate::truetype::{self, GlyphSpec};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Document information for `OFD.xml`.
#[derive(Debug, Clone, Default)]
pub struct OfdInfo {
    /// Title.
    pub title: String,
    /// Author: the drafting unit.
    pub author: String,
    /// Subject.
    pub subject: String,
    /// Keywords.
    pub keywords: Vec<String>,
    /// Creation date, `YYYY-MM-DD` (the schema's `xs:date`).
    pub created_on: String,
    /// Custom data: (name, value), such as 文号 and 索引号.
    pub custom: Vec<(String, String)>,
}

/// Millimetres from points.
fn mm(pt: f32) -> String {
    let v = (pt * 25.4 / 72.0 * 1000.0).round() / 1000.0;
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

fn colour(c: Rgb) -> String {
    let byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("{} {} {}", byte(c.0), byte(c.1), byte(c.2))
}

/// One font of the package: its resource id and the characters it draws.
struct OfdFont {
    id: u32,
    chars: BTreeSet<char>,
}

/// Hands out the package's unit ids, which must be unique across the document.
struct Ids(u32);

impl Ids {
    fn next(&mut self) -> u32 {
        self.0 += 1;
        self.0
    }
}

/// Writes the OFD package of `doc`.
pub fn write_ofd(
    doc: &Document,
    fonts: &FontSet,
    info: &OfdInfo,
    time: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<u8>, RenderError> {
    let mut ids = Ids(0);
    let mut used: BTreeMap<FontKey, OfdFont> = BTreeMap::new();
    for (role, text, _) in used_text(doc) {
        for (key, run) in runs(fonts, role, text) {
            if key.file(fonts).is_none() {
                continue;
            }
            let font = used.entry(key).or_insert_with(|| OfdFont {
                id: 0,
                chars: BTreeSet::new(),
            });
            font.chars.extend(run.chars());
        }
    }
    for font in used.values_mut() {
        font.id = ids.next();
    }

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut res = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Res xmlns:ofd=\"http://www.ofdspec.org/2016\" BaseLoc=\"Res\">\n<ofd:Fonts>\n",
    );
    for (key, font) in &used {
        let Some(file) = key.file(fonts) else {
            continue;
        };
        let face = ttf_parser::Face::parse(&file.bytes, file.index).map_err(|_| {
            RenderError::FontBroken {
                path: file.path.clone(),
            }
        })?;
        let per_em = f32::from(face.units_per_em());
        let specs: Vec<GlyphSpec> = font
            .chars
            .iter()
            .map(|&ch| GlyphSpec {
                ch,
                source: face.glyph_index(ch).unwrap_or(ttf_parser::GlyphId(0)),
                advance: (file.advance(ch).unwrap_or(1.0) * per_em).round() as u16,
            })
            .collect();
        let postscript: String = file
            .family
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let postscript = format!("{postscript}{}", if file.bold { "-Bold" } else { "" });
        let program = truetype::build(
            &face,
            &specs,
            &truetype::ProgramNames {
                postscript: &postscript,
                family: &file.family,
                bold: file.bold,
            },
        );
        let name = format!("font_{}.ttf", font.id);
        let _ = writeln!(
            res,
            "<ofd:Font ID=\"{}\" FontName=\"{}\" FamilyName=\"{}\"{}><ofd:FontFile>{name}</ofd:FontFile></ofd:Font>",
            font.id,
            escape(postscript.as_str()),
            escape(file.family.as_str()),
            if file.bold { " Bold=\"true\"" } else { "" },
        );
        files.push((format!("Doc_0/Res/{name}"), program));
    }
    res.push_str("</ofd:Fonts>\n");
    // Every image once, as a multimedia resource (PNG) that the pages' ImageObjects name.
    let mut images: BTreeMap<String, u32> = BTreeMap::new();
    for page in &doc.pages {
        for item in &page.items {
            let Item::Image { raster, .. } = item else {
                continue;
            };
            if images.contains_key(&raster.key) {
                continue;
            }
            let id = ids.next();
            let name = format!("image_{id}.png");
            if images.is_empty() {
                res.push_str("<ofd:MultiMedias>\n");
            }
            let _ = writeln!(
                res,
                "<ofd:MultiMedia ID=\"{id}\" Type=\"Image\" Format=\"PNG\"><ofd:MediaFile>{name}</ofd:MediaFile></ofd:MultiMedia>"
            );
            files.push((format!("Doc_0/Res/{name}"), raster.png()?));
            images.insert(raster.key.clone(), id);
        }
    }
    if !images.is_empty() {
        res.push_str("</ofd:MultiMedias>\n");
    }
    res.push_str("</ofd:Res>\n");

    let page_ids: Vec<u32> = doc.pages.iter().map(|_| ids.next()).collect();
    for (i, page) in doc.pages.iter().enumerate() {
        let layer = ids.next();
        let mut body = String::new();
        for item in &page.items {
            page_item(&mut body, &mut ids, fonts, &used, &images, item);
        }
        let content = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\">\n<ofd:Area><ofd:PhysicalBox>0 0 {w} {h}</ofd:PhysicalBox></ofd:Area>\n<ofd:Content>\n<ofd:Layer ID=\"{layer}\">\n{body}</ofd:Layer>\n</ofd:Content>\n</ofd:Page>\n",
            w = mm(PAGE_W),
            h = mm(PAGE_H),
        );
        files.push((
            format!("Doc_0/Pages/Page_{i}/Content.xml"),
            content.into_bytes(),
        ));
    }

    let mut document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\">\n<ofd:CommonData>\n<ofd:MaxUnitID>{max}</ofd:MaxUnitID>\n<ofd:PageArea><ofd:PhysicalBox>0 0 {w} {h}</ofd:PhysicalBox></ofd:PageArea>\n<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>\n</ofd:CommonData>\n<ofd:Pages>\n",
        max = ids.0,
        w = mm(PAGE_W),
        h = mm(PAGE_H),
    );
    for (i, id) in page_ids.iter().enumerate() {
        let _ = writeln!(
            document,
            "<ofd:Page ID=\"{id}\" BaseLoc=\"Pages/Page_{i}/Content.xml\"/>"
        );
    }
    document.push_str("</ofd:Pages>\n");
    let outline: Vec<_> = doc
        .outline
        .iter()
        .filter(|e| e.page < page_ids.len())
        .collect();
    if !outline.is_empty() {
        document.push_str("<ofd:Outlines>\n");
        for e in outline {
            let _ = writeln!(
                document,
                "<ofd:OutlineElem Title=\"{}\"><ofd:Actions><ofd:Action Event=\"CLICK\"><ofd:Goto><ofd:Dest Type=\"XYZ\" PageID=\"{}\" Left=\"0\" Top=\"0\"/></ofd:Goto></ofd:Action></ofd:Actions></ofd:OutlineElem>",
                escape(e.title.as_str()),
                page_ids[e.page],
            );
        }
        document.push_str("</ofd:Outlines>\n");
    }
    document.push_str("</ofd:Document>\n");

    let ofd = ofd_xml(info);
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("OFD.xml", ofd.as_bytes()),
        ("Doc_0/Document.xml", document.as_bytes()),
        ("Doc_0/PublicRes.xml", res.as_bytes()),
    ];
    entries.extend(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    crate::kit::archive::write_zip("OFD", &entries, time)
}

/// `OFD.xml`: the document's identity and information, its elements in the schema's order.
fn ofd_xml(info: &OfdInfo) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!(
        "{}\u{0}{}\u{0}{}",
        info.title, info.author, info.created_on
    ));
    let doc_id: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\" Version=\"1.0\" DocType=\"OFD\">\n<ofd:DocBody>\n<ofd:DocInfo>\n<ofd:DocID>{doc_id}</ofd:DocID>\n<ofd:Title>{}</ofd:Title>\n<ofd:Author>{}</ofd:Author>\n<ofd:Subject>{}</ofd:Subject>\n",
        escape(info.title.as_str()),
        escape(info.author.as_str()),
        escape(info.subject.as_str()),
    );
    if !info.created_on.is_empty() {
        let _ = writeln!(
            out,
            "<ofd:CreationDate>{}</ofd:CreationDate>",
            escape(info.created_on.as_str())
        );
    }
    if !info.keywords.is_empty() {
        out.push_str("<ofd:Keywords>");
        for k in &info.keywords {
            let _ = write!(out, "<ofd:Keyword>{}</ofd:Keyword>", escape(k.as_str()));
        }
        out.push_str("</ofd:Keywords>\n");
    }
    let _ = writeln!(
        out,
        "<ofd:Creator>Jiedu 解读</ofd:Creator>\n<ofd:CreatorVersion>{}</ofd:CreatorVersion>",
        env!("CARGO_PKG_VERSION")
    );
    let custom: Vec<_> = info
        .custom
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .collect();
    if !custom.is_empty() {
        out.push_str("<ofd:CustomDatas>\n");
        for (name, value) in custom {
            let _ = writeln!(
                out,
                "<ofd:CustomData Name=\"{}\">{}</ofd:CustomData>",
                escape(name.as_str()),
                escape(value.as_str())
            );
        }
        out.push_str("</ofd:CustomDatas>\n");
    }
    out.push_str("</ofd:DocInfo>\n<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>\n</ofd:DocBody>\n</ofd:OFD>\n");
    out
}

/// The page box every object is placed in, so that object coordinates are page coordinates.
fn page_box() -> String {
    format!("0 0 {} {}", mm(PAGE_W), mm(PAGE_H))
}

fn page_item(
    out: &mut String,
    ids: &mut Ids,
    fonts: &FontSet,
    used: &BTreeMap<FontKey, OfdFont>,
    images: &BTreeMap<String, u32>,
    item: &Item,
) {
    match item {
        Item::Image {
            x, y, w, h, raster, ..
        } => {
            if let Some(resource) = images.get(&raster.key) {
                let _ = writeln!(
                    out,
                    "<ofd:ImageObject ID=\"{}\" ResourceID=\"{resource}\" Boundary=\"{} {} {} {}\" CTM=\"{} 0 0 {} 0 0\"/>",
                    ids.next(),
                    mm(*x),
                    mm(*y),
                    mm(*w),
                    mm(*h),
                    mm(*w),
                    mm(*h),
                );
            }
        }
        Item::Text {
            x,
            y,
            spans,
            spacing,
            color,
            ..
        } => text(
            out,
            ids,
            fonts,
            used,
            (*x, *y),
            spans,
            *spacing,
            *color,
            0.0,
        ),
        Item::Rule {
            x1,
            y1,
            x2,
            y2,
            width,
            color,
        } => path(
            out,
            ids,
            &format!("M {} {} L {} {}", mm(*x1), mm(*y1), mm(*x2), mm(*y2)),
            Some((*color, *width)),
            None,
        ),
        Item::Rect {
            x,
            y,
            w,
            h,
            fill,
            stroke,
        } => path(out, ids, &rect_path(*x, *y, *w, *h), *stroke, *fill),
        Item::Chart {
            x,
            y,
            scale,
            drawing,
            ..
        } => {
            for p in &drawing.prims {
                chart_prim(out, ids, fonts, used, p.placed(*scale, *x, *y), *scale);
            }
        }
    }
}

fn rect_path(x: f32, y: f32, w: f32, h: f32) -> String {
    format!(
        "M {} {} L {} {} L {} {} L {} {} C",
        mm(x),
        mm(y),
        mm(x + w),
        mm(y),
        mm(x + w),
        mm(y + h),
        mm(x),
        mm(y + h)
    )
}

fn points_path(points: &[(f32, f32)], close: bool) -> String {
    let mut d = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        let _ = write!(
            d,
            "{}{} {} ",
            if i == 0 { "M " } else { "L " },
            mm(*x),
            mm(*y)
        );
    }
    if close {
        d.push('C');
    }
    d.trim_end().to_string()
}

/// A PathObject; the schema wants the stroke colour before the fill colour.
fn path(
    out: &mut String,
    ids: &mut Ids,
    data: &str,
    stroke: Option<(Rgb, f32)>,
    fill: Option<Rgb>,
) {
    if data.is_empty() {
        return;
    }
    let id = ids.next();
    let _ = write!(
        out,
        "<ofd:PathObject ID=\"{id}\" Boundary=\"{}\" Stroke=\"{}\" Fill=\"{}\"",
        page_box(),
        stroke.is_some(),
        fill.is_some()
    );
    if let Some((_, w)) = stroke {
        let _ = write!(out, " LineWidth=\"{}\"", mm(w));
    }
    out.push('>');
    if let Some((c, _)) = stroke {
        let _ = write!(out, "<ofd:StrokeColor Value=\"{}\"/>", colour(c));
    }
    if let Some(c) = fill {
        let _ = write!(out, "<ofd:FillColor Value=\"{}\"/>", colour(c));
    }
    let _ = writeln!(
        out,
        "<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>"
    );
}

/// One line of text: a TextObject per font run, each glyph at the layout's own advance (with
/// compressed punctuation at half width and the Chinese–Latin spacing), as the PDF places them.
#[allow(clippy::too_many_arguments)]
fn text(
    out: &mut String,
    ids: &mut Ids,
    fonts: &FontSet,
    used: &BTreeMap<FontKey, OfdFont>,
    (x, y): (f32, f32),
    spans: &[Span],
    spacing: f32,
    fill: Rgb,
    rotate: f32,
) {
    let (sin, cos) = rotate.to_radians().sin_cos();
    let mut cursor = 0.0f32;
    for span in spans {
        let mut index = 0usize;
        for (key, run) in runs(fonts, span.role, &span.text) {
            let chars: Vec<char> = run.chars().collect();
            let mut placed = Vec::with_capacity(chars.len());
            for (j, c) in chars.iter().enumerate() {
                placed.push(cursor);
                let em = key.file(fonts).and_then(|f| f.advance(*c)).unwrap_or(1.0);
                cursor += span.step(index + j, em, spacing);
            }
            index += chars.len();
            let Some(font) = used.get(&key) else {
                continue;
            };
            // Spaces carry no glyph worth drawing; a run of them only moves the cursor.
            if run.trim().is_empty() {
                continue;
            }
            let id = ids.next();
            let start = placed.first().copied().unwrap_or(0.0);
            let deltas: Vec<String> = placed.windows(2).map(|w| mm(w[1] - w[0])).collect();
            let (ox, oy) = (x + start * cos, y + start * sin);
            let _ = write!(
                out,
                "<ofd:TextObject ID=\"{id}\" Boundary=\"{}\" Font=\"{}\" Size=\"{}\"",
                page_box(),
                font.id,
                mm(span.size)
            );
            if rotate != 0.0 {
                // Rotation about the run's origin, in the page's y-down space.
                let _ = write!(
                    out,
                    " CTM=\"{cos:.5} {sin:.5} {:.5} {cos:.5} {} {}\"",
                    -sin,
                    mm(ox - ox * cos + oy * sin),
                    mm(oy - ox * sin - oy * cos)
                );
            }
            let _ = write!(out, "><ofd:FillColor Value=\"{}\"/>", colour(fill));
            let _ = write!(out, "<ofd:TextCode X=\"{}\" Y=\"{}\"", mm(ox), mm(oy));
            if !deltas.is_empty() {
                let _ = write!(out, " DeltaX=\"{}\"", deltas.join(" "));
            }
            let _ = writeln!(
                out,
                ">{}</ofd:TextCode></ofd:TextObject>",
                escape(run.as_str())
            );
        }
    }
}

fn chart_prim(
    out: &mut String,
    ids: &mut Ids,
    fonts: &FontSet,
    used: &BTreeMap<FontKey, OfdFont>,
    prim: Prim,
    scale: f32,
) {
    match prim {
        // Only the long image has pictures, and it is never written as OFD.
        Prim::Picture { .. } => {}
        Prim::Rect {
            x, y, w, h, fill, ..
        } => path(
            out,
            ids,
            &rect_path(x, y, w, h),
            None,
            Some(Rgb::hex(&fill)),
        ),
        Prim::Line {
            x1,
            y1,
            x2,
            y2,
            stroke,
            width,
        } => path(
            out,
            ids,
            &points_path(&[(x1, y1), (x2, y2)], false),
            Some((Rgb::hex(&stroke), width)),
            None,
        ),
        Prim::Polyline {
            points,
            stroke,
            width,
        } => path(
            out,
            ids,
            &points_path(&points, false),
            Some((Rgb::hex(&stroke), width)),
            None,
        ),
        Prim::Polygon { points, fill } => path(
            out,
            ids,
            &points_path(&points, true),
            Some((Rgb(1.0, 1.0, 1.0), 2.0 * scale)),
            Some(Rgb::hex(&fill)),
        ),
        Prim::Text {
            x,
            y,
            text: t,
            size,
            fill,
            anchor,
            bold,
            rotate,
            ..
        } => {
            let role: FontRole = chart_role(bold);
            let w = fonts.measure(role, &t, size);
            let shift = match anchor {
                Anchor::Start => 0.0,
                Anchor::Middle => w / 2.0,
                Anchor::End => w,
            };
            let (sin, cos) = rotate.to_radians().sin_cos();
            text(
                out,
                ids,
                fonts,
                used,
                (x - shift * cos, y - shift * sin),
                &[Span::new(t.as_str(), role, size)],
                0.0,
                Rgb::hex(&fill),
                rotate,
            );
        }
    }
}
