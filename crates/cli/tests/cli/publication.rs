//! Publication through the `jiedu` binary on the demo: the portal package and its manifest
//! check, a repeal that regenerates the old package, the deadlines, the concern clocks and the
//! annual figures.

use super::workflow::{act, json, ok, run};
use super::{assert_clear_error, demo_db, stderr, stdout};
use serde_json::Value;
use std::io::{Read, Write};
use std::path::Path;

const PASS: &str = "jiedu-demo";
const RELEASED: &str = "seed-openness-released";

fn unzip(file: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(file).expect("zip");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip archive");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("read entry");
            (entry.name().expect("entry name").to_string(), data)
        })
        .collect()
}

fn rezip(file: &Path, entries: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(file).expect("create"));
    for (name, data) in entries {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(data).expect("write");
    }
    zip.finish().expect("finish");
}

/// A file of the package as text, with the `/` that HTML escaping writes as `&#x2f;` back.
fn text_of(entries: &[(String, Vec<u8>)], name: &str) -> String {
    let bytes = &entries
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} in the package"))
        .1;
    std::str::from_utf8(bytes)
        .expect("utf-8")
        .replace("&#x2f;", "/")
}

fn export_portal(db: &Path, id: &str, file: &Path) -> Value {
    ok(run(
        db,
        &[
            "export",
            "portal",
            id,
            "--out",
            file.to_str().expect("path"),
        ],
    ));
    let entries = unzip(file);
    serde_json::from_str(&text_of(&entries, "manifest.json")).expect("manifest")
}

#[test]
fn the_released_pack_is_published_with_links_both_ways_and_a_changed_file_is_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let file = dir.path().join("portal.zip");
    let manifest = export_portal(&db, RELEASED, &file);
    let entries = unzip(&file);

    assert_eq!(manifest["format"], "jiedu-portal/1");
    let index = manifest["metadata"]["index_number"]
        .as_str()
        .expect("索引号");
    assert!(
        index.len() == "000014349/2026-00001".len() && index.contains('/'),
        "{index}"
    );
    let pages = manifest["pages"].as_array().expect("pages");
    let kinds: Vec<&str> = pages.iter().filter_map(|p| p["kind"].as_str()).collect();
    assert_eq!(kinds, ["policy", "interpretation", "qa", "charts"]);

    // 相关解读 on the policy page names every interpretation page; each links back.
    let policy = text_of(&entries, "policy.html");
    assert!(policy.contains("相关解读"), "policy page");
    for page in &pages[1..] {
        let path = page["path"].as_str().expect("path");
        assert!(
            policy.contains(&format!(
                "href=\"{path}\" data-rel=\"related_interpretation\""
            )),
            "policy → {path}"
        );
        let html = text_of(&entries, path);
        assert!(html.contains("相关文件"), "{path}");
        assert!(
            html.contains("href=\"policy.html\" data-rel=\"related_policy\""),
            "{path} → policy"
        );
        assert!(html.contains(index), "{path} shows the 索引号");
    }
    for (name, data) in &entries {
        if name.ends_with(".html") {
            let html = std::str::from_utf8(data).expect("utf-8");
            assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
            assert!(html.contains("<html lang=\"zh-CN\">"), "{name}");
            assert!(!html.contains("<script"), "{name} has a script");
            assert!(
                !html.contains("http://") && !html.contains("https://"),
                "{name}"
            );
        }
    }

    // Intact, it verifies; one changed byte in one page is named.
    ok(run(&db, &["verify", file.to_str().expect("path")]));
    let tampered = dir.path().join("tampered.zip");
    let changed: Vec<(String, Vec<u8>)> = entries
        .iter()
        .map(|(n, d)| {
            let mut d = d.clone();
            if n == "qa.html" {
                let s = String::from_utf8(d)
                    .expect("utf-8")
                    .replacen("问答", "问荅", 1);
                d = s.into_bytes();
            }
            (n.clone(), d)
        })
        .collect();
    rezip(&tampered, &changed);
    let o = run(&db, &["--json", "verify", tampered.to_str().expect("path")]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let report = json(&o);
    assert_eq!(report["verified"], false);
    assert_eq!(report["problems"][0]["file"], "qa.html", "{report}");
    assert_eq!(report["problems"][0]["code"], "kit.file_changed");
}

