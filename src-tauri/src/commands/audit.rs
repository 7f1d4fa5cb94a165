//! Audit commands: a pack's timeline and the check of the whole chain.

use crate::error::IpcError;
use crate::state::AppState;
use jiedu_store::{AuditEvent, AuditVerification};
use tauri::State;

/// Everything recorded about a pack, oldest first.
#[tauri::command]
pub async fn pack_audit(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<AuditEvent>, IpcError> {
    Ok(state.backend().await.audit_for_pack(&id).await?)
}

/// Checks every row of the audit log's hash chain.
#[tauri::command]
pub async fn verify_audit(state: State<'_, AppState>) -> Result<AuditVerification, IpcError> {
    Ok(state.backend().await.verify().await?.audit)
}
