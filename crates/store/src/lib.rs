//! Jiedu's persistence through sqlx, on SQLite (solo mode) or PostgreSQL (team mode): packs and
//! their immutable revisions, units and people, signatures and deployments, the hash-chained
//! audit log, and Chinese full-text search.
//!
//! Every write takes the database's one write lock first (`BEGIN IMMEDIATE` on SQLite, an
//! advisory transaction lock on PostgreSQL) and appends its audit row in the same transaction,
//! so a change and its record are never separated and the audit chain never forks.

mod accounts;
mod audit;
mod concerns;
mod credentials;
mod db;
mod desktop_keys;
mod document_keys;
mod drafts;
mod enrolments;
mod error;
mod events;
mod files;
mod location;
mod media;
mod media_uploads;
mod migrations;
mod open_postgres;
mod open_sqlite;
mod packs;
mod people;
mod people_from_desktop;
mod publication;
mod search;
mod sign_in;
mod workflow;

pub use accounts::{Session, UserInfo, MIN_PASSPHRASE_CHARS};
pub use audit::{AuditEvent, AuditVerification, BrokenRow};
pub use concerns::NewConcern;
pub use db::Engine;
pub use desktop_keys::{open_keys, sign_on_desktop, OpenedKeys, SealedKeys, SignedSubmission};
pub use document_keys::LEADER_ROLE;
pub use drafts::Draft;
pub use error::StoreError;
pub use events::{AuditFollower, AUDIT_CHANNEL, EVENT_PAGE};
pub use files::write_atomically;
pub use location::DbLocation;
pub use media::{MediaProblem, MediaVerification, StoredMedia, CHUNK_SIZE as MEDIA_CHUNK_SIZE};
pub use media_uploads::{check_declared_size, UploadStatus};
pub use open_postgres::backup_dir as pg_backup_dir;
#[doc(hidden)]
pub use open_postgres::migrate_partially as migrate_postgres_partially;
pub use packs::{is_valid_pack_id, NewPack, PackSummary, RevisionInfo, SavedRevision};
pub use people_from_desktop::{issue_certificate_on_desktop, prepare_person, PreparedPerson};
pub use search::{bigrams, SearchHit};
pub use sign_in::{Challenge, IssuedToken, CHALLENGE_SECONDS, SESSION_HOURS};
pub use workflow::{
    Comment, RevisionProblem, RevisionVerification, SignatureEntry, StepOutcome, UnsignedPdf,
};

use std::path::PathBuf;

/// An open Jiedu database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: db::Pool,
    location: DbLocation,
}

impl Store {
    /// Opens the database at a file path or `postgres://` URL, creating it when missing and
    /// backing it up before any migration.
    pub async fn open(location: impl Into<DbLocation>) -> Result<Store, StoreError> {
        let location = location.into();
        let pool = match &location {
            DbLocation::File(path) => db::Pool::Sqlite(open_sqlite::open_pool(path).await?),
            DbLocation::Postgres(url) => db::Pool::Postgres(open_postgres::open_pool(url).await?),
        };
        Ok(Store { pool, location })
    }

    /// Where the database lives.
    pub fn location(&self) -> &DbLocation {
        &self.location
    }

    /// The engine it runs on.
    pub fn engine(&self) -> Engine {
        self.pool.engine()
    }

    pub(crate) fn db(&self) -> &db::Pool {
        &self.pool
    }

    /// Checks the database's own consistency: `PRAGMA integrity_check` on SQLite; on
    /// PostgreSQL, which checks itself, that it answers. `Ok(true)` when sound.
    pub async fn integrity_ok(&self) -> Result<bool, StoreError> {
        match self.engine() {
            Engine::Sqlite => {
                let result: String = db::sql("PRAGMA integrity_check").scalar(self.db()).await?;
                Ok(result == "ok")
            }
            Engine::Postgres => {
                let one: i32 = db::sql("SELECT 1").scalar(self.db()).await?;
                Ok(one == 1)
            }
        }
    }

    /// Closes the pool (on SQLite this checkpoints the WAL).
    pub async fn close(self) {
        self.pool.close().await;
    }
}

/// The database used when none is named: `$JIEDU_DB` (a path or a `postgres://` URL), else
/// `jiedu.db` in the user's data directory. The CLI and the app share it, so both open the same
/// database by default.
pub fn default_database() -> Option<DbLocation> {
    if let Some(text) = std::env::var_os("JIEDU_DB").filter(|p| !p.is_empty()) {
        return Some(DbLocation::parse(&text.to_string_lossy()));
    }
    default_database_file().map(DbLocation::File)
}

/// The solo-mode database file in the user's data directory.
pub fn default_database_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("cn", "Jiedu", "jiedu").map(|d| d.data_dir().join("jiedu.db"))
}
