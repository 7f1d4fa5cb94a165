//! Chinese full-text search with character bigrams.
//!
//! FTS5's trigram tokenizer cannot find two-character words (政务, 公开), and no Chinese word
//! segmenter is to be had. So the text is cut into runs of letters and digits, each run into
//! overlapping character pairs, and those pairs are indexed as words. A query becomes a phrase of
//! its own pairs, which matches exactly where the query occurs as a substring. Single characters
//! go in a second column, for one-character queries.

use crate::error::StoreError;
use crate::Store;
use jiedu_core::pack::{PackContent, PackState};
use serde::{Deserialize, Serialize};
use sqlx::{Row, SqliteConnection};

/// Runs of letters and digits, lowercased.
fn runs(text: &str) -> Vec<Vec<char>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The space-separated character bigrams of `text`; a one-character run stands as itself.
pub fn bigrams(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for run in runs(text) {
        if run.len() == 1 {
            push_token(&mut out, &run[..]);
        }
        for pair in run.windows(2) {
            push_token(&mut out, pair);
        }
    }
    out
}

fn unigrams(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for run in runs(text) {
        for c in run.chunks(1) {
            push_token(&mut out, c);
        }
    }
    out
}

fn push_token(out: &mut String, chars: &[char]) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.extend(chars);
}

/// Builds the FTS5 query: every run of the query must occur (AND), each as an exact phrase.
fn fts_query(query: &str) -> Option<String> {
    let parts: Vec<String> = runs(query)
        .into_iter()
        .map(|run| {
            if run.len() == 1 {
                format!("unigrams : \"{}\"", run[0])
            } else {
                let pairs: Vec<String> = run.windows(2).map(|p| p.iter().collect()).collect();
                format!("grams : \"{}\"", pairs.join(" "))
            }
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" AND "))
}

/// Replaces the index entry of one pack.
pub(crate) async fn index(
    conn: &mut SqliteConnection,
    seq: i64,
    content: &PackContent,
) -> Result<(), StoreError> {
    let text = content_text(content);
    sqlx::query("DELETE FROM pack_fts WHERE rowid = ?")
        .bind(seq)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO pack_fts (rowid, grams, unigrams) VALUES (?, ?, ?)")
        .bind(seq)
        .bind(bigrams(&text))
        .bind(unigrams(&text))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn content_text(content: &PackContent) -> String {
    // Pack::search_text owns the choice of what is searchable; wrap the content to reuse it.
    jiedu_core::Pack {
        id: String::new(),
        unit_id: String::new(),
        state: PackState::Drafting,
        revision: 0,
        content: content.clone(),
        signature: None,
        deployment: None,
    }
    .search_text()
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    /// The pack.
    pub pack_id: String,
    /// Its title.
    pub title: String,
    /// Its state.
    pub state: PackState,
    /// The text around the first occurrence.
    pub snippet: String,
}

/// Up to 20 characters either side of the first place the query's first run occurs.
fn snippet(text: &str, query: &str) -> String {
    let chars: Vec<char> = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let lowered: Vec<char> = chars.iter().flat_map(|c| c.to_lowercase()).collect();
    let needle = runs(query).into_iter().next().unwrap_or_default();
    let at = if needle.is_empty() || lowered.len() != chars.len() {
        None
    } else {
        lowered
            .windows(needle.len())
            .position(|w| w == needle.as_slice())
    };
    let start = at.map_or(0, |a| a.saturating_sub(20));
    let end = at.map_or(40, |a| a + needle.len() + 20).min(chars.len());
    let mut out: String = chars[start..end].iter().collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    out
}

impl Store {
    /// Packs whose policy or interpretation text contains every word of `query`, newest first.
    ///
    /// Newest first rather than by bm25 rank: ranking must score every hit before LIMIT applies,
    /// which for a word found in every pack (公开) cost 30–110 ms on 10,000 packs, while rowid
    /// order lets FTS5 stop after `limit` hits.
    pub async fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
        let Some(fts) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let rows = sqlx::query(
            "SELECT p.id, p.title, p.state, r.content
             FROM pack_fts f
             JOIN packs p ON p.seq = f.rowid
             JOIN revisions r ON r.pack_id = p.id AND r.revision = p.current_revision
             WHERE pack_fts MATCH ?
             ORDER BY f.rowid DESC
             LIMIT ?",
        )
        .bind(fts)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let id: String = r.try_get("id")?;
                let state: String = r.try_get("state")?;
                let body: String = r.try_get("content")?;
                let content: PackContent =
                    serde_json::from_str(&body).map_err(|e| StoreError::Corrupt {
                        what: format!("解读包 pack {id}: {e}"),
                    })?;
                Ok(SearchHit {
                    state: PackState::parse(&state).ok_or_else(|| StoreError::Corrupt {
                        what: format!("解读包 pack {id} state {state}"),
                    })?,
                    title: r.try_get("title")?,
                    snippet: snippet(&content_text(&content), query),
                    pack_id: id,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_cover_every_adjacent_pair_within_runs() {
        assert_eq!(bigrams("政务公开"), "政务 务公 公开");
        assert_eq!(bigrams("公开，透明"), "公开 透明");
        assert_eq!(bigrams("5小时内"), "5小 小时 时内");
        assert_eq!(bigrams("一"), "一");
        assert_eq!(bigrams("“互联网+政务”"), "互联 联网 政务");
    }

    #[test]
    fn queries_become_exact_phrases() {
        assert_eq!(fts_query("公开").as_deref(), Some("grams : \"公开\""));
        assert_eq!(
            fts_query("政务公开 解读").as_deref(),
            Some("grams : \"政务 务公 公开\" AND grams : \"解读\"")
        );
        assert_eq!(fts_query("开").as_deref(), Some("unigrams : \"开\""));
        assert_eq!(fts_query("，。 \"*"), None);
    }

    #[test]
    fn snippets_show_the_context_of_the_first_hit() {
        let ten = "一二三四五六七八九十";
        let text = format!("{ten}{ten}{ten}政务公开{ten}{ten}{ten}");
        let s = snippet(&text, "公开");
        assert!(s.contains("政务公开"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
    }
}
