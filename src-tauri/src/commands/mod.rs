//! Tauri commands, one module per domain. Each is a thin call into the library crates.

pub mod audit;
pub mod charts;
pub mod export;
pub mod import;
pub mod media;
pub mod packs;
pub mod people;
pub mod publication;
pub mod session;
pub mod startup;
pub mod workflow;

use crate::error::IpcError;

/// Runs CPU-heavy work (rendering, parsing) off the async runtime so the window stays
/// responsive, and turns its error into the IPC error.
pub(crate) async fn blocking<T, E>(
    job: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, IpcError>
where
    T: Send + 'static,
    E: Into<IpcError> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(job)
        .await
        .map_err(|e| IpcError::new("internal", e.to_string()))?
        .map_err(Into::into)
}
