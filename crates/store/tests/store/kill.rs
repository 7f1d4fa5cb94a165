//! Kill test, on both engines: a child process saves revisions in a loop and is killed with
//! SIGKILL at a random moment, 50 times. Each time the database must pass its integrity check
//! and hold every revision the child reported as committed.

use super::{content, fresh_store, new_pack};
use jiedu_store::{DbLocation, Store};
use jiedu_testdb::{on_both_engines, TestDb};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

on_both_engines!(killed_mid_save_the_database_stays_intact_and_keeps_every_commit);

const CHILD_ENV: &str = "JIEDU_KILL_TEST_DB";
const ROUNDS: usize = 50;

/// The child's side: runs only when the parent re-executes this test binary.
#[tokio::test]
async fn kill_test_child_save_loop() {
    let Ok(db) = std::env::var(CHILD_ENV) else {
        return;
    };
    let store = Store::open(DbLocation::parse(&db))
        .await
        .expect("child open");
    let mut base = store.get_pack("p1").await.expect("pack").revision;
    let mut n = 0u64;
    loop {
        n += 1;
        let saved = store
            .save_content(
                "p1",
                base,
                &content("关于推进政务公开的意见", &format!("第{n}稿。")),
                "child",
            )
            .await
            .expect("child save");
        base = saved.revision;
        // Printed only after the commit returned: every number printed must survive the kill.
        println!("committed {}", saved.revision);
    }
}

async fn killed_mid_save_the_database_stays_intact_and_keeps_every_commit(db: &TestDb) {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let store = fresh_store(db).await;
    store
        .create_pack(
            &new_pack("p1", "关于推进政务公开的意见", "第0稿。"),
            "parent",
        )
        .await
        .expect("create");
    store.close().await;
    let exe = std::env::current_exe().expect("test binary");
    let mut total_committed = 0;
    for round in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args([
                "kill::kill_test_child_save_loop",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, db.arg())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        // Kill after a varying number of commits, so the kill lands at varying points of a save.
        let wait_for = 1 + (round * 7) % 13;
        let mut last_committed = 0i64;
        let mut seen = 0;
        for line in lines.by_ref() {
            let line = line.expect("line");
            if let Some(n) = line.strip_prefix("committed ") {
                last_committed = n.trim().parse().expect("revision number");
                seen += 1;
                if seen >= wait_for {
                    break;
                }
            }
        }
        // SIGKILL: no destructors, no WAL checkpoint, no clean close.
        child.kill().expect("kill");
        // Anything printed after our break but before the kill is also committed.
        for line in lines.map_while(Result::ok) {
            if let Some(n) = line.strip_prefix("committed ") {
                last_committed = n.trim().parse().expect("revision number");
            }
        }
        child.wait().expect("reap");
        assert!(
            last_committed > 0,
            "round {round}: the child committed nothing"
        );
        total_committed += seen;

        let store = Store::open(db.location()).await.expect("reopen after kill");
        assert!(
            store.integrity_ok().await.expect("integrity"),
            "round {round}"
        );
        let revisions = store.revisions("p1").await.expect("revisions");
        let numbers: Vec<i64> = revisions.iter().map(|r| r.revision).collect();
        let expected: Vec<i64> = (1..=numbers.len() as i64).collect();
        assert_eq!(numbers, expected, "round {round}: revisions are contiguous");
        assert!(
            numbers.len() as i64 >= last_committed,
            "round {round}: revision {last_committed} was reported committed but is missing"
        );
        let pack = store.get_pack("p1").await.expect("pack readable");
        assert_eq!(pack.revision, numbers.len() as i64);
        assert!(store
            .verify_audit()
            .await
            .expect("audit")
            .first_broken
            .is_none());
        store.close().await;
    }
    assert!(total_committed >= ROUNDS);
}
