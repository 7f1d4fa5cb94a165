//! Chinese full-text search with character bigrams.
//!
//! FTS5's trigram tokenizer cannot find two-character words (政务, 公开), and no Chinese word
//! segmenter is to be had. So the text is cut into runs of letters and digits, each run into
//! overlapping character pairs, and those pairs are indexed as words. A query becomes a phrase of
//! its own pairs, which matches exactly where the query occurs as a substring. Single characters
//! go in a second column, for one-character queries.

use crate::db::{sql, sql_owned, Engine, Row, Tx};
use crate::error::StoreError;
use crate::Store;
use jiedu_core::pack::{PackContent, PackState};
use serde::{Deserialize, Serialize};

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

/// A pack's search tokens, as the engine's index takes them.
pub(crate) struct Tokens {
    grams: String,
    unigrams: String,
}

impl Tokens {
    /// The bigrams and single characters of the content's searchable text; on PostgreSQL each
    /// distinct once, since they become a tsvector's lexemes.
    pub fn new(content: &PackContent, engine: Engine) -> Tokens {
        let text = content_text(content);
        let (grams, unigrams) = (bigrams(&text), unigrams(&text));
        match engine {
            Engine::Sqlite => Tokens { grams, unigrams },
            Engine::Postgres => Tokens {
                grams: distinct_tokens(&grams),
                unigrams: distinct_tokens(&unigrams),
            },
        }
    }
}

