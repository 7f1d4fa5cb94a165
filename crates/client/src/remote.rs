//! The HTTPS side: a reqwest client that trusts only the office CA given with `--ca`, and the
//! challenge–response sign-in.

use crate::error::ClientError;
use jiedu_api::*;
use jiedu_core::identity::challenge_message;
use jiedu_core::people::User;
use jiedu_store::{open_keys, OpenedKeys, SealedKeys};
use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// A connection to a Jiedu server (no one signed in yet, or one person).
#[derive(Clone)]
pub struct Remote {
    http: reqwest::Client,
    /// The server's origin, e.g. `https://127.0.0.1:8443`.
    origin: String,
    token: Option<String>,
    /// Who signed in through this connection, with their keys opened here.
    identity: Option<(User, Arc<OpenedKeys>)>,
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remote")
            .field("origin", &self.origin)
            .finish_non_exhaustive()
    }
}

fn is_loopback_http(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("http://") else {
        return false;
    };
    ["127.", "localhost:", "localhost/", "[::1]"]
        .iter()
        .any(|p| rest.starts_with(p))
        || rest == "localhost"
}

fn tls_config(ca: Option<&Path>) -> Result<rustls::ClientConfig, ClientError> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let mut roots = rustls::RootCertStore::empty();
    if let Some(path) = ca {
        let ca_error = |detail: String| ClientError::Ca {
            path: path.to_path_buf(),
            detail,
        };
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
            .map_err(|e| ca_error(e.to_string()))?
            .collect::<Result<_, _>>()
            .map_err(|e| ca_error(e.to_string()))?;
        if certs.is_empty() {
            return Err(ca_error(
                "文件中没有 PEM 证书 / no PEM certificate in the file".into(),
            ));
        }
        for cert in certs {
            roots.add(cert).map_err(|e| ca_error(e.to_string()))?;
        }
    }
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| ClientError::Connect {
        url: String::new(),
        detail: e.to_string(),
    })?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(config)
}

