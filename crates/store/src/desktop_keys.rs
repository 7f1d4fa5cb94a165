//! A person's keys as they travel: sealed under the passphrase wherever they are stored (the
//! desktop's database, or the office server), opened only on the person's own desktop, and used
//! there to answer sign-in challenges, sign packs and sign the PDF.
//!
//! The sealed form holds nothing from which the passphrase can be checked faster than argon2id
//! allows: the key-encryption key is argon2id of the passphrase, and the passphrase hash used for
//! solo sign-in is not part of it.

use crate::accounts::{blocking, load_user, require_credentials, Session};
use crate::credentials::{self, Credentials, SealedDocumentKey};
use crate::error::StoreError;
use crate::workflow::UnsignedPdf;
use crate::Store;
use chrono::Utc;
use jiedu_core::pack::{Pack, SignRecord};
use jiedu_core::people::User;
use jiedu_core::signing::{self, SignInput};
use jiedu_core::workflow::{plan_step, Step};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

/// A person's keys sealed under their passphrase, as a server may hand them to the desktop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedKeys {
    /// The person.
    pub user: User,
    /// argon2id parameters of the key-encryption key, `m=…,t=…,p=…`.
    pub kdf_params: String,
    /// Its salt, hex.
    pub kdf_salt: String,
    /// Nonce of the sealed Ed25519 key, hex.
    pub key_nonce: String,
    /// The sealed Ed25519 key, hex.
    pub secret_key: String,
    /// The Ed25519 public key, hex.
    pub public_key: String,
    /// Nonce of the sealed P-256 document key, hex.
    pub document_nonce: Option<String>,
    /// The sealed P-256 document key, hex.
    pub document_sealed: Option<String>,
    /// The P-256 public key, hex.
    pub document_public_key: Option<String>,
    /// The person's certificate from the office CA (DER, hex).
    pub certificate: Option<String>,
    /// The office CA's certificate (DER, hex).
    pub office_ca: Option<String>,
}

/// A person's keys, opened on their desktop. Secrets are zeroed on drop.
pub struct OpenedKeys {
    /// The person.
    pub user: User,
    /// The Ed25519 secret.
    pub signing: Zeroizing<[u8; 32]>,
    /// The P-256 secret, when they have a document key.
    pub document: Option<Zeroizing<[u8; 32]>>,
    /// Their certificate (DER).
    pub certificate: Option<Vec<u8>>,
    /// The office CA (DER).
    pub office_ca: Option<Vec<u8>>,
}

impl std::fmt::Debug for OpenedKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenedKeys")
            .field("user", &self.user.id)
            .finish_non_exhaustive()
    }
}

/// What a leader's desktop sends to be recorded: the signed record and the PAdES-signed PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedSubmission {
    /// The Ed25519 record over the content hash.
    pub record: SignRecord,
    /// The PDF, signed in its bytes.
    pub pdf: Vec<u8>,
}

fn bad_hex(what: &str) -> StoreError {
    StoreError::Credential {
        detail: format!("{what}: not hex"),
    }
}

/// Opens sealed keys with the passphrase (argon2id, so slow by design: call off the async
/// threads). A wrong passphrase is [`StoreError::WrongPassphrase`].
pub fn open_keys(sealed: &SealedKeys, passphrase: &str) -> Result<OpenedKeys, StoreError> {
    let id = sealed.user.id.clone();
    let creds = Credentials {
        passphrase_hash: String::new(),
        kdf_params: sealed.kdf_params.clone(),
        kdf_salt: sealed.kdf_salt.clone(),
        key_nonce: sealed.key_nonce.clone(),
        secret_key: sealed.secret_key.clone(),
        public_key: sealed.public_key.clone(),
    };
    let signing = credentials::unlock(&creds, &id, passphrase)?
        .ok_or_else(|| StoreError::WrongPassphrase { id: id.clone() })?;
    let document = match (&sealed.document_nonce, &sealed.document_sealed) {
        (Some(nonce), Some(sealed_key)) => {
            let key = SealedDocumentKey {
                nonce: nonce.clone(),
                sealed: sealed_key.clone(),
            };
            let secret = credentials::open_document_key(&creds, &id, passphrase, &key)?
                .ok_or_else(|| StoreError::WrongPassphrase { id: id.clone() })?;
            if Some(hex::encode(jiedu_pades::p256_public_key(&secret)?))
                != sealed.document_public_key
            {
                return Err(StoreError::Credential {
                    detail: format!("{id}: the document key does not match its public key"),
                });
            }
            Some(secret)
        }
        _ => None,
    };
    let decode = |value: &Option<String>, what: &str| {
        value
            .as_deref()
            .map(|h| hex::decode(h).map_err(|_| bad_hex(what)))
            .transpose()
    };
    Ok(OpenedKeys {
        user: sealed.user.clone(),
        signing,
        document,
        certificate: decode(&sealed.certificate, "certificate")?,
        office_ca: decode(&sealed.office_ca, "office_ca")?,
    })
}