/// Replaces the index entry of one pack.
pub(crate) async fn index(conn: &mut Tx, seq: i64, tokens: &Tokens) -> Result<(), StoreError> {
    match conn.engine() {
        Engine::Sqlite => {
            sql("DELETE FROM pack_fts WHERE rowid = $1")
                .bind(seq)
                .execute(&mut *conn)
                .await?;
            sql("INSERT INTO pack_fts (rowid, grams, unigrams) VALUES ($1, $2, $3)")
                .bind(seq)
                .bind(&tokens.grams)
                .bind(&tokens.unigrams)
                .execute(&mut *conn)
                .await?;
        }
        Engine::Postgres => {
            sql("INSERT INTO pack_search (seq, grams, unigrams)
                 VALUES ($1, array_to_tsvector(string_to_array($2, ' ')),
                             array_to_tsvector(string_to_array($3, ' ')))
                 ON CONFLICT (seq) DO UPDATE SET grams = excluded.grams, unigrams = excluded.unigrams")
            .bind(seq)
            .bind(&tokens.grams)
            .bind(&tokens.unigrams)
            .execute(&mut *conn)
            .await?;
        }
    }
    Ok(())
}

/// The distinct tokens of a space-separated list; never empty, since `array_to_tsvector`
/// refuses empty lexemes (a text without letters indexes one placeholder that no query
/// produces).
fn distinct_tokens(tokens: &str) -> String {
    let set: std::collections::BTreeSet<&str> =
        tokens.split(' ').filter(|t| !t.is_empty()).collect();
    if set.is_empty() {
        return " ".to_string().replace(' ', "\u{1}");
    }
    set.into_iter().collect::<Vec<_>>().join(" ")
}

/// The PostgreSQL tsqueries for `query`: all bigrams of the multi-character runs, and all
/// single-character runs. Lexemes are letters and digits only, so quoting cannot be escaped.
fn pg_queries(query: &str) -> (Option<String>, Option<String>) {
    let mut grams = Vec::new();
    let mut singles = Vec::new();
    for run in runs(query) {
        if run.len() == 1 {
            singles.push(format!("'{}'", run[0]));
        } else {
            for pair in run.windows(2) {
                grams.push(format!("'{}'", pair.iter().collect::<String>()));
            }
        }
    }
    let join = |v: Vec<String>| (!v.is_empty()).then(|| v.join(" & "));
    (join(grams), join(singles))
}

/// Whether every run of the query occurs in `text` as it is: the bigram lexemes on PostgreSQL
/// carry no positions, so a hit is confirmed here, which is what FTS5's phrase query does.
fn contains_every_run(text: &str, query: &str) -> bool {
    let text_runs: Vec<String> = runs(text)
        .into_iter()
        .map(|r| r.into_iter().collect())
        .collect();
    runs(query).into_iter().all(|run| {
        let needle: String = run.into_iter().collect();
        text_runs.iter().any(|t| t.contains(&needle))
    })
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
        match self.engine() {
            Engine::Sqlite => self.search_sqlite(query, limit).await,
            Engine::Postgres => self.search_postgres(query, limit).await,
        }
    }

    async fn search_sqlite(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
        let Some(fts) = fts_query(query) else {
            return Ok(Vec::new());
        };
        let rows = sql("SELECT p.id, p.title, p.state, r.content
             FROM pack_fts f
             JOIN packs p ON p.seq = f.rowid
             JOIN revisions r ON r.pack_id = p.id AND r.revision = p.current_revision
             WHERE pack_fts MATCH $1
             ORDER BY f.rowid DESC
             LIMIT $2")
        .bind(fts)
        .bind(limit)
        .fetch_all(self.db())
        .await?;
        rows.iter()
            .map(|r| hit_from_row(r, query).map(|(hit, _)| hit))
            .collect()
    }

    /// Newest first, as on SQLite; candidates come from the GIN indexes a page at a time and
    /// are confirmed against the text until `limit` hits are found.
    async fn search_postgres(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>, StoreError> {
        let (grams, singles) = pg_queries(query);
        let mut conditions = Vec::new();
        if grams.is_some() {
            conditions.push("s.grams @@ $1::tsquery");
        }
        if singles.is_some() {
            conditions.push("s.unigrams @@ $2::tsquery");
        }
        if conditions.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        // The page of matching rows is chosen first and only then joined to its content: joined
        // before the LIMIT, a word in every pack detoasted 10,000 contents (110 ms).
        let text = format!(
            "SELECT p.id, p.title, p.state, r.content
             FROM (SELECT s.seq FROM pack_search s WHERE {} ORDER BY s.seq DESC LIMIT $3 OFFSET $4) hit
             JOIN packs p ON p.seq = hit.seq
             JOIN revisions r ON r.pack_id = p.id AND r.revision = p.current_revision
             ORDER BY hit.seq DESC",
            conditions.join(" AND ")
        );
        let page = i64::from(limit.max(20));
        let mut hits = Vec::new();
        let mut offset = 0i64;
        loop {
            let rows = sql_owned(text.clone())
                .bind(grams.clone())
                .bind(singles.clone())
                .bind(page)
                .bind(offset)
                .fetch_all(self.db())
                .await?;
            let fetched = rows.len() as i64;
            for row in &rows {
                let (hit, text) = hit_from_row(row, query)?;
                if contains_every_run(&text, query) && hits.len() < limit as usize {
                    hits.push(hit);
                }
            }
            if fetched < page || hits.len() >= limit as usize {
                break;
            }
            offset += page;
        }
        Ok(hits)
    }
}

/// A hit read from its row, with the searchable text it was found in.
fn hit_from_row(r: &Row, query: &str) -> Result<(SearchHit, String), StoreError> {
    let id: String = r.get("id")?;
    let state: String = r.get("state")?;
    let body: String = r.get("content")?;
    let content: PackContent = serde_json::from_str(&body).map_err(|e| StoreError::Corrupt {
        what: format!("解读包 pack {id}: {e}"),
    })?;
    let text = content_text(&content);
    let hit = SearchHit {
        state: PackState::parse(&state).ok_or_else(|| StoreError::Corrupt {
            what: format!("解读包 pack {id} state {state}"),
        })?,
        title: r.get("title")?,
        snippet: snippet(&text, query),
        pack_id: id,
    };
    Ok((hit, text))
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
