//! The workflow steps on stored packs: submit, return with comments, resolve, openness review,
//! sign and deploy. Each step loads the pack inside its `BEGIN IMMEDIATE` transaction, asks the
//! core whether the signed-in user may take it ([`jiedu_core::plan_step`]), writes the change
//! and its audit row, and commits them together.

use crate::accounts::Session;
use crate::audit::{self, now_text, parse_time, Entry};
use crate::db::{sql, sql_owned, Row, Tx};
use crate::desktop_keys::SignedSubmission;
use crate::error::StoreError;
use crate::packs::{insert_revision, require_current, Prepared, SavedRevision};
use crate::{search, Store};
use chrono::{DateTime, Utc};
use jiedu_core::disclosure::OpennessReview;
use jiedu_core::pack::{Deployment, Pack, PackContent, PackState, SignRecord};
use jiedu_core::parts::Part;
use jiedu_core::plan::Channel;
use jiedu_core::signing::{self, SignedRecord};
use jiedu_core::workflow::{plan_deployment, plan_step, Step, WorkflowError};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Audit actions after which the leader has seen a revision.
/// The steps in which a leader reviewed a revision. A submission is not one: the submitted
/// revision is the one under review, so counting it would always show an empty diff.
/// How far a desktop's signing time may be from the server's clock.
const MAX_CLOCK_SKEW_MINUTES: i64 = 10;

const REVIEW_ACTIONS: &str = "('pack.return', 'pack.sign')";

/// What a step did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StepOutcome {
    /// The pack.
    pub pack_id: String,
    /// The step taken.
    pub step: Step,
    /// State before.
    pub from: PackState,
    /// State after.
    pub to: PackState,
    /// The revision concerned.
    pub revision: i64,
    /// Its content hash.
    pub content_hash: String,
}

/// A leader's comment on a part of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comment {
    /// Id, unique in the database.
    pub id: i64,
    /// The pack.
    pub pack_id: String,
    /// The revision the leader commented on.
    pub revision: i64,
    /// Who wrote it.
    pub author: String,
    /// The part it is attached to.
    pub part: Part,
    /// The text.
    pub body: String,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// When it was resolved, if it was.
    pub resolved_at: Option<DateTime<Utc>>,
    /// Who resolved it.
    pub resolved_by: Option<String>,
    /// The revision current when it was resolved.
    pub resolved_revision: Option<i64>,
}

/// A signature with its fate: valid, or voided by a later edit (kept in history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignatureEntry {
    /// The record as signed.
    pub record: SignRecord,
    /// When it was voided.
    pub voided_at: Option<DateTime<Utc>>,
    /// Why.
    pub void_reason: Option<String>,
}

/// A revision whose stored content does not match its recorded hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevisionProblem {
    /// The pack.
    pub pack_id: String,
    /// The revision.
    pub revision: i64,
    /// What does not match (Chinese, then English).
    pub reason: String,
}

/// The result of checking every stored revision against its hash and the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevisionVerification {
    /// Revisions checked.
    pub revisions: usize,
    /// The first revision that does not match.
    pub first_broken: Option<RevisionProblem>,
}

fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        what: what.to_string(),
    }
}

