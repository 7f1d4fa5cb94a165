//! MP4 and M4A (ISO base media file format).
//!
//! The top level is walked here by seeking from box header to box header, so a 1 GB video costs a
//! few reads: every box must fit in the file (a cut-short `mdat` is the usual damage), and the
//! `moov` must be there. Only the `moov` is read into memory; it goes to Mozilla's `mp4parse`
//! (the parser Firefox uses, written to be fed untrusted files, with fallible allocation) for the
//! tracks, their sample tables and video sizes. Codec names are the sample entries' four-character
//! codes read here, because mp4parse reports HEVC (`hvc1`, `hev1`) only as "unknown".

use std::io::{Cursor, Read, Seek, SeekFrom};

use jiedu_core::MediaFormat;

use crate::{AvInfo, MediaError, Patch};

/// The largest `moov` read into memory. A two-hour 1080p video with stereo sound has one of
/// about 5 MB; beyond this it is a damaged or hostile file.
const MOOV_LIMIT: u64 = 256 << 20;

const LINE_XYZ: &str =
    "已去除 MP4 中的 GPS 位置信息（©xyz） GPS position (©xyz) removed from the MP4";
const LINE_LOCI: &str =
    "已去除 MP4 中的 3GPP 位置信息（loci） 3GPP location (loci) removed from the MP4";
const LINE_KEYS: &str =
    "已去除 MP4 元数据中的位置信息（location） location removed from the MP4 metadata";

/// Brands of HEIF/AVIF still images, which share the container but are not accepted.
const IMAGE_BRANDS: [&[u8; 4]; 6] = [b"mif1", b"msf1", b"heic", b"heix", b"avif", b"avis"];

#[derive(Clone, Copy)]
struct Bx {
    kind: [u8; 4],
    start: usize,
    body: usize,
    end: usize,
}

