//! Autosaved drafts: the editor's unsaved content, kept per pack and user so that a crash or a
//! closed window loses nothing. A draft is not a revision: it is never signed, hashed into the
//! audit chain or shown to anyone but its author.

use crate::accounts::Session;
use crate::audit::{now_text, parse_time};
use crate::db::{sql, Tx};
use crate::error::StoreError;
use crate::Store;
use chrono::{DateTime, Utc};
use jiedu_core::pack::PackContent;
use serde::{Deserialize, Serialize};

/// A draft as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Draft {
    /// The pack.
    pub pack_id: String,
    /// The revision the draft was started from; older than the current one means someone
    /// saved in between.
    pub base_revision: i64,
    /// The unsaved content.
    pub content: PackContent,
    /// When it was last autosaved.
    pub saved_at: DateTime<Utc>,
}

/// Keeps content that a save refused (its stored JSON) as `actor`'s draft of the pack, inside
/// the refusing transaction; whether it was kept. An actor that is not a person (an import,
/// `system`) has no drafts.
pub(crate) async fn keep_refused(
    conn: &mut Tx,
    pack_id: &str,
    actor: &str,
    base: i64,
    content_json: &str,
) -> Result<bool, StoreError> {
    let person: Option<String> = sql("SELECT id FROM users WHERE id = $1")
        .bind(actor)
        .scalar_optional(&mut *conn)
        .await?;
    if person.is_none() {
        return Ok(false);
    }
    sql(UPSERT_DRAFT)
        .bind(pack_id)
        .bind(actor)
        .bind(base)
        .bind(content_json)
        .bind(now_text())
        .execute(&mut *conn)
        .await?;
    Ok(true)
}

const UPSERT_DRAFT: &str = "INSERT INTO drafts (pack_id, user_id, base_revision, content, saved_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (pack_id, user_id) DO UPDATE SET base_revision = excluded.base_revision,
     content = excluded.content, saved_at = excluded.saved_at";

impl Store {
    /// Keeps `content` as the signed-in user's draft of `pack_id`, replacing any earlier one.
    pub async fn save_draft(
        &self,
        session: &Session,
        pack_id: &str,
        base_revision: i64,
        content: &PackContent,
    ) -> Result<DateTime<Utc>, StoreError> {
        // Refuses drafts of packs that do not exist, with the usual not-found error.
        self.get_pack(pack_id).await?;
        let at = now_text();
        let json = serde_json::to_string(content).map_err(|e| StoreError::Corrupt {
            what: format!("草稿 draft of {pack_id}: {e}"),
        })?;
        sql(UPSERT_DRAFT)
            .bind(pack_id)
            .bind(&session.user().id)
            .bind(base_revision)
            .bind(json)
            .bind(&at)
            .execute(self.db())
            .await?;
        parse_time(&at)
    }

    /// The signed-in user's draft of `pack_id`, if one is kept.
    pub async fn draft(
        &self,
        session: &Session,
        pack_id: &str,
    ) -> Result<Option<Draft>, StoreError> {
        let row = sql(
            "SELECT base_revision, content, saved_at FROM drafts WHERE pack_id = $1 AND user_id = $2",
        )
        .bind(pack_id)
        .bind(&session.user().id)
        .fetch_optional(self.db())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let text: String = row.get("content")?;
        let content = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
            what: format!("草稿 draft of {pack_id}: {e}"),
        })?;
        Ok(Some(Draft {
            pack_id: pack_id.to_string(),
            base_revision: row.get("base_revision")?,
            content,
            saved_at: parse_time(&row.get::<String>("saved_at")?)?,
        }))
    }

    /// Forgets the signed-in user's draft of `pack_id` (after a save, or when discarded).
    pub async fn discard_draft(&self, session: &Session, pack_id: &str) -> Result<(), StoreError> {
        sql("DELETE FROM drafts WHERE pack_id = $1 AND user_id = $2")
            .bind(pack_id)
            .bind(&session.user().id)
            .execute(self.db())
            .await?;
        Ok(())
    }
}
