//! Enrolments: an admin's signature over each person's (user, role, unit, keys), stored beside
//! the keys. The store only keeps them; clients check them against the admin key they pinned
//! ([`jiedu_core::identity::verify_enrolments`]), so whoever runs the database cannot swap a key
//! unnoticed.

use crate::accounts::{load_user, require_credentials, Session};
use crate::audit::{self, now_text, Entry};
use crate::db::{sql, Tx};
use crate::error::StoreError;
use crate::Store;
use jiedu_core::identity::{self, Enrolment, RegisteredKey};
use jiedu_core::people::Role;
use jiedu_core::permissions::{authorize, Action};
use jiedu_core::workflow::WorkflowError;
use serde_json::json;

fn corrupt(what: String) -> StoreError {
    StoreError::Corrupt { what }
}

/// The enrolment of `user_id`'s current keys, unsigned.
async fn current_statement(conn: &mut Tx, user_id: &str) -> Result<Enrolment, StoreError> {
    let user = load_user(conn, user_id)
        .await?
        .ok_or_else(|| StoreError::UserNotFound {
            id: user_id.to_string(),
        })?;
    let creds = require_credentials(conn, user_id).await?;
    let document: Option<String> = sql("SELECT public_key FROM document_keys WHERE user_id = $1")
        .bind(user_id)
        .scalar_optional(&mut *conn)
        .await?;
    Ok(Enrolment {
        user_id: user.id,
        role: user.role,
        unit_id: user.unit_id,
        public_key: creds.public_key,
        document_public_key: document,
        admin_id: String::new(),
        admin_public_key: String::new(),
        enrolled_at: now_text(),
        signature: String::new(),
    })
}

/// Stores an enrolment and its audit row inside the caller's write transaction.
pub(crate) async fn insert(conn: &mut Tx, e: &Enrolment) -> Result<(), StoreError> {
    let text = serde_json::to_string(e).map_err(|err| corrupt(err.to_string()))?;
    sql("INSERT INTO enrolments (user_id, record, enrolled_at) VALUES ($1, $2, $3)")
        .bind(&e.user_id)
        .bind(&text)
        .bind(&e.enrolled_at)
        .execute(&mut *conn)
        .await?;
    audit::append(
        conn,
        Entry {
            actor: &e.admin_id,
            action: "user.enrol",
            pack_id: None,
            revision: None,
            content_hash: None,
            detail: json!({
                "id": e.user_id, "role": e.role, "unit_id": e.unit_id,
                "public_key": e.public_key, "document_public_key": e.document_public_key,
                "admin_public_key": e.admin_public_key, "signature": e.signature,
            }),
        },
    )
    .await
}

/// Signs and stores the enrolment of `user_id`'s current keys by `admin_id`, whose Ed25519
/// secret is given, inside the caller's transaction.
pub(crate) async fn enrol_in(
    conn: &mut Tx,
    admin_id: &str,
    admin_secret: &[u8; 32],
    user_id: &str,
) -> Result<Enrolment, StoreError> {
    let mut statement = current_statement(conn, user_id).await?;
    statement.admin_id = admin_id.to_string();
    let e = identity::sign_enrolment(admin_secret, statement);
    insert(conn, &e).await?;
    Ok(e)
}

/// Checks that `e` was signed by `admin_id` with `admin_key`, the admin's registered key.
pub(crate) fn check_admin_signature(
    e: &Enrolment,
    admin_id: &str,
    admin_key: &str,
) -> Result<(), StoreError> {
    let signed = e.admin_id == admin_id
        && e.admin_public_key == admin_key
        && identity::verify_detached(
            &e.admin_public_key,
            &identity::enrolment_message(e),
            &e.signature,
        );
    if signed {
        Ok(())
    } else {
        Err(StoreError::SignatureRefused {
            detail: "登记签名不是当前管理员的登记公钥所签 / the enrolment is not signed by the signed-in admin's registered key".into(),
        })
    }
}

