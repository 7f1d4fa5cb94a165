//! What an end-to-end run needs around the app: a demo database, tauri-driver, a WebDriver
//! session, and small helpers that find elements by `data-testid` and wait for the DOM.

use fantoccini::elements::Element;
use fantoccini::error::NewSessionError;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long any one expectation may take to come true on a slow, loaded machine.
const PATIENCE: Duration = Duration::from_secs(20);

/// How long the app may take to open its window for a WebDriver session.
const SESSION_PATIENCE: Duration = Duration::from_secs(60);

/// The result of a step; errors carry what was being waited for.
pub type Step<T = ()> = Result<T, String>;

/// A binary named by an environment variable, which must exist: the test drives exactly the
/// file it is given (scripts/test.sh gives the release app, the one the .deb ships).
fn binary_from_env(var: &str, what: &str) -> PathBuf {
    let Some(path) = std::env::var_os(var).map(PathBuf::from) else {
        panic!("{var} is not set: name the {what} to test (scripts/test.sh sets it)");
    };
    assert!(path.is_file(), "{var}: {} does not exist", path.display());
    path
}

/// The desktop app under test (`JIEDU_E2E_APP`).
pub fn app_binary() -> PathBuf {
    binary_from_env("JIEDU_E2E_APP", "jiedu-app binary")
}

/// The CLI that makes the demo database (`JIEDU_E2E_CLI`).
pub fn cli_binary() -> PathBuf {
    binary_from_env("JIEDU_E2E_CLI", "jiedu CLI binary")
}

