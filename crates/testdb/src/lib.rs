//! A fresh database per test, on either engine, so that every store and CLI test runs on SQLite
//! and on PostgreSQL.
//!
//! PostgreSQL is a real server: `$JIEDU_TEST_PG` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`), which `scripts/test.sh` starts when none
//! answers. Each test creates its own database there and drops it afterwards. When the server
//! cannot be reached the test fails; it never skips.

use jiedu_store::{DbLocation, Engine};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

/// The maintenance URL used when `$JIEDU_TEST_PG` is not set.
pub const DEFAULT_PG: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The PostgreSQL server the tests use.
pub fn pg_admin_url() -> String {
    std::env::var("JIEDU_TEST_PG")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| DEFAULT_PG.to_string())
}

/// One test's database; dropped (PostgreSQL) or deleted (SQLite) with this value.
pub struct TestDb {
    location: DbLocation,
    pg_name: Option<String>,
    dir: tempfile::TempDir,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDb {
    /// A new, empty database on `engine`. Panics, naming the server, when PostgreSQL cannot be
    /// reached: a test asked for it, so it must not pass without it.
    pub async fn new(engine: Engine) -> TestDb {
        let dir = tempfile::tempdir().expect("tempdir");
        match engine {
            Engine::Sqlite => TestDb {
                location: DbLocation::File(dir.path().join("jiedu.db")),
                pg_name: None,
                dir,
            },
            Engine::Postgres => {
                let name = format!(
                    "jiedu_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    dir.path()
                        .file_name()
                        .map(|n| n.to_string_lossy().to_ascii_lowercase())
                        .unwrap_or_default()
                        .replace(|c: char| !c.is_ascii_alphanumeric(), "")
                );
                let mut admin = admin_connection().await;
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut admin)
                    .await
                    .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
                let _ = admin.close().await;
                TestDb {
                    location: DbLocation::Postgres(database_url(&name)),
                    pg_name: Some(name),
                    dir,
                }
            }
        }
    }

    /// The database, for `Store::open`.
    pub fn location(&self) -> &DbLocation {
        &self.location
    }

    /// The database as `--db` takes it: a path or a URL.
    pub fn arg(&self) -> String {
        match &self.location {
            DbLocation::File(path) => path.display().to_string(),
            DbLocation::Postgres(url) => url.clone(),
        }
    }

    /// The engine.
    pub fn engine(&self) -> Engine {
        self.location.engine()
    }

    /// A scratch folder that lives as long as the database.
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Runs SQL on a connection of its own, as the database owner would (on PostgreSQL the
    /// superuser, without Jiedu's restricted role): what a tamperer with database access can do.
    pub async fn execute(&self, statements: &str) -> Result<(), sqlx::Error> {
        match &self.location {
            DbLocation::File(path) => {
                let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path);
                let mut conn = options.connect().await?;
                sqlx::raw_sql(sqlx::AssertSqlSafe(statements.to_string()))
                    .execute(&mut conn)
                    .await?;
                conn.close().await
            }
            DbLocation::Postgres(url) => {
                let mut conn = PgConnectOptions::from_str(url)?.connect().await?;
                sqlx::raw_sql(sqlx::AssertSqlSafe(statements.to_string()))
                    .execute(&mut conn)
                    .await?;
                conn.close().await
            }
        }
    }

    /// One integer computed by `query` on a connection of its own.
    pub async fn scalar_i64(&self, query: &str) -> Result<i64, sqlx::Error> {
        let query = sqlx::AssertSqlSafe(query.to_string());
        match &self.location {
            DbLocation::File(path) => {
                let options = sqlx::sqlite::SqliteConnectOptions::new().filename(path);
                let mut conn = options.connect().await?;
                let value = sqlx::query_scalar(query).fetch_one(&mut conn).await?;
                conn.close().await?;
                Ok(value)
            }
            DbLocation::Postgres(url) => {
                let mut conn = PgConnectOptions::from_str(url)?.connect().await?;
                let value = sqlx::query_scalar(query).fetch_one(&mut conn).await?;
                conn.close().await?;
                Ok(value)
            }
        }
    }

    /// The same, with the statement chosen per engine.
    pub async fn execute_per_engine(
        &self,
        sqlite: &str,
        postgres: &str,
    ) -> Result<(), sqlx::Error> {
        match self.engine() {
            Engine::Sqlite => self.execute(sqlite).await,
            Engine::Postgres => self.execute(postgres).await,
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some(name) = self.pg_name.take() else {
            return;
        };
        // Drop runs inside the test's runtime, which cannot be blocked on; a thread of its own
        // drops the database.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                let mut admin = admin_connection().await;
                let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&mut admin)
                .await;
                let _ = admin.close().await;
            });
        })
        .join();
    }
}

async fn admin_connection() -> sqlx::PgConnection {
    let url = pg_admin_url();
    let options =
        PgConnectOptions::from_str(&url).unwrap_or_else(|e| panic!("JIEDU_TEST_PG {url}: {e}"));
    match tokio::time::timeout(std::time::Duration::from_secs(10), options.connect()).await {
        Ok(Ok(conn)) => conn,
        Ok(Err(e)) => panic!(
            "PostgreSQL at {url} cannot be reached: {e}. Run scripts/test.sh, which starts one, or set JIEDU_TEST_PG."
        ),
        Err(_) => panic!("PostgreSQL at {url} did not answer within 10 s. Run scripts/test.sh, which starts one, or set JIEDU_TEST_PG."),
    }
}

/// The URL of database `name` on the test server.
fn database_url(name: &str) -> String {
    let admin = pg_admin_url();
    let (base, _) = admin.rsplit_once('/').unwrap_or((admin.as_str(), ""));
    format!("{base}/{name}")
}

/// Runs each named `async fn NAME(db: &TestDb)` as two tests, `NAME::sqlite` and
/// `NAME::postgres`, each on a fresh [`TestDb`].
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::TestDb::new(jiedu_store::Engine::Sqlite).await;
                super::$name(&db).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let db = $crate::TestDb::new(jiedu_store::Engine::Postgres).await;
                super::$name(&db).await;
            }
        }
    )*};
}
