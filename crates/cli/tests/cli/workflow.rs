//! The synchronized review, sign-off and deployment flow, scripted through the `jiedu` binary as
//! the people of the demo (passphrase `jiedu-demo`), and the tampering it must catch.

use super::{assert_clear_error, demo_db, stderr, stdout};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

const PASS: &str = "jiedu-demo";

/// Runs `jiedu --db DB --as USER ARGS` with the user's passphrase in the environment.
pub(crate) fn act(db: &Path, user: &str, passphrase: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiedu"))
        .arg("--db")
        .arg(db)
        .args(["--as", user])
        .args(args)
        .env_remove("JIEDU_DB")
        .env_remove("JIEDU_NEW_PASSPHRASE")
        .env("JIEDU_PASSPHRASE", passphrase)
        .output()
        .expect("run jiedu")
}

/// Runs `jiedu --db DB ARGS` with no user and no passphrase.
pub(crate) fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jiedu"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JIEDU_DB")
        .env_remove("JIEDU_PASSPHRASE")
        .env_remove("JIEDU_NEW_PASSPHRASE")
        .output()
        .expect("run jiedu")
}

pub(crate) fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "stdout: {}\nstderr: {}",
        stdout(&o),
        stderr(&o)
    );
    o
}

/// Exports a pack's PDF to `file` and returns its bytes.
pub(crate) fn export_pdf(db: &Path, id: &str, file: &Path) -> Vec<u8> {
    ok(run(
        db,
        &["export", "pdf", id, "--out", file.to_str().expect("path")],
    ));
    std::fs::read(file).expect("pdf")
}

pub(crate) fn json(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

fn pack(db: &Path, id: &str) -> Value {
    json(&ok(run(db, &["--json", "show", id])))
}

/// Saves `content` (as `jiedu show --json` prints a pack) through `jiedu save`.
fn save(db: &Path, dir: &Path, user: &str, id: &str, whole_pack: &Value) -> Output {
    let file = dir.join(format!("{id}-edit.json"));
    std::fs::write(&file, whole_pack.to_string()).expect("write");
    act(
        db,
        user,
        PASS,
        &["save", id, "--from", file.to_str().expect("path")],
    )
}

fn error_code(o: &Output) -> String {
    json(o)["error"]["code"].as_str().unwrap_or("").to_string()
}

/// Audit rows in the whole database.
fn audit_rows(db: &Path) -> u64 {
    let v = json(&ok(run(db, &["--json", "audit", "--verify"])));
    v["verification"]["audit"]["rows"].as_u64().expect("rows")
}

/// An export record as the exporter embeds it: the content and the signature over it.
fn export_record(db: &Path, id: &str, file: &Path) {
    let p = pack(db, id);
    assert!(p["signature"].is_object(), "{id} is not signed");
    let record = serde_json::json!({ "content": p["content"], "signature": p["signature"] });
    std::fs::write(file, serde_json::to_string_pretty(&record).expect("json")).expect("write");
}

fn sql(db: &Path, statements: &[&str]) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let options = sqlx::sqlite::SqliteConnectOptions::new().filename(db);
        let pool = sqlx::SqlitePool::connect_with(options)
            .await
            .expect("connect");
        for statement in statements {
            sqlx::query(sqlx::AssertSqlSafe(statement.to_string()))
                .execute(&pool)
                .await
                .unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
        pool.close().await;
    });
}

#[test]
fn drafter_submits_leader_returns_then_signs_press_deploys_and_the_record_verifies() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    whole_flow(&db, dir.path());
}

#[test]
fn the_whole_flow_behaves_the_same_on_postgresql() {
    let (_pg, db) = super::postgres_demo_db();
    let dir = tempfile::tempdir().expect("tempdir");
    whole_flow(&db, dir.path());
}

