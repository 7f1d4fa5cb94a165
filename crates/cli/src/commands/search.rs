//! `jiedu search QUERY`: full-text search over policy and interpretation text.

use crate::error::CliError;
use crate::output::Output;
use jiedu_store::DbLocation;
use jiedu_store::Store;
use std::process::ExitCode;

/// Prints the packs that contain every word of the query.
pub async fn run(
    db: &DbLocation,
    query: &str,
    limit: u32,
    out: &Output,
) -> Result<ExitCode, CliError> {
    let store = Store::open(db).await?;
    let hits = store.search(query, limit).await?;
    store.close().await;
    out.emit(&hits, || {
        if hits.is_empty() {
            println!("未找到“{query}”。No match for {query}.");
        }
        for h in &hits {
            println!("{}  [{}] {}", h.pack_id, h.state.label_zh(), h.title);
            println!("    {}", h.snippet);
        }
    });
    Ok(ExitCode::SUCCESS)
}
