//! A signed file verifies, keeps the original as a prefix, and keeps the catalog.

use jiedu_pades::{describe_certificate, sign_pdf, verify_pdf, PadesError, CONTENTS_RESERVE};
use lopdf::{Document, Object};

use crate::fixtures::{self, contents_gap, field, sample_pdf, sample_pdf_modern, Office};

#[test]
fn signed_file_verifies_and_starts_with_the_original() {
    let office = Office::new();
    let leader = office.person("leader");
    let original = sample_pdf(3);
    let signed = leader.sign(&original);

    assert!(signed.starts_with(&original));
    let verified = verify_pdf(&signed, office.trusted(), Some("leader")).expect("verifies");
    assert_eq!(verified.signer.name, "张伟");
    assert_eq!(verified.signer.unit, "政策研究室");
    assert_eq!(verified.signer.user_id, "u-0042");
    assert_eq!(verified.signer.role, "leader");
    assert_eq!(verified.signer.issuer_name, "解读办公室 CA");
    assert_eq!(
        verified.signing_time.as_deref(),
        Some("D:20261201093000+00'00'")
    );
    let (gap_start, gap_end) = contents_gap(&signed);
    assert_eq!(gap_end - gap_start, 2 * CONTENTS_RESERVE + 2);
    assert_eq!(verified.covered_bytes, signed.len() - (gap_end - gap_start));
}

#[test]
fn signing_keeps_catalog_entries_and_existing_annotations() {
    let office = Office::new();
    let leader = office.person("leader");
    let signed = sign_pdf(&sample_pdf(2), &leader.signer(), &field(0)).expect("signs");
    let doc = Document::load_mem(&signed).expect("lopdf reads the signed file");
    let catalog = doc.catalog().expect("catalog");
    assert!(catalog.has(b"Names"), "the embedded-file name tree is kept");
    let form = catalog
        .get(b"AcroForm")
        .and_then(Object::as_dict)
        .expect("AcroForm");
    assert_eq!(form.get(b"SigFlags").and_then(Object::as_i64).ok(), Some(3));
    let page_1 = *doc.get_pages().get(&1).expect("page 1");
    let annots = doc
        .get_dictionary(page_1)
        .and_then(|p| p.get(b"Annots"))
        .and_then(Object::as_array)
        .expect("annots");
    assert_eq!(annots.len(), 2, "the link stays and the widget is added");
    let widget = doc
        .get_dictionary(annots[1].as_reference().expect("reference"))
        .expect("widget");
    assert_eq!(
        widget.get(b"FT").and_then(Object::as_name).ok(),
        Some(&b"Sig"[..])
    );
    assert!(widget.has(b"AP"));
}

#[test]
fn file_with_xref_stream_gets_an_xref_stream_update_and_verifies() {
    let office = Office::new();
    let original = sample_pdf_modern(2);
    let signed = office.person("leader").sign(&original);
    assert!(signed.starts_with(&original));
    let update = &signed[original.len()..];
    assert!(fixtures::find(update, b"/Type /XRef") > 0);
    verify_pdf(&signed, office.trusted(), Some("leader")).expect("verifies");
}

#[test]
fn second_signature_is_the_one_verified() {
    let office = Office::new();
    let drafter = office.person("drafter");
    let leader = office.person("leader");
    let once = drafter.sign(&sample_pdf(2));
    let twice = leader.sign(&once);
    let verified = verify_pdf(&twice, office.trusted(), Some("leader")).expect("verifies");
    assert_eq!(verified.signer.role, "leader");
}

#[test]
fn chinese_subject_reads_back_from_the_certificate() {
    let office = Office::new();
    let info = describe_certificate(&office.person("leader").cert).expect("describes");
    assert_eq!(info.name, "张伟");
    assert_eq!(info.organization, "某市人民政府办公室");
    assert_eq!(info.not_before, fixtures::cert_start());
    assert_eq!(info.serial_hex.len(), 32);
    let ca = describe_certificate(&office.cert).expect("describes");
    assert_eq!(ca.name, ca.issuer_name);
}

#[test]
fn bad_requests_are_refused_before_anything_is_written() {
    let office = Office::new();
    let leader = office.person("leader");
    let pdf = sample_pdf(2);

    let mut beyond = field(1);
    beyond.page_index = 2;
    assert_eq!(
        sign_pdf(&pdf, &leader.signer(), &beyond),
        Err(PadesError::PageOutOfRange { index: 2, count: 2 })
    );

    let mut flat = field(0);
    flat.rect = [100.0, 100.0, 50.0, 120.0];
    assert_eq!(
        sign_pdf(&pdf, &leader.signer(), &flat).map_err(|e| e.code()),
        Err("pdf.invalid_field")
    );
    flat.rect = [f32::NAN, 0.0, 10.0, 10.0];
    assert_eq!(
        sign_pdf(&pdf, &leader.signer(), &flat).map_err(|e| e.code()),
        Err("pdf.invalid_field")
    );

    let other = office.person("leader");
    let mut mixed = leader.signer();
    mixed.secret = &other.secret;
    assert_eq!(
        sign_pdf(&pdf, &mixed, &field(0)).map_err(|e| e.code()),
        Err("cert.key_mismatch")
    );

    assert_eq!(
        sign_pdf(b"not a pdf", &leader.signer(), &field(0)),
        Err(PadesError::NotPdf)
    );
}
