//! Document-signing keys and the office CA: what the PAdES signature in a signed pack's PDF is
//! made with.
//!
//! PDF readers (poppler/NSS, and through it most Linux viewers) cannot verify Ed25519 in CMS,
//! so each person also has an ECDSA P-256 key, sealed under their passphrase like the Ed25519
//! one. In solo mode the admin's P-256 key plays the office CA; it issues certificates to
//! leaders only, so a PDF signed by anyone else does not chain to the CA with the leader role.

use crate::accounts::{blocking, load_user, require_credentials, Session};
use crate::audit::{self, now_text, Entry};
use crate::credentials::{self, SealedDocumentKey};
use crate::db::{sql, Tx};
use crate::error::StoreError;
use crate::Store;
use chrono::{Duration, Utc};
use jiedu_core::people::{Role, User};
use jiedu_core::permissions::{authorize, Action};
use jiedu_core::workflow::WorkflowError;
use jiedu_pades::Subject;
use serde_json::json;
use zeroize::Zeroizing;

/// The role written into leaders' certificates, which `jiedu verify` requires.
pub const LEADER_ROLE: &str = "leader";
/// How long the office CA's certificate is valid.
const CA_YEARS: u32 = 10;
/// How long a leader's certificate is valid.
const SIGNER_YEARS: u32 = 3;

/// A person's stored document key.
pub(crate) struct StoredKey {
    pub sealed: SealedDocumentKey,
    pub public_key: String,
    pub certificate: Option<Vec<u8>>,
}

pub(crate) async fn load_key(conn: &mut Tx, id: &str) -> Result<Option<StoredKey>, StoreError> {
    let row = sql(
        "SELECT key_nonce, sealed_secret, public_key, certificate FROM document_keys WHERE user_id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(StoredKey {
            sealed: SealedDocumentKey {
                nonce: r.get("key_nonce")?,
                sealed: r.get("sealed_secret")?,
            },
            public_key: r.get("public_key")?,
            certificate: r.get("certificate")?,
        })
    })
    .transpose()
}

/// The office CA: the admin whose key it is, and its certificate (DER).
pub(crate) async fn load_ca(conn: &mut Tx) -> Result<Option<(String, Vec<u8>)>, StoreError> {
    let row = sql("SELECT admin_id, certificate FROM office_ca WHERE id = 1")
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| Ok((r.get("admin_id")?, r.get("certificate")?)))
        .transpose()
}

async fn unit_name(conn: &mut Tx, unit_id: &str) -> Result<String, StoreError> {
    let name: Option<String> = sql("SELECT name FROM units WHERE id = $1")
        .bind(unit_id)
        .scalar_optional(&mut *conn)
        .await?;
    Ok(name.unwrap_or_else(|| unit_id.to_string()))
}

/// Makes and seals a new P-256 key for `user_id` under `passphrase`, replacing any they had
/// (a new key has no certificate until the CA issues one). Returns the public key, hex.
pub(crate) async fn create_key(
    conn: &mut Tx,
    user_id: &str,
    passphrase: &str,
) -> Result<String, StoreError> {
    let creds = require_credentials(conn, user_id).await?;
    let secret = Zeroizing::new(jiedu_pades::new_p256_secret()?);
    let public_key = hex::encode(jiedu_pades::p256_public_key(&secret)?);
    let (id, pass) = (user_id.to_string(), Zeroizing::new(passphrase.to_string()));
    let sealed = blocking(move || credentials::seal_document_key(&creds, &id, &pass, &secret))
        .await?
        .ok_or_else(|| StoreError::WrongPassphrase {
            id: user_id.to_string(),
        })?;
    write_key(conn, user_id, &sealed, &public_key, None).await?;
    Ok(public_key)
}

