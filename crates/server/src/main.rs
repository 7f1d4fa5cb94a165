//! The `jiedu-server` binary: the same server as `jiedu serve`, for a systemd unit.

use clap::Parser;
use jiedu_server::{describe, run, ServeArgs};
use std::process::ExitCode;

/// Jiedu 解读 办公室服务器 — the office server.
#[derive(Debug, Parser)]
#[command(version)]
struct Cli {
    /// 数据库：postgres://… 或 SQLite 文件（单人试用）。Database: postgres://… or a SQLite file (one-person trial).
    #[arg(long, env = "JIEDU_DB")]
    db: String,
    #[command(flatten)]
    serve: ServeArgs,
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(
        cli.serve.config(jiedu_store::DbLocation::parse(&cli.db)),
        |s| println!("{}", describe(s)),
    )
    .await
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("错误 error [{}]: {e}", e.code());
            ExitCode::from(2)
        }
    }
}
