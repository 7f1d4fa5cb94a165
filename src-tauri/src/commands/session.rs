//! Signing in and out, on this computer's database or a team server, and choosing which.

use crate::commands::people::{name_of, unit_name};
use crate::connection::Connection;
use crate::error::IpcError;
use crate::state::AppState;
use jiedu_core::people::{Role, User};
use jiedu_core::permissions::{role_may, Action};
use serde::Serialize;
use tauri::{AppHandle, State};

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

async fn describe(state: &AppState, user: &User) -> Result<SignedInUser, IpcError> {
    Ok(SignedInUser {
        unit_name: unit_name(state, &user.unit_id).await?,
        role_zh: user.role.label_zh().to_string(),
        actions: Action::ALL
            .into_iter()
            .filter(|a| role_may(user.role, *a))
            .collect(),
        user: user.clone(),
    })
}

/// Everyone who can sign in, for the sign-in screen.
#[tauri::command]
pub async fn list_accounts(state: State<'_, AppState>) -> Result<Vec<Account>, IpcError> {
    let backend = state.backend().await;
    let units = backend.list_units().await.unwrap_or_default();
    Ok(backend
        .accounts()
        .await?
        .into_iter()
        .map(|u| Account {
            unit_name: name_of(&units, &u.unit_id),
            role_zh: u.role.label_zh().to_string(),
            id: u.id,
            name: u.name,
            role: u.role,
        })
        .collect())
}

/// Signs in: locally the store checks the passphrase; on a server the keys are opened here and
/// the server's nonce answered with them. A wrong passphrase changes nothing.
#[tauri::command]
pub async fn sign_in(
    app: AppHandle,
    state: State<'_, AppState>,
    user_id: String,
    passphrase: String,
) -> Result<SignedInUser, IpcError> {
    let mut backend = state.backend().await;
    let actor = backend
        .sign_in(&user_id, &passphrase)
        .await
        .map_err(|e| IpcError::from(e).on("passphrase"))?;
    // The backend now carries the session token (team mode).
    state.set_backend(backend.clone()).await;
    let shown = describe(&state, actor.user()).await?;
    *state.session.lock().await = Some(actor);
    crate::live::start(app, backend, state.live_generation.clone());
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
        Some(actor) => Ok(Some(describe(&state, actor.user()).await?)),
        None => Ok(None),
    }
}

/// What the app is connected to.
#[tauri::command]
pub async fn connection_info(state: State<'_, AppState>) -> Result<Connection, IpcError> {
    Ok(state
        .connection
        .lock()
        .map(|c| c.clone())
        .unwrap_or_else(|_| Connection::local(&state.local)))
}

async fn switch(
    app: AppHandle,
    state: &AppState,
    backend: jiedu_client::Backend,
    connection: Connection,
) -> Connection {
    *state.session.lock().await = None;
    state.set_backend(backend.clone()).await;
    if let Ok(mut c) = state.connection.lock() {
        *c = connection.clone();
    }
    crate::live::start(app, backend, state.live_generation.clone());
    connection
}

/// Connects to a team server through the office's CA file; signs out of the previous place.
#[tauri::command]
pub async fn connect_server(
    app: AppHandle,
    state: State<'_, AppState>,
    url: String,
    ca_path: String,
) -> Result<Connection, IpcError> {
    let ca = std::path::PathBuf::from(ca_path.trim());
    let (backend, connection) = crate::connection::connect(url.trim(), &ca)
        .await
        .map_err(|e| {
            let field = if matches!(e, jiedu_client::ClientError::Ca { .. }) {
                "caPath"
            } else {
                "url"
            };
            IpcError::from(e).on(field)
        })?;
    Ok(switch(app, &state, backend, connection).await)
}

/// Back to this computer's database.
#[tauri::command]
pub async fn use_local(app: AppHandle, state: State<'_, AppState>) -> Result<Connection, IpcError> {
    let (backend, connection) = crate::connection::use_local(&state.local);
    Ok(switch(app, &state, backend, connection).await)
}