/// Where screenshots go: `test-artifacts/e2e/` in the checkout.
pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../test-artifacts/e2e");
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// How many distinct colours a PNG has, by ImageMagick's `identify`. A window whose UI never
/// loaded is one flat colour; the sign-in screen has text, a form and anti-aliasing.
pub fn distinct_colours(png: &Path) -> Step<u64> {
    let out = Command::new("identify")
        .args(["-format", "%k"])
        .arg(png)
        .output()
        .map_err(|e| format!("cannot run identify on {} ({e})", png.display()))?;
    if !out.status.success() {
        return Err(format!(
            "identify {} failed: {}",
            png.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.trim()
        .parse()
        .map_err(|_| format!("identify {}: not a colour count: {text}", png.display()))
}

/// A small file made with ffmpeg for the media steps: its name, MIME type and bytes.
pub struct SampleMedia {
    /// File name as picked, e.g. `发布会现场.jpg`.
    pub name: String,
    /// MIME type, as the file picker reports it.
    pub mime: &'static str,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// A PNG, a JPEG, an MP3 and an MP4 (H.264 and AAC), each a few tens of KB, made in `dir`.
pub fn sample_media(dir: &Path) -> Step<Vec<SampleMedia>> {
    let specs: [(&str, &'static str, &[&str]); 4] = [
        (
            "流程图.png",
            "image/png",
            &[
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=960x640:duration=1",
                "-frames:v",
                "1",
            ],
        ),
        (
            "发布会现场.jpg",
            "image/jpeg",
            &[
                "-f",
                "lavfi",
                "-i",
                "mandelbrot=size=960x600",
                "-frames:v",
                "1",
                "-q:v",
                "4",
            ],
        ),
        (
            "吹风会录音.mp3",
            "audio/mpeg",
            &[
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:duration=2",
                "-c:a",
                "libmp3lame",
                "-b:a",
                "48k",
            ],
        ),
        (
            "一分钟看懂.mp4",
            "video/mp4",
            &[
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=320x180:rate=25:duration=2",
                "-f",
                "lavfi",
                "-i",
                "sine=duration=2",
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-shortest",
                "-movflags",
                "+faststart",
            ],
        ),
    ];
    let mut out = Vec::new();
    for (name, mime, args) in specs {
        let path = dir.join(name);
        let status = Command::new("ffmpeg")
            .args(["-nostdin", "-loglevel", "error", "-y"])
            .args(args)
            .arg(&path)
            .status()
            .map_err(|e| format!("ffmpeg ({e}); install ffmpeg"))?;
        if !status.success() {
            return Err(format!("ffmpeg could not make {name}"));
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        out.push(SampleMedia {
            name: name.to_string(),
            mime,
            bytes,
        });
    }
    Ok(out)
}

/// The script that hands `files` to the `<input type=file>` matched by `selector`, as a file
/// picker does: a DataTransfer of File objects, then a `change` event.
pub fn pick_files_script(selector: &str, files: &[SampleMedia]) -> String {
    use base64::Engine as _;
    let list: Vec<serde_json::Value> = files
        .iter()
        .map(|f| {
            json!({
                "name": f.name,
                "type": f.mime,
                "b64": base64::engine::general_purpose::STANDARD.encode(&f.bytes),
            })
        })
        .collect();
    format!(
        "const files = {}; const dt = new DataTransfer();\
         for (const f of files) {{ const bin = atob(f.b64); const bytes = new Uint8Array(bin.length);\
           for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);\
           dt.items.add(new File([bytes], f.name, {{ type: f.type }})); }}\
         const input = document.querySelector({}); input.files = dt.files;\
         input.dispatchEvent(new Event('change', {{ bubbles: true }})); return dt.files.length;",
        serde_json::Value::Array(list),
        serde_json::Value::from(selector)
    )
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

/// Saves a change to `pack` from another desk, as a colleague (or a second window) would: the
/// CLI's `show --json`, the first preamble paragraph changed, `save --from` as `user`.
pub fn another_desk_saves(db: &Path, pack: &str, user: &str) -> Result<(), String> {
    let cli = cli_binary();
    let shown = Command::new(&cli)
        .arg("--db")
        .arg(db)
        .args(["--json", "show", pack])
        .output()
        .map_err(|e| format!("jiedu show: {e}"))?;
    let mut whole: serde_json::Value =
        serde_json::from_slice(&shown.stdout).map_err(|e| format!("jiedu show --json: {e}"))?;
    whole["content"]["policy"]["preamble"][0] =
        serde_json::Value::from("另一处同时修改的第一段。Changed at another desk meanwhile.");
    let file = db.with_extension("other-desk.json");
    std::fs::write(&file, whole.to_string()).map_err(|e| format!("{}: {e}", file.display()))?;
    let saved = Command::new(&cli)
        .arg("--db")
        .arg(db)
        .args(["--as", user, "save", pack, "--from"])
        .arg(&file)
        .env("JIEDU_PASSPHRASE", "jiedu-demo")
        .output()
        .map_err(|e| format!("jiedu save: {e}"))?;
    if !saved.status.success() {
        return Err(format!(
            "the other desk's save failed: {}",
            String::from_utf8_lossy(&saved.stderr)
        ));
    }
    Ok(())
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
    /// The X display the app is on, when not the test's own (one per desk in two-desk tests).
    display: Option<String>,
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
        // An app that exits at start (a damaged build refuses to run) leaves WebKitWebDriver
        // waiting for a window forever; fail instead of hanging the test command.
        let mut builder = ClientBuilder::new(connector);
        builder.capabilities(caps);
        let deadline = tokio::time::Instant::now() + SESSION_PATIENCE;
        let client = loop {
            let connect = builder.connect(&driver.url);
            match tokio::time::timeout_at(deadline, connect).await {
                Ok(Ok(client)) => break client,
                // tauri-driver listens before WebKitWebDriver behind it does; a session asked
                // for in between fails to connect (seen once in CI): ask again while there is
                // time.
                Ok(Err(
                    e @ (NewSessionError::FailedC(_)
                    | NewSessionError::Failed(_)
                    | NewSessionError::Lost(_)),
                )) if tokio::time::Instant::now() + Duration::from_secs(1) < deadline => {
                    eprintln!("WebDriver not ready yet ({e}); asking again");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Ok(Err(e)) => panic!("WebDriver session failed: {e}"),
                Err(_) => panic!(
                    "the app opened no window within {} s; run `{} --check-ui` to see why",
                    SESSION_PATIENCE.as_secs(),
                    app_binary().display()
                ),
            }
        };
        Ui {
            client,
            shots: artifacts_dir(),
            display: None,
        }
    }

    /// The same session, its screenshots taken of X display `display` (where its driver
    /// started the app).
    pub fn on_display(mut self, display: &str) -> Ui {
        self.display = Some(display.to_string());
        self
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

    /// Whether an element has a box on screen. WebKitWebDriver's own "displayed" check calls
    /// anything inside an `overflow: clip` frame hidden, so the page is asked directly.
    pub async fn visible(&self, el: &Element) -> bool {
        let Ok(arg) = serde_json::to_value(el) else {
            return false;
        };
        let js = "const e = arguments[0]; const r = e.getBoundingClientRect(); \
                  return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';";
        matches!(
            self.client.execute(js, vec![arg]).await,
            Ok(serde_json::Value::Bool(true))
        )
    }

    /// The rendered text of an element, read by the page (see [`Ui::visible`] for why).
    pub async fn text_of(&self, el: &Element) -> Step<String> {
        let arg = serde_json::to_value(el).map_err(|e| e.to_string())?;
        match self
            .client
            .execute("return arguments[0].innerText;", vec![arg])
            .await
        {
            Ok(serde_json::Value::String(s)) => Ok(s),
            Ok(other) => Err(format!("element text is {other}")),
            Err(e) => Err(format!("element text: {e}")),
        }
    }

    /// The first element matching a CSS selector, once it exists and is displayed.
    pub async fn find_css(&self, selector: &str) -> Step<Element> {
        self.until(selector, || async {
            let el = self.client.find(Locator::Css(selector)).await.ok()?;
            self.visible(&el).await.then_some(el)
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
        // WebDriver refuses to type nothing, and clearing alone fires no `input` event: to
        // empty a field, type a character and delete it.
        let keys = if text.is_empty() { "x\u{E003}" } else { text };
        el.send_keys(keys).await.map_err(|e| format!("type: {e}"))
    }

    /// Puts text into a field as a clipboard paste would: all at once, line breaks included
    /// (WebDriver typing drops them), then the `input` event the UI listens to.
    pub async fn paste(&self, testid: &str, text: &str) -> Step {
        let el = self.el(testid).await?;
        let arg = serde_json::to_value(&el).map_err(|e| e.to_string())?;
        self.client
            .execute(
                "arguments[0].focus(); arguments[0].value = arguments[1]; \
                 arguments[0].dispatchEvent(new Event('input', { bubbles: true }));",
                vec![arg, serde_json::Value::from(text)],
            )
            .await
            .map(|_| ())
            .map_err(|e| format!("paste into {testid}: {e}"))
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
        self.text_of(&el).await
    }

    /// Waits until the element's text contains `needle`.
    pub async fn wait_text(&self, testid: &str, needle: &str) -> Step<String> {
        self.until(&format!("{testid} to show “{needle}”"), || async {
            let el = self.client.find(Locator::Css(&css(testid))).await.ok()?;
            let text = self.text_of(&el).await.ok()?;
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

    /// Saves a screenshot of the display as `NAME.png` in the artefacts folder, after a frame,
    /// and returns its path. WebDriver's own screenshot never returns when WebKit's DMA-BUF
    /// renderer is off, as the app turns it off, so the X display is captured instead
    /// (ImageMagick's `import`).
    pub async fn shot(&self, name: &str) -> Step<PathBuf> {
        tokio::time::sleep(Duration::from_millis(400)).await;
        let file = self.shots.join(format!("{name}.png"));
        let mut import = tokio::process::Command::new("import");
        if let Some(display) = &self.display {
            import.args(["-display", display]);
        }
        let status = import
            .args(["-window", "root"])
            .arg(&file)
            .status()
            .await
            .map_err(|e| format!("screenshot {name}: cannot run import ({e})"))?;
        if status.success() {
            Ok(file)
        } else {
            Err(format!("screenshot {name}: import failed ({status})"))
        }
    }

    /// The highest id of the success notices on screen (0 when none).
    async fn last_notice_id(&self) -> u64 {
        let mut last = 0;
        for el in self.all("success-notice").await {
            if let Ok(Some(id)) = el.attr("data-notice-id").await {
                last = last.max(id.parse().unwrap_or(0));
            }
        }
        last
    }

    /// Clicks an action button and waits for its outcome: a new success notice, or a new
    /// error notice whose text becomes the step's error.
    pub async fn act(&self, testid: &str) -> Step {
        let seen = self.last_notice_id().await;
        let errors_before = self.all("error-notice").await.len();
        self.click(testid).await?;
        let outcome = self
            .until(&format!("the outcome of {testid}"), || async {
                if self.last_notice_id().await > seen {
                    return Some(Ok(()));
                }
                let errors = self.all("error-notice").await;
                if errors.len() > errors_before {
                    let last = errors.last()?;
                    return Some(Err(self.text_of(last).await.unwrap_or_default()));
                }
                None
            })
            .await?;
        outcome.map_err(|message| format!("{testid} failed: {message}"))
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

    /// Opens a pack from the list and waits for its workspace. The list may re-render under
    /// the pointer (filters, refresh), so a stale row is looked up and clicked again.
    pub async fn open_pack(&self, id: &str) -> Step {
        self.click("nav-packs").await?;
        let row = format!(
            "[data-testid=\"pack-row\"][data-pack-id=\"{id}\"] [data-testid=\"pack-title\"]"
        );
        self.until(&format!("pack {id} to open"), || async {
            if let Ok(el) = self.client.find(Locator::Css(&row)).await {
                let _ = el.click().await;
            }
            let heading = self
                .client
                .find(Locator::Css(&css("pack-heading")))
                .await
                .ok()?;
            self.visible(&heading).await.then_some(())
        })
        .await
    }

    /// The state badge of a pack in the list.
    pub async fn list_state(&self, id: &str) -> Step<String> {
        self.click("nav-packs").await?;
        let badge = self
            .find_css(&format!(
                "[data-testid=\"pack-row\"][data-pack-id=\"{id}\"] [data-testid=\"pack-state\"]"
            ))
            .await?;
        self.text_of(&badge).await
    }

    /// Waits until a pack's state badge in the list shows `needle` (e.g. 退回).
    pub async fn wait_list_state(&self, id: &str, needle: &str) -> Step {
        self.until(&format!("pack {id} to show state “{needle}”"), || async {
            self.list_state(id)
                .await
                .ok()?
                .contains(needle)
                .then_some(())
        })
        .await
    }
}
