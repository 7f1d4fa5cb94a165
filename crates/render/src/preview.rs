//! The PDF pack as page images, for the desktop app's preview: WebKitGTK cannot be relied on
//! to show a PDF, so the pages the PDF writer uses are rasterised instead.
//!
//! Every page becomes an SVG in points, y down like the layout (the PDF writer flips to y up;
//! SVG needs no flip), and goes through the same resvg path and bundled fonts as the charts.
//! Text is split into runs by the PDF writer's own font choice, so a character drawn from the
//! fallback font in the PDF is drawn from it here too. One known difference: chart rectangles
//! keep the rounded corners of the chart's SVG, which the PDF draws square.

use crate::chart::drawing::{escape, num, write_prim};
use crate::error::RenderError;
use crate::fonts::FontSet;
use crate::layout::geometry::{PAGE_H, PAGE_W};
use crate::layout::linebreak::Span;
use crate::layout::{Item, Page, Rgb};
use crate::pdf_writer::runs;
use crate::{layout_document, raster, PdfOptions};
use jiedu_core::pack::{Pack, SignRecord};
use std::fmt::Write;

/// Renders every page of the PDF pack as a PNG `width_px` wide (A4 proportions), in page order.
pub fn pdf_preview(
    pack: &Pack,
    record: Option<&SignRecord>,
    options: &PdfOptions,
    width_px: u32,
) -> Result<Vec<Vec<u8>>, RenderError> {
    // Refused before any layout or drawing work is done.
    if !(raster::MIN_WIDTH..=raster::MAX_WIDTH).contains(&width_px) {
        return Err(RenderError::BadWidth {
            width: width_px,
            min: raster::MIN_WIDTH,
            max: raster::MAX_WIDTH,
        });
    }
    let doc = layout_document(pack, record, options)?;
    // The SVG font database takes some 40 MB of font files: filled once, not per page.
    let svg_options = raster::svg_options(&options.fonts);
    doc.pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            raster::png_with(&page_svg(page, &options.fonts), width_px, &svg_options).map_err(|e| {
                match e {
                    RenderError::Raster { detail, .. } => RenderError::Raster {
                        chart: format!("PDF 预览第 {n} 页 (preview page {n})", n = i + 1),
                        detail,
                    },
                    other => other,
                }
            })
        })
        .collect()
}

/// One laid-out page as an SVG document in points, painted in the PDF writer's order.
pub fn page_svg(page: &Page, fonts: &FontSet) -> String {
    // Full precision for the page box, so the image keeps A4's exact proportions.
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{PAGE_W:.3}\" height=\"{PAGE_H:.3}\" viewBox=\"0 0 {PAGE_W:.3} {PAGE_H:.3}\">\n<rect x=\"0\" y=\"0\" width=\"{PAGE_W:.3}\" height=\"{PAGE_H:.3}\" fill=\"#ffffff\"/>\n"
    );
    for item in &page.items {
        match item {
            Item::Text {
                x,
                y,
                spans,
                spacing,
                color,
                ..
            } => text(&mut out, fonts, *x, *y, spans, *spacing, *color),
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
                color,
            } => {
                let _ = writeln!(
                    out,
                    r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
                    num(*x1),
                    num(*y1),
                    num(*x2),
                    num(*y2),
                    hex(*color),
                    fine(*width)
                );
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let fill = fill.map_or_else(|| "none".to_string(), hex);
                let stroke = stroke.map_or_else(String::new, |(c, t)| {
                    format!(r#" stroke="{}" stroke-width="{}""#, hex(c), fine(t))
                });
                let _ = writeln!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{fill}"{stroke}/>"#,
                    num(*x),
                    num(*y),
                    num(*w),
                    num(*h)
                );
            }
            Item::Chart {
                x,
                y,
                scale,
                drawing,
                ..
            } => {
                // The same mapping as `Prim::placed`, done by the transform so that the white
                // rim of pies and dots (a fixed 2 px in the chart's SVG) shrinks with the chart
                // as the PDF's does; placed, it stays 2 pt and swallows the line chart's dots.
                let _ = writeln!(
                    out,
                    r#"<g transform="translate({} {}) scale({scale})">"#,
                    fine(*x),
                    fine(*y)
                );
                for prim in &drawing.prims {
                    write_prim(&mut out, prim);
                }
                out.push_str("</g>\n");
            }
            Item::Image {
                x, y, w, h, raster, ..
            } => {
                // A PNG data URL, which resvg decodes; an image that fails to encode is left
                // out of the preview only (the PDF writer reports it).
                if let Ok(png) = raster.png() {
                    use base64::Engine as _;
                    let _ = writeln!(
                        out,
                        r#"<image x="{}" y="{}" width="{}" height="{}" preserveAspectRatio="none" href="data:image/png;base64,{}"/>"#,
                        num(*x),
                        num(*y),
                        num(*w),
                        num(*h),
                        base64::engine::general_purpose::STANDARD.encode(png)
                    );
                }
            }
        }
    }
    out.push_str("</svg>\n");
    out
}

