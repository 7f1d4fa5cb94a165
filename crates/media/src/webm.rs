//! WebM: EBML with the DocType `webm`, demuxed by `matroska-demuxer` (pure Rust, reads headers
//! by seeking, so a long video is not read through). Before that, the top-level elements are
//! walked here so that a file cut short is refused: the demuxer itself only reads the headers at
//! the front and would accept a file missing its last clusters.

use std::io::{Read, Seek, SeekFrom};

use jiedu_core::MediaFormat;
use matroska_demuxer::{MatroskaFile, TrackType};

use crate::{AvInfo, MediaError};

const EBML_ID: u32 = 0x1A45_DFA3;
const SEGMENT_ID: u32 = 0x1853_8067;

/// Reads an EBML variable-length integer at the reader's position: its value (with the length
/// marker kept for IDs, stripped for sizes), its length, and whether it is the reserved "unknown"
/// value (all value bits set).
fn vint<R: Read>(r: &mut R, keep_marker: bool) -> std::io::Result<Option<(u64, u8, bool)>> {
    let mut first = [0u8; 1];
    r.read_exact(&mut first)?;
    let len = first[0].leading_zeros() as u8 + 1;
    if len > 8 {
        return Ok(None);
    }
    let mut rest = [0u8; 7];
    r.read_exact(&mut rest[..usize::from(len - 1)])?;
    let marker = 1u64 << (7 * u32::from(len));
    let mut v = u64::from(first[0]);
    for &b in &rest[..usize::from(len - 1)] {
        v = (v << 8) | u64::from(b);
    }
    let value = v & (marker - 1);
    let unknown = value == marker - 1;
    Ok(Some((if keep_marker { v } else { value }, len, unknown)))
}

/// An element header at the reader's position: ID, data size (`None` if unknown), header length.
fn element<R: Read>(r: &mut R) -> std::io::Result<Option<(u32, Option<u64>, u64)>> {
    let Some((id, id_len, _)) = vint(r, true)? else {
        return Ok(None);
    };
    if id_len > 4 {
        return Ok(None);
    }
    let Some((size, size_len, unknown)) = vint(r, false)? else {
        return Ok(None);
    };
    Ok(Some((
        id as u32,
        (!unknown).then_some(size),
        u64::from(id_len + size_len),
    )))
}

/// Validates a WebM file of `len` bytes.
pub(crate) fn inspect<R: Read + Seek>(
    file: &str,
    r: &mut R,
    len: u64,
) -> Result<AvInfo, MediaError> {
    let corrupt = |d: &str| MediaError::corrupt(file, MediaFormat::Webm, d);
    check_structure(r, len)
        .map_err(|e| corrupt(&e.to_string()))?
        .map_err(|d| corrupt(&d))?;
    r.seek(SeekFrom::Start(0))
        .map_err(|e| MediaError::unreadable(file, &e))?;
    let mkv = MatroskaFile::open(&mut *r).map_err(|e| corrupt(&e.to_string()))?;
    if mkv.ebml_header().doc_type() != "webm" {
        // Matroska in general (.mkv) may hold any codec; only its WebM profile is accepted.
        return Err(MediaError::Unsupported {
            file: file.to_owned(),
        });
    }
    let info = mkv.info();
    let duration_ms = info
        .duration()
        .filter(|d| d.is_finite() && *d >= 0.0)
        .map(|d| (d * info.timestamp_scale().get() as f64 / 1_000_000.0).round() as u64);
    let (mut width, mut height) = (None, None);
    let mut codecs: Vec<String> = Vec::new();
    for t in mkv.tracks() {
        if !matches!(t.track_type(), TrackType::Video | TrackType::Audio) {
            continue;
        }
        if let (TrackType::Video, Some(v), None) = (t.track_type(), t.video(), width) {
            width = u32::try_from(v.pixel_width().get()).ok();
            height = u32::try_from(v.pixel_height().get()).ok();
        }
        let name = codec_name(t.codec_id());
        if !codecs.contains(&name) {
            codecs.push(name);
        }
    }
    if codecs.is_empty() {
        return Err(corrupt("no audio or video track"));
    }
    Ok(AvInfo {
        format: MediaFormat::Webm,
        width,
        height,
        duration_ms,
        codecs,
        patches: Vec::new(),
        stripped: Vec::new(),
    })
}

/// `V_VP9` → `vp9`, `A_OPUS` → `opus`, `V_AV1` → `av1`.
fn codec_name(id: &str) -> String {
    let bare = id
        .strip_prefix("V_")
        .or_else(|| id.strip_prefix("A_"))
        .unwrap_or(id);
    bare.split('/').next().unwrap_or(bare).to_ascii_lowercase()
}

/// The EBML header, then the Segment; every top-level child of the Segment of known size must
/// fit in it, and it in the file. Live recordings have elements of unknown size; the walk stops
/// at the first one, as nothing can be checked past it without parsing clusters.
fn check_structure<R: Read + Seek>(r: &mut R, len: u64) -> std::io::Result<Result<(), String>> {
    r.seek(SeekFrom::Start(0))?;
    let Some((EBML_ID, Some(head_size), head_len)) = element(r)? else {
        return Ok(Err("no EBML header".into()));
    };
    let seg_at = head_len + head_size;
    if seg_at >= len {
        return Ok(Err("the file ends after its header".into()));
    }
    r.seek(SeekFrom::Start(seg_at))?;
    let Some((SEGMENT_ID, seg_size, seg_head)) = element(r)? else {
        return Ok(Err("no Segment after the EBML header".into()));
    };
    let body = seg_at + seg_head;
    let end = match seg_size {
        Some(s) if body.checked_add(s).is_none_or(|e| e > len) => {
            return Ok(Err(format!(
                "the Segment needs {s} bytes but the file ends after {}: it is cut short",
                len.saturating_sub(body)
            )));
        }
        Some(s) => body + s,
        None => len,
    };
    let mut at = body;
    while at < end {
        r.seek(SeekFrom::Start(at))?;
        let header = match element(r) {
            Ok(h) => h,
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                return Ok(Err("an element header is cut short".into()));
            }
            Err(e) => return Err(e),
        };
        let Some((id, size, head)) = header else {
            return Ok(Err(format!("invalid element at byte {at}")));
        };
        let Some(size) = size else {
            break;
        };
        let next = at.checked_add(head).and_then(|a| a.checked_add(size));
        match next {
            Some(n) if n <= end => at = n,
            _ => {
                return Ok(Err(format!(
                    "element {id:X} at byte {at} runs past the end of the file: it is cut short"
                )));
            }
        }
    }
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Cursor;

    #[test]
    fn codec_names() {
        assert_eq!(codec_name("V_VP9"), "vp9");
        assert_eq!(codec_name("A_OPUS"), "opus");
        assert_eq!(codec_name("V_MPEG4/ISO/AVC"), "mpeg4");
    }

    #[test]
    fn garbage_never_panics() {
        let mut seed = 99u32;
        let base = [
            0x1A, 0x45, 0xDF, 0xA3, 0x84, 0x42, 0x82, 0x81, 0x77, 0x18, 0x53, 0x80, 0x67, 0x88,
            0x1F, 0x43, 0xB6, 0x75, 0x83, 0, 0, 0,
        ];
        for _ in 0..3000 {
            let mut g = base.to_vec();
            for _ in 0..3 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                let at = seed as usize % g.len();
                g[at] = (seed >> 24) as u8;
            }
            let _ = inspect("g.webm", &mut Cursor::new(&g), g.len() as u64);
        }
    }
}
