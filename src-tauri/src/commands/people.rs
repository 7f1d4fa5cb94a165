//! People and units, as the people screen lists them.

use crate::error::IpcError;
use crate::state::AppState;
use jiedu_core::people::Unit;
use jiedu_store::UserInfo;
use serde::Serialize;
use tauri::State;

/// The organisation: units and the people in them.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct People {
    /// Units.
    pub units: Vec<Unit>,
    /// People, with whether they can sign in (a public key means a passphrase is set).
    pub users: Vec<UserInfo>,
}

/// Every unit and user.
#[tauri::command]
pub async fn list_people(state: State<'_, AppState>) -> Result<People, IpcError> {
    Ok(People {
        units: state.backend().await.list_units().await?,
        users: state.backend().await.user_infos().await?,
    })
}

/// The name of unit `id` among `units`, or the id itself when the unit is unknown.
pub(crate) fn name_of(units: &[Unit], id: &str) -> String {
    units
        .iter()
        .find(|u| u.id == id)
        .map_or_else(|| id.to_string(), |u| u.name.clone())
}

/// The name of unit `id`, looked up in the database.
pub(crate) async fn unit_name(state: &AppState, id: &str) -> Result<String, IpcError> {
    Ok(name_of(&state.backend().await.list_units().await?, id))
}
