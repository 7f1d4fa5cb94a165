//! End-to-end tests of the `jiedu` binary.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

mod engines;
mod media;
mod publication;
mod signed_pdf;
mod team;
mod workflow;

fn jiedu(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiedu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JIEDU_DB")
        .env_remove("JIEDU_SERVER")
        .env("JIEDU_PINS", test_pins())
        .output()
        .expect("run jiedu")
}

/// Pins of the tests' own, never the user's.
fn test_pins() -> std::path::PathBuf {
    std::env::temp_dir().join(format!("jiedu-test-pins-{}.json", std::process::id()))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A failure must be a clear bilingual error with exit code 2, never a panic.
fn assert_clear_error(o: &Output, mentions: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "stderr: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("错误："), "{err}");
    assert!(err.contains("Error: "), "{err}");
    assert!(err.contains(mentions), "expected {mentions:?} in {err}");
}

/// A fresh PostgreSQL database with the demo, as `--db` takes it; the database is dropped with
/// the returned guard.
fn postgres_demo_db() -> (jiedu_testdb::TestDb, std::path::PathBuf) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let db = runtime.block_on(jiedu_testdb::TestDb::new(jiedu_store::Engine::Postgres));
    let arg = std::path::PathBuf::from(db.arg());
    let o = jiedu(&arg, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    (db, arg)
}

fn demo_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("demo.db");
    let o = jiedu(&db, &["demo"]);
    assert!(o.status.success(), "{}", stderr(&o));
    db
}

#[test]
fn demo_is_idempotent_and_lists_both_packs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let again = jiedu(&db, &["--json", "demo"]);
    assert!(again.status.success());
    let report: Value = serde_json::from_str(&stdout(&again)).expect("json");
    assert_eq!(report["created"], Value::Array(vec![]));
    let list: Value =
        serde_json::from_str(&stdout(&jiedu(&db, &["--json", "list"]))).expect("json");
    let ids: Vec<&str> = list
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert_eq!(ids.len(), 4);
    assert!(ids.contains(&"seed-openness") && ids.contains(&"draft-land-notice"));
    assert!(ids.contains(&"chart-gallery"));
    assert!(ids.contains(&"seed-openness-released"));
    for p in list.as_array().expect("array") {
        assert_eq!(p["revision"], 1, "a repeated demo writes no new revision");
        let expected = if p["id"] == "seed-openness-released" {
            "deployed"
        } else {
            "drafting"
        };
        assert_eq!(p["state"], expected, "{}", p["id"]);
    }
}

#[test]
fn check_exits_0_on_the_complete_pack_and_1_on_the_incomplete_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let ok = jiedu(&db, &["check", "seed-openness"]);
    assert_eq!(ok.status.code(), Some(0), "{}", stdout(&ok));
    assert!(stdout(&ok).contains("谁起草、谁解读"));

    let bad = jiedu(&db, &["--json", "check", "draft-land-notice"]);
    assert_eq!(bad.status.code(), Some(1));
    let report: Value = serde_json::from_str(&stdout(&bad)).expect("json");
    assert_eq!(report["passes"], false);
    assert_eq!(
        report["blocking_failures"],
        serde_json::json!(["whoever-drafts-interprets", "organized-together"])
    );
    let items = report["items"].as_array().expect("items");
    let failing: Vec<&Value> = items.iter().filter(|i| i["status"] == "fail").collect();
    assert!(failing
        .iter()
        .all(|i| !i["message"]["zh"].as_str().unwrap_or("").is_empty()
            && !i["message"]["en"].as_str().unwrap_or("").is_empty()
            && i["field"].is_string()));
}

#[test]
fn show_and_search_work_on_the_demo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let shown = jiedu(&db, &["show", "seed-openness"]);
    assert!(shown.status.success());
    let text = stdout(&shown);
    assert!(text.contains("关于全面推进政务公开工作的实施意见"));
    assert!(text.contains("（十一）加强政策解读。"), "{text}");
    let pack: Value =
        serde_json::from_str(&stdout(&jiedu(&db, &["--json", "show", "seed-openness"])))
            .expect("json");
    assert_eq!(
        pack["content"]["policy"]["disclosure"]["attribute"],
        "proactive"
    );

    for (query, expected) in [
        ("公开", "seed-openness"),
        ("征收", "draft-land-notice"),
        ("谁起草", "seed-openness"),
    ] {
        let hits: Value =
            serde_json::from_str(&stdout(&jiedu(&db, &["--json", "search", query]))).expect("json");
        let ids: Vec<&str> = hits
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|h| h["pack_id"].as_str())
            .collect();
        assert!(ids.contains(&expected), "{query}: {ids:?}");
    }
}

