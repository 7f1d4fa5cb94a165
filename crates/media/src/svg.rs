//! SVG: sniffed as XML whose root element is `svg`, proved by a full parse with usvg.

use jiedu_core::MediaFormat;
use usvg::{ImageHrefResolver, ImageKind, Options};

use crate::error::{MAX_MEGAPIXELS, MAX_SIDE};
use crate::MediaError;

/// Whether the text begins, after an optional BOM, XML declaration, comments, processing
/// instructions and DOCTYPE, with an `<svg` root element (plain or `svg:`-prefixed).
pub(crate) fn sniff(head: &[u8]) -> bool {
    let mut s = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    loop {
        s = trim_start(s);
        if s.starts_with(b"<?") {
            let Some(end) = find(s, b"?>") else {
                return false;
            };
            s = &s[end + 2..];
        } else if s.starts_with(b"<!--") {
            let Some(end) = find(s, b"-->") else {
                return false;
            };
            s = &s[end + 3..];
        } else if s.starts_with(b"<!DOCTYPE svg") {
            // A DOCTYPE may carry an internal subset in brackets, with '>' inside it.
            let mut depth = 0i32;
            let Some(end) = s.iter().position(|&c| {
                match c {
                    b'[' => depth += 1,
                    b']' => depth -= 1,
                    b'>' if depth <= 0 => return true,
                    _ => {}
                }
                false
            }) else {
                return false;
            };
            s = &s[end + 1..];
        } else {
            break;
        }
    }
    let rest = s
        .strip_prefix(b"<svg:svg")
        .or_else(|| s.strip_prefix(b"<svg"));
    matches!(
        rest.and_then(|r| r.first()),
        Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')
    )
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &s[n..]
}

fn find(s: &[u8], needle: &[u8]) -> Option<usize> {
    s.windows(needle.len()).position(|w| w == needle)
}

/// usvg options for files from anyone: embedded `data:` images are kept, but an `href` naming a
/// path is never followed, so an uploaded SVG cannot pull a file off this machine into a render.
fn options() -> Options<'static> {
    Options {
        image_href_resolver: ImageHrefResolver {
            resolve_data: ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_: &str, _: &Options| -> Option<ImageKind> { None }),
        },
        ..Options::default()
    }
}

/// Parses the SVG fully.
pub(crate) fn parse(file: &str, bytes: &[u8]) -> Result<usvg::Tree, MediaError> {
    usvg::Tree::from_data(bytes, &options())
        .map_err(|e| MediaError::corrupt(file, MediaFormat::Svg, e))
}

/// The drawing's size in whole pixels, rounded up.
pub(crate) fn size(tree: &usvg::Tree) -> (u32, u32) {
    let s = tree.size();
    (s.width().ceil() as u32, s.height().ceil() as u32)
}

/// Rasterises to `max_px` wide (vector art scales up as well as down), keeping the pixel count
/// within the limits raster images have.
pub(crate) fn rasterise(
    file: &str,
    tree: &usvg::Tree,
    max_px: u32,
) -> Result<image::RgbaImage, MediaError> {
    let s = tree.size();
    let (w, h) = (f64::from(s.width()), f64::from(s.height()));
    let mut scale = f64::from(max_px.max(1)) / w;
    let cap = f64::from(MAX_SIDE);
    scale = scale.min(cap / h).min(cap / w);
    let mp = (MAX_MEGAPIXELS * 1_000_000) as f64;
    if w * h * scale * scale > mp {
        scale = (mp / (w * h)).sqrt();
    }
    let pw = ((w * scale).round() as u32).max(1);
    let ph = ((h * scale).round() as u32).max(1);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(pw, ph)
        .ok_or_else(|| MediaError::derivative(file, format!("cannot allocate {pw}×{ph}")))?;
    let t = resvg::tiny_skia::Transform::from_scale(scale as f32, scale as f32);
    resvg::render(tree, t, &mut pixmap.as_mut());
    let mut out = image::RgbaImage::new(pw, ph);
    for (dst, src) in out.pixels_mut().zip(pixmap.pixels()) {
        let c = src.demultiply();
        *dst = image::Rgba([c.red(), c.green(), c.blue(), c.alpha()]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_svg_roots_only() {
        assert!(sniff(br#"<svg xmlns="http://www.w3.org/2000/svg"/>"#));
        assert!(sniff(
            b"\xEF\xBB\xBF<?xml version=\"1.0\"?>\n<!-- x > y -->\n<!DOCTYPE svg [<!ENTITY a \"b\">]>\n<svg>"
        ));
        assert!(!sniff(b"<!DOCTYPE html><html><svg></svg></html>"));
        assert!(!sniff(b"<svgfoo>"));
        assert!(!sniff(b"<!DOCTYPE html><svg></svg>"));
        assert!(!sniff(b"hello"));
    }

    #[test]
    fn local_files_are_never_read() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10"><image width="10" height="10" xlink:href="/etc/passwd"/></svg>"#;
        let tree = parse("a.svg", svg).expect("parses");
        assert_eq!(size(&tree), (10, 10));
    }
}