impl Store {
    /// The signed-in admin enrols `user_id`'s current keys, role and unit under their own key.
    /// An admin enrolling themselves makes their key a root that clients may pin.
    pub async fn enrol(&self, admin: &Session, user_id: &str) -> Result<Enrolment, StoreError> {
        authorize(admin.user(), Action::ManagePeople, None)
            .map_err(|e| StoreError::Workflow(WorkflowError::Permission(e)))?;
        let keys = self.open_own_keys(admin).await?;
        let mut tx = self.db().begin_write().await?;
        let e = enrol_in(&mut tx, &admin.user().id, &keys.signing, user_id).await?;
        tx.commit().await?;
        Ok(e)
    }

    /// Records an enrolment an admin signed on their desktop, after checking that the
    /// signed-in user is an admin, signed it with their registered key, and that it states the
    /// person's current keys, role and unit.
    pub async fn record_enrolment(
        &self,
        admin: &Session,
        enrolment: &Enrolment,
    ) -> Result<(), StoreError> {
        authorize(admin.user(), Action::ManagePeople, None)
            .map_err(|e| StoreError::Workflow(WorkflowError::Permission(e)))?;
        let refused = |detail: &str| StoreError::SignatureRefused {
            detail: detail.to_string(),
        };
        let mut tx = self.db().begin_write().await?;
        let admin_key = require_credentials(&mut tx, &admin.user().id)
            .await?
            .public_key;
        check_admin_signature(enrolment, &admin.user().id, &admin_key)?;
        let current = current_statement(&mut tx, &enrolment.user_id).await?;
        if current.public_key != enrolment.public_key
            || current.document_public_key != enrolment.document_public_key
            || current.role != enrolment.role
            || current.unit_id != enrolment.unit_id
        {
            return Err(refused(
                "登记内容与该用户当前的密钥、角色或单位不符 / the enrolment does not state the person's current keys, role and unit",
            ));
        }
        insert(&mut tx, enrolment).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every stored enrolment, oldest first.
    pub async fn enrolments(&self) -> Result<Vec<Enrolment>, StoreError> {
        let rows = sql("SELECT id, record FROM enrolments ORDER BY id")
            .fetch_all(self.db())
            .await?;
        rows.iter()
            .map(|r| {
                let text: String = r.get("record")?;
                serde_json::from_str(&text).map_err(|e| {
                    corrupt(format!(
                        "enrolments #{}: {e}",
                        r.get::<i64>("id").unwrap_or(0)
                    ))
                })
            })
            .collect()
    }

    /// Every person's keys as the database holds them now.
    pub async fn registered_keys(&self) -> Result<Vec<RegisteredKey>, StoreError> {
        let rows = sql(
            "SELECT u.id, u.role, u.unit_id, c.public_key, d.public_key AS document_public_key
             FROM users u JOIN user_credentials c ON c.user_id = u.id
             LEFT JOIN document_keys d ON d.user_id = u.id ORDER BY u.id",
        )
        .fetch_all(self.db())
        .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.get("role")?;
                Ok(RegisteredKey {
                    user_id: r.get("id")?,
                    role: Role::parse(&role)
                        .ok_or_else(|| corrupt(format!("用户 user role “{role}”")))?,
                    unit_id: r.get("unit_id")?,
                    public_key: r.get("public_key")?,
                    document_public_key: r.get("document_public_key")?,
                })
            })
            .collect()
    }

    /// The Ed25519 keys of the admins who enrolled themselves: the roots a client may pin.
    pub async fn root_admin_keys(&self) -> Result<Vec<(String, String)>, StoreError> {
        Ok(self
            .enrolments()
            .await?
            .into_iter()
            .filter(|e| {
                e.role == Role::Admin
                    && e.admin_id == e.user_id
                    && e.admin_public_key == e.public_key
            })
            .map(|e| (e.user_id, e.public_key))
            .collect())
    }
}
