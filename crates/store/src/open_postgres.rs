//! Opening a PostgreSQL database: connect with a time limit, create the database when missing,
//! refuse what is not ours or is newer, dump before migrating, then migrate.

use crate::error::StoreError;
use crate::location::redact;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use sqlx::{ConnectOptions, Connection};
use std::collections::HashSet;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: Migrator = sqlx::migrate!("./migrations/postgres");

/// How long a connection attempt may take before the host counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(8);

/// The role that may not change revisions or audit rows (created by the first migration).
const WRITER_ROLE: &str = "jiedu_writer";

/// Opens a pool on `url`, bringing the schema up to date first.
pub(crate) async fn open_pool(url: &str) -> Result<PgPool, StoreError> {
    let shown = redact(url);
    let options = PgConnectOptions::from_str(url)
        .map_err(|e| connect_error(&shown, format!("地址格式错误 malformed URL: {e}")))?
        .application_name("jiedu")
        // sqlx caches prepared statements; a generic plan made LIKE 10× slower (TECH-NOTES.md).
        .options([("plan_cache_mode", "force_custom_plan")]);
    let mut conn = connect_or_create(&options, &shown).await?;
    let pending = inspect(&mut conn, &shown).await?;
    if pending.has_data && pending.pending {
        backup(url, &options, &shown)?;
    }
    MIGRATOR
        .run(&mut conn)
        .await
        .map_err(|source| StoreError::Migrate {
            db: shown.clone(),
            source,
        })?;
    let writer_role: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AND pg_has_role(current_user, $1, 'MEMBER')",
    )
    .bind(WRITER_ROLE)
    .fetch_one(&mut conn)
    .await
    .map_err(|e| open_error(&shown, e))?;
    let _ = conn.close().await;
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(CONNECT_TIMEOUT * 2)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if writer_role {
                    sqlx::query("SET ROLE jiedu_writer").execute(conn).await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .map_err(|e| classify(&shown, e))?;
    Ok(pool)
}

/// Connects; a missing database is created, as SQLite creates a missing file.
async fn connect_or_create(
    options: &PgConnectOptions,
    shown: &str,
) -> Result<PgConnection, StoreError> {
    match connect(options, shown).await {
        Ok(conn) => Ok(conn),
        Err(e) if is_missing_database(&e) => {
            let name = options.get_database().unwrap_or("postgres").to_string();
            let mut admin = connect(&options.clone().database("postgres"), shown).await?;
            let create = format!("CREATE DATABASE \"{}\"", name.replace('"', "\"\""));
            if let Err(e) = sqlx::query(sqlx::AssertSqlSafe(create))
                .execute(&mut admin)
                .await
            {
                // Another process may have created it meanwhile.
                if e.as_database_error().and_then(|d| d.code()).as_deref() != Some("42P04") {
                    return Err(connect_error(
                        shown,
                        format!("数据库不存在且无法创建 the database does not exist and cannot be created: {e}"),
                    ));
                }
            }
            let _ = admin.close().await;
            connect(options, shown).await
        }
        Err(e) => Err(e),
    }
}

fn is_missing_database(e: &StoreError) -> bool {
    matches!(e, StoreError::Open { source, .. }
        if source.as_database_error().and_then(|d| d.code()).as_deref() == Some("3D000"))
}

async fn connect(options: &PgConnectOptions, shown: &str) -> Result<PgConnection, StoreError> {
    match tokio::time::timeout(CONNECT_TIMEOUT, options.connect()).await {
        Ok(Ok(conn)) => Ok(conn),
        Ok(Err(e)) => Err(classify(shown, e)),
        Err(_) => Err(connect_error(
            shown,
            format!(
                "服务器在 {} 秒内没有响应（主机不可达或端口被拦截） the server did not answer within {} s (host unreachable or port blocked)",
                CONNECT_TIMEOUT.as_secs(),
                CONNECT_TIMEOUT.as_secs()
            ),
        )),
    }
}

fn classify(shown: &str, e: sqlx::Error) -> StoreError {
    let code = e
        .as_database_error()
        .and_then(|d| d.code().map(|c| c.into_owned()));
    match code.as_deref() {
        Some("28P01") | Some("28000") => connect_error(
            shown,
            "用户名或密码错误，或该用户无权登录 wrong user name or password, or the user may not log in".into(),
        ),
        Some("3D000") => open_error(shown, e),
        _ => match &e {
            sqlx::Error::Io(io) => connect_error(
                shown,
                format!("无法连接到服务器（主机名或端口错误，或服务器未运行） cannot reach the server (wrong host or port, or it is not running): {io}"),
            ),
            sqlx::Error::PoolTimedOut => connect_error(
                shown,
                "连接超时 the connection timed out".into(),
            ),
            _ => open_error(shown, e),
        },
    }
}