#[test]
fn repealing_the_released_policy_regenerates_its_package_with_the_notice_and_the_link() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let today = chrono::Utc::now().date_naive().to_string();

    // The drafter makes the draft pack repeal the released one, then it goes through.
    let mut content = json(&ok(run(&db, &["--json", "show", "seed-openness"])));
    content["content"]["policy"]["title"] =
        "关于废止《关于全面推进政务公开工作的实施意见》的通知".into();
    content["content"]["policy"]["supersedes"] = serde_json::json!([
        { "pack_id": RELEASED, "kind": "repeal", "effective_on": today }
    ]);
    let file = dir.path().join("repeal.json");
    std::fs::write(&file, content.to_string()).expect("write");
    ok(act(
        &db,
        "zhang.wei",
        PASS,
        &[
            "save",
            "seed-openness",
            "--from",
            file.to_str().expect("path"),
        ],
    ));
    ok(act(&db, "zhang.wei", PASS, &["submit", "seed-openness"]));
    ok(act(&db, "li.hua", PASS, &["sign", "seed-openness"]));
    let out = dir.path().join("portal");
    ok(act(
        &db,
        "chen.jing",
        PASS,
        &[
            "deploy",
            "seed-openness",
            "--channels",
            "门户网站",
            "--portal",
            out.to_str().expect("path"),
        ],
    ));

    // The old package now says 废止, with the date and a link to the new pack.
    let old = unzip(&out.join(format!("{RELEASED}.portal.zip")));
    let manifest: Value = serde_json::from_str(&text_of(&old, "manifest.json")).expect("manifest");
    assert_eq!(manifest["metadata"]["validity"], "废止");
    assert_eq!(manifest["metadata"]["repealed_on"], today.as_str());
    let policy = text_of(&old, "policy.html");
    assert!(policy.contains("<dd>废止</dd>"), "validity shown");
    assert!(
        policy.contains("href=\"../seed-openness/policy.html\" data-rel=\"superseded_by\""),
        "link to the repealing pack"
    );
    assert!(policy.contains("废止。"), "the notice");
    // The new one links back to what it repealed, and has its own 索引号, the next serial.
    let new = unzip(&out.join("seed-openness.portal.zip"));
    let new_manifest: Value = serde_json::from_str(&text_of(&new, "manifest.json")).expect("json");
    assert!(text_of(&new, "policy.html").contains(&format!(
        "href=\"../{RELEASED}/policy.html\" data-rel=\"supersedes\""
    )));
    let serial = |m: &Value| {
        m["metadata"]["index_number"]
            .as_str()
            .unwrap_or_default()
            .rsplit('-')
            .next()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(serial(&manifest), "00001");
    assert_eq!(serial(&new_manifest), "00002");
    // The history is in the old pack's audit log.
    let audit = ok(run(&db, &["--json", "audit", RELEASED]));
    assert!(
        stdout(&audit).contains("pack.validity"),
        "{}",
        stdout(&audit)
    );
}

#[test]
fn the_demo_has_one_planned_release_overdue_and_one_due() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let o = run(&db, &["--json", "deadlines"]);
    let report = json(&o);
    assert_eq!(report["overdue"], 1, "{report}");
    assert_eq!(report["due"], 1, "{report}");
    let list = report["deadlines"].as_array().expect("list");
    assert_eq!(list[0]["pack_id"], "draft-land-notice");
    assert_eq!(list[0]["status"], "overdue");
    assert_eq!(list[1]["pack_id"], "seed-openness");
    assert_eq!(list[1]["status"], "due_soon");

    // `check --json` carries the same deadlines.
    let check = json(&run(&db, &["--json", "check", "seed-openness"]));
    let kinds: Vec<&str> = check["deadlines"]
        .as_array()
        .expect("deadlines")
        .iter()
        .filter_map(|d| d["kind"].as_str())
        .collect();
    assert!(kinds.contains(&"planned_release"), "{check}");

    // A day in a year with no notice loaded is a clear error, not a guess.
    let o = run(&db, &["--json", "deadlines", "--today", "2027-03-01"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("2027 年的节假日安排尚未导入"),
        "{}",
        stdout(&o)
    );
    let o = run(&db, &["deadlines", "--today", "2026-13-01"]);
    assert_clear_error(&o, "2026-13-01");
}

