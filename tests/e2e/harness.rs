//! What an end-to-end run needs around the app: a demo database, tauri-driver, a WebDriver
//! session, and small helpers that find elements by `data-testid` and wait for the DOM.

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long any one expectation may take to come true on a slow, loaded machine.
const PATIENCE: Duration = Duration::from_secs(20);

/// The result of a step; errors carry what was being waited for.
pub type Step<T = ()> = Result<T, String>;

/// The debug binaries built by cargo for this test run.
pub fn app_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_jiedu-app"))
}

/// The CLI, built beside the app (scripts/test.sh builds it first).
pub fn cli_binary() -> PathBuf {
    app_binary().with_file_name("jiedu")
}

/// Where screenshots go: `test-artifacts/e2e/` in the checkout.
pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test-artifacts/e2e");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// Creates the demo database with the CLI, as the README's run command does.
pub fn demo_database(dir: &Path) -> PathBuf {
    let db = dir.join("jiedu-demo.db");
    let cli = cli_binary();
    let status = Command::new(&cli)
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .stdout(Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("cannot run {} ({e}); build jiedu-cli first", cli.display()));
    assert!(status.success(), "jiedu demo failed");
    db
}

/// tauri-driver, stopped with SIGTERM on drop so that WebKitWebDriver is not orphaned.
pub struct Driver {
    child: Child,
    /// The WebDriver URL.
    pub url: String,
}

impl Driver {
    /// Starts tauri-driver on `port` (WebKitWebDriver on `port + 1`) with the app's environment.
    pub fn start(port: u16, env: &[(&str, &Path)]) -> Driver {
        let mut cmd =
            Command::new(std::env::var_os("TAURI_DRIVER").unwrap_or_else(|| "tauri-driver".into()));
        cmd.arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg((port + 1).to_string())
            .stdout(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start tauri-driver ({e}); see scripts/test.sh"));
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + PATIENCE;
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on {port}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver { child, url }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}

/// A WebDriver session on the real app, with test-id helpers.
pub struct Ui {
    /// The session.
    pub client: Client,
    shots: PathBuf,
}

fn css(testid: &str) -> String {
    format!("[data-testid=\"{testid}\"]")
}

impl Ui {
    /// Starts the app through tauri-driver.
    pub async fn launch(driver: &Driver) -> Ui {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            json!({ "application": app_binary() }),
        );
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&driver.url)
            .await
            .unwrap_or_else(|e| panic!("WebDriver session failed: {e}"));
        Ui {
            client,
            shots: artifacts_dir(),
        }
    }

