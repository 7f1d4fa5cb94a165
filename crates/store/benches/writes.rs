//! Save throughput with 8 concurrent writers on each engine, against PostgreSQL's own ceiling
//! for a one-row INSERT + COMMIT measured in the same run with the same number of clients.
//!
//! `cargo bench -p jiedu-store --bench writes [-- SECONDS]` (default 5 s per measurement).
//! PostgreSQL is `$JIEDU_TEST_PG` (default `postgres://postgres@127.0.0.1:5432/postgres`).

#![allow(missing_docs)]

use jiedu_core::pack::PackContent;
use jiedu_core::people::Unit;
use jiedu_store::{Engine, NewPack, Store};
use jiedu_testdb::TestDb;
use sqlx::postgres::PgPoolOptions;
use std::time::{Duration, Instant};

const WRITERS: usize = 8;

fn content(title: &str, body: &str) -> PackContent {
    let mut c = PackContent::default();
    c.policy.title = title.into();
    c.policy.preamble = vec![body.into()];
    c
}

/// Saves per second: `writers` tasks, each saving new revisions of its own pack.
async fn saves_per_second(db: &TestDb, writers: usize, run_for: Duration) -> f64 {
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
    let body = "坚持以公开为常态、不公开为例外，推进决策、执行、管理、服务、结果公开。".repeat(40);
    for n in 0..writers {
        let new = NewPack {
            id: format!("w{n}"),
            unit_id: "u".into(),
            content: content("并发保存", &body),
        };
        store.create_pack(&new, "bench").await.expect("create");
    }
    let until = Instant::now() + run_for;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..writers {
        let store = store.clone();
        let body = body.clone();
        tasks.push(tokio::spawn(async move {
            let id = format!("w{n}");
            let mut base = 1;
            let mut saves = 0u64;
            while Instant::now() < until {
                let c = content("并发保存", &format!("{body}第{saves}稿。"));
                base = store
                    .save_content(&id, base, &c, "bench")
                    .await
                    .expect("save")
                    .revision;
                saves += 1;
            }
            saves
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await.expect("writer");
    }
    let rate = total as f64 / started.elapsed().as_secs_f64();
    assert!(store
        .verify_audit()
        .await
        .expect("audit")
        .first_broken
        .is_none());
    store.close().await;
    rate
}

/// PostgreSQL's own rate for `INSERT` of one row + `COMMIT` with `clients` connections.
async fn postgres_ceiling(db: &TestDb, clients: usize, run_for: Duration) -> f64 {
    let url = db.arg();
    let pool = PgPoolOptions::new()
        .max_connections(clients as u32)
        .connect(&url)
        .await
        .expect("pool");
    sqlx::query("CREATE TABLE ceiling (id BIGSERIAL PRIMARY KEY, body TEXT NOT NULL)")
        .execute(&pool)
        .await
        .expect("table");
    let until = Instant::now() + run_for;
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let pool = pool.clone();
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < until {
                // Autocommit: each statement is its own transaction, one commit per row.
                sqlx::query("INSERT INTO ceiling (body) VALUES ($1)")
                    .bind("一行")
                    .execute(&pool)
                    .await
                    .expect("insert");
                n += 1;
            }
            n
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await.expect("client");
    }
    let rate = total as f64 / started.elapsed().as_secs_f64();
    pool.close().await;
    rate
}

fn main() {
    let seconds: u64 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5);
    let run_for = Duration::from_secs(seconds);
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    runtime.block_on(async {
        let sqlite = TestDb::new(Engine::Sqlite).await;
        let postgres = TestDb::new(Engine::Postgres).await;
        let ceiling_db = TestDb::new(Engine::Postgres).await;
        let sqlite_rate = saves_per_second(&sqlite, WRITERS, run_for).await;
        let pg_rate = saves_per_second(&postgres, WRITERS, run_for).await;
        let pg_one = saves_per_second(&TestDb::new(Engine::Postgres).await, 1, run_for).await;
        let ceiling_8 = postgres_ceiling(&ceiling_db, WRITERS, run_for).await;
        let ceiling_1 = postgres_ceiling(&TestDb::new(Engine::Postgres).await, 1, run_for).await;
        println!("{WRITERS} concurrent writers, {seconds} s each, one save = one new revision (~2 KB) with its index entry and audit row");
        println!("SQLite saves/s                          {sqlite_rate:>8.0}");
        println!("PostgreSQL saves/s                      {pg_rate:>8.0}");
        println!("PostgreSQL saves/s, 1 writer            {pg_one:>8.0}  (writes share one lock: the audit chain's)");
        println!("PostgreSQL INSERT+COMMIT/s, {WRITERS} clients   {ceiling_8:>8.0}  (ceiling)");
        println!("PostgreSQL INSERT+COMMIT/s, 1 client    {ceiling_1:>8.0}");
        println!(
            "ratio PostgreSQL saves / ceiling: {:.2}x (goal >= 0.5x); against 1 client: {:.2}x",
            pg_rate / ceiling_8,
            pg_rate / ceiling_1
        );
    });
}