/// SHA-256 of the (first) certificate in a PEM file, colon-separated upper-case hex: what
/// `jiedu serve` prints, for the user to compare.
pub fn ca_fingerprint(path: &Path) -> Result<String, ClientError> {
    use rustls::pki_types::pem::PemObject;
    let der =
        rustls::pki_types::CertificateDer::from_pem_file(path).map_err(|e| ClientError::Ca {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
    Ok(jiedu_api::certificate_fingerprint(der.as_ref()))
}

impl Remote {
    /// Connects to `url`, trusting only the CA in `ca` (PEM). `http://` is accepted on
    /// loopback only, for tests.
    pub async fn connect(url: &str, ca: Option<&Path>) -> Result<Remote, ClientError> {
        let origin = url.trim_end_matches('/').to_string();
        let https = origin.starts_with("https://");
        if !https && !is_loopback_http(&origin) {
            return Err(ClientError::BadUrl { url: origin });
        }
        let mut builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(8))
            .no_proxy();
        if https {
            if ca.is_none() {
                return Err(ClientError::Ca {
                    path: "--ca".into(),
                    detail: "连接 https 服务器须提供办公室服务器 CA（--ca 或 JIEDU_CA）/ an https server needs the office server CA (--ca or JIEDU_CA)".into(),
                });
            }
            builder = builder.tls_backend_preconfigured(tls_config(ca)?);
        }
        let http = builder.build().map_err(|e| ClientError::Connect {
            url: origin.clone(),
            detail: e.to_string(),
        })?;
        // Reading commands use the session remembered from the last sign-in, if unexpired.
        let token = crate::sessions::recall(&origin).map(|r| r.token);
        let remote = Remote {
            http,
            origin,
            token,
            identity: None,
        };
        let health: Health = remote.get("/health").await?;
        if health.service != "jiedu-server" {
            return Err(ClientError::Connect {
                url: remote.origin.clone(),
                detail: "不是 Jiedu 服务器 / not a Jiedu server".into(),
            });
        }
        Ok(remote)
    }

    /// The server's origin.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The session token, once signed in.
    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// Signs in: fetches the sealed keys, opens them here with the passphrase, and answers the
    /// server's nonce with the Ed25519 key. Returns the person and their opened keys.
    pub async fn sign_in(
        &mut self,
        user_id: &str,
        passphrase: &str,
    ) -> Result<(User, OpenedKeys), ClientError> {
        let who = UserRequest {
            user: user_id.to_string(),
        };
        let sealed: SealedKeys = self.post("/auth/keys", &who).await?;
        let passphrase = zeroize::Zeroizing::new(passphrase.to_string());
        let keys = tokio::task::spawn_blocking(move || open_keys(&sealed, &passphrase))
            .await
            .map_err(|e| ClientError::Connect {
                url: String::new(),
                detail: e.to_string(),
            })??;
        let challenge: ChallengeResponse = self.post("/auth/challenge", &who).await?;
        let message = challenge_message(user_id, &challenge.nonce, &self.origin);
        let answer = SessionRequest {
            user: user_id.to_string(),
            nonce: challenge.nonce,
            origin: self.origin.clone(),
            signature: jiedu_core::identity::sign_detached(&keys.signing, &message),
        };
        let session: SessionResponse = self.post("/auth/session", &answer).await?;
        crate::sessions::remember(
            &self.origin,
            crate::sessions::Remembered {
                user: session.user.id.clone(),
                token: session.token.clone(),
                expires_at: session.expires_at.clone(),
            },
        );
        self.token = Some(session.token);
        Ok((session.user, keys))
    }

    /// The same connection with no session: as a client that never signed in.
    pub fn without_token(mut self) -> Remote {
        self.token = None;
        self.identity = None;
        self
    }

    /// Keeps who signed in through this connection.
    pub(crate) fn remember_identity(&mut self, user: User, keys: Arc<OpenedKeys>) {
        self.identity = Some((user, keys));
    }

    /// Who signed in through this connection in this process, if anyone.
    pub fn signed_in(&self) -> Option<(User, Arc<OpenedKeys>)> {
        self.identity.clone()
    }

    /// Uses a token obtained earlier.
    pub fn with_token(mut self, token: String) -> Remote {
        self.token = Some(token);
        self
    }

    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
    ) -> Result<reqwest::Response, ClientError> {
        self.send_with(method, path, body.map(|b| ("application/json", b)), &[])
            .await
    }

    async fn send_with(
        &self,
        method: Method,
        path: &str,
        body: Option<(&'static str, Vec<u8>)>,
        headers: &[(reqwest::header::HeaderName, String)],
    ) -> Result<reqwest::Response, ClientError> {
        let url = format!("{}{}{}", self.origin, PREFIX, path);
        let mut request = self.http.request(method, &url);
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(name, value);
        }
        if let Some((content_type, body)) = body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, content_type)
                .body(body);
        }
        let response = request.send().await.map_err(|e| ClientError::Connect {
            url: self.origin.clone(),
            detail: error_chain(&e),
        })?;
        if response.status().is_success() {
            return Ok(response);
        }
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        Err(match serde_json::from_str::<ApiError>(&text) {
            Ok(error) => ClientError::Api {
                status: status.as_u16(),
                error,
            },
            Err(_) => ClientError::Connect {
                url: self.origin.clone(),
                detail: format!(
                    "HTTP {status}: {}",
                    text.chars().take(200).collect::<String>()
                ),
            },
        })
    }

    async fn json<T: DeserializeOwned>(
        &self,
        response: reqwest::Response,
    ) -> Result<T, ClientError> {
        let status = response.status();
        let bytes = response.bytes().await.map_err(|e| ClientError::Connect {
            url: self.origin.clone(),
            detail: e.to_string(),
        })?;
        let bytes = if status == StatusCode::NO_CONTENT {
            b"null".to_vec().into()
        } else {
            bytes
        };
        serde_json::from_slice(&bytes).map_err(|e| ClientError::Connect {
            url: self.origin.clone(),
            detail: format!("无法解析应答 unreadable answer: {e}"),
        })
    }

    /// `GET path`, as JSON.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ClientError> {
        let response = self.send(Method::GET, path, None).await?;
        self.json(response).await
    }

    /// `GET path`, as bytes.
    pub async fn get_bytes(&self, path: &str) -> Result<Vec<u8>, ClientError> {
        let response = self.send(Method::GET, path, None).await?;
        self.body_bytes(response).await
    }

    /// The whole body of an answered request.
    async fn body_bytes(&self, response: reqwest::Response) -> Result<Vec<u8>, ClientError> {
        Ok(response
            .bytes()
            .await
            .map_err(|e| ClientError::Connect {
                url: self.origin.clone(),
                detail: e.to_string(),
            })?
            .to_vec())
    }

    /// `PUT path` with raw bytes as the body, answered as JSON.
    pub async fn put_octets<T: DeserializeOwned>(
        &self,
        path: &str,
        bytes: Vec<u8>,
    ) -> Result<T, ClientError> {
        let response = self
            .send_with(
                Method::PUT,
                path,
                Some(("application/octet-stream", bytes)),
                &[],
            )
            .await?;
        self.json(response).await
    }

    /// `GET path` for `len` bytes from `start` (an HTTP range request).
    pub async fn get_range(
        &self,
        path: &str,
        start: u64,
        len: u64,
    ) -> Result<Vec<u8>, ClientError> {
        let range = format!("bytes={start}-{}", start + len.max(1) - 1);
        let response = self
            .send_with(Method::GET, path, None, &[(reqwest::header::RANGE, range)])
            .await?;
        self.body_bytes(response).await
    }

    /// `POST path` with a JSON body.
    pub async fn post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ClientError> {
        let response = self.send(Method::POST, path, Some(to_json(body)?)).await?;
        self.json(response).await
    }

    /// `PUT path` with a JSON body.
    pub async fn put<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ClientError> {
        let response = self.send(Method::PUT, path, Some(to_json(body)?)).await?;
        self.json(response).await
    }

    /// `DELETE path`.
    pub async fn delete(&self, path: &str) -> Result<(), ClientError> {
        self.send(Method::DELETE, path, None).await?;
        Ok(())
    }

    /// Opens the event stream after `after` (or from now).
    pub async fn events(&self, after: Option<i64>) -> Result<crate::EventStream, ClientError> {
        let path = match after {
            Some(seq) => format!("/events?after={seq}"),
            None => "/events".to_string(),
        };
        let response = self.send(Method::GET, &path, None).await?;
        Ok(crate::EventStream::new(response))
    }
}

/// reqwest's error with its causes (the TLS reason is in a source).
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn to_json<B: Serialize>(body: &B) -> Result<Vec<u8>, ClientError> {
    serde_json::to_vec(body).map_err(|e| ClientError::Connect {
        url: String::new(),
        detail: e.to_string(),
    })
}
