//! `jiedu-server`: the office server. axum over the store; every request is authorised by
//! `jiedu-core` through the store, with the caller's session from a bearer token. It keeps no
//! state of its own beyond the database (nonces, token hashes and rate-limit counts live there
//! too), so several processes can serve one PostgreSQL database behind a load balancer.

mod args;
mod auth;
mod error;
mod events;
mod extract;
mod media;
mod routes;
pub mod tls;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use jiedu_store::{DbLocation, Store, StoreError};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::watch;

pub use args::ServeArgs;
pub use error::{status_for, HttpError};

/// How the server talks to clients.
#[derive(Debug, Clone)]
pub enum Transport {
    /// TLS with the identity in (or made in) this folder.
    Tls(PathBuf),
    /// Plain HTTP, for tests, on a loopback address only.
    InsecureHttp,
}

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The database.
    pub db: DbLocation,
    /// The address to listen on (port 0 picks a free one).
    pub listen: SocketAddr,
    /// TLS or, on loopback, plain HTTP.
    pub transport: Transport,
    /// Extra URLs clients reach this server at (behind a load balancer or by name), which
    /// sign-in answers may be made for besides the listen address.
    pub public_urls: Vec<String>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The database.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The TLS identity.
    #[error(transparent)]
    Tls(#[from] tls::TlsError),
    /// Plain HTTP off loopback.
    #[error("--insecure-http 只能监听本机回环地址（127.0.0.1 或 ::1），而不是 {0}。团队使用请用 --tls-dir。\n--insecure-http listens on loopback only (127.0.0.1 or ::1), not {0}; use --tls-dir for an office.")]
    InsecureOffLoopback(SocketAddr),
    /// The address.
    #[error("无法监听 {addr}：{detail}\nCannot listen on {addr}: {detail}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// What failed.
        detail: String,
    },
}

impl ServeError {
    /// A stable code, as for every Jiedu error.
    pub fn code(&self) -> &'static str {
        match self {
            ServeError::Store(e) => e.code(),
            ServeError::Tls(_) => "server.tls",
            ServeError::InsecureOffLoopback(_) => "server.insecure_off_loopback",
            ServeError::Listen { .. } => "server.listen",
        }
    }
}

/// What a started server tells its operator.
#[derive(Debug, Clone)]
pub struct Started {
    /// The URL it answers at.
    pub url: String,
    /// The bound address.
    pub addr: SocketAddr,
    /// SHA-256 fingerprint of the CA clients must trust (TLS only).
    pub ca_fingerprint: Option<String>,
    /// The CA file clients pass as `--ca` (TLS only).
    pub ca_file: Option<PathBuf>,
    /// Whether the TLS files were made now.
    pub tls_created: bool,
}

/// Shared by every handler: the store and what the process's one audit watcher says.
#[derive(Clone)]
pub struct AppState {
    store: Store,
    origins: Arc<Vec<String>>,
    latest: watch::Receiver<i64>,
}

fn router(state: AppState) -> Router {
    use routes::*;
    let api = Router::new()
        .route("/health", get(health))
        .route("/roots", get(roots))
        .route("/accounts", get(accounts))
        .route("/auth/keys", post(sealed_keys))
        .route("/auth/challenge", post(challenge))
        .route("/auth/session", post(open_session).delete(close_session))
        .route("/me", get(me))
        .route("/packs", get(list_packs).post(create_pack))
        .route("/packs/{id}", get(get_pack))
        .route("/packs/{id}/revisions", get(revisions))
        .route("/packs/{id}/revisions/{rev}", get(revision_content))
        .route("/packs/{id}/last-reviewed", get(last_reviewed))
        .route("/packs/{id}/save", post(save))
        .route(
            "/packs/{id}/draft",
            get(get_draft).put(put_draft).delete(delete_draft),
        )
        .route("/packs/{id}/submit", post(submit))
        .route("/packs/{id}/return", post(return_pack))
        .route("/packs/{id}/comments", get(comments))
        .route("/packs/{id}/comments/{comment}/resolve", post(resolve))
        .route("/packs/{id}/review-disclosure", post(review))
        .route("/packs/{id}/sign", post(sign))
        .route("/packs/{id}/signed-pdf", get(signed_pdf))
        .route("/packs/{id}/deploy", post(deploy))
        .route("/packs/{id}/audit", get(pack_audit))
        .route("/packs/{id}/signatures", get(signatures))
        .route("/search", get(search))
        .route("/users", get(users).post(add_user))
        .route(
            "/users/{user}/certificate",
            axum::routing::put(put_certificate),
        )
        .route("/units", get(units))
        .route(
            "/units/{id}/settings",
            get(unit_settings).put(set_unit_settings),
        )
        .route("/settings", get(all_unit_settings))
        .route("/calendar", get(calendar).post(import_calendar))
        .route("/packs/{id}/publication", get(publication))
        .route("/concerns", get(concerns).post(add_concern))
        .route("/concerns/{id}/respond", post(respond_concern))
        .route("/enrolments", get(enrolments).post(add_enrolment))
        .route("/ca", get(office_ca))
        .route("/verify", get(verify))
        .route("/media/uploads", post(media::begin))
        .route(
            "/media/uploads/{id}",
            get(media::status).put(media::piece).delete(media::cancel),
        )
        .route("/media/uploads/{id}/finish", post(media::finish))
        .route("/media/{sha256}", get(media::bytes))
        .route("/media/{sha256}/info", get(media::info))
        .route("/events", get(events::events))
        .fallback(not_found);
    Router::new()
        .nest(jiedu_api::PREFIX, api)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(jiedu_api::MAX_BODY_BYTES))
        .with_state(state)
}