#[test]
fn an_unknown_pack_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    for cmd in ["show", "check"] {
        assert_clear_error(&jiedu(&db, &[cmd, "no-such-pack"]), "no-such-pack");
    }
    let o = jiedu(&db, &["--json", "check", "no-such-pack"]);
    let body: Value = serde_json::from_str(&stdout(&o)).expect("json error");
    assert_eq!(body["error"]["code"], "pack.not_found");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("notes.txt");
    let original = "会议纪要：这不是数据库。\n";
    std::fs::write(&db, original).expect("write");
    assert_clear_error(&jiedu(&db, &["list"]), "notes.txt");
    assert_eq!(std::fs::read_to_string(&db).expect("read"), original);
}

#[test]
fn a_read_only_database_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let mut perms = std::fs::metadata(&db).expect("meta").permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&db, perms).expect("chmod");
    assert_clear_error(&jiedu(&db, &["list"]), "demo.db");
    // A path whose folder cannot exist (its parent is a file).
    let blocked = dir.path().join("plain-file");
    std::fs::write(&blocked, "x").expect("write");
    assert_clear_error(&jiedu(&blocked.join("jiedu.db"), &["list"]), "jiedu.db");
}

#[test]
fn malformed_demo_json_names_the_file_and_field_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("demo-data");
    std::fs::create_dir(&data).expect("mkdir");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../resources/demo");
    for f in [
        "people.json",
        "seed-pack.json",
        "incomplete-pack.json",
        "chart-gallery-pack.json",
    ] {
        std::fs::copy(root.join(f), data.join(f)).expect("copy");
    }
    let seed = std::fs::read_to_string(data.join("seed-pack.json")).expect("read");
    std::fs::write(
        data.join("seed-pack.json"),
        seed.replacen("\"importance\": \"major\"", "\"importance\": \"huge\"", 1),
    )
    .expect("write");
    let db = dir.path().join("j.db");
    let o = jiedu(&db, &["demo", "--from", data.to_str().expect("utf-8 path")]);
    assert_clear_error(&o, "seed-pack.json");
    assert!(
        stderr(&o).contains("content.policy.importance"),
        "{}",
        stderr(&o)
    );
    assert!(!db.exists(), "bad data must not create a database");

    std::fs::write(data.join("people.json"), "{ \"units\": [").expect("write");
    assert_clear_error(
        &jiedu(&db, &["demo", "--from", data.to_str().expect("utf-8 path")]),
        "people.json",
    );
    assert_clear_error(
        &jiedu(&db, &["demo", "--from", "/no/such/folder"]),
        "people.json",
    );
}

