//! `jiedu watch`: one line per change as it happens (pack created, saved, submitted, returned,
//! signed, deployed, comments, people), from the server's event stream or the local audit log.
//! A dropped connection is resumed from the last sequence number seen, so nothing is missed.

use crate::args::Target;
use crate::auth;
use crate::error::CliError;
use crate::output::Output;
use clap::Args;
use jiedu_client::Backend;
use jiedu_store::AuditEvent;
use std::process::ExitCode;

/// Options of `jiedu watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// 从此序号之后开始（默认：只显示新的变动）。Start after this audit sequence number (default: new changes only).
    #[arg(long, value_name = "SEQ")]
    pub after: Option<i64>,
    /// 显示这么多条后退出（供脚本使用）。Exit after this many events (for scripts).
    #[arg(long, value_name = "N")]
    pub count: Option<u64>,
}

/// What an audit action is called, Chinese and English.
fn label(action: &str) -> (&'static str, &'static str) {
    match action {
        "pack.create" => ("创建", "created"),
        "pack.save" => ("保存", "saved"),
        "pack.submit" => ("报送审签", "submitted"),
        "pack.return" => ("退回", "returned"),
        "pack.sign" => ("审签", "signed"),
        "pack.deploy" => ("部署", "deployed"),
        "pack.review_disclosure" => ("公开审查", "disclosure reviewed"),
        "comment.resolve" => ("意见已处理", "comment resolved"),
        a if a.starts_with("comment.") => ("意见", "comment"),
        a if a.starts_with("user.") || a.starts_with("unit.") => ("人员变动", "person changed"),
        _ => ("变动", "changed"),
    }
}

fn print(event: &AuditEvent, out: &Output) {
    if out.json() {
        if let Ok(line) = serde_json::to_string(event) {
            println!("{line}");
        }
        return;
    }
    let (zh, en) = label(&event.action);
    let what = match (&event.pack_id, event.revision) {
        (Some(p), Some(r)) => format!("{p} r{r}"),
        (Some(p), None) => p.clone(),
        _ => event
            .detail
            .get("id")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string(),
    };
    println!(
        "#{:<6} {} {zh} {en:<20} {what:<28} {} [{}]",
        event.seq, event.at, event.actor, event.action
    );
}

/// Prints events until stopped (or `--count` reached).
pub async fn run(
    db: &Target,
    args: WatchArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let mut backend = db.open().await?;
    if let Backend::Remote(_) = &backend {
        auth::session(&mut backend, actor, "watch").await?;
    }
    let mut feed = backend
        .follow(args.after)
        .await?
        .with_reconnect_notice(|e| eprintln!("（连接中断，正在重连 reconnecting: {e}）"));
    let mut seen = 0u64;
    while let Some(event) = feed.next().await? {
        print(&event, out);
        seen += 1;
        if args.count.is_some_and(|n| seen >= n) {
            break;
        }
    }
    Ok(ExitCode::SUCCESS)
}
