//! Test PDFs, an office CA and people with certificates.

use chrono::{DateTime, TimeZone, Utc};
use jiedu_pades::{
    issue_signer_certificate, new_p256_secret, office_ca_certificate, p256_public_key, sign_pdf,
    SignatureField, Signer, Subject,
};
use lopdf::{dictionary, xref::XrefType, Document, Object, Stream, StringFormat};

/// The text on page `n` (1-based); tests search for it in the signed bytes.
pub fn page_text(n: usize) -> String {
    format!("Policy interpretation page {n}")
}

/// A small PDF with `pages` text pages, an embedded-file name tree and a link on page 1,
/// with a classic xref table as printpdf writes it.
pub fn sample_pdf(pages: usize) -> Vec<u8> {
    let mut doc = sample_document(pages);
    doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

/// The same document written with a cross-reference stream and object streams.
pub fn sample_pdf_modern(pages: usize) -> Vec<u8> {
    let mut doc = sample_document(pages);
    let mut out = Vec::new();
    doc.save_modern(&mut out).expect("save");
    out
}

fn sample_document(pages: usize) -> Document {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut kids = Vec::new();
    for n in 1..=pages {
        let content = format!("BT /F1 18 Tf 72 720 Td ({}) Tj ET", page_text(n));
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.into_bytes()));
        let mut page = dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Contents" => content_id,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
        };
        if n == 1 {
            let link = doc.add_object(dictionary! {
                "Type" => "Annot", "Subtype" => "Link",
                "Rect" => vec![72.into(), 700.into(), 200.into(), 720.into()],
                "Border" => vec![0.into(), 0.into(), 0.into()],
            });
            page.set("Annots", vec![Object::Reference(link)]);
        }
        kids.push(Object::Reference(doc.add_object(page)));
    }
    let count = i64::try_from(kids.len()).expect("few pages");
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    // Stands in for Jiedu's embedded signed record, which signing must keep.
    let record = doc.add_object(Stream::new(
        dictionary! { "Type" => "EmbeddedFile" },
        b"{\"record\":true}".to_vec(),
    ));
    let filespec = doc.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => Object::string_literal("record.json"),
        "EF" => dictionary! { "F" => record },
    });
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
        "Names" => dictionary! { "EmbeddedFiles" => dictionary! {
            "Names" => vec![Object::String(b"record.json".to_vec(), StringFormat::Literal), filespec.into()],
        } },
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set(
        "ID",
        vec![
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
            Object::String(vec![1; 16], StringFormat::Hexadecimal),
        ],
    );
    doc
}

/// 2026-01-01 00:00 UTC: the start of every test certificate.
pub fn cert_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("valid")
}

/// 2026-12-01 09:30 UTC: when test documents are signed.
pub fn signing_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 30, 0)
        .single()
        .expect("valid")
}

/// An office CA.
pub struct Office {
    pub secret: [u8; 32],
    pub cert: Vec<u8>,
}

impl Office {
    pub fn new() -> Self {
        let secret = new_p256_secret().expect("secret");
        let subject = Subject {
            name: "解读办公室 CA".into(),
            organization: "某市人民政府办公室".into(),
            ..Subject::default()
        };
        let cert = office_ca_certificate(&secret, &subject, cert_start(), 10).expect("CA");
        Self { secret, cert }
    }

    /// A person with role `role`, their certificate valid from `from` for `years`.
    pub fn person_valid(&self, role: &str, from: DateTime<Utc>, years: u32) -> Person {
        let secret = new_p256_secret().expect("secret");
        let public = p256_public_key(&secret).expect("public key");
        let cert = issue_signer_certificate(
            &self.secret,
            &self.cert,
            &person_subject(role),
            &public,
            from,
            years,
        )
        .expect("signer certificate");
        Person {
            secret,
            cert,
            chain: vec![self.cert.clone()],
        }
    }

    /// The trust anchors for `verify_pdf`: this CA alone.
    pub fn trusted(&self) -> &[Vec<u8>] {
        std::slice::from_ref(&self.cert)
    }

    pub fn person(&self, role: &str) -> Person {
        self.person_valid(role, cert_start(), 2)
    }
}

pub fn person_subject(role: &str) -> Subject {
    Subject {
        name: "张伟".into(),
        unit: "政策研究室".into(),
        organization: "某市人民政府办公室".into(),
        user_id: "u-0042".into(),
        role: role.into(),
    }
}

/// A signer: key, certificate and chain.
pub struct Person {
    pub secret: [u8; 32],
    pub cert: Vec<u8>,
    pub chain: Vec<Vec<u8>>,
}

impl Person {
    pub fn signer(&self) -> Signer<'_> {
        Signer {
            secret: &self.secret,
            certificate_der: &self.cert,
            chain_der: &self.chain,
        }
    }

    pub fn sign(&self, pdf: &[u8]) -> Vec<u8> {
        sign_pdf(pdf, &self.signer(), &field(1)).expect("sign")
    }
}

/// A visible field on page `page_index`.
pub fn field(page_index: usize) -> SignatureField {
    SignatureField {
        page_index,
        rect: [340.0, 60.0, 560.0, 140.0],
        signer_name: "张伟".into(),
        reason: "审签通过".into(),
        location: "Beijing".into(),
        signing_time: signing_time(),
        caption_on_page: false,
    }
}

/// Where the /Contents hex string (the ByteRange gap) is: `<` to just after `>`.
pub fn contents_gap(signed: &[u8]) -> (usize, usize) {
    let marker = b"/Contents <";
    let start = signed
        .windows(marker.len())
        .rposition(|w| w == marker)
        .expect("contents")
        + marker.len()
        - 1;
    let len = signed[start..]
        .iter()
        .position(|&b| b == b'>')
        .expect("end of contents")
        + 1;
    (start, start + len)
}

/// Offset of the first occurrence of `needle`.
pub fn find(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len())
        .position(|w| w == needle)
        .expect("needle present")
}
