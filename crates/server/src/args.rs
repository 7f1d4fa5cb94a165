//! The server's options, shared by the `jiedu-server` binary and `jiedu serve` (which each
//! take the database their own way: `jiedu`'s `--db` is global).

use crate::{ServerConfig, Transport};
use std::net::SocketAddr;
use std::path::PathBuf;

/// Options of the server.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// 监听地址 Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8443", env = "JIEDU_LISTEN")]
    pub listen: SocketAddr,
    /// TLS 目录：cert.pem、key.pem、ca.pem；为空时生成办公室 CA 与服务器证书。
    /// TLS folder with cert.pem, key.pem and ca.pem; when empty, an office CA and a server
    /// certificate are made there.
    #[arg(long, env = "JIEDU_TLS_DIR", required_unless_present = "insecure_http")]
    pub tls_dir: Option<PathBuf>,
    /// 仅限本机回环地址上的测试：不加密的 HTTP。Loopback tests only: plain HTTP.
    #[arg(long, conflicts_with = "tls_dir")]
    pub insecure_http: bool,
    /// 客户端访问本服务器所用的其他网址（负载均衡或域名）。Other URLs clients reach this server at.
    #[arg(long = "public-url", env = "JIEDU_PUBLIC_URL", value_delimiter = ',')]
    pub public_urls: Vec<String>,
}

impl ServeArgs {
    /// The configuration these options describe, serving `db`.
    pub fn config(&self, db: jiedu_store::DbLocation) -> ServerConfig {
        ServerConfig {
            db,
            listen: self.listen,
            transport: match &self.tls_dir {
                Some(dir) => Transport::Tls(dir.clone()),
                None => Transport::InsecureHttp,
            },
            public_urls: self.public_urls.clone(),
        }
    }
}
