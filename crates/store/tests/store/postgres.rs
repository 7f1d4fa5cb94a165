//! What only PostgreSQL needs: bad URLs and servers fail clearly and in bounded time, someone
//! else's or a newer Jiedu's database is refused untouched, a pending migration is dumped first,
//! and Jiedu's own role cannot rewrite history even where the triggers are gone.

use jiedu_store::{DbLocation, Engine, Store, StoreError};
use jiedu_testdb::TestDb;
use std::time::{Duration, Instant};

async fn open_error(url: &str) -> (StoreError, Duration) {
    let started = Instant::now();
    let err = Store::open(DbLocation::parse(url))
        .await
        .expect_err("refused");
    (err, started.elapsed())
}

fn assert_bilingual(err: &StoreError, names: &str) {
    let text = err.to_string();
    let (zh, en) = text.split_once('\n').expect("Chinese, then English");
    assert!(
        zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{text}"
    );
    assert!(en.is_ascii() || en.contains(names), "{text}");
    assert!(text.contains(names), "{names:?} in {text}");
}

#[tokio::test]
async fn a_wrong_user_host_or_port_is_a_clear_error_in_bounded_time() {
    let admin = jiedu_testdb::pg_admin_url();
    let base = admin
        .rsplit_once('@')
        .map(|(_, host)| host)
        .unwrap_or("127.0.0.1:5432/postgres");
    let cases = [
        format!("postgres://no_such_jiedu_user@{base}"),
        "postgres://postgres@no-such-host.invalid:5432/jiedu".to_string(),
        "postgres://postgres@127.0.0.1:1/jiedu".to_string(),
        // TEST-NET-1: never routed, so the connection hangs until our own time limit.
        "postgres://postgres@192.0.2.1:5432/jiedu".to_string(),
    ];
    for url in &cases {
        let (err, took) = open_error(url).await;
        assert_eq!(err.code(), "db.connect", "{url}: {err}");
        assert!(took < Duration::from_secs(20), "{url} took {took:?}");
        let shown = DbLocation::parse(url).to_string();
        assert_bilingual(&err, &shown);
    }
    let (err, _) = open_error("postgres://postgres:s3cret@no-such-host.invalid/jiedu").await;
    assert!(!err.to_string().contains("s3cret"), "{err}");
}

#[tokio::test]
async fn someone_elses_database_is_refused_and_left_as_it_was() {
    let db = TestDb::new(Engine::Postgres).await;
    db.execute("CREATE TABLE invoices (id int); INSERT INTO invoices VALUES (7);")
        .await
        .expect("foreign table");
    let err = Store::open(db.location()).await.expect_err("not ours");
    assert_eq!(err.code(), "db.not_a_database");
    assert_bilingual(&err, &db.location().to_string());
    let ours = db
        .scalar_i64(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = '_sqlx_migrations'",
        )
        .await
        .expect("query");
    assert_eq!(ours, 0, "nothing was created");
    assert_eq!(
        db.scalar_i64("SELECT id::bigint FROM invoices")
            .await
            .expect("kept"),
        7
    );
}

#[tokio::test]
async fn a_database_from_a_newer_jiedu_is_refused() {
    let db = TestDb::new(Engine::Postgres).await;
    Store::open(db.location())
        .await
        .expect("create")
        .close()
        .await;
    db.execute(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (99991231000000, 'from the future', true, '\\x00', 1)",
    )
    .await
    .expect("newer migration");
    let err = Store::open(db.location()).await.expect_err("newer");
    assert_eq!(err.code(), "db.newer");
    assert!(err.to_string().contains("99991231000000"), "{err}");
}

#[tokio::test]
async fn a_pending_migration_is_dumped_first_and_the_data_kept() {
    let db = TestDb::new(Engine::Postgres).await;
    let DbLocation::Postgres(url) = db.location().clone() else {
        unreachable!("a PostgreSQL test database")
    };
    jiedu_store::migrate_postgres_partially(&url, 1)
        .await
        .expect("first migration only");
    db.execute("INSERT INTO units (id, name) VALUES ('u1', '办公厅')")
        .await
        .expect("data of the older release");
    let name = url.rsplit('/').next().expect("name").to_string();
    let before = dumps_of(&name);
    let store = Store::open(db.location()).await.expect("migrates");
    let after = dumps_of(&name);
    assert_eq!(after.len(), before.len() + 1, "one dump before migrating");
    let newest = after.last().expect("dump");
    assert!(std::fs::metadata(newest).expect("dump").len() > 0);
    let units = store.list_units().await.expect("units");
    assert_eq!(units[0].name, "办公厅");
    store.close().await;
    for dump in after {
        let _ = std::fs::remove_file(dump);
    }
}

fn dumps_of(database: &str) -> Vec<std::path::PathBuf> {
    let Ok(entries) = std::fs::read_dir(jiedu_store::pg_backup_dir()) else {
        return Vec::new();
    };
    let prefix = format!("jiedu-{database}-");
    let mut found: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&prefix))
        })
        .collect();
    found.sort();
    found
}

#[tokio::test]
async fn jiedus_role_cannot_change_revisions_or_audit_rows_even_without_triggers() {
    let db = TestDb::new(Engine::Postgres).await;
    let store = super::fresh_store(&db).await;
    store
        .create_pack(&super::new_pack("p1", "标题", "正文。"), "zhang.wei")
        .await
        .expect("create");
    db.execute(
        "ALTER TABLE revisions DISABLE TRIGGER USER; ALTER TABLE audit_log DISABLE TRIGGER USER;",
    )
    .await
    .expect("the owner drops the guards");
    for statement in [
        "UPDATE revisions SET content = '{}'",
        "DELETE FROM revisions",
        "UPDATE audit_log SET actor = 'li.hua'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log CASCADE",
    ] {
        let err = db
            .execute(&format!("SET ROLE jiedu_writer; {statement}"))
            .await
            .expect_err(statement);
        assert!(
            err.to_string().contains("permission denied"),
            "{statement}: {err}"
        );
    }
    // The store itself still writes: its connections act as that role.
    store
        .save_content("p1", 1, &super::content("标题", "第二稿。"), "zhang.wei")
        .await
        .expect("save");
    assert!(store
        .verify_audit()
        .await
        .expect("audit")
        .first_broken
        .is_none());
}
