//! Media intake for Jiedu (图片与音视频): every file is judged by its content before it is stored.
//!
//! [`inspect_file`] and [`inspect_bytes`] refuse what is too large (by the file's length, before a
//! byte is read), empty, of no accepted format, named as something it is not, or damaged; they
//! return the [`MediaInfo`] the store records and the [`Patch`]es that strip location metadata.
//! Patches are in-place and length-preserving, so a 1 GB video is never rewritten in memory: the
//! store copies it through [`patched_reader`], and the SHA-256 in the info is of those bytes.
//!
//! Parsers, all pure Rust (no C libraries, no ffmpeg at run time):
//! - PNG, JPEG, WebP: the `image` crate, decoding every pixel, since a header can be whole while
//!   the data behind it is cut short; Exif GPS is emptied by our own bounds-checked TIFF walk.
//! - SVG: `usvg` (the parser behind resvg, which jiedu-render already uses), rasterised by resvg.
//! - MP4, M4A: Mozilla's `mp4parse`, the ISO BMFF parser Firefox ships for untrusted files, fed
//!   only the `moov`; the top-level box walk and location stripping are ours (see `bmff`).
//! - WebM: `matroska-demuxer`, a maintained pure-Rust Matroska/WebM demuxer that reads the
//!   headers by seeking and bounds every element by the stream's length.
//! - MP3: `symphonia` with only its MP3 demuxer: frame-accurate duration, Xing/LAME aware.

mod bmff;
mod derive;
mod error;
mod mp3;
mod raster;
mod svg;
mod tiff;
mod webm;

use std::fs::File;
use std::io::{Cursor, Read, Seek, SeekFrom};
use std::path::Path;

use jiedu_core::media::ANY_LIMIT;
use jiedu_core::{MediaFormat, MediaInfo};
use sha2::{Digest, Sha256};

pub use derive::{
    decode_rgba, wechat_jpeg, weibo_jpeg, WECHAT_MAX_BYTES, WECHAT_MAX_WIDTH, WEIBO_MAX_BYTES,
    WEIBO_MAX_EDGE,
};
pub use error::{MediaError, MAX_MEGAPIXELS, MAX_SIDE};

/// An in-place, length-preserving edit of a file: `bytes` replace as many bytes from `offset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patch {
    /// Where the edit starts, in bytes from the start of the file.
    pub offset: u64,
    /// The bytes written there.
    pub bytes: Vec<u8>,
}

/// What inspecting a file found: its info as it will be stored, and how to store it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspected {
    /// Format, size, dimensions, duration, codecs; `sha256` and `byte_len` are of the bytes after
    /// the patches.
    pub info: MediaInfo,
    /// Metadata stripping, applied when storing (see [`patched_reader`] and [`apply_patches`]).
    pub patches: Vec<Patch>,
    /// What was removed, one bilingual line each.
    pub stripped: Vec<String>,
}

/// What an audio or video parser found.
pub(crate) struct AvInfo {
    pub format: MediaFormat,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub duration_ms: Option<u64>,
    pub codecs: Vec<String>,
    pub patches: Vec<Patch>,
    pub stripped: Vec<String>,
}

/// How much of a file's head is read to recognise its format; SVG may open with a long comment
/// or DOCTYPE.
const SNIFF_LEN: u64 = 64 * 1024;

/// What the first bytes say a file is; audio and video formats are settled by parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Still(MediaFormat),
    Bmff,
    Webm,
    Mp3,
}

fn detect(head: &[u8]) -> Option<Family> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Family::Still(MediaFormat::Png))
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Family::Still(MediaFormat::Jpeg))
    } else if head.len() >= 12 && &head[..4] == b"RIFF" && &head[8..12] == b"WEBP" {
        Some(Family::Still(MediaFormat::Webp))
    } else if head.get(4..8) == Some(b"ftyp") {
        Some(Family::Bmff)
    } else if head.starts_with(&[0x1A, 0x45, 0xDF, 0xA3]) {
        Some(Family::Webm)
    } else if mp3::sniff(head) {
        Some(Family::Mp3)
    } else if svg::sniff(head) {
        Some(Family::Still(MediaFormat::Svg))
    } else {
        None
    }
}

