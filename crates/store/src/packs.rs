//! Packs and their revisions. Every save is a new immutable revision; nothing is overwritten.

use crate::audit::{self, now_text, parse_time, Entry};
use crate::db::{sql, Engine, Tx};
use crate::error::StoreError;
use crate::search;
use crate::Store;
use chrono::{DateTime, Utc};
use jiedu_core::pack::{Deployment, Pack, PackContent, PackState, SignRecord};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A pack to create.
#[derive(Debug, Clone)]
pub struct NewPack {
    /// Stable id.
    pub id: String,
    /// Owning unit.
    pub unit_id: String,
    /// Initial content.
    pub content: PackContent,
}

/// A pack as listed: enough to choose one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackSummary {
    /// Stable id.
    pub id: String,
    /// Policy title.
    pub title: String,
    /// Workflow state.
    pub state: PackState,
    /// Owning unit id.
    pub unit_id: String,
    /// Owning unit name.
    pub unit_name: String,
    /// Current revision.
    pub revision: i64,
    /// Content hash of the current revision.
    pub content_hash: String,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// One revision as listed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevisionInfo {
    /// Revision number, from 1.
    pub revision: i64,
    /// Its content hash.
    pub content_hash: String,
    /// Who saved it.
    pub author: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// The outcome of a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedRevision {
    /// The pack.
    pub pack_id: String,
    /// The current revision after the save.
    pub revision: i64,
    /// Its content hash.
    pub content_hash: String,
    /// Whether a new revision was written (false when the content was unchanged).
    pub changed: bool,
}

fn corrupt(pack_id: &str, revision: i64, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        what: format!("解读包 pack {pack_id} 第 {revision} 版 revision: {e}"),
    }
}

/// A revision's content made ready before the write lock is taken: its hash, the JSON stored
/// and its search tokens. Every writer holds the database's one lock, so CPU work done before it
/// does not queue the other writers.
pub(crate) struct Prepared {
    /// The content hash.
    pub hash: String,
    json: String,
    pub tokens: search::Tokens,
}

impl Prepared {
    /// Hashes, serialises and tokenises `content` for the `engine`'s search index.
    pub fn new(
        pack_id: &str,
        content: &PackContent,
        engine: Engine,
    ) -> Result<Prepared, StoreError> {
        Ok(Prepared {
            hash: jiedu_core::content_hash(content).0,
            json: serde_json::to_string(content).map_err(|e| corrupt(pack_id, 0, e))?,
            tokens: search::Tokens::new(content, engine),
        })
    }
}

