//! Signing policy and interpretation in one act (同步审签), and checking a signature later
//! without any database.
//!
//! The leader's Ed25519 key signs a small canonical message: a domain prefix and the canonical
//! JSON of the pack id, revision, content hash, signer, time and comment. The content hash
//! covers the exact policy, plan and materials ([`crate::hash`]), so a signature covers both
//! halves of the pack at once, and any later edit, however small, no longer matches it.

use crate::hash::{canonical_json, content_hash, ContentHash};
use crate::pack::{PackContent, SignRecord};
use crate::people::User;
use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// The algorithm name written into every [`SignRecord`].
pub const ALGORITHM: &str = "ed25519";

/// Domain separation: a Jiedu signature can never be mistaken for a signature over anything else.
const MESSAGE_PREFIX: &[u8] = b"jiedu-sign-v1\n";

/// What one act of signing covers, besides the key.
#[derive(Debug, Clone)]
pub struct SignInput<'a> {
    /// The pack.
    pub pack_id: &'a str,
    /// Its current revision.
    pub revision: i64,
    /// Its current content: the hash is computed here, from exactly what is signed.
    pub content: &'a PackContent,
    /// The signer.
    pub signer: &'a User,
    /// When.
    pub signed_at: DateTime<Utc>,
    /// The leader's comment.
    pub comment: &'a str,
}

/// The bytes an Ed25519 signature covers for this record.
pub fn signing_message(record: &SignRecord) -> Vec<u8> {
    let fields = json!({
        "pack_id": record.pack_id,
        "revision": record.revision,
        "content_hash": record.content_hash.0,
        "signer_id": record.signer_id,
        "signer_name": record.signer_name,
        "signed_at": record.signed_at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        "comment": record.comment,
        "algorithm": record.algorithm,
    });
    let mut message = MESSAGE_PREFIX.to_vec();
    message.extend_from_slice(canonical_json(&fields).as_bytes());
    message
}

/// The public key of a secret key, as hex.
pub fn public_key_hex(secret_key: &[u8; 32]) -> String {
    hex::encode(
        SigningKey::from_bytes(secret_key)
            .verifying_key()
            .to_bytes(),
    )
}

/// Signs the content with the signer's secret key and returns the complete record.
pub fn sign(secret_key: &[u8; 32], input: SignInput<'_>) -> SignRecord {
    let key = SigningKey::from_bytes(secret_key);
    let mut record = SignRecord {
        pack_id: input.pack_id.to_string(),
        signer_id: input.signer.id.clone(),
        signer_name: input.signer.name.clone(),
        // Microseconds: the precision of every time the store writes.
        signed_at: input.signed_at.trunc_subsecs(6),
        revision: input.revision,
        content_hash: content_hash(input.content),
        algorithm: ALGORITHM.to_string(),
        public_key: hex::encode(key.verifying_key().to_bytes()),
        signature: String::new(),
        comment: input.comment.to_string(),
    };
    let signature: Signature = key.sign(&signing_message(&record));
    record.signature = hex::encode(signature.to_bytes());
    record
}

/// A signature that checked out: who signed what, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VerifiedSignature {
    /// The pack.
    pub pack_id: String,
    /// The revision signed.
    pub revision: i64,
    /// The content hash signed, equal to the hash of the content presented.
    pub content_hash: ContentHash,
    /// The signer's id.
    pub signer_id: String,
    /// The signer's name.
    pub signer_name: String,
    /// When.
    pub signed_at: DateTime<Utc>,
    /// The public key that verified the signature, hex.
    pub public_key: String,
    /// The leader's comment.
    pub comment: String,
}

/// Why a signature does not check out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// The record names an algorithm Jiedu does not use.
    #[error("签名算法“{algorithm}”不受支持（应为 ed25519）。\nUnsupported signature algorithm {algorithm} (expected ed25519).")]
    Algorithm {
        /// The algorithm named.
        algorithm: String,
    },
    /// The content is not what was signed.
    #[error("内容与审签时不一致：签名覆盖的内容哈希为 {signed}，当前内容的哈希为 {actual}。审签后内容被改动过。\nThe content is not what was signed: the signature covers {signed}, the content hashes to {actual}. It was changed after signing.")]
    ContentChanged {
        /// The hash in the record.
        signed: String,
        /// The hash of the content presented.
        actual: String,
    },
    /// The public key is not a valid Ed25519 key.
    #[error("签名记录中的公钥无效。\nThe public key in the signature record is not valid.")]
    PublicKey,
    /// The signature is not 64 bytes of hex.
    #[error("签名记录中的签名值格式无效。\nThe signature in the record is malformed.")]
    Malformed,
    /// The signature does not verify: the record was altered, or another key signed.
    #[error("签名验证失败：签名记录（签署人、时间、内容哈希或意见）被改动，或并非由该公钥签署。\nThe signature does not verify: the record (signer, time, content hash or comment) was altered, or another key signed it.")]
    Invalid,
}

impl VerifyError {
    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            VerifyError::Algorithm { .. } => "verify.algorithm",
            VerifyError::ContentChanged { .. } => "verify.content_changed",
            VerifyError::PublicKey => "verify.public_key",
            VerifyError::Malformed => "verify.malformed",
            VerifyError::Invalid => "verify.invalid",
        }
    }
}

