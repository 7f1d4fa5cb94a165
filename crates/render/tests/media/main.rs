//! A pack's images, audio and video in every output: placed and tagged in the PDF, carried as
//! originals and WeChat/Weibo JPEGs in the kit, published on the portal's media page; a file
//! the caller did not load is refused by name.

use jiedu_core::media::{MediaLibrary, MediaRef};
use jiedu_core::pack::{Pack, PackState, SignRecord};
use jiedu_core::publication::{PortalSettings, PublicationRecord};
use jiedu_core::{MediaFormat, MediaInfo};
use jiedu_render::layout::{layout_pack, Item, LayoutOptions, Role};
use jiedu_render::{
    media_kit, pdf, portal_package, verify_kit, FontSet, KitOptions, PdfOptions, PortalOptions,
    RenderError,
};
use std::io::{Cursor, Read};
use std::sync::OnceLock;

fn fonts() -> FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS
        .get_or_init(|| FontSet::bundled().expect("fonts"))
        .clone()
}

/// A gradient, so that resizing and JPEG have something to do.
fn picture(w: u32, h: u32, alpha: bool) -> image::RgbaImage {
    image::RgbaImage::from_fn(w, h, |x, y| {
        let a = if alpha && x < w / 4 { 0 } else { 255 };
        image::Rgba([(x * 255 / w) as u8, (y * 255 / h) as u8, 128, a])
    })
}

fn png(w: u32, h: u32, alpha: bool) -> Vec<u8> {
    let mut out = Vec::new();
    picture(w, h, alpha)
        .write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("png");
    out
}

fn jpeg(w: u32, h: u32) -> Vec<u8> {
    let rgb = image::DynamicImage::ImageRgba8(picture(w, h, false)).into_rgb8();
    let mut out = Vec::new();
    rgb.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Jpeg)
        .expect("jpeg");
    out
}

/// A reference to `bytes`, inspected as the store does.
fn reference(id: &str, name: &str, bytes: &[u8], caption: &str, alt: &str) -> MediaRef {
    let inspected = jiedu_media::inspect_bytes(name, bytes).expect("inspect");
    let mut r = MediaRef::new(id.into(), name, inspected.info);
    r.caption = caption.into();
    r.alt = alt.into();
    r
}

/// A video reference; the renderers never decode video, so any bytes stand in for it.
fn video(id: &str, bytes: &[u8]) -> MediaRef {
    let mut r = MediaRef::new(
        id.into(),
        "吹风会.mp4",
        MediaInfo {
            sha256: jiedu_media::sha256_hex(bytes),
            format: MediaFormat::Mp4,
            byte_len: bytes.len() as u64,
            width: Some(640),
            height: Some(360),
            duration_ms: Some(83_000),
            codecs: vec!["avc1".into(), "mp4a".into()],
        },
    );
    r.caption = "政策吹风会".into();
    r
}

struct Fixture {
    pack: Pack,
    record: SignRecord,
    library: MediaLibrary,
}

/// The demo pack, signed, with a transparent PNG (placed twice), a JPEG and a video.
fn fixture() -> Fixture {
    let text = include_str!("../../../../resources/demo/seed-pack.json");
    let mut pack: Pack = serde_json::from_str(text).expect("demo pack");
    let chart = png(1200, 800, true);
    let photo = jpeg(2400, 1600);
    let clip = b"\x00\x00\x00\x18ftypmp42 stand-in for a video".to_vec();
    let mut first = reference(
        "m1",
        "流程图.png",
        &chart,
        "办理流程",
        "流程图：受理、审查、答复",
    );
    first.in_long_image = true;
    let mut again = first.clone();
    again.id = "m4".into();
    pack.content.materials.media = vec![
        first,
        reference(
            "m2",
            "发布会现场.jpg",
            &photo,
            "新闻发布会现场",
            "发言人在台上",
        ),
        video("m3", &clip),
        again,
    ];
    pack.state = PackState::Signed;
    pack.revision = 3;
    let record: SignRecord = serde_json::from_value(serde_json::json!({
        "pack_id": pack.id, "signer_id": "li.hua", "signer_name": "李华",
        "signed_at": "2026-11-28T01:30:00Z", "revision": 3,
        "content_hash": pack.content_hash().0, "algorithm": "ed25519",
        "public_key": "00".repeat(32), "signature": "5a".repeat(64), "comment": "",
    }))
    .expect("record");
    pack.signature = Some(record.clone());
    let mut library = MediaLibrary::new();
    for bytes in [chart, photo, clip] {
        library.insert(&jiedu_media::sha256_hex(&bytes), bytes);
    }
    Fixture {
        pack,
        record,
        library,
    }
}

