//! Team mode through the real binary: `jiedu serve` started by the test, the CLI with
//! `--server` and `--ca`, two server processes on one database, the role matrix over HTTP, and
//! the attacks the server and the clients must stand up to.

use super::{demo_db, postgres_demo_db, stderr, stdout};
use jiedu_api::{SessionRequest, UserRequest};
use jiedu_client::{ClientError, Remote};
use jiedu_core::pack::Pack;
use jiedu_core::people::User;
use jiedu_core::workflow::{plan_step, Step};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A `jiedu serve` process, killed when dropped.
struct Server {
    child: Child,
    url: String,
    ca: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `jiedu serve` on a free loopback port with TLS from `tls` (made when empty).
fn serve(db: &Path, tls: &Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jiedu"))
        .arg("--db")
        .arg(db)
        .args(["serve", "--listen", "127.0.0.1:0", "--tls-dir"])
        .arg(tls)
        .env_remove("JIEDU_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start jiedu serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let url = loop {
        let line = lines
            .next()
            .expect("jiedu serve printed its address")
            .expect("read");
        if let Some(rest) = line.split("listening on ").nth(1) {
            break rest.trim().to_string();
        }
    };
    // Keep draining what it prints so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server {
        child,
        url,
        ca: tls.join("ca.pem"),
    }
}

/// The client's own files (pins, remembered sessions), per test.
fn client_env(cmd: &mut Command, home: &Path) {
    cmd.env_remove("JIEDU_DB")
        .env_remove("JIEDU_SERVER")
        .env("JIEDU_PASSPHRASE", "jiedu-demo")
        .env("JIEDU_PINS", home.join("pins.json"))
        .env("JIEDU_SESSIONS", home.join("sessions.json"));
}

fn remote(server: &Server, home: &Path, args: &[&str]) -> Output {
    remote_with(server, home, &[], args)
}

/// `jiedu --server … --ca …` with `env` set over the client's own (e.g. another passphrase).
fn remote_with(server: &Server, home: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jiedu"));
    cmd.arg("--server")
        .arg(&server.url)
        .arg("--ca")
        .arg(&server.ca)
        .args(args);
    client_env(&mut cmd, home);
    cmd.envs(env.iter().copied()).output().expect("run jiedu")
}

/// `jiedu --db DB …` with the client's own pins and sessions.
fn local(db: &Path, home: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jiedu"));
    cmd.arg("--db").arg(db).args(args);
    client_env(&mut cmd, home);
    cmd.output().expect("run jiedu")
}

/// `jiedu watch --count N` as 李华 on `server`, signed in before it returns: its sign-in must be
/// done before what it should see happens, or that predates its stream.
fn spawn_watcher(server: &Server, home: &Path, count: u32) -> Child {
    let mut watch = Command::new(env!("CARGO_BIN_EXE_jiedu"));
    watch
        .args(["--server", &server.url, "--ca"])
        .arg(&server.ca)
        .args([
            "--json",
            "--as",
            "li.hua",
            "watch",
            "--count",
            &count.to_string(),
        ])
        .stdout(Stdio::piped());
    client_env(&mut watch, home);
    let watcher = watch.spawn().expect("start watch");
    std::thread::sleep(Duration::from_secs(2));
    watcher
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stdout: {}\nstderr: {}",
        stdout(o),
        stderr(o)
    );
    stdout(o)
}

