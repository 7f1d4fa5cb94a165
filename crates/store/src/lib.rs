//! Jiedu's persistence on SQLite through sqlx: packs and their immutable revisions, units and
//! people, signatures and deployments, the hash-chained audit log, and Chinese full-text search.
//!
//! Every write runs in a `BEGIN IMMEDIATE` transaction (TECH-NOTES.md: plain `BEGIN` fails under
//! contention) and appends its audit row in the same transaction, so a change and its record are
//! never separated.

mod accounts;
mod audit;
mod credentials;
mod document_keys;
mod drafts;
mod error;
mod files;
mod open;
mod packs;
mod people;
mod search;
mod workflow;

pub use accounts::{Session, UserInfo, MIN_PASSPHRASE_CHARS};
pub use audit::{AuditEvent, AuditVerification, BrokenRow};
pub use document_keys::LEADER_ROLE;
pub use drafts::Draft;
pub use error::StoreError;
pub use files::write_atomically;
pub use packs::{is_valid_pack_id, NewPack, PackSummary, RevisionInfo, SavedRevision};
pub use search::{bigrams, SearchHit};
pub use workflow::{
    Comment, RevisionProblem, RevisionVerification, SignatureEntry, StepOutcome, UnsignedPdf,
};

use sqlx::SqlitePool;
use std::path::{Path, PathBuf};

/// An open Jiedu database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, backing it up before any migration.
    pub async fn open(path: &Path) -> Result<Store, StoreError> {
        let pool = open::open_pool(path).await?;
        Ok(Store {
            pool,
            path: path.to_path_buf(),
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying pool, for checks such as `PRAGMA integrity_check`.
    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// Runs `PRAGMA integrity_check`; `Ok(true)` when the file is sound.
    pub async fn integrity_ok(&self) -> Result<bool, StoreError> {
        let result: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?;
        Ok(result == "ok")
    }

    /// Closes the pool, checkpointing the WAL.
    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// The database used when none is named: `$JIEDU_DB`, else `jiedu.db` in the user's data
/// directory. The CLI and the app share it, so both open the same file by default.
pub fn default_database_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("JIEDU_DB").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("cn", "Jiedu", "jiedu").map(|d| d.data_dir().join("jiedu.db"))
}