fn check_any(file: &str, len: u64) -> Result<(), MediaError> {
    if len > ANY_LIMIT {
        return Err(MediaError::TooLarge {
            file: file.to_owned(),
            byte_len: len,
            limit: ANY_LIMIT,
            what: None,
        });
    }
    if len == 0 {
        return Err(MediaError::Empty {
            file: file.to_owned(),
        });
    }
    Ok(())
}

fn check_format(file: &str, format: MediaFormat, len: u64) -> Result<(), MediaError> {
    if len > format.size_limit() {
        return Err(MediaError::TooLarge {
            file: file.to_owned(),
            byte_len: len,
            limit: format.size_limit(),
            what: Some(format),
        });
    }
    if !format.fits_name(file) {
        let claimed_ext = file.rsplit_once('.').map_or("", |(_, e)| e).to_owned();
        return Err(MediaError::Mislabelled {
            file: file.to_owned(),
            actual: format,
            claimed_ext,
        });
    }
    Ok(())
}

fn unsupported(file: &str) -> MediaError {
    MediaError::Unsupported {
        file: file.to_owned(),
    }
}

/// Inspects a file on disk. Its length is checked before a byte is read; images are then read
/// whole (at most 30 MB), audio and video only where their headers are, plus one streaming pass
/// for the hash.
pub fn inspect_file(path: &Path, file_name: &str) -> Result<Inspected, MediaError> {
    let io = |e: std::io::Error| MediaError::unreadable(file_name, &e);
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(MediaError::Unreadable {
            file: file_name.to_owned(),
            detail: "不是普通文件 not a regular file".into(),
        });
    }
    let len = meta.len();
    check_any(file_name, len)?;
    let mut f = File::open(path).map_err(io)?;
    let mut head = vec![0; len.min(SNIFF_LEN) as usize];
    f.read_exact(&mut head).map_err(io)?;
    match detect(&head).ok_or_else(|| unsupported(file_name))? {
        Family::Still(format) => {
            check_format(file_name, format, len)?;
            f.seek(SeekFrom::Start(0)).map_err(io)?;
            let mut bytes = Vec::with_capacity(len as usize);
            // Bounded by the limit already checked, in case the file grows meanwhile.
            f.take(format.size_limit() + 1)
                .read_to_end(&mut bytes)
                .map_err(io)?;
            check_any(file_name, bytes.len() as u64)?;
            check_format(file_name, format, bytes.len() as u64)?;
            inspect_still(file_name, format, &bytes)
        }
        family => {
            let av = inspect_av(family, file_name, &mut f, len)?;
            check_format(file_name, av.format, len)?;
            f.seek(SeekFrom::Start(0)).map_err(io)?;
            let sha256 =
                hash_reader(PatchedReader::new(f.take(len), av.patches.clone())).map_err(io)?;
            Ok(finish(av, sha256, len))
        }
    }
}

/// Inspects bytes already in memory, with the same rules as [`inspect_file`].
pub fn inspect_bytes(file_name: &str, bytes: &[u8]) -> Result<Inspected, MediaError> {
    let len = bytes.len() as u64;
    check_any(file_name, len)?;
    let head = &bytes[..bytes.len().min(SNIFF_LEN as usize)];
    match detect(head).ok_or_else(|| unsupported(file_name))? {
        Family::Still(format) => {
            check_format(file_name, format, len)?;
            inspect_still(file_name, format, bytes)
        }
        family => {
            let av = inspect_av(family, file_name, &mut Cursor::new(bytes), len)?;
            check_format(file_name, av.format, len)?;
            let sha256 = hash_reader(PatchedReader::new(bytes, av.patches.clone()))
                .map_err(|e| MediaError::unreadable(file_name, &e))?;
            Ok(finish(av, sha256, len))
        }
    }
}

fn inspect_av<R: Read + Seek + Send + Sync>(
    family: Family,
    file: &str,
    r: &mut R,
    len: u64,
) -> Result<AvInfo, MediaError> {
    match family {
        Family::Bmff => bmff::inspect(file, r, len),
        Family::Webm => webm::inspect(file, r, len),
        _ => mp3::inspect(file, r, len),
    }
}