fn connect_error(shown: &str, reason: String) -> StoreError {
    StoreError::Connect {
        db: shown.to_string(),
        reason,
    }
}

fn open_error(shown: &str, source: sqlx::Error) -> StoreError {
    StoreError::Open {
        db: shown.to_string(),
        source,
    }
}

struct Inspection {
    has_data: bool,
    pending: bool,
}

/// Refuses someone else's database and a newer Jiedu's; says whether migrations are pending.
async fn inspect(conn: &mut PgConnection, shown: &str) -> Result<Inspection, StoreError> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()",
    )
    .fetch_all(&mut *conn)
    .await
    .map_err(|e| open_error(shown, e))?;
    if tables.is_empty() {
        return Ok(Inspection {
            has_data: false,
            pending: true,
        });
    }
    if !tables.iter().any(|t| t == "_sqlx_migrations") {
        return Err(StoreError::ForeignDatabase {
            db: shown.to_string(),
        });
    }
    let applied: HashSet<i64> =
        sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
            .fetch_all(&mut *conn)
            .await
            .map_err(|e| open_error(shown, e))?
            .into_iter()
            .collect();
    let pending = crate::migrations::pending(&MIGRATOR, &applied, shown)?;
    Ok(Inspection {
        has_data: tables.len() > 1,
        pending,
    })
}

/// Dumps the database with `pg_dump` before a migration. Without a dump nothing is migrated:
/// the error says how to make one by hand and how to go on.
fn backup(url: &str, options: &PgConnectOptions, shown: &str) -> Result<(), StoreError> {
    if std::env::var_os("JIEDU_PG_BACKUP_DONE").is_some_and(|v| v == "1") {
        return Ok(());
    }
    let database = options.get_database().unwrap_or("postgres");
    let dir = backup_dir();
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let file = dir.join(format!("jiedu-{database}-{stamp}.dump"));
    let refuse = |why: String| {
        StoreError::Backup {
        db: shown.to_string(),
        detail: format!(
            "{why}\n请先手动备份：pg_dump --format=custom --file 备份文件 \"{shown}\"，然后设置 JIEDU_PG_BACKUP_DONE=1 重试。\nBack up by hand first: pg_dump --format=custom --file BACKUP \"{shown}\", then retry with JIEDU_PG_BACKUP_DONE=1."
        ),
    }
    };
    std::fs::create_dir_all(&dir).map_err(|e| {
        refuse(format!(
            "无法创建备份目录 cannot create the backup folder {}: {e}",
            dir.display()
        ))
    })?;
    let mut command = std::process::Command::new("pg_dump");
    command
        .arg("--format=custom")
        .arg("--file")
        .arg(&file)
        .arg("--host")
        .arg(options.get_host())
        .arg("--port")
        .arg(options.get_port().to_string())
        .arg("--username")
        .arg(options.get_username())
        .arg("--dbname")
        .arg(database)
        .arg("--no-password");
    if let Some(password) = password_of(url) {
        command.env("PGPASSWORD", password);
    }
    let output = command.output().map_err(|e| {
        refuse(format!(
            "找不到 pg_dump（请安装 postgresql-client） pg_dump not found (install postgresql-client): {e}"
        ))
    })?;
    if !output.status.success() {
        return Err(refuse(format!(
            "pg_dump 失败 failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(())
}

/// The URL's password, percent-decoded, for `PGPASSWORD` (never on pg_dump's command line,
/// where other users of the computer could read it).
fn password_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let userinfo = rest.rsplit_once('@')?.0;
    let raw = userinfo.split_once(':')?.1;
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Where PostgreSQL dumps made before a migration go: `$JIEDU_BACKUP_DIR`, else `backups` in
/// the user's data directory.
pub fn backup_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("JIEDU_BACKUP_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    directories::ProjectDirs::from("cn", "Jiedu", "jiedu")
        .map(|d| d.data_dir().join("backups"))
        .unwrap_or_else(|| std::env::temp_dir().join("jiedu-backups"))
}

/// Runs only the first `count` PostgreSQL migrations on `url`, as an older Jiedu would have.
#[doc(hidden)]
pub async fn migrate_partially(url: &str, count: usize) -> Result<(), StoreError> {
    let shown = redact(url);
    let options = PgConnectOptions::from_str(url).map_err(|e| open_error(&shown, e))?;
    let mut conn = connect_or_create(&options, &shown).await?;
    if let Some(m) = MIGRATOR.iter().nth(count.saturating_sub(1)) {
        MIGRATOR
            .run_to(m.version, &mut conn)
            .await
            .map_err(|source| StoreError::Migrate { db: shown, source })?;
    }
    Ok(())
}
