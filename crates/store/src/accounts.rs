//! People who act: adding a user with a passphrase and key pair, and signing in.
//!
//! A [`Session`] can only be made by [`Store::sign_in`] with the right passphrase, so every
//! store function that takes one acts for a person who proved who they are.

use crate::audit::{self, now_text, Entry};
use crate::credentials::{self, Credentials};
use crate::db::{sql, Tx};
use crate::document_keys;
use crate::error::StoreError;
use crate::people::{ensure_unit, upsert_user_row};
use crate::Store;
use jiedu_core::people::{Role, User};
use jiedu_core::permissions::{authorize, Action};
use jiedu_core::workflow::WorkflowError;
use serde::{Deserialize, Serialize};
use serde_json::json;
use zeroize::Zeroizing;

/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// A user who proved who they are: on this desktop with their passphrase, or on a server with
/// a session token issued after a signed challenge ([`Store::session_for_token`]).
pub struct Session {
    user: User,
    /// Only a desktop session has it; a server never sees a passphrase.
    passphrase: Option<Zeroizing<String>>,
}

impl Session {
    /// Who is acting.
    pub fn user(&self) -> &User {
        &self.user
    }

    /// A session a server authenticated by token: it can act, but opens no keys.
    pub(crate) fn on_server(user: User) -> Session {
        Session {
            user,
            passphrase: None,
        }
    }

    /// The passphrase, kept (zeroed on drop) to open the user's keys on this desktop; a
    /// server-side session has none.
    pub(crate) fn passphrase(&self) -> Result<&str, StoreError> {
        self.passphrase
            .as_deref()
            .map(String::as_str)
            .ok_or_else(|| StoreError::KeysOnDesktop {
                id: self.user.id.clone(),
            })
    }
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

/// A user as listed: profile, and the public key when they have credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UserInfo {
    /// Stable id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Unit id.
    pub unit_id: String,
    /// Role.
    pub role: Role,
    /// Ed25519 public key, hex; `None` until a passphrase is set.
    pub public_key: Option<String>,
}

fn parse_role(text: &str) -> Result<Role, StoreError> {
    Role::parse(text).ok_or_else(|| StoreError::Corrupt {
        what: format!("用户 user role “{text}”"),
    })
}

pub(crate) async fn load_user(conn: &mut Tx, id: &str) -> Result<Option<User>, StoreError> {
    let row = sql("SELECT id, name, unit_id, role FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|r| {
        Ok(User {
            id: r.get("id")?,
            name: r.get("name")?,
            unit_id: r.get("unit_id")?,
            role: parse_role(&r.get::<String>("role")?)?,
        })
    })
    .transpose()
}

pub(crate) async fn load_credentials(
    conn: &mut Tx,
    id: &str,
) -> Result<Option<Credentials>, StoreError> {
    let row = sql(
        "SELECT passphrase_hash, kdf_params, kdf_salt, key_nonce, secret_key, public_key
         FROM user_credentials WHERE user_id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(Credentials {
            passphrase_hash: r.get("passphrase_hash")?,
            kdf_params: r.get("kdf_params")?,
            kdf_salt: r.get("kdf_salt")?,
            key_nonce: r.get("key_nonce")?,
            secret_key: r.get("secret_key")?,
            public_key: r.get("public_key")?,
        })
    })
    .transpose()
}

/// The user's credentials; a user without any cannot act.
pub(crate) async fn require_credentials(
    conn: &mut Tx,
    id: &str,
) -> Result<Credentials, StoreError> {
    load_credentials(conn, id)
        .await?
        .ok_or_else(|| StoreError::NoCredentials { id: id.to_string() })
}

