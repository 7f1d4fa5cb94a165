//! `jiedu search QUERY`: full-text search over policy and interpretation text.

use crate::args::Target;
use crate::error::CliError;
use crate::output::Output;

use std::process::ExitCode;

/// Prints the packs that contain every word of the query.
pub async fn run(db: &Target, query: &str, limit: u32, out: &Output) -> Result<ExitCode, CliError> {
    let store = db.open().await?;
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
