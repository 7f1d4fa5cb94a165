//! The same commands on SQLite and on PostgreSQL: same output, same exit codes, and the
//! two-saves case refused with `pack.conflict` on both.

use super::workflow::{act, json, run};
use super::{demo_db, postgres_demo_db, stderr, stdout};
use serde_json::Value;
use std::path::Path;

const PASS: &str = "jiedu-demo";

#[test]
fn demo_list_check_search_and_audit_match_on_both_engines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite = demo_db(dir.path());
    let (_pg, postgres) = postgres_demo_db();
    let commands: [&[&str]; 7] = [
        &["demo"],
        &["list"],
        &["check", "seed-openness"],
        &["check", "draft-land-notice"],
        &["search", "公开"],
        &["search", "征地 农民"],
        &["audit", "--verify"],
    ];
    for args in commands {
        let a = run(&sqlite, args);
        let b = run(&postgres, args);
        assert_eq!(a.status.code(), b.status.code(), "{args:?}: {}", stderr(&b));
        if !matches!(args[0], "audit" | "demo") {
            assert_eq!(stdout(&a), stdout(&b), "{args:?}");
        }
    }
    // The audit chains differ only in times and keys, not in length.
    let rows = |db: &Path| -> u64 {
        json(&run(db, &["--json", "audit", "--verify"]))["verification"]["audit"]["rows"]
            .as_u64()
            .expect("rows")
    };
    assert_eq!(rows(&sqlite), rows(&postgres));
}

#[test]
fn two_saves_from_one_show_are_a_conflict_on_sqlite() {
    let dir = tempfile::tempdir().expect("tempdir");
    two_saves_from_one_show(&demo_db(dir.path()), dir.path());
}

#[test]
fn two_saves_from_one_show_are_a_conflict_on_postgresql() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_pg, db) = postgres_demo_db();
    two_saves_from_one_show(&db, dir.path());
}

/// The report of the issue: A changes the title, B the first preamble paragraph, both from one
/// `show --json`. B must be refused, A's title kept, and B's content kept as B's draft.
fn two_saves_from_one_show(db: &Path, dir: &Path) {
    let id = "seed-openness";
    let shown: Value = json(&run(db, &["--json", "show", id]));
    let base = shown["revision"].as_i64().expect("revision");
    let mut a = shown.clone();
    a["content"]["policy"]["title"] = Value::from("A 改过的标题");
    let mut b = shown.clone();
    b["content"]["policy"]["preamble"][0] = Value::from("B 改过的第一段。");
    let file = |name: &str, v: &Value| {
        let path = dir.join(name);
        std::fs::write(&path, v.to_string()).expect("write");
        path.to_str().expect("path").to_string()
    };
    let (fa, fb) = (file("a.json", &a), file("b.json", &b));

    let saved = act(db, "zhang.wei", PASS, &["save", id, "--from", &fa]);
    assert!(saved.status.success(), "{}", stderr(&saved));
    let refused = act(
        db,
        "zhang.wei",
        PASS,
        &["--json", "save", id, "--from", &fb],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", stdout(&refused));
    let error = &json(&refused)["error"];
    assert_eq!(error["code"], "pack.conflict");
    let message = error["message"].as_str().expect("message");
    assert!(
        message.contains(&format!("revision {}", base + 1)),
        "{message}"
    );
    assert!(message.contains("zhang.wei"), "{message}");

    let now: Value = json(&run(db, &["--json", "show", id]));
    assert_eq!(now["revision"].as_i64(), Some(base + 1));
    assert_eq!(now["content"]["policy"]["title"], "A 改过的标题");
    assert_ne!(now["content"]["policy"]["preamble"][0], "B 改过的第一段。");

    // B keeps their version with --base: it becomes the next revision on top of A's.
    let kept = act(
        db,
        "zhang.wei",
        PASS,
        &[
            "--json",
            "save",
            id,
            "--from",
            &fb,
            "--base",
            &(base + 1).to_string(),
        ],
    );
    assert!(kept.status.success(), "{}", stderr(&kept));
    assert_eq!(json(&kept)["revision"].as_i64(), Some(base + 2));

    // A base that never existed names the option.
    let missing = act(
        db,
        "zhang.wei",
        PASS,
        &["--json", "save", id, "--from", &fa, "--base", "99"],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(json(&missing)["error"]["code"], "pack.no_such_revision");
    assert_eq!(json(&missing)["error"]["field"], "base");
}