#[test]
fn the_acceptance_flow_runs_over_two_servers_on_postgresql() {
    let (_db, arg) = postgres_demo_db();
    let dir = tempfile::tempdir().expect("tempdir");
    let tls = dir.path().join("tls");
    let first = serve(&arg, &tls);
    let second = serve(&arg, &tls);
    let home = dir.path();

    // A watcher on the second process, started before anything happens.
    let watcher = spawn_watcher(&second, home, 2);

    let listed = ok(&remote(
        &first,
        home,
        &["--as", "zhang.wei", "--json", "list"],
    ));
    let local = ok(&super::jiedu(&arg, &["--json", "list"]));
    assert_eq!(
        serde_json::from_str::<Value>(&listed).expect("json"),
        serde_json::from_str::<Value>(&local).expect("json"),
        "the same list over the server as on the database"
    );
    ok(&remote(&first, home, &["check", "seed-openness"]));
    let submitted = Instant::now();
    ok(&remote(
        &first,
        home,
        &["submit", "seed-openness", "--as", "zhang.wei"],
    ));
    let refused = remote(
        &first,
        home,
        &["sign", "seed-openness", "--as", "zhang.wei"],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(
        stderr(&refused).contains("may not sign"),
        "{}",
        stderr(&refused)
    );
    ok(&remote(
        &first,
        home,
        &["sign", "seed-openness", "--as", "li.hua"],
    ));
    ok(&remote(
        &first,
        home,
        &[
            "deploy",
            "seed-openness",
            "--as",
            "chen.jing",
            "--channels",
            "portal",
        ],
    ));
    let verified = ok(&remote(&first, home, &["audit", "--verify"]));
    assert!(verified.contains("登记链完整"), "{verified}");

    let out = watcher.wait_with_output().expect("watch");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        submitted.elapsed() < Duration::from_secs(60),
        "the watcher ended in time"
    );
    let actions: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("one JSON event per line")["action"]
                .as_str()
                .unwrap_or("")
                .to_string()
        })
        .collect();
    assert_eq!(actions, ["pack.submit", "pack.sign"]);
    // A watcher that was away replays from its last number: the first three rows of the log.
    let replay = ok(&remote(
        &second,
        home,
        &[
            "--json", "--as", "li.hua", "watch", "--after", "0", "--count", "3",
        ],
    ));
    let seqs: Vec<i64> = replay
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).expect("event")["seq"]
                .as_i64()
                .unwrap_or(0)
        })
        .collect();
    assert_eq!(seqs, [1, 2, 3]);
    // The PDF signed on the leader's desktop is the one the server stored.
    let pdf = dir.path().join("signed.pdf");
    ok(&remote(
        &first,
        home,
        &[
            "export",
            "pdf",
            "seed-openness",
            "--out",
            pdf.to_str().expect("utf-8"),
        ],
    ));
    ok(&remote(
        &first,
        home,
        &["verify", pdf.to_str().expect("utf-8")],
    ));
}

fn runtime() -> tokio::runtime::Runtime {
    // In-process clients keep their pins and sessions in the tests' own files.
    static ISOLATED: std::sync::Once = std::sync::Once::new();
    ISOLATED.call_once(|| {
        let dir = std::env::temp_dir().join(format!("jiedu-team-test-{}", std::process::id()));
        std::env::set_var("JIEDU_SESSIONS", dir.join("sessions.json"));
        std::env::set_var("JIEDU_PINS", dir.join("pins.json"));
    });
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
}

async fn signed_in(server: &Server, user: &str) -> Remote {
    let mut r = Remote::connect(&server.url, Some(&server.ca))
        .await
        .expect("connect");
    r.sign_in(user, "jiedu-demo").await.expect("sign in");
    r
}

fn api_code(e: &ClientError) -> (u16, String) {
    match e {
        ClientError::Api { status, error } => (*status, error.code.clone()),
        other => panic!("expected an API error, got {other}"),
    }
}

async fn anonymous(server: &Server) -> Remote {
    Remote::connect(&server.url, Some(&server.ca))
        .await
        .expect("connect")
        .without_token()
}

