//! Images, audio and video that belong to a pack's materials (图片与音视频).
//!
//! The bytes live in the store once, addressed by their SHA-256; a pack holds [`MediaRef`]s, so
//! the content hash (and with it every signature) covers the exact bytes of every file.

use serde::{Deserialize, Serialize};

/// The formats Jiedu accepts, recognised by their content, never by their file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MediaFormat {
    /// PNG image.
    Png,
    /// JPEG image.
    Jpeg,
    /// WebP image.
    Webp,
    /// SVG drawing.
    Svg,
    /// MP3 audio.
    Mp3,
    /// AAC audio in an MP4 container (.m4a).
    M4a,
    /// MP4 video (H.264).
    Mp4,
    /// WebM video (VP8, VP9 or AV1).
    Webm,
}

/// What a format is, for the forms of interpretation and the outputs' markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MediaKind {
    /// A still image.
    Image,
    /// Sound only.
    Audio,
    /// Moving pictures, usually with sound.
    Video,
}

impl MediaKind {
    /// The serialized name, `image`, `audio` or `video`, as the kit's manifest and the portal's
    /// markup write it.
    pub fn name(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Audio => "audio",
            MediaKind::Video => "video",
        }
    }
}

/// Largest image accepted: a press photo from a good camera is 10–20 MB.
pub const IMAGE_LIMIT: u64 = 30 * 1024 * 1024;
/// Largest SVG accepted: drawings are text and small; a bigger one is almost always an embedded
/// bitmap that should come as PNG or JPEG.
pub const SVG_LIMIT: u64 = 5 * 1024 * 1024;
/// Largest audio file: a two-hour briefing at 192 kbit/s is about 170 MB.
pub const AUDIO_LIMIT: u64 = 300 * 1024 * 1024;
/// Largest video file: a one-hour 1080p briefing at 2 Mbit/s is about 0.9 GB.
pub const VIDEO_LIMIT: u64 = 2 * 1024 * 1024 * 1024;
/// Largest file of any kind, checked before a byte is read.
pub const ANY_LIMIT: u64 = VIDEO_LIMIT;

impl MediaFormat {
    /// Every format, in the order the UI lists them.
    pub const ALL: [MediaFormat; 8] = [
        MediaFormat::Png,
        MediaFormat::Jpeg,
        MediaFormat::Webp,
        MediaFormat::Svg,
        MediaFormat::Mp3,
        MediaFormat::M4a,
        MediaFormat::Mp4,
        MediaFormat::Webm,
    ];

    /// Image, audio or video.
    pub fn kind(self) -> MediaKind {
        match self {
            MediaFormat::Png | MediaFormat::Jpeg | MediaFormat::Webp | MediaFormat::Svg => {
                MediaKind::Image
            }
            MediaFormat::Mp3 | MediaFormat::M4a => MediaKind::Audio,
            MediaFormat::Mp4 | MediaFormat::Webm => MediaKind::Video,
        }
    }

    /// The MIME type the outputs and the protocol serve it as.
    pub fn mime(self) -> &'static str {
        match self {
            MediaFormat::Png => "image/png",
            MediaFormat::Jpeg => "image/jpeg",
            MediaFormat::Webp => "image/webp",
            MediaFormat::Svg => "image/svg+xml",
            MediaFormat::Mp3 => "audio/mpeg",
            MediaFormat::M4a => "audio/mp4",
            MediaFormat::Mp4 => "video/mp4",
            MediaFormat::Webm => "video/webm",
        }
    }

    /// The extension written on export, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            MediaFormat::Png => "png",
            MediaFormat::Jpeg => "jpg",
            MediaFormat::Webp => "webp",
            MediaFormat::Svg => "svg",
            MediaFormat::Mp3 => "mp3",
            MediaFormat::M4a => "m4a",
            MediaFormat::Mp4 => "mp4",
            MediaFormat::Webm => "webm",
        }
    }

    /// Extensions a file of this format may carry (lower case, without the dot).
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            MediaFormat::Png => &["png"],
            MediaFormat::Jpeg => &["jpg", "jpeg", "jpe", "jfif"],
            MediaFormat::Webp => &["webp"],
            MediaFormat::Svg => &["svg"],
            MediaFormat::Mp3 => &["mp3"],
            MediaFormat::M4a => &["m4a", "aac", "mp4"],
            MediaFormat::Mp4 => &["mp4", "m4v", "mov"],
            MediaFormat::Webm => &["webm", "weba"],
        }
    }

    /// The format a file name's extension claims, if it is one Jiedu knows.
    pub fn claimed_by(file_name: &str) -> Option<MediaFormat> {
        let ext = file_name.rsplit_once('.')?.1.to_ascii_lowercase();
        MediaFormat::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }

    /// Whether `file_name`'s extension fits this format (a file with no extension fits any).
    pub fn fits_name(self, file_name: &str) -> bool {
        match file_name.rsplit_once('.') {
            None => true,
            Some((_, ext)) => {
                let ext = ext.to_ascii_lowercase();
                self.extensions().contains(&ext.as_str())
                    || MediaFormat::claimed_by(file_name).is_none()
            }
        }
    }

    /// The largest file of this format accepted.
    pub fn size_limit(self) -> u64 {
        match self {
            MediaFormat::Svg => SVG_LIMIT,
            _ => match self.kind() {
                MediaKind::Image => IMAGE_LIMIT,
                MediaKind::Audio => AUDIO_LIMIT,
                MediaKind::Video => VIDEO_LIMIT,
            },
        }
    }

    /// A short label, e.g. `PNG 图片`.
    pub fn label_zh(self) -> &'static str {
        match self {
            MediaFormat::Png => "PNG 图片",
            MediaFormat::Jpeg => "JPEG 图片",
            MediaFormat::Webp => "WebP 图片",
            MediaFormat::Svg => "SVG 图形",
            MediaFormat::Mp3 => "MP3 音频",
            MediaFormat::M4a => "M4A 音频",
            MediaFormat::Mp4 => "MP4 视频",
            MediaFormat::Webm => "WebM 视频",
        }
    }

    /// The same label in English, e.g. `PNG image`.
    pub fn label_en(self) -> &'static str {
        match self {
            MediaFormat::Png => "PNG image",
            MediaFormat::Jpeg => "JPEG image",
            MediaFormat::Webp => "WebP image",
            MediaFormat::Svg => "SVG drawing",
            MediaFormat::Mp3 => "MP3 audio",
            MediaFormat::M4a => "M4A audio",
            MediaFormat::Mp4 => "MP4 video",
            MediaFormat::Webm => "WebM video",
        }
    }
}

