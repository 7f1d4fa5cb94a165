//! Pack commands: list, search, open, check, save, autosave and create.

use crate::commands::people::unit_name;
use crate::error::IpcError;
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use jiedu_core::pack::{Pack, PackContent};
use jiedu_core::permissions::{authorize, Action};
use jiedu_core::policy::Policy;
use jiedu_core::rules::{check, Checklist, RuleId};
use jiedu_core::workflow::{plan_step, Step};
use jiedu_store::{Draft, NewPack, PackSummary, SavedRevision, SearchHit};
use serde::Serialize;
use tauri::State;

/// A pack in the list, with its deadline and the rules that currently block it.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PackListItem {
    /// The stored summary.
    #[serde(flatten)]
    pub summary: PackSummary,
    /// Planned release date (计划发布日期), when the plan sets one.
    pub deadline: Option<NaiveDate>,
    /// Blocking rule failures of the current revision.
    pub blocking_failures: Vec<RuleId>,
    /// Its deadlines today (planned release, interpretation, disclosure).
    pub deadlines: Vec<jiedu_core::deadlines::Deadline>,
}

/// Whether the signed-in user may take a workflow step on a pack now, and if not, why.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct StepAvailability {
    /// The step.
    pub step: Step,
    /// Whether it is allowed now.
    pub allowed: bool,
    /// Why not, as a stable code (`permission.role`, `workflow.state`, `workflow.blocked`…).
    pub code: Option<String>,
    /// Why not (Chinese, then English), when not allowed.
    pub reason: Option<String>,
}

/// Whether the signed-in user may build this pack's media kit now, and if not, why.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct KitAvailability {
    /// Whether the export is allowed now.
    pub allowed: bool,
    /// Why not, as a stable code (`permission.role`, `kit.unsigned`).
    pub code: Option<String>,
    /// Why not (Chinese, then English).
    pub reason: Option<String>,
}

/// A pack opened in the editor or the review screen.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PackView {
    /// The pack at its current revision.
    pub pack: Pack,
    /// The owning unit's name.
    pub unit_name: String,
    /// Every workflow step, with whether the signed-in user may take it now.
    pub steps: Vec<StepAvailability>,
    /// Whether the media kit can be exported (press officer, signed or deployed pack).
    pub kit_export: KitAvailability,
    /// Ids of unresolved comments.
    pub open_comments: Vec<i64>,
    /// The signed-in user's autosaved draft of this pack, if one was left unsaved.
    pub draft: Option<Draft>,
}

/// Every pack, most recently changed first, with deadlines and blocking failures.
#[tauri::command]
pub async fn list_packs(state: State<'_, AppState>) -> Result<Vec<PackListItem>, IpcError> {
    let mut items = Vec::new();
    let backend = state.backend().await;
    let calendar = backend.calendar().await?;
    let book = backend.settings_book().await?;
    let today = jiedu_core::deadlines::china_date(chrono::Utc::now());
    for summary in backend.list_packs().await? {
        let pack = backend.get_pack(&summary.id).await?;
        let settings = book.of(&pack.unit_id);
        items.push(PackListItem {
            deadline: pack.content.plan.as_ref().and_then(|p| p.release_due_on),
            blocking_failures: check(&pack).blocking_failures(),
            deadlines: jiedu_core::deadlines::pack_deadlines(
                &pack,
                &calendar,
                &settings.deadlines,
                today,
            ),
            summary,
        });
    }
    Ok(items)
}

