//! Derivatives: JPEGs sized for WeChat and Weibo posts in the media kit, RGBA for the PDF and
//! thumbnails. Made from the stored bytes; the JPEG encoder writes no Exif, so no metadata at all
//! (GPS or other) reaches a derivative. Images are turned as their Exif orientation says first.

use image::imageops::FilterType;
use image::{DynamicImage, RgbImage, RgbaImage};
use jiedu_core::{MediaFormat, MediaKind};

use crate::{raster, svg, MediaError};

/// WeChat (公众号) article images: wider than this is scaled down by the platform anyway.
pub const WECHAT_MAX_WIDTH: u32 = 1080;
/// WeChat article images must be under this many bytes, or the editor recompresses them.
pub const WECHAT_MAX_BYTES: usize = 1_000_000;
/// Weibo images: the longest edge shown at full resolution.
pub const WEIBO_MAX_EDGE: u32 = 2048;
/// Weibo images must be under this many bytes.
pub const WEIBO_MAX_BYTES: usize = 5_000_000;

/// JPEG qualities tried in turn before the image itself is made smaller; below 40 artefacts show
/// on text and faces, so a smaller image looks better than a worse one.
const QUALITIES: [u8; 6] = [90, 80, 70, 60, 50, 40];

/// How a derivative must fit.
#[derive(Clone, Copy)]
enum Fit {
    Width(u32),
    LongEdge(u32),
}

impl Fit {
    /// The size to scale `(w, h)` to: never up for raster images, always to the bound for SVG
    /// (which is drawn at that size, not scaled).
    fn size(self, w: u32, h: u32, upscale: bool) -> (u32, u32) {
        let (w64, h64) = (f64::from(w.max(1)), f64::from(h.max(1)));
        let scale = match self {
            Fit::Width(max) => f64::from(max) / w64,
            Fit::LongEdge(max) => f64::from(max) / w64.max(h64),
        };
        if scale >= 1.0 && !upscale {
            return (w, h);
        }
        (
            ((w64 * scale).round() as u32).max(1),
            ((h64 * scale).round() as u32).max(1),
        )
    }
}

fn still(
    bytes: &[u8],
    format: MediaFormat,
    file: &str,
    fit: Fit,
) -> Result<DynamicImage, MediaError> {
    if format.kind() != MediaKind::Image {
        return Err(MediaError::derivative(
            file,
            format!("{} 不是图片 is not an image", format.label_en()),
        ));
    }
    if format == MediaFormat::Svg {
        let tree = svg::parse(file, bytes)?;
        let (w, h) = svg::size(&tree);
        let (tw, _) = fit.size(w, h, true);
        return Ok(DynamicImage::ImageRgba8(svg::rasterise(file, &tree, tw)?));
    }
    let img = raster::decode(file, format, bytes)?;
    let (tw, th) = fit.size(img.width(), img.height(), false);
    if (tw, th) == (img.width(), img.height()) {
        Ok(img)
    } else {
        Ok(img.resize_exact(tw, th, FilterType::CatmullRom))
    }
}