/// One line of text: a run per font, set one after another from `x` like the PDF's cursor.
fn text(
    out: &mut String,
    fonts: &FontSet,
    x: f32,
    y: f32,
    spans: &[Span],
    spacing: f32,
    color: Rgb,
) {
    let mut runs_svg = String::new();
    // A kern moves the text after it, as the PDF's TJ offset does: `dx` on the next piece.
    let mut pending = 0.0f32;
    for span in spans {
        let mut index = 0usize;
        for (key, run) in runs(fonts, span.role, &span.text) {
            let chars: Vec<char> = run.chars().collect();
            let Some(file) = key.file(fonts) else {
                index += chars.len();
                continue;
            };
            // Regular and bold Hei share one family name: the weight picks the face.
            let weight = if file.bold { "bold" } else { "normal" };
            let mut start = 0;
            while start < chars.len() {
                // A half-width mark is a kern of minus half an em after it.
                let half = |i: usize| span.is_half(i).then_some(-0.5 * span.size);
                let kern = (index + start..index + chars.len()).find_map(|i| {
                    match (span.kern_after(i), half(i)) {
                        (None, None) => None,
                        (a, b) => Some((i, a.unwrap_or(0.0) + b.unwrap_or(0.0))),
                    }
                });
                let end = kern.map_or(chars.len(), |(i, _)| i - index + 1);
                let piece: String = chars[start..end].iter().collect();
                let dx = if pending.abs() > 0.001 {
                    format!(r#" dx="{}""#, fine(pending))
                } else {
                    String::new()
                };
                let _ = write!(
                    runs_svg,
                    r#"<tspan{dx} font-family="{}" font-weight="{weight}" font-size="{}">{}</tspan>"#,
                    escape(&file.family),
                    fine(span.size),
                    escape(&piece)
                );
                pending = kern.map_or(0.0, |(_, k)| k);
                start = end;
            }
            index += chars.len();
        }
    }
    if runs_svg.is_empty() {
        return;
    }
    // Spaces are kept as the PDF keeps them (the folio "— 1 —", aligned columns); kerning is
    // off because the PDF sets plain advances, and letter-spacing is the PDF's Tc.
    let _ = writeln!(
        out,
        r#"<text x="{}" y="{}" fill="{}" letter-spacing="{}" font-kerning="none" xml:space="preserve">{runs_svg}</text>"#,
        num(x),
        num(y),
        hex(color),
        fine(spacing)
    );
}

/// `#rrggbb` of a colour.
fn hex(c: Rgb) -> String {
    let byte = |v: f32| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
    format!("#{:02x}{:02x}{:02x}", byte(c.0), byte(c.1), byte(c.2))
}

/// Three decimals: letter-spacing adds up over a line and hairlines are thinner than 0.1 pt.
fn fine(v: f32) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::geometry::{BLOCK_W, LEFT, TOP};
    use crate::layout::Tag;
    use crate::{pdf, FontRole};
    use image::GrayImage;

    fn pack(json: &str) -> Pack {
        serde_json::from_str(json).expect("demo pack")
    }

    fn seed_pack() -> Pack {
        pack(include_str!("../../../resources/demo/seed-pack.json"))
    }

    fn gallery_pack() -> Pack {
        pack(include_str!(
            "../../../resources/demo/chart-gallery-pack.json"
        ))
    }

    fn options() -> PdfOptions {
        PdfOptions {
            fonts: FontSet::bundled().expect("fonts"),
            generated_at: "2026-11-27 10:00 UTC".into(),
            created_unix: 1_795_000_000,
            attach_record: false,
            archival: true,
            signer_unit: None,
            media: Default::default(),
            portal_base: None,
        }
    }

    fn decode(png: &[u8]) -> image::RgbImage {
        image::load_from_memory_with_format(png, image::ImageFormat::Png)
            .expect("a PNG")
            .to_rgb8()
    }

    /// Pixels darker than mid-grey inside a box given in pt.
    fn ink(img: &GrayImage, (x0, y0, x1, y1): (f32, f32, f32, f32)) -> usize {
        let k = img.width() as f32 / PAGE_W;
        let px = |v: f32, max: u32| ((v * k).max(0.0) as u32).min(max);
        let mut n = 0;
        for y in px(y0, img.height())..px(y1, img.height()) {
            for x in px(x0, img.width())..px(x1, img.width()) {
                if img.get_pixel(x, y).0[0] < 128 {
                    n += 1;
                }
            }
        }
        n
    }

    #[test]
    fn every_pdf_page_has_a_preview_image_of_a4_proportions() {
        let options = options();
        let pack = seed_pack();
        let pages = pdf(&pack, None, &options).expect("pdf").pages;
        let width = 400;
        let images = pdf_preview(&pack, None, &options, width).expect("preview");
        assert_eq!(images.len(), pages);
        let height = (width as f32 * PAGE_H / PAGE_W).round() as u32;
        for (i, png) in images.iter().enumerate() {
            let img = decode(png);
            assert_eq!(
                (img.width(), img.height()),
                (width, height),
                "page {}",
                i + 1
            );
        }
    }

    #[test]
    fn the_cover_has_ink_where_its_title_is_and_none_in_the_margin() {
        let options = options();
        let pack = seed_pack();
        let doc = layout_document(&pack, None, &options).expect("layout");
        let width = 800;
        let images = pdf_preview(&pack, None, &options, width).expect("preview");
        let img = image::load_from_memory(&images[0])
            .expect("a PNG")
            .to_luma8();
        let total = ink(&img, (0.0, 0.0, PAGE_W, PAGE_H));
        assert!(total > 5_000, "only {total} dark pixels on the cover");
        // The cover's biggest line is the policy title; its glyphs sit above the baseline.
        let (y, size) = doc.pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { y, spans, .. } => Some((*y, spans[0].size)),
                _ => None,
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("text on the cover");
        let title = ink(&img, (LEFT, y - size, LEFT + BLOCK_W, y));
        assert!(title > 500, "only {title} dark pixels in the title's box");
        // Nothing is set in the top margin: a page drawn upside down would have its foot there.
        let margin = ink(&img, (0.0, 0.0, PAGE_W, TOP * 0.8));
        assert_eq!(margin, 0, "ink in the top margin");
    }

    #[test]
    fn chinese_is_drawn_in_every_role_not_as_missing_glyph_boxes() {
        // A missing glyph is an empty or hollow box: far less ink than a dense hanzi such as
        // 攀 has, and no more than 一 has. A family name resvg does not know draws nothing.
        let fonts = FontSet::bundled().expect("fonts");
        let ink_of = |role: FontRole, s: &str| {
            let page = Page {
                items: vec![Item::Text {
                    x: 20.0,
                    y: 60.0,
                    spans: vec![Span::new(s, role, 40.0)],
                    spacing: 0.0,
                    color: Rgb::INK,
                    tag: Tag::Auto,
                }],
                ..Page::default()
            };
            let png = raster::png(&page_svg(&page, &fonts), 600, &fonts).expect("png");
            let img = image::load_from_memory(&png).expect("a PNG").to_luma8();
            ink(&img, (0.0, 0.0, PAGE_W, 100.0))
        };
        for role in FontRole::ALL {
            let dense = ink_of(role, "攀攀攀");
            let sparse = ink_of(role, "一一一");
            assert!(sparse > 0, "{role:?} draws nothing");
            assert!(dense > 2 * sparse, "{role:?}: 攀 {dense} vs 一 {sparse}");
        }
        // A rare character that 仿宋 lacks comes from the system fallback, when there is one;
        // resvg draws nothing at all for a character no font has, so any ink means it was found.
        let rare = fonts.fallback().and_then(|f| {
            ('\u{3400}'..'\u{4dbf}').find(|c| !fonts.get(FontRole::Fang).covers(*c) && f.covers(*c))
        });
        if let Some(c) = rare {
            let n = ink_of(FontRole::Fang, &c.to_string());
            assert!(n > 0, "{c} (U+{:04X}) is not drawn", c as u32);
        }
    }

    #[test]
    fn charts_are_painted_in_colour_exactly_where_the_layout_put_them() {
        let options = options();
        let doc = layout_document(&gallery_pack(), None, &options).expect("layout");
        let boxes = |page: &Page| -> Vec<(f32, f32, f32, f32)> {
            page.items
                .iter()
                .filter_map(|item| match item {
                    Item::Chart {
                        x,
                        y,
                        scale,
                        drawing,
                        ..
                    } => Some((
                        *x,
                        *y,
                        x + drawing.width * scale,
                        y + drawing.height * scale,
                    )),
                    _ => None,
                })
                .collect()
        };
        let page = doc
            .pages
            .iter()
            .find(|p| !boxes(p).is_empty())
            .expect("a chart in the gallery");
        let charts = boxes(page);
        let png = raster::png(&page_svg(page, &options.fonts), 600, &options.fonts).expect("png");
        let img = decode(&png);
        let k = img.width() as f32 / PAGE_W;
        let saturated = |px: u32, py: u32| {
            let [r, g, b] = img.get_pixel(px, py).0;
            r.max(g).max(b) - r.min(g).min(b) > 60
        };
        // Anti-aliased chart edges may bleed a pixel out of the box.
        let inside = |px: u32, py: u32, pad: f32| {
            let (x, y) = (px as f32 / k, py as f32 / k);
            charts.iter().any(|(x0, y0, x1, y1)| {
                x >= x0 - pad && x <= x1 + pad && y >= y0 - pad && y <= y1 + pad
            })
        };
        for (x0, y0, x1, y1) in &charts {
            let n = ((y0 * k) as u32..(y1 * k) as u32)
                .flat_map(|py| ((x0 * k) as u32..(x1 * k) as u32).map(move |px| (px, py)))
                .filter(|(px, py)| saturated(*px, *py))
                .count();
            assert!(n > 1_000, "only {n} coloured pixels in the chart at y {y0}");
        }
        // Below the red draft banner in the top margin, colour comes only from the charts.
        let stray = (((TOP * k) as u32)..img.height())
            .flat_map(|py| (0..img.width()).map(move |px| (px, py)))
            .filter(|(px, py)| saturated(*px, *py) && !inside(*px, *py, 2.0))
            .count();
        assert_eq!(stray, 0, "coloured pixels outside the charts");
    }

    #[test]
    fn text_is_escaped_and_a_bad_width_is_refused() {
        let fonts = FontSet::bundled().expect("fonts");
        let page = Page {
            items: vec![Item::Text {
                x: 10.0,
                y: 20.0,
                spans: vec![Span::new("<a & b>", FontRole::Fang, 16.0)],
                spacing: -0.2,
                color: Rgb::RED,
                tag: Tag::Auto,
            }],
            ..Page::default()
        };
        let svg = page_svg(&page, &fonts);
        assert!(svg.contains("&lt;a &amp; b&gt;"), "{svg}");
        assert!(svg.contains(r##"fill="#c71717""##), "{svg}");
        let err = pdf_preview(&seed_pack(), None, &options(), 10).expect_err("too narrow");
        assert!(
            matches!(err, RenderError::BadWidth { width: 10, .. }),
            "{err}"
        );
    }
}