/// Signs `pack` on the leader's desktop: the Ed25519 record over its content hash and the
/// PAdES signature in the PDF that `make_pdf` renders of the pack as signed. The core is asked
/// first, so a step it refuses is refused here too; the server asks it again before recording.
pub fn sign_on_desktop<F>(
    keys: &OpenedKeys,
    pack: &Pack,
    comment: &str,
    make_pdf: F,
) -> Result<SignedSubmission, StoreError>
where
    F: FnOnce(&Pack, &SignRecord, &str) -> Result<UnsignedPdf, String>,
{
    let to = plan_step(&keys.user, Step::Sign, pack, &[])?;
    let record = signing::sign(
        &keys.signing,
        SignInput {
            pack_id: &pack.id,
            revision: pack.revision,
            content: &pack.content,
            signer: &keys.user,
            signed_at: Utc::now(),
            comment: comment.trim(),
        },
    );
    let id = || keys.user.id.clone();
    let document = keys
        .document
        .as_ref()
        .ok_or_else(|| StoreError::NoDocumentKey { id: id() })?;
    let certificate = keys
        .certificate
        .as_ref()
        .ok_or_else(|| StoreError::NoCertificate { id: id() })?;
    let ca = keys.office_ca.as_ref().ok_or(StoreError::NoOfficeCa)?;
    let mut signed = pack.clone();
    signed.state = to;
    signed.signature = Some(record.clone());
    let signer = jiedu_pades::describe_certificate(certificate)?;
    let unsigned = make_pdf(&signed, &record, &signer.unit)
        .map_err(|detail| StoreError::SignedPdf { detail })?;
    let chain = [ca.clone()];
    let field = jiedu_pades::SignatureField {
        page_index: unsigned.field_page,
        rect: unsigned.field_rect,
        signer_name: record.signer_name.clone(),
        reason: "政策文件与解读材料同步审签 Policy and interpretation signed together".into(),
        location: signer.unit,
        signing_time: record.signed_at,
        caption_on_page: true,
    };
    let pdf = jiedu_pades::sign_pdf(
        &unsigned.bytes,
        &jiedu_pades::Signer {
            secret: document,
            certificate_der: certificate,
            chain_der: &chain,
        },
        &field,
    )?;
    Ok(SignedSubmission { record, pdf })
}

impl Store {
    /// A person's keys, sealed, to be opened on their desktop.
    pub async fn sealed_keys(&self, user_id: &str) -> Result<SealedKeys, StoreError> {
        let mut conn = self.db().begin_read().await?;
        let user =
            load_user(&mut conn, user_id)
                .await?
                .ok_or_else(|| StoreError::UserNotFound {
                    id: user_id.to_string(),
                })?;
        let creds = require_credentials(&mut conn, user_id).await?;
        let document = crate::document_keys::load_key(&mut conn, user_id).await?;
        let ca = crate::document_keys::load_ca(&mut conn)
            .await?
            .map(|(_, der)| der);
        let (document_nonce, document_sealed, document_public_key, certificate) = match document {
            Some(key) => (
                Some(key.sealed.nonce),
                Some(key.sealed.sealed),
                Some(key.public_key),
                key.certificate.map(hex::encode),
            ),
            None => (None, None, None, None),
        };
        Ok(SealedKeys {
            user,
            kdf_params: creds.kdf_params,
            kdf_salt: creds.kdf_salt,
            key_nonce: creds.key_nonce,
            secret_key: creds.secret_key,
            public_key: creds.public_key,
            document_nonce,
            document_sealed,
            document_public_key,
            certificate,
            office_ca: ca.map(hex::encode),
        })
    }

    /// The signed-in desktop user's keys, opened with the passphrase they signed in with.
    pub async fn open_own_keys(&self, session: &Session) -> Result<OpenedKeys, StoreError> {
        let sealed = self.sealed_keys(&session.user().id).await?;
        let passphrase = Zeroizing::new(session.passphrase()?.to_string());
        blocking(move || open_keys(&sealed, &passphrase)).await
    }
}
