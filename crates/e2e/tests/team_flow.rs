//! Two real app processes against one Jiedu server, each with its own tauri-driver and its own
//! profile: a drafter's desk and a leader's desk, both signed in through 团队服务器 with the CA
//! the server made, comparing the fingerprint it printed. The leader's list shows the
//! submission without any reload; the leader signs on their desk; the drafter's screen shows
//! it signed. Screenshots in `test-artifacts/e2e/team-*.png`.
//!
//! Run by scripts/test.sh with the release app: `JIEDU_E2E_APP=… JIEDU_E2E_CLI=…`.

use jiedu_e2e::{cli_binary, Driver, Step, Ui};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// `jiedu serve` on the demo database, killed when dropped.
struct Server {
    child: Child,
    url: String,
    ca: PathBuf,
    fingerprint: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: &Path, tls: &Path) -> Server {
    let mut child = Command::new(cli_binary())
        .arg("--db")
        .arg(db)
        .args(["serve", "--listen", "127.0.0.1:0", "--tls-dir"])
        .arg(tls)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start jiedu serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let (mut url, mut fingerprint) = (String::new(), String::new());
    for line in lines.by_ref() {
        let line = line.expect("read");
        if let Some(rest) = line.split("listening on ").nth(1) {
            url = rest.trim().to_string();
        }
        if let Some(rest) = line.split("SHA-256: ").nth(1) {
            fingerprint = rest.trim().to_string();
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    Server {
        child,
        url,
        ca: tls.join("ca.pem"),
        fingerprint,
    }
}

/// An X display of its own for one desk, so each desk's screenshots show its own window.
struct Display {
    child: Child,
    name: String,
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A free display number from `from` on (no X lock file), so a leftover server never clashes.
fn free_display(from: u32) -> u32 {
    (from..from + 100)
        .find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists())
        .unwrap_or(from)
}

fn display(from: u32) -> Display {
    let number = free_display(from);
    let name = format!(":{number}");
    let child = Command::new("Xvfb")
        .args([&name, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb (package xvfb)");
    // Xvfb creates its socket when ready.
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
    let started = std::time::Instant::now();
    while !socket.exists() && started.elapsed() < std::time::Duration::from_secs(10) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Display { child, name }
}

/// One desk: its own display and profile (so its remembered connection and pins are its own).
fn desk(port: u16, home: &Path, display: &Display) -> Driver {
    std::fs::create_dir_all(home).expect("profile");
    let x = PathBuf::from(&display.name);
    Driver::start(
        port,
        &[
            ("DISPLAY", &x),
            ("JIEDU_DB", &home.join("local.db")),
            ("JIEDU_OUT", &home.join("exports")),
            ("XDG_DATA_HOME", &home.join("data")),
            ("XDG_CONFIG_HOME", &home.join("config")),
            ("XDG_CACHE_HOME", &home.join("cache")),
        ],
    )
}

/// Signs in through 团队服务器, checking the fingerprint shown is the one the server printed.
async fn sign_in_to_server(ui: &Ui, server: &Server, user: &str, name: &str, shot: &str) -> Step {
    ui.click("signin-mode-server").await?;
    ui.fill("server-url", &server.url).await?;
    ui.fill("server-ca", &server.ca.display().to_string())
        .await?;
    ui.click("server-connect").await?;
    // Shown on two lines for reading; compared without the line break.
    ui.until("the server's CA fingerprint to be shown", || async {
        let el = ui
            .client
            .find(fantoccini::Locator::Css(
                "[data-testid=\"server-fingerprint\"]",
            ))
            .await
            .ok()?;
        let text: String = ui.text_of(&el).await.ok()?.split_whitespace().collect();
        text.contains(&server.fingerprint).then_some(())
    })
    .await?;
    ui.shot(shot).await?;
    ui.sign_in(user, name).await
}

/// The state badge of a pack in the list as shown now, without navigating (no reload).
async fn badge_now(ui: &Ui, id: &str) -> Option<String> {
    let css =
        format!("[data-testid=\"pack-row\"][data-pack-id=\"{id}\"] [data-testid=\"pack-state\"]");
    let el = ui.client.find(fantoccini::Locator::Css(&css)).await.ok()?;
    ui.text_of(&el).await.ok()
}

/// Both desks open the pack; the first saves; the second's save, built on the revision it
/// loaded, is refused and shows the conflict screen with the differences.
async fn conflict_across_desks(first: &Ui, second: &Ui) -> Step {
    first.open_pack("seed-openness").await?;
    second.open_pack("seed-openness").await?;
    let title = first.find_css("[data-field=\"policy.title\"]").await?;
    first
        .fill_element(&title, "关于全面推进政务公开工作的实施意见（第一处修改）")
        .await?;
    first.act("save-pack").await?;
    let title = second.find_css("[data-field=\"policy.title\"]").await?;
    second
        .fill_element(&title, "关于全面推进政务公开工作的实施意见（另一处修改）")
        .await?;
    second.click("save-pack").await?;
    second
        .wait_text("conflict-message", "已有更新的版本")
        .await?;
    second.el("diff-list").await?;
    second.shot("team-03-conflict-across-desks").await?;
    second.click("conflict-reload").await?;
    second.wait_text("pack-heading", "第一处修改").await?;
    Ok(())
}

async fn flow(drafter: &Ui, leader: &Ui, server: &Server) -> Step {
    sign_in_to_server(
        drafter,
        server,
        "zhang.wei",
        "张伟",
        "team-01-drafter-connects",
    )
    .await?;
    // The same drafter at the second desk first: two desks editing one pack.
    sign_in_to_server(
        leader,
        server,
        "zhang.wei",
        "张伟",
        "team-02-second-desk-connects",
    )
    .await?;
    conflict_across_desks(drafter, leader).await?;
    leader.sign_out().await?;
    leader.sign_in("li.hua", "李华").await?;
    // The leader looks at the list and stays there.
    leader.click("nav-packs").await?;
    let before = badge_now(leader, "seed-openness").await.unwrap_or_default();
    if !before.contains("起草") {
        return Err(format!(
            "the leader's list should show 起草中 first, shows “{before}”"
        ));
    }

    drafter.open_pack("seed-openness").await?;
    drafter.click("tab-review").await?;
    drafter.act("submit-pack").await?;
    drafter.shot("team-04-drafter-submitted").await?;

    leader
        .until(
            "the submission to appear in the leader's list without a reload",
            || async {
                badge_now(leader, "seed-openness")
                    .await?
                    .contains("已报审")
                    .then_some(())
            },
        )
        .await?;
    leader.shot("team-05-leader-list-live").await?;

    // The drafter stays on the pack; the leader signs on their own desk.
    leader.open_pack("seed-openness").await?;
    leader.click("tab-review").await?;
    leader.fill("sign-comment", "同意发布。").await?;
    leader.act("sign-pack").await?;
    leader.shot("team-06-leader-signed").await?;

    // The drafter never left the pack: its open workspace follows the leader's signature.
    drafter
        .until(
            "the drafter's open pack to show it signed, without a reload",
            || async {
                let el = drafter
                    .client
                    .find(fantoccini::Locator::Css(
                        "[data-testid=\"workspace-state\"]",
                    ))
                    .await
                    .ok()?;
                drafter
                    .text_of(&el)
                    .await
                    .ok()?
                    .contains("已审签")
                    .then_some(())
            },
        )
        .await?;
    drafter.shot("team-07-drafter-sees-signed").await?;
    drafter.click("nav-packs").await?;
    drafter
        .until("the drafter's list to show it signed", || async {
            badge_now(drafter, "seed-openness")
                .await?
                .contains("已审签")
                .then_some(())
        })
        .await?;
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_drafter_and_a_leader_on_two_desktops_share_one_server() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = jiedu_e2e::demo_database(dir.path());
    let server = serve(&db, &dir.path().join("tls"));
    assert!(server.url.starts_with("https://"), "{}", server.url);
    let drafter_display = display(91);
    let leader_display = display(141);
    let drafter_driver = desk(4460, &dir.path().join("drafter"), &drafter_display);
    let leader_driver = desk(4470, &dir.path().join("leader"), &leader_display);
    let drafter = Ui::launch(&drafter_driver)
        .await
        .on_display(&drafter_display.name);
    let leader = Ui::launch(&leader_driver)
        .await
        .on_display(&leader_display.name);
    let result = flow(&drafter, &leader, &server).await;
    if result.is_err() {
        let _ = drafter.shot("team-failure-drafter").await;
        let _ = leader.shot("team-failure-leader").await;
    }
    let _ = drafter.client.clone().close().await;
    let _ = leader.client.clone().close().await;
    drop((drafter_driver, leader_driver, server));
    drop((drafter_display, leader_display));
    if let Err(e) = result {
        panic!("{e} (see test-artifacts/e2e/team-failure-*.png)");
    }
}