pub(crate) async fn insert_revision(
    conn: &mut Tx,
    pack_id: &str,
    revision: i64,
    prepared: &Prepared,
    author: &str,
    at: &str,
) -> Result<(), StoreError> {
    sql(
        "INSERT INTO revisions (pack_id, revision, content, content_hash, author, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(pack_id)
    .bind(revision)
    .bind(&prepared.json)
    .bind(&prepared.hash)
    .bind(author)
    .bind(at)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The pack's row id, current revision, content hash and state.
async fn pack_seq(conn: &mut Tx, id: &str) -> Result<(i64, i64, String, String), StoreError> {
    let row = sql("SELECT seq, current_revision, content_hash, state FROM packs WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::PackNotFound { id: id.to_string() })?;
    Ok((row.at(0)?, row.at(1)?, row.at(2)?, row.at(3)?))
}

/// Refuses to act on `base` unless it is the pack's current revision: a save or a step built on
/// an older revision would silently undo or bypass what was saved since. The error names who
/// saved the current revision and when.
pub(crate) async fn require_current(
    conn: &mut Tx,
    pack_id: &str,
    base: i64,
    current: i64,
) -> Result<(), StoreError> {
    if base == current {
        return Ok(());
    }
    if base < 1 || base > current {
        return Err(StoreError::NoSuchRevision {
            pack: pack_id.to_string(),
            revision: base,
            current,
        });
    }
    let row = sql("SELECT author, created_at FROM revisions WHERE pack_id = $1 AND revision = $2")
        .bind(pack_id)
        .bind(current)
        .fetch_optional(&mut *conn)
        .await?;
    let (saved_by, saved_at) = match row {
        Some(row) => (row.get("author")?, row.get("created_at")?),
        None => (String::new(), String::new()),
    };
    Err(StoreError::Conflict {
        pack: pack_id.to_string(),
        base,
        current,
        saved_by,
        saved_at,
        draft_kept: false,
    })
}

/// Whether `id` can name a pack: non-empty ASCII letters, digits, `-`, `_` and `.`, never a
/// path. Exports are named after the id, so this keeps them inside the output folder.
pub fn is_valid_pack_id(id: &str) -> bool {
    !id.is_empty()
        && id != "."
        && id != ".."
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl Store {
    /// Creates a pack with its first revision, indexes it and records the event.
    pub async fn create_pack(
        &self,
        new: &NewPack,
        actor: &str,
    ) -> Result<SavedRevision, StoreError> {
        if !is_valid_pack_id(&new.id) {
            return Err(StoreError::BadPackId { id: new.id.clone() });
        }
        let prepared = Prepared::new(&new.id, &new.content, self.engine())?;
        let mut tx = self.db().begin_write().await?;
        crate::media::check_references(&mut tx, &new.content).await?;
        let exists: Option<i64> = sql("SELECT seq FROM packs WHERE id = $1")
            .bind(&new.id)
            .scalar_optional(&mut tx)
            .await?;
        if exists.is_some() {
            return Err(StoreError::PackExists { id: new.id.clone() });
        }
        let unit: Option<String> = sql("SELECT id FROM units WHERE id = $1")
            .bind(&new.unit_id)
            .scalar_optional(&mut tx)
            .await?;
        if unit.is_none() {
            return Err(StoreError::UnitNotFound {
                id: new.unit_id.clone(),
            });
        }
        let hash = prepared.hash.clone();
        let at = now_text();
        let seq: i64 = sql(
            "INSERT INTO packs (id, unit_id, title, state, current_revision, content_hash, created_at, updated_at)
             VALUES ($1, $2, $3, 'drafting', 1, $4, $5, $6) RETURNING seq",
        )
        .bind(&new.id)
        .bind(&new.unit_id)
        .bind(&new.content.policy.title)
        .bind(&hash)
        .bind(&at)
        .bind(&at)
        .scalar(&mut tx)
        .await?;
        insert_revision(&mut tx, &new.id, 1, &prepared, actor, &at).await?;
        search::index(&mut tx, seq, &prepared.tokens).await?;
        audit::append(
            &mut tx,
            Entry {
                actor,
                action: "pack.create",
                pack_id: Some(&new.id),
                revision: Some(1),
                content_hash: Some(&hash),
                detail: json!({ "title": new.content.policy.title }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(SavedRevision {
            pack_id: new.id.clone(),
            revision: 1,
            content_hash: hash,
            changed: true,
        })
    }

    /// Saves new content as the next revision of `base`, which must be the current revision.
    /// Unchanged content writes nothing. Content built on an older revision is refused with
    /// [`StoreError::Conflict`] and kept as the actor's draft, so nothing typed is lost.
    pub async fn save_content(
        &self,
        pack_id: &str,
        base: i64,
        content: &PackContent,
        actor: &str,
    ) -> Result<SavedRevision, StoreError> {
        let prepared = Prepared::new(pack_id, content, self.engine())?;
        let hash = prepared.hash.clone();
        let mut tx = self.db().begin_write().await?;
        crate::media::check_references(&mut tx, content).await?;
        let (seq, current, current_hash, state_text) = pack_seq(&mut tx, pack_id).await?;
        if base >= 1 && base <= current && hash == current_hash {
            return Ok(SavedRevision {
                pack_id: pack_id.to_string(),
                revision: current,
                content_hash: hash,
                changed: false,
            });
        }
        if let Err(mut refused) = require_current(&mut tx, pack_id, base, current).await {
            if let StoreError::Conflict { draft_kept, .. } = &mut refused {
                *draft_kept =
                    crate::drafts::keep_refused(&mut tx, pack_id, actor, base, &prepared.json)
                        .await?;
                tx.commit().await?;
            }
            return Err(refused);
        }
        // An edit returns a returned pack to drafting; an edit of a signed pack voids its
        // signature (the row stays, marked void) and returns it to drafting. A submitted or
        // deployed pack cannot be edited.
        let state = PackState::parse(&state_text)
            .ok_or_else(|| corrupt(pack_id, current, format!("state {state_text}")))?;
        let next = jiedu_core::workflow::next_state(state, jiedu_core::workflow::Step::Edit)?;
        let revision = current + 1;
        let at = now_text();
        insert_revision(&mut tx, pack_id, revision, &prepared, actor, &at).await?;
        sql(
            "UPDATE packs SET title = $1, state = $2, current_revision = $3, content_hash = $4, updated_at = $5 WHERE seq = $6",
        )
        .bind(&content.policy.title)
        .bind(next.as_str())
        .bind(revision)
        .bind(&hash)
        .bind(&at)
        .bind(seq)
        .execute(&mut tx)
        .await?;
        search::index(&mut tx, seq, &prepared.tokens).await?;
        audit::append(
            &mut tx,
            Entry {
                actor,
                action: "pack.save",
                pack_id: Some(pack_id),
                revision: Some(revision),
                content_hash: Some(&hash),
                detail: json!({ "previous_hash": current_hash, "from": state, "to": next }),
            },
        )
        .await?;
        if state == PackState::Signed {
            crate::workflow::void_signatures(
                &mut tx,
                pack_id,
                revision,
                &hash,
                actor,
                "审签后内容被修改，签名失效。The content changed after signing.",
            )
            .await?;
        }
        tx.commit().await?;
        Ok(SavedRevision {
            pack_id: pack_id.to_string(),
            revision,
            content_hash: hash,
            changed: true,
        })
    }

    /// Whether a pack with this id exists.
    pub async fn pack_exists(&self, id: &str) -> Result<bool, StoreError> {
        let found: Option<i64> = sql("SELECT seq FROM packs WHERE id = $1")
            .bind(id)
            .scalar_optional(self.db())
            .await?;
        Ok(found.is_some())
    }

    /// Loads a pack at its current revision, with its valid signature and deployment.
    pub async fn get_pack(&self, id: &str) -> Result<Pack, StoreError> {
        let row = sql(
            "SELECT p.id, p.unit_id, p.state, p.current_revision, r.content
             FROM packs p JOIN revisions r ON r.pack_id = p.id AND r.revision = p.current_revision
             WHERE p.id = $1",
        )
        .bind(id)
        .fetch_optional(self.db())
        .await?
        .ok_or_else(|| StoreError::PackNotFound { id: id.to_string() })?;
        let revision: i64 = row.get("current_revision")?;
        let state_text: String = row.get("state")?;
        let state = PackState::parse(&state_text)
            .ok_or_else(|| corrupt(id, revision, format!("state {state_text}")))?;
        let body: String = row.get("content")?;
        let content: PackContent =
            serde_json::from_str(&body).map_err(|e| corrupt(id, revision, e))?;
        let signature = self.valid_signature(id).await?;
        let deployment = self.latest_deployment(id).await?;
        Ok(Pack {
            id: row.get("id")?,
            unit_id: row.get("unit_id")?,
            state,
            revision,
            content,
            signature,
            deployment,
        })
    }

    /// The content of one past revision.
    pub async fn revision_content(
        &self,
        id: &str,
        revision: i64,
    ) -> Result<PackContent, StoreError> {
        let body: String =
            sql("SELECT content FROM revisions WHERE pack_id = $1 AND revision = $2")
                .bind(id)
                .bind(revision)
                .scalar_optional(self.db())
                .await?
                .ok_or_else(|| StoreError::PackNotFound {
                    id: format!("{id}@{revision}"),
                })?;
        serde_json::from_str(&body).map_err(|e| corrupt(id, revision, e))
    }

    /// Every revision of a pack, oldest first.
    pub async fn revisions(&self, id: &str) -> Result<Vec<RevisionInfo>, StoreError> {
        let rows = sql(
            "SELECT revision, content_hash, author, created_at FROM revisions WHERE pack_id = $1 ORDER BY revision",
        )
        .bind(id)
        .fetch_all(self.db())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(RevisionInfo {
                    revision: r.get("revision")?,
                    content_hash: r.get("content_hash")?,
                    author: r.get("author")?,
                    created_at: parse_time(&r.get::<String>("created_at")?)?,
                })
            })
            .collect()
    }

    /// Every pack, most recently changed first.
    pub async fn list_packs(&self) -> Result<Vec<PackSummary>, StoreError> {
        let rows = sql(
            "SELECT p.id, p.title, p.state, p.unit_id, u.name AS unit_name, p.current_revision,
                    p.content_hash, p.updated_at
             FROM packs p JOIN units u ON u.id = p.unit_id
             ORDER BY p.updated_at DESC, p.id",
        )
        .fetch_all(self.db())
        .await?;
        rows.iter()
            .map(|r| {
                let id: String = r.get("id")?;
                let revision: i64 = r.get("current_revision")?;
                let state_text: String = r.get("state")?;
                Ok(PackSummary {
                    state: PackState::parse(&state_text)
                        .ok_or_else(|| corrupt(&id, revision, format!("state {state_text}")))?,
                    title: r.get("title")?,
                    unit_id: r.get("unit_id")?,
                    unit_name: r.get("unit_name")?,
                    revision,
                    content_hash: r.get("content_hash")?,
                    updated_at: parse_time(&r.get::<String>("updated_at")?)?,
                    id,
                })
            })
            .collect()
    }

    async fn valid_signature(&self, id: &str) -> Result<Option<SignRecord>, StoreError> {
        self.latest_record(
            "SELECT record FROM signatures WHERE pack_id = $1 AND voided_at IS NULL ORDER BY id DESC LIMIT 1",
            id,
        )
        .await
    }

    async fn latest_deployment(&self, id: &str) -> Result<Option<Deployment>, StoreError> {
        self.latest_record(
            "SELECT record FROM deployments WHERE pack_id = $1 ORDER BY id DESC LIMIT 1",
            id,
        )
        .await
    }

    /// Reads one JSON record column selected by `sql` for the pack `id`.
    async fn latest_record<T: serde::de::DeserializeOwned>(
        &self,
        statement: &'static str,
        id: &str,
    ) -> Result<Option<T>, StoreError> {
        let record: Option<String> = sql(statement).bind(id).scalar_optional(self.db()).await?;
        record
            .map(|r| serde_json::from_str(&r).map_err(|e| corrupt(id, 0, e)))
            .transpose()
    }
}

impl Store {
    /// Creates a pack as the signed-in user, who must be allowed to edit packs of its unit.
    pub async fn create_pack_as(
        &self,
        session: &crate::Session,
        new: &NewPack,
    ) -> Result<SavedRevision, StoreError> {
        jiedu_core::permissions::authorize(
            session.user(),
            jiedu_core::permissions::Action::Edit,
            Some(&new.unit_id),
        )
        .map_err(|e| StoreError::Workflow(jiedu_core::workflow::WorkflowError::Permission(e)))?;
        self.create_pack(new, &session.user().id).await
    }
}
