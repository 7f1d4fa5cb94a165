//! Why a file was refused, in words for the person who added it.

use jiedu_core::MediaFormat;

/// Why a file was not accepted, or a derivative could not be made. Every variant names the file
/// as the user gave it; the message is Chinese first, then English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MediaError {
    /// Bigger than the limit for any file (`what` is `None`) or for its format.
    #[error(
        "文件“{file}”有 {}，超过{}的上限 {}，未保存。\nThe file {file} is {}, over the {} limit of {}; nothing was stored.",
        mb(*byte_len), what_zh(*what), mb(*limit), mb(*byte_len), what_en(*what), mb(*limit)
    )]
    TooLarge {
        /// The file name as given.
        file: String,
        /// Its size in bytes.
        byte_len: u64,
        /// The limit it is over, in bytes.
        limit: u64,
        /// The format whose limit applies; `None` for the limit on any file.
        what: Option<MediaFormat>,
    },
    /// Zero bytes long.
    #[error("文件“{file}”是空的，未保存。\nThe file {file} is empty; nothing was stored.")]
    Empty {
        /// The file name as given.
        file: String,
    },
    /// The content is none of the accepted formats.
    #[error(
        "文件“{file}”不是可接受的格式（可接受：{ACCEPTED}），未保存。\nThe file {file} is not in an accepted format (accepted: {ACCEPTED}); nothing was stored."
    )]
    Unsupported {
        /// The file name as given.
        file: String,
    },
    /// The content is one accepted format, the extension claims another.
    #[error(
        "文件“{file}”的内容是 {}，与扩展名 .{claimed_ext} 不符，未保存。\nThe content of {file} is {} {}, not what .{claimed_ext} claims; nothing was stored.",
        actual.label_zh(), article(*actual), actual.label_en()
    )]
    Mislabelled {
        /// The file name as given.
        file: String,
        /// What the content really is.
        actual: MediaFormat,
        /// The extension of the name, without the dot.
        claimed_ext: String,
    },
    /// The format is recognised but the file is truncated or damaged.
    #[error(
        "文件“{file}”看起来是 {}，但已损坏或不完整（{detail}），未保存。\nThe file {file} looks like {} {} but is damaged or incomplete ({detail}); nothing was stored.",
        what.label_zh(), article(*what), what.label_en()
    )]
    Corrupt {
        /// The file name as given.
        file: String,
        /// The format it claims to be by its content.
        what: MediaFormat,
        /// What is wrong, in the parser's words.
        detail: String,
    },
    /// An image too large in pixels to decode safely (a decompression bomb, or a scan that should
    /// be made smaller before it is added).
    #[error(
        "文件“{file}”的尺寸 {width}×{height} 像素过大（每边至多 {MAX_SIDE} 像素，共至多 {MAX_MEGAPIXELS} 百万像素），未保存。\nThe image {file} is {width}×{height} pixels, too large (at most {MAX_SIDE} px a side and {MAX_MEGAPIXELS} megapixels); nothing was stored."
    )]
    TooManyPixels {
        /// The file name as given.
        file: String,
        /// Width in pixels, as the header claims.
        width: u32,
        /// Height in pixels, as the header claims.
        height: u32,
    },
    /// The file could not be read at all (missing, permissions, I/O error).
    #[error("无法读取文件“{file}”：{detail}\nCould not read {file}: {detail}")]
    Unreadable {
        /// The file name as given.
        file: String,
        /// The operating system's words.
        detail: String,
    },
    /// A derivative (WeChat or Weibo JPEG, raster for the PDF) could not be made.
    #[error("无法为文件“{file}”生成图片：{detail}\nCould not make an image from {file}: {detail}")]
    Derivative {
        /// The file name as given.
        file: String,
        /// What went wrong.
        detail: String,
    },
}

/// The accepted formats, as listed in the refusal of anything else.
const ACCEPTED: &str = "PNG, JPEG, WebP, SVG, MP3, M4A, MP4, WebM";

