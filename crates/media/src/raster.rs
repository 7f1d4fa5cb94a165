//! PNG, JPEG and WebP: a full decode with the `image` crate to prove the file whole, a walk of
//! the container for the Exif to strip GPS from, and decoding for the derivatives.

use std::io::Cursor;

use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use jiedu_core::MediaFormat;

use crate::error::{MAX_MEGAPIXELS, MAX_SIDE};
use crate::{tiff, MediaError, Patch};

/// What the container walk and the decode found.
pub(crate) struct RasterInfo {
    pub width: u32,
    pub height: u32,
    pub patches: Vec<Patch>,
    pub stripped: Vec<String>,
}

const GPS_LINE_JPEG: &str = "已去除 EXIF 中的 GPS 位置信息 GPS position removed from EXIF";
const GPS_LINE_PNG: &str =
    "已去除 PNG eXIf 块中的 GPS 位置信息 GPS position removed from the PNG eXIf chunk";
const GPS_LINE_WEBP: &str =
    "已去除 WebP EXIF 块中的 GPS 位置信息 GPS position removed from the WebP EXIF chunk";

fn image_format(format: MediaFormat) -> Option<ImageFormat> {
    match format {
        MediaFormat::Png => Some(ImageFormat::Png),
        MediaFormat::Jpeg => Some(ImageFormat::Jpeg),
        MediaFormat::Webp => Some(ImageFormat::WebP),
        _ => None,
    }
}

/// Validates a whole raster image and finds the GPS to strip. The size is as shown, after the
/// Exif orientation: a portrait photo stored sideways is reported taller than wide.
pub(crate) fn inspect(
    file: &str,
    format: MediaFormat,
    bytes: &[u8],
) -> Result<RasterInfo, MediaError> {
    let (patches, stripped) = match format {
        MediaFormat::Jpeg => jpeg_structure(file, bytes)?,
        MediaFormat::Png => png_structure(file, bytes)?,
        _ => webp_structure(file, bytes)?,
    };
    let img = decode(file, format, bytes)?;
    Ok(RasterInfo {
        width: img.width(),
        height: img.height(),
        patches,
        stripped,
    })
}

