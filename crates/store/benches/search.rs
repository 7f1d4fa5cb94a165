//! Search benchmark on both engines: 10,000 generated packs of about 3,000 characters each,
//! built from the sentences of the demo policy. Prints median and 95th-percentile latency per
//! query kind, and the same queries through `LIKE '%…%'` as the peer in the same run.
//!
//! `cargo bench -p jiedu-store --bench search [-- PACKS]`; PostgreSQL is `$JIEDU_TEST_PG`.

#![allow(missing_docs)]

use jiedu_core::pack::PackContent;
use jiedu_core::people::Unit;
use jiedu_store::{DbLocation, Engine, NewPack, Store};
use jiedu_testdb::TestDb;
use std::time::{Duration, Instant};

const SEED: &str = include_str!("../../../resources/demo/seed-pack.json");
const RUNS: usize = 31;

/// A tiny deterministic generator, so every run indexes the same corpus.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
}

fn sentences() -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(SEED).expect("demo JSON");
    let mut out = Vec::new();
    let mut walk = vec![&value["content"]];
    while let Some(v) = walk.pop() {
        match v {
            serde_json::Value::String(s) => out.extend(
                s.split_inclusive('。')
                    .filter(|x| x.chars().count() > 8)
                    .map(String::from),
            ),
            serde_json::Value::Array(a) => walk.extend(a),
            serde_json::Value::Object(o) => walk.extend(o.values()),
            _ => {}
        }
    }
    out
}

fn generate(rng: &mut Lcg, pool: &[String], n: usize) -> PackContent {
    let mut c = PackContent::default();
    c.policy.title = format!("关于第{n}号政策文件的实施意见");
    let mut paragraph = String::new();
    while paragraph.chars().count() < 3000 {
        paragraph.push_str(&pool[rng.next() % pool.len()]);
    }
    c.policy.preamble = vec![paragraph];
    c
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() - 1) as f64 * p).round() as usize]
}

/// Runs `LIKE` with one `%word%` per word on the engine's own pool: the peer.
async fn like_peer(location: &DbLocation, words: &[String]) -> Duration {
    let sql = format!(
        "SELECT p.id FROM packs p JOIN revisions r ON r.pack_id = p.id AND r.revision = p.current_revision WHERE {} LIMIT 20",
        (1..=words.len()).map(|n| format!("r.content LIKE ${n}")).collect::<Vec<_>>().join(" AND ")
    );
    match location {
        DbLocation::File(path) => {
            let pool = sqlx::SqlitePool::connect_with(
                sqlx::sqlite::SqliteConnectOptions::new().filename(path),
            )
            .await
            .expect("sqlite");
            let t = Instant::now();
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for w in words {
                query = query.bind(format!("%{w}%"));
            }
            query.fetch_all(&pool).await.expect("like");
            let took = t.elapsed();
            pool.close().await;
            took
        }
        DbLocation::Postgres(url) => {
            let pool = sqlx::PgPool::connect(url).await.expect("postgres");
            let t = Instant::now();
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for w in words {
                query = query.bind(format!("%{w}%"));
            }
            query.fetch_all(&pool).await.expect("like");
            let took = t.elapsed();
            pool.close().await;
            took
        }
    }
}

fn main() {
    let packs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    // JIEDU_BENCH_ENGINES=postgres (or sqlite) runs one engine only.
    let only = std::env::var("JIEDU_BENCH_ENGINES").unwrap_or_default();
    for engine in [Engine::Sqlite, Engine::Postgres] {
        if only.is_empty() || only.eq_ignore_ascii_case(&format!("{engine:?}")) {
            runtime.block_on(bench(engine, packs));
        }
    }
}

async fn bench(engine: Engine, packs: usize) {
    {
        let db = TestDb::new(engine).await;
        let store = Store::open(db.location()).await.expect("open");
        store
            .upsert_unit(
                &Unit {
                    id: "u".into(),
                    name: "办公厅".into(),
                    head: String::new(),
                },
                "bench",
            )
            .await
            .expect("unit");
        let pool = sentences();
        let mut rng = Lcg(42);
        let started = Instant::now();
        for n in 0..packs {
            let new = NewPack {
                id: format!("p{n}"),
                unit_id: "u".into(),
                content: generate(&mut rng, &pool, n),
            };
            store.create_pack(&new, "bench").await.expect("create");
        }
        println!(
            "== {engine:?}: indexed {packs} packs in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        if engine == Engine::Postgres {
            // Autovacuum analyzes a table soon after a bulk load; without statistics the planner
            // took a word in every pack for a rare one and scanned every tsvector (87 ms).
            db.execute("ANALYZE").await.expect("analyze");
            println!("   (after ANALYZE, as autovacuum does after a bulk load)");
        }
        println!(
            "{:<14} {:>6} {:>12} {:>12} {:>14} {:>8}",
            "query", "hits", "median", "p95", "LIKE median", "ratio"
        );
        let queries = [
            "公开",
            "解读",
            "政务公开",
            "谁起草、谁解读",
            "第一新闻发言人",
            "数据 开放",
            "舆情回应",
        ];
        let mut medians = Vec::new();
        for q in queries {
            let mut fts = Vec::with_capacity(RUNS);
            let mut hits = 0;
            for _ in 0..RUNS {
                let t = Instant::now();
                hits = store.search(q, 20).await.expect("search").len();
                fts.push(t.elapsed());
            }
            let words: Vec<String> = q
                .split_whitespace()
                .map(|w| w.chars().filter(|c| c.is_alphanumeric()).collect())
                .collect();
            let mut like = Vec::with_capacity(5);
            for _ in 0..5 {
                like.push(like_peer(db.location(), &words).await);
            }
            let median = percentile(&mut fts, 0.5);
            let p95 = percentile(&mut fts, 0.95);
            let like_median = percentile(&mut like, 0.5);
            medians.push(median);
            println!(
                "{q:<14} {hits:>6} {:>9.2} ms {:>9.2} ms {:>11.2} ms {:>7.1}x",
                median.as_secs_f64() * 1e3,
                p95.as_secs_f64() * 1e3,
                like_median.as_secs_f64() * 1e3,
                like_median.as_secs_f64() / median.as_secs_f64().max(1e-9)
            );
        }
        let overall = percentile(&mut medians, 0.5);
        println!(
            "median query latency over all queries: {:.2} ms (goal < 50 ms)",
            overall.as_secs_f64() * 1e3
        );
        store.close().await;
        if std::env::var_os("JIEDU_BENCH_KEEP").is_some() {
            println!("kept: {}", db.arg());
            std::mem::forget(db);
        }
    }
}
