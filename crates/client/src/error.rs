//! The client's errors: the store's own when local, the server's `{code, message, field?}`
//! when remote, and what can go wrong on the way (the CA file, the connection).

use jiedu_api::ApiError;
use jiedu_store::StoreError;
use std::path::PathBuf;

/// Why a backend call failed.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The local store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The server refused, with its own code and message.
    #[error("{}", .error.message)]
    Api {
        /// The HTTP status.
        status: u16,
        /// The body.
        error: ApiError,
    },
    /// The CA file could not be read or is not a certificate.
    #[error("无法读取 CA 证书 {path}：{detail}\nCannot read the CA certificate {path}: {detail}")]
    Ca {
        /// The file.
        path: PathBuf,
        /// What failed.
        detail: String,
    },
    /// The server could not be reached, or answered something that is not the API.
    #[error("无法连接服务器 {url}：{detail}\nCannot reach the server {url}: {detail}")]
    Connect {
        /// The server.
        url: String,
        /// What failed.
        detail: String,
    },
    /// The server URL is not https (plain http is for loopback tests only).
    #[error("服务器地址须为 https://主机:端口（http:// 仅限本机测试），而不是“{url}”。\nThe server URL must be https://HOST:PORT (http:// only on loopback), not “{url}”.")]
    BadUrl {
        /// The URL given.
        url: String,
    },
    /// The server's admin key differs from the one pinned at first connection.
    #[error("服务器的管理员公钥与首次连接时固定的不一致（{pin_file}）：可能被冒充或篡改。固定的 pinned {pinned}，现为 now {found}。\nThe server's admin key differs from the one pinned at first connection ({pin_file}): it may be impersonated or tampered with.")]
    PinMismatch {
        /// The pinned key.
        pinned: String,
        /// What the server has.
        found: String,
        /// Where the pin is kept.
        pin_file: String,
    },
    /// A media file refused by its content (checked on this desk before anything is sent).
    #[error("{error}")]
    Media {
        /// The file's name as given.
        file: String,
        /// Why.
        error: jiedu_media::MediaError,
    },
    /// A pin file that cannot be read or written.
    #[error("无法读写固定的管理员公钥 {path}：{detail}\nCannot read or write the pinned admin keys {path}: {detail}")]
    PinFile {
        /// The file.
        path: PathBuf,
        /// What failed.
        detail: String,
    },
}

impl ClientError {
    /// A stable code: the store's or the server's, so both modes report the same.
    pub fn code(&self) -> String {
        match self {
            ClientError::Store(e) => e.code().to_string(),
            ClientError::Api { error, .. } => error.code.clone(),
            ClientError::Ca { .. } => "server.ca".into(),
            ClientError::Connect { .. } => "server.connect".into(),
            ClientError::BadUrl { .. } => "server.bad_url".into(),
            ClientError::PinMismatch { .. } => "server.pin_mismatch".into(),
            ClientError::PinFile { .. } => "server.pin_file".into(),
            ClientError::Media { error, .. } => error.code().into(),
        }
    }

    /// The field, file or database concerned.
    pub fn field(&self) -> Option<String> {
        match self {
            ClientError::Store(e) => e.database().or_else(|| e.media_field()),
            ClientError::Media { file, .. } => Some(file.clone()),
            ClientError::Api { error, .. } => error.field.clone(),
            ClientError::Ca { path, .. } | ClientError::PinFile { path, .. } => {
                Some(path.display().to_string())
            }
            ClientError::Connect { url, .. } | ClientError::BadUrl { url } => Some(url.clone()),
            ClientError::PinMismatch { pin_file, .. } => Some(pin_file.clone()),
        }
    }

    /// Whether this is a save or step refused because someone saved a newer revision.
    pub fn is_conflict(&self) -> bool {
        self.code() == "pack.conflict"
    }
}
