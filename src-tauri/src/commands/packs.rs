//! Pack commands: list and check.

use crate::error::IpcError;
use crate::state::AppState;
use jiedu_core::rules::{check, Checklist, RuleId};
use jiedu_store::PackSummary;
use serde::Serialize;
use tauri::State;

/// A pack in the list, with the rules that currently block it.
#[derive(Debug, Serialize)]
pub struct PackListItem {
    /// The stored summary.
    #[serde(flatten)]
    pub summary: PackSummary,
    /// Blocking rule failures of the current revision.
    pub blocking_failures: Vec<RuleId>,
}

/// Every pack, most recently changed first, with its blocking failures.
#[tauri::command]
pub async fn list_packs(state: State<'_, AppState>) -> Result<Vec<PackListItem>, IpcError> {
    let mut items = Vec::new();
    for summary in state.store.list_packs().await? {
        let pack = state.store.get_pack(&summary.id).await?;
        items.push(PackListItem {
            blocking_failures: check(&pack).blocking_failures(),
            summary,
        });
    }
    Ok(items)
}

/// The gate-rule checklist of one pack.
#[tauri::command]
pub async fn check_pack(state: State<'_, AppState>, id: String) -> Result<Checklist, IpcError> {
    Ok(check(&state.store.get_pack(&id).await?))
}
