//! The PAdES signature of a signed pack's PDF: every tampered copy fails `jiedu verify`, named
//! by the check that failed. The copies, the original and the office CA are also written to
//! `test-artifacts/signed-pdf/`, where scripts/check-signed-pdfs.sh has poppler's pdfsig and
//! pyHanko judge the same files.

use super::workflow::{act, export_pdf as export, json, ok, run};
use lopdf::{Document, IncrementalDocument, Object};
use serde_json::Value;
use std::path::{Path, PathBuf};

const PASS: &str = "jiedu-demo";
const RELEASED: &str = "seed-openness-released";

/// The verdict of `jiedu verify --json` on a file: exit code and the first failed check's code.
fn verdict(db: &Path, file: &Path) -> (Option<i32>, String) {
    let o = run(db, &["--json", "verify", file.to_str().expect("path")]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!err.contains("panicked"), "{err}");
    let code = serde_json::from_slice::<Value>(&o.stdout)
        .ok()
        .and_then(|v| {
            v["checks"]
                .as_array()
                .and_then(|c| c.iter().find(|c| c["status"] == "fail"))
                .and_then(|c| c["code"].as_str().map(str::to_string))
                .or_else(|| v["error"]["code"].as_str().map(str::to_string))
        })
        .unwrap_or_default();
    (o.status.code(), code)
}

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-artifacts/signed-pdf");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("artifacts folder");
    dir
}

/// Where the /Contents hex string of the (last) signature starts and ends.
fn contents_gap(pdf: &[u8]) -> (usize, usize) {
    let key = b"/Contents <";
    let start = pdf
        .windows(key.len())
        .rposition(|w| w == key)
        .expect("a /Contents hex string")
        + key.len()
        - 1;
    let end = start
        + pdf[start..]
            .iter()
            .position(|b| *b == b'>')
            .expect("its end")
        + 1;
    (start, end)
}

/// The stream of the first page's content, as an object id.
fn first_content(doc: &Document) -> lopdf::ObjectId {
    let page = *doc.get_pages().get(&1).expect("page 1");
    doc.get_page_contents(page)[0]
}