pub(crate) async fn write_credentials(
    conn: &mut Tx,
    user_id: &str,
    c: &Credentials,
) -> Result<(), StoreError> {
    let at = now_text();
    sql(
        "INSERT INTO user_credentials
           (user_id, passphrase_hash, kdf_params, kdf_salt, key_nonce, secret_key, public_key, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (user_id) DO UPDATE SET
           passphrase_hash = excluded.passphrase_hash, kdf_params = excluded.kdf_params,
           kdf_salt = excluded.kdf_salt, key_nonce = excluded.key_nonce,
           secret_key = excluded.secret_key, public_key = excluded.public_key,
           updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(&c.passphrase_hash)
    .bind(&c.kdf_params)
    .bind(&c.kdf_salt)
    .bind(&c.key_nonce)
    .bind(&c.secret_key)
    .bind(&c.public_key)
    .bind(&at)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Runs slow key derivation off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| StoreError::Credential {
            detail: e.to_string(),
        })?
}

fn check_passphrase(passphrase: &str) -> Result<(), StoreError> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::WeakPassphrase {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

impl Store {
    /// Signs a user in: the user must exist, have credentials and give the right passphrase.
    pub async fn sign_in(&self, user_id: &str, passphrase: &str) -> Result<Session, StoreError> {
        let mut conn = self.db().begin_read().await?;
        let user =
            load_user(&mut conn, user_id)
                .await?
                .ok_or_else(|| StoreError::UserNotFound {
                    id: user_id.to_string(),
                })?;
        let creds = require_credentials(&mut conn, user_id).await?;
        drop(conn);
        let given = Zeroizing::new(passphrase.to_string());
        let check = given.clone();
        let ok = blocking(move || credentials::verify_passphrase(&creds, &check)).await?;
        if !ok {
            return Err(StoreError::WrongPassphrase {
                id: user_id.to_string(),
            });
        }
        let session = Session {
            user,
            passphrase: Some(given),
        };
        // People added before PAdES signing existed get their document key on first sign-in,
        // so that an admin can then certify them.
        if matches!(session.user.role, Role::Leader | Role::Admin) {
            self.ensure_document_key(&session).await?;
        }
        Ok(session)
    }

    /// Adds a person with a passphrase and a new key pair. An admin must be signed in (`by`),
    /// except for the very first admin of a register where nobody can act yet.
    pub async fn add_user(
        &self,
        user: &User,
        passphrase: &str,
        by: Option<&Session>,
    ) -> Result<UserInfo, StoreError> {
        match by {
            Some(session) => authorize(session.user(), Action::ManagePeople, None)
                .map_err(|e| StoreError::Workflow(WorkflowError::Permission(e)))?,
            None => {
                let anyone: i64 = sql("SELECT COUNT(*) FROM user_credentials")
                    .scalar(self.db())
                    .await?;
                if anyone > 0 || user.role != Role::Admin {
                    return Err(StoreError::AdminRequired);
                }
            }
        }
        check_passphrase(passphrase)?;
        let id = user.id.clone();
        let secret = Zeroizing::new(passphrase.to_string());
        let for_create = secret.clone();
        let creds = blocking(move || credentials::create(&id, &for_create)).await?;
        let actor = by.map_or(user.id.as_str(), |s| s.user().id.as_str());
        // The enrolling key: the admin's, or the first admin's own new key, which makes it a root.
        let enrolling_key = match by {
            Some(admin) => self.open_own_keys(admin).await?.signing,
            None => {
                let (c, id, p) = (creds.clone(), user.id.clone(), secret.clone());
                blocking(move || credentials::unlock(&c, &id, &p))
                    .await?
                    .ok_or_else(|| StoreError::WrongPassphrase {
                        id: user.id.clone(),
                    })?
            }
        };
        let mut tx = self.db().begin_write().await?;
        ensure_unit(&mut tx, &user.unit_id).await?;
        if load_credentials(&mut tx, &user.id).await?.is_some() {
            return Err(StoreError::UserExists {
                id: user.id.clone(),
            });
        }
        upsert_user_row(&mut tx, user).await?;
        write_credentials(&mut tx, &user.id, &creds).await?;
        document_keys::create_key(&mut tx, &user.id, passphrase).await?;
        if let (Some(admin), Role::Leader) = (by, user.role) {
            document_keys::certify_in(&mut tx, admin.user(), admin.passphrase()?, &user.id).await?;
        }
        crate::enrolments::enrol_in(&mut tx, actor, &enrolling_key, &user.id).await?;
        audit::append(
            &mut tx,
            Entry {
                actor,
                action: "user.add",
                pack_id: None,
                revision: None,
                content_hash: None,
                detail: json!({
                    "id": user.id, "name": user.name, "unit_id": user.unit_id,
                    "role": user.role, "public_key": creds.public_key,
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(UserInfo {
            id: user.id.clone(),
            name: user.name.clone(),
            unit_id: user.unit_id.clone(),
            role: user.role,
            public_key: Some(creds.public_key),
        })
    }

    /// Gives an existing user a passphrase and a new key pair, replacing any they had. For
    /// set-up tools such as `jiedu demo`; people are added with [`Store::add_user`].
    pub async fn set_credentials(
        &self,
        user_id: &str,
        passphrase: &str,
        actor: &str,
    ) -> Result<String, StoreError> {
        check_passphrase(passphrase)?;
        let id = user_id.to_string();
        let secret = Zeroizing::new(passphrase.to_string());
        let creds = blocking(move || credentials::create(&id, &secret)).await?;
        let mut tx = self.db().begin_write().await?;
        if load_user(&mut tx, user_id).await?.is_none() {
            return Err(StoreError::UserNotFound {
                id: user_id.to_string(),
            });
        }
        write_credentials(&mut tx, user_id, &creds).await?;
        document_keys::create_key(&mut tx, user_id, passphrase).await?;
        audit::append(
            &mut tx,
            Entry {
                actor,
                action: "user.credentials",
                pack_id: None,
                revision: None,
                content_hash: None,
                detail: json!({ "id": user_id, "public_key": creds.public_key }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(creds.public_key)
    }

    /// Every user with their public key, by id.
    pub async fn user_infos(&self) -> Result<Vec<UserInfo>, StoreError> {
        let rows = sql("SELECT u.id, u.name, u.unit_id, u.role, c.public_key
             FROM users u LEFT JOIN user_credentials c ON c.user_id = u.id ORDER BY u.id")
        .fetch_all(self.db())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(UserInfo {
                    id: r.get("id")?,
                    name: r.get("name")?,
                    unit_id: r.get("unit_id")?,
                    role: parse_role(&r.get::<String>("role")?)?,
                    public_key: r.get("public_key")?,
                })
            })
            .collect()
    }
}