#[test]
fn the_server_refuses_what_it_must() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let server = serve(&db, &dir.path().join("tls"));
    let rt = runtime();
    rt.block_on(async {
        let nobody = anonymous(&server).await;
        // No token, or a made-up one: 401.
        let e = nobody.get::<Value>("/packs").await.expect_err("no token");
        assert_eq!(api_code(&e), (401, "auth.unauthenticated".into()));
        let forged = nobody.clone().with_token("ab".repeat(32));
        let e = forged.get::<Value>("/packs").await.expect_err("bad token");
        assert_eq!(api_code(&e).0, 401);

        // A nonce answered twice, or answered with the wrong key, is refused.
        let who = UserRequest {
            user: "zhang.wei".into(),
        };
        let keys: jiedu_store::SealedKeys = nobody.post("/auth/keys", &who).await.expect("keys");
        let opened = jiedu_store::open_keys(&keys, "jiedu-demo").expect("open");
        let challenge: jiedu_api::ChallengeResponse =
            nobody.post("/auth/challenge", &who).await.expect("nonce");
        let message =
            jiedu_core::identity::challenge_message("zhang.wei", &challenge.nonce, nobody.origin());
        let answer = SessionRequest {
            user: "zhang.wei".into(),
            nonce: challenge.nonce.clone(),
            origin: nobody.origin().to_string(),
            signature: jiedu_core::identity::sign_detached(&opened.signing, &message),
        };
        let session: jiedu_api::SessionResponse =
            nobody.post("/auth/session", &answer).await.expect("first answer");
        assert_eq!(session.user.id, "zhang.wei");
        let e = nobody
            .post::<_, Value>("/auth/session", &answer)
            .await
            .expect_err("replayed nonce");
        assert_eq!(api_code(&e), (401, "auth.bad_challenge".into()));
        let fresh: jiedu_api::ChallengeResponse =
            nobody.post("/auth/challenge", &who).await.expect("nonce");
        let wrong_key = [9u8; 32];
        let forged_answer = SessionRequest {
            nonce: fresh.nonce.clone(),
            signature: jiedu_core::identity::sign_detached(
                &wrong_key,
                &jiedu_core::identity::challenge_message("zhang.wei", &fresh.nonce, nobody.origin()),
            ),
            ..answer.clone()
        };
        let e = nobody
            .post::<_, Value>("/auth/session", &forged_answer)
            .await
            .expect_err("wrong key");
        assert_eq!(api_code(&e), (401, "auth.bad_answer".into()));

        // An expired nonce is refused even with the right key.
        let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", db.display()))
            .await
            .expect("db");
        sqlx::query("INSERT INTO auth_challenges (nonce, user_id, expires_at) VALUES ('old', 'zhang.wei', '2020-01-01T00:00:00.000000Z')")
            .execute(&pool)
            .await
            .expect("insert");
        let expired = SessionRequest {
            nonce: "old".into(),
            signature: jiedu_core::identity::sign_detached(
                &opened.signing,
                &jiedu_core::identity::challenge_message("zhang.wei", "old", nobody.origin()),
            ),
            ..answer.clone()
        };
        let e = nobody
            .post::<_, Value>("/auth/session", &expired)
            .await
            .expect_err("expired nonce");
        assert_eq!(api_code(&e), (401, "auth.bad_challenge".into()));

        // Repeated failures for one user are rate limited: three so far, two more make five.
        for _ in 0..2 {
            let c: jiedu_api::ChallengeResponse =
                nobody.post("/auth/challenge", &who).await.expect("nonce");
            let bad = SessionRequest {
                nonce: c.nonce,
                signature: "00".repeat(64),
                ..answer.clone()
            };
            let _ = nobody.post::<_, Value>("/auth/session", &bad).await;
        }
        let e = nobody
            .post::<_, Value>("/auth/challenge", &who)
            .await
            .expect_err("rate limited");
        assert_eq!(api_code(&e), (429, "auth.rate_limited".into()));

        // A drafter calling sign: 403, and nothing changes.
        let drafter = signed_in(&server, "liu.yang").await;
        let before: Pack = drafter.get("/packs/draft-land-notice").await.expect("pack");
        let record = jiedu_core::signing::sign(
            &[1u8; 32],
            jiedu_core::signing::SignInput {
                pack_id: "draft-land-notice",
                revision: before.revision,
                content: &before.content,
                signer: &User {
                    id: "liu.yang".into(),
                    name: "x".into(),
                    unit_id: "policy-dept".into(),
                    role: jiedu_core::people::Role::Drafter,
                },
                signed_at: chrono::Utc::now(),
                comment: "",
            },
        );
        let e = drafter
            .post::<_, Value>(
                "/packs/draft-land-notice/sign",
                &jiedu_api::SignRequest {
                    revision: before.revision,
                    record,
                    pdf_base64: String::new(),
                },
            )
            .await
            .expect_err("drafter signs");
        assert_eq!(api_code(&e), (403, "permission.role".into()));
        let after: Pack = drafter.get("/packs/draft-land-notice").await.expect("pack");
        assert_eq!((after.state, after.revision), (before.state, before.revision));

        // Path tricks and bad bodies get a clear 4xx naming what was wrong.
        for path in ["/packs/..%2F..%2Fetc%2Fpasswd", "/packs/a%20b", "/packs/%00"] {
            let e = drafter.get::<Value>(path).await.expect_err(path);
            assert_eq!(api_code(&e), (400, "pack.bad_id".into()), "{path}");
        }
        let e = drafter
            .post::<_, Value>("/packs/draft-land-notice/save", &json!({ "base": "one" }))
            .await
            .expect_err("bad body");
        assert_eq!(api_code(&e), (400, "request.bad_body".into()));
        let huge = "x".repeat(jiedu_api::MAX_BODY_BYTES + 1);
        let e = drafter
            .post::<_, Value>("/packs/draft-land-notice/save", &json!({ "base": 1, "content": huge }))
            .await
            .expect_err("oversized");
        assert_eq!(api_code(&e), (413, "request.too_large".into()));
    });
}

