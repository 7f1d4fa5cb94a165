//! Packs signed before the GB/T 9704 element set was added still load, hash the same and verify.

use jiedu_core::signing::SignedRecord;
use jiedu_core::{content_hash, Colophon, DocType, PortalMetadata};

/// Signed by `crates/core` as of commit 7949087, before the new fields existed.
const SIGNED_BEFORE: &str = include_str!("fixtures/signed-before-gongwen-elements.json");

fn records() -> Vec<SignedRecord> {
    serde_json::from_str(SIGNED_BEFORE).expect("the fixture loads with today's model")
}

#[test]
fn records_signed_by_the_old_model_verify() {
    let records = records();
    assert_eq!(records.len(), 3);
    for record in &records {
        let verified = record.verify().expect("an old signature verifies");
        assert_eq!(verified.signer_id, "li.hua");
        assert_eq!(content_hash(&record.content), record.signature.content_hash);
    }
}

#[test]
fn new_fields_are_left_out_when_empty_and_count_when_set() {
    let record = records().remove(0);
    let json = serde_json::to_value(&record.content.policy).expect("serialises");
    for field in [
        "addressee",
        "colophon",
        "portal",
        "doc_type",
        "co_issuers",
        "annotation",
    ] {
        assert!(
            json.get(field).is_none(),
            "{field} must be omitted when empty"
        );
    }
    assert!(Colophon::default().is_empty() && PortalMetadata::default().is_empty());
    let mut changed = record.content.clone();
    changed.policy.addressee = "各省、自治区、直辖市人民政府".into();
    assert!(SignedRecord {
        content: changed.clone(),
        signature: record.signature.clone()
    }
    .verify()
    .is_err());
    changed.policy.addressee.clear();
    changed.policy.doc_type = Some(DocType::Notice);
    assert_ne!(content_hash(&changed), record.signature.content_hash);
}
