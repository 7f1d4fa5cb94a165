//! Units and people.

use crate::audit::{self, now_text, Entry};
use crate::db::{sql, Tx};
use crate::error::StoreError;
use crate::Store;
use jiedu_core::people::{Role, Unit, User};
use serde_json::json;

/// Fails with `UnitNotFound` unless the unit exists.
pub(crate) async fn ensure_unit(conn: &mut Tx, unit_id: &str) -> Result<(), StoreError> {
    let unit: Option<String> = sql("SELECT id FROM units WHERE id = $1")
        .bind(unit_id)
        .scalar_optional(&mut *conn)
        .await?;
    match unit {
        Some(_) => Ok(()),
        None => Err(StoreError::UnitNotFound {
            id: unit_id.to_string(),
        }),
    }
}

/// Inserts the user's row, or updates its name, unit and role.
pub(crate) async fn upsert_user_row(conn: &mut Tx, user: &User) -> Result<(), StoreError> {
    sql(
        "INSERT INTO users (id, name, unit_id, role, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, unit_id = excluded.unit_id, role = excluded.role",
    )
    .bind(&user.id)
    .bind(&user.name)
    .bind(&user.unit_id)
    .bind(user.role.as_str())
    .bind(now_text())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    /// Adds a unit, or updates its name and head.
    pub async fn upsert_unit(&self, unit: &Unit, actor: &str) -> Result<(), StoreError> {
        let mut tx = self.db().begin_write().await?;
        sql("INSERT INTO units (id, name, head) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name, head = excluded.head")
        .bind(&unit.id)
        .bind(&unit.name)
        .bind(&unit.head)
        .execute(&mut tx)
        .await?;
        audit::append(
            &mut tx,
            Entry {
                actor,
                action: "unit.upsert",
                pack_id: None,
                revision: None,
                content_hash: None,
                detail: json!({ "id": unit.id, "name": unit.name, "head": unit.head }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Adds a user, or updates name, unit and role.
    pub async fn upsert_user(&self, user: &User, actor: &str) -> Result<(), StoreError> {
        let mut tx = self.db().begin_write().await?;
        ensure_unit(&mut tx, &user.unit_id).await?;
        upsert_user_row(&mut tx, user).await?;
        audit::append(
            &mut tx,
            Entry {
                actor,
                action: "user.upsert",
                pack_id: None,
                revision: None,
                content_hash: None,
                detail: json!({ "id": user.id, "name": user.name, "unit_id": user.unit_id, "role": user.role }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every unit, by id.
    pub async fn list_units(&self) -> Result<Vec<Unit>, StoreError> {
        let rows = sql("SELECT id, name, head FROM units ORDER BY id")
            .fetch_all(self.db())
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Unit {
                    id: r.get("id")?,
                    name: r.get("name")?,
                    head: r.get("head")?,
                })
            })
            .collect()
    }

    /// Every user, by id.
    pub async fn list_users(&self) -> Result<Vec<User>, StoreError> {
        let rows = sql("SELECT id, name, unit_id, role FROM users ORDER BY id")
            .fetch_all(self.db())
            .await?;
        rows.iter()
            .map(|r| {
                let role: String = r.get("role")?;
                Ok(User {
                    id: r.get("id")?,
                    name: r.get("name")?,
                    unit_id: r.get("unit_id")?,
                    role: Role::parse(&role).ok_or_else(|| StoreError::Corrupt {
                        what: format!("用户 user role “{role}”"),
                    })?,
                })
            })
            .collect()
    }
}
