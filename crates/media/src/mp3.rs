//! MP3: recognised here by an ID3v2 tag or two consecutive MPEG-1/2 Layer III frame headers
//! (symphonia's reader resynchronises over junk, so on its own it would take any file with a
//! stray sync word for MP3), then read frame by frame with symphonia's demuxer (pure Rust,
//! `mp3` feature only, no decoding). The duration is the sum of the frames' durations less the
//! encoder delay and padding the LAME/Xing header declares: exact for VBR files too, where a
//! duration from the bitrate would be a guess.

use std::io::{Read, Seek, SeekFrom};

use jiedu_core::MediaFormat;
use symphonia::core::codecs::audio::well_known::CODEC_ID_MP3;
use symphonia::core::codecs::CodecParameters;
use symphonia::core::formats::probe::Hint;
use symphonia::core::formats::FormatOptions;
use symphonia::core::io::{MediaSource, MediaSourceStream, MediaSourceStreamOptions};
use symphonia::core::meta::MetadataOptions;

use crate::{AvInfo, MediaError};

/// An MPEG audio Layer III frame header: version (3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5), sample
/// rate and the frame's length in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Frame {
    version: u8,
    sample_rate: u32,
    len: usize,
}

fn frame_header(h: &[u8]) -> Option<Frame> {
    let &[b0, b1, b2, _] = h.get(..4)? else {
        return None;
    };
    if b0 != 0xFF || b1 & 0xE0 != 0xE0 {
        return None;
    }
    let version = (b1 >> 3) & 3;
    let layer = (b1 >> 1) & 3;
    if version == 1 || layer != 1 {
        return None;
    }
    let br_idx = usize::from(b2 >> 4);
    let sr_idx = usize::from((b2 >> 2) & 3);
    if br_idx == 0 || br_idx == 15 || sr_idx == 3 {
        return None;
    }
    const BR_V1: [u32; 15] = [
        0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320,
    ];
    const BR_V2: [u32; 15] = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
    let (bitrate, sample_rate, coef) = match version {
        3 => (BR_V1[br_idx], [44_100, 48_000, 32_000][sr_idx], 144),
        2 => (BR_V2[br_idx], [22_050, 24_000, 16_000][sr_idx], 72),
        _ => (BR_V2[br_idx], [11_025, 12_000, 8_000][sr_idx], 72),
    };
    let padding = u32::from((b2 >> 1) & 1);
    let len = (coef * bitrate * 1000 / sample_rate + padding) as usize;
    Some(Frame {
        version,
        sample_rate,
        len,
    })
}

/// Whether `b` begins with a Layer III frame followed by a similar one (same version and
/// sample rate), as a real stream does; or, if the file ends first, with one whole frame.
fn frames_at(b: &[u8]) -> bool {
    let Some(first) = frame_header(b) else {
        return false;
    };
    match b.get(first.len..) {
        Some(rest) if rest.len() >= 4 => frame_header(rest)
            .is_some_and(|f| f.version == first.version && f.sample_rate == first.sample_rate),
        Some(_) => true,
        None => false,
    }
}

/// The audio stream's length in bytes, as the Xing/Info header in the first frame gives it
/// (LAME and ffmpeg write it when the output is seekable).
fn xing_bytes(frame: &[u8]) -> Option<u64> {
    let h = frame_header(frame)?;
    let mono = frame.get(3)? >> 6 == 3;
    // The tag follows the side information, whose size depends on version and channels.
    let at = 4 + match (h.version == 3, mono) {
        (true, false) => 32,
        (true, true) | (false, false) => 17,
        (false, true) => 9,
    };
    let tag = frame.get(at..at + 16)?;
    if &tag[..4] != b"Xing" && &tag[..4] != b"Info" {
        return None;
    }
    let flags = u32::from_be_bytes([tag[4], tag[5], tag[6], tag[7]]);
    if flags & 2 == 0 {
        return None;
    }
    let bytes_at = if flags & 1 != 0 { 12 } else { 8 };
    let b = tag.get(bytes_at..bytes_at + 4)?;
    Some(u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])))
}

/// The length of a leading ID3v2 tag (header, body and footer), if there is one.
pub(crate) fn id3v2_len(head: &[u8]) -> Option<u64> {
    let h = head.get(..10)?;
    if &h[..3] != b"ID3" || h[6..10].iter().any(|&b| b & 0x80 != 0) {
        return None;
    }
    let size = h[6..10]
        .iter()
        .fold(0u64, |acc, &b| (acc << 7) | u64::from(b));
    let footer = if h[5] & 0x10 != 0 { 10 } else { 0 };
    Some(10 + size + footer)
}

/// Whether the head of a file looks like MP3: an ID3v2 tag (the frames after it are checked by
/// [`inspect`]), or frames from the first byte.
pub(crate) fn sniff(head: &[u8]) -> bool {
    id3v2_len(head).is_some() || frames_at(head)
}