#[test]
fn a_key_swapped_in_the_database_is_named_by_every_client() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let server = serve(&db, &dir.path().join("tls"));
    let home = dir.path();
    // First connection: the admin's key is pinned and everything checks out.
    let first = ok(&remote(
        &server,
        home,
        &["--as", "zhang.wei", "audit", "--verify"],
    ));
    assert!(first.contains("已固定管理员"), "{first}");
    // The operator replaces the leader's key with one of their own.
    let rt = runtime();
    rt.block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", db.display()))
            .await
            .expect("db");
        let attacker = jiedu_core::signing::public_key_hex(&[7u8; 32]);
        sqlx::query("UPDATE user_credentials SET public_key = ? WHERE user_id = 'li.hua'")
            .bind(attacker)
            .execute(&pool)
            .await
            .expect("swap");
    });
    let after = remote(&server, home, &["audit", "--verify"]);
    assert_eq!(after.status.code(), Some(1), "{}", stderr(&after));
    assert!(stdout(&after).contains("li.hua"), "{}", stdout(&after));
}

/// What one step sends over HTTP.
async fn take(who: &Remote, step: Step, pack: &Pack) -> Result<Value, ClientError> {
    let id = &pack.id;
    let revision = pack.revision;
    match step {
        Step::Edit => {
            let mut content = pack.content.clone();
            content.policy.title.push('。');
            who.post(
                &format!("/packs/{id}/save"),
                &jiedu_api::SaveRequest {
                    base: revision,
                    content,
                },
            )
            .await
        }
        Step::Submit => {
            who.post(
                &format!("/packs/{id}/submit"),
                &json!({ "revision": revision }),
            )
            .await
        }
        Step::Return => {
            who.post(
                &format!("/packs/{id}/return"),
                &json!({ "revision": revision, "part": "pack", "comment": "请修改" }),
            )
            .await
        }
        Step::ReviewDisclosure => {
            who.post(
                &format!("/packs/{id}/review-disclosure"),
                &json!({ "revision": revision, "approve": true, "comment": "" }),
            )
            .await
        }
        Step::Deploy => {
            who.post(
                &format!("/packs/{id}/deploy"),
                &json!({ "revision": revision, "channels": ["portal"], "at": chrono::Utc::now() }),
            )
            .await
        }
        Step::Sign | Step::ResolveComment => unreachable!("not in the matrix"),
    }
}

