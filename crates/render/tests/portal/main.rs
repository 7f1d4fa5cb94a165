//! The portal publication package: escaping of every user text, refusals that name what to
//! set, the same bytes from the same inputs, the manifest check, and headings that never skip.

use chrono::{TimeZone, Utc};
use jiedu_core::pack::{Pack, PackState, SignRecord};
use jiedu_core::publication::{PortalSettings, PublicationRecord};
use jiedu_render::{portal_package, verify_portal, FontSet, PortalOptions, RenderError};
use std::io::{Cursor, Read, Write};

fn signed_pack() -> Pack {
    let text = include_str!("../../../../resources/demo/seed-pack.json");
    let mut pack: Pack = serde_json::from_str(text).expect("demo pack");
    pack.state = PackState::Signed;
    pack.revision = 3;
    let record: SignRecord = serde_json::from_value(serde_json::json!({
        "pack_id": pack.id, "signer_id": "li.hua", "signer_name": "李华",
        "signed_at": "2026-11-28T01:30:00Z", "revision": 3,
        "content_hash": pack.content_hash().0, "algorithm": "ed25519",
        "public_key": "00".repeat(32), "signature": "5a".repeat(64), "comment": "",
    }))
    .expect("record");
    pack.signature = Some(record);
    pack
}

fn build(
    pack: &Pack,
    record: &PublicationRecord,
) -> Result<jiedu_render::PortalOutput, RenderError> {
    let settings = PortalSettings {
        org_code: "000014349".into(),
        base_path: "/zwgk/zcjd".into(),
        site_name: "演示市人民政府门户网站".into(),
        column: "政策解读".into(),
        footer: String::new(),
    };
    let options = PortalOptions {
        fonts: FontSet::bundled().expect("fonts"),
        now: Utc
            .with_ymd_and_hms(2026, 12, 2, 2, 0, 0)
            .single()
            .expect("time"),
        settings: &settings,
        record,
        supersedes: &[],
        media: Default::default(),
    };
    portal_package(pack, &options)
}

fn numbered() -> PublicationRecord {
    PublicationRecord {
        index_number: Some("000014349/2026-00007".into()),
        changes: Vec::new(),
    }
}

fn files(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(zip)).expect("zip");
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read");
            (f.name().expect("name").to_string(), data)
        })
        .collect()
}

#[test]
fn user_text_is_escaped_everywhere() {
    let mut pack = signed_pack();
    pack.content.policy.title = "关于<script>alert(1)</script>&“测试”的通知".into();
    pack.content.policy.preamble = vec!["<img src=x onerror=alert(1)>".into()];
    if let Some(q) = pack.content.materials.qa.first_mut() {
        q.answer = "答：<a href=\"javascript:alert(1)\">点此</a>".into();
    }
    pack.signature = signed_pack().signature.map(|mut s| {
        s.content_hash = pack.content_hash();
        s
    });
    let out = build(&pack, &numbered()).expect("package");
    for (name, data) in files(&out.bytes) {
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(data).expect("utf-8");
        assert!(!html.contains("<script"), "{name}");
        assert!(!html.contains("<img src=x"), "{name}");
        assert!(!html.contains("href=\"javascript:"), "{name}");
        assert!(
            html.contains("&lt;script&gt;"),
            "{name} shows the text as text"
        );
    }
}

#[test]
fn an_unsigned_pack_or_one_without_an_index_number_is_refused_by_field() {
    let mut pack = signed_pack();
    let err = build(&pack, &PublicationRecord::default()).expect_err("no 索引号");
    assert!(
        matches!(&err, RenderError::PortalNotReady { field, .. } if field == "portal.org_code"),
        "{err}"
    );
    assert!(err.to_string().contains("组织机构代码"), "{err}");
    pack.signature = None;
    let err = build(&pack, &numbered()).expect_err("unsigned");
    assert!(
        matches!(&err, RenderError::PortalNotReady { field, .. } if field == "state"),
        "{err}"
    );
}

#[test]
fn the_same_inputs_give_the_same_bytes_and_the_manifest_names_an_added_file() {
    let pack = signed_pack();
    let a = build(&pack, &numbered()).expect("package");
    let b = build(&pack, &numbered()).expect("package");
    assert_eq!(a.bytes, b.bytes);
    assert_eq!(a.manifest.base_path, "/zwgk/zcjd/");
    assert_eq!(
        a.manifest.pages[0].url,
        "/zwgk/zcjd/seed-openness/policy.html"
    );
    verify_portal(&a.bytes).expect("intact");

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, data) in files(&a.bytes) {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(&data).expect("write");
    }
    zip.start_file("extra.html", zip::write::SimpleFileOptions::default())
        .expect("start");
    zip.write_all(b"<p>x</p>").expect("write");
    let added = zip.finish().expect("finish").into_inner();
    match verify_portal(&added) {
        Err(RenderError::PortalInvalid { problems }) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].file(), "extra.html");
        }
        other => panic!("expected the added file to be named: {other:?}"),
    }
}

#[test]
fn headings_never_skip_a_level() {
    let out = build(&signed_pack(), &numbered()).expect("package");
    for (name, data) in files(&out.bytes) {
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(data).expect("utf-8");
        let mut last = 0;
        for part in html.split("<h").skip(1) {
            let Some(level) = part.chars().next().and_then(|c| c.to_digit(10)) else {
                continue;
            };
            assert!(level <= last + 1, "{name}: h{last} then h{level}");
            last = level;
        }
        assert_eq!(html.matches("<h1>").count(), 1, "{name}");
    }
}