impl MediaKind {
    /// 图片, 音频 or 视频.
    pub fn label_zh(self) -> &'static str {
        match self {
            MediaKind::Image => "图片",
            MediaKind::Audio => "音频",
            MediaKind::Video => "视频",
        }
    }
}

/// What is known of a stored file, found by reading its content when it came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaInfo {
    /// SHA-256 of the bytes as stored, 64 lower-case hex digits.
    pub sha256: String,
    /// The format, read from the content.
    pub format: MediaFormat,
    /// Size in bytes.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub byte_len: u64,
    /// Pixel width of an image or video.
    #[serde(default)]
    pub width: Option<u32>,
    /// Pixel height of an image or video.
    #[serde(default)]
    pub height: Option<u32>,
    /// Length of audio or video in milliseconds.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub duration_ms: Option<u64>,
    /// The codecs of the tracks, e.g. `avc1`, `mp4a`, `vp9`, `opus`, `mp3`.
    #[serde(default)]
    pub codecs: Vec<String>,
}

/// One file in the materials: the stored bytes it names and what the interpreters wrote of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaRef {
    /// Stable id within the pack, e.g. `m1`.
    pub id: String,
    /// File name as added, e.g. `发布会现场.jpg`.
    pub file_name: String,
    /// The stored file: hash, format, size, dimensions and duration.
    #[serde(flatten)]
    pub info: MediaInfo,
    /// Caption (题注), printed under the image and used as the title of audio and video.
    #[serde(default)]
    pub caption: String,
    /// Alternative text for readers who cannot see an image; required for images.
    #[serde(default)]
    pub alt: String,
    /// Credit line, e.g. `摄影：张三` or `市政府新闻办供稿`.
    #[serde(default)]
    pub credit: String,
    /// Placed in the 一图读懂 long image (images only).
    #[serde(default)]
    pub in_long_image: bool,
}

impl MediaRef {
    /// Image, audio or video.
    pub fn kind(&self) -> MediaKind {
        self.info.format.kind()
    }

    /// A title for lists and placeholders: the caption, else the file name.
    pub fn title(&self) -> &str {
        if self.caption.trim().is_empty() {
            &self.file_name
        } else {
            self.caption.trim()
        }
    }

    /// The duration as `m:ss` (or `h:mm:ss`), when known.
    pub fn duration_label(&self) -> Option<String> {
        self.info.duration_ms.map(duration_label)
    }
}

impl MediaRef {
    /// A reference to a stored file with nothing written of it yet.
    pub fn new(id: String, file_name: &str, info: MediaInfo) -> MediaRef {
        MediaRef {
            id,
            file_name: file_name.to_string(),
            info,
            caption: String::new(),
            alt: String::new(),
            credit: String::new(),
            in_long_image: false,
        }
    }
}

/// A file just stored for a pack: the reference to put in its materials, and what happened on
/// the way in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddedMedia {
    /// The reference, with a fresh id and nothing written of it yet.
    pub media: MediaRef,
    /// Metadata removed (GPS positions), one bilingual line each.
    pub stripped: Vec<String>,
    /// Whether the same bytes were already stored (nothing was written twice).
    pub existed: bool,
}

/// What the interpreters write of a file as they add it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaNotes {
    /// Caption (题注).
    #[serde(default)]
    pub caption: String,
    /// Alternative text.
    #[serde(default)]
    pub alt: String,
    /// Credit line.
    #[serde(default)]
    pub credit: String,
    /// Placed in the 一图读懂 long image.
    #[serde(default)]
    pub in_long_image: bool,
}