#[test]
fn every_role_and_step_over_http_is_allowed_or_refused_as_the_core_says() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let server = serve(&db, &dir.path().join("tls"));
    let rt = runtime();
    rt.block_on(async {
        let store = jiedu_store::Store::open(db.as_path()).await.expect("store");
        let seed = store.get_pack("seed-openness").await.expect("seed");
        let mut people = Vec::new();
        for id in ["zhang.wei", "liu.yang", "li.hua", "zhao.min", "chen.jing", "admin"] {
            let remote = signed_in(&server, id).await;
            let user: User = remote.get("/me").await.expect("me");
            people.push((user, remote));
        }
        let drafter = &people[0].1;
        let steps = [Step::Edit, Step::Submit, Step::Return, Step::ReviewDisclosure, Step::Deploy];
        let mut n = 0;
        let (mut allowed, mut refused) = (0, 0);
        for submitted in [false, true] {
            for (user, remote) in &people {
                for step in steps {
                    n += 1;
                    let id = format!("matrix-{n}");
                    store
                        .create_pack(
                            &jiedu_store::NewPack {
                                id: id.clone(),
                                unit_id: seed.unit_id.clone(),
                                content: seed.content.clone(),
                            },
                            "test",
                        )
                        .await
                        .expect("create");
                    if submitted {
                        drafter
                            .post::<_, Value>(&format!("/packs/{id}/submit"), &json!({ "revision": 1 }))
                            .await
                            .expect("submit");
                    }
                    let pack: Pack = remote.get(&format!("/packs/{id}")).await.expect("pack");
                    let expected = plan_step(user, step, &pack, &[]);
                    let result = take(remote, step, &pack).await;
                    match (&expected, &result) {
                        (Ok(_), Ok(_)) => allowed += 1,
                        (Err(why), Err(e)) => {
                            refused += 1;
                            let (status, code) = api_code(e);
                            assert_eq!(code, why.code(), "{} {step:?} on {id}", user.id);
                            assert!(status == 403 || status == 409, "{status} {code}");
                            let after: Pack = remote.get(&format!("/packs/{id}")).await.expect("pack");
                            assert_eq!(
                                (after.state, after.revision),
                                (pack.state, pack.revision),
                                "a refused step changed nothing"
                            );
                        }
                        _ => panic!(
                            "{} {step:?} on {id} ({:?}): the core says {expected:?}, the server {result:?}",
                            user.id, pack.state
                        ),
                    }
                }
            }
        }
        assert!(allowed >= 3 && refused >= 30, "allowed {allowed}, refused {refused}");
        store.close().await;
    });
}

#[test]
fn a_database_without_enrolments_fails_verify_until_an_admin_enrols_everyone() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    // As a database from before enrolments: none at all.
    runtime().block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", db.display()))
            .await
            .expect("db");
        sqlx::query("DELETE FROM enrolments")
            .execute(&pool)
            .await
            .expect("delete");
    });
    let before = local(&db, dir.path(), &["audit", "--verify"]);
    assert_eq!(before.status.code(), Some(1), "{}", stderr(&before));
    let enrolled = ok(&local(
        &db,
        dir.path(),
        &["--as", "admin", "user", "enrol", "--all"],
    ));
    assert!(enrolled.contains("li.hua"), "{enrolled}");
    let after = ok(&local(&db, dir.path(), &["audit", "--verify"]));
    assert!(after.contains("登记链完整"), "{after}");
}

#[test]
fn an_admin_adds_and_certifies_a_leader_over_the_server_who_then_signs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_db(dir.path());
    let server = serve(&db, &dir.path().join("tls"));
    let home = dir.path();
    let with_pass = |pass: &str, args: &[&str]| {
        remote_with(
            &server,
            home,
            &[
                ("JIEDU_PASSPHRASE", pass),
                ("JIEDU_NEW_PASSPHRASE", "wang-qiang-pass"),
            ],
            args,
        )
    };
    ok(&with_pass(
        "jiedu-demo",
        &[
            "--as",
            "admin",
            "user",
            "add",
            "wang.qiang",
            "--name",
            "王强",
            "--unit",
            "general-office",
            "--role",
            "leader",
        ],
    ));
    ok(&with_pass(
        "jiedu-demo",
        &["--as", "admin", "user", "certify", "wang.qiang"],
    ));
    let verified = ok(&with_pass(
        "jiedu-demo",
        &["--as", "admin", "audit", "--verify"],
    ));
    assert!(verified.contains("7 人"), "{verified}");
    ok(&with_pass(
        "jiedu-demo",
        &["submit", "seed-openness", "--as", "zhang.wei"],
    ));
    let signed = ok(&with_pass(
        "wang-qiang-pass",
        &["sign", "seed-openness", "--as", "wang.qiang"],
    ));
    assert!(signed.contains("王强"), "{signed}");
}