/// A borrowed reader as symphonia's media source.
struct Source<'a, R> {
    inner: &'a mut R,
    len: u64,
}

impl<R: Read> Read for Source<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner.read(buf)
    }
}

impl<R: Seek> Seek for Source<'_, R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

impl<R: Read + Seek + Send + Sync> MediaSource for Source<'_, R> {
    fn is_seekable(&self) -> bool {
        true
    }

    fn byte_len(&self) -> Option<u64> {
        Some(self.len)
    }
}

/// Validates an MP3 file of `len` bytes.
pub(crate) fn inspect<R: Read + Seek + Send + Sync>(
    file: &str,
    r: &mut R,
    len: u64,
) -> Result<AvInfo, MediaError> {
    let corrupt = |d: &str| MediaError::corrupt(file, MediaFormat::Mp3, d);
    let io = |e: std::io::Error| MediaError::unreadable(file, &e);
    let mut head = [0u8; 10];
    let n = read_up_to(r, 0, &mut head).map_err(io)?;
    let audio_at = id3v2_len(&head[..n]).unwrap_or(0);
    // Zero padding after the tag is common; a few KB of it is allowed.
    let mut probe = vec![0u8; 8192];
    let n = read_up_to(r, audio_at, &mut probe).map_err(io)?;
    let probe = &probe[..n];
    let skip = probe.iter().take_while(|&&b| b == 0).count();
    if !frames_at(&probe[skip..]) {
        // An ID3 tag in front of something else (AAC, FLAC): not MP3.
        return Err(MediaError::Unsupported {
            file: file.to_owned(),
        });
    }

    if let Some(stream_len) = xing_bytes(&probe[skip..]) {
        // Encoders write the byte count once the stream is done, so a shortfall means a cut.
        // Some count the ID3v2 tag in, some do not: compared with the whole file, a valid file
        // is never refused.
        if stream_len > len {
            return Err(corrupt(&format!(
                "the Xing/Info header counts {stream_len} bytes of audio but the file has {len}: it is cut short"
            )));
        }
    }

    r.seek(SeekFrom::Start(0)).map_err(io)?;
    let source = Source { inner: r, len };
    let mss = MediaSourceStream::new(Box::new(source), MediaSourceStreamOptions::default());
    let mut hint = Hint::new();
    hint.with_extension("mp3");
    let mut reader = symphonia::default::get_probe()
        .probe(
            &hint,
            mss,
            FormatOptions::default(),
            MetadataOptions::default(),
        )
        .map_err(|e| corrupt(&e.to_string()))?;
    let (track_id, sample_rate) = reader
        .tracks()
        .iter()
        .find_map(|t| match &t.codec_params {
            Some(CodecParameters::Audio(a)) if a.codec == CODEC_ID_MP3 => {
                Some((t.id, a.sample_rate))
            }
            _ => None,
        })
        .ok_or_else(|| corrupt("no MPEG Layer III audio track"))?;
    let Some(sample_rate) = sample_rate.filter(|&s| s > 0) else {
        return Err(corrupt("no sample rate"));
    };
    let mut frames = 0u64;
    let mut packets = 0u64;
    loop {
        match reader.next_packet() {
            Ok(Some(p)) if p.track_id == track_id => {
                frames += p.dur.get();
                packets += 1;
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => return Err(corrupt(&e.to_string())),
        }
    }
    if packets == 0 {
        return Err(corrupt("no audio frames"));
    }
    let duration_ms = (u128::from(frames) * 1000 / u128::from(sample_rate)) as u64;
    Ok(AvInfo {
        format: MediaFormat::Mp3,
        width: None,
        height: None,
        duration_ms: Some(duration_ms),
        codecs: vec!["mp3".to_owned()],
        patches: Vec::new(),
        stripped: Vec::new(),
    })
}

/// Reads from `at` into `buf` until it is full or the file ends; returns how much was read.
fn read_up_to<R: Read + Seek>(r: &mut R, at: u64, buf: &mut [u8]) -> std::io::Result<usize> {
    r.seek(SeekFrom::Start(at))?;
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_headers() {
        // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417 bytes.
        let f = frame_header(&[0xFF, 0xFB, 0x90, 0x64]).expect("a valid header");
        assert_eq!((f.version, f.sample_rate, f.len), (3, 44_100, 417));
        assert!(
            frame_header(&[0xFF, 0xFD, 0x90, 0x64]).is_none(),
            "layer II"
        );
        assert!(
            frame_header(&[0xFF, 0xFB, 0xF0, 0x64]).is_none(),
            "bad bitrate"
        );
        assert_eq!(id3v2_len(b"ID3\x04\0\0\0\0\x01\x00"), Some(10 + 128));
    }
}