/// Largest side of an image accepted, in pixels.
pub const MAX_SIDE: u32 = 20_000;
/// Largest image accepted, in megapixels; 100 MP of RGBA is 400 MB decoded.
pub const MAX_MEGAPIXELS: u64 = 100;

impl MediaError {
    /// A stable code for the UI, logs and the protocol, e.g. `media.too_large`.
    pub fn code(&self) -> &'static str {
        match self {
            MediaError::TooLarge { .. } => "media.too_large",
            MediaError::Empty { .. } => "media.empty",
            MediaError::Unsupported { .. } => "media.unsupported",
            MediaError::Mislabelled { .. } => "media.mislabelled",
            MediaError::Corrupt { .. } => "media.corrupt",
            MediaError::TooManyPixels { .. } => "media.too_many_pixels",
            MediaError::Unreadable { .. } => "media.unreadable",
            MediaError::Derivative { .. } => "media.derivative",
        }
    }

    /// The file name the error is about, as the user gave it.
    pub fn file(&self) -> &str {
        match self {
            MediaError::TooLarge { file, .. }
            | MediaError::Empty { file }
            | MediaError::Unsupported { file }
            | MediaError::Mislabelled { file, .. }
            | MediaError::Corrupt { file, .. }
            | MediaError::TooManyPixels { file, .. }
            | MediaError::Unreadable { file, .. }
            | MediaError::Derivative { file, .. } => file,
        }
    }

    pub(crate) fn corrupt(file: &str, what: MediaFormat, detail: impl std::fmt::Display) -> Self {
        MediaError::Corrupt {
            file: file.to_owned(),
            what,
            detail: detail.to_string(),
        }
    }

    pub(crate) fn unreadable(file: &str, err: &std::io::Error) -> Self {
        MediaError::Unreadable {
            file: file.to_owned(),
            detail: err.to_string(),
        }
    }

    pub(crate) fn derivative(file: &str, detail: impl std::fmt::Display) -> Self {
        MediaError::Derivative {
            file: file.to_owned(),
            detail: detail.to_string(),
        }
    }
}

/// Sizes are shown in binary megabytes, as the limits are defined (30 MB = 30 × 1024 × 1024).
fn mb(bytes: u64) -> String {
    let tenths = (bytes as f64 / (1024.0 * 1024.0) * 10.0).round() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0} MB")
    } else {
        format!("{tenths:.1} MB")
    }
}

/// "an MP4 video" but "a PNG image": the labels are read letter by letter.
fn article(f: MediaFormat) -> &'static str {
    match f {
        MediaFormat::Svg | MediaFormat::Mp3 | MediaFormat::M4a | MediaFormat::Mp4 => "an",
        _ => "a",
    }
}

fn what_zh(what: Option<MediaFormat>) -> &'static str {
    what.map_or("任何文件", MediaFormat::label_zh)
}

fn what_en(what: Option<MediaFormat>) -> &'static str {
    what.map_or("any file", MediaFormat::label_en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_bilingual_and_name_the_file() {
        let e = MediaError::Mislabelled {
            file: "clip.mp4".into(),
            actual: MediaFormat::Png,
            claimed_ext: "mp4".into(),
        };
        assert_eq!(
            e.to_string(),
            "文件“clip.mp4”的内容是 PNG 图片，与扩展名 .mp4 不符，未保存。\nThe content of clip.mp4 is a PNG image, not what .mp4 claims; nothing was stored."
        );
        assert_eq!(e.code(), "media.mislabelled");
        let e = MediaError::TooLarge {
            file: "big.mp4".into(),
            byte_len: 3 << 30,
            limit: jiedu_core::media::ANY_LIMIT,
            what: None,
        };
        assert!(e.to_string().contains("3072 MB"), "{e}");
        assert!(e.to_string().contains("2048 MB"), "{e}");
        assert_eq!(mb(1_572_864), "1.5 MB");
    }
}