/// Stores `user_id`'s sealed document key and its certificate, replacing any they had.
pub(crate) async fn write_key(
    conn: &mut Tx,
    user_id: &str,
    sealed: &SealedDocumentKey,
    public_key: &str,
    certificate: Option<&[u8]>,
) -> Result<(), StoreError> {
    let at = now_text();
    sql(
        "INSERT INTO document_keys (user_id, key_nonce, sealed_secret, public_key, certificate, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (user_id) DO UPDATE SET key_nonce = excluded.key_nonce,
           sealed_secret = excluded.sealed_secret, public_key = excluded.public_key,
           certificate = excluded.certificate, updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(&sealed.nonce)
    .bind(&sealed.sealed)
    .bind(public_key)
    .bind(certificate)
    .bind(&at)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Opens `user_id`'s document key with `passphrase`.
async fn open_key(
    conn: &mut Tx,
    user_id: &str,
    passphrase: &str,
) -> Result<(Zeroizing<[u8; 32]>, Option<Vec<u8>>), StoreError> {
    let creds = require_credentials(conn, user_id).await?;
    let stored = load_key(conn, user_id)
        .await?
        .ok_or_else(|| StoreError::NoCertificate {
            id: user_id.to_string(),
        })?;
    let (id, pass, sealed) = (
        user_id.to_string(),
        Zeroizing::new(passphrase.to_string()),
        stored.sealed,
    );
    let secret = blocking(move || credentials::open_document_key(&creds, &id, &pass, &sealed))
        .await?
        .ok_or_else(|| StoreError::WrongPassphrase {
            id: user_id.to_string(),
        })?;
    if hex::encode(jiedu_pades::p256_public_key(&secret)?) != stored.public_key {
        return Err(StoreError::Credential {
            detail: format!("{user_id}: the document key does not match its public key"),
        });
    }
    Ok((secret, stored.certificate))
}

impl Store {
    /// Gives the signed-in person a document-signing key if they have none (people added
    /// before PAdES signing existed); returns its public key, hex.
    pub async fn ensure_document_key(&self, session: &Session) -> Result<String, StoreError> {
        let id = &session.user().id;
        let mut tx = self.db().begin_write().await?;
        if let Some(stored) = load_key(&mut tx, id).await? {
            return Ok(stored.public_key);
        }
        let public_key = create_key(&mut tx, id, session.passphrase()?).await?;
        tx.commit().await?;
        Ok(public_key)
    }

    /// The office CA's certificate (DER), once an admin has made it.
    pub async fn office_ca_certificate(&self) -> Result<Option<Vec<u8>>, StoreError> {
        let mut conn = self.db().begin_read().await?;
        Ok(load_ca(&mut conn).await?.map(|(_, der)| der))
    }

    /// A person's signing certificate (DER), if the office CA issued one.
    pub async fn signing_certificate(&self, user_id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let mut conn = self.db().begin_read().await?;
        Ok(load_key(&mut conn, user_id)
            .await?
            .and_then(|k| k.certificate))
    }

    /// Issues a leader a signing certificate from the office CA, making the CA from the
    /// signed-in admin's document key first if the office has none. Returns the certificate.
    pub async fn certify(&self, admin: &Session, user_id: &str) -> Result<Vec<u8>, StoreError> {
        authorize(admin.user(), Action::ManagePeople, None)
            .map_err(|e| StoreError::Workflow(WorkflowError::Permission(e)))?;
        let mut tx = self.db().begin_write().await?;
        let certificate = certify_in(&mut tx, admin.user(), admin.passphrase()?, user_id).await?;
        tx.commit().await?;
        Ok(certificate)
    }
}

/// The CA's key and certificate, making them from `admin`'s document key when there is none.
async fn ca_identity(
    conn: &mut Tx,
    admin: &User,
    passphrase: &str,
) -> Result<(Zeroizing<[u8; 32]>, Vec<u8>), StoreError> {
    if let Some((admin_id, der)) = load_ca(conn).await? {
        if admin_id != admin.id {
            // The CA key is that admin's own document key, sealed under their passphrase.
            return Err(StoreError::CaOfAnotherAdmin { admin: admin_id });
        }
        let (secret, _) = open_key(conn, &admin.id, passphrase).await?;
        return Ok((secret, der));
    }
    if load_key(conn, &admin.id).await?.is_none() {
        create_key(conn, &admin.id, passphrase).await?;
    }
    let (secret, _) = open_key(conn, &admin.id, passphrase).await?;
    let unit = unit_name(conn, &admin.unit_id).await?;
    let subject = Subject {
        name: format!("{unit} Jiedu 办公室 CA"),
        unit: unit.clone(),
        organization: unit,
        user_id: admin.id.clone(),
        role: "office-ca".into(),
    };
    let der = jiedu_pades::office_ca_certificate(&secret, &subject, not_before(), CA_YEARS)?;
    sql("INSERT INTO office_ca (id, admin_id, certificate, created_at) VALUES (1, $1, $2, $3)")
        .bind(&admin.id)
        .bind(&der)
        .bind(now_text())
        .execute(&mut *conn)
        .await?;
    audit::append(
        conn,
        Entry {
            actor: &admin.id,
            action: "ca.create",
            pack_id: None,
            revision: None,
            content_hash: None,
            detail: json!({ "sha256": jiedu_pades::certificate_sha256_hex(&der) }),
        },
    )
    .await?;
    Ok((secret, der))
}

/// A little in the past, so that a certificate issued now is valid on a clock a minute behind.
fn not_before() -> chrono::DateTime<Utc> {
    Utc::now() - Duration::hours(1)
}

/// Issues `user_id` a certificate inside the caller's transaction.
pub(crate) async fn certify_in(
    conn: &mut Tx,
    admin: &User,
    passphrase: &str,
    user_id: &str,
) -> Result<Vec<u8>, StoreError> {
    let user = load_user(conn, user_id)
        .await?
        .ok_or_else(|| StoreError::UserNotFound {
            id: user_id.to_string(),
        })?;
    if user.role != Role::Leader {
        return Err(StoreError::NotALeader {
            id: user.id.clone(),
            role: user.role.label_zh().to_string(),
        });
    }
    let stored = load_key(conn, user_id)
        .await?
        .ok_or_else(|| StoreError::NoDocumentKey {
            id: user_id.to_string(),
        })?;
    let public_key = hex::decode(&stored.public_key).map_err(|e| StoreError::Credential {
        detail: format!("{user_id}: document public key: {e}"),
    })?;
    let (ca_secret, ca_der) = ca_identity(conn, admin, passphrase).await?;
    let unit = unit_name(conn, &user.unit_id).await?;
    let organization = jiedu_pades::describe_certificate(&ca_der)?.organization;
    let subject = Subject {
        name: user.name.clone(),
        unit,
        organization,
        user_id: user.id.clone(),
        role: LEADER_ROLE.into(),
    };
    let der = jiedu_pades::issue_signer_certificate(
        &ca_secret,
        &ca_der,
        &subject,
        &public_key,
        not_before(),
        SIGNER_YEARS,
    )?;
    sql("UPDATE document_keys SET certificate = $1, updated_at = $2 WHERE user_id = $3")
        .bind(&der)
        .bind(now_text())
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    audit::append(
        conn,
        Entry {
            actor: &admin.id,
            action: "user.certify",
            pack_id: None,
            revision: None,
            content_hash: None,
            detail: json!({
                "id": user_id,
                "sha256": jiedu_pades::certificate_sha256_hex(&der),
                "public_key": stored.public_key,
            }),
        },
    )
    .await?;
    Ok(der)
}
