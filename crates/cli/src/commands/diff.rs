//! `jiedu diff PACK [--from REV] [--to REV] [--since-review]`: what changed, part by part.

use crate::args::Target;
use crate::error::CliError;
use crate::output::Output;
use clap::Args;
use jiedu_core::diff::{diff, Change};
use jiedu_store::StoreError;
use serde::Serialize;
use std::process::ExitCode;

/// Options of `jiedu diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// 解读包编号 Pack id.
    pub pack: String,
    /// 起始版本（默认：上一版）。Earlier revision (default: the one before the later one).
    #[arg(long, value_name = "REV", conflicts_with = "since_review")]
    pub from: Option<i64>,
    /// 截止版本（默认：当前版）。Later revision (default: the current one).
    #[arg(long, value_name = "REV")]
    pub to: Option<i64>,
    /// 与审签领导上次看到的版本（最近一次报送、退回或审签时的版本）比较。
    /// Compare with the revision the leader last saw (at the latest submit, return or sign).
    #[arg(long)]
    pub since_review: bool,
}

#[derive(Serialize)]
struct DiffReport {
    pack_id: String,
    from: i64,
    to: i64,
    changes: Vec<Change>,
}

/// Prints the changes between two revisions.
pub async fn run(db: &Target, args: DiffArgs, out: &Output) -> Result<ExitCode, CliError> {
    let store = db.open().await?;
    let pack = store.get_pack(&args.pack).await?;
    let to = args.to.unwrap_or(pack.revision);
    let from = if args.since_review {
        store
            .last_reviewed_revision(&args.pack)
            .await?
            .ok_or_else(|| StoreError::NeverReviewed {
                id: args.pack.clone(),
            })?
    } else {
        args.from.unwrap_or((to - 1).max(1))
    };
    let old = store.revision_content(&args.pack, from).await?;
    let new = store.revision_content(&args.pack, to).await?;
    store.close().await;
    let report = DiffReport {
        pack_id: args.pack.clone(),
        from,
        to,
        changes: diff(&old, &new),
    };
    out.emit(&report, || {
        println!(
            "{}：第 {from} 版 → 第 {to} 版 revision {from} → {to}",
            report.pack_id
        );
        if report.changes.is_empty() {
            println!("  无变化。No changes.");
        }
        for c in &report.changes {
            println!(
                "  {} {:<22} {}",
                c.kind.label_zh(),
                c.part.to_string(),
                c.label
            );
            if !c.fields.is_empty() {
                println!("       字段 fields: {}", c.fields.join(", "));
            }
            if let Some(before) = &c.before {
                println!("       原 before: {before}");
            }
            if let Some(after) = &c.after {
                println!("       现 after:  {after}");
            }
        }
    });
    Ok(ExitCode::SUCCESS)
}