#[test]
fn a_signed_pdf_verifies_and_every_tampered_copy_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = super::demo_db(dir.path());
    let out = artifacts();
    let original = export(&db, RELEASED, &out.join("original.pdf"));
    let ca = out.join("office-ca.pem");
    ok(run(
        &db,
        &["user", "export-ca", "--out", ca.to_str().expect("path")],
    ));
    assert_eq!(
        verdict(&db, &out.join("original.pdf")),
        (Some(0), String::new())
    );
    // Offline, with only the CA file, the same holds.
    let offline = run(
        &dir.path().join("no-such.db"),
        &[
            "verify",
            "--office-ca",
            ca.to_str().expect("path"),
            out.join("original.pdf").to_str().expect("path"),
        ],
    );
    assert_eq!(
        offline.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&offline.stdout)
    );

    // A second signed pack, to take a page from.
    ok(act(&db, "zhang.wei", PASS, &["submit", "seed-openness"]));
    ok(act(&db, "li.hua", PASS, &["sign", "seed-openness"]));
    let other = export(&db, "seed-openness", &dir.path().join("other.pdf"));

    let mut cases: Vec<(&str, Vec<u8>, &str)> = Vec::new();

    // Two bytes swapped in a page's content stream (two glyph ids exchanged).
    let doc = Document::load_mem(&original).expect("loads");
    let content = doc
        .get_object(first_content(&doc))
        .expect("content")
        .as_stream()
        .expect("stream");
    let data = &content.content;
    let at = original
        .windows(data.len().min(64))
        .position(|w| w == &data[..data.len().min(64)])
        .expect("the content stream's bytes in the file");
    let mut swapped = original.clone();
    let (i, j) = (at + data.len() / 2, at + data.len() / 2 + 1);
    assert_ne!(swapped[i], swapped[j], "pick two different bytes");
    swapped.swap(i, j);
    cases.push(("swapped-glyphs", swapped, "pdf.digest_mismatch"));

    // A page's content replaced by the same page of the other signed pack (the file rewritten).
    let mut doc = Document::load_mem(&original).expect("loads");
    let theirs = Document::load_mem(&other).expect("loads");
    let their_stream = theirs
        .get_object(first_content(&theirs))
        .expect("content")
        .clone();
    let mine = first_content(&doc);
    doc.objects.insert(mine, their_stream);
    let mut replaced = Vec::new();
    doc.save_to(&mut replaced).expect("save");
    cases.push(("page-from-another-pack", replaced, ""));

    // The attached record replaced by the other pack's.
    let record = jiedu_render::embedded_record(&other)
        .expect("readable")
        .expect("record");
    let swapped_record = jiedu_render::record::embed_record(&original, &record).expect("embed");
    cases.push(("record-replaced", swapped_record, ""));

    // An incremental update appended after signing that changes a page.
    let prev = Document::load_mem(&original).expect("loads");
    let page = *prev.get_pages().get(&1).expect("page 1");
    let mut update = IncrementalDocument::create_from(original.clone(), prev);
    update
        .opt_clone_object_to_new_document(page)
        .expect("clone page");
    update
        .new_document
        .get_object_mut(page)
        .and_then(Object::as_dict_mut)
        .expect("page dict")
        .set("Rotate", 180);
    let mut appended = Vec::new();
    update.save_to(&mut appended).expect("save");
    cases.push(("incremental-update", appended, "pdf.modified_after_signing"));

    // A signature by someone who is not a certified leader: a drafter's own CA and certificate.
    let draft = export(&db, "draft-land-notice", &dir.path().join("draft.pdf"));
    let rogue_ca_key = jiedu_pades::new_p256_secret().expect("key");
    let subject = |name: &str, role: &str| jiedu_pades::Subject {
        name: name.into(),
        unit: "办公厅".into(),
        organization: "办公厅".into(),
        user_id: "zhang.wei".into(),
        role: role.into(),
    };
    let now = chrono::Utc::now() - chrono::Duration::hours(1);
    let rogue_ca =
        jiedu_pades::office_ca_certificate(&rogue_ca_key, &subject("假 CA", "office-ca"), now, 1)
            .expect("rogue CA");
    let drafter_key = jiedu_pades::new_p256_secret().expect("key");
    let public = jiedu_pades::p256_public_key(&drafter_key).expect("public");
    let cert = jiedu_pades::issue_signer_certificate(
        &rogue_ca_key,
        &rogue_ca,
        &subject("张伟", "drafter"),
        &public,
        now,
        1,
    )
    .expect("certificate");
    let chain = [rogue_ca];
    let forged = jiedu_pades::sign_pdf(
        &draft,
        &jiedu_pades::Signer {
            secret: &drafter_key,
            certificate_der: &cert,
            chain_der: &chain,
        },
        &jiedu_pades::SignatureField {
            page_index: 0,
            rect: [300.0, 100.0, 500.0, 160.0],
            signer_name: "张伟".into(),
            reason: "forged".into(),
            location: "办公厅".into(),
            signing_time: chrono::Utc::now(),
            caption_on_page: false,
        },
    )
    .expect("sign");
    cases.push(("not-a-leader", forged, "pdf.untrusted_certificate"));

    for (name, bytes, code) in &cases {
        let file = out.join(format!("tampered-{name}.pdf"));
        std::fs::write(&file, bytes).expect("write");
        let (exit, found) = verdict(&db, &file);
        assert_eq!(exit, Some(1), "{name}: {found}");
        assert!(found.starts_with("pdf."), "{name}: failed on {found}");
        if !code.is_empty() {
            assert_eq!(found, *code, "{name}");
        }
    }

    // Single bytes flipped through the signed ranges, 5% to 95% of the file.
    let (gap_start, gap_end) = contents_gap(&original);
    for percent in (5..=95).step_by(5) {
        let mut at = original.len() * percent / 100;
        if (gap_start..gap_end).contains(&at) {
            at = gap_end + 1;
        }
        let mut flipped = original.clone();
        flipped[at] ^= 0x01;
        let file = dir.path().join("flipped.pdf");
        std::fs::write(&file, &flipped).expect("write");
        let (exit, found) = verdict(&db, &file);
        assert_ne!(
            exit,
            Some(0),
            "byte {at} ({percent}%) flipped still verifies"
        );
        assert!(!found.is_empty(), "byte {at}: no failure named");
    }
}

#[test]
fn bad_input_gets_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = super::demo_db(dir.path());
    let signed = export(&db, RELEASED, &dir.path().join("signed.pdf"));
    let truncated = dir.path().join("truncated.pdf");
    std::fs::write(&truncated, &signed[..signed.len() / 2]).expect("write");
    let encrypted = dir.path().join("encrypted.pdf");
    let mut enc = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R /Encrypt 2 0 R >>\n%%EOF\n".to_vec();
    enc.extend_from_slice(b"");
    std::fs::write(&encrypted, &enc).expect("write");
    let not_pdf = dir.path().join("notes.pdf");
    std::fs::write(&not_pdf, "这不是 PDF").expect("write");
    for file in [&truncated, &encrypted, &not_pdf] {
        let o = run(&db, &["verify", file.to_str().expect("path")]);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        let text = format!("{err}{}", String::from_utf8_lossy(&o.stdout));
        assert_ne!(o.status.code(), Some(0), "{}", file.display());
        assert!(!err.contains("panicked"), "{err}");
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        assert!(
            text.contains(name) || o.status.code() == Some(1),
            "{name} not named: {text}"
        );
    }
    let v = json(&run(
        &db,
        &["--json", "verify", truncated.to_str().expect("path")],
    ));
    assert!(v.is_object());
}
