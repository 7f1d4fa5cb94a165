//! Media kit: contents and hashes, image sizes, .docx parsed back, the press release, the
//! embargo, verification against mutations, refusals, cancellation and progress.

use chrono::{DateTime, TimeZone, Utc};
use jiedu_core::hash::{canonical_json, content_hash};
use jiedu_core::pack::{Pack, PackContent, PackState, SignRecord};
use jiedu_render::kit::{
    release_time, sha256_hex, KitManifest, KitProblem, DRAFT_MARK, LONG_IMAGE, MANIFEST_FILE,
    OFD_FILE, PDF_FILE, PRESS_DOCX, PRESS_MD, QA_DOCX, QA_MD,
};
use jiedu_render::{
    media_kit, verify_kit, FontSet, KitOptions, KitOutput, KitProgress, PdfOptions, RenderError,
};
use std::cell::{Cell, RefCell};
use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;
use std::time::Instant;

/// A dummy signature: verification is injected, so any bytes do.
const SIGNATURE: &str = "5a";

fn fonts() -> FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS
        .get_or_init(|| FontSet::bundled().expect("fonts"))
        .clone()
}

fn at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
        .single()
        .expect("time")
}

/// Release: 2026-12-01 10:00 Beijing time.
fn release() -> DateTime<Utc> {
    at(2026, 12, 1, 2, 0)
}

/// Before the release: the kit is embargoed.
fn before() -> DateTime<Utc> {
    at(2026, 11, 30, 8, 30)
}

/// The demo pack, signed: state, revision and a record over its content hash.
fn signed_pack() -> (Pack, SignRecord) {
    let text = include_str!("../../../../resources/demo/seed-pack.json");
    let mut pack: Pack = serde_json::from_str(text).expect("demo pack");
    pack.state = PackState::Signed;
    pack.revision = 3;
    let record: SignRecord = serde_json::from_value(serde_json::json!({
        "pack_id": pack.id,
        "signer_id": "li.hua",
        "signer_name": "李华",
        "signed_at": "2026-11-28T01:30:00Z",
        "revision": 3,
        "content_hash": pack.content_hash().0,
        "algorithm": "ed25519",
        "public_key": "00".repeat(32),
        "signature": SIGNATURE.repeat(64),
        "comment": "同意发布。",
    }))
    .expect("record");
    pack.signature = Some(record.clone());
    (pack, record)
}

fn options(now: DateTime<Utc>) -> KitOptions<'static> {
    let mut options = KitOptions::new(fonts(), now);
    options.release_at = Some(release());
    options.contact = "新闻办公室 吴志强 010-66558888".into();
    options
}

fn kit(now: DateTime<Utc>) -> KitOutput {
    let (pack, record) = signed_pack();
    media_kit(&pack, &record, &options(now)).expect("kit")
}

/// The embargoed demo kit, made once.
fn embargoed() -> &'static KitOutput {
    static KIT: OnceLock<KitOutput> = OnceLock::new();
    KIT.get_or_init(|| kit(before()))
}

/// The demo kit made after the release time, made once.
fn released() -> &'static KitOutput {
    static KIT: OnceLock<KitOutput> = OnceLock::new();
    KIT.get_or_init(|| kit(release() + chrono::Duration::hours(1)))
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let name = entry.name().expect("name").to_string();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("read");
            (name, data)
        })
        .collect()
}

fn rezip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

fn file<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a [u8] {
    &files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} in the kit"))
        .1
}

fn text(files: &[(String, Vec<u8>)], name: &str) -> String {
    String::from_utf8(file(files, name).to_vec()).expect("utf-8")
}

/// Stands in for `jiedu_core::signing::verify_record`: the hash must match, the bytes are
/// the dummy ones.
fn verifier(content: &PackContent, record: &SignRecord) -> Result<String, String> {
    if content_hash(content) != record.content_hash {
        return Err("content changed".into());
    }
    if record.signature != SIGNATURE.repeat(64) {
        return Err("bad signature".into());
    }
    Ok(format!("{} 签署", record.signer_name))
}