fn pdf_options(library: &MediaLibrary) -> PdfOptions {
    let mut o = PdfOptions::dated_now(fonts()).with_media(library.clone());
    o.attach_record = false;
    o
}

#[test]
fn the_pdf_places_each_image_once_tagged_with_its_alt_text_and_frames_the_video() {
    let f = fixture();
    let options = LayoutOptions {
        media: f.library.clone(),
        ..LayoutOptions::default()
    };
    let doc = layout_pack(&f.pack, f.pack.signature.as_ref(), &fonts(), &options).expect("layout");
    let placed: Vec<(f32, f32)> = doc
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match i {
            Item::Image { w, h, .. } => Some((*w, *h)),
            _ => None,
        })
        .collect();
    assert_eq!(placed.len(), 3, "m1, m2 and m4 (m1 again)");
    for (w, h) in &placed {
        assert!(*w <= jiedu_render::layout::geometry::BLOCK_W + 0.01, "{w}");
        assert!(*h > 50.0, "{h}");
    }
    let figures: Vec<&str> = doc
        .structure
        .iter()
        .filter(|n| n.role == Role::Figure)
        .filter_map(|n| n.alt.as_deref())
        .collect();
    assert!(figures.contains(&"流程图：受理、审查、答复"), "{figures:?}");
    assert!(figures.contains(&"发言人在台上"), "{figures:?}");
    let text: String = doc
        .pages
        .iter()
        .flat_map(|p| p.text_lines())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("图1　办理流程"), "{text}");
    assert!(text.contains("【视频】政策吹风会"), "{text}");
    assert!(text.contains("时长 1:23"), "{text}");
    assert!(text.contains("media.html#m3"), "{text}");

    let out = pdf(&f.pack, f.pack.signature.as_ref(), &pdf_options(&f.library)).expect("pdf");
    let parsed = lopdf::Document::load_mem(&out.bytes).expect("parse");
    let mut images = 0;
    let mut dct = 0;
    let mut masks = 0;
    for obj in parsed.objects.values() {
        let Ok(stream) = obj.as_stream() else {
            continue;
        };
        let is = |k: &[u8], v: &[u8]| {
            stream
                .dict
                .get(k)
                .and_then(|o| o.as_name())
                .is_ok_and(|n| n == v)
        };
        if is(b"Subtype", b"Image") {
            images += 1;
            if is(b"Filter", b"DCTDecode") {
                dct += 1;
            }
            if stream.dict.get(b"SMask").is_ok() {
                masks += 1;
            }
        }
    }
    // The PNG (with its soft mask, itself an image) once, though placed twice; the JPEG as DCT.
    assert_eq!((images, dct, masks), (3, 1, 1));
}

#[test]
fn a_file_the_caller_did_not_load_is_refused_by_name() {
    let f = fixture();
    let err = pdf(
        &f.pack,
        f.pack.signature.as_ref(),
        &pdf_options(&MediaLibrary::new()),
    )
    .expect_err("no bytes");
    match err {
        RenderError::MediaMissing { file, .. } => assert_eq!(file, "流程图.png"),
        other => panic!("{other:?}"),
    }
    // The video's bytes are not needed for the PDF, only for the kit and the portal.
    let mut images_only = MediaLibrary::new();
    for m in &f.pack.content.materials.media[..2] {
        let bytes = f.library.get(&m.info.sha256).expect("bytes").to_vec();
        images_only.insert(&m.info.sha256, bytes);
    }
    pdf(
        &f.pack,
        f.pack.signature.as_ref(),
        &pdf_options(&images_only),
    )
    .expect("pdf");
    let mut kit = KitOptions::new(fonts(), chrono::Utc::now());
    kit.media = images_only;
    match media_kit(&f.pack, &f.record, &kit).expect_err("no video") {
        RenderError::MediaMissing { file, .. } => assert_eq!(file, "吹风会.mp4"),
        other => panic!("{other:?}"),
    }
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut e = zip.by_index(i).expect("entry");
            let mut data = Vec::new();
            e.read_to_end(&mut data).expect("read");
            (e.name().expect("name").to_string(), data)
        })
        .collect()
}

