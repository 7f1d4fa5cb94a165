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
    #[error("字符“{ch}”（U+{code:04X}）在内置字体和备用字体中都没有，无法排印：第 {page} 页“{context}”。请安装 fonts-noto-cjk 或改用常用字。\nThe character {ch} (U+{code:04X}) is in no bundled or fallback font, on page {page}: “{context}”; install fonts-noto-cjk or use another character.")]
    MissingGlyph {
        /// The character.
        ch: char,
        /// Its code point.
        code: u32,
        /// The page it would be on, from 1.
        page: usize,
        /// The line it stands in, so the author can find it.
        context: String,
    },
    /// A chart label has a character that no font has.
    #[error("图表“{chart}”中的字符“{ch}”（U+{code:04X}）在内置字体和备用字体中都没有，无法绘制：“{text}”。请改用常用字。\nIn chart {chart}, the character {ch} (U+{code:04X}) is in no bundled or fallback font: “{text}”; use another character.")]
    ChartMissingGlyph {
        /// The chart's id.
        chart: String,
        /// The character.
        ch: char,
        /// Its code point.
        code: u32,
        /// The label it stands in.
        text: String,
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
    /// A media kit was asked for a pack that is not signed.
    #[error("解读包“{pack}”尚未审签（当前状态：{state}），不能导出媒体包。请先完成审签。\nPack {pack} is not signed (state: {state}); media kits are made only for signed packs. Have it signed first.")]
    KitUnsigned {
        /// The pack.
        pack: String,
        /// Its workflow state, in Chinese.
        state: String,
    },
    /// The pack's content is not what the signature covers.
    #[error("解读包“{pack}”的内容与审签时不一致（签名覆盖 {signed}，当前内容为 {actual}），不能导出媒体包。请重新提交审签。\nPack {pack} is not the content that was signed (signed {signed}, now {actual}); no media kit is made. Submit it for signing again.")]
    KitContentChanged {
        /// The pack.
        pack: String,
        /// The hash the signature covers.
        signed: String,
        /// The hash of the current content.
        actual: String,
    },
    /// The caller cancelled the export.
    #[error("导出已取消，未生成任何文件。\nThe export was cancelled; no file was written.")]
    Cancelled,
    /// A zip archive (a media kit or a .docx) could not be written.
    #[error("无法生成“{file}”：{detail}\n{file} could not be written: {detail}")]
    Archive {
        /// The archive or the file inside it.
        file: String,
        /// The cause.
        detail: String,
    },
    /// A media kit could not be opened at all.
    #[error("无法打开媒体包：{detail}。请确认这是 Jiedu 导出的完整 .zip 文件。\nThe media kit cannot be opened: {detail}. Check that it is a complete .zip exported by Jiedu.")]
    KitUnreadable {
        /// The cause.
        detail: String,
    },
    /// A media kit does not match its manifest or its signature; each problem names its file.
    #[error("媒体包校验未通过：{}。请向导出单位索取原始媒体包。\nThe media kit does not verify: {}. Ask the exporting office for the original kit.", crate::kit::problems_zh(.problems), crate::kit::problems_en(.problems))]
    KitInvalid {
        /// Every problem found.
        problems: Vec<crate::kit::KitProblem>,
    },
    /// A publication package does not match its manifest; each problem names its file.
    #[error("门户发布包校验未通过：{}。请重新生成发布包。\nThe publication package does not verify: {}. Generate it again.", crate::kit::problems_zh(.problems), crate::kit::problems_en(.problems))]
    PortalInvalid {
        /// Every problem found.
        problems: Vec<crate::kit::KitProblem>,
    },
    /// A pack cannot be published yet.
    #[error("{detail}")]
    PortalNotReady {
        /// What to set, e.g. `portal.org_code`.
        field: String,
        /// Why, in both languages.
        detail: String,
    },
    /// A file the pack refers to was not handed to the renderer (it is not in the store).
    #[error("解读包引用的文件“{file}”（SHA-256 {sha256}）不在媒体库中，无法导出。请运行 jiedu audit --verify 检查存储。\nThe pack's file {file} (SHA-256 {sha256}) is not in the media store; nothing was exported. Run jiedu audit --verify to check the store.")]
    MediaMissing {
        /// The file name as added.
        file: String,
        /// Its SHA-256.
        sha256: String,
    },
    /// A stored image does not decode.
    #[error("图片“{file}”无法解码：{detail}\nThe image {file} cannot be decoded: {detail}")]
    MediaUnreadable {
        /// The file name as added.
        file: String,
        /// What the decoder said.
        detail: String,
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
            RenderError::MissingGlyph { .. } | RenderError::ChartMissingGlyph { .. } => {
                "render.missing_glyph"
            }
            RenderError::KitUnsigned { .. } => "kit.unsigned",
            RenderError::KitContentChanged { .. } => "kit.content_changed",
            RenderError::Cancelled => "render.cancelled",
            RenderError::Archive { .. } => "render.archive",
            RenderError::KitUnreadable { .. } => "kit.unreadable",
            RenderError::KitInvalid { .. } => "kit.invalid",
            RenderError::PortalInvalid { .. } => "portal.invalid",
            RenderError::PortalNotReady { .. } => "portal.not_ready",
            RenderError::MediaMissing { .. } => "media.missing",
            RenderError::MediaUnreadable { .. } => "media.corrupt",
        }
    }
}
