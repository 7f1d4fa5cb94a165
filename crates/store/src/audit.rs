//! The append-only, hash-chained audit log. Each row's hash covers its fields and the previous
//! row's hash, so removing, reordering or editing any row breaks the chain at that row.

use crate::db::{sql, sql_owned, Row, Tx};
use crate::error::StoreError;
use crate::Store;
use chrono::{DateTime, SecondsFormat, Utc};
use jiedu_core::hash::{canonical_json, hash_value};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// The `prev_hash` of the first row.
const GENESIS: &str = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

/// One event in the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditEvent {
    /// Position in the log.
    pub seq: i64,
    /// When it happened (RFC 3339, UTC).
    pub at: String,
    /// Who did it (a user id, or `system`).
    pub actor: String,
    /// What was done, e.g. `pack.create`, `pack.save`, `pack.sign`.
    pub action: String,
    /// The pack concerned.
    pub pack_id: Option<String>,
    /// The revision concerned.
    pub revision: Option<i64>,
    /// The content hash at the time.
    pub content_hash: Option<String>,
    /// Event-specific details.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub detail: Value,
    /// Hash of the previous row.
    pub prev_hash: String,
    /// Hash of this row.
    pub hash: String,
}

/// The result of checking the whole chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AuditVerification {
    /// Rows checked.
    pub rows: usize,
    /// The first row that does not chain, with the reason.
    pub first_broken: Option<BrokenRow>,
}

/// A row whose hash or link is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BrokenRow {
    /// Its position.
    pub seq: i64,
    /// Why it is broken (Chinese, then English).
    pub reason: String,
}

/// What a writer records; the store adds time and chain.
pub(crate) struct Entry<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub pack_id: Option<&'a str>,
    pub revision: Option<i64>,
    pub content_hash: Option<&'a str>,
    pub detail: Value,
}

fn row_hash(prev_hash: &str, at: &str, entry: &Entry<'_>) -> String {
    hash_value(&json!({
        "prev_hash": prev_hash,
        "at": at,
        "actor": entry.actor,
        "action": entry.action,
        "pack_id": entry.pack_id,
        "revision": entry.revision,
        "content_hash": entry.content_hash,
        "detail": entry.detail,
    }))
    .0
}

/// Appends one event inside the caller's (IMMEDIATE) transaction.
pub(crate) async fn append(conn: &mut Tx, entry: Entry<'_>) -> Result<(), StoreError> {
    let prev_hash: Option<String> = sql("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        .scalar_optional(&mut *conn)
        .await?;
    let prev_hash = prev_hash.unwrap_or_else(|| GENESIS.to_string());
    let at = now_text();
    let hash = row_hash(&prev_hash, &at, &entry);
    sql(
        "INSERT INTO audit_log (at, actor, action, pack_id, revision, content_hash, detail, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&at)
    .bind(entry.actor)
    .bind(entry.action)
    .bind(entry.pack_id)
    .bind(entry.revision)
    .bind(entry.content_hash)
    .bind(canonical_json(&entry.detail))
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The current time in the one textual form used everywhere in the database.
pub(crate) fn now_text() -> String {
    time_text(Utc::now())
}

/// A time in the one textual form used everywhere in the database.
pub(crate) fn time_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Parses a time written by [`now_text`].
pub(crate) fn parse_time(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt {
            what: format!("时间 time “{text}”: {e}"),
        })
}

pub(crate) fn event_from_row(row: &Row) -> Result<AuditEvent, StoreError> {
    let detail_text: String = row.get("detail")?;
    let seq: i64 = row.get("seq")?;
    let detail = serde_json::from_str(&detail_text).map_err(|e| StoreError::Corrupt {
        what: format!("audit_log #{seq} detail: {e}"),
    })?;
    Ok(AuditEvent {
        seq,
        at: row.get("at")?,
        actor: row.get("actor")?,
        action: row.get("action")?,
        pack_id: row.get("pack_id")?,
        revision: row.get("revision")?,
        content_hash: row.get("content_hash")?,
        detail,
        prev_hash: row.get("prev_hash")?,
        hash: row.get("hash")?,
    })
}

pub(crate) const SELECT_EVENTS: &str = "SELECT seq, at, actor, action, pack_id, revision, content_hash, detail, prev_hash, hash FROM audit_log";

impl Store {
    /// The events of one pack, oldest first.
    pub async fn audit_for_pack(&self, pack_id: &str) -> Result<Vec<AuditEvent>, StoreError> {
        let rows = sql(
            "SELECT seq, at, actor, action, pack_id, revision, content_hash, detail, prev_hash, hash
             FROM audit_log WHERE pack_id = $1 ORDER BY seq",
        )
        .bind(pack_id)
        .fetch_all(self.db())
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// Checks every row's hash and link, oldest first, and names the first broken row.
    pub async fn verify_audit(&self) -> Result<AuditVerification, StoreError> {
        let rows = sql_owned(format!("{SELECT_EVENTS} ORDER BY seq"))
            .fetch_all(self.db())
            .await?;
        let mut expected_prev = GENESIS.to_string();
        for (i, row) in rows.iter().enumerate() {
            let seq: i64 = row.get("seq")?;
            let broken = |reason: &str| {
                Ok(AuditVerification {
                    rows: i,
                    first_broken: Some(BrokenRow {
                        seq,
                        reason: reason.to_string(),
                    }),
                })
            };
            let event = match event_from_row(row) {
                Ok(e) => e,
                Err(_) => return broken("记录无法解析。\nThe row cannot be parsed."),
            };
            if event.prev_hash != expected_prev {
                return broken("与上一条记录的链接断开（记录被删除、插入或改动）。\nThe link to the previous row is broken (a row was removed, inserted or changed).");
            }
            let entry = Entry {
                actor: &event.actor,
                action: &event.action,
                pack_id: event.pack_id.as_deref(),
                revision: event.revision,
                content_hash: event.content_hash.as_deref(),
                detail: event.detail.clone(),
            };
            if row_hash(&event.prev_hash, &event.at, &entry) != event.hash {
                return broken("记录内容与其哈希不符（记录被改动）。\nThe row does not match its hash (it was changed).");
            }
            expected_prev = event.hash;
        }
        Ok(AuditVerification {
            rows: rows.len(),
            first_broken: None,
        })
    }
}
