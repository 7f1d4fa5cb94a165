//! What the app holds while it runs: the backend (this computer's database or a team server),
//! who is signed in, and where files go.

use jiedu_client::{Actor, Backend};
use jiedu_store::{default_database, DbLocation, Store, StoreError};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

/// Shared state of the running app.
pub struct AppState {
    /// Where the data is: the local store, or a team server (switched on the sign-in screen).
    backend: tokio::sync::RwLock<Backend>,
    /// This computer's own database, kept open for 本机 mode.
    pub local: Store,
    /// What the sign-in screen shows about the connection.
    pub connection: Mutex<crate::connection::Connection>,
    /// The signed-in user; `None` until sign-in. An async lock, because calls that act for the
    /// user hold it across awaits.
    pub session: tokio::sync::Mutex<Option<Actor>>,
    /// Bumped whenever the backend changes, which ends the previous live-update feed.
    pub live_generation: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// Where exports are written: the folder the user can open from the export screen.
    pub output_dir: PathBuf,
    /// The resources folder (fonts), bundled with the app or the source tree's.
    pub resources_dir: PathBuf,
    /// Files the user dropped on the window. Import reads only these, so the UI cannot make
    /// the app read an arbitrary path.
    pub dropped: Mutex<HashSet<PathBuf>>,
    /// The fonts, loaded on first use so that start-up stays fast.
    fonts: std::sync::OnceLock<jiedu_render::FontSet>,
    /// Set by the cancel button of a running media-kit export.
    pub cancel_export: AtomicBool,
    /// Media files arriving from the webview in pieces.
    pub uploads: crate::commands::media::Uploads,
}

/// Why the app could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The desktop was pointed at PostgreSQL directly.
    #[error("桌面端不直接连接 PostgreSQL：请在登录界面选择“团队服务器”，连接 jiedu serve。\nThe desktop does not connect to PostgreSQL directly: choose 团队服务器 on the sign-in screen and connect to jiedu serve.")]
    DirectPostgres,
    /// No path was given and the platform has no data directory.
    #[error("无法确定数据目录，请设置环境变量 JIEDU_DB。\nNo data directory found; set JIEDU_DB.")]
    NoDataDir,
    /// The store refused the file.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AppState {
    /// Opens the database named by `--db PATH`, `$JIEDU_DB`, or the default; exports go to
    /// `--out DIR`, `$JIEDU_OUT`, or a `导出 exports` folder beside the database.
    pub async fn open(bundled_resources: Option<PathBuf>) -> Result<AppState, StartError> {
        let db = flag("--db")
            .map(|f| DbLocation::parse(&f.to_string_lossy()))
            .or_else(default_database)
            .ok_or(StartError::NoDataDir)?;
        // Anyone holding PostgreSQL credentials could bypass every rule; desktops go through
        // the server, which runs them.
        if matches!(db, DbLocation::Postgres(_)) {
            return Err(StartError::DirectPostgres);
        }
        let output_dir = flag("--out")
            .or_else(|| std::env::var_os("JIEDU_OUT").map(PathBuf::from))
            .unwrap_or_else(|| default_output_dir(&db));
        let resources_dir = bundled_resources
            .filter(|dir| dir.join("fonts").is_dir())
            .unwrap_or_else(jiedu_render::FontSet::resources_dir);
        let local = Store::open(&db).await?;
        let (backend, connection) = crate::connection::remembered(&local).await;
        Ok(AppState {
            backend: tokio::sync::RwLock::new(backend),
            local,
            connection: Mutex::new(connection),
            session: tokio::sync::Mutex::new(None),
            live_generation: Default::default(),
            output_dir,
            resources_dir,
            dropped: Mutex::new(HashSet::new()),
            cancel_export: AtomicBool::new(false),
            uploads: Default::default(),
            fonts: std::sync::OnceLock::new(),
        })
    }

    /// The backend as it is now (a cheap handle: a pool, or an HTTPS client with the token).
    pub async fn backend(&self) -> Backend {
        self.backend.read().await.clone()
    }

    /// Switches the backend (sign-in screen, or a sign-in that got a token); signs out.
    pub async fn set_backend(&self, backend: Backend) {
        *self.backend.write().await = backend;
    }

    /// The signed-in user's session, held for the duration of one command.
    pub async fn signed_in(
        &self,
    ) -> Result<tokio::sync::MappedMutexGuard<'_, Actor>, crate::error::IpcError> {
        let guard = self.session.lock().await;
        tokio::sync::MutexGuard::try_map(guard, Option::as_mut)
            .map_err(|_| crate::error::IpcError::signed_out())
    }

    /// The bundled fonts, loaded once.
    pub fn fonts(&self) -> Result<jiedu_render::FontSet, crate::error::IpcError> {
        if let Some(fonts) = self.fonts.get() {
            return Ok(fonts.clone());
        }
        let fonts = jiedu_render::FontSet::load(&self.resources_dir.join("fonts"))?;
        Ok(self.fonts.get_or_init(|| fonts).clone())
    }

    /// Remembers files dropped on the window, for the import command.
    pub fn accept_dropped(&self, paths: &[PathBuf]) {
        if let Ok(mut dropped) = self.dropped.lock() {
            dropped.extend(paths.iter().cloned());
        }
    }

    /// Whether `path` was dropped on the window in this run.
    pub fn was_dropped(&self, path: &Path) -> bool {
        self.dropped.lock().is_ok_and(|d| d.contains(path))
    }
}

/// Beside the database file; for a PostgreSQL database, beside the solo-mode default file.
fn default_output_dir(db: &DbLocation) -> PathBuf {
    let file = match db {
        DbLocation::File(path) => Some(path.clone()),
        DbLocation::Postgres(_) => jiedu_store::default_database_file(),
    };
    file.as_deref()
        .and_then(Path::parent)
        .unwrap_or_else(|| Path::new("."))
        .join("exports")
}

/// The value after `name` on the command line.
fn flag(name: &str) -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == name {
            return args.next().map(PathBuf::from);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn only_files_dropped_on_the_window_may_be_imported() {
        let dir = tempfile::tempdir().expect("tempdir");
        let local = Store::open(&dir.path().join("jiedu.db"))
            .await
            .expect("store");
        let state = AppState {
            backend: tokio::sync::RwLock::new(Backend::Local(local.clone())),
            connection: Mutex::new(crate::connection::Connection::local(&local)),
            local,
            session: tokio::sync::Mutex::new(None),
            live_generation: Default::default(),
            output_dir: dir.path().join("exports"),
            resources_dir: jiedu_render::FontSet::resources_dir(),
            dropped: Mutex::new(HashSet::new()),
            cancel_export: AtomicBool::new(false),
            uploads: Default::default(),
            fonts: std::sync::OnceLock::new(),
        };
        let dropped = dir.path().join("政策.docx");
        assert!(!state.was_dropped(&dropped));
        state.accept_dropped(std::slice::from_ref(&dropped));
        assert!(state.was_dropped(&dropped));
        assert!(!state.was_dropped(Path::new("/etc/passwd")));
        assert!(state.signed_in().await.is_err(), "nobody is signed in yet");
    }
}