fn origins(scheme: &str, addr: SocketAddr, public_urls: &[String]) -> Vec<String> {
    let port = addr.port();
    let mut hosts = vec![addr.ip().to_string()];
    if addr.ip().is_loopback() || addr.ip().is_unspecified() {
        hosts.extend(["127.0.0.1".to_string(), "localhost".to_string()]);
    }
    let mut out: Vec<String> = hosts
        .into_iter()
        .map(|h| {
            if h.contains(':') {
                format!("{scheme}://[{h}]:{port}")
            } else {
                format!("{scheme}://{h}:{port}")
            }
        })
        .collect();
    out.extend(
        public_urls
            .iter()
            .map(|u| u.trim_end_matches('/').to_string()),
    );
    out.dedup();
    out
}

/// Opens the database, binds, and serves until the process ends. `on_start` is told the URL
/// and the CA fingerprint once the socket is bound, before the first request is accepted.
pub async fn run(config: ServerConfig, on_start: impl FnOnce(&Started)) -> Result<(), ServeError> {
    if matches!(config.transport, Transport::InsecureHttp) && !config.listen.ip().is_loopback() {
        return Err(ServeError::InsecureOffLoopback(config.listen));
    }
    let store = Store::open(&config.db).await?;
    let latest = store.watch_audit().await?;
    let listener = std::net::TcpListener::bind(config.listen).map_err(|e| ServeError::Listen {
        addr: config.listen,
        detail: e.to_string(),
    })?;
    let addr = listener.local_addr().map_err(|e| ServeError::Listen {
        addr: config.listen,
        detail: e.to_string(),
    })?;
    let listen_error = |e: std::io::Error| ServeError::Listen {
        addr,
        detail: e.to_string(),
    };
    let scheme = match config.transport {
        Transport::Tls(_) => "https",
        Transport::InsecureHttp => "http",
    };
    let origins = origins(scheme, addr, &config.public_urls);
    let url = format!("{scheme}://{addr}");
    let state = AppState {
        store,
        origins: Arc::new(origins),
        latest,
    };
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    match config.transport {
        Transport::Tls(dir) => {
            let host = config
                .public_urls
                .iter()
                .find_map(|u| url_host(u))
                .unwrap_or_else(|| addr.ip().to_string());
            let identity = tls::load_or_create(&dir, &host)?;
            on_start(&Started {
                url,
                addr,
                ca_fingerprint: Some(jiedu_api::certificate_fingerprint(&identity.ca_der)),
                ca_file: Some(dir.join("ca.pem")),
                tls_created: identity.created,
            });
            let config = axum_server::tls_rustls::RustlsConfig::from_config(identity.config);
            axum_server::from_tcp_rustls(listener, config)
                .map_err(listen_error)?
                .serve(app)
                .await
                .map_err(listen_error)
        }
        Transport::InsecureHttp => {
            on_start(&Started {
                url,
                addr,
                ca_fingerprint: None,
                ca_file: None,
                tls_created: false,
            });
            axum_server::from_tcp(listener)
                .map_err(listen_error)?
                .serve(app)
                .await
                .map_err(listen_error)
        }
    }
}

/// The host of a URL such as `https://jiedu.example.gov.cn:8443/`.
fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    (!host.is_empty()).then(|| host.to_string())
}

/// The operator's start-up lines, Chinese then English.
pub fn describe(started: &Started) -> String {
    let mut lines = vec![format!(
        "jiedu-server 正在监听 listening on {}",
        started.url
    )];
    if let (Some(fp), Some(ca)) = (&started.ca_fingerprint, &started.ca_file) {
        if started.tls_created {
            lines.push(format!(
                "已生成办公室 CA 与服务器证书 made an office CA and server certificate in {}",
                ca.parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default()
            ));
        }
        lines.push(format!("CA 证书 CA certificate (--ca): {}", ca.display()));
        lines.push(format!("CA 指纹 CA fingerprint SHA-256: {fp}"));
        lines.push(
            "请核对各桌面端显示的指纹与此一致。Check that every desktop shows this fingerprint."
                .to_string(),
        );
    } else {
        lines.push("未加密 HTTP，仅限本机测试 plain HTTP, loopback tests only".to_string());
    }
    lines.join("\n")
}