/// Decodes fully, refusing absurd dimensions before a pixel is decoded and turning the image the
/// way its Exif orientation says.
pub(crate) fn decode(
    file: &str,
    format: MediaFormat,
    bytes: &[u8],
) -> Result<DynamicImage, MediaError> {
    let Some(fmt) = image_format(format) else {
        return Err(MediaError::derivative(file, "not a raster image"));
    };
    let corrupt = |e: image::ImageError| MediaError::corrupt(file, format, e);
    let mut decoder = ImageReader::with_format(Cursor::new(bytes), fmt)
        .into_decoder()
        .map_err(corrupt)?;
    let (width, height) = decoder.dimensions();
    if width == 0
        || height == 0
        || width > MAX_SIDE
        || height > MAX_SIDE
        || u64::from(width) * u64::from(height) > MAX_MEGAPIXELS * 1_000_000
    {
        return Err(MediaError::TooManyPixels {
            file: file.to_owned(),
            width,
            height,
        });
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    // 100 MP of 16-bit RGBA, the largest accepted image decoded at its deepest.
    limits.max_alloc = Some(MAX_MEGAPIXELS * 1_000_000 * 8 + (64 << 20));
    decoder.set_limits(limits).map_err(corrupt)?;
    let orientation = decoder.orientation().ok();
    let mut img = DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    if let Some(o) = orientation {
        img.apply_orientation(o);
    }
    Ok(img)
}

/// Walks JPEG markers up to the scan: Exif APP1 segments get their GPS stripped. The decoder
/// pads a truncated scan with grey rather than failing (see the tests), so the file must also
/// end with EOI, after at most zero padding.
fn jpeg_structure(file: &str, b: &[u8]) -> Result<(Vec<Patch>, Vec<String>), MediaError> {
    let corrupt = |d: &str| MediaError::corrupt(file, MediaFormat::Jpeg, d);
    let tail = b.iter().rposition(|&x| x != 0).map_or(0, |i| i + 1);
    if tail < 4 || b[tail - 2..tail] != [0xFF, 0xD9] {
        return Err(corrupt(
            "no end-of-image marker (FFD9): the file is cut short",
        ));
    }
    let mut patches = Vec::new();
    let mut at = 2;
    loop {
        // Markers may be preceded by any number of FF fill bytes.
        while b.get(at) == Some(&0xFF) && b.get(at + 1) == Some(&0xFF) {
            at += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (b.get(at), b.get(at + 1)) else {
            return Err(corrupt("marker expected before the image data"));
        };
        at += 2;
        if marker == 0x01 || (0xD0..=0xD7).contains(&marker) {
            continue;
        }
        if marker == 0xD9 || marker == 0xDA {
            break;
        }
        let Some(len) = b
            .get(at..at + 2)
            .map(|l| usize::from(u16::from_be_bytes([l[0], l[1]])))
        else {
            return Err(corrupt("segment header cut short"));
        };
        if len < 2 || at + len > b.len() {
            return Err(corrupt("segment runs past the end of the file"));
        }
        let body = &b[at + 2..at + len];
        if marker == 0xE1 && body.starts_with(b"Exif\0\0") {
            let base = (at + 2 + 6) as u64;
            patches.extend(tiff::strip_gps(&body[6..], base));
        }
        at += len;
    }
    let stripped = if patches.is_empty() {
        vec![]
    } else {
        vec![GPS_LINE_JPEG.to_owned()]
    };
    Ok((patches, stripped))
}

/// Walks PNG chunks to IEND: every chunk must fit in the file (the decoder may stop reading
/// before a truncated tail), and an `eXIf` chunk gets its GPS stripped and its CRC recomputed.
fn png_structure(file: &str, b: &[u8]) -> Result<(Vec<Patch>, Vec<String>), MediaError> {
    let corrupt = |d: &str| MediaError::corrupt(file, MediaFormat::Png, d);
    let mut patches = Vec::new();
    let mut at = 8usize;
    loop {
        let Some(head) = b.get(at..at + 8) else {
            return Err(corrupt("cut short before the IEND chunk"));
        };
        let len = u32::from_be_bytes([head[0], head[1], head[2], head[3]]) as usize;
        let kind = [head[4], head[5], head[6], head[7]];
        let data_start = at + 8;
        let Some(crc_at) = data_start.checked_add(len).filter(|&c| c + 4 <= b.len()) else {
            return Err(corrupt("a chunk runs past the end of the file"));
        };
        if &kind == b"eXIf" {
            let data = &b[data_start..crc_at];
            let tiff = data.strip_prefix(b"Exif\0\0").unwrap_or(data);
            let skip = data.len() - tiff.len();
            let ps = tiff::strip_gps(tiff, (data_start + skip) as u64);
            if !ps.is_empty() {
                let mut chunk = b[at + 4..crc_at].to_vec();
                let rel: Vec<Patch> = ps
                    .iter()
                    .map(|p| Patch {
                        offset: p.offset - (at as u64 + 4),
                        bytes: p.bytes.clone(),
                    })
                    .collect();
                crate::apply_patches(&mut chunk, &rel);
                patches.extend(ps);
                patches.push(Patch {
                    offset: crc_at as u64,
                    bytes: crc32fast::hash(&chunk).to_be_bytes().to_vec(),
                });
            }
        }
        at = crc_at + 4;
        if &kind == b"IEND" {
            break;
        }
    }
    let stripped = if patches.is_empty() {
        vec![]
    } else {
        vec![GPS_LINE_PNG.to_owned()]
    };
    Ok((patches, stripped))
}

/// Walks the RIFF chunks of a WebP: they must fit in the file, and an `EXIF` chunk gets its GPS
/// stripped.
fn webp_structure(file: &str, b: &[u8]) -> Result<(Vec<Patch>, Vec<String>), MediaError> {
    let corrupt = |d: &str| MediaError::corrupt(file, MediaFormat::Webp, d);
    let riff_len = b
        .get(4..8)
        .map(|l| u32::from_le_bytes([l[0], l[1], l[2], l[3]]) as usize)
        .unwrap_or(0);
    let end = riff_len.saturating_add(8);
    if end > b.len() {
        return Err(corrupt("the RIFF container runs past the end of the file"));
    }
    let mut patches = Vec::new();
    let mut at = 12usize;
    while at + 8 <= end {
        let kind = &b[at..at + 4];
        let len = u32::from_le_bytes([b[at + 4], b[at + 5], b[at + 6], b[at + 7]]) as usize;
        let data_start = at + 8;
        let Some(data_end) = data_start.checked_add(len).filter(|&e| e <= end) else {
            return Err(corrupt("a chunk runs past the end of the RIFF container"));
        };
        if kind == b"EXIF" {
            let data = &b[data_start..data_end];
            let tiff = data.strip_prefix(b"Exif\0\0").unwrap_or(data);
            let skip = data.len() - tiff.len();
            patches.extend(tiff::strip_gps(tiff, (data_start + skip) as u64));
        }
        // Chunks are padded to an even length.
        at = data_end + (len & 1);
    }
    let stripped = if patches.is_empty() {
        vec![]
    } else {
        vec![GPS_LINE_WEBP.to_owned()]
    };
    Ok((patches, stripped))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x * 7) as u8, (y * 13) as u8, ((x ^ y) * 3) as u8])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .expect("encode");
        out
    }

    /// Why the EOI check exists: the decoder accepts a JPEG cut short in its scan.
    #[test]
    fn decoder_alone_accepts_a_truncated_jpeg() {
        let j = jpeg(256, 256);
        let cut = &j[..j.len() * 6 / 10];
        let lenient = image::load_from_memory_with_format(cut, ImageFormat::Jpeg);
        println!("image crate on a JPEG cut to 60%: ok = {}", lenient.is_ok());
        let err = inspect("cut.jpg", MediaFormat::Jpeg, cut)
            .err()
            .expect("refused");
        assert_eq!(err.code(), "media.corrupt");
        let mut padded = j.clone();
        padded.extend_from_slice(&[0; 100]);
        assert!(inspect("padded.jpg", MediaFormat::Jpeg, &padded).is_ok());
    }

    #[test]
    fn structure_walks_never_panic_on_garbage() {
        let j = jpeg(32, 32);
        for cut in 0..j.len() {
            let _ = jpeg_structure("x.jpg", &j[..cut]);
            let mut t = j[..cut].to_vec();
            t.extend_from_slice(&[0xFF, 0xD9]);
            let _ = jpeg_structure("x.jpg", &t);
        }
        let mut p = Vec::new();
        image::DynamicImage::new_rgb8(8, 8)
            .write_to(&mut Cursor::new(&mut p), ImageFormat::Png)
            .expect("encode");
        for cut in 0..p.len() {
            let _ = png_structure("x.png", &p[..cut]);
        }
        for junk in [
            &b"RIFF"[..],
            b"RIFF\xff\xff\xff\xffWEBP",
            b"RIFF\x10\0\0\0WEBPEXIF\xff\xff",
        ] {
            let _ = webp_structure("x.webp", junk);
        }
    }
}
