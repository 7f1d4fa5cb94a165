//! Adding people and certifying leaders from an admin's desktop, for team mode: the new
//! person's keys are made and sealed under their passphrase on the admin's desktop, the
//! enrolment is signed there with the admin's key, and a leader's certificate is issued there
//! with the office CA key (the admin's own document key). The server only checks and stores:
//! it never sees a passphrase or an open key.

use crate::accounts::{require_credentials, write_credentials, Session, MIN_PASSPHRASE_CHARS};
use crate::audit::{self, now_text, Entry};
use crate::credentials::{self, Credentials, SealedDocumentKey};
use crate::db::sql;
use crate::desktop_keys::OpenedKeys;
use crate::document_keys::{load_ca, write_key};
use crate::error::StoreError;
use crate::people::{ensure_unit, upsert_user_row};
use crate::{Store, UserInfo, LEADER_ROLE};
use chrono::{Duration, Utc};
use jiedu_core::identity::{self, Enrolment};
use jiedu_core::people::{Role, User};
use jiedu_core::permissions::{authorize, Action};
use jiedu_core::workflow::WorkflowError;
use serde::{Deserialize, Serialize};
use serde_json::json;
use zeroize::Zeroizing;

/// How long a leader's certificate issued from a desktop is valid, as when issued locally.
const SIGNER_YEARS: u32 = 3;

/// A new person as an admin's desktop prepared them: everything sealed or signed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreparedPerson {
    /// The person.
    pub user: User,
    /// argon2id PHC string of their passphrase (as strong as the sealing itself).
    pub passphrase_hash: String,
    /// argon2id parameters of the key-encryption key.
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
    pub document_nonce: String,
    /// The sealed P-256 document key, hex.
    pub document_sealed: String,
    /// The P-256 public key, hex.
    pub document_public_key: String,
    /// A leader's certificate from the office CA (DER, hex).
    pub certificate: Option<String>,
    /// The admin's signed enrolment of these keys.
    pub enrolment: Enrolment,
}

fn permission(admin: &User) -> Result<(), StoreError> {
    authorize(admin, Action::ManagePeople, None)
        .map_err(|e| StoreError::Workflow(WorkflowError::Permission(e)))
}

fn pades(e: jiedu_pades::PadesError) -> StoreError {
    StoreError::Pades(e)
}

/// A leader's certificate from the office CA, issued with the admin's opened keys (the CA key
/// is the admin's document key). `unit_name` is the leader's unit as people read it.
pub fn issue_certificate_on_desktop(
    admin: &OpenedKeys,
    user: &User,
    unit_name: &str,
    document_public_key_hex: &str,
) -> Result<Vec<u8>, StoreError> {
    if user.role != Role::Leader {
        return Err(StoreError::NotALeader {
            id: user.id.clone(),
            role: user.role.label_zh().to_string(),
        });
    }
    let ca = admin.office_ca.as_ref().ok_or(StoreError::NoOfficeCa)?;
    let ca_secret = admin
        .document
        .as_ref()
        .ok_or_else(|| StoreError::NoDocumentKey {
            id: admin.user.id.clone(),
        })?;
    let public_key = hex::decode(document_public_key_hex).map_err(|e| StoreError::Credential {
        detail: format!("{}: document public key: {e}", user.id),
    })?;
    let organization = jiedu_pades::describe_certificate(ca)
        .map_err(pades)?
        .organization;
    let subject = jiedu_pades::Subject {
        name: user.name.clone(),
        unit: unit_name.to_string(),
        organization,
        user_id: user.id.clone(),
        role: LEADER_ROLE.into(),
    };
    jiedu_pades::issue_signer_certificate(
        ca_secret,
        ca,
        &subject,
        &public_key,
        Utc::now() - Duration::hours(1),
        SIGNER_YEARS,
    )
    .map_err(pades)
}