/// Submit, return, resolve, sign, deploy and verify on the demo database `db`, writing files
/// into `dir`.
fn whole_flow(db: &Path, dir: &Path) {
    let db = db.to_path_buf();
    let id = "seed-openness";

    // The drafter removes the first interpreter: submission is refused, naming the rule.
    let mut p = pack(&db, id);
    p["content"]["plan"]["first_interpreter"] = Value::from("");
    ok(save(&db, dir, "zhang.wei", id, &p));
    let refused = act(&db, "zhang.wei", PASS, &["--json", "submit", id]);
    assert_clear_error(&refused, "whoever-drafts-interprets");
    assert_eq!(error_code(&refused), "workflow.blocked");
    // The next edit builds on the revision just saved, as the editor does after a save.
    p["revision"] = pack(&db, id)["revision"].clone();
    p["content"]["plan"]["first_interpreter"] = Value::from("王明远");
    ok(save(&db, dir, "zhang.wei", id, &p));
    let submitted = json(&ok(act(&db, "zhang.wei", PASS, &["--json", "submit", id])));
    assert_eq!(submitted["to"], "submitted");
    assert_eq!(submitted["revision"], 3);

    // The leader returns it with a comment on one policy section.
    let returned = ok(act(
        &db,
        "li.hua",
        PASS,
        &[
            "return",
            id,
            "--comment",
            "请补充决策预公开的范围。",
            "--on",
            "policy.sections[5]",
        ],
    ));
    assert!(stdout(&returned).contains("policy.sections[5]"));
    let comments = json(&ok(run(&db, &["--json", "comments", id])));
    let comment_id = comments[0]["id"].as_i64().expect("comment id");
    assert_eq!(comments[0]["part"], "policy.sections[5]");
    assert!(comments[0]["resolved_at"].is_null());
    let listed = stdout(&ok(run(&db, &["comments", id])));
    assert!(
        listed.contains("未处理") && listed.contains("（四）推进决策公开。"),
        "{listed}"
    );

    // The drafter fixes the section; the diff since the leader's review names it.
    let mut p = pack(&db, id);
    assert_eq!(p["state"], "returned");
    let paragraph = p["content"]["policy"]["sections"][5]["paragraphs"][0]
        .as_str()
        .expect("paragraph")
        .to_string();
    p["content"]["policy"]["sections"][5]["paragraphs"][0] =
        Value::from(format!("{paragraph}重大决策预公开的范围由各单位明确。"));
    ok(save(&db, dir, "zhang.wei", id, &p));
    assert_eq!(pack(&db, id)["state"], "drafting");
    let diff = json(&ok(run(&db, &["--json", "diff", id, "--since-review"])));
    assert_eq!(
        (diff["from"].as_i64(), diff["to"].as_i64()),
        (Some(3), Some(4))
    );
    let changes = diff["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["part"], "policy.sections[5]");
    assert_eq!(changes[0]["kind"], "modified");
    let human = stdout(&ok(run(&db, &["diff", id, "--since-review"])));
    assert!(
        human.contains("修改") && human.contains("重大决策预公开的范围由各单位明确"),
        "{human}"
    );

    // Open comments hold the resubmission until resolved.
    let refused = act(&db, "zhang.wei", PASS, &["--json", "submit", id]);
    assert_eq!(error_code(&refused), "workflow.open_comments");
    ok(act(
        &db,
        "zhang.wei",
        PASS,
        &["resolve", id, &comment_id.to_string()],
    ));
    ok(act(&db, "zhang.wei", PASS, &["submit", id]));

    // The openness office looks at the attribute; the leader signs what it saw.
    ok(act(
        &db,
        "zhao.min",
        PASS,
        &[
            "review-disclosure",
            id,
            "--approve",
            "--comment",
            "同意主动公开。",
        ],
    ));
    let record = json(&ok(act(
        &db,
        "li.hua",
        PASS,
        &["--json", "sign", id, "--comment", "同意。"],
    )));
    assert_eq!(record["algorithm"], "ed25519");
    assert_eq!(record["signer_name"], "李华");
    assert_eq!(record["revision"], 5);
    assert_eq!(pack(&db, id)["state"], "signed");
    let check = json(&run(&db, &["--json", "check", id]));
    let signed = check["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["id"] == "signed-together")
        .expect("signed-together");
    assert_eq!(signed["status"], "pass");

    // The press officer releases both in one act.
    let deployment = json(&ok(act(
        &db,
        "chen.jing",
        PASS,
        &[
            "--json",
            "deploy",
            id,
            "--channels",
            "门户网站,微信",
            "--at",
            "2026-12-01 09:00",
        ],
    )));
    assert_eq!(deployment["policy_released_at"], "2026-12-01T01:00:00Z");
    assert_eq!(
        deployment["interpretation_released_at"],
        deployment["policy_released_at"]
    );
    assert_eq!(
        deployment["channels"],
        serde_json::json!(["portal", "wechat"])
    );
    assert_eq!(pack(&db, id)["state"], "deployed");
    assert_eq!(run(&db, &["check", id]).status.code(), Some(0));

    let timeline = stdout(&ok(run(&db, &["audit", id])));
    for action in [
        "pack.submit",
        "pack.return",
        "pack.resolve_comment",
        "pack.review_disclosure",
        "pack.sign",
        "pack.deploy",
    ] {
        assert!(
            timeline.contains(action),
            "{action} missing from\n{timeline}"
        );
    }
    assert!(timeline.contains("li.hua") && timeline.contains("chen.jing"));
    let verified = ok(run(&db, &["audit", "--verify"]));
    assert!(
        stdout(&verified).contains("✓ 审计链完整"),
        "{}",
        stdout(&verified)
    );

    let file = dir.join("record.json");
    export_record(&db, id, &file);
    let v = ok(run(&db, &["verify", file.to_str().expect("path")]));
    let text = stdout(&v);
    assert!(
        text.contains("✓ 签名有效") && text.contains("李华") && text.contains(id),
        "{text}"
    );
}

/// The code of the first failed check of a `verify --json` report on a PDF.
fn failed_check(report: &Value) -> String {
    report["checks"]
        .as_array()
        .and_then(|checks| checks.iter().find(|c| c["status"] == "fail"))
        .and_then(|c| c["code"].as_str())
        .unwrap_or("none")
        .to_string()
}

#[test]
fn an_exported_pdf_verifies_when_signed_and_says_so_when_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let signed = dir.path().join("released.pdf");
    let path = signed.to_str().expect("path");
    let first = export_pdf(&db, "seed-openness-released", &signed);
    let v = json(&ok(run(&db, &["--json", "verify", path])));
    assert_eq!(v["verified"], true);
    let checks: Vec<&str> = v["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| c["check"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(checks, ["pades", "chain", "record"]);
    assert!(v["checks"][1]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("li.hua"));
    assert!(v["checks"][2]["message"]
        .as_str()
        .unwrap_or_default()
        .contains("li.hua"));
    // Exports of a signed revision return exactly the bytes signed when the leader signed.
    let again = export_pdf(&db, "seed-openness-released", &dir.path().join("again.pdf"));
    assert_eq!(again, first);
    // The stored PDF's pages are counted, not left unknown.
    let listed = json(&ok(run(
        &db,
        &[
            "--json",
            "export",
            "pdf",
            "seed-openness-released",
            "--out",
            path,
        ],
    )));
    assert!(listed["pages"].as_u64().unwrap_or(0) > 2, "{listed}");
    let unsigned = dir.path().join("draft.pdf");
    let path = unsigned.to_str().expect("path");
    export_pdf(&db, "seed-openness", &unsigned);
    let o = run(&db, &["--json", "verify", path]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(failed_check(&json(&o)), "pdf.unsigned");
    assert!(stdout(&run(&db, &["verify", path])).contains("未签名"));
}

#[test]
fn an_edit_after_signing_voids_the_signature_and_returns_the_pack_to_drafting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let id = "seed-openness";
    ok(act(&db, "zhang.wei", PASS, &["submit", id]));
    ok(act(&db, "li.hua", PASS, &["sign", id]));
    let mut p = pack(&db, id);
    p["content"]["policy"]["title"] = Value::from("关于全面推进政务公开工作的实施意见（修订）");
    let saved = ok(save(&db, dir.path(), "zhang.wei", id, &p));
    assert!(stdout(&saved).contains("起草中"), "{}", stdout(&saved));
    let after = pack(&db, id);
    assert_eq!(after["state"], "drafting");
    assert!(after["signature"].is_null(), "the signature is void");
    let timeline = stdout(&ok(run(&db, &["audit", id])));
    assert!(timeline.contains("pack.signature_void"), "{timeline}");
    let refused = act(
        &db,
        "chen.jing",
        PASS,
        &["--json", "deploy", id, "--channels", "门户网站"],
    );
    assert_eq!(error_code(&refused), "workflow.state");
}

#[test]
fn tampering_with_content_an_export_or_the_audit_log_is_caught_and_named() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let id = "seed-openness-released";
    let before = dir.path().join("before.json");
    export_record(&db, id, &before);
    ok(run(&db, &["verify", before.to_str().expect("path")]));

    // One character of a signed policy sentence, changed in the database.
    sql(
        &db,
        &[
            "DROP TRIGGER revisions_are_immutable",
            "UPDATE revisions SET content = replace(content, '实行重大决策预公开制度', '实行重大决策预公开制庹') WHERE pack_id = 'seed-openness-released'",
        ],
    );
    let check = run(&db, &["--json", "check", id]);
    assert_eq!(check.status.code(), Some(1));
    let report = json(&check);
    assert!(report["blocking_failures"]
        .as_array()
        .expect("failures")
        .contains(&Value::from("signed-together")));
    let audit = run(&db, &["audit", "--verify"]);
    assert_eq!(audit.status.code(), Some(1));
    assert!(
        stdout(&audit).contains("seed-openness-released 第 1 版被改动"),
        "{}",
        stdout(&audit)
    );
    let after = dir.path().join("after.json");
    export_record(&db, id, &after);
    let v = run(&db, &["--json", "verify", after.to_str().expect("path")]);
    assert_eq!(v.status.code(), Some(1));
    assert_eq!(json(&v)["error"]["code"], "verify.content_changed");
    assert!(
        stdout(&run(&db, &["verify", after.to_str().expect("path")]))
            .contains("内容与审签时不一致")
    );
    // The record exported before the tampering still verifies on its own.
    ok(run(&db, &["verify", before.to_str().expect("path")]));

    // One character of the signed content, or the signer's name, changed inside an export.
    let text = std::fs::read_to_string(&before).expect("read");
    for (from, to, code) in [
        (
            "实行重大决策预公开制度",
            "实行重大决策预公开制庹",
            "verify.content_changed",
        ),
        (
            "\"signer_name\": \"李华\"",
            "\"signer_name\": \"张伟\"",
            "verify.invalid",
        ),
    ] {
        let forged = dir.path().join("forged.json");
        assert!(text.contains(from), "{from}");
        std::fs::write(&forged, text.replacen(from, to, 1)).expect("write");
        let v = run(&db, &["--json", "verify", forged.to_str().expect("path")]);
        assert_eq!(v.status.code(), Some(1), "{}", stdout(&v));
        assert_eq!(json(&v)["error"]["code"], code);
    }
    let pdf = dir.path().join("broken.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n").expect("write");
    assert_clear_error(
        &run(&db, &["verify", pdf.to_str().expect("path")]),
        "broken.pdf",
    );

    // Undo the content change; then change one audit row: the chain names that row.
    sql(
        &db,
        &["UPDATE revisions SET content = replace(content, '实行重大决策预公开制庹', '实行重大决策预公开制度') WHERE pack_id = 'seed-openness-released'"],
    );
    ok(run(&db, &["audit", "--verify"]));
    let events = json(&ok(run(&db, &["--json", "audit", id])));
    let sign_row = events["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .find(|e| e["action"] == "pack.sign")
        .and_then(|e| e["seq"].as_i64())
        .expect("sign row");
    sql(
        &db,
        &[
            "DROP TRIGGER audit_log_is_append_only",
            &format!("UPDATE audit_log SET actor = 'zhang.wei' WHERE seq = {sign_row}"),
        ],
    );
    let audit = run(&db, &["--json", "audit", "--verify"]);
    assert_eq!(audit.status.code(), Some(1));
    let v = json(&audit);
    assert_eq!(v["verification"]["audit"]["first_broken"]["seq"], sign_row);
    assert!(stdout(&run(&db, &["audit", "--verify"])).contains(&format!("第 {sign_row} 条记录")));
}

#[test]
fn wrong_passphrase_unknown_user_and_a_drafter_signing_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let id = "seed-openness";
    ok(act(&db, "zhang.wei", PASS, &["submit", id]));
    let rows = audit_rows(&db);

    let o = act(&db, "li.hua", "not-the-passphrase", &["sign", id]);
    assert_clear_error(&o, "口令不正确");
    assert!(stderr(&o).contains("li.hua"));
    let o = act(&db, "nobody", PASS, &["--json", "sign", id]);
    assert_clear_error(&o, "nobody");
    assert_eq!(error_code(&o), "user.not_found");
    let o = act(&db, "zhang.wei", PASS, &["--json", "sign", id]);
    assert_clear_error(&o, "审签领导");
    assert_eq!(error_code(&o), "permission.role");
    let o = act(
        &db,
        "liu.yang",
        PASS,
        &["--json", "return", id, "--comment", "不同意"],
    );
    assert_eq!(error_code(&o), "permission.role");
    let o = run(&db, &["--json", "sign", id]);
    assert_clear_error(&o, "--as");
    assert_eq!(error_code(&o), "auth.needs_actor");
    // No passphrase in the environment and no terminal to ask on.
    let o = Command::new(env!("CARGO_BIN_EXE_jiedu"))
        .arg("--db")
        .arg(&db)
        .args(["--json", "--as", "li.hua", "sign", id])
        .env_remove("JIEDU_PASSPHRASE")
        .output()
        .expect("run");
    assert_eq!(error_code(&o), "auth.no_passphrase");
    let o = act(
        &db,
        "li.hua",
        PASS,
        &[
            "--json",
            "return",
            id,
            "--comment",
            "x",
            "--on",
            "chart:nope",
        ],
    );
    assert_eq!(error_code(&o), "comment.part_not_found");
    let o = act(
        &db,
        "li.hua",
        PASS,
        &["return", id, "--comment", "x", "--on", "sections"],
    );
    assert_clear_error(&o, "chart:ID");
    let o = act(
        &db,
        "chen.jing",
        PASS,
        &["--json", "deploy", id, "--channels", "门户网站"],
    );
    assert_eq!(error_code(&o), "workflow.state");

    assert_eq!(pack(&db, id)["state"], "submitted");
    assert_eq!(audit_rows(&db), rows, "a refusal writes nothing");
    assert_eq!(
        json(&ok(run(&db, &["--json", "comments", id]))),
        serde_json::json!([])
    );
}

#[test]
fn admins_add_people_with_keys_and_nobody_else_can() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let add = |actor: &str| {
        Command::new(env!("CARGO_BIN_EXE_jiedu"))
            .arg("--db")
            .arg(&db)
            .args([
                "--json",
                "--as",
                actor,
                "user",
                "add",
                "wang.fang",
                "--name",
                "王芳",
            ])
            .args(["--unit", "general-office", "--role", "起草人"])
            .env("JIEDU_PASSPHRASE", PASS)
            .env("JIEDU_NEW_PASSPHRASE", "wang-fang-2026")
            .output()
            .expect("run")
    };
    let o = add("li.hua");
    assert_eq!(error_code(&o), "permission.role");
    let added = json(&ok(add("admin")));
    assert_eq!(added["role"], "drafter");
    assert_eq!(added["public_key"].as_str().map(str::len), Some(64));
    assert_eq!(error_code(&add("admin")), "user.exists");
    let users = json(&ok(run(&db, &["--json", "user", "list"])));
    assert_eq!(users.as_array().map(Vec::len), Some(7));
    // The new drafter acts with their own passphrase, not the admin's.
    let o = act(&db, "wang.fang", PASS, &["submit", "seed-openness"]);
    assert_clear_error(&o, "口令不正确");
    ok(act(
        &db,
        "wang.fang",
        "wang-fang-2026",
        &["submit", "seed-openness"],
    ));
}

