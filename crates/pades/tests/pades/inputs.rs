//! Inputs that are not signed PDFs at all, and the key and error helpers.

use jiedu_pades::{
    certificate_pem, certificate_sha256_hex, issue_signer_certificate, new_p256_secret,
    p256_public_key, sign_pdf, verify_pdf, PadesError,
};

use crate::fixtures::{cert_start, field, find, person_subject, sample_pdf, Office};

#[test]
fn unsigned_pdf_is_unsigned() {
    let office = Office::new();
    assert_eq!(
        verify_pdf(&sample_pdf(2), office.trusted(), None),
        Err(PadesError::Unsigned)
    );
}

#[test]
fn random_bytes_are_not_a_pdf() {
    let mut state: u32 = 12345;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (state >> 16) as u8
        })
        .collect();
    assert_eq!(verify_pdf(&bytes, &[], None), Err(PadesError::NotPdf));
    assert_eq!(verify_pdf(&[], &[], None), Err(PadesError::NotPdf));
}

#[test]
fn header_with_garbage_after_it_is_malformed() {
    assert_eq!(
        verify_pdf(b"%PDF-1.7\n garbage", &[], None).map_err(|e| e.code()),
        Err("pdf.malformed")
    );
}

/// The sample PDF with an /Encrypt entry in its trailer (offsets unchanged: the trailer is last).
fn encrypted_looking_pdf() -> Vec<u8> {
    let pdf = sample_pdf(2);
    let at = find(&pdf, b"trailer") + b"trailer".len();
    let mut out = pdf[..at].to_vec();
    out.extend_from_slice(b"\n<< /Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>");
    let dict_start = at + pdf[at..].iter().position(|&b| b == b'<').expect("<<") + 2;
    out.extend_from_slice(&pdf[dict_start..]);
    out
}

#[test]
fn encrypted_pdf_is_reported_as_encrypted() {
    let office = Office::new();
    let pdf = encrypted_looking_pdf();
    assert_eq!(
        verify_pdf(&pdf, office.trusted(), None),
        Err(PadesError::Encrypted)
    );
    let leader = office.person("leader");
    assert_eq!(
        sign_pdf(&pdf, &leader.signer(), &field(0)),
        Err(PadesError::Encrypted)
    );
}

#[test]
fn keys_are_p256_and_bad_secrets_are_refused() {
    let secret = new_p256_secret().expect("secret");
    let public = p256_public_key(&secret).expect("public");
    assert_eq!(public.len(), 65);
    assert_eq!(public[0], 0x04);
    assert_ne!(new_p256_secret().expect("secret"), secret);
    assert_eq!(p256_public_key(&[0; 32]), Err(PadesError::InvalidKey));
    assert_eq!(p256_public_key(&[0xff; 32]), Err(PadesError::InvalidKey));
}

#[test]
fn certificates_need_a_matching_ca_key_a_name_and_a_valid_key() {
    let office = Office::new();
    let other = new_p256_secret().expect("secret");
    let public = p256_public_key(&other).expect("public");
    let subject = person_subject("leader");
    let issue = |ca_secret: &[u8; 32], subject, public: &[u8], years| {
        issue_signer_certificate(
            ca_secret,
            &office.cert,
            subject,
            public,
            cert_start(),
            years,
        )
        .map_err(|e| e.code())
    };
    assert_eq!(
        issue(&other, &subject, &public, 2),
        Err("cert.key_mismatch")
    );
    let mut nameless = subject.clone();
    nameless.name = " ".into();
    assert_eq!(
        issue(&office.secret, &nameless, &public, 2),
        Err("cert.invalid_subject")
    );
    assert_eq!(
        issue(&office.secret, &subject, &public[..30], 2),
        Err("key.invalid_public")
    );
    assert_eq!(
        issue(&office.secret, &subject, &public, 0),
        Err("cert.invalid_validity")
    );
    assert!(issue(&office.secret, &subject, &public, 2).is_ok());
}

#[test]
fn pem_and_fingerprint_have_the_usual_shape() {
    let office = Office::new();
    let pem = certificate_pem(&office.cert);
    assert!(pem.starts_with("-----BEGIN CERTIFICATE-----\n"));
    assert!(pem.ends_with("-----END CERTIFICATE-----\n"));
    assert!(pem.lines().all(|l| l.len() <= 64));
    let fingerprint = certificate_sha256_hex(&office.cert);
    assert_eq!(fingerprint.len(), 64);
    assert!(fingerprint.bytes().all(|b| b.is_ascii_hexdigit()));
}

#[test]
fn errors_have_stable_codes_and_bilingual_messages() {
    let error = PadesError::ModifiedAfterSigning { extra_bytes: 1234 };
    assert_eq!(error.code(), "pdf.modified_after_signing");
    assert_eq!(
        error.to_string(),
        "签名之后文件被修改（签名范围之后追加了 1234 字节）。The file was modified after signing: 1234 bytes follow the signed range."
    );
    assert_eq!(PadesError::Unsigned.code(), "pdf.unsigned");
    assert_eq!(PadesError::DigestMismatch.code(), "pdf.digest_mismatch");
    assert_eq!(PadesError::BadSignature.code(), "pdf.bad_signature");
    assert_eq!(PadesError::NotPdf.code(), "pdf.not_pdf");
    assert_eq!(PadesError::Encrypted.code(), "pdf.encrypted");
}

#[test]
fn deeply_nested_objects_do_not_overflow_the_stack() {
    let pdf = sample_pdf(1);
    let prev = std::str::from_utf8(&pdf[find(&pdf, b"startxref")..])
        .expect("ascii")
        .split_whitespace()
        .nth(1)
        .expect("offset")
        .to_owned();
    let root = find(&pdf, b"/Root");
    let root_ref = std::str::from_utf8(&pdf[root + 6..root + 20])
        .expect("ascii")
        .split(" R")
        .next()
        .expect("reference")
        .to_owned();
    // A well-formed incremental update whose one object is 100 000 nested arrays.
    let mut evil = pdf.clone();
    let object_at = evil.len();
    evil.extend_from_slice(b"99 0 obj\n");
    evil.extend(std::iter::repeat_n(b'[', 100_000));
    evil.extend(std::iter::repeat_n(b']', 100_000));
    evil.extend_from_slice(b"\nendobj\n");
    let xref_at = evil.len();
    evil.extend_from_slice(
        format!(
            "xref\n99 1\n{object_at:010} 00000 n \ntrailer\n<< /Size 100 /Root {root_ref} R /Prev {prev} >>\nstartxref\n{xref_at}\n%%EOF\n"
        )
        .as_bytes(),
    );
    let result = verify_pdf(&evil, &[], None);
    assert!(
        matches!(
            result,
            Err(PadesError::Unsigned | PadesError::Malformed { .. })
        ),
        "{result:?}"
    );
}