fn problems(result: Result<jiedu_render::KitVerification, RenderError>) -> Vec<KitProblem> {
    match result {
        Err(RenderError::KitInvalid { problems }) => problems,
        other => panic!("expected an invalid kit, got {other:?}"),
    }
}

/// The text of every `w:t` in a .docx's document part; panics on any malformed XML part.
fn docx_text(docx: &[u8]) -> String {
    let parts = unzip(docx);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    for required in [
        "[Content_Types].xml",
        "_rels/.rels",
        "word/document.xml",
        "word/_rels/document.xml.rels",
        "word/styles.xml",
    ] {
        assert!(names.contains(&required), "{required} in {names:?}");
    }
    let mut out = String::new();
    for (name, bytes) in &parts {
        let xml = std::str::from_utf8(bytes).expect("utf-8 xml");
        let mut reader = quick_xml::Reader::from_str(xml);
        let mut in_text = false;
        let mut depth = 0i32;
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Start(e)) => {
                    depth += 1;
                    in_text = e.name().as_ref() == "w:t";
                }
                Ok(quick_xml::events::Event::End(e)) => {
                    depth -= 1;
                    if e.name().as_ref() == "w:p" {
                        out.push('\n');
                    }
                    in_text = false;
                }
                Ok(quick_xml::events::Event::Text(t)) if in_text && name == "word/document.xml" => {
                    out.push_str(&t.into_inner());
                }
                Ok(quick_xml::events::Event::GeneralRef(r)) if in_text => {
                    let entity = r.into_inner();
                    let ch = match entity.as_ref() {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unexpected entity {other}"),
                    };
                    out.push(ch);
                }
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("{name} is not well-formed XML: {e}"),
            }
        }
        assert_eq!(depth, 0, "{name}: unbalanced elements");
    }
    out
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    let image = image::load_from_memory_with_format(bytes, image::ImageFormat::Png).expect("png");
    (image.width(), image.height())
}

/// Rows of the long image that are one solid colour across the whole width.
fn solid_rows(png: &[u8], rgb: [u8; 3]) -> usize {
    let image = image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .expect("png")
        .to_rgb8();
    image
        .rows()
        .filter(|row| {
            row.clone()
                .all(|p| p.0.iter().zip(rgb).all(|(a, b)| a.abs_diff(b) <= 2))
        })
        .count()
}

#[test]
fn the_kit_holds_every_file_of_the_manifest_with_its_hash() {
    let output = embargoed();
    let files = unzip(&output.bytes);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            PDF_FILE,
            OFD_FILE,
            "charts/five-openness.svg",
            "charts/five-openness-1080.png",
            "charts/five-openness-2160.png",
            "charts/key-areas.svg",
            "charts/key-areas-1080.png",
            "charts/key-areas-2160.png",
            QA_MD,
            QA_DOCX,
            PRESS_MD,
            PRESS_DOCX,
            LONG_IMAGE,
            MANIFEST_FILE,
        ]
    );
    let manifest: KitManifest =
        serde_json::from_slice(file(&files, MANIFEST_FILE)).expect("manifest");
    assert_eq!(manifest, output.manifest);
    assert_eq!(manifest.files.len(), files.len() - 1);
    for listed in &manifest.files {
        let bytes = file(&files, &listed.name);
        assert_eq!(sha256_hex(bytes), listed.sha256, "{}", listed.name);
        assert_eq!(bytes.len() as u64, listed.bytes, "{}", listed.name);
    }
    let (pack, record) = signed_pack();
    assert_eq!(manifest.pack_id, pack.id);
    assert_eq!(manifest.revision, 3);
    assert_eq!(manifest.content_hash, pack.content_hash());
    assert_eq!(manifest.signer_name, "李华");
    assert_eq!(manifest.signature, record);
    assert_eq!(manifest.release_at, Some(release()));
    assert_eq!(manifest.embargo_until, Some(release()));
    assert_eq!(manifest.generated_at, before());

    let checked = verify_kit(&output.bytes, &verifier).expect("the kit verifies");
    assert_eq!(checked.signature, "李华 签署");
    assert_eq!(checked.manifest, manifest);
}

