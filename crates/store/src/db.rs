//! One query interface over the two engines: SQLite (solo mode) and PostgreSQL (team mode).
//!
//! `sqlx::Any` is not used (TECH-NOTES.md: it mis-binds and mis-decodes across engines). Instead
//! every statement is written once in the SQL both engines share — `$1` placeholders, which
//! sqlx-sqlite accepts too, `ON CONFLICT`, `RETURNING` — and run on the concrete pool of the
//! engine at hand. Values are bound from a closed set of types (text, integers, bytes) whose
//! encoding is the same on both, so nothing is cast behind our back. Where the engines truly
//! differ (opening, migrations, locking, full-text search) the caller asks [`Engine`] and each
//! engine has its own code.

use sqlx::postgres::{PgConnection, PgPool, PgRow, Postgres};
use sqlx::sqlite::{Sqlite, SqliteConnection, SqlitePool, SqliteRow};
use sqlx::{AssertSqlSafe, Decode, Row as _, Transaction, Type};
use std::borrow::Cow;

/// Which database engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// A SQLite file on this computer.
    Sqlite,
    /// A PostgreSQL database shared by an office.
    Postgres,
}

/// The lock every PostgreSQL write takes first, so that writes are serialised as SQLite's
/// `BEGIN IMMEDIATE` serialises them: the audit chain has one head and can never fork, and the
/// read-check-write of every step sees the latest committed state. ("JIEDU" in ASCII.)
const WRITE_LOCK_KEY: i64 = 0x4a_49_45_44_55;

/// The connection pool of either engine.
#[derive(Debug, Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Pool {
    /// The engine.
    pub(crate) fn engine(&self) -> Engine {
        match self {
            Pool::Sqlite(_) => Engine::Sqlite,
            Pool::Postgres(_) => Engine::Postgres,
        }
    }

    /// Starts a write transaction that holds the database's one write lock until it ends.
    pub(crate) async fn begin_write(&self) -> Result<Tx, sqlx::Error> {
        match self {
            // Plain BEGIN upgrades to a write lock lazily and fails under contention.
            Pool::Sqlite(pool) => Ok(Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?)),
            Pool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(WRITE_LOCK_KEY)
                    .execute(&mut *tx)
                    .await?;
                Ok(Tx::Postgres(tx))
            }
        }
    }

    /// Starts a transaction for bulk rows that no other write reads (media chunks): SQLite
    /// has one writer anyway, but PostgreSQL need not wait for every desk's write lock.
    pub(crate) async fn begin_bulk(&self) -> Result<Tx, sqlx::Error> {
        match self {
            Pool::Sqlite(pool) => Ok(Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?)),
            Pool::Postgres(pool) => Ok(Tx::Postgres(pool.begin().await?)),
        }
    }

    /// Starts a transaction for reading only; it takes no lock and rolls back when dropped.
    pub(crate) async fn begin_read(&self) -> Result<Tx, sqlx::Error> {
        match self {
            Pool::Sqlite(pool) => Ok(Tx::Sqlite(pool.begin().await?)),
            Pool::Postgres(pool) => Ok(Tx::Postgres(pool.begin().await?)),
        }
    }

    /// Closes every connection (on SQLite this checkpoints the WAL).
    pub(crate) async fn close(&self) {
        match self {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

/// A write transaction on either engine; dropped without [`Tx::commit`], it rolls back.
pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    /// Commits.
    pub(crate) async fn commit(self) -> Result<(), sqlx::Error> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await,
            Tx::Postgres(tx) => tx.commit().await,
        }
    }

    /// The engine.
    pub(crate) fn engine(&self) -> Engine {
        match self {
            Tx::Sqlite(_) => Engine::Sqlite,
            Tx::Postgres(_) => Engine::Postgres,
        }
    }
}

