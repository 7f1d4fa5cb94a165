//! Rendering errors. Each names the file, chart or image at fault, Chinese first.

use std::path::PathBuf;

/// What can go wrong while rendering.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A font file is missing or unreadable.
    #[error("无法读取字体文件“{path}”：{detail}。请检查 resources/fonts 目录是否完整。\nCannot read the font file {path}: {detail}. Check that resources/fonts is complete.")]
    FontMissing {
        /// The file.
        path: PathBuf,
        /// The cause.
        detail: String,
    },
    /// A font file is not a usable font.
    #[error("字体文件“{path}”已损坏或不是字体。\nThe font file {path} is damaged or not a font.")]
    FontBroken {
        /// The file.
        path: PathBuf,
    },
    /// The chart spec is not drawable.
    #[error(transparent)]
    Chart(#[from] jiedu_core::ChartError),
    /// The SVG could not be rasterised.
    #[error(
        "图表“{chart}”无法生成图片：{detail}\nChart {chart} could not be rasterised: {detail}"
    )]
    Raster {
        /// Chart id, or a description of the drawing.
        chart: String,
        /// The cause.
        detail: String,
    },
    /// A PDF could not be written or read back.
    #[error("PDF 文件无法处理：{detail}\nThe PDF could not be processed: {detail}")]
    Pdf {
        /// The cause.
        detail: String,
    },
    /// A character is in no bundled or fallback font.
    #[error("字符“{ch}”（U+{code:04X}）在内置字体和备用字体中都没有，无法排印。请安装 fonts-noto-cjk 或改用常用字。\nThe character {ch} (U+{code:04X}) is in no bundled or fallback font; install fonts-noto-cjk or use another character.")]
    MissingGlyph {
        /// The character.
        ch: char,
        /// Its code point.
        code: u32,
    },
    /// The requested image size is unusable.
    #[error("图片宽度 {width} 像素超出范围（{min}–{max}）。\nImage width {width} px is out of range ({min}–{max}).")]
    BadWidth {
        /// Requested width.
        width: u32,
        /// Smallest allowed.
        min: u32,
        /// Largest allowed.
        max: u32,
    },
}

impl RenderError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::FontMissing { .. } => "render.font_missing",
            RenderError::FontBroken { .. } => "render.font_broken",
            RenderError::Chart(_) => "chart.invalid",
            RenderError::Raster { .. } => "render.raster",
            RenderError::BadWidth { .. } => "render.bad_width",
            RenderError::Pdf { .. } => "render.pdf",
            RenderError::MissingGlyph { .. } => "render.missing_glyph",
        }
    }
}