#[test]
fn the_kit_carries_originals_and_wechat_and_weibo_jpegs_listed_in_the_manifest() {
    let f = fixture();
    let mut options = KitOptions::new(fonts(), chrono::Utc::now());
    options.media = f.library.clone();
    let kit = media_kit(&f.pack, &f.record, &options).expect("kit");
    verify_kit(&kit.bytes, &|_, _| Ok("li.hua".to_string())).expect("verifies");
    let files = unzip(&kit.bytes);
    let get = |name: &str| {
        files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.clone())
            .unwrap_or_else(|| panic!("{name} not in the kit"))
    };
    assert_eq!(kit.manifest.media.len(), 4);
    let photo = &kit.manifest.media[1];
    assert_eq!(photo.original, "media/m2-发布会现场.jpg");
    assert_eq!(
        jiedu_media::sha256_hex(&get(&photo.original)),
        f.pack.content.materials.media[1].info.sha256
    );
    let wechat = get(photo.wechat.as_deref().expect("wechat"));
    let img = image::load_from_memory(&wechat).expect("decodes");
    assert!(img.width() <= 1080 && wechat.len() < 1_000_000);
    assert_eq!(
        image::guess_format(&wechat).expect("format"),
        image::ImageFormat::Jpeg
    );
    let weibo = get(photo.weibo.as_deref().expect("weibo"));
    let img = image::load_from_memory(&weibo).expect("decodes");
    assert!(img.width().max(img.height()) <= 2048 && weibo.len() < 5_000_000);
    // The video is carried as it is, with no versions.
    let clip = &kit.manifest.media[2];
    assert_eq!((clip.kind.as_str(), clip.wechat.as_ref()), ("video", None));
    assert_eq!(clip.duration_ms, Some(83_000));
    get(&clip.original);
    // The long image has the picture chosen for it: taller than without.
    let mut without = f.pack.clone();
    for m in &mut without.content.materials.media {
        m.in_long_image = false;
    }
    let mut record = f.record.clone();
    record.content_hash = without.content_hash();
    without.signature = Some(record.clone());
    let plain = media_kit(&without, &record, &options).expect("kit");
    let height = |zip: &[u8]| {
        let files = unzip(zip);
        let (_, png) = files
            .iter()
            .find(|(n, _)| n == "yitu-dudong.png")
            .expect("long image");
        image::load_from_memory(png).expect("png").height()
    };
    assert!(
        height(&kit.bytes) > height(&plain.bytes) + 400,
        "{} vs {}",
        height(&kit.bytes),
        height(&plain.bytes)
    );
}

#[test]
fn the_portal_publishes_a_media_page_with_alt_text_controls_and_captions() {
    let f = fixture();
    let settings = PortalSettings {
        org_code: "000014349".into(),
        base_path: "/zwgk/zcjd".into(),
        site_name: "演示市人民政府门户网站".into(),
        column: "政策解读".into(),
        footer: String::new(),
    };
    let record = PublicationRecord {
        index_number: Some("000014349/2026-00001".into()),
        ..PublicationRecord::default()
    };
    let out = portal_package(
        &f.pack,
        &PortalOptions {
            fonts: fonts(),
            now: chrono::Utc::now(),
            settings: &settings,
            record: &record,
            supersedes: &[],
            media: f.library.clone(),
        },
    )
    .expect("package");
    let files = unzip(&out.bytes);
    let page = files
        .iter()
        .find(|(n, _)| n == "media.html")
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .expect("media.html");
    // minijinja escapes `/` in attribute values too, as the chart pages show.
    assert!(
        page.contains(r#"<img src="media&#x2f;m1.png" alt="流程图：受理、审查、答复" width="1200" height="800">"#),
        "{page}"
    );
    assert!(page.contains("<video controls"), "{page}");
    assert!(
        page.contains(r#"<source src="media&#x2f;m3.mp4" type="video&#x2f;mp4">"#),
        "{page}"
    );
    assert!(
        page.contains("<figcaption>政策吹风会（时长 1:23）"),
        "{page}"
    );
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for want in [
        "media/m1.png",
        "media/m2.jpg",
        "media/m3.mp4",
        "media/m4.png",
    ] {
        assert!(names.contains(&want), "{want} in {names:?}");
    }
    assert!(out.manifest.pages.iter().any(|p| p.kind == "media"));
    // The policy page links to it under 相关解读.
    let policy = files
        .iter()
        .find(|(n, _)| n == "policy.html")
        .map(|(_, b)| String::from_utf8_lossy(b).to_string())
        .expect("policy.html");
    assert!(policy.contains(r#"href="media.html""#), "{policy}");
}
