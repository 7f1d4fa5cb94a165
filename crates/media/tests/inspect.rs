//! Intake of real files: images made with the `image` crate, audio and video made with ffmpeg
//! (which CI installs; these tests fail loudly without it rather than skip).

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use image::{ImageFormat, RgbImage};
use jiedu_core::MediaFormat;
use jiedu_media::{
    apply_patches, inspect_bytes, inspect_file, patched_reader, sha256_hex, wechat_jpeg,
    weibo_jpeg, Inspected, MediaError,
};

fn ffmpeg(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.join(name);
    let status = Command::new("ffmpeg")
        .args(["-y", "-v", "error", "-nostdin"])
        .args(args)
        .arg(&out)
        .status()
        .unwrap_or_else(|e| {
            panic!("ffmpeg is needed for the media tests (Debian package ffmpeg): {e}")
        });
    assert!(status.success(), "ffmpeg failed making {name}");
    out
}

const TESTSRC: [&str; 4] = ["-f", "lavfi", "-i", "testsrc=size=320x240:rate=10"];
const SINE: [&str; 4] = ["-f", "lavfi", "-i", "sine=frequency=440"];

fn mp4_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut a: Vec<&str> = TESTSRC.into_iter().chain(SINE).collect();
    a.extend([
        "-t",
        "2",
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-shortest",
    ]);
    a.extend_from_slice(extra);
    a
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, (x ^ y) as u8]));
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
        .expect("encode");
    out
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, (x ^ y) as u8]));
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .expect("encode");
    out
}

fn near(ms: Option<u64>, want: u64) -> bool {
    ms.is_some_and(|ms| ms.abs_diff(want) <= 100)
}

fn code(r: Result<Inspected, MediaError>) -> &'static str {
    match r {
        Ok(i) => panic!("accepted: {:?}", i.info),
        Err(e) => {
            println!("{}: {e}", e.code());
            e.code()
        }
    }
}

#[test]
fn images_are_accepted_with_their_size() {
    let p = inspect_bytes("图.png", &png(64, 48)).expect("accepted");
    assert_eq!(p.info.format, MediaFormat::Png);
    assert_eq!((p.info.width, p.info.height), (Some(64), Some(48)));
    assert!(p.patches.is_empty() && p.stripped.is_empty());
    assert_eq!(p.info.sha256, sha256_hex(&png(64, 48)));

    let j = inspect_bytes("photo.JPG", &jpeg(30, 20)).expect("accepted");
    assert_eq!(j.info.format, MediaFormat::Jpeg);
    assert_eq!((j.info.width, j.info.height), (Some(30), Some(20)));

    let img = RgbImage::from_pixel(17, 9, image::Rgb([10, 200, 30]));
    let mut webp = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .encode(img.as_raw(), 17, 9, image::ExtendedColorType::Rgb8)
        .expect("encode");
    let w = inspect_bytes("a.webp", &webp).expect("accepted");
    assert_eq!(w.info.format, MediaFormat::Webp);
    assert_eq!((w.info.width, w.info.height), (Some(17), Some(9)));
    assert_eq!(
        code(inspect_bytes("a.webp", &webp[..webp.len() - 10])),
        "media.corrupt"
    );

    let svg = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 80"><circle cx="60" cy="40" r="30"/></svg>"#;
    let s = inspect_bytes("chart.svg", svg).expect("accepted");
    assert_eq!(s.info.format, MediaFormat::Svg);
    assert_eq!((s.info.width, s.info.height), (Some(120), Some(80)));
    assert_eq!(
        code(inspect_bytes("bad.svg", b"<svg><g></svg>")),
        "media.corrupt"
    );
}

#[test]
fn content_decides_not_the_name() {
    let e = inspect_bytes("clip.mp4", &png(8, 8)).expect_err("refused");
    assert_eq!(e.code(), "media.mislabelled");
    let msg = e.to_string();
    assert!(
        msg.contains("clip.mp4") && msg.contains("PNG") && msg.contains(".mp4"),
        "{msg}"
    );
    assert!(
        inspect_bytes("scan", &png(8, 8)).is_ok(),
        "no extension claims nothing"
    );

    let mut noise = vec![0u8; 4096];
    let mut s = 12345u32;
    for b in &mut noise {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        *b = s as u8;
    }
    let e = inspect_bytes("noise.jpg", &noise).expect_err("refused");
    assert_eq!(e.code(), "media.unsupported");
    assert!(e.to_string().contains("noise.jpg") && e.to_string().contains("WebM"));
    assert_eq!(
        code(inspect_bytes("page.html", b"<!DOCTYPE html><svg></svg>")),
        "media.unsupported"
    );
}

