//! Workflow commands: submit, return with comments, resolve, review the disclosure attribute,
//! sign and deploy. Each is one store step for the signed-in user; the core decides.

use crate::error::IpcError;
use crate::state::AppState;
use chrono::{DateTime, Utc};
use jiedu_core::diff::{diff, Change};
use jiedu_core::pack::{Deployment, SignRecord};
use jiedu_core::parts::Part;
use jiedu_core::plan::Channel;
use jiedu_store::{Comment, RevisionInfo, SavedRevision, StepOutcome};
use serde::Serialize;
use tauri::State;

/// Sends revision `revision` of a pack up for sign-off (refused with `pack.conflict` if a
/// newer revision exists, as are all the steps below).
#[tauri::command]
pub async fn submit_pack(
    state: State<'_, AppState>,
    id: String,
    revision: i64,
) -> Result<StepOutcome, IpcError> {
    let session = state.signed_in().await?;
    Ok(state
        .backend()
        .await
        .submit(&session, &id, revision)
        .await?)
}

/// Sends a pack back with a comment on one part (`policy.sections[3]`, `plan`, `pack`…).
#[tauri::command]
pub async fn return_pack(
    state: State<'_, AppState>,
    id: String,
    revision: i64,
    part: String,
    comment: String,
) -> Result<StepOutcome, IpcError> {
    let part = Part::parse(&part)
        .map_err(|e| IpcError::new("comment.bad_part", e.to_string()).on("part"))?;
    if comment.trim().is_empty() {
        return Err(IpcError::new(
            "comment.empty",
            "退回时请写明意见。\nWrite a comment when returning a pack.",
        )
        .on("comment"));
    }
    let session = state.signed_in().await?;
    let (outcome, _) = state
        .backend()
        .await
        .return_pack(&session, &id, revision, &part, &comment)
        .await?;
    Ok(outcome)
}

/// The comments on a pack, oldest first.
#[tauri::command]
pub async fn list_comments(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<Comment>, IpcError> {
    Ok(state.backend().await.comments(&id).await?)
}

/// Marks a comment as dealt with.
#[tauri::command]
pub async fn resolve_comment(
    state: State<'_, AppState>,
    id: String,
    comment_id: i64,
) -> Result<Comment, IpcError> {
    let session = state.signed_in().await?;
    Ok(state
        .backend()
        .await
        .resolve_comment(&session, &id, comment_id)
        .await?)
}

/// The openness office approves or rejects the proposed disclosure attribute.
#[tauri::command]
pub async fn review_disclosure(
    state: State<'_, AppState>,
    id: String,
    revision: i64,
    approve: bool,
    comment: String,
) -> Result<SavedRevision, IpcError> {
    let session = state.signed_in().await?;
    Ok(state
        .backend()
        .await
        .review_disclosure(&session, &id, revision, approve, &comment)
        .await?)
}

/// Signs policy and interpretation in one act: exactly revision `revision`, the one reviewed.
#[tauri::command]
pub async fn sign_pack(
    state: State<'_, AppState>,
    id: String,
    revision: i64,
    comment: String,
) -> Result<SignRecord, IpcError> {
    let session = state.signed_in().await?;
    let fonts = state.fonts()?;
    let media = state.backend().await.images_for_signing(&id).await?;
    // The PDF is made and PAdES-signed on the leader's desktop as part of signing.
    let make_pdf = |pack: &_, record: &_, unit: &str| {
        jiedu_render::pdf_for_signing(pack, record, &fonts, unit, &media)
            .map(jiedu_store::UnsignedPdf::from)
            .map_err(|e| e.to_string())
    };
    Ok(state
        .backend()
        .await
        .sign(&session, &id, revision, &comment, make_pdf)
        .await?)
}

/// Releases policy and interpretation together on the given channels, now or at `at`.
#[tauri::command]
pub async fn deploy_pack(
    state: State<'_, AppState>,
    id: String,
    revision: i64,
    channels: Vec<Channel>,
    at: Option<DateTime<Utc>>,
) -> Result<Deployment, IpcError> {
    if channels.is_empty() {
        return Err(IpcError::new(
            "deploy.no_channel",
            "请至少选择一个发布渠道。\nChoose at least one channel.",
        )
        .on("channels"));
    }
    let session = state.signed_in().await?;
    Ok(state
        .backend()
        .await
        .deploy(
            &session,
            &id,
            revision,
            &channels,
            at.unwrap_or_else(Utc::now),
        )
        .await?)
}

/// What changed between two revisions, for the review screen.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PackDiff {
    /// The earlier revision: the last one a leader reviewed, or the one before the current.
    pub from: i64,
    /// The current revision.
    pub to: i64,
    /// Whether `from` is the last reviewed revision (else there was no review yet).
    pub since_review: bool,
    /// The changes.
    pub changes: Vec<Change>,
}

/// The changes since the last review (or since the previous revision if never reviewed).
#[tauri::command]
pub async fn diff_since_review(
    state: State<'_, AppState>,
    id: String,
) -> Result<PackDiff, IpcError> {
    let pack = state.backend().await.get_pack(&id).await?;
    let reviewed = state.backend().await.last_reviewed_revision(&id).await?;
    let from = reviewed.unwrap_or((pack.revision - 1).max(1));
    let old = state.backend().await.revision_content(&id, from).await?;
    Ok(PackDiff {
        from,
        to: pack.revision,
        since_review: reviewed.is_some(),
        changes: diff(&old, &pack.content),
    })
}

/// What differs between `content` (the user's version, e.g. a save refused with
/// `pack.conflict`) and the pack's current revision, per part: `from` is the current revision,
/// `to` the user's version.
#[tauri::command]
pub async fn diff_against_current(
    state: State<'_, AppState>,
    id: String,
    content: jiedu_core::pack::PackContent,
) -> Result<PackDiff, IpcError> {
    let pack = state.backend().await.get_pack(&id).await?;
    Ok(PackDiff {
        from: pack.revision,
        to: pack.revision,
        since_review: false,
        changes: diff(&pack.content, &content),
    })
}

/// Every revision of a pack.
#[tauri::command]
pub async fn list_revisions(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<RevisionInfo>, IpcError> {
    Ok(state.backend().await.revisions(&id).await?)
}
