//! Where the app's data is, chosen on the sign-in screen and remembered per computer: 本机 (this
//! computer's database) or 团队服务器 (a Jiedu server, trusted through the CA file the office
//! gave, whose fingerprint the user compares with the one the server printed).

use jiedu_client::{Backend, ClientError};
use jiedu_store::Store;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// An admin key pinned at first connection.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct PinnedAdmin {
    /// The admin.
    pub user_id: String,
    /// Their Ed25519 key, hex.
    pub public_key: String,
}

/// What the app is connected to: this computer's database, or a team server.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct Connection {
    /// `local` or `server`.
    pub mode: String,
    /// The local database (a path), in local mode.
    pub database: Option<String>,
    /// The server URL, in server mode.
    pub server_url: Option<String>,
    /// The CA certificate file trusted for the server.
    pub ca_path: Option<String>,
    /// SHA-256 fingerprint of that CA certificate, colon-separated hex, for the user to compare
    /// with what the server printed.
    pub ca_fingerprint: Option<String>,
    /// The admin key this computer pinned for the server at first connection.
    pub pinned_admin: Option<PinnedAdmin>,
}

impl Connection {
    /// Local mode on `store`.
    pub fn local(store: &Store) -> Connection {
        Connection {
            mode: "local".into(),
            database: Some(store.location().to_string()),
            server_url: None,
            ca_path: None,
            ca_fingerprint: None,
            pinned_admin: None,
        }
    }
}

/// What is remembered on this computer.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Remembered {
    mode: String,
    server_url: Option<String>,
    ca_path: Option<PathBuf>,
}

/// `connection.json` beside the client's pins (`$JIEDU_CONNECTION` overrides).
fn file() -> PathBuf {
    std::env::var_os("JIEDU_CONNECTION")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| jiedu_client::pin_file().with_file_name("connection.json"))
}

fn remember(r: &Remembered) {
    let path = file();
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    if let Ok(text) = serde_json::to_vec_pretty(r) {
        // Losing this only means choosing the mode again at the next start.
        let _ = jiedu_store::write_atomically(&path, &text);
    }
}

/// Connects to a team server through `ca`, pins its admin key if new, and remembers the choice.
pub async fn connect(url: &str, ca: &Path) -> Result<(Backend, Connection), ClientError> {
    let fingerprint = jiedu_client::ca_fingerprint(ca)?;
    let backend = Backend::remote(url, Some(ca)).await?;
    let pinned = backend.pinned_root().await?;
    let connection = Connection {
        mode: "server".into(),
        database: None,
        server_url: Some(backend.place()),
        ca_path: Some(ca.display().to_string()),
        ca_fingerprint: Some(fingerprint),
        pinned_admin: pinned.map(|(root, _)| PinnedAdmin {
            user_id: root.user_id,
            public_key: root.public_key,
        }),
    };
    remember(&Remembered {
        mode: "server".into(),
        server_url: Some(backend.place()),
        ca_path: Some(ca.to_path_buf()),
    });
    Ok((backend, connection))
}

/// Back to this computer's database, remembered.
pub fn use_local(store: &Store) -> (Backend, Connection) {
    remember(&Remembered {
        mode: "local".into(),
        ..Remembered::default()
    });
    (Backend::Local(store.clone()), Connection::local(store))
}

/// The mode remembered on this computer: the server when it was chosen and answers now, else
/// the local database (the sign-in screen then offers the server again).
pub async fn remembered(store: &Store) -> (Backend, Connection) {
    let r: Remembered = std::fs::read(file())
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    if let (true, Some(url), Some(ca)) = (r.mode == "server", &r.server_url, &r.ca_path) {
        match connect(url, ca).await {
            Ok(found) => return found,
            Err(e) => {
                eprintln!("jiedu: 无法连接上次的团队服务器 cannot reach the last team server: {e}")
            }
        }
    }
    (Backend::Local(store.clone()), Connection::local(store))
}