#[test]
fn truncated_images_are_corrupt() {
    let j = jpeg(300, 200);
    let e = inspect_bytes("cut.jpg", &j[..j.len() * 6 / 10]).expect_err("refused");
    assert_eq!(e.code(), "media.corrupt");
    assert!(e.to_string().contains("cut.jpg"));
    let p = png(300, 200);
    assert_eq!(
        code(inspect_bytes("cut.png", &p[..p.len() * 6 / 10])),
        "media.corrupt"
    );
    // Cut just before IEND: every pixel is there, the file is still incomplete.
    assert_eq!(
        code(inspect_bytes("cut.png", &p[..p.len() - 12])),
        "media.corrupt"
    );
}

#[test]
fn size_is_checked_before_reading() {
    let dir = tempfile::tempdir().expect("file system");
    let big = dir.path().join("huge.mp4");
    std::fs::File::create(&big)
        .expect("file system")
        .set_len(3 << 30)
        .expect("file system");
    let t = Instant::now();
    let e = inspect_file(&big, "huge.mp4").expect_err("refused");
    assert!(t.elapsed().as_millis() < 500, "{:?}", t.elapsed());
    assert!(matches!(e, MediaError::TooLarge { byte_len, .. } if byte_len == 3 << 30));
    assert!(e.to_string().contains("huge.mp4"), "{e}");

    let empty = dir.path().join("empty.png");
    std::fs::write(&empty, b"").expect("file system");
    assert_eq!(code(inspect_file(&empty, "empty.png")), "media.empty");
    assert_eq!(code(inspect_bytes("empty.png", b"")), "media.empty");
    assert_eq!(
        code(inspect_file(&dir.path().join("missing.png"), "missing.png")),
        "media.unreadable"
    );

    // Over the image limit (30 MB) though under the limit for any file: refused by size before
    // the pixels are decoded.
    let mut p = png(8, 8);
    p.resize(31 << 20, 0);
    let e = inspect_bytes("poster.png", &p).expect_err("refused");
    assert!(
        matches!(
            e,
            MediaError::TooLarge {
                what: Some(MediaFormat::Png),
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn absurd_dimensions_are_refused_before_decoding() {
    // A PNG header claiming 30000×30000 with almost no data.
    let mut p = png(1, 1);
    p[16..20].copy_from_slice(&30_000u32.to_be_bytes());
    p[20..24].copy_from_slice(&30_000u32.to_be_bytes());
    let crc = crc32(&p[12..29]);
    p[29..33].copy_from_slice(&crc.to_be_bytes());
    assert_eq!(code(inspect_bytes("bomb.png", &p)), "media.too_many_pixels");
}

fn crc32(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// Exif APP1 body (after the "Exif\0\0" header is added) with IFD0 {orientation 6, GPS pointer}
/// and a GPS IFD {version, latitude ref, latitude, longitude ref, longitude}.
fn exif_tiff(little: bool) -> Vec<u8> {
    let w16 = |v: u16| {
        if little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    };
    let w32 = |v: u32| {
        if little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    };
    let entry = |t: &mut Vec<u8>, tag: u16, ty: u16, n: u32, value: [u8; 4]| {
        t.extend_from_slice(&w16(tag));
        t.extend_from_slice(&w16(ty));
        t.extend_from_slice(&w32(n));
        t.extend_from_slice(&value);
    };
    let mut t = Vec::new();
    t.extend_from_slice(if little { b"II*\0" } else { b"MM\0*" });
    t.extend_from_slice(&w32(8));
    t.extend_from_slice(&w16(2));
    let six = w16(6);
    entry(&mut t, 0x0112, 3, 1, [six[0], six[1], 0, 0]);
    entry(&mut t, 0x8825, 4, 1, w32(38));
    t.extend_from_slice(&w32(0));
    // GPS IFD at 38, 5 entries: its values start at 38 + 2 + 60 + 4 = 104.
    t.extend_from_slice(&w16(5));
    entry(&mut t, 0, 1, 4, [2, 3, 0, 0]);
    entry(&mut t, 1, 2, 2, *b"N\0\0\0");
    entry(&mut t, 2, 5, 3, w32(104));
    entry(&mut t, 3, 2, 2, *b"E\0\0\0");
    entry(&mut t, 4, 5, 3, w32(128));
    t.extend_from_slice(&w32(0));
    assert_eq!(t.len(), 104);
    for v in [39, 1, 54, 1, 1527, 100, 116, 1, 24, 1, 2664, 100] {
        t.extend_from_slice(&w32(v));
    }
    t
}

fn jpeg_with_exif(tiff: &[u8]) -> Vec<u8> {
    let j = jpeg(64, 48);
    let mut body = b"Exif\0\0".to_vec();
    body.extend_from_slice(tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&body);
    out.extend_from_slice(&j[2..]);
    out
}

/// IFD0's orientation and the GPS IFD's entry count, read from the first Exif APP1.
fn read_exif(jpeg: &[u8]) -> (u16, u16) {
    let at = jpeg
        .windows(6)
        .position(|w| w == b"Exif\0\0")
        .expect("has Exif")
        + 6;
    let t = &jpeg[at..];
    let little = &t[..2] == b"II";
    let r16 = |o: usize| {
        let b = [t[o], t[o + 1]];
        if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        }
    };
    let r32 = |o: usize| {
        let b = [t[o], t[o + 1], t[o + 2], t[o + 3]];
        if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        }
    };
    let ifd0 = r32(4) as usize;
    let mut orientation = 0;
    let mut gps = 0;
    for i in 0..r16(ifd0) as usize {
        let e = ifd0 + 2 + i * 12;
        match r16(e) {
            0x0112 => orientation = r16(e + 8),
            0x8825 => gps = r32(e + 8) as usize,
            _ => {}
        }
    }
    (orientation, r16(gps))
}

#[test]
fn gps_is_stripped_from_jpeg_exif() {
    for little in [true, false] {
        let original = jpeg_with_exif(&exif_tiff(little));
        assert_eq!(read_exif(&original), (6, 5));
        let i = inspect_bytes("现场.jpg", &original).expect("accepted");
        assert_eq!(
            i.stripped,
            ["已去除 EXIF 中的 GPS 位置信息 GPS position removed from EXIF"]
        );
        // Orientation 6 turns the 64×48 photo upright: it is shown 48 wide.
        assert_eq!((i.info.width, i.info.height), (Some(48), Some(64)));
        let mut stored = original.clone();
        apply_patches(&mut stored, &i.patches);
        assert_eq!(stored.len(), original.len());
        assert_eq!(
            read_exif(&stored),
            (6, 0),
            "GPS IFD empty, orientation kept"
        );
        assert_eq!(i.info.sha256, sha256_hex(&stored));
        let tiff_at = original
            .windows(6)
            .position(|w| w == b"Exif\0\0")
            .expect("has Exif")
            + 6;
        assert!(
            stored[tiff_at + 38..tiff_at + 152].iter().all(|&b| b == 0),
            "coordinates gone"
        );
        let again = inspect_bytes("现场.jpg", &stored).expect("accepted");
        assert!(again.patches.is_empty());
        assert_eq!(again.info.sha256, i.info.sha256);
    }
    // Malformed Exif around the GPS pointer: refused or accepted, never a panic.
    let good = exif_tiff(false);
    for cut in (8..good.len()).step_by(3) {
        let _ = inspect_bytes("x.jpg", &jpeg_with_exif(&good[..cut]));
    }
    let mut bad = good.clone();
    bad[30..34].copy_from_slice(&[0xFF, 0xFF, 0xFF, 0xF0]);
    let _ = inspect_bytes("x.jpg", &jpeg_with_exif(&bad));
}

#[test]
fn gps_is_stripped_from_png_exif() {
    let p = png(16, 16);
    // eXIf goes before IDAT, after IHDR (8 + 25 bytes).
    let tiff = exif_tiff(true);
    let mut chunk = (tiff.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(b"eXIf");
    chunk.extend_from_slice(&tiff);
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    let mut with = p[..33].to_vec();
    with.extend_from_slice(&chunk);
    with.extend_from_slice(&p[33..]);
    let i = inspect_bytes("a.png", &with).expect("accepted");
    assert_eq!(i.stripped.len(), 1);
    let mut stored = with.clone();
    apply_patches(&mut stored, &i.patches);
    let data = &stored[33 + 8..33 + 8 + tiff.len()];
    assert!(data[38..].iter().all(|&b| b == 0));
    let stored_crc = &stored[33 + 8 + tiff.len()..33 + 12 + tiff.len()];
    assert_eq!(
        stored_crc,
        crc32(&stored[33 + 4..33 + 8 + tiff.len()]).to_be_bytes()
    );
    // The stored file is a valid PNG (CRCs checked) with nothing left to strip.
    assert!(inspect_bytes("a.png", &stored)
        .expect("accepted")
        .patches
        .is_empty());
}

#[test]
fn audio_and_video_are_accepted() {
    let dir = tempfile::tempdir().expect("file system");
    let d = dir.path();

    let mp4 = ffmpeg(d, "a.mp4", &mp4_args(&[]));
    let i = inspect_file(&mp4, "发布会.mp4").expect("accepted");
    assert_eq!(i.info.format, MediaFormat::Mp4);
    assert_eq!((i.info.width, i.info.height), (Some(320), Some(240)));
    assert!(near(i.info.duration_ms, 2000), "{:?}", i.info.duration_ms);
    assert_eq!(i.info.codecs, ["avc1", "mp4a"]);
    assert_eq!(code(inspect_file(&mp4, "发布会.m4a")), "media.mislabelled");

    let m4a = ffmpeg(
        d,
        "a.m4a",
        &[
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=3",
            "-c:a",
            "aac",
        ],
    );
    let i = inspect_file(&m4a, "briefing.m4a").expect("accepted");
    assert_eq!(i.info.format, MediaFormat::M4a);
    assert_eq!((i.info.width, i.info.height), (None, None));
    assert!(near(i.info.duration_ms, 3000), "{:?}", i.info.duration_ms);
    assert_eq!(i.info.codecs, ["mp4a"]);
    assert_eq!(
        inspect_file(&m4a, "briefing.mp4")
            .expect("accepted")
            .info
            .format,
        MediaFormat::M4a
    );

    let mp3 = ffmpeg(
        d,
        "a.mp3",
        &[
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=4",
            "-c:a",
            "libmp3lame",
            "-b:a",
            "128k",
            "-metadata",
            "title=解读",
        ],
    );
    let head = std::fs::read(&mp3).expect("file system");
    assert_eq!(&head[..3], b"ID3", "ffmpeg writes an ID3v2 tag");
    let i = inspect_file(&mp3, "a.mp3").expect("accepted");
    assert_eq!(i.info.format, MediaFormat::Mp3);
    assert!(near(i.info.duration_ms, 4000), "{:?}", i.info.duration_ms);
    assert_eq!(i.info.codecs, ["mp3"]);
    assert_eq!(
        code(inspect_bytes("cut.mp3", &head[..head.len() * 6 / 10])),
        "media.corrupt"
    );
    assert_eq!(code(inspect_file(&mp3, "a.m4a")), "media.mislabelled");
    let vbr = ffmpeg(
        d,
        "vbr.mp3",
        &[
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=5",
            "-c:a",
            "libmp3lame",
            "-q:a",
            "4",
            "-id3v2_version",
            "0",
        ],
    );
    let i = inspect_file(&vbr, "vbr.mp3").expect("accepted");
    assert!(near(i.info.duration_ms, 5000), "{:?}", i.info.duration_ms);

    let webm = ffmpeg(
        d,
        "a.webm",
        &[
            &TESTSRC[..],
            &SINE[..],
            &[
                "-t",
                "2",
                "-c:v",
                "libvpx-vp9",
                "-deadline",
                "realtime",
                "-cpu-used",
                "8",
                "-b:v",
                "200k",
                "-c:a",
                "libopus",
                "-shortest",
            ],
        ]
        .concat(),
    );
    let i = inspect_file(&webm, "a.webm").expect("accepted");
    assert_eq!(i.info.format, MediaFormat::Webm);
    assert_eq!((i.info.width, i.info.height), (Some(320), Some(240)));
    assert!(near(i.info.duration_ms, 2000), "{:?}", i.info.duration_ms);
    assert_eq!(i.info.codecs, ["vp9", "opus"]);
    let bytes = std::fs::read(&webm).expect("file system");
    assert_eq!(
        code(inspect_bytes("a.webm", &bytes[..bytes.len() * 6 / 10])),
        "media.corrupt"
    );

    let weba = ffmpeg(
        d,
        "a.weba",
        &[
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=2",
            "-c:a",
            "libopus",
            "-f",
            "webm",
        ],
    );
    let i = inspect_file(&weba, "a.weba").expect("accepted");
    assert_eq!(i.info.format, MediaFormat::Webm);
    assert_eq!(i.info.codecs, ["opus"]);
    assert!(near(i.info.duration_ms, 2000), "{:?}", i.info.duration_ms);

    let mkv = ffmpeg(
        d,
        "a.mkv",
        &[
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440:duration=1",
            "-c:a",
            "libopus",
        ],
    );
    assert_eq!(code(inspect_file(&mkv, "a.mkv")), "media.unsupported");
}

#[test]
fn truncated_mp4_is_corrupt() {
    let dir = tempfile::tempdir().expect("file system");
    let d = dir.path();
    for (name, extra) in [
        ("end.mp4", &[][..]),
        ("front.mp4", &["-movflags", "+faststart"][..]),
    ] {
        let bytes = std::fs::read(ffmpeg(d, name, &mp4_args(extra))).expect("file system");
        for cut in [bytes.len() * 6 / 10, bytes.len() - 1] {
            let e = inspect_bytes(name, &bytes[..cut]).expect_err("refused");
            println!("{name} cut to {cut}: {e}");
            assert_eq!(e.code(), "media.corrupt");
        }
        let part = d.join(format!("part-{name}"));
        std::fs::write(&part, &bytes[..bytes.len() / 2]).expect("file system");
        assert_eq!(code(inspect_file(&part, name)), "media.corrupt");
    }
}

/// Writes `bytes` with the patches applied through [`patched_reader`], as the store does.
fn store(src: &Path, i: &Inspected, dst: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    patched_reader(src, i.patches.clone())
        .expect("opens")
        .read_to_end(&mut out)
        .expect("read");
    std::fs::write(dst, &out).expect("file system");
    out
}

#[test]
fn location_is_stripped_from_mp4_and_mov() {
    let dir = tempfile::tempdir().expect("file system");
    let d = dir.path();
    let loc = ["-metadata", "location=+39.9042+116.4074/"];
    let cases: [(&str, Vec<&str>); 3] = [
        ("plain.mp4", mp4_args(&loc)),
        (
            "tags.mp4",
            mp4_args(&[&loc[..], &["-movflags", "+use_metadata_tags"]].concat()),
        ),
        ("phone.mov", mp4_args(&loc)),
    ];
    let has = |b: &[u8], n: &[u8]| b.windows(n.len()).any(|w| w == n);
    for (name, args) in cases {
        let src = ffmpeg(d, name, &args);
        let original = std::fs::read(&src).expect("file system");
        assert!(
            has(&original, b"loci") || has(&original, b"\xA9xyz"),
            "{name} has a location"
        );
        let i = inspect_file(&src, name).expect("accepted");
        println!("{name}: {:?}", i.stripped);
        assert!(!i.stripped.is_empty(), "{name}");
        assert_eq!(i.info.format, MediaFormat::Mp4);

        let stored = store(&src, &i, &d.join(format!("stored-{name}")));
        let mut applied = original.clone();
        apply_patches(&mut applied, &i.patches);
        assert_eq!(stored, applied, "streamed and in-memory patching agree");
        assert_eq!(sha256_hex(&stored), i.info.sha256);
        assert_eq!(stored.len() as u64, i.info.byte_len);
        assert!(!has(&stored, b"+39.9042"), "{name}: coordinates gone");
        assert!(
            !has(&stored, b"loci") && !has(&stored, b"\xA9xyz"),
            "{name}"
        );

        let again = inspect_file(&d.join(format!("stored-{name}")), name).expect("accepted");
        assert!(again.patches.is_empty(), "{name}: nothing left to strip");
        assert_eq!(
            again.info, i.info,
            "{name}: the stored file is what was described"
        );
        assert_eq!(
            inspect_bytes(name, &original).expect("accepted"),
            i,
            "bytes and file agree"
        );
    }
}

#[test]
fn inspecting_a_1mb_mp4_is_quick() {
    let dir = tempfile::tempdir().expect("file system");
    let src = ffmpeg(
        dir.path(),
        "1mb.mp4",
        &[
            "-f",
            "lavfi",
            "-i",
            // Noise keeps the encoder from making it small: about 1.1 MB.
            "testsrc=size=640x480:rate=25,noise=alls=12:allf=t",
            "-f",
            "lavfi",
            "-i",
            "sine=frequency=440",
            "-t",
            "10",
            "-c:v",
            "libx264",
            "-b:v",
            "800k",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
        ],
    );
    let len = std::fs::metadata(&src).expect("file system").len();
    let t = Instant::now();
    let i = inspect_file(&src, "1mb.mp4").expect("accepted");
    let elapsed = t.elapsed();
    println!("inspect_file of a {len}-byte MP4: {elapsed:?}");
    assert!(len > 900_000, "{len}");
    let bytes = std::fs::read(&src).expect("file system");
    let t = Instant::now();
    assert_eq!(inspect_bytes("1mb.mp4", &bytes).expect("accepted"), i);
    println!("inspect_bytes of the same: {:?}", t.elapsed());
    assert!(near(i.info.duration_ms, 10_000));
    assert!(elapsed.as_secs() < 2, "{elapsed:?}");
}

#[test]
fn derivatives_fit_the_platforms() {
    let mut s = 0x9E37_79B9u32;
    let noise = RgbImage::from_fn(3000, 2000, |_, _| {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        image::Rgb([s as u8, (s >> 8) as u8, (s >> 16) as u8])
    });
    let mut p = Vec::new();
    noise
        .write_to(&mut Cursor::new(&mut p), ImageFormat::Png)
        .expect("encode");
    let t = Instant::now();
    let w = wechat_jpeg(&p, MediaFormat::Png, "noise.png").expect("encode");
    println!(
        "wechat_jpeg 3000×2000 noise: {} bytes in {:?}",
        w.len(),
        t.elapsed()
    );
    let back = image::load_from_memory_with_format(&w, ImageFormat::Jpeg).expect("decodes");
    assert!(
        back.width() <= 1080 && w.len() < 1_000_000,
        "{}×{}",
        back.width(),
        back.height()
    );
    let t = Instant::now();
    let wb = weibo_jpeg(&p, MediaFormat::Png, "noise.png").expect("derivative made");
    println!("weibo_jpeg: {} bytes in {:?}", wb.len(), t.elapsed());
    let back = image::load_from_memory_with_format(&wb, ImageFormat::Jpeg).expect("decodes");
    assert!(back.width().max(back.height()) <= 2048 && wb.len() < 5_000_000);

    let small = jiedu_media::decode_rgba(&jpeg(300, 200), MediaFormat::Jpeg, "a.jpg", 150)
        .expect("decodes");
    assert_eq!(small.dimensions(), (150, 100));
    let e = wechat_jpeg(b"x", MediaFormat::Mp3, "a.mp3").expect_err("refused");
    assert!(e.to_string().contains("a.mp3"));
}

#[test]
fn gps_is_stripped_from_webp_exif() {
    let img = RgbImage::from_pixel(20, 10, image::Rgb([200, 10, 30]));
    let mut simple = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut simple)
        .encode(img.as_raw(), 20, 10, image::ExtendedColorType::Rgb8)
        .expect("encode");
    // Extended format: VP8X (with the Exif flag), the image, then the EXIF chunk.
    let mut chunks = b"VP8X".to_vec();
    chunks.extend_from_slice(&10u32.to_le_bytes());
    chunks.extend_from_slice(&[0x08, 0, 0, 0, 19, 0, 0, 9, 0, 0]);
    chunks.extend_from_slice(&simple[12..]);
    let tiff = exif_tiff(false);
    chunks.extend_from_slice(b"EXIF");
    chunks.extend_from_slice(&(tiff.len() as u32).to_le_bytes());
    chunks.extend_from_slice(&tiff);
    let mut webp = b"RIFF".to_vec();
    webp.extend_from_slice(&(chunks.len() as u32 + 4).to_le_bytes());
    webp.extend_from_slice(b"WEBP");
    webp.extend_from_slice(&chunks);

    let i = inspect_bytes("a.webp", &webp).expect("accepted");
    assert_eq!(i.stripped.len(), 1, "{:?}", i.stripped);
    let mut stored = webp.clone();
    apply_patches(&mut stored, &i.patches);
    let at = stored.len() - tiff.len();
    assert!(stored[at + 38..].iter().all(|&b| b == 0));
    assert!(
        stored[..at + 38] == webp[..at + 38],
        "orientation and the image untouched"
    );
    assert!(inspect_bytes("a.webp", &stored)
        .expect("accepted")
        .patches
        .is_empty());
}