fn inspect_still(file: &str, format: MediaFormat, bytes: &[u8]) -> Result<Inspected, MediaError> {
    let (width, height, patches, stripped) = if format == MediaFormat::Svg {
        let tree = svg::parse(file, bytes)?;
        let (w, h) = svg::size(&tree);
        (w, h, Vec::new(), Vec::new())
    } else {
        let r = raster::inspect(file, format, bytes)?;
        (r.width, r.height, r.patches, r.stripped)
    };
    let sha256 = if patches.is_empty() {
        sha256_hex(bytes)
    } else {
        let mut patched = bytes.to_vec();
        apply_patches(&mut patched, &patches);
        sha256_hex(&patched)
    };
    Ok(Inspected {
        info: MediaInfo {
            sha256,
            format,
            byte_len: bytes.len() as u64,
            width: Some(width),
            height: Some(height),
            duration_ms: None,
            codecs: Vec::new(),
        },
        patches,
        stripped,
    })
}

fn finish(av: AvInfo, sha256: String, len: u64) -> Inspected {
    Inspected {
        info: MediaInfo {
            sha256,
            format: av.format,
            byte_len: len,
            width: av.width,
            height: av.height,
            duration_ms: av.duration_ms,
            codecs: av.codecs,
        },
        patches: av.patches,
        stripped: av.stripped,
    }
}

/// Applies patches in order; any part of a patch past the end of `bytes` is ignored.
pub fn apply_patches(bytes: &mut [u8], patches: &[Patch]) {
    for p in patches {
        let Ok(start) = usize::try_from(p.offset) else {
            continue;
        };
        if start >= bytes.len() {
            continue;
        }
        let n = p.bytes.len().min(bytes.len() - start);
        bytes[start..start + n].copy_from_slice(&p.bytes[..n]);
    }
}

/// A reader yielding the inner reader's bytes with patches applied, so a large file is patched
/// while it is copied instead of in memory.
#[derive(Debug)]
pub struct PatchedReader<R> {
    inner: R,
    pos: u64,
    patches: Vec<Patch>,
}

impl<R> PatchedReader<R> {
    /// Wraps `inner`, which must be positioned at the start of the file the patches are for.
    pub fn new(inner: R, patches: Vec<Patch>) -> Self {
        PatchedReader {
            inner,
            pos: 0,
            patches,
        }
    }

    /// The wrapped reader.
    pub fn into_inner(self) -> R {
        self.inner
    }
}

impl<R: Read> Read for PatchedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let (start, end) = (self.pos, self.pos + n as u64);
        for p in &self.patches {
            let p_end = p.offset.saturating_add(p.bytes.len() as u64);
            let (from, to) = (p.offset.max(start), p_end.min(end));
            if from < to {
                let src = (from - p.offset) as usize..(to - p.offset) as usize;
                let dst = (from - start) as usize..(to - start) as usize;
                buf[dst].copy_from_slice(&p.bytes[src]);
            }
        }
        self.pos = end;
        Ok(n)
    }
}

/// Opens `path` for reading with `patches` applied as it streams.
pub fn patched_reader(path: &Path, patches: Vec<Patch>) -> std::io::Result<PatchedReader<File>> {
    Ok(PatchedReader::new(File::open(path)?, patches))
}

/// SHA-256 of `bytes`, as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn hash_reader<R: Read>(mut r: R) -> std::io::Result<String> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(hex::encode(h.finalize()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patched_reader_matches_apply_patches_at_any_read_size() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 31) as u8).collect();
        let patches = vec![
            Patch {
                offset: 0,
                bytes: vec![1, 2, 3],
            },
            Patch {
                offset: 4095,
                bytes: vec![9; 300],
            },
            Patch {
                offset: 9_998,
                bytes: vec![7; 10],
            },
        ];
        let mut want = data.clone();
        apply_patches(&mut want, &patches);
        for chunk in [1usize, 7, 4096, 100_000] {
            let mut r = PatchedReader::new(&data[..], patches.clone());
            let mut got = Vec::new();
            let mut buf = vec![0; chunk];
            loop {
                let n = r.read(&mut buf).expect("read");
                if n == 0 {
                    break;
                }
                got.extend_from_slice(&buf[..n]);
            }
            assert_eq!(got, want, "chunk {chunk}");
        }
    }

    #[test]
    fn detects_by_content() {
        assert_eq!(
            detect(b"\x89PNG\r\n\x1a\n...."),
            Some(Family::Still(MediaFormat::Png))
        );
        assert_eq!(detect(b"\0\0\0\x20ftypisom"), Some(Family::Bmff));
        assert_eq!(detect(b"hello world"), None);
    }
}