    /// Polls `probe` until it gives `Some`, or fails naming `what`.
    pub async fn until<T, F, Fut>(&self, what: &str, mut probe: F) -> Step<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(v) = probe().await {
                return Ok(v);
            }
            if Instant::now() > deadline {
                return Err(format!("timed out waiting for {what}"));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The first element matching a CSS selector, once it exists and is displayed.
    pub async fn find_css(&self, selector: &str) -> Step<Element> {
        self.until(selector, || async {
            let el = self.client.find(Locator::Css(selector)).await.ok()?;
            el.is_displayed().await.ok()?.then_some(el)
        })
        .await
    }

    /// The element with this `data-testid`, once displayed.
    pub async fn el(&self, testid: &str) -> Step<Element> {
        self.find_css(&css(testid)).await
    }

    /// Every element with this `data-testid` (possibly none).
    pub async fn all(&self, testid: &str) -> Vec<Element> {
        self.client
            .find_all(Locator::Css(&css(testid)))
            .await
            .unwrap_or_default()
    }

    /// Clicks the element with this `data-testid`, once it is enabled.
    pub async fn click(&self, testid: &str) -> Step {
        let el = self.el(testid).await?;
        self.until(&format!("{testid} enabled"), || async {
            el.is_enabled().await.ok()?.then_some(())
        })
        .await?;
        el.click().await.map_err(|e| format!("click {testid}: {e}"))
    }

    /// Replaces the text of an input or textarea.
    pub async fn fill(&self, testid: &str, text: &str) -> Step {
        let el = self.el(testid).await?;
        self.fill_element(&el, text).await
    }

    /// Replaces the text of an input element, as typing would (so Vue sees `input` events).
    pub async fn fill_element(&self, el: &Element, text: &str) -> Step {
        el.clear().await.map_err(|e| format!("clear: {e}"))?;
        el.send_keys(text).await.map_err(|e| format!("type: {e}"))
    }

    /// Picks an option of a <select> by value.
    pub async fn choose(&self, testid: &str, value: &str) -> Step {
        let el = self.el(testid).await?;
        el.select_by_value(value)
            .await
            .map_err(|e| format!("select {value} in {testid}: {e}"))
    }

    /// The visible text of the element with this `data-testid`.
    pub async fn text(&self, testid: &str) -> Step<String> {
        let el = self.el(testid).await?;
        el.text()
            .await
            .map_err(|e| format!("text of {testid}: {e}"))
    }

    /// Waits until the element's text contains `needle`.
    pub async fn wait_text(&self, testid: &str, needle: &str) -> Step<String> {
        self.until(&format!("{testid} to show “{needle}”"), || async {
            let el = self.client.find(Locator::Css(&css(testid))).await.ok()?;
            let text = el.text().await.ok()?;
            text.contains(needle).then_some(text)
        })
        .await
    }

    /// Waits until at least `n` elements carry this `data-testid`.
    pub async fn wait_count(&self, testid: &str, n: usize) -> Step<Vec<Element>> {
        self.until(&format!("{n} × {testid}"), || async {
            let all = self.all(testid).await;
            (all.len() >= n).then_some(all)
        })
        .await
    }

    /// Runs a script in the page and returns its JSON result.
    pub async fn script(&self, js: &str) -> Step<serde_json::Value> {
        self.client
            .execute(js, vec![])
            .await
            .map_err(|e| format!("script {js}: {e}"))
    }

    /// Saves a screenshot of the window as `NAME.png` in the artefacts folder, after a frame.
    pub async fn shot(&self, name: &str) -> Step {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = self
            .client
            .screenshot()
            .await
            .map_err(|e| format!("screenshot {name}: {e}"))?;
        std::fs::write(self.shots.join(format!("{name}.png")), png)
            .map_err(|e| format!("write screenshot {name}: {e}"))
    }

    /// Signs in as a demo user (passphrase `jiedu-demo`) and waits for the pack list.
    pub async fn sign_in(&self, user: &str, name: &str) -> Step {
        self.choose("signin-user", user).await?;
        self.fill("signin-passphrase", "jiedu-demo").await?;
        self.click("signin-submit").await?;
        self.wait_text("current-user", name).await?;
        self.el("pack-row").await?;
        Ok(())
    }

    /// Signs out and waits for the sign-in screen.
    pub async fn sign_out(&self) -> Step {
        self.click("signout").await?;
        self.el("signin-user").await?;
        Ok(())
    }

    /// Opens a pack from the list and waits for its workspace.
    pub async fn open_pack(&self, id: &str) -> Step {
        self.click("nav-packs").await?;
        let row = self
            .find_css(&format!(
                "[data-testid=\"pack-row\"][data-pack-id=\"{id}\"]"
            ))
            .await?;
        row.click().await.map_err(|e| format!("open {id}: {e}"))?;
        self.el("pack-heading").await?;
        Ok(())
    }

    /// The state badge of a pack in the list.
    pub async fn list_state(&self, id: &str) -> Step<String> {
        self.click("nav-packs").await?;
        let badge = self
            .find_css(&format!(
                "[data-testid=\"pack-row\"][data-pack-id=\"{id}\"] [data-testid=\"pack-state\"]"
            ))
            .await?;
        badge
            .text()
            .await
            .map_err(|e| format!("state of {id}: {e}"))
    }
}
