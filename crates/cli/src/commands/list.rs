//! `jiedu list`: every pack with its state.

use crate::error::CliError;
use crate::output::Output;
use jiedu_store::DbLocation;
use jiedu_store::Store;
use std::process::ExitCode;

/// Lists the packs, most recently changed first.
pub async fn run(db: &DbLocation, out: &Output) -> Result<ExitCode, CliError> {
    let store = Store::open(db).await?;
    let packs = store.list_packs().await?;
    store.close().await;
    out.emit(&packs, || {
        if packs.is_empty() {
            println!(
                "（没有解读包。可运行 `jiedu demo` 创建演示数据。No packs yet; run `jiedu demo`.）"
            );
        }
        for p in &packs {
            println!(
                "{:<20} {:<5} r{:<3} {:<8} {}",
                p.id,
                p.state.label_zh(),
                p.revision,
                p.unit_name,
                p.title
            );
        }
    });
    Ok(ExitCode::SUCCESS)
}