/// Where a statement runs: a pool (autocommit) or an open transaction.
pub(crate) enum Target<'c> {
    SqlitePool(&'c SqlitePool),
    Sqlite(&'c mut SqliteConnection),
    PgPool(&'c PgPool),
    Pg(&'c mut PgConnection),
}

impl<'c> From<&'c Pool> for Target<'c> {
    fn from(pool: &'c Pool) -> Target<'c> {
        match pool {
            Pool::Sqlite(p) => Target::SqlitePool(p),
            Pool::Postgres(p) => Target::PgPool(p),
        }
    }
}

impl<'c> From<&'c mut Tx> for Target<'c> {
    fn from(tx: &'c mut Tx) -> Target<'c> {
        match tx {
            Tx::Sqlite(t) => Target::Sqlite(t),
            Tx::Postgres(t) => Target::Pg(t),
        }
    }
}

/// A value bound to a placeholder. The set is closed on purpose: each of these encodes the same
/// way on both engines (TEXT, BIGINT/INTEGER, BYTEA/BLOB).
#[derive(Debug, Clone)]
pub(crate) enum Arg {
    Text(Option<String>),
    Int(Option<i64>),
    Bytes(Option<Vec<u8>>),
}

impl From<&str> for Arg {
    fn from(v: &str) -> Arg {
        Arg::Text(Some(v.to_string()))
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Arg {
        Arg::Text(Some(v))
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Arg {
        Arg::Text(Some(v.clone()))
    }
}
impl From<Option<&str>> for Arg {
    fn from(v: Option<&str>) -> Arg {
        Arg::Text(v.map(str::to_string))
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Arg {
        Arg::Text(v)
    }
}
impl From<i64> for Arg {
    fn from(v: i64) -> Arg {
        Arg::Int(Some(v))
    }
}
impl From<u32> for Arg {
    fn from(v: u32) -> Arg {
        Arg::Int(Some(i64::from(v)))
    }
}
impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Arg {
        Arg::Int(v)
    }
}
impl From<&[u8]> for Arg {
    fn from(v: &[u8]) -> Arg {
        Arg::Bytes(Some(v.to_vec()))
    }
}
impl From<&Vec<u8>> for Arg {
    fn from(v: &Vec<u8>) -> Arg {
        Arg::Bytes(Some(v.clone()))
    }
}
impl From<Vec<u8>> for Arg {
    fn from(v: Vec<u8>) -> Arg {
        Arg::Bytes(Some(v))
    }
}
impl From<Option<&[u8]>> for Arg {
    fn from(v: Option<&[u8]>) -> Arg {
        Arg::Bytes(v.map(<[u8]>::to_vec))
    }
}
impl From<Option<Vec<u8>>> for Arg {
    fn from(v: Option<Vec<u8>>) -> Arg {
        Arg::Bytes(v)
    }
}

/// A type that decodes from a column of either engine.
pub(crate) trait Value:
    for<'r> Decode<'r, Sqlite>
    + Type<Sqlite>
    + for<'r> Decode<'r, Postgres>
    + Type<Postgres>
    + Send
    + Unpin
{
}
impl<T> Value for T where
    T: for<'r> Decode<'r, Sqlite>
        + Type<Sqlite>
        + for<'r> Decode<'r, Postgres>
        + Type<Postgres>
        + Send
        + Unpin
{
}

/// A result row of either engine.
pub(crate) enum Row {
    Sqlite(SqliteRow),
    Postgres(PgRow),
}

impl Row {
    /// The column named `name`.
    pub(crate) fn get<T: Value>(&self, name: &str) -> Result<T, sqlx::Error> {
        match self {
            Row::Sqlite(r) => r.try_get(name),
            Row::Postgres(r) => r.try_get(name),
        }
    }

    /// The column at `index`, from 0.
    pub(crate) fn at<T: Value>(&self, index: usize) -> Result<T, sqlx::Error> {
        match self {
            Row::Sqlite(r) => r.try_get(index),
            Row::Postgres(r) => r.try_get(index),
        }
    }
}

/// A statement with its bound values, run on either engine.
pub(crate) struct Sql {
    text: Cow<'static, str>,
    args: Vec<Arg>,
}

/// A statement in the SQL both engines share.
pub(crate) fn sql(text: &'static str) -> Sql {
    Sql {
        text: Cow::Borrowed(text),
        args: Vec::new(),
    }
}

/// A statement assembled at run time from trusted fragments (never from user input).
pub(crate) fn sql_owned(text: String) -> Sql {
    Sql {
        text: Cow::Owned(text),
        args: Vec::new(),
    }
}

/// Builds the engine-specific query with every value bound.
macro_rules! bound {
    ($sql:expr, $db:ty) => {{
        let mut q = sqlx::query::<$db>(AssertSqlSafe($sql.text.clone()));
        for arg in &$sql.args {
            q = match arg {
                Arg::Text(v) => q.bind(v.clone()),
                Arg::Int(v) => q.bind(*v),
                Arg::Bytes(v) => q.bind(v.clone()),
            };
        }
        q
    }};
}

impl Sql {
    /// Binds the next placeholder.
    pub(crate) fn bind(mut self, value: impl Into<Arg>) -> Sql {
        self.args.push(value.into());
        self
    }

    /// Runs the statement; the number of rows it changed.
    pub(crate) async fn execute<'c>(
        self,
        target: impl Into<Target<'c>>,
    ) -> Result<u64, sqlx::Error> {
        Ok(match target.into() {
            Target::SqlitePool(p) => bound!(self, Sqlite).execute(p).await?.rows_affected(),
            Target::Sqlite(c) => bound!(self, Sqlite).execute(c).await?.rows_affected(),
            Target::PgPool(p) => bound!(self, Postgres).execute(p).await?.rows_affected(),
            Target::Pg(c) => bound!(self, Postgres).execute(c).await?.rows_affected(),
        })
    }

    /// Every row.
    pub(crate) async fn fetch_all<'c>(
        self,
        target: impl Into<Target<'c>>,
    ) -> Result<Vec<Row>, sqlx::Error> {
        Ok(match target.into() {
            Target::SqlitePool(p) => wrap_sqlite(bound!(self, Sqlite).fetch_all(p).await?),
            Target::Sqlite(c) => wrap_sqlite(bound!(self, Sqlite).fetch_all(c).await?),
            Target::PgPool(p) => wrap_pg(bound!(self, Postgres).fetch_all(p).await?),
            Target::Pg(c) => wrap_pg(bound!(self, Postgres).fetch_all(c).await?),
        })
    }

    /// The first row, if any.
    pub(crate) async fn fetch_optional<'c>(
        self,
        target: impl Into<Target<'c>>,
    ) -> Result<Option<Row>, sqlx::Error> {
        Ok(match target.into() {
            Target::SqlitePool(p) => bound!(self, Sqlite)
                .fetch_optional(p)
                .await?
                .map(Row::Sqlite),
            Target::Sqlite(c) => bound!(self, Sqlite)
                .fetch_optional(c)
                .await?
                .map(Row::Sqlite),
            Target::PgPool(p) => bound!(self, Postgres)
                .fetch_optional(p)
                .await?
                .map(Row::Postgres),
            Target::Pg(c) => bound!(self, Postgres)
                .fetch_optional(c)
                .await?
                .map(Row::Postgres),
        })
    }

    /// The first column of the first row, if there is a row.
    pub(crate) async fn scalar_optional<'c, T: Value>(
        self,
        target: impl Into<Target<'c>>,
    ) -> Result<Option<T>, sqlx::Error> {
        self.fetch_optional(target)
            .await?
            .map(|row| row.at(0))
            .transpose()
    }

    /// The first column of the one row the statement must return.
    pub(crate) async fn scalar<'c, T: Value>(
        self,
        target: impl Into<Target<'c>>,
    ) -> Result<T, sqlx::Error> {
        self.scalar_optional(target)
            .await?
            .ok_or(sqlx::Error::RowNotFound)
    }

    /// The first column of every row.
    pub(crate) async fn scalars<'c, T: Value>(
        self,
        target: impl Into<Target<'c>>,
    ) -> Result<Vec<T>, sqlx::Error> {
        self.fetch_all(target)
            .await?
            .iter()
            .map(|row| row.at(0))
            .collect()
    }
}

fn wrap_sqlite(rows: Vec<SqliteRow>) -> Vec<Row> {
    rows.into_iter().map(Row::Sqlite).collect()
}

fn wrap_pg(rows: Vec<PgRow>) -> Vec<Row> {
    rows.into_iter().map(Row::Postgres).collect()
}