/// The boxes in `buf[from..to]`; a box that does not fit is an error.
fn children(buf: &[u8], from: usize, to: usize) -> Result<Vec<Bx>, String> {
    let mut out = Vec::new();
    let mut at = from;
    while at + 8 <= to {
        let size = u64::from(be32(buf, at).unwrap_or(0));
        let kind = [buf[at + 4], buf[at + 5], buf[at + 6], buf[at + 7]];
        let (size, head) = match size {
            0 => ((to - at) as u64, 8),
            1 => (be64(buf, at + 8).ok_or("box header cut short")?, 16),
            s => (s, 8),
        };
        let end = usize::try_from(size)
            .ok()
            .and_then(|s| at.checked_add(s))
            .filter(|&e| e <= to && size >= head as u64)
            .ok_or_else(|| format!("box '{}' runs past its parent", fourcc(&kind)))?;
        out.push(Bx {
            kind,
            start: at,
            body: at + head,
            end,
        });
        at = end;
    }
    Ok(out)
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

fn be64(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_be_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

fn fourcc(kind: &[u8; 4]) -> String {
    kind.iter()
        .map(|&c| {
            if c.is_ascii_graphic() || c == b' ' {
                c as char
            } else {
                '?'
            }
        })
        .collect()
}

fn read_at<R: Read + Seek>(r: &mut R, at: u64, buf: &mut [u8]) -> std::io::Result<()> {
    r.seek(SeekFrom::Start(at))?;
    r.read_exact(buf)
}

/// Validates an MP4 or M4A file of `len` bytes and finds the location metadata to strip.
pub(crate) fn inspect<R: Read + Seek>(
    file: &str,
    r: &mut R,
    len: u64,
) -> Result<AvInfo, MediaError> {
    let corrupt = |d: &str| MediaError::corrupt(file, MediaFormat::Mp4, d);
    let io = |e: std::io::Error| MediaError::unreadable(file, &e);
    let mut at = 0u64;
    let mut moov: Option<(u64, u64)> = None;
    let mut have_mdat = false;
    let mut brands = Vec::new();
    while at < len {
        if len - at < 8 {
            // Some writers pad the end with zeros; anything else is a box cut short.
            let mut rest = vec![0; (len - at) as usize];
            read_at(r, at, &mut rest).map_err(io)?;
            if rest.iter().all(|&b| b == 0) {
                break;
            }
            return Err(corrupt("a box header is cut short at the end of the file"));
        }
        let mut head = [0u8; 16];
        let head_len = if len - at >= 16 { 16 } else { 8 };
        read_at(r, at, &mut head[..head_len]).map_err(io)?;
        let kind = [head[4], head[5], head[6], head[7]];
        let (size, hdr) = match u32::from_be_bytes([head[0], head[1], head[2], head[3]]) {
            0 => (len - at, 8),
            1 if head_len == 16 => (
                u64::from_be_bytes([
                    head[8], head[9], head[10], head[11], head[12], head[13], head[14], head[15],
                ]),
                16,
            ),
            1 => return Err(corrupt("a box header is cut short at the end of the file")),
            s => (u64::from(s), 8),
        };
        if size < hdr {
            return Err(corrupt(&format!(
                "box '{}' has an impossible size",
                fourcc(&kind)
            )));
        }
        if size > len - at {
            return Err(corrupt(&format!(
                "box '{}' at byte {at} needs {size} bytes but the file ends after {}: it is cut short",
                fourcc(&kind),
                len - at
            )));
        }
        match &kind {
            b"ftyp" if at == 0 => {
                let mut body = vec![0; (size - hdr).min(4096) as usize];
                read_at(r, at + hdr, &mut body).map_err(io)?;
                brands = body
                    .chunks_exact(4)
                    .enumerate()
                    .filter(|(i, _)| *i != 1)
                    .map(|(_, c)| [c[0], c[1], c[2], c[3]])
                    .collect();
            }
            b"moov" => {
                if moov.is_some() {
                    return Err(corrupt("two movie boxes (moov)"));
                }
                moov = Some((at, size));
            }
            b"mdat" => have_mdat = true,
            _ => {}
        }
        at += size;
    }
    if brands.iter().any(|b| IMAGE_BRANDS.contains(&b)) && moov.is_none() {
        return Err(MediaError::Unsupported {
            file: file.to_owned(),
        });
    }
    let Some((moov_at, moov_len)) = moov else {
        return Err(corrupt(
            "no movie box (moov): the file is cut short or was never finished",
        ));
    };
    if !have_mdat {
        return Err(corrupt("no media data (mdat)"));
    }
    if moov_len > MOOV_LIMIT {
        return Err(corrupt("the movie box (moov) is implausibly large"));
    }
    let mut buf = vec![0; moov_len as usize];
    read_at(r, moov_at, &mut buf).map_err(io)?;

    let ctx =
        mp4parse::read_mp4(&mut Cursor::new(&buf[..])).map_err(|e| corrupt(&e.to_string()))?;
    let walk = walk_moov(&buf, moov_at).map_err(|d| corrupt(&d))?;

    for t in ctx.tracks.iter() {
        if let Some(stco) = &t.stco {
            if let Some(&last) = stco.offsets.iter().max() {
                if last >= len {
                    return Err(corrupt(&format!(
                        "media data at byte {last} is past the end of the file ({len} bytes): it is cut short"
                    )));
                }
            }
        }
    }

    let video = walk.tracks.iter().position(|t| &t.handler == b"vide");
    let audio = walk.tracks.iter().any(|t| &t.handler == b"soun");
    let format = match (video, audio) {
        (Some(_), _) => MediaFormat::Mp4,
        (None, true) => MediaFormat::M4a,
        (None, false) => return Err(corrupt("no audio or video track")),
    };
    let (mut width, mut height) = (None, None);
    if let Some(t) = video.and_then(|i| ctx.tracks.get(i)) {
        let entry = t.stsd.as_ref().and_then(|s| {
            s.descriptions.iter().find_map(|d| match d {
                mp4parse::SampleEntry::Video(v) => Some((u32::from(v.width), u32::from(v.height))),
                _ => None,
            })
        });
        // The track header's size is 16.16 fixed point; it is the fallback for codecs mp4parse
        // does not describe.
        let from_tkhd = t.tkhd.as_ref().map(|h| (h.width >> 16, h.height >> 16));
        if let Some((w, h)) = entry.or(from_tkhd).filter(|&(w, h)| w > 0 && h > 0) {
            width = Some(w);
            height = Some(h);
        }
    }

    let mut duration_ms = walk
        .movie_duration
        .filter(|&(d, _)| d > 0)
        .or_else(|| {
            let scale = ctx.timescale?.0;
            let d = ctx.mvex.as_ref()?.fragment_duration?.0;
            Some((d, scale))
        })
        .map(|(d, scale)| to_ms(d, scale));
    if duration_ms.is_none() {
        duration_ms = ctx
            .tracks
            .iter()
            .filter_map(|t| Some(to_ms(t.duration?.0, t.timescale?.0)))
            .max();
    }

    let mut codecs: Vec<String> = Vec::new();
    for t in &walk.tracks {
        if &t.handler != b"vide" && &t.handler != b"soun" {
            continue;
        }
        for c in &t.entries {
            let name: String = c
                .iter()
                .filter(|b| b.is_ascii_alphanumeric())
                .map(|&b| (b as char).to_ascii_lowercase())
                .collect();
            if !name.is_empty() && !codecs.contains(&name) {
                codecs.push(name);
            }
        }
    }

    Ok(AvInfo {
        format,
        width,
        height,
        duration_ms,
        codecs,
        patches: walk.patches,
        stripped: walk.stripped,
    })
}

fn to_ms(d: u64, scale: u64) -> u64 {
    if scale == 0 {
        return 0;
    }
    ((u128::from(d) * 1000 + u128::from(scale) / 2) / u128::from(scale)) as u64
}

struct TrackWalk {
    handler: [u8; 4],
    entries: Vec<[u8; 4]>,
}

#[derive(Default)]
struct MoovWalk {
    movie_duration: Option<(u64, u64)>,
    tracks: Vec<TrackWalk>,
    patches: Vec<Patch>,
    stripped: Vec<String>,
}

impl MoovWalk {
    fn note(&mut self, line: &str) {
        if !self.stripped.iter().any(|l| l == line) {
            self.stripped.push(line.to_owned());
        }
    }

    /// Turns a box into `free` with zeroed content: readers skip it and the coordinates are gone
    /// from the bytes, not only hidden.
    fn wipe(&mut self, base: u64, b: &Bx) {
        let abs = |i: usize| base + i as u64;
        if b.body == b.start + 8 {
            let mut bytes = b"free".to_vec();
            bytes.resize(b.end - b.start - 4, 0);
            self.patches.push(Patch {
                offset: abs(b.start + 4),
                bytes,
            });
        } else {
            self.patches.push(Patch {
                offset: abs(b.start + 4),
                bytes: b"free".to_vec(),
            });
            self.patches.push(Patch {
                offset: abs(b.body),
                bytes: vec![0; b.end - b.body],
            });
        }
    }
}

/// Walks the `moov` (held in `buf`, which starts at `base` in the file): movie duration, each
/// track's handler and sample entries, and the location boxes to wipe.
fn walk_moov(buf: &[u8], base: u64) -> Result<MoovWalk, String> {
    let mut w = MoovWalk::default();
    let top = children(buf, 0, buf.len())?;
    let moov = top.first().ok_or("empty movie box")?;
    for b in children(buf, moov.body, moov.end)? {
        match &b.kind {
            b"mvhd" => {
                let v = buf.get(b.body).copied().unwrap_or(0);
                w.movie_duration = if v == 1 {
                    be32(buf, b.body + 20).zip(be64(buf, b.body + 24))
                } else {
                    be32(buf, b.body + 12).zip(be32(buf, b.body + 16).map(u64::from))
                }
                .filter(|&(_, d)| d != u64::from(u32::MAX) && d != u64::MAX)
                .map(|(scale, d)| (d, u64::from(scale)));
            }
            b"trak" => {
                let mut t = TrackWalk {
                    handler: [0; 4],
                    entries: Vec::new(),
                };
                for c in children(buf, b.body, b.end)? {
                    match &c.kind {
                        b"mdia" => walk_mdia(buf, &c, &mut t)?,
                        b"udta" => walk_udta(buf, base, &c, &mut w)?,
                        b"meta" => walk_meta(buf, base, &c, &mut w)?,
                        _ => {}
                    }
                }
                w.tracks.push(t);
            }
            b"udta" => walk_udta(buf, base, &b, &mut w)?,
            b"meta" => walk_meta(buf, base, &b, &mut w)?,
            _ => {}
        }
    }
    Ok(w)
}

fn walk_mdia(buf: &[u8], mdia: &Bx, t: &mut TrackWalk) -> Result<(), String> {
    for c in children(buf, mdia.body, mdia.end)? {
        match &c.kind {
            b"hdlr" => {
                if let Some(h) = buf.get(c.body + 8..c.body + 12) {
                    t.handler = [h[0], h[1], h[2], h[3]];
                }
            }
            b"minf" => {
                for s in children(buf, c.body, c.end)? {
                    if &s.kind != b"stbl" {
                        continue;
                    }
                    for d in children(buf, s.body, s.end)? {
                        if &d.kind == b"stsd" && d.body + 8 <= d.end {
                            for e in children(buf, d.body + 8, d.end)? {
                                t.entries.push(e.kind);
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn walk_udta(buf: &[u8], base: u64, udta: &Bx, w: &mut MoovWalk) -> Result<(), String> {
    for c in children(buf, udta.body, udta.end)? {
        match &c.kind {
            b"\xA9xyz" => {
                w.wipe(base, &c);
                w.note(LINE_XYZ);
            }
            b"loci" => {
                w.wipe(base, &c);
                w.note(LINE_LOCI);
            }
            b"meta" => walk_meta(buf, base, &c, w)?,
            _ => {}
        }
    }
    Ok(())
}

/// A `meta` box: iTunes-style `ilst` items named `©xyz`, and QuickTime `keys` whose name is a
/// location (`location` as ffmpeg writes it, `com.apple.quicktime.location.*` as phones do), whose
/// `ilst` items are named by the key's 1-based index.
fn walk_meta(buf: &[u8], base: u64, meta: &Bx, w: &mut MoovWalk) -> Result<(), String> {
    // ISO `meta` is a full box (4 bytes of version and flags first); QuickTime's is not.
    let from = if buf.get(meta.body + 4..meta.body + 8) == Some(b"hdlr") {
        meta.body
    } else {
        meta.body + 4
    };
    if from > meta.end {
        return Ok(());
    }
    let kids = children(buf, from, meta.end)?;
    let mut location_keys = Vec::new();
    for k in kids.iter().filter(|k| &k.kind == b"keys") {
        let mut at = k.body + 8;
        let mut index = 1u32;
        while let Some(size) = be32(buf, at).map(|s| s as usize) {
            if size < 8 || at + size > k.end {
                break;
            }
            let name = &buf[at + 8..at + size];
            if name == b"location" || name.starts_with(b"com.apple.quicktime.location") {
                location_keys.push(index.to_be_bytes());
            }
            at += size;
            index += 1;
        }
    }
    for l in kids.iter().filter(|k| &k.kind == b"ilst") {
        for item in children(buf, l.body, l.end)? {
            if &item.kind == b"\xA9xyz" {
                w.wipe(base, &item);
                w.note(LINE_XYZ);
            } else if location_keys.contains(&item.kind) {
                w.wipe(base, &item);
                w.note(LINE_KEYS);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bx(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(body);
        v
    }

    #[test]
    fn location_boxes_are_wiped_in_place() {
        let xyz = bx(b"\xA9xyz", b"\0\x12\x55\xc4+39.9042+116.4074/");
        let loci = bx(b"loci", &[1; 20]);
        let keys = {
            let mut body = vec![0, 0, 0, 0, 0, 0, 0, 2];
            body.extend(bx(b"mdta", b"location"));
            body.extend(bx(b"mdta", b"encoder"));
            bx(b"keys", &body)
        };
        let ilst = {
            let mut body = bx(
                b"\0\0\0\x01",
                &bx(b"data", b"\0\0\0\x01\0\0\0\0+39.9+116.4/"),
            );
            body.extend(bx(b"\0\0\0\x02", &bx(b"data", b"\0\0\0\x01\0\0\0\0Lavf")));
            bx(b"ilst", &body)
        };
        let hdlr = bx(b"hdlr", &[0; 25]);
        let mut meta_body = vec![0, 0, 0, 0];
        meta_body.extend(hdlr);
        meta_body.extend(keys);
        meta_body.extend(ilst);
        let mut udta_body = xyz.clone();
        udta_body.extend(loci);
        udta_body.extend(bx(b"meta", &meta_body));
        let moov = bx(b"moov", &bx(b"udta", &udta_body));
        let w = walk_moov(&moov, 100).expect("well-formed moov");
        assert_eq!(w.stripped.len(), 3, "{:?}", w.stripped);
        let mut patched = moov.clone();
        let rel: Vec<Patch> = w
            .patches
            .iter()
            .map(|p| Patch {
                offset: p.offset - 100,
                bytes: p.bytes.clone(),
            })
            .collect();
        crate::apply_patches(&mut patched, &rel);
        assert_eq!(patched.len(), moov.len());
        let has = |n: &[u8]| patched.windows(n.len()).any(|x| x == n);
        assert!(!has(b"+39.9"));
        assert!(!has(b"loci"));
        assert!(!has(b"\xA9xyz"));
        assert!(has(b"Lavf"), "other metadata kept");
        // Still a well-formed box tree.
        let again = walk_moov(&patched, 0).expect("still well-formed");
        assert!(again.patches.is_empty());
    }

    #[test]
    fn garbage_never_panics() {
        let mut seed = 77u32;
        let moov = bx(b"moov", &bx(b"udta", &bx(b"meta", &[0; 40])));
        for _ in 0..3000 {
            let mut g = moov.clone();
            for _ in 0..4 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                let at = seed as usize % g.len();
                g[at] = (seed >> 24) as u8;
            }
            let _ = walk_moov(&g, 0);
            let _ = inspect("g.mp4", &mut Cursor::new(&g), g.len() as u64);
        }
    }
}
