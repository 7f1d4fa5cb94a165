//! The one error shape the UI sees: `{code, message, field?}`. The UI switches on `code`.

use jiedu_store::StoreError;
use serde::Serialize;

/// An error crossing the IPC boundary.
#[derive(Debug, Serialize)]
pub struct IpcError {
    /// Stable machine-readable code, e.g. `pack.not_found`.
    pub code: &'static str,
    /// Chinese first, then English.
    pub message: String,
    /// The field or file concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        IpcError {
            code: e.code(),
            message: e.to_string(),
            field: None,
        }
    }
}
