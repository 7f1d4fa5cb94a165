//! What the app holds while it runs.

use jiedu_store::{default_database_path, Store, StoreError};
use std::path::PathBuf;

/// Shared state: the open database and where it lives.
pub struct AppState {
    /// The database.
    pub store: Store,
}

/// Why the app could not open its database.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// No path was given and the platform has no data directory.
    #[error("无法确定数据目录，请设置环境变量 JIEDU_DB。\nNo data directory found; set JIEDU_DB.")]
    NoDataDir,
    /// The store refused the file.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AppState {
    /// Opens the database named by `--db PATH` on the command line, `$JIEDU_DB`, or the default.
    pub async fn open() -> Result<AppState, StartError> {
        let path = database_flag()
            .or_else(default_database_path)
            .ok_or(StartError::NoDataDir)?;
        Ok(AppState {
            store: Store::open(&path).await?,
        })
    }
}

fn database_flag() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
    }
    None
}