#[test]
fn charts_export_as_svg_and_png() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    for chart in ["five-openness", "key-areas"] {
        let svg = dir.path().join(format!("{chart}.svg"));
        let o = jiedu(
            &db,
            &[
                "export",
                "chart",
                "seed-openness",
                chart,
                "--format",
                "svg",
                "--out",
                svg.to_str().expect("path"),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(std::fs::read_to_string(&svg)
            .expect("svg")
            .starts_with("<svg"));
        let png = dir.path().join(format!("{chart}.png"));
        let o = jiedu(
            &db,
            &[
                "export",
                "chart",
                "seed-openness",
                chart,
                "--width",
                "540",
                "--out",
                png.to_str().expect("path"),
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(std::fs::read(&png).expect("png").starts_with(b"\x89PNG"));
    }
    let o = jiedu(
        &db,
        &["export", "chart", "seed-openness", "nope", "--out", "x.png"],
    );
    assert_clear_error(&o, "five-openness");
}

#[test]
fn the_pdf_exports_and_a_failed_export_leaves_the_old_file_alone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let out = dir.path().join("seed.pdf");
    let o = jiedu(
        &db,
        &[
            "--json",
            "export",
            "pdf",
            "seed-openness",
            "--out",
            out.to_str().expect("path"),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(report["pages"].as_u64().unwrap_or(0) > 10, "{report}");
    let good = std::fs::read(&out).expect("pdf");
    assert!(good.starts_with(b"%PDF"));

    // Fonts missing: a clear error naming the font file, and the good PDF is untouched.
    let o = Command::new(env!("CARGO_BIN_EXE_jiedu"))
        .args([
            "--db",
            db.to_str().expect("path"),
            "export",
            "pdf",
            "seed-openness",
            "--out",
            out.to_str().expect("path"),
        ])
        .env("JIEDU_RESOURCES", dir.path().join("no-resources"))
        .output()
        .expect("run");
    assert_clear_error(&o, "title-NotoSerifSC-Bold.ttf");
    assert_eq!(std::fs::read(&out).expect("pdf"), good);
    let leftovers = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn the_seed_web_copy_imports_with_its_junk_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/seeds/000_bf729c53b13afba3.txt");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../import/tests/fixtures/seed-web.txt");
    let file = if seed.exists() { seed } else { fixture };
    let o = jiedu(
        &db,
        &[
            "--json",
            "import",
            file.to_str().expect("path"),
            "--dry-run",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let sections = report["policy"]["sections"].as_array().map_or(0, Vec::len);
    assert_eq!(sections, 20, "{report}");
    assert_eq!(
        report["policy"]["title"],
        "关于全面推进政务公开工作的实施意见"
    );
    let list: Value =
        serde_json::from_str(&stdout(&jiedu(&db, &["--json", "list"]))).expect("json");
    assert_eq!(
        list.as_array().map_or(0, Vec::len),
        4,
        "a dry run saves nothing"
    );
    let o = jiedu(&db, &["import", "/no/such/file.docx"]);
    assert_clear_error(&o, "file.docx");
}

#[test]
fn a_real_web_copy_imports_with_every_element_and_show_prints_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../import/tests/corpus/20-qqhr-qiqihaer-zhengwuyun-xize.txt");
    let file = file.to_str().expect("path");
    let o = jiedu(&db, &["--json", "import", file, "--dry-run"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let result: Value = serde_json::from_str(&stdout(&o)).expect("json");
    let policy = &result["policy"];
    assert_eq!(policy["doc_number"], "齐政办发〔2019〕29号");
    assert_eq!(policy["forwarding"], "issue");
    assert_eq!(policy["portal"]["index_number"], "20191202-189769");
    assert!(
        policy["addressee"]
            .as_str()
            .is_some_and(|a| a.starts_with("各县")),
        "{policy}"
    );
    assert!(policy["attachments"][0]["sections"]
        .as_array()
        .is_some_and(|s| !s.is_empty()));
    // One correction, as the import screen makes it: the 主送机关's line marked as junk.
    let addressee_line = result["report"]["detected"]
        .as_array()
        .and_then(|d| d.iter().find(|d| d["field"] == "addressee"))
        .and_then(|d| d["line"].as_u64())
        .expect("the addressee's line")
        .to_string();
    let o = jiedu(
        &db,
        &[
            "--json",
            "import",
            file,
            "--dry-run",
            "--junk-line",
            &addressee_line,
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let corrected: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert!(
        corrected["policy"].get("addressee").is_none(),
        "{corrected}"
    );
    assert!(corrected["report"]["removals"]
        .as_array()
        .is_some_and(|r| r.iter().any(|r| r["reason"] == "marked_by_user")));
    let o = jiedu(&db, &["import", file, "--pack", "qqhr-cloud"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = stdout(&jiedu(&db, &["show", "qqhr-cloud"]));
    for element in [
        "主送机关（addressee）：各县",
        "索引号（index number）：20191202-189769",
        "文种（document type）：通知",
    ] {
        assert!(shown.contains(element), "{element} in\n{shown}");
    }
}

#[test]
fn a_signed_pack_exports_a_media_kit_that_verifies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let kit = dir.path().join("kit.zip");
    let kit_arg = kit.to_str().expect("path");
    let o = jiedu(
        &db,
        &["export", "kit", "seed-openness-released", "--out", kit_arg],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = jiedu(&db, &["--json", "verify", kit_arg]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).expect("json");
    assert_eq!(report["verified"], true);

    // One flipped byte in the archive: refused and reported, never a panic.
    let mut bytes = std::fs::read(&kit).expect("kit");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x5a;
    let bad = dir.path().join("bad.zip");
    std::fs::write(&bad, &bytes).expect("write");
    let o = jiedu(&db, &["verify", bad.to_str().expect("path")]);
    assert_ne!(o.status.code(), Some(0));
    assert!(!stderr(&o).contains("panicked"));

    // Unsigned packs get no kit, and nothing is written.
    let unsigned = dir.path().join("unsigned.zip");
    let o = jiedu(
        &db,
        &[
            "export",
            "kit",
            "seed-openness",
            "--out",
            unsigned.to_str().expect("path"),
        ],
    );
    assert_clear_error(&o, "seed-openness");
    assert!(!unsigned.exists());
}

#[test]
fn every_chart_kind_of_the_demo_gallery_exports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let pack: Value =
        serde_json::from_str(&stdout(&jiedu(&db, &["--json", "show", "chart-gallery"])))
            .expect("json");
    let charts = pack["content"]["materials"]["charts"]
        .as_array()
        .expect("charts");
    let mut kinds: Vec<&str> = charts.iter().filter_map(|c| c["kind"].as_str()).collect();
    kinds.sort_unstable();
    assert_eq!(
        kinds,
        [
            "bar",
            "donut",
            "grouped_bar",
            "horizontal_bar",
            "key_figures",
            "line",
            "pie",
            "stacked_bar",
            "table"
        ]
    );
    for c in charts {
        let id = c["id"].as_str().expect("id");
        let out = dir.path().join(format!("{id}.png"));
        let o = jiedu(
            &db,
            &[
                "export",
                "chart",
                "chart-gallery",
                id,
                "--out",
                out.to_str().expect("path"),
            ],
        );
        assert!(o.status.success(), "{id}: {}", stderr(&o));
    }
    let o = jiedu(&db, &["check", "chart-gallery"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}