/// Makes a new person's keys under `passphrase`, on the admin's desktop, with the enrolment
/// signed by the admin and, for a leader, a certificate. Slow (argon2id): call off async threads.
pub fn prepare_person(
    admin: &OpenedKeys,
    user: &User,
    unit_name: &str,
    passphrase: &str,
) -> Result<PreparedPerson, StoreError> {
    permission(&admin.user)?;
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::WeakPassphrase {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    let creds = credentials::create(&user.id, passphrase)?;
    let document = Zeroizing::new(jiedu_pades::new_p256_secret().map_err(pades)?);
    let document_public_key = hex::encode(jiedu_pades::p256_public_key(&document).map_err(pades)?);
    let sealed = credentials::seal_document_key(&creds, &user.id, passphrase, &document)?
        .ok_or_else(|| StoreError::WrongPassphrase {
            id: user.id.clone(),
        })?;
    let certificate = match user.role {
        Role::Leader => Some(hex::encode(issue_certificate_on_desktop(
            admin,
            user,
            unit_name,
            &document_public_key,
        )?)),
        _ => None,
    };
    let enrolment = identity::sign_enrolment(
        &admin.signing,
        Enrolment {
            user_id: user.id.clone(),
            role: user.role,
            unit_id: user.unit_id.clone(),
            public_key: creds.public_key.clone(),
            document_public_key: Some(document_public_key.clone()),
            admin_id: admin.user.id.clone(),
            admin_public_key: String::new(),
            enrolled_at: now_text(),
            signature: String::new(),
        },
    );
    Ok(PreparedPerson {
        user: user.clone(),
        passphrase_hash: creds.passphrase_hash,
        kdf_params: creds.kdf_params,
        kdf_salt: creds.kdf_salt,
        key_nonce: creds.key_nonce,
        secret_key: creds.secret_key,
        public_key: creds.public_key,
        document_nonce: sealed.nonce,
        document_sealed: sealed.sealed,
        document_public_key,
        certificate,
        enrolment,
    })
}

/// Checks that a leader's certificate names them as a leader and was issued by the office CA.
fn check_certificate(der: &[u8], user: &User, ca: &[u8]) -> Result<(), StoreError> {
    let info = jiedu_pades::describe_certificate(der).map_err(pades)?;
    let ca_info = jiedu_pades::describe_certificate(ca).map_err(pades)?;
    if info.user_id != user.id || info.role != LEADER_ROLE || info.issuer_name != ca_info.name {
        return Err(StoreError::SignatureRefused {
            detail: format!(
                "证书不是办公室 CA 签发给审签领导 {} 的 / the certificate is not the office CA's for leader {}",
                user.id, user.id
            ),
        });
    }
    Ok(())
}

impl Store {
    /// Stores a person an admin's desktop prepared, after checking that the signed-in user is
    /// an admin and signed the enrolment with their registered key, and that the enrolment
    /// states exactly the keys, role and unit sent.
    pub async fn add_prepared_person(
        &self,
        admin: &Session,
        p: &PreparedPerson,
    ) -> Result<UserInfo, StoreError> {
        permission(admin.user())?;
        let e = &p.enrolment;
        let refused = |detail: &str| StoreError::SignatureRefused {
            detail: detail.to_string(),
        };
        let mut tx = self.db().begin_write().await?;
        let admin_key = require_credentials(&mut tx, &admin.user().id)
            .await?
            .public_key;
        crate::enrolments::check_admin_signature(e, &admin.user().id, &admin_key)?;
        if e.user_id != p.user.id
            || e.role != p.user.role
            || e.unit_id != p.user.unit_id
            || e.public_key != p.public_key
            || e.document_public_key.as_deref() != Some(p.document_public_key.as_str())
        {
            return Err(refused(
                "登记内容与所送的密钥、角色或单位不符 / the enrolment does not state the keys, role and unit sent",
            ));
        }
        if crate::accounts::load_credentials(&mut tx, &p.user.id)
            .await?
            .is_some()
        {
            return Err(StoreError::UserExists {
                id: p.user.id.clone(),
            });
        }
        let certificate = match (&p.certificate, p.user.role) {
            (Some(hex_der), Role::Leader) => {
                let der = hex::decode(hex_der).map_err(|_| refused("certificate: not hex"))?;
                let (_, ca) = load_ca(&mut tx).await?.ok_or(StoreError::NoOfficeCa)?;
                check_certificate(&der, &p.user, &ca)?;
                Some(der)
            }
            _ => None,
        };
        ensure_unit(&mut tx, &p.user.unit_id).await?;
        upsert_user_row(&mut tx, &p.user).await?;
        let creds = Credentials {
            passphrase_hash: p.passphrase_hash.clone(),
            kdf_params: p.kdf_params.clone(),
            kdf_salt: p.kdf_salt.clone(),
            key_nonce: p.key_nonce.clone(),
            secret_key: p.secret_key.clone(),
            public_key: p.public_key.clone(),
        };
        write_credentials(&mut tx, &p.user.id, &creds).await?;
        let sealed = SealedDocumentKey {
            nonce: p.document_nonce.clone(),
            sealed: p.document_sealed.clone(),
        };
        write_key(
            &mut tx,
            &p.user.id,
            &sealed,
            &p.document_public_key,
            certificate.as_deref(),
        )
        .await?;
        audit::append(
            &mut tx,
            Entry {
                actor: &admin.user().id,
                action: "user.add",
                pack_id: None,
                revision: None,
                content_hash: None,
                detail: json!({
                    "id": p.user.id, "name": p.user.name, "unit_id": p.user.unit_id,
                    "role": p.user.role, "public_key": p.public_key,
                }),
            },
        )
        .await?;
        crate::enrolments::insert(&mut tx, e).await?;
        tx.commit().await?;
        Ok(UserInfo {
            id: p.user.id.clone(),
            name: p.user.name.clone(),
            unit_id: p.user.unit_id.clone(),
            role: p.user.role,
            public_key: Some(p.public_key.clone()),
        })
    }

    /// Stores a leader's certificate an admin's desktop issued from the office CA.
    pub async fn record_certificate(
        &self,
        admin: &Session,
        user_id: &str,
        der: &[u8],
    ) -> Result<(), StoreError> {
        permission(admin.user())?;
        let mut tx = self.db().begin_write().await?;
        let user = crate::accounts::load_user(&mut tx, user_id)
            .await?
            .ok_or_else(|| StoreError::UserNotFound {
                id: user_id.to_string(),
            })?;
        let (_, ca) = load_ca(&mut tx).await?.ok_or(StoreError::NoOfficeCa)?;
        check_certificate(der, &user, &ca)?;
        let updated =
            sql("UPDATE document_keys SET certificate = $1, updated_at = $2 WHERE user_id = $3")
                .bind(der)
                .bind(now_text())
                .bind(user_id)
                .execute(&mut tx)
                .await?;
        if updated == 0 {
            return Err(StoreError::NoDocumentKey {
                id: user_id.to_string(),
            });
        }
        audit::append(
            &mut tx,
            Entry {
                actor: &admin.user().id,
                action: "user.certify",
                pack_id: None,
                revision: None,
                content_hash: None,
                detail: json!({ "id": user_id, "sha256": jiedu_pades::certificate_sha256_hex(der) }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
