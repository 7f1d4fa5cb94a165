//! The server's TLS identity: `cert.pem`, `key.pem` and `ca.pem` from the TLS folder, or, when
//! the folder is empty, a new office CA and a server certificate for the listen host, made here.
//! The CA's private key is not kept: the server certificate is all the server needs, and a CA
//! key that does not exist cannot be stolen to impersonate the server.

use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose, SanType};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why the TLS identity could not be loaded or made.
#[derive(Debug, thiserror::Error)]
pub enum TlsError {
    /// A file could not be read or written.
    #[error("TLS 文件 {path}：{detail}\nTLS file {path}: {detail}")]
    File {
        /// The file.
        path: PathBuf,
        /// What failed.
        detail: String,
    },
    /// The folder holds some of the files but not all.
    #[error("TLS 目录 {dir} 须同时含有 cert.pem、key.pem 和 ca.pem，或为空（由服务器生成）。\nThe TLS folder {dir} must hold cert.pem, key.pem and ca.pem, or be empty (the server then makes them).")]
    Incomplete {
        /// The folder.
        dir: PathBuf,
    },
    /// Making a certificate failed.
    #[error("生成证书失败：{0}\nMaking a certificate failed: {0}")]
    Generate(String),
}

/// What the server serves with, and what clients are told to trust.
pub struct TlsIdentity {
    /// rustls' server configuration.
    pub config: Arc<rustls::ServerConfig>,
    /// The CA certificate (DER) clients trust.
    pub ca_der: Vec<u8>,
    /// Whether the files were made now.
    pub created: bool,
}

fn file_error(path: &Path, e: impl std::fmt::Display) -> TlsError {
    TlsError::File {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

fn write_private(path: &Path, text: &str) -> Result<(), TlsError> {
    jiedu_store::write_atomically(path, text.as_bytes()).map_err(|e| file_error(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| file_error(path, e))?;
    }
    Ok(())
}

/// Loads the identity from `dir`, making it for `host` first when `dir` has none of the files.
pub fn load_or_create(dir: &Path, host: &str) -> Result<TlsIdentity, TlsError> {
    let (cert, key, ca) = (
        dir.join("cert.pem"),
        dir.join("key.pem"),
        dir.join("ca.pem"),
    );
    let present = [&cert, &key, &ca].iter().filter(|p| p.exists()).count();
    let created = match present {
        0 => {
            std::fs::create_dir_all(dir).map_err(|e| file_error(dir, e))?;
            create(host, &cert, &key, &ca)?;
            true
        }
        3 => false,
        _ => {
            return Err(TlsError::Incomplete {
                dir: dir.to_path_buf(),
            })
        }
    };
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&cert)
        .map_err(|e| file_error(&cert, e))?
        .collect::<Result<_, _>>()
        .map_err(|e| file_error(&cert, e))?;
    let private = PrivateKeyDer::from_pem_file(&key).map_err(|e| file_error(&key, e))?;
    let ca_der = CertificateDer::from_pem_file(&ca)
        .map_err(|e| file_error(&ca, e))?
        .to_vec();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| TlsError::Generate(e.to_string()))?
    .with_no_client_auth()
    .with_single_cert(chain, private)
    .map_err(|e| file_error(&cert, e))?;
    Ok(TlsIdentity {
        config: Arc::new(config),
        ca_der,
        created,
    })
}

fn generate(e: rcgen::Error) -> TlsError {
    TlsError::Generate(e.to_string())
}

fn create(host: &str, cert: &Path, key: &Path, ca: &Path) -> Result<(), TlsError> {
    let ca_key = KeyPair::generate().map_err(generate)?;
    let mut ca_params = CertificateParams::default();
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "Jiedu 解读 office server CA");
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Constrained(0));
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    ca_params.not_before = rcgen::date_time_ymd(2025, 1, 1);
    ca_params.not_after = rcgen::date_time_ymd(2045, 1, 1);
    let ca_cert = ca_params.self_signed(&ca_key).map_err(generate)?;
    let issuer = rcgen::Issuer::new(ca_params, ca_key);

    let mut names = vec![host.to_string()];
    for extra in ["localhost", "127.0.0.1", "::1"] {
        if !names.iter().any(|n| n == extra) {
            names.push(extra.to_string());
        }
    }
    let mut params = CertificateParams::default();
    params
        .distinguished_name
        .push(DnType::CommonName, format!("jiedu-server {host}"));
    params.subject_alt_names = names
        .iter()
        .map(|n| match n.parse::<std::net::IpAddr>() {
            Ok(ip) => Ok(SanType::IpAddress(ip)),
            Err(_) => n.clone().try_into().map(SanType::DnsName),
        })
        .collect::<Result<_, _>>()
        .map_err(generate)?;
    params.not_before = rcgen::date_time_ymd(2025, 1, 1);
    params.not_after = rcgen::date_time_ymd(2036, 1, 1);
    let server_key = KeyPair::generate().map_err(generate)?;
    let server_cert = params.signed_by(&server_key, &issuer).map_err(generate)?;
    write_private(key, &server_key.serialize_pem())?;
    jiedu_store::write_atomically(cert, server_cert.pem().as_bytes())
        .map_err(|e| file_error(cert, e))?;
    jiedu_store::write_atomically(ca, ca_cert.pem().as_bytes()).map_err(|e| file_error(ca, e))?;
    Ok(())
}