#[test]
fn an_admin_imports_a_year_and_nobody_else_may() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let file = dir.path().join("2027.json");
    std::fs::write(
        &file,
        r#"{"year": 2027, "source": "测试用通知", "holidays": [
            {"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
            "workdays": []}"#,
    )
    .expect("write");
    let path = file.to_str().expect("path");
    let refused = act(&db, "chen.jing", PASS, &["calendar", "import", path]);
    assert_clear_error(&refused, "管理单位设置和工作日历");
    ok(act(&db, "admin", PASS, &["calendar", "import", path]));
    let list = json(&ok(run(&db, &["--json", "calendar", "list"])));
    let years: Vec<i64> = list
        .as_array()
        .expect("years")
        .iter()
        .filter_map(|y| y["year"].as_i64())
        .collect();
    assert_eq!(years, [2024, 2025, 2026, 2027]);
    // A malformed year names the field.
    std::fs::write(
        &file,
        r#"{"year": 2028, "source": "x", "holidays": [
        {"name": "元旦", "from": "2028-01-01", "to": "2028-01-01"}],
        "workdays": [{"date": "2028-01-05", "for": "元旦"}]}"#,
    )
    .expect("write");
    let bad = act(&db, "admin", PASS, &["calendar", "import", path]);
    assert_clear_error(&bad, "workdays[0].date");
}

#[test]
fn a_concern_runs_its_clock_and_a_response_closes_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let started = (chrono::Utc::now() - chrono::Duration::hours(6)).to_rfc3339();
    let added = json(&ok(act(
        &db,
        "chen.jing",
        PASS,
        &[
            "--json",
            "concern",
            "add",
            "--what",
            "网传政策取消",
            "--severity",
            "重大",
            "--source",
            "微博",
            "--started",
            &started,
            "--pack",
            RELEASED,
        ],
    )));
    let id = added["id"].as_str().expect("id").to_string();
    // Six hours in: the 5-hour clock is overdue, the 24-hour one still runs.
    assert_eq!(added["clocks"][0]["kind"], "authoritative_info");
    assert_eq!(added["clocks"][0]["status"], "overdue");
    assert_eq!(added["clocks"][1]["status"], "running");
    let answered = json(&ok(act(
        &db,
        "chen.jing",
        PASS,
        &[
            "--json",
            "concern",
            "respond",
            &id,
            "--clock",
            "press_conference",
            "--what",
            "召开新闻发布会",
            "--where",
            "市政府新闻发布厅",
        ],
    )));
    assert_eq!(answered["clocks"][0]["status"], "late");
    assert_eq!(answered["clocks"][1]["status"], "met");
    let audit = stdout(&ok(run(&db, &["--json", "audit", RELEASED])));
    assert!(
        audit.contains("concern.add") && audit.contains("concern.respond"),
        "{audit}"
    );
    // A drafter may not record one; a response without a venue names the field.
    let refused = act(
        &db,
        "zhang.wei",
        PASS,
        &["concern", "add", "--what", "x", "--source", "y"],
    );
    assert_clear_error(&refused, "登记和回应社会关切");
    let no_venue = act(
        &db,
        "chen.jing",
        PASS,
        &["concern", "respond", &id, "--what", "x", "--where", " "],
    );
    assert_clear_error(&no_venue, "where");
}

#[test]
fn the_annual_figures_of_the_demo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let year = chrono::Utc::now().format("%Y").to_string();
    let report = json(&ok(run(
        &db,
        &["report", "--year", &year, "--format", "json"],
    )));
    // One pack released (the demo's released copy), proactively disclosed, with text, charts
    // and Q&A: 应解读 1, 已解读 1, 解读率 100%.
    assert_eq!(report["released"]["count"], 1, "{report}");
    assert_eq!(report["interpreted"]["count"], 1);
    assert_eq!(
        report["interpreted"]["total"],
        report["needing_interpretation"]["count"]
    );
    let forms: Vec<(&str, i64)> = report["by_form"]
        .as_array()
        .expect("forms")
        .iter()
        .map(|f| {
            (
                f["key"].as_str().unwrap_or_default(),
                f["count"].as_i64().unwrap_or(0),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    assert!(
        forms.contains(&("form.text", 1))
            && forms.contains(&("form.chart", 1))
            && forms.contains(&("form.qa", 1)),
        "{forms:?}"
    );
    assert_eq!(report["concerns"]["count"], 1);
    assert_eq!(report["concerns_in_time"]["count"], 1);
    assert_eq!(report["concerns_in_time"]["total"], 1);

    let csv = stdout(&ok(run(&db, &["report", "--year", &year])));
    assert!(
        csv.contains("interpreted,已解读（解读率） interpreted (rate),1,"),
        "{csv}"
    );
    let xlsx = dir.path().join("r.xlsx");
    ok(run(
        &db,
        &[
            "report",
            "--year",
            &year,
            "--format",
            "xlsx",
            "--out",
            xlsx.to_str().expect("path"),
        ],
    ));
    let bytes = std::fs::read(&xlsx).expect("xlsx");
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let o = run(&db, &["report", "--year", &year, "--format", "xlsx"]);
    assert_clear_error(&o, "--out");
    let _ = stderr(&o);
}