/// Loads a pack inside a transaction: its row id and the pack with its valid signature and
/// latest deployment.
pub(crate) async fn load_pack(conn: &mut Tx, id: &str) -> Result<(i64, Pack), StoreError> {
    let row = sql(
        "SELECT p.seq, p.unit_id, p.state, p.current_revision, r.content
         FROM packs p JOIN revisions r ON r.pack_id = p.id AND r.revision = p.current_revision
         WHERE p.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::PackNotFound { id: id.to_string() })?;
    let state_text: String = row.get("state")?;
    let state = PackState::parse(&state_text)
        .ok_or_else(|| corrupt(format!("解读包 pack {id} state {state_text}")))?;
    let content: PackContent = serde_json::from_str(&row.get::<String>("content")?)
        .map_err(|e| corrupt(format!("解读包 pack {id}: {e}")))?;
    let signature: Option<String> = sql(
        "SELECT record FROM signatures WHERE pack_id = $1 AND voided_at IS NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(id)
    .scalar_optional(&mut *conn)
    .await?;
    let deployment: Option<String> =
        sql("SELECT record FROM deployments WHERE pack_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(id)
            .scalar_optional(&mut *conn)
            .await?;
    let parse = |text: String| corrupt(format!("解读包 pack {id}: {text}"));
    Ok((
        row.get("seq")?,
        Pack {
            id: id.to_string(),
            unit_id: row.get("unit_id")?,
            state,
            revision: row.get("current_revision")?,
            content,
            signature: signature
                .map(|s| serde_json::from_str(&s).map_err(|e| parse(e.to_string())))
                .transpose()?,
            deployment: deployment
                .map(|s| serde_json::from_str(&s).map_err(|e| parse(e.to_string())))
                .transpose()?,
        },
    ))
}

/// Loads a pack inside a transaction for a step on `revision`, which must be the current one
/// ([`StoreError::Conflict`] otherwise): a step acts on exactly the revision its user saw.
async fn load_current(conn: &mut Tx, id: &str, revision: i64) -> Result<(i64, Pack), StoreError> {
    let (seq, pack) = load_pack(conn, id).await?;
    require_current(conn, id, revision, pack.revision).await?;
    Ok((seq, pack))
}

async fn set_state(conn: &mut Tx, seq: i64, state: PackState) -> Result<(), StoreError> {
    sql("UPDATE packs SET state = $1, updated_at = $2 WHERE seq = $3")
        .bind(state.as_str())
        .bind(now_text())
        .bind(seq)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn open_comment_ids(conn: &mut Tx, pack_id: &str) -> Result<Vec<i64>, StoreError> {
    Ok(
        sql("SELECT id FROM comments WHERE pack_id = $1 AND resolved_at IS NULL ORDER BY id")
            .bind(pack_id)
            .scalars(&mut *conn)
            .await?,
    )
}

/// Voids every valid signature of a pack (keeping the rows) and records it, inside the caller's
/// transaction. Returns the ids voided.
pub(crate) async fn void_signatures(
    conn: &mut Tx,
    pack_id: &str,
    revision: i64,
    hash: &str,
    actor: &str,
    reason: &str,
) -> Result<Vec<i64>, StoreError> {
    let ids: Vec<i64> =
        sql("SELECT id FROM signatures WHERE pack_id = $1 AND voided_at IS NULL ORDER BY id")
            .bind(pack_id)
            .scalars(&mut *conn)
            .await?;
    if ids.is_empty() {
        return Ok(ids);
    }
    sql(
        "UPDATE signatures SET voided_at = $1, void_reason = $2 WHERE pack_id = $3 AND voided_at IS NULL",
    )
    .bind(now_text())
    .bind(reason)
    .bind(pack_id)
    .execute(&mut *conn)
    .await?;
    audit::append(
        conn,
        Entry {
            actor,
            action: "pack.signature_void",
            pack_id: Some(pack_id),
            revision: Some(revision),
            content_hash: Some(hash),
            detail: json!({ "signatures": ids, "reason": reason }),
        },
    )
    .await?;
    Ok(ids)
}

fn comment_from_row(row: &Row) -> Result<Comment, StoreError> {
    let part_text: String = row.get("part")?;
    let time = |col: &str| -> Result<Option<DateTime<Utc>>, StoreError> {
        row.get::<Option<String>>(col)?
            .map(|t| parse_time(&t))
            .transpose()
    };
    Ok(Comment {
        id: row.get("id")?,
        pack_id: row.get("pack_id")?,
        revision: row.get("revision")?,
        author: row.get("author")?,
        part: Part::parse(&part_text).map_err(|e| corrupt(e.to_string()))?,
        body: row.get("body")?,
        created_at: parse_time(&row.get::<String>("created_at")?)?,
        resolved_at: time("resolved_at")?,
        resolved_by: row.get("resolved_by")?,
        resolved_revision: row.get("resolved_revision")?,
    })
}

const COMMENT_COLUMNS: &str =
    "id, pack_id, revision, author, part, body, created_at, resolved_at, resolved_by, resolved_revision";

impl Store {
    /// Saves new content for the signed-in drafter (own unit only). See
    /// [`Store::save_content`] for what an edit does to the workflow state.
    pub async fn save_as(
        &self,
        session: &Session,
        pack_id: &str,
        base: i64,
        content: &PackContent,
    ) -> Result<SavedRevision, StoreError> {
        let pack = self.get_pack(pack_id).await?;
        jiedu_core::permissions::authorize(
            session.user(),
            jiedu_core::permissions::Action::Edit,
            Some(&pack.unit_id),
        )
        .map_err(WorkflowError::from)?;
        let saved = self
            .save_content(pack_id, base, content, &session.user().id)
            .await?;
        // The draft is now a revision; keeping it would offer to restore what is already saved.
        self.discard_draft(session, pack_id).await?;
        Ok(saved)
    }

    /// Submits `revision` of a pack for sign-off: the gate rules must pass and the leader's
    /// comments be resolved. Like every step, refused with [`StoreError::Conflict`] when
    /// `revision` is no longer the current one.
    pub async fn submit(
        &self,
        session: &Session,
        pack_id: &str,
        revision: i64,
    ) -> Result<StepOutcome, StoreError> {
        let mut tx = self.db().begin_write().await?;
        let (seq, pack) = load_current(&mut tx, pack_id, revision).await?;
        let open = open_comment_ids(&mut tx, pack_id).await?;
        let to = plan_step(session.user(), Step::Submit, &pack, &open)?;
        set_state(&mut tx, seq, to).await?;
        let outcome = outcome(&pack, Step::Submit, to);
        audit::append(
            &mut tx,
            entry(&outcome, &session.user().id, "pack.submit", json!({})),
        )
        .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Returns `revision` of a submitted pack to the drafter with a comment on one part.
    pub async fn return_pack(
        &self,
        session: &Session,
        pack_id: &str,
        revision: i64,
        part: &Part,
        body: &str,
    ) -> Result<(StepOutcome, Comment), StoreError> {
        let body = body.trim();
        let mut tx = self.db().begin_write().await?;
        let (seq, pack) = load_current(&mut tx, pack_id, revision).await?;
        let to = plan_step(session.user(), Step::Return, &pack, &[])?;
        if body.is_empty() {
            return Err(StoreError::EmptyComment);
        }
        if !part.exists_in(&pack.content) {
            return Err(StoreError::PartNotFound {
                pack: pack_id.to_string(),
                part: part.to_string(),
            });
        }
        let at = now_text();
        let id: i64 = sql(
            "INSERT INTO comments (pack_id, revision, author, part, body, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(pack_id)
        .bind(pack.revision)
        .bind(&session.user().id)
        .bind(part.to_string())
        .bind(body)
        .bind(&at)
        .scalar(&mut tx)
        .await?;
        set_state(&mut tx, seq, to).await?;
        let outcome = outcome(&pack, Step::Return, to);
        audit::append(
            &mut tx,
            entry(
                &outcome,
                &session.user().id,
                "pack.return",
                json!({ "comment_id": id, "part": part.to_string(), "comment": body }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok((
            outcome,
            Comment {
                id,
                pack_id: pack_id.to_string(),
                revision: pack.revision,
                author: session.user().id.clone(),
                part: part.clone(),
                body: body.to_string(),
                created_at: parse_time(&at)?,
                resolved_at: None,
                resolved_by: None,
                resolved_revision: None,
            },
        ))
    }

    /// Every comment on a pack, oldest first.
    pub async fn comments(&self, pack_id: &str) -> Result<Vec<Comment>, StoreError> {
        if !self.pack_exists(pack_id).await? {
            return Err(StoreError::PackNotFound {
                id: pack_id.to_string(),
            });
        }
        let rows = sql_owned(format!(
            "SELECT {COMMENT_COLUMNS} FROM comments WHERE pack_id = $1 ORDER BY id"
        ))
        .bind(pack_id)
        .fetch_all(self.db())
        .await?;
        rows.iter().map(comment_from_row).collect()
    }

    /// Marks an open comment as dealt with, for the pack's drafter.
    pub async fn resolve_comment(
        &self,
        session: &Session,
        pack_id: &str,
        comment_id: i64,
    ) -> Result<Comment, StoreError> {
        let mut tx = self.db().begin_write().await?;
        let (_, pack) = load_pack(&mut tx, pack_id).await?;
        plan_step(session.user(), Step::ResolveComment, &pack, &[])?;
        let at = now_text();
        let row = sql_owned(format!(
            "UPDATE comments SET resolved_at = $1, resolved_by = $2, resolved_revision = $3
             WHERE id = $4 AND pack_id = $5 AND resolved_at IS NULL
             RETURNING {COMMENT_COLUMNS}"
        ))
        .bind(&at)
        .bind(&session.user().id)
        .bind(pack.revision)
        .bind(comment_id)
        .bind(pack_id)
        .fetch_optional(&mut tx)
        .await?
        .ok_or_else(|| StoreError::CommentNotFound {
            pack: pack_id.to_string(),
            id: comment_id,
        })?;
        let comment = comment_from_row(&row)?;
        let hash = pack.content_hash().0;
        audit::append(
            &mut tx,
            Entry {
                actor: &session.user().id,
                action: "pack.resolve_comment",
                pack_id: Some(pack_id),
                revision: Some(pack.revision),
                content_hash: Some(&hash),
                detail: json!({ "comment_id": comment_id, "part": comment.part.to_string() }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(comment)
    }

    /// Records the openness office's review of the disclosure attribute of `revision`, which
    /// must be current. The review is part of
    /// the content the leader signs, so it is saved as a new revision; the state is unchanged.
    pub async fn review_disclosure(
        &self,
        session: &Session,
        pack_id: &str,
        revision: i64,
        approved: bool,
        comment: &str,
    ) -> Result<SavedRevision, StoreError> {
        let mut tx = self.db().begin_write().await?;
        let (seq, pack) = load_current(&mut tx, pack_id, revision).await?;
        plan_step(session.user(), Step::ReviewDisclosure, &pack, &[])?;
        let at = now_text();
        let mut content = pack.content.clone();
        content.policy.disclosure.review = Some(OpennessReview {
            reviewer: session.user().id.clone(),
            reviewed_at: at.clone(),
            approved,
            comment: comment.trim().to_string(),
        });
        // The review is written into the content under the lock, so it is prepared here.
        let prepared = Prepared::new(pack_id, &content, self.engine())?;
        let hash = prepared.hash.clone();
        let revision = pack.revision + 1;
        let actor = session.user().id.as_str();
        insert_revision(&mut tx, pack_id, revision, &prepared, actor, &at).await?;
        sql(
            "UPDATE packs SET current_revision = $1, content_hash = $2, updated_at = $3 WHERE seq = $4",
        )
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
                action: "pack.review_disclosure",
                pack_id: Some(pack_id),
                revision: Some(revision),
                content_hash: Some(&hash),
                detail: json!({ "approved": approved, "comment": comment.trim(), "previous_hash": pack.content_hash().0 }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(SavedRevision {
            pack_id: pack_id.to_string(),
            revision,
            content_hash: hash,
            changed: true,
        })
    }

    /// Signs policy and interpretation in one act, on this desktop: the signed-in leader's keys
    /// are opened here, the Ed25519 record and the PAdES-signed PDF are made here
    /// ([`crate::sign_on_desktop`]), and [`Store::record_signature`] checks and records them, as
    /// a server does for a remote desktop. `make_pdf` renders the PDF of the pack as signed
    /// (state signed, the record attached) for the leader's unit. Signs exactly `revision`, the
    /// one the leader reviewed; a newer one is a conflict.
    pub async fn sign<F>(
        &self,
        session: &Session,
        pack_id: &str,
        revision: i64,
        comment: &str,
        make_pdf: F,
    ) -> Result<SignRecord, StoreError>
    where
        F: FnOnce(&Pack, &SignRecord, &str) -> Result<UnsignedPdf, String>,
    {
        let pack = self.get_pack(pack_id).await?;
        // Refuse early, before the slow key derivation; recording checks again under the lock.
        plan_step(session.user(), Step::Sign, &pack, &[])?;
        let keys = self.open_own_keys(session).await?;
        let submission = crate::desktop_keys::sign_on_desktop(&keys, &pack, comment, make_pdf)?;
        self.record_signature(session, pack_id, revision, &submission)
            .await
    }

    /// Records a signature made on the leader's desktop, after checking everything a forger or
    /// a stale desktop could get wrong: the core allows this user to sign this pack now; the
    /// record is for exactly `revision`, the current one, its content hash and this signer;
    /// its Ed25519 signature verifies with the key registered for the signer; its time is
    /// within minutes of now; and the PDF's PAdES signature verifies against the office CA,
    /// with the certificate the office issued this signer. Anything else records nothing.
    pub async fn record_signature(
        &self,
        session: &Session,
        pack_id: &str,
        revision: i64,
        submission: &SignedSubmission,
    ) -> Result<SignRecord, StoreError> {
        let record = &submission.record;
        let pdf = &submission.pdf;
        let refused = |detail: String| StoreError::SignatureRefused { detail };
        let mut tx = self.db().begin_write().await?;
        let (seq, pack) = load_current(&mut tx, pack_id, revision).await?;
        let to = plan_step(session.user(), Step::Sign, &pack, &[])?;
        let signer = &session.user().id;
        if record.pack_id != pack_id || record.revision != pack.revision {
            return Err(refused(format!(
                "签名记录针对 {} 第 {} 版，而非 {pack_id} 第 {} 版 / the record is for {} revision {}, not {pack_id} revision {}",
                record.pack_id, record.revision, pack.revision, record.pack_id, record.revision, pack.revision
            )));
        }
        if &record.signer_id != signer {
            return Err(refused(format!(
                "签名人是 {}，而登录用户是 {signer} / the record names {}, but {signer} is signed in",
                record.signer_id, record.signer_id
            )));
        }
        let registered: Option<String> =
            sql("SELECT public_key FROM user_credentials WHERE user_id = $1")
                .bind(signer)
                .scalar_optional(&mut tx)
                .await?;
        if registered.as_deref() != Some(record.public_key.as_str()) {
            return Err(refused(format!(
                "签名公钥不是 {signer} 登记的公钥 / the key is not the one registered for {signer}"
            )));
        }
        signing::verify_record(&pack.content, record)?;
        let skew = (Utc::now() - record.signed_at).num_minutes().abs();
        if skew > MAX_CLOCK_SKEW_MINUTES {
            return Err(refused(format!(
                "签署时间与服务器时间相差 {skew} 分钟 / the signing time is {skew} minutes off the server's clock"
            )));
        }
        let (_, ca) = crate::document_keys::load_ca(&mut tx)
            .await?
            .ok_or(StoreError::NoOfficeCa)?;
        let own_certificate = crate::document_keys::load_key(&mut tx, signer)
            .await?
            .and_then(|key| key.certificate)
            .ok_or_else(|| StoreError::NoCertificate { id: signer.clone() })?;
        let verified = jiedu_pades::verify_pdf(pdf, &[ca], Some(crate::LEADER_ROLE))?;
        let issued = jiedu_pades::describe_certificate(&own_certificate)?;
        if verified.signer.serial_hex != issued.serial_hex || &verified.signer.user_id != signer {
            return Err(refused(format!(
                "PDF 签名证书不是办公室签发给 {signer} 的证书 / the PDF is signed with a certificate other than the one issued to {signer}"
            )));
        }
        let pdf_sha256 = hex::encode(Sha256::digest(pdf));
        let text = serde_json::to_string(record).map_err(|e| corrupt(e.to_string()))?;
        let id: i64 = sql(
            "INSERT INTO signatures (pack_id, revision, content_hash, record, pdf, pdf_sha256)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(pack_id)
        .bind(pack.revision)
        .bind(&record.content_hash.0)
        .bind(text)
        .bind(pdf)
        .bind(&pdf_sha256)
        .scalar(&mut tx)
        .await?;
        set_state(&mut tx, seq, to).await?;
        let outcome = outcome(&pack, Step::Sign, to);
        audit::append(
            &mut tx,
            entry(
                &outcome,
                signer,
                "pack.sign",
                json!({
                    "signature_id": id, "algorithm": record.algorithm,
                    "public_key": record.public_key, "signature": record.signature,
                    "comment": record.comment, "pdf_sha256": pdf_sha256,
                    "certificate_sha256": jiedu_pades::certificate_sha256_hex(&own_certificate),
                }),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(record.clone())
    }

    /// The PAdES-signed PDF made when the pack's current valid signature was given, exactly
    /// as stored; `None` when the pack is not signed over its current content.
    pub async fn signed_pdf(&self, pack_id: &str) -> Result<Option<Vec<u8>>, StoreError> {
        let pack = self.get_pack(pack_id).await?;
        let Some(signature) = pack.signature else {
            return Ok(None);
        };
        let pdf: Option<Option<Vec<u8>>> = sql(
            "SELECT pdf FROM signatures WHERE pack_id = $1 AND revision = $2 AND content_hash = $3
             AND voided_at IS NULL ORDER BY id DESC LIMIT 1",
        )
        .bind(pack_id)
        .bind(signature.revision)
        .bind(&signature.content_hash.0)
        .scalar_optional(self.db())
        .await?;
        Ok(pdf.flatten())
    }

    /// Releases `revision` of policy and interpretation in one act on the given channels. Refuses a pack that
    /// is not signed, whose content differs from the signed content, or whose signature does not
    /// verify.
    pub async fn deploy(
        &self,
        session: &Session,
        pack_id: &str,
        revision: i64,
        channels: &[Channel],
        at: DateTime<Utc>,
    ) -> Result<Deployment, StoreError> {
        let mut tx = self.db().begin_write().await?;
        let (seq, pack) = load_current(&mut tx, pack_id, revision).await?;
        let to = plan_step(session.user(), Step::Deploy, &pack, &[])?;
        let deployment = plan_deployment(session.user(), &pack, channels, at)?;
        if let Some(signature) = &pack.signature {
            signing::verify_record(&pack.content, signature)?;
        }
        let text = serde_json::to_string(&deployment).map_err(|e| corrupt(e.to_string()))?;
        sql("INSERT INTO deployments (pack_id, content_hash, record) VALUES ($1, $2, $3)")
            .bind(pack_id)
            .bind(&deployment.content_hash.0)
            .bind(text)
            .execute(&mut tx)
            .await?;
        set_state(&mut tx, seq, to).await?;
        let index_number = crate::publication::allocate_index_number(&mut tx, &pack, at).await?;
        let outcome = outcome(&pack, Step::Deploy, to);
        let channels: Vec<&str> = deployment.channels.iter().map(|c| c.label_zh()).collect();
        audit::append(
            &mut tx,
            entry(
                &outcome,
                &session.user().id,
                "pack.deploy",
                json!({
                    "channels": channels,
                    "policy_released_at": deployment.policy_released_at,
                    "interpretation_released_at": deployment.interpretation_released_at,
                    "together": deployment.policy_released_at == deployment.interpretation_released_at,
                    "index_number": index_number,
                }),
            ),
        )
        .await?;
        // After the pack's own row, so the timeline reads: released, then what it changed.
        crate::publication::apply_supersessions(&mut tx, &pack, &session.user().id, at).await?;
        tx.commit().await?;
        Ok(deployment)
    }

    /// The revision a leader last reviewed: that of the latest return or sign.
    pub async fn last_reviewed_revision(&self, pack_id: &str) -> Result<Option<i64>, StoreError> {
        if !self.pack_exists(pack_id).await? {
            return Err(StoreError::PackNotFound {
                id: pack_id.to_string(),
            });
        }
        Ok(sql_owned(format!(
            "SELECT revision FROM audit_log WHERE pack_id = $1 AND action IN {REVIEW_ACTIONS}
             ORDER BY seq DESC LIMIT 1"
        ))
        .bind(pack_id)
        .scalar_optional(self.db())
        .await?
        .flatten())
    }

    /// Every signature of a pack, voided ones included, oldest first.
    pub async fn signature_history(
        &self,
        pack_id: &str,
    ) -> Result<Vec<SignatureEntry>, StoreError> {
        let rows = sql(
            "SELECT record, voided_at, void_reason FROM signatures WHERE pack_id = $1 ORDER BY id",
        )
        .bind(pack_id)
        .fetch_all(self.db())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(SignatureEntry {
                    record: serde_json::from_str(&r.get::<String>("record")?)
                        .map_err(|e| corrupt(format!("signature of {pack_id}: {e}")))?,
                    voided_at: r
                        .get::<Option<String>>("voided_at")?
                        .map(|t| parse_time(&t))
                        .transpose()?,
                    void_reason: r.get("void_reason")?,
                })
            })
            .collect()
    }

    /// The signed record of a pack, as an export embeds it: its current content and valid
    /// signature. Refuses an unsigned pack.
    pub async fn signed_record(&self, pack_id: &str) -> Result<SignedRecord, StoreError> {
        let pack = self.get_pack(pack_id).await?;
        let signature = pack.signature.ok_or(WorkflowError::NotSigned)?;
        Ok(SignedRecord {
            content: pack.content,
            signature,
        })
    }

    /// Checks every stored revision: its content must hash to its recorded hash, and that hash
    /// must be the one the audit log recorded when the revision was written. Names the first
    /// revision that does not match.
    pub async fn verify_revisions(&self) -> Result<RevisionVerification, StoreError> {
        let logged = sql("SELECT pack_id, revision, content_hash FROM audit_log
             WHERE action IN ('pack.create', 'pack.save', 'pack.review_disclosure') ORDER BY seq")
        .fetch_all(self.db())
        .await?;
        let mut audit_hash: HashMap<(String, i64), String> = HashMap::new();
        for r in &logged {
            let (Some(pack), Some(rev), Some(hash)) = (
                r.get::<Option<String>>("pack_id")?,
                r.get::<Option<i64>>("revision")?,
                r.get::<Option<String>>("content_hash")?,
            ) else {
                continue;
            };
            audit_hash.insert((pack, rev), hash);
        }
        let rows = sql(
            "SELECT pack_id, revision, content, content_hash FROM revisions ORDER BY pack_id, revision",
        )
        .fetch_all(self.db())
        .await?;
        for (i, r) in rows.iter().enumerate() {
            let pack_id: String = r.get("pack_id")?;
            let revision: i64 = r.get("revision")?;
            let stored: String = r.get("content_hash")?;
            let problem = |reason: &str| RevisionVerification {
                revisions: i,
                first_broken: Some(RevisionProblem {
                    pack_id: pack_id.clone(),
                    revision,
                    reason: reason.to_string(),
                }),
            };
            let actual = serde_json::from_str::<PackContent>(&r.get::<String>("content")?)
                .map(|c| jiedu_core::content_hash(&c).0);
            let Ok(actual) = actual else {
                return Ok(problem(
                    "内容无法解析（被改动）。\nThe content cannot be parsed (it was changed).",
                ));
            };
            if actual != stored {
                return Ok(problem(&format!(
                    "内容与记录的哈希不符（内容被改动）：记录 {stored}，实际 {actual}。\nThe content does not match its recorded hash (it was changed): recorded {stored}, actual {actual}."
                )));
            }
            match audit_hash.get(&(pack_id.clone(), revision)) {
                Some(logged) if *logged == stored => {}
                Some(logged) => {
                    return Ok(problem(&format!(
                        "内容哈希与审计日志记录的 {logged} 不符（版本被替换）。\nThe content hash differs from {logged} recorded in the audit log (the revision was replaced)."
                    )))
                }
                None => {
                    return Ok(problem(
                        "审计日志中没有写入该版本的记录。\nThe audit log has no record of writing this revision.",
                    ))
                }
            }
        }
        Ok(RevisionVerification {
            revisions: rows.len(),
            first_broken: None,
        })
    }
}

fn outcome(pack: &Pack, step: Step, to: PackState) -> StepOutcome {
    StepOutcome {
        pack_id: pack.id.clone(),
        step,
        from: pack.state,
        to,
        revision: pack.revision,
        content_hash: pack.content_hash().0,
    }
}

fn entry<'a>(
    outcome: &'a StepOutcome,
    actor: &'a str,
    action: &'a str,
    mut detail: serde_json::Value,
) -> Entry<'a> {
    if let serde_json::Value::Object(map) = &mut detail {
        map.insert("from".into(), json!(outcome.from));
        map.insert("to".into(), json!(outcome.to));
    }
    Entry {
        actor,
        action,
        pack_id: Some(&outcome.pack_id),
        revision: Some(outcome.revision),
        content_hash: Some(&outcome.content_hash),
        detail,
    }
}

/// A rendered PDF of the pack as signed, before its PAdES signature, and where the visible
/// signature field goes.
#[derive(Debug, Clone)]
pub struct UnsignedPdf {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// The sign-off page, from 0.
    pub field_page: usize,
    /// The field, `[x0, y0, x1, y1]` in PDF points from the page's bottom-left corner.
    pub field_rect: [f32; 4],
}

impl From<(Vec<u8>, usize, [f32; 4])> for UnsignedPdf {
    /// From the bytes, the field's page and its rectangle, as `jiedu_render::pdf_for_signing`
    /// returns them.
    fn from((bytes, field_page, field_rect): (Vec<u8>, usize, [f32; 4])) -> UnsignedPdf {
        UnsignedPdf {
            bytes,
            field_page,
            field_rect,
        }
    }
}