#[test]
fn one_changed_byte_of_the_signed_content_inside_an_exported_pdf_is_caught() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let original = export_pdf(
        &db,
        "seed-openness-released",
        &dir.path().join("released.pdf"),
    );

    // Change one byte of a policy sentence in the record the PDF carries, and put it back in.
    let record = jiedu_render::embedded_record(&original)
        .expect("readable")
        .expect("attached");
    let text = String::from_utf8(record).expect("utf-8");
    let needle = "公开透明是法治政府的基本特征";
    let at = text.find(needle).expect("policy sentence in the record");
    let mut bytes = text.into_bytes();
    // The last byte of 征 (E5 BE 81) becomes that of 徂 (E5 BE 82): one byte, still valid UTF-8.
    bytes[at + needle.len() - 1] += 1;
    let forged = jiedu_render::record::embed_record(&original, &bytes).expect("re-embed");
    let forged_path = dir.path().join("forged.pdf");
    std::fs::write(&forged_path, &forged).expect("write");
    let v = run(
        &db,
        &["--json", "verify", forged_path.to_str().expect("path")],
    );
    assert_eq!(v.status.code(), Some(1), "{}", stdout(&v));
    // Re-embedding rewrites the file, so the PDF signature no longer covers it.
    assert!(
        failed_check(&json(&v)).starts_with("pdf."),
        "{}",
        stdout(&v)
    );

    // A byte flipped in the raw file (inside the compressed record stream) is refused too.
    let mut raw = original.clone();
    let object = raw
        .windows(17)
        .position(|w| w == b"JieduSignedRecord")
        .expect("record stream object");
    let data = object
        + raw[object..]
            .windows(6)
            .position(|w| w == b"stream")
            .expect("attachment stream");
    let target = data + 60;
    raw[target] ^= 0x20;
    let raw_path = dir.path().join("raw.pdf");
    std::fs::write(&raw_path, &raw).expect("write");
    let v = run(&db, &["verify", raw_path.to_str().expect("path")]);
    assert_ne!(v.status.code(), Some(0), "{}", stdout(&v));
    assert!(!stderr(&v).contains("panicked"));
}
