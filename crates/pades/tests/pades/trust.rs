//! Certificates: issuer, role and validity period decide whether a valid signature counts.

use chrono::{TimeZone, Utc};
use jiedu_pades::{sign_pdf, verify_pdf, PadesError, Signer};

use crate::fixtures::{field, sample_pdf, Office};

#[test]
fn certificate_from_another_ca_with_the_same_subject_is_untrusted() {
    let office = Office::new();
    let impostor_office = Office::new();
    let impostor = impostor_office.person("leader");
    let signed = impostor.sign(&sample_pdf(2));
    // The impostor's own CA would accept it: only the trust anchor differs.
    verify_pdf(&signed, impostor_office.trusted(), Some("leader")).expect("own CA");
    assert_eq!(
        verify_pdf(&signed, office.trusted(), Some("leader")).map_err(|e| e.code()),
        Err("pdf.untrusted_certificate")
    );
    assert_eq!(
        verify_pdf(&signed, &[], Some("leader")).map_err(|e| e.code()),
        Err("pdf.untrusted_certificate")
    );
}

#[test]
fn drafter_is_not_a_leader() {
    let office = Office::new();
    let signed = office.person("drafter").sign(&sample_pdf(2));
    let trusted = office.trusted();
    assert_eq!(
        verify_pdf(&signed, trusted, Some("leader")),
        Err(PadesError::WrongRole {
            required: "leader".into(),
            found: "drafter".into()
        })
    );
    verify_pdf(&signed, trusted, Some("drafter")).expect("drafter role");
    verify_pdf(&signed, trusted, None).expect("no role required");
}

#[test]
fn certificate_expired_before_signing_is_rejected() {
    let office = Office::new();
    let from = Utc
        .with_ymd_and_hms(2024, 1, 1, 0, 0, 0)
        .single()
        .expect("valid");
    let old = office.person_valid("leader", from, 1);
    let signed = old.sign(&sample_pdf(2));
    assert_eq!(
        verify_pdf(&signed, office.trusted(), Some("leader")).map_err(|e| e.code()),
        Err("pdf.certificate_expired")
    );
}

#[test]
fn the_ca_key_cannot_sign_documents_itself() {
    let office = Office::new();
    let signer = Signer {
        secret: &office.secret,
        certificate_der: &office.cert,
        chain_der: &[],
    };
    let signed = sign_pdf(&sample_pdf(2), &signer, &field(0)).expect("signs");
    assert_eq!(
        verify_pdf(&signed, office.trusted(), None).map_err(|e| e.code()),
        Err("pdf.untrusted_certificate")
    );
}
