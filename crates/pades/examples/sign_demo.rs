//! Writes a sample PDF, its signed copy and the office CA certificate into a directory, for
//! checking the signature with other tools (`tests/interop.sh`):
//!
//! ```text
//! cargo run -p jiedu-pades --example sign_demo -- OUT_DIR
//! ```
//!
//! Output: `unsigned.pdf`, `signed.pdf` (classic xref table, like printpdf's output),
//! `signed-xref-stream.pdf` (the same page saved with a cross-reference stream), `ca.pem`,
//! `leader.pem`.

use std::{error::Error, fs, path::PathBuf};

use chrono::{TimeZone, Utc};
use jiedu_pades::{
    certificate_pem, certificate_sha256_hex, issue_signer_certificate, new_p256_secret,
    office_ca_certificate, p256_public_key, sign_pdf, verify_pdf, SignatureField, Signer, Subject,
};
use lopdf::{dictionary, xref::XrefType, Document, Object, Stream};

fn main() -> Result<(), Box<dyn Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).ok_or("usage: sign_demo OUT_DIR")?);
    fs::create_dir_all(&dir)?;

    // Real use passes the current time; fixed here so runs are comparable.
    let now = Utc
        .with_ymd_and_hms(2026, 12, 1, 9, 30, 0)
        .single()
        .ok_or("time")?;
    let ca_secret = new_p256_secret()?;
    let ca_subject = Subject {
        name: "解读办公室 CA".into(),
        organization: "某市人民政府办公室".into(),
        ..Subject::default()
    };
    let ca = office_ca_certificate(
        &ca_secret,
        &ca_subject,
        now - chrono::Duration::days(30),
        10,
    )?;
    let leader_secret = new_p256_secret()?;
    let leader_subject = Subject {
        name: "张伟".into(),
        unit: "政策研究室".into(),
        organization: "某市人民政府办公室".into(),
        user_id: "u-0042".into(),
        role: "leader".into(),
    };
    let leader = issue_signer_certificate(
        &ca_secret,
        &ca,
        &leader_subject,
        &p256_public_key(&leader_secret)?,
        now - chrono::Duration::days(1),
        2,
    )?;

    let unsigned = sample_pdf(XrefType::CrossReferenceTable)?;
    let chain = [ca.clone()];
    let signer = Signer {
        secret: &leader_secret,
        certificate_der: &leader,
        chain_der: &chain,
    };
    let field = SignatureField {
        page_index: 0,
        rect: [340.0, 60.0, 560.0, 140.0],
        signer_name: "Zhang Wei".into(),
        reason: "审签通过 Approved".into(),
        location: "Beijing".into(),
        signing_time: now,
        caption_on_page: false,
    };
    let signed = sign_pdf(&unsigned, &signer, &field)?;
    let verified = verify_pdf(&signed, std::slice::from_ref(&ca), Some("leader"))?;
    let streamed = sign_pdf(
        &sample_pdf(XrefType::CrossReferenceStream)?,
        &signer,
        &field,
    )?;
    verify_pdf(&streamed, std::slice::from_ref(&ca), Some("leader"))?;

    fs::write(dir.join("unsigned.pdf"), &unsigned)?;
    fs::write(dir.join("signed.pdf"), &signed)?;
    fs::write(dir.join("signed-xref-stream.pdf"), &streamed)?;
    fs::write(dir.join("ca.pem"), certificate_pem(&ca))?;
    fs::write(dir.join("leader.pem"), certificate_pem(&leader))?;
    println!(
        "signed {} ({} bytes, {} covered) by {} / CA {}",
        dir.join("signed.pdf").display(),
        signed.len(),
        verified.covered_bytes,
        verified.signer.name,
        certificate_sha256_hex(&ca)
    );
    Ok(())
}

fn sample_pdf(xref: XrefType) -> Result<Vec<u8>, Box<dyn Error>> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut kids = Vec::new();
    for n in 1..=2 {
        let text = format!("BT /F1 18 Tf 72 720 Td (Jiedu sample policy page {n}) Tj ET");
        let content = doc.add_object(Stream::new(dictionary! {}, text.into_bytes()));
        kids.push(Object::Reference(doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => content,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        })));
    }
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => 2 }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    doc.reference_table.cross_reference_type = xref;
    let mut out = Vec::new();
    doc.save_to(&mut out)?;
    Ok(out)
}
