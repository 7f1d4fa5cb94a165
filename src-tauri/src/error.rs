//! The one error shape the UI sees: `{code, message, field?}`. The UI switches on `code` and
//! shows `message` (Chinese, then English) as it is.

use jiedu_core::chart::ChartError;
use jiedu_core::paste::PasteError;
use jiedu_core::permissions::PermissionError;
use jiedu_import::ImportError;
use jiedu_render::RenderError;
use jiedu_store::StoreError;
use serde::Serialize;
use std::path::Path;

/// An error crossing the IPC boundary.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct IpcError {
    /// Stable machine-readable code, e.g. `pack.not_found`.
    pub code: String,
    /// Chinese first, then English.
    pub message: String,
    /// The field or file concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(test, ts(optional))]
    pub field: Option<String>,
}

impl IpcError {
    /// An error with a code and message and no field.
    pub fn new(code: &str, message: impl Into<String>) -> IpcError {
        IpcError {
            code: code.to_string(),
            message: message.into(),
            field: None,
        }
    }

    /// The same error, naming the field it concerns.
    pub fn on(mut self, field: impl Into<String>) -> IpcError {
        self.field = Some(field.into());
        self
    }

    /// No one is signed in.
    pub fn signed_out() -> IpcError {
        IpcError::new("auth.signed_out", "请先登录。\nPlease sign in first.")
    }

    /// A file could not be written.
    pub fn write(path: &Path, e: &std::io::Error) -> IpcError {
        IpcError::new(
            "file.write",
            format!(
                "无法写入文件“{0}”：{e}。\nCannot write the file {0}: {e}.",
                path.display()
            ),
        )
        .on(path.display().to_string())
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        let field = match &e {
            StoreError::BadPackId { .. } => Some("id".to_string()),
            StoreError::Conflict { .. } | StoreError::NoSuchRevision { .. } => {
                Some("revision".to_string())
            }
            StoreError::InvalidSetting { field, .. }
            | StoreError::Supersession { field, .. }
            | StoreError::InvalidConcern { field, .. } => Some(field.clone()),
            _ => e.database().or_else(|| e.media_field()),
        };
        IpcError {
            field,
            ..IpcError::new(e.code(), e.to_string())
        }
    }
}

impl From<jiedu_client::ClientError> for IpcError {
    fn from(e: jiedu_client::ClientError) -> Self {
        match e {
            // The store's own error, whether the store ran here or on the server.
            jiedu_client::ClientError::Store(e) => IpcError::from(e),
            other => IpcError {
                field: other.field(),
                ..IpcError::new(&other.code(), other.to_string())
            },
        }
    }
}

impl From<RenderError> for IpcError {
    fn from(e: RenderError) -> Self {
        let field = match &e {
            RenderError::Chart(c) => Some(c.field().to_string()),
            RenderError::PortalNotReady { field, .. } => Some(field.clone()),
            _ => None,
        };
        IpcError {
            code: e.code().to_string(),
            message: e.to_string(),
            field,
        }
    }
}

impl From<PermissionError> for IpcError {
    fn from(e: PermissionError) -> Self {
        IpcError::new(e.code(), e.to_string())
    }
}

impl From<ChartError> for IpcError {
    fn from(e: ChartError) -> Self {
        IpcError::new("chart.invalid", e.to_string()).on(e.field())
    }
}

impl From<PasteError> for IpcError {
    fn from(e: PasteError) -> Self {
        IpcError::new("chart.paste", e.to_string()).on("paste")
    }
}

impl From<ImportError> for IpcError {
    fn from(e: ImportError) -> Self {
        IpcError::new(e.code(), e.to_string()).on(e.file().to_string())
    }
}