/// Composites onto white: JPEG has no transparency, and a transparent logo would otherwise turn
/// black.
fn on_white(img: DynamicImage) -> RgbImage {
    if !img.color().has_alpha() {
        return img.into_rgb8();
    }
    let rgba = img.into_rgba8();
    let mut out = RgbImage::new(rgba.width(), rgba.height());
    for (d, s) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u16::from(s[3]);
        for c in 0..3 {
            d[c] = ((u16::from(s[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    out
}

fn encode(img: &RgbImage, quality: u8, file: &str) -> Result<Vec<u8>, MediaError> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(img)
        .map_err(|e| MediaError::derivative(file, e))?;
    Ok(out)
}

/// Encodes under `limit` bytes: quality first, then size.
fn jpeg_under(mut img: RgbImage, limit: usize, file: &str) -> Result<Vec<u8>, MediaError> {
    let mut last = 0;
    for q in QUALITIES {
        let out = encode(&img, q, file)?;
        if out.len() < limit {
            return Ok(out);
        }
        last = out.len();
    }
    let lowest = QUALITIES[QUALITIES.len() - 1];
    loop {
        if img.width() <= 16 && img.height() <= 16 {
            return Err(MediaError::derivative(
                file,
                format!("cannot get under {limit} bytes"),
            ));
        }
        // Bytes go roughly with the pixel count; aim a little under.
        let f = ((limit as f64 / last as f64).sqrt() * 0.9).min(0.9);
        let w = ((f64::from(img.width()) * f) as u32).max(1);
        let h = ((f64::from(img.height()) * f) as u32).max(1);
        img = image::imageops::resize(&img, w, h, FilterType::CatmullRom);
        let out = encode(&img, lowest, file)?;
        if out.len() < limit {
            return Ok(out);
        }
        last = out.len();
    }
}

/// A JPEG for WeChat articles: at most [`WECHAT_MAX_WIDTH`] px wide, under
/// [`WECHAT_MAX_BYTES`].
pub fn wechat_jpeg(
    bytes: &[u8],
    format: MediaFormat,
    file_name: &str,
) -> Result<Vec<u8>, MediaError> {
    let img = still(bytes, format, file_name, Fit::Width(WECHAT_MAX_WIDTH))?;
    jpeg_under(on_white(img), WECHAT_MAX_BYTES, file_name)
}

/// A JPEG for Weibo: longest edge at most [`WEIBO_MAX_EDGE`] px, under [`WEIBO_MAX_BYTES`].
pub fn weibo_jpeg(
    bytes: &[u8],
    format: MediaFormat,
    file_name: &str,
) -> Result<Vec<u8>, MediaError> {
    let img = still(bytes, format, file_name, Fit::LongEdge(WEIBO_MAX_EDGE))?;
    jpeg_under(on_white(img), WEIBO_MAX_BYTES, file_name)
}

/// Pixels for PDF placement and thumbnails: SVG drawn `max_px` wide, raster images scaled down
/// to `max_px` on the long edge if larger.
pub fn decode_rgba(
    bytes: &[u8],
    format: MediaFormat,
    file_name: &str,
    max_px: u32,
) -> Result<RgbaImage, MediaError> {
    let fit = if format == MediaFormat::Svg {
        Fit::Width(max_px)
    } else {
        Fit::LongEdge(max_px)
    };
    Ok(still(bytes, format, file_name, fit)?.into_rgba8())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits() {
        assert_eq!(Fit::Width(1080).size(3000, 2000, false), (1080, 720));
        assert_eq!(Fit::Width(1080).size(500, 2000, false), (500, 2000));
        assert_eq!(Fit::LongEdge(2048).size(1000, 4096, false), (500, 2048));
        assert_eq!(Fit::Width(1080).size(100, 50, true), (1080, 540));
    }

    #[test]
    fn transparent_goes_white() {
        let img = DynamicImage::ImageRgba8(RgbaImage::from_pixel(2, 2, image::Rgba([0, 0, 0, 0])));
        assert_eq!(on_white(img).get_pixel(0, 0).0, [255, 255, 255]);
    }

    #[test]
    fn svg_is_drawn_at_the_width_asked() {
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect width="100" height="50" fill="red"/></svg>"#;
        let img = decode_rgba(svg, MediaFormat::Svg, "a.svg", 400).expect("decodes");
        assert_eq!(img.dimensions(), (400, 200));
        assert_eq!(img.get_pixel(200, 100).0, [255, 0, 0, 255]);
        let j = wechat_jpeg(svg, MediaFormat::Svg, "a.svg").expect("derivative made");
        let back = image::load_from_memory(&j).expect("decodes");
        assert_eq!((back.width(), back.height()), (1080, 540));
    }
}