#[test]
fn pngs_decode_at_the_stated_widths() {
    let files = unzip(&embargoed().bytes);
    for id in ["five-openness", "key-areas"] {
        let (w1, h1) = png_size(file(&files, &format!("charts/{id}-1080.png")));
        let (w2, h2) = png_size(file(&files, &format!("charts/{id}-2160.png")));
        assert_eq!((w1, w2), (1080, 2160), "{id}");
        assert!(h2.abs_diff(h1 * 2) <= 1, "{id}: {h1} and {h2}");
        let svg = text(&files, &format!("charts/{id}.svg"));
        assert!(svg.starts_with("<svg") && svg.contains("数据来源"), "{id}");
    }
    let (w, h) = png_size(file(&files, LONG_IMAGE));
    assert_eq!(w, 1080);
    assert!(h > 3000, "a long image: {h} px");
}

#[test]
fn the_docx_files_parse_back_with_the_qa_and_the_press_release() {
    let (pack, _) = signed_pack();
    let files = unzip(&embargoed().bytes);
    let qa = docx_text(file(&files, QA_DOCX));
    for pair in &pack.content.materials.qa {
        assert!(
            qa.contains(&pair.question),
            "question in qa.docx: {}",
            pair.question
        );
        let first = pair.answer.lines().next().expect("answer");
        assert!(qa.contains(first.trim()), "answer in qa.docx");
    }
    let press = docx_text(file(&files, PRESS_DOCX));
    assert!(press.starts_with(DRAFT_MARK), "{press}");
    assert!(press.contains(&pack.policy().title));
    let document = String::from_utf8(
        unzip(file(&files, PRESS_DOCX))
            .into_iter()
            .find(|(n, _)| n == "word/document.xml")
            .expect("document")
            .1,
    )
    .expect("utf-8");
    assert!(document.contains(r#"w:eastAsia="宋体""#));
    assert!(document.contains(r#"w:eastAsia="黑体""#));
}

#[test]
fn the_press_release_is_a_marked_draft_from_the_pack() {
    let (pack, _) = signed_pack();
    let files = unzip(&embargoed().bytes);
    let md = text(&files, PRESS_MD);
    assert!(md.starts_with(&format!("> **{DRAFT_MARK}**")), "{md}");
    assert!(md.contains(&format!("# 国土资源部印发《{}》", pack.policy().title)));
    assert!(
        md.contains("2026年12月1日，国土资源部印发"),
        "lead: who, what, when"
    );
    assert!(md.contains("以下简称《实施意见》"));
    let points = ["一是", "二是", "三是", "四是", "五是"];
    for p in points {
        assert!(md.contains(&format!("\n{p}")), "key point {p}");
    }
    assert!(!md.contains("\n六是"), "at most five key points");
    assert!(md.contains("新闻联系：新闻办公室 吴志强 010-66558888"));
    assert!(md.contains("发布时间：2026年12月1日 10:00（北京时间）"));
    assert!(
        md.contains(&pack.content_hash().0),
        "traceable to the signed hash"
    );
    let qa = text(&files, QA_MD);
    assert!(qa.contains(&format!("# 《{}》问答", pack.policy().title)));
    assert!(qa.contains("## 一、为什么要制定《关于全面推进政务公开工作的实施意见》？"));
}

#[test]
fn before_the_release_every_readable_file_carries_the_embargo() {
    let notice = "禁发时间：2026年12月1日 10:00（北京时间）前不得发布";
    let files = unzip(&embargoed().bytes);
    for md in [QA_MD, PRESS_MD] {
        let t = text(&files, md);
        assert!(t.contains(notice), "{md}");
        assert!(t.contains("EMBARGOED until 2026-12-01 10:00"), "{md}");
    }
    for docx in [QA_DOCX, PRESS_DOCX] {
        assert!(docx_text(file(&files, docx)).contains(notice), "{docx}");
    }
    // The long image has a full-width red embargo strip (#c0392b).
    assert!(solid_rows(file(&files, LONG_IMAGE), [0xc0, 0x39, 0x2b]) > 40);
    let manifest = &embargoed().manifest;
    assert_eq!(manifest.embargo_until, Some(release()));
    assert!(manifest
        .embargo_notice
        .as_deref()
        .is_some_and(|n| n.starts_with(notice)));
}

#[test]
fn after_the_release_no_file_carries_an_embargo() {
    let files = unzip(&released().bytes);
    for md in [QA_MD, PRESS_MD] {
        assert!(!text(&files, md).contains("禁发"), "{md}");
    }
    for docx in [QA_DOCX, PRESS_DOCX] {
        assert!(!docx_text(file(&files, docx)).contains("禁发"), "{docx}");
    }
    assert_eq!(solid_rows(file(&files, LONG_IMAGE), [0xc0, 0x39, 0x2b]), 0);
    let manifest = &released().manifest;
    assert_eq!(manifest.embargo_until, None);
    assert_eq!(manifest.embargo_notice, None);
    assert_eq!(manifest.release_at, Some(release()));
    assert!(text(&files, PRESS_MD).contains("发布时间：2026年12月1日 10:00"));
}

#[test]
fn one_changed_byte_in_any_file_is_caught_and_named() {
    let files = unzip(&embargoed().bytes);
    for i in 0..files.len() {
        let mut tampered = files.clone();
        let name = tampered[i].0.clone();
        let bytes = &mut tampered[i].1;
        let middle = bytes.len() / 2;
        bytes[middle] ^= 0x01;
        assert_file_named(&tampered, &name);
    }
}

/// Verifies the re-zipped `files` and checks that `name` is among the problems and in the
/// error message.
fn assert_file_named(files: &[(String, Vec<u8>)], name: &str) {
    let result = verify_kit(&rezip(files), &verifier);
    let message = result
        .as_ref()
        .map(|_| String::new())
        .unwrap_or_else(|e| e.to_string());
    let found = problems(result);
    assert!(found.iter().any(|p| p.file() == name), "{name}: {found:?}");
    assert!(message.contains(name), "{name} named in: {message}");
}

#[test]
fn an_ofd_with_a_changed_page_fails_the_manifest() {
    let files = unzip(&embargoed().bytes);
    let ofd = file(&files, OFD_FILE).to_vec();
    // The OFD re-packed with its first page's first line moved: a well-formed OFD still.
    let pages = unzip(&ofd);
    let changed: Vec<(String, Vec<u8>)> = pages
        .into_iter()
        .map(|(name, bytes)| {
            if name == "Doc_0/Pages/Page_0/Content.xml" {
                let text = String::from_utf8(bytes).expect("utf-8");
                assert!(text.contains("<ofd:TextCode X=\""), "the cover has text");
                let moved = text.replacen("<ofd:TextCode X=\"", "<ofd:TextCode X=\"1", 1);
                (name, moved.into_bytes())
            } else {
                (name, bytes)
            }
        })
        .collect();
    let mut tampered = files.clone();
    for (name, bytes) in &mut tampered {
        if name == OFD_FILE {
            *bytes = rezip(&changed);
        }
    }
    assert_file_named(&tampered, OFD_FILE);
}

#[test]
fn an_added_or_removed_file_is_caught_and_named() {
    let files = unzip(&embargoed().bytes);
    let mut added = files.clone();
    added.push(("charts/extra.png".into(), b"not ours".to_vec()));
    let found = problems(verify_kit(&rezip(&added), &verifier));
    assert_eq!(
        found,
        [KitProblem::Added {
            name: "charts/extra.png".into()
        }]
    );
    for name in [
        QA_DOCX,
        PDF_FILE,
        "charts/key-areas-2160.png",
        MANIFEST_FILE,
    ] {
        let removed: Vec<_> = files.iter().filter(|(n, _)| n != name).cloned().collect();
        let found = problems(verify_kit(&rezip(&removed), &verifier));
        assert!(found.iter().any(|p| p.file() == name), "{name}: {found:?}");
    }
    // A re-zipped kit with directory entries still verifies.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.add_directory("charts/", zip::write::SimpleFileOptions::default())
        .expect("dir");
    for (name, bytes) in &files {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(bytes).expect("write");
    }
    let rezipped = zip.finish().expect("finish").into_inner();
    assert!(verify_kit(&rezipped, &verifier).is_ok());
}

#[test]
fn a_damaged_archive_entry_is_named() {
    let mut bytes = embargoed().bytes.clone();
    // PNGs are stored uncompressed: flipping a byte of the long image breaks only its CRC.
    let name = LONG_IMAGE.as_bytes();
    let at = bytes
        .windows(name.len())
        .position(|w| w == name)
        .expect("local header")
        + 5000;
    bytes[at] ^= 0xff;
    let found = problems(verify_kit(&bytes, &verifier));
    assert!(found.iter().any(|p| p.file() == LONG_IMAGE), "{found:?}");
    let err = verify_kit(b"not a zip", &verifier).expect_err("not a zip");
    assert_eq!(err.code(), "kit.unreadable");
}

#[test]
fn a_pdf_with_other_content_is_caught_even_with_a_consistent_manifest() {
    let (mut pack, record) = signed_pack();
    pack.content.policy.preamble[0].push_str("（篡改）");
    let forged = jiedu_render::pdf(
        &pack,
        Some(&record),
        &PdfOptions {
            fonts: fonts(),
            generated_at: "2026-11-30 08:30 UTC".into(),
            created_unix: before().timestamp(),
            attach_record: true,
            archival: true,
            signer_unit: None,
            media: Default::default(),
            portal_base: None,
        },
    )
    .expect("pdf")
    .bytes;
    let mut files = unzip(&embargoed().bytes);
    // Swap the PDF and rewrite the manifest so that every file hash matches again.
    let mut manifest: serde_json::Value =
        serde_json::from_slice(file(&files, MANIFEST_FILE)).expect("manifest");
    manifest["files"][0]["sha256"] = sha256_hex(&forged).into();
    manifest["files"][0]["bytes"] = forged.len().into();
    let mut unsealed = manifest.clone();
    if let Some(map) = unsealed.as_object_mut() {
        map.remove("manifest_sha256");
    }
    manifest["manifest_sha256"] = sha256_hex(canonical_json(&unsealed).as_bytes()).into();
    for (name, bytes) in &mut files {
        if name == PDF_FILE {
            *bytes = forged.clone();
        } else if name == MANIFEST_FILE {
            *bytes = serde_json::to_vec_pretty(&manifest).expect("json");
        }
    }
    let found = problems(verify_kit(&rezip(&files), &verifier));
    assert!(
        matches!(&found[..], [KitProblem::Record { detail }] if detail.contains("content_hash")),
        "{found:?}"
    );
}

#[test]
fn a_failing_signature_is_reported() {
    let found = problems(verify_kit(&embargoed().bytes, &|_, _| {
        Err("签名验证失败".to_string())
    }));
    assert!(
        matches!(&found[..], [KitProblem::Signature { detail }] if detail == "签名验证失败"),
        "{found:?}"
    );
    assert_eq!(found[0].file(), PDF_FILE);
}

#[test]
fn kits_are_refused_for_unsigned_packs_and_changed_content() {
    let (mut pack, record) = signed_pack();
    for state in [
        PackState::Drafting,
        PackState::Submitted,
        PackState::Returned,
    ] {
        pack.state = state;
        let err = media_kit(&pack, &record, &options(before())).expect_err("unsigned");
        assert_eq!(err.code(), "kit.unsigned", "{state:?}");
        assert!(err.to_string().contains(state.label_zh()));
    }
    pack.state = PackState::Deployed;
    pack.content.materials.qa[0].answer.push('。');
    let err = media_kit(&pack, &record, &options(before())).expect_err("changed");
    assert_eq!(err.code(), "kit.content_changed");
    assert!(err.to_string().contains(&record.content_hash.0));
}

#[test]
fn progress_is_reported_once_per_file_and_the_files_are_reproducible() {
    let (pack, record) = signed_pack();
    let reports: RefCell<Vec<KitProgress>> = RefCell::new(Vec::new());
    let record_progress = |p: KitProgress| reports.borrow_mut().push(p);
    let mut options = options(before());
    options.progress = &record_progress;
    let output = media_kit(&pack, &record, &options).expect("kit");
    let reports = reports.into_inner();
    let names: Vec<String> = unzip(&output.bytes).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        reports.iter().map(|p| p.file.clone()).collect::<Vec<_>>(),
        names
    );
    for (i, p) in reports.iter().enumerate() {
        assert_eq!((p.done, p.total), (i + 1, names.len()));
    }

    // The same pack at the same time gives the same files. printpdf names fonts and the
    // document with ids from a process-wide counter, so only the PDF's bytes differ between
    // exports; the record it carries does not.
    let differ: Vec<&str> = output
        .manifest
        .files
        .iter()
        .zip(&embargoed().manifest.files)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.name.as_str())
        .collect();
    assert!(differ.iter().all(|f| *f == PDF_FILE), "{differ:?}");
    let record = |kit: &KitOutput| {
        let files = unzip(&kit.bytes);
        jiedu_render::embedded_record(file(&files, PDF_FILE))
            .expect("pdf")
            .expect("record")
    };
    assert_eq!(record(&output), record(embargoed()));
}

#[test]
fn cancelling_stops_between_files_and_returns_nothing() {
    let (pack, record) = signed_pack();
    let made = Cell::new(0usize);
    let count = |_: KitProgress| made.set(made.get() + 1);
    let stop_after_three = || made.get() >= 3;
    let mut options = options(before());
    options.progress = &count;
    options.cancelled = &stop_after_three;
    let err = media_kit(&pack, &record, &options).expect_err("cancelled");
    assert!(matches!(err, RenderError::Cancelled), "{err}");
    assert_eq!(err.code(), "render.cancelled");
    assert_eq!(made.get(), 3, "no file is made after the cancel");
    let stop_at_once = || true;
    options.cancelled = &stop_at_once;
    made.set(0);
    assert!(matches!(
        media_kit(&pack, &record, &options),
        Err(RenderError::Cancelled)
    ));
    assert_eq!(made.get(), 0);
}

#[test]
fn a_deployed_pack_is_embargoed_until_its_release() {
    let (mut pack, _) = signed_pack();
    assert_eq!(release_time(&pack), None);
    pack.deployment = serde_json::from_value(serde_json::json!({
        "deployed_by": "wu.zhiqiang",
        "policy_released_at": "2026-12-01T02:00:00Z",
        "interpretation_released_at": "2026-12-01T02:00:00Z",
        "channels": ["portal", "wechat"],
        "content_hash": pack.content_hash().0,
    }))
    .expect("deployment");
    assert_eq!(release_time(&pack), Some(release()));
}

/// The demo pack with its charts copied under new ids to make 20 charts.
fn twenty_chart_pack() -> (Pack, SignRecord) {
    let (mut pack, _) = signed_pack();
    let base = pack.content.materials.charts.clone();
    let mut charts = Vec::new();
    for i in 0..20 {
        let mut chart = base[i % base.len()].clone();
        chart.id = format!("{}-{}", chart.id, i + 1);
        charts.push(chart);
    }
    pack.content.materials.charts = charts;
    let (_, mut record) = signed_pack();
    record.content_hash = pack.content_hash();
    (pack, record)
}

#[test]
fn a_kit_with_twenty_charts_is_made_and_timed() {
    let (pack, record) = twenty_chart_pack();
    let started = Instant::now();
    let output = media_kit(&pack, &record, &options(before())).expect("kit");
    let elapsed = started.elapsed();
    let files = unzip(&output.bytes);
    assert_eq!(files.len(), 2 + 20 * 3 + 2 + 2 + 1 + 1);
    eprintln!(
        "media kit, 20 charts: {:.2} s ({} files, {:.1} MB)",
        elapsed.as_secs_f64(),
        files.len(),
        output.bytes.len() as f64 / 1e6
    );
    // Look at the results: JIEDU_KIT_DUMP=/tmp/kit writes the demo kit's files there.
    if let Some(dir) = std::env::var_os("JIEDU_KIT_DUMP") {
        let dir = std::path::PathBuf::from(dir);
        for (name, bytes) in unzip(&embargoed().bytes) {
            let path = dir.join(&name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, bytes).expect("write");
        }
        std::fs::write(dir.join("kit-20-charts.zip"), &output.bytes).expect("write");
    }
}