/// Full-text search over every pack's current text.
#[tauri::command]
pub async fn search_packs(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<SearchHit>, IpcError> {
    Ok(state.backend().await.search(&query, 200).await?)
}

/// Opens a pack: content, what the signed-in user may do with it, and any unsaved draft.
#[tauri::command]
pub async fn get_pack(state: State<'_, AppState>, id: String) -> Result<PackView, IpcError> {
    let session = state.signed_in().await?;
    let pack = state.backend().await.get_pack(&id).await?;
    let open_comments: Vec<i64> = state
        .backend()
        .await
        .comments(&id)
        .await?
        .into_iter()
        .filter(|c| c.resolved_at.is_none())
        .map(|c| c.id)
        .collect();
    let steps = Step::ALL
        .into_iter()
        .map(
            |step| match plan_step(session.user(), step, &pack, &open_comments) {
                Ok(_) => StepAvailability {
                    step,
                    allowed: true,
                    code: None,
                    reason: None,
                },
                Err(e) => StepAvailability {
                    step,
                    allowed: false,
                    code: Some(e.code().to_string()),
                    reason: Some(e.to_string()),
                },
            },
        )
        .collect();
    let unit_name = unit_name(&state, &pack.unit_id).await?;
    let draft = state
        .backend()
        .await
        .draft(&session, &id)
        .await?
        .filter(|d| d.content != pack.content);
    let kit_export = kit_availability(session.user(), &pack);
    Ok(PackView {
        kit_export,
        pack,
        unit_name,
        steps,
        open_comments,
        draft,
    })
}

fn kit_availability(user: &jiedu_core::people::User, pack: &Pack) -> KitAvailability {
    match crate::commands::export::kit_allowed(user, pack) {
        Ok(_) => KitAvailability {
            allowed: true,
            code: None,
            reason: None,
        },
        Err(e) => KitAvailability {
            allowed: false,
            code: Some(e.code),
            reason: Some(e.message),
        },
    }
}

/// The gate-rule checklist of a pack's current revision.
#[tauri::command]
pub async fn check_pack(state: State<'_, AppState>, id: String) -> Result<Checklist, IpcError> {
    Ok(check(&state.backend().await.get_pack(&id).await?))
}

/// The checklist of content being edited, before it is saved: the editor's live panel.
#[tauri::command]
pub async fn check_content(
    state: State<'_, AppState>,
    id: String,
    content: PackContent,
) -> Result<Checklist, IpcError> {
    let mut pack = state.backend().await.get_pack(&id).await?;
    pack.content = content;
    Ok(check(&pack))
}

/// Saves the editor's content as the revision after `base`, the one the editor loaded
/// (unchanged content writes nothing). If someone saved since, it is refused with
/// `pack.conflict` and the content is kept as the user's draft.
#[tauri::command]
pub async fn save_pack(
    state: State<'_, AppState>,
    id: String,
    base: i64,
    content: PackContent,
) -> Result<SavedRevision, IpcError> {
    let session = state.signed_in().await?;
    Ok(state
        .backend()
        .await
        .save(&session, &id, base, &content)
        .await?)
}

/// Autosaves the editor's content as the signed-in user's draft; returns when it was kept.
#[tauri::command]
pub async fn save_draft(
    state: State<'_, AppState>,
    id: String,
    base_revision: i64,
    content: PackContent,
) -> Result<DateTime<Utc>, IpcError> {
    let session = state.signed_in().await?;
    Ok(state
        .backend()
        .await
        .save_draft(&session, &id, base_revision, &content)
        .await?)
}

/// Throws away the signed-in user's draft of a pack.
#[tauri::command]
pub async fn discard_draft(state: State<'_, AppState>, id: String) -> Result<(), IpcError> {
    let session = state.signed_in().await?;
    Ok(state.backend().await.discard_draft(&session, &id).await?)
}

/// Creates a pack of the signed-in drafter's unit from an imported policy.
#[tauri::command]
pub async fn create_pack(
    state: State<'_, AppState>,
    id: String,
    policy: Policy,
) -> Result<SavedRevision, IpcError> {
    let session = state.signed_in().await?;
    let user = session.user();
    authorize(user, Action::Edit, Some(&user.unit_id))?;
    let id = id.trim().to_string();
    let new = NewPack {
        id,
        unit_id: user.unit_id.clone(),
        content: PackContent {
            policy,
            ..PackContent::default()
        },
    };
    Ok(state.backend().await.create_pack(&session, &new).await?)
}