#[test]
fn concerns_reach_a_watcher_live_and_publication_works_through_the_server() {
    let (_db, arg) = postgres_demo_db();
    let dir = tempfile::tempdir().expect("tempdir");
    let server = serve(&arg, &dir.path().join("tls"));
    let home = dir.path();

    let watcher = spawn_watcher(&server, home, 2);

    let added: Value = serde_json::from_str(&ok(&remote(
        &server,
        home,
        &[
            "--json",
            "--as",
            "chen.jing",
            "concern",
            "add",
            "--what",
            "网传补贴取消",
            "--severity",
            "major",
            "--source",
            "微博",
            "--pack",
            "seed-openness-released",
        ],
    )))
    .expect("json");
    let id = added["id"].as_str().expect("id");
    assert_eq!(added["clocks"][0]["status"], "running");
    ok(&remote(
        &server,
        home,
        &[
            "--as",
            "chen.jing",
            "concern",
            "respond",
            id,
            "--what",
            "发布权威信息",
            "--where",
            "政府网站",
        ],
    ));
    let out = watcher.wait_with_output().expect("watch");
    assert!(out.status.success(), "{}", stderr(&out));
    let actions: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .map(|e| e["action"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(actions, ["concern.add", "concern.respond"]);

    // The same concerns, deadlines and figures over the server as on the database.
    let year = chrono::Utc::now().format("%Y").to_string();
    for args in [
        vec!["--json", "concern", "list"],
        vec!["--json", "deadlines", "--all"],
        vec!["report", "--year", year.as_str(), "--format", "csv"],
    ] {
        let mut over: Vec<&str> = vec!["--as", "li.hua"];
        over.extend(&args);
        assert_eq!(
            ok(&remote(&server, home, &over)),
            ok(&super::jiedu(&arg, &args)),
            "{args:?}"
        );
    }
    // The portal package is made on the desktop from what the server holds.
    let zip = dir.path().join("portal.zip");
    ok(&remote(
        &server,
        home,
        &[
            "--as",
            "li.hua",
            "export",
            "portal",
            "seed-openness-released",
            "--out",
            zip.to_str().expect("path"),
        ],
    ));
    ok(&super::jiedu(
        &arg,
        &["verify", zip.to_str().expect("path")],
    ));
    // Settings: only an admin, and a bad code is refused by field.
    let refused = remote(
        &server,
        home,
        &[
            "--as",
            "chen.jing",
            "unit",
            "set",
            "press-office",
            "--org-code",
            "000019999",
        ],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    let bad = remote(
        &server,
        home,
        &[
            "--json",
            "--as",
            "admin",
            "unit",
            "set",
            "press-office",
            "--org-code",
            "bad code",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(stdout(&bad).contains("portal.org_code"), "{}", stdout(&bad));
    ok(&remote(
        &server,
        home,
        &[
            "--as",
            "admin",
            "unit",
            "set",
            "press-office",
            "--org-code",
            "000019999",
        ],
    ));
    let shown = ok(&super::jiedu(
        &arg,
        &["--json", "unit", "show", "press-office"],
    ));
    assert!(shown.contains("000019999"), "{shown}");
}

#[test]
fn media_travel_through_the_server_in_pieces_and_are_checked_there() {
    let (_db, arg) = postgres_demo_db();
    let dir = tempfile::tempdir().expect("tempdir");
    let server = serve(&arg, &dir.path().join("tls"));
    let home = dir.path();
    let files = super::media::sample_files(dir.path());
    // Large enough to go as several pieces (4 MiB each).
    let big = super::media::ffmpeg(
        dir.path(),
        "长视频.mp4",
        &[
            "-f",
            "lavfi",
            "-i",
            "testsrc=size=640x360:rate=25",
            "-t",
            "4",
            "-vf",
            "noise=alls=100:allf=t+u",
            "-c:v",
            "libx264",
            "-pix_fmt",
            "yuv420p",
            "-b:v",
            "20M",
            "-maxrate",
            "20M",
            "-bufsize",
            "4M",
        ],
    );
    assert!(std::fs::metadata(&big).expect("size").len() > 5 * 1024 * 1024);
    for file in files.iter().chain([&big]) {
        let out = ok(&remote(
            &server,
            home,
            &[
                "--json",
                "--as",
                "zhang.wei",
                "media",
                "add",
                "seed-openness",
                file.to_str().expect("path"),
                "--caption",
                "经服务器",
                "--alt",
                "替代文本",
            ],
        ));
        assert!(out.contains("sha256"), "{out}");
    }
    // The same bytes come back from the server, and the database checks out.
    let back = dir.path().join("back.mp4");
    ok(&remote(
        &server,
        home,
        &[
            "media",
            "get",
            "seed-openness",
            "m5",
            "--out",
            back.to_str().expect("path"),
        ],
    ));
    assert_eq!(
        std::fs::read(&back).expect("back"),
        std::fs::read(&big).expect("big")
    );
    let verified = ok(&local(&arg, home, &["--json", "audit", "--verify"]));
    let v: serde_json::Value = serde_json::from_str(&verified).expect("json");
    assert_eq!(v["verification"]["media"]["files"], 5, "{verified}");

    // A renamed PNG is refused on the desk, and by the server too, with nothing stored.
    let renamed = dir.path().join("改名.mp4");
    std::fs::copy(&files[0], &renamed).expect("copy");
    let refused = remote(
        &server,
        home,
        &[
            "--as",
            "zhang.wei",
            "media",
            "add",
            "seed-openness",
            renamed.to_str().expect("path"),
        ],
    );
    super::assert_clear_error(&refused, "改名.mp4");

    // Signed and released through the server, the files are in every output made there: the
    // leader's desk loads the images to render the PDF it signs, and the press officer's the
    // originals for the kit and the portal package.
    ok(&remote(
        &server,
        home,
        &["submit", "seed-openness", "--as", "zhang.wei"],
    ));
    ok(&remote(
        &server,
        home,
        &["sign", "seed-openness", "--as", "li.hua"],
    ));
    let portal = dir.path().join("portal");
    ok(&remote(
        &server,
        home,
        &[
            "deploy",
            "seed-openness",
            "--as",
            "chen.jing",
            "--channels",
            "门户网站",
            "--portal",
            portal.to_str().expect("path"),
        ],
    ));
    let pdf = dir.path().join("signed.pdf");
    ok(&remote(
        &server,
        home,
        &[
            "export",
            "pdf",
            "seed-openness",
            "--out",
            pdf.to_str().expect("path"),
        ],
    ));
    let text = super::media::pdf_text(&pdf);
    assert!(text.contains("经服务器"), "{text}");
    assert!(text.contains("【视频】"), "{text}");
    let kit = dir.path().join("kit.zip");
    ok(&remote(
        &server,
        home,
        &[
            "--as",
            "chen.jing",
            "export",
            "kit",
            "seed-openness",
            "--out",
            kit.to_str().expect("path"),
        ],
    ));
    let names = super::media::zip_names(&kit);
    assert!(
        names.iter().any(|n| n.ends_with("-wechat.jpg")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.as_str() == "media/m5-长视频.mp4"),
        "{names:?}"
    );
    let names = super::media::zip_names(&portal.join("seed-openness.portal.zip"));
    assert!(names.iter().any(|n| n == "media.html"), "{names:?}");
    assert!(names.iter().any(|n| n == "media/m5.mp4"), "{names:?}");
}
