//! `jiedu list`: every pack with its state.

use crate::args::Target;
use crate::error::CliError;
use crate::output::Output;

use std::process::ExitCode;

/// Lists the packs, most recently changed first.
pub async fn run(db: &Target, out: &Output) -> Result<ExitCode, CliError> {
    let store = db.open().await?;
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
