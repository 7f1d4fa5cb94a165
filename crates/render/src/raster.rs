//! SVG to PNG through resvg, with only the bundled fonts (no system font lookup).

use crate::error::RenderError;
use crate::fonts::FontSet;
use resvg::{tiny_skia, usvg};
use std::sync::Arc;

/// Narrowest PNG we make.
pub const MIN_WIDTH: u32 = 64;
/// Widest PNG we make (2× the 1080-px WeChat width, with room).
pub const MAX_WIDTH: u32 = 4320;

/// The usvg options that resolve every font from the set, shared by all rasterising.
pub fn svg_options(fonts: &FontSet) -> usvg::Options<'static> {
    let mut options = usvg::Options::default();
    let db = options.fontdb_mut();
    for file in fonts.all_files() {
        db.load_font_data(file.bytes.as_ref().clone());
    }
    options.font_family = fonts.get(crate::fonts::FontRole::Hei).family.clone();
    options
}

/// Rasterises `svg` at `width_px` (height follows the aspect ratio) and encodes it as PNG.
pub fn png(svg: &str, width_px: u32, fonts: &FontSet) -> Result<Vec<u8>, RenderError> {
    png_with(svg, width_px, &Arc::new(svg_options(fonts)))
}

/// As [`png`], with options prepared once by [`svg_options`] for many images.
pub fn png_with(
    svg: &str,
    width_px: u32,
    options: &usvg::Options<'_>,
) -> Result<Vec<u8>, RenderError> {
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&width_px) {
        return Err(RenderError::BadWidth {
            width: width_px,
            min: MIN_WIDTH,
            max: MAX_WIDTH,
        });
    }
    let raster = |detail: String| RenderError::Raster {
        chart: "svg".into(),
        detail,
    };
    let tree = usvg::Tree::from_str(svg, options).map_err(|e| raster(e.to_string()))?;
    let size = tree.size();
    let scale = width_px as f32 / size.width();
    let height = (size.height() * scale).round().max(1.0) as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width_px, height)
        .ok_or_else(|| raster(format!("{width_px}×{height}")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let rgba = pixmap.take_demultiplied();
    let mut out = Vec::new();
    image::write_buffer_with_format(
        &mut std::io::Cursor::new(&mut out),
        &rgba,
        width_px,
        height,
        image::ExtendedColorType::Rgba8,
        image::ImageFormat::Png,
    )
    .map_err(|e| raster(e.to_string()))?;
    Ok(out)
}
