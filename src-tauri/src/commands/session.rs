//! Signing in and out as a local user.

use crate::commands::people::{name_of, unit_name};
use crate::error::IpcError;
use crate::state::AppState;
use jiedu_core::people::{Role, User};
use jiedu_core::permissions::{role_may, Action};
use jiedu_store::Session;
use serde::Serialize;
use tauri::State;

/// The signed-in user as the UI shows them.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct SignedInUser {
    /// Profile.
    pub user: User,
    /// The name of the user's unit.
    pub unit_name: String,
    /// Role in Chinese, e.g. 起草人.
    pub role_zh: String,
    /// What the role may do at all (each pack may still refuse, see `get_pack`).
    pub actions: Vec<Action>,
}

/// Someone who can sign in: a user with a passphrase.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Account {
    /// User id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Role in Chinese.
    pub role_zh: String,
    /// Unit name.
    pub unit_name: String,
}

async fn describe(state: &AppState, session: &Session) -> Result<SignedInUser, IpcError> {
    let user = session.user().clone();
    Ok(SignedInUser {
        unit_name: unit_name(state, &user.unit_id).await?,
        role_zh: user.role.label_zh().to_string(),
        actions: Action::ALL
            .into_iter()
            .filter(|a| role_may(user.role, *a))
            .collect(),
        user,
    })
}

/// Everyone who can sign in, for the sign-in screen.
#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> Result<Vec<Account>, IpcError> {
    let units = state.store.list_units().await?;
    Ok(state
        .store
        .user_infos()
        .await?
        .into_iter()
        .filter(|u| u.public_key.is_some())
        .map(|u| Account {
            unit_name: name_of(&units, &u.unit_id),
            role_zh: u.role.label_zh().to_string(),
            id: u.id,
            name: u.name,
            role: u.role,
        })
        .collect())
}

/// Signs in; a wrong passphrase changes nothing.
#[tauri::command]
pub async fn sign_in(
    state: State<'_, AppState>,
    user_id: String,
    passphrase: String,
) -> Result<SignedInUser, IpcError> {
    let session = state
        .store
        .sign_in(&user_id, &passphrase)
        .await
        .map_err(|e| IpcError::from(e).on("passphrase"))?;
    let shown = describe(&state, &session).await?;
    *state.session.lock().await = Some(session);
    Ok(shown)
}

/// Signs out.
#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>) -> Result<(), IpcError> {
    *state.session.lock().await = None;
    Ok(())
}

/// The signed-in user, if any (after a reload of the page).
#[tauri::command]
pub async fn current_user(state: State<'_, AppState>) -> Result<Option<SignedInUser>, IpcError> {
    let guard = state.session.lock().await;
    match guard.as_ref() {
        Some(session) => Ok(Some(describe(&state, session).await?)),
        None => Ok(None),
    }
}