/// Checks the record's signature alone: it was made by the embedded public key over exactly
/// these record fields.
pub fn verify_signature(record: &SignRecord) -> Result<(), VerifyError> {
    if record.algorithm != ALGORITHM {
        return Err(VerifyError::Algorithm {
            algorithm: record.algorithm.clone(),
        });
    }
    let key_bytes: [u8; 32] = hex::decode(&record.public_key)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(VerifyError::PublicKey)?;
    let key = VerifyingKey::from_bytes(&key_bytes).map_err(|_| VerifyError::PublicKey)?;
    let signature_bytes: [u8; 64] = hex::decode(&record.signature)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(VerifyError::Malformed)?;
    let signature = Signature::from_bytes(&signature_bytes);
    key.verify_strict(&signing_message(record), &signature)
        .map_err(|_| VerifyError::Invalid)
}

/// Verifies that `record` signs exactly `content`: recomputes the content hash, compares it with
/// the signed one, and checks the Ed25519 signature with the embedded public key.
pub fn verify_record(
    content: &PackContent,
    record: &SignRecord,
) -> Result<VerifiedSignature, VerifyError> {
    let actual = content_hash(content);
    if actual != record.content_hash {
        return Err(VerifyError::ContentChanged {
            signed: record.content_hash.0.clone(),
            actual: actual.0,
        });
    }
    verify_signature(record)?;
    Ok(VerifiedSignature {
        pack_id: record.pack_id.clone(),
        revision: record.revision,
        content_hash: actual,
        signer_id: record.signer_id.clone(),
        signer_name: record.signer_name.clone(),
        signed_at: record.signed_at,
        public_key: record.public_key.clone(),
        comment: record.comment.clone(),
    })
}

/// A signed pack as exported: the content and the signature over it, verifiable with no
/// database. This JSON is what an exported PDF or media kit embeds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignedRecord {
    /// The signed content.
    pub content: PackContent,
    /// The signature over it.
    pub signature: SignRecord,
}

impl SignedRecord {
    /// Verifies the record: see [`verify_record`].
    pub fn verify(&self) -> Result<VerifiedSignature, VerifyError> {
        verify_record(&self.content, &self.signature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::Role;
    use chrono::TimeZone;

    const SECRET: [u8; 32] = [7; 32];

    fn leader() -> User {
        User {
            id: "li.hua".into(),
            name: "李华".into(),
            unit_id: "general-office".into(),
            role: Role::Leader,
        }
    }

    fn content() -> PackContent {
        let mut c = PackContent::default();
        c.policy.title = "关于全面推进政务公开工作的实施意见".into();
        c.policy.preamble = vec!["为贯彻落实……制定本实施意见。".into()];
        c
    }

    fn signed(content: &PackContent) -> SignRecord {
        sign(
            &SECRET,
            SignInput {
                pack_id: "seed-openness",
                revision: 3,
                content,
                signer: &leader(),
                signed_at: Utc
                    .with_ymd_and_hms(2026, 11, 28, 9, 30, 0)
                    .single()
                    .expect("time"),
                comment: "同意发布。",
            },
        )
    }

    #[test]
    fn a_fresh_signature_verifies_and_says_who_signed_what() {
        let c = content();
        let record = signed(&c);
        assert_eq!(record.algorithm, "ed25519");
        assert_eq!(record.public_key, public_key_hex(&SECRET));
        assert_eq!(record.signature.len(), 128);
        let ok = verify_record(&c, &record).expect("verifies");
        assert_eq!(ok.signer_name, "李华");
        assert_eq!(ok.pack_id, "seed-openness");
        assert_eq!(ok.revision, 3);
        assert_eq!(ok.content_hash, content_hash(&c));
    }

    #[test]
    fn one_changed_character_of_content_is_caught() {
        let c = content();
        let record = signed(&c);
        let mut tampered = c.clone();
        tampered.policy.preamble[0] = tampered.policy.preamble[0].replace('贯', "惯");
        let err = verify_record(&tampered, &record).expect_err("changed");
        assert_eq!(err.code(), "verify.content_changed");
        assert!(err.to_string().contains(&record.content_hash.0));
    }

    #[test]
    fn altering_any_signed_field_of_the_record_breaks_the_signature() {
        let c = content();
        let good = signed(&c);
        let alterations: Vec<fn(&mut SignRecord)> = vec![
            |r| r.pack_id = "other-pack".into(),
            |r| r.revision += 1,
            |r| r.signer_id = "zhang.wei".into(),
            |r| r.signer_name = "张伟".into(),
            |r| r.signed_at += chrono::Duration::seconds(1),
            |r| r.comment = "不同意。".into(),
        ];
        for alter in alterations {
            let mut r = good.clone();
            alter(&mut r);
            assert_eq!(verify_record(&c, &r), Err(VerifyError::Invalid), "{r:?}");
        }
        let mut other_key = good.clone();
        other_key.public_key = public_key_hex(&[9; 32]);
        assert_eq!(verify_record(&c, &other_key), Err(VerifyError::Invalid));
        let mut bad_hex = good.clone();
        bad_hex.signature = "zz".into();
        assert_eq!(verify_record(&c, &bad_hex), Err(VerifyError::Malformed));
        let mut rsa = good;
        rsa.algorithm = "rsa".into();
        assert_eq!(
            verify_record(&c, &rsa).map(|_| ()).expect_err("alg").code(),
            "verify.algorithm"
        );
    }

    #[test]
    fn a_signed_record_survives_json_and_still_verifies() {
        let c = content();
        let record = SignedRecord {
            signature: signed(&c),
            content: c,
        };
        let text = serde_json::to_string_pretty(&record).expect("json");
        let back: SignedRecord = serde_json::from_str(&text).expect("parse");
        assert!(back.verify().is_ok());
    }
}