impl MediaRef {
    /// Writes `notes` into the reference (the long image only for images).
    pub fn with_notes(mut self, notes: &MediaNotes) -> MediaRef {
        self.caption = notes.caption.trim().to_string();
        self.alt = notes.alt.trim().to_string();
        self.credit = notes.credit.trim().to_string();
        self.in_long_image = notes.in_long_image && self.kind() == MediaKind::Image;
        self
    }
}

/// The bytes of a pack's media, loaded by the caller for the renderers, which do no I/O.
#[derive(Debug, Clone, Default)]
pub struct MediaLibrary {
    files: std::collections::BTreeMap<String, std::sync::Arc<Vec<u8>>>,
}

impl MediaLibrary {
    /// An empty library, for packs without media.
    pub fn new() -> MediaLibrary {
        MediaLibrary::default()
    }

    /// Adds the bytes of the file with this SHA-256.
    pub fn insert(&mut self, sha256: &str, bytes: Vec<u8>) {
        self.files
            .insert(sha256.to_string(), std::sync::Arc::new(bytes));
    }

    /// The bytes of the file with this SHA-256, if loaded.
    pub fn get(&self, sha256: &str) -> Option<&[u8]> {
        self.files.get(sha256).map(|b| b.as_slice())
    }

    /// Whether the file with this SHA-256 is loaded.
    pub fn contains(&self, sha256: &str) -> bool {
        self.files.contains_key(sha256)
    }
}

/// Formats milliseconds as `m:ss`, or `h:mm:ss` from an hour on.
pub fn duration_label(ms: u64) -> String {
    let secs = (ms + 500) / 1000;
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The next free media id in `refs`: `m1`, `m2`, … past the highest in use.
pub fn next_media_id(refs: &[MediaRef]) -> String {
    let highest = refs
        .iter()
        .filter_map(|r| r.id.strip_prefix('m')?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    format!("m{}", highest + 1)
}

/// Whether `sha256` is 64 lower-case hex digits, as every stored file's name is.
pub fn is_sha256_hex(sha256: &str) -> bool {
    sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The first range of a `Range: bytes=` header, inclusive, within `total`; `None` when absent
/// or unsatisfiable (the whole file is answered then).
pub fn parse_byte_range(header: &str, total: u64) -> Option<(u64, u64)> {
    let spec = header.trim().strip_prefix("bytes=")?;
    let first = spec.split(',').next()?.trim();
    let (a, b) = first.split_once('-')?;
    if total == 0 {
        return None;
    }
    let (start, end) = match (a.trim(), b.trim()) {
        ("", suffix) => {
            let n: u64 = suffix.parse().ok()?;
            (total.saturating_sub(n), total - 1)
        }
        (a, "") => (a.parse().ok()?, total - 1),
        (a, b) => (a.parse().ok()?, b.parse::<u64>().ok()?.min(total - 1)),
    };
    (start <= end && start < total).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_ranges() {
        assert_eq!(parse_byte_range("bytes=0-99", 1000), Some((0, 99)));
        assert_eq!(parse_byte_range("bytes=900-", 1000), Some((900, 999)));
        assert_eq!(parse_byte_range("bytes=-100", 1000), Some((900, 999)));
        assert_eq!(parse_byte_range("bytes=0-5000", 1000), Some((0, 999)));
        assert_eq!(parse_byte_range("bytes=2000-", 1000), None);
        assert_eq!(parse_byte_range("items=0-1", 1000), None);
    }

    #[test]
    fn names_claim_formats_but_content_decides() {
        assert_eq!(MediaFormat::claimed_by("a.JPG"), Some(MediaFormat::Jpeg));
        assert_eq!(MediaFormat::claimed_by("a"), None);
        assert!(MediaFormat::Png.fits_name("截图.png"));
        assert!(!MediaFormat::Png.fits_name("video.mp4"));
        assert!(MediaFormat::M4a.fits_name("briefing.mp4"));
        assert!(
            MediaFormat::Png.fits_name("scan.bin"),
            "unknown extensions do not lie"
        );
    }

    #[test]
    fn durations_and_ids() {
        assert_eq!(duration_label(65_400), "1:05");
        assert_eq!(duration_label(3_600_000), "1:00:00");
        let info = MediaInfo {
            sha256: "0".repeat(64),
            format: MediaFormat::Png,
            byte_len: 1,
            width: None,
            height: None,
            duration_ms: None,
            codecs: vec![],
        };
        let r = |id: &str| MediaRef {
            id: id.into(),
            file_name: "a.png".into(),
            info: info.clone(),
            caption: String::new(),
            alt: String::new(),
            credit: String::new(),
            in_long_image: false,
        };
        assert_eq!(next_media_id(&[]), "m1");
        assert_eq!(next_media_id(&[r("m1"), r("m7"), r("x")]), "m8");
        assert!(is_sha256_hex(&info.sha256));
        assert!(!is_sha256_hex("ABC"));
    }
}
