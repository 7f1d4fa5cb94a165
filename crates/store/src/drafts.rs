//! Autosaved drafts: the editor's unsaved content, kept per pack and user so that a crash or a
//! closed window loses nothing. A draft is not a revision: it is never signed, hashed into the
//! audit chain or shown to anyone but its author.

use crate::accounts::Session;
use crate::audit::{now_text, parse_time};
use crate::error::StoreError;
use crate::Store;
use chrono::{DateTime, Utc};
use jiedu_core::pack::PackContent;
use serde::{Deserialize, Serialize};
use sqlx::Row;

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
        sqlx::query(
            "INSERT INTO drafts (pack_id, user_id, base_revision, content, saved_at) VALUES (?, ?, ?, ?, ?)
             ON CONFLICT (pack_id, user_id) DO UPDATE SET base_revision = excluded.base_revision,
             content = excluded.content, saved_at = excluded.saved_at",
        )
        .bind(pack_id)
        .bind(&session.user().id)
        .bind(base_revision)
        .bind(json)
        .bind(&at)
        .execute(self.pool())
        .await?;
        parse_time(&at)
    }

    /// The signed-in user's draft of `pack_id`, if one is kept.
    pub async fn draft(
        &self,
        session: &Session,
        pack_id: &str,
    ) -> Result<Option<Draft>, StoreError> {
        let row = sqlx::query(
            "SELECT base_revision, content, saved_at FROM drafts WHERE pack_id = ? AND user_id = ?",
        )
        .bind(pack_id)
        .bind(&session.user().id)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let text: String = row.try_get("content")?;
        let content = serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
            what: format!("草稿 draft of {pack_id}: {e}"),
        })?;
        Ok(Some(Draft {
            pack_id: pack_id.to_string(),
            base_revision: row.try_get("base_revision")?,
            content,
            saved_at: parse_time(&row.try_get::<String, _>("saved_at")?)?,
        }))
    }

    /// Forgets the signed-in user's draft of `pack_id` (after a save, or when discarded).
    pub async fn discard_draft(&self, session: &Session, pack_id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM drafts WHERE pack_id = ? AND user_id = ?")
            .bind(pack_id)
            .bind(&session.user().id)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
