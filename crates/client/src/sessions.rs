//! The CLI's remembered sign-in per server, so that reading commands (`list`, `check`,
//! `audit --verify`) work after one `--as` sign-in, as `gh` or `bw` remember theirs. Only the
//! bearer token is kept (it expires within hours), in a file only its owner may read.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A remembered session.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Remembered {
    /// Who signed in.
    pub user: String,
    /// The bearer token.
    pub token: String,
    /// When it expires, RFC 3339.
    pub expires_at: String,
}

fn file() -> PathBuf {
    if let Some(path) = std::env::var_os("JIEDU_SESSIONS").filter(|p| !p.is_empty()) {
        return PathBuf::from(path);
    }
    crate::pins::pin_file().with_file_name("sessions.json")
}

fn read() -> BTreeMap<String, Remembered> {
    std::fs::read(file())
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// The unexpired session remembered for `origin`.
pub fn recall(origin: &str) -> Option<Remembered> {
    let r = read().remove(origin)?;
    let expires = chrono::DateTime::parse_from_rfc3339(&r.expires_at).ok()?;
    (expires > chrono::Utc::now()).then_some(r)
}

/// Remembers a session for `origin`. Failing to write only means signing in again next time.
pub fn remember(origin: &str, session: Remembered) {
    let mut all = read();
    all.insert(origin.to_string(), session);
    let path = file();
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(text) = serde_json::to_vec_pretty(&all) {
        if jiedu_store::write_atomically(&path, &text).is_ok() {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
}
