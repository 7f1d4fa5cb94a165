//! End-to-end test of the real desktop app: the built binary, driven through tauri-driver and
//! WebKitWebDriver under a display (Xvfb in CI). One session goes through the whole workflow on
//! the demo data, as drafter, leader and press officer, asserting what is on screen and saving
//! a screenshot of each main screen in `test-artifacts/e2e/`.
//!
//! Run by scripts/test.sh on the release binary, the one the .deb ships:
//! `JIEDU_E2E_APP=… JIEDU_E2E_CLI=… cargo test -p jiedu-e2e --features e2e`.

use jiedu_e2e::{
    another_desk_saves, demo_database, distinct_colours, pick_files_script, sample_media, Driver,
    Step, Ui,
};
use std::path::Path;

/// Text that would run if the UI ever injected user content as HTML.
const XSS_TITLE: &str =
    "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>关于全面推进政务公开工作的实施意见";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn drafter_leader_and_press_officer_take_a_pack_from_draft_to_media_kit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = demo_database(dir.path());
    let out = dir.path().join("exports");
    // A fresh profile, so that nothing the webview kept from an earlier run (the language
    // choice in localStorage) changes what this run sees.
    let profile = dir.path().join("profile");
    let driver = Driver::start(
        4444,
        &[
            ("JIEDU_DB", &db),
            ("JIEDU_OUT", &out),
            ("XDG_DATA_HOME", &profile.join("data")),
            ("XDG_CONFIG_HOME", &profile.join("config")),
            ("XDG_CACHE_HOME", &profile.join("cache")),
        ],
    );
    let ui = Ui::launch(&driver).await;
    let result = flow(&ui, &db, &out).await;
    if result.is_err() {
        let _ = ui.shot("failure").await;
    }
    let _ = ui.client.clone().close().await;
    drop(driver);
    if let Err(e) = result {
        panic!("{e} (see test-artifacts/e2e/failure.png)");
    }
}

async fn flow(ui: &Ui, db: &Path, out: &Path) -> Step {
    sign_in_screen(ui).await?;
    drafter_edits_and_submits(ui, db).await?;
    leader_returns(ui).await?;
    drafter_resolves_and_resubmits(ui).await?;
    leader_signs(ui).await?;
    press_officer_deploys_and_exports(ui, out).await?;
    people_and_language(ui).await?;
    Ok(())
}

/// Fewest distinct colours a rendered sign-in screen has; a blank window has one.
const RENDERED_COLOURS: u64 = 32;

async fn sign_in_screen(ui: &Ui) -> Step {
    ui.el("signin-user").await?;
    // The stylesheet loaded too: a window whose assets were answered with index.html has a
    // transparent page (the UI sets its background on the root element) and unstyled controls.
    let background = ui
        .script("return getComputedStyle(document.documentElement).backgroundColor")
        .await?;
    if matches!(
        background.as_str(),
        None | Some("rgba(0, 0, 0, 0)" | "transparent")
    ) {
        return Err(format!(
            "the stylesheet did not load: the page's background is {background}"
        ));
    }
    let shot = ui.shot("01-sign-in").await?;
    let colours = distinct_colours(&shot)?;
    if colours < RENDERED_COLOURS {
        return Err(format!(
            "the sign-in screen looks blank: {} has {colours} distinct colours",
            shot.display()
        ));
    }
    ui.choose("signin-user", "zhang.wei").await?;
    ui.fill("signin-passphrase", "wrong-passphrase").await?;
    ui.click("signin-submit").await?;
    ui.wait_text("signin-error", "口令").await?;
    Ok(())
}

async fn drafter_edits_and_submits(ui: &Ui, db: &Path) -> Step {
    ui.sign_in("zhang.wei", "张伟").await?;
    ui.wait_text("current-user", "起草人").await?;
    ui.wait_count("pack-row", 4).await?;
    ui.el("deadline-badge").await?;
    // No cell of the list runs into the next one (a long 已逾期 hint once did).
    let spill = ui
        .script(
            "return [...document.querySelectorAll('[data-testid=pack-row] td > *')]\
             .filter(el => el.getBoundingClientRect().right > el.closest('td').getBoundingClientRect().right + 1)\
             .map(el => el.closest('td').className + ': ' + el.textContent);",
        )
        .await?;
    if spill.as_array().is_some_and(|cells| !cells.is_empty()) {
        return Err(format!("pack-list cells overflow: {spill}"));
    }
    ui.shot("02-pack-list").await?;

    // Full-text search narrows the list to packs mentioning the words.
    ui.fill("pack-search", "规范土地征收").await?;
    ui.until("search to leave only the land notice", || async {
        let rows = ui.all("pack-row").await;
        let mut ids = Vec::new();
        for r in &rows {
            ids.push(r.attr("data-pack-id").await.ok()??);
        }
        (ids == ["draft-land-notice"]).then_some(())
    })
    .await?;
    ui.fill("pack-search", "").await?;
    ui.choose("filter-state", "deployed").await?;
    ui.until("state filter to leave only the released pack", || async {
        let rows = ui.all("pack-row").await;
        (rows.len() == 1).then_some(())
    })
    .await?;
    ui.choose("filter-state", "").await?;

    // A failing checklist item leads to its field.
    ui.open_pack("draft-land-notice").await?;
    let failing = ui
        .find_css("[data-testid=\"checklist-item\"][data-status=\"fail\"]")
        .await?;
    failing
        .click()
        .await
        .map_err(|e| format!("click checklist item: {e}"))?;
    ui.until("a field to take focus", || async {
        let v = ui
            .script("return document.activeElement && document.activeElement.getAttribute('data-field')")
            .await
            .ok()?;
        v.as_str().map(str::to_string)
    })
    .await?;
    ui.shot("03-checklist-links-field").await?;

    // The drafter edits the title with markup in it; it must stay text.
    ui.open_pack("seed-openness").await?;
    ui.el("checklist-item").await?;
    let title = ui.find_css("[data-field=\"policy.title\"]").await?;
    ui.fill_element(&title, XSS_TITLE).await?;
    ui.wait_text("autosave-status", "已自动保存").await?;
    ui.shot("04-editor").await?;
    // The elements after the body, in the standard's order: 署名, 成文日期, 附注, 版记.
    // Scroll the editor's own pane, as the app does: scrollIntoView would also move the app's
    // fixed frame.
    ui.script(
        "const el = document.getElementById('ed-closing'); let p = el.parentElement; \
         while (p && !['auto', 'scroll'].includes(getComputedStyle(p).overflowY)) p = p.parentElement; \
         p.scrollTop += el.getBoundingClientRect().top - p.getBoundingClientRect().top;",
    )
    .await?;
    ui.shot("04a-editor-closing").await?;
    // Meanwhile the pack is saved at another desk: this save is built on an old revision, so it
    // is refused, the conflict is shown with what differs, and the drafter keeps their version.
    another_desk_saves(db, "seed-openness", "zhang.wei")?;
    ui.click("save-pack").await?;
    ui.wait_text("conflict-message", "已有更新的版本").await?;
    ui.wait_text("conflict-panel", "草稿").await?;
    ui.el("conflict-reload").await?;
    // "Keep mine" waits for the differences, so nobody overwrites what they have not seen.
    ui.until("keep-mine to be enabled once the differences are shown", || async {
        let enabled = ui
            .script("return !document.querySelector('[data-testid=\"conflict-keep-mine\"]').disabled")
            .await
            .ok()?;
        (enabled == serde_json::Value::Bool(true)).then_some(())
    })
    .await?;
    ui.shot("04b-save-conflict").await?;
    ui.click("conflict-keep-mine").await?;
    ui.wait_text("pack-heading", "<img src=x").await?;
    ui.until("the conflict panel to close", || async {
        ui.all("conflict-panel").await.is_empty().then_some(())
    })
    .await?;
    no_script_ran(ui).await?;
    drafter_adds_media(ui, db).await?;

    ui.click("tab-review").await?;
    ui.el("policy-view").await?;
    ui.el("interpretation-view").await?;
    ui.act("submit-pack").await?;
    ui.wait_list_state("seed-openness", "报").await?;
    // The list shows the markup as text, too.
    let row_title = ui
        .find_css("[data-pack-id=\"seed-openness\"] [data-testid=\"pack-title\"]")
        .await?;
    let shown = ui.text_of(&row_title).await?;
    if !shown.contains("<script>") {
        return Err(format!(
            "the list should show the title as text, shows “{shown}”"
        ));
    }
    no_script_ran(ui).await?;
    ui.sign_out().await
}

/// A PNG, a JPEG, an MP3 and an MP4 picked into the editor's 图片与音视频 section go through
/// the app's upload commands into the store; the previews come through the jiedu-media
/// protocol; alt text is typed for the images; and the pack, saved, refers to exactly the bytes
/// picked (the CLI reads them back).
async fn drafter_adds_media(ui: &Ui, db: &Path) -> Step {
    let dir = db.parent().unwrap_or(db).join("media");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let files = sample_media(&dir)?;
    ui.el("media-section").await?;
    ui.script(&pick_files_script("[data-testid=\"media-input\"]", &files))
        .await?;
    let items = ui.wait_count("media-item", files.len()).await?;
    if !ui.all("media-error").await.is_empty() {
        return Err(format!(
            "a sample file was refused: {}",
            ui.text("media-error").await.unwrap_or_default()
        ));
    }
    drop(items);
    // The images want alt text; the checklist warns until they have it.
    let alts = ui.all("media-alt").await;
    let texts = [
        "流程图：公开申请从受理到答复的五个环节",
        "发布会现场，发言人在台上介绍实施意见",
    ];
    if alts.len() != texts.len() {
        return Err(format!("{} alt-text fields, expected 2", alts.len()));
    }
    for (el, text) in alts.iter().zip(texts) {
        ui.fill_element(el, text).await?;
    }
    // Every preview is served by the custom protocol: the images decode, and the audio and
    // video load at least their metadata (GStreamer demuxes them; playing needs the decoders).
    let last = std::sync::Mutex::new(serde_json::Value::Null);
    let state = ui
        .until("the previews to load through jiedu-media", || async {
            let v = ui
                .script(
                    "return [...document.querySelectorAll('[data-testid=media-preview]')].map(e => \
                     e.localName === 'img' ? (e.complete && e.naturalWidth > 0 ? 'ok' : 'img pending') \
                     : (e.readyState >= 1 ? 'ok' : `${e.localName} readyState ${e.readyState} error ${e.error && e.error.code}`));",
                )
                .await
                .ok()?;
            let list = v.as_array()?.clone();
            if let Ok(mut l) = last.lock() {
                *l = v.clone();
            }
            (list.len() == 4 && list.iter().all(|s| s == "ok")).then_some(list)
        })
        .await
        .map_err(|e| format!("{e}; last seen: {}", last.lock().map(|l| l.to_string()).unwrap_or_default()))?;
    drop(state);
    let src = ui
        .script("return document.querySelector('video[data-testid=media-preview]').currentSrc")
        .await?;
    // WebKitGTK's player cannot read a custom protocol, so the editor fetches the bytes through
    // jiedu-media into a blob URL (MediaPlayer.vue); the images above came through it directly.
    if !src
        .as_str()
        .is_some_and(|s| s.starts_with("blob:") || s.contains("jiedu-media"))
    {
        return Err(format!("the video preview is not from jiedu-media: {src}"));
    }
    ui.wait_text("autosave-status", "已自动保存").await?;
    ui.script(
        "const el = document.getElementById('ed-media'); let p = el.parentElement; \
         while (p && !['auto', 'scroll'].includes(getComputedStyle(p).overflowY)) p = p.parentElement; \
         p.scrollTop += el.getBoundingClientRect().top - p.getBoundingClientRect().top;",
    )
    .await?;
    ui.shot("04c-editor-media").await?;
    // The audio and video previews, further down.
    ui.script(
        "const items = document.querySelectorAll('[data-testid=media-item]'); const el = items[items.length - 2]; \
         let p = el.parentElement; \
         while (p && !['auto', 'scroll'].includes(getComputedStyle(p).overflowY)) p = p.parentElement; \
         p.scrollTop += el.getBoundingClientRect().top - p.getBoundingClientRect().top;",
    )
    .await?;
    ui.shot("04d-editor-media-players").await?;
    // Saved as a revision (autosave keeps only the drafter's draft), the pack refers to exactly
    // the bytes picked: the CLI lists its files with their SHA-256.
    ui.act("save-pack").await?;
    let saved = ui
        .until("the saved revision to hold the four files", || async {
            let shown = std::process::Command::new(jiedu_e2e::cli_binary())
                .arg("--db")
                .arg(db)
                .args(["--json", "show", "seed-openness"])
                .output()
                .ok()?;
            let pack: serde_json::Value = serde_json::from_slice(&shown.stdout).ok()?;
            let saved = pack["content"]["materials"]["images"].as_array()?.clone();
            (saved.len() == files.len()).then_some(saved)
        })
        .await?;
    for f in &files {
        let sha = sha256_hex(&f.bytes)?;
        let found = saved
            .iter()
            .find(|m| m["file_name"] == f.name.as_str())
            .ok_or_else(|| format!("{} is not in the saved pack", f.name))?;
        if found["sha256"] != sha.as_str() {
            return Err(format!(
                "{}: saved {} ≠ picked {sha}",
                f.name, found["sha256"]
            ));
        }
    }
    Ok(())
}

/// SHA-256 of `bytes` by `sha256sum`, independent of the app's own hashing.
fn sha256_hex(bytes: &[u8]) -> Step<String> {
    use std::io::Write;
    let mut child = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("sha256sum: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("sha256sum: no stdin")?
        .write_all(bytes)
        .map_err(|e| format!("sha256sum: {e}"))?;
    let out = child
        .wait_with_output()
        .map_err(|e| format!("sha256sum: {e}"))?;
    Ok(String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_string())
}

async fn leader_returns(ui: &Ui) -> Step {
    ui.sign_in("li.hua", "李华").await?;
    ui.open_pack("seed-openness").await?;
    ui.click("tab-review").await?;
    ui.el("diff-list").await?;
    ui.shot("05-review").await?;
    ui.choose("return-part", "policy").await?;
    ui.fill("return-comment", "标题中有多余的标记，请删除后再报。")
        .await?;
    ui.act("return-pack").await?;
    ui.wait_count("comment-item", 1).await?;
    ui.wait_list_state("seed-openness", "退回").await?;
    ui.sign_out().await
}

async fn drafter_resolves_and_resubmits(ui: &Ui) -> Step {
    ui.sign_in("zhang.wei", "张伟").await?;
    ui.open_pack("seed-openness").await?;
    let title = ui.find_css("[data-field=\"policy.title\"]").await?;
    ui.fill_element(&title, "关于全面推进政务公开工作的实施意见")
        .await?;
    ui.act("save-pack").await?;
    ui.wait_text("pack-heading", "实施意见").await?;
    ui.click("tab-review").await?;
    ui.act("resolve-comment").await?;
    ui.act("submit-pack").await?;
    ui.wait_list_state("seed-openness", "报").await?;
    ui.sign_out().await
}

async fn leader_signs(ui: &Ui) -> Step {
    ui.sign_in("li.hua", "李华").await?;
    ui.open_pack("seed-openness").await?;
    ui.click("tab-review").await?;
    ui.fill("sign-comment", "同意发布。").await?;
    ui.act("sign-pack").await?;
    ui.wait_list_state("seed-openness", "审签").await?;
    ui.sign_out().await
}

async fn press_officer_deploys_and_exports(ui: &Ui, out: &std::path::Path) -> Step {
    ui.sign_in("chen.jing", "陈静").await?;
    ui.open_pack("seed-openness").await?;
    ui.click("tab-deploy").await?;
    // Tick two channels, checking they stay ticked (the tab may still be settling).
    ui.until("portal and WeChat to be ticked", || async {
        let mut all = true;
        for channel in ["portal", "wechat"] {
            let sel = format!("[data-testid=\"deploy-channel\"][value=\"{channel}\"]");
            let el = ui.find_css(&sel).await.ok()?;
            if !el.is_selected().await.ok()? {
                all = false;
                let _ = el.click().await;
            }
        }
        all.then_some(())
    })
    .await?;
    ui.act("deploy-pack").await?;
    ui.wait_text("deployment-record", "门户网站").await?;
    ui.wait_text("deployment-record", "微信").await?;
    ui.shot("06-deploy").await?;

    ui.click("tab-export").await?;
    ui.click("export-pdf").await?;
    ui.wait_text("export-pdf-result", ".pdf").await?;
    ui.click("export-ofd").await?;
    ui.wait_text("export-ofd-result", ".ofd").await?;
    ui.click("export-portal").await?;
    ui.wait_text("export-portal-result", ".portal.zip").await?;
    ui.click("preview-pdf").await?;
    ui.wait_count("preview-page", 2).await?;
    ui.shot("07-export-pdf-preview").await?;
    ui.fill("kit-contact", "新闻办公室 吴志强 010-12345678")
        .await?;
    ui.click("export-kit").await?;
    ui.wait_text("export-kit-result", ".zip").await?;
    let progress = ui.el("kit-progress").await?;
    let arg = serde_json::to_value(&progress).map_err(|e| e.to_string())?;
    let bar = ui
        .client
        .execute("return [arguments[0].value, arguments[0].max];", vec![arg])
        .await
        .map_err(|e| format!("read the progress bar: {e}"))?;
    let (value, max) = (
        bar[0].as_f64().unwrap_or(0.0),
        bar[1].as_f64().unwrap_or(0.0),
    );
    if max < 2.0 || value < max {
        return Err(format!(
            "the kit progress bar should end full, is {value}/{max}"
        ));
    }
    ui.shot("08-media-kit").await?;
    for file in [
        "seed-openness.pdf",
        "seed-openness.ofd",
        "seed-openness.portal.zip",
        "seed-openness-media-kit.zip",
    ] {
        if !out.join(file).is_file() {
            return Err(format!("{file} was not written to the output folder"));
        }
    }
    // The files the drafter added travel with the pack: the kit carries the originals and the
    // WeChat versions, the portal package its media page with the video.
    for (zip, wanted) in [
        (
            "seed-openness-media-kit.zip",
            &[
                "media/m1-流程图.png",
                "media/m1-流程图-wechat.jpg",
                "media/m4-一分钟看懂.mp4",
            ][..],
        ),
        (
            "seed-openness.portal.zip",
            &["media.html", "media/m4.mp4"][..],
        ),
    ] {
        let listing = std::process::Command::new("unzip")
            .arg("-l")
            .arg(out.join(zip))
            .output()
            .map_err(|e| format!("unzip -l {zip}: {e}"))?;
        let listing = String::from_utf8_lossy(&listing.stdout);
        for name in wanted {
            if !listing.contains(name) {
                return Err(format!("{zip} lacks {name}:\n{listing}"));
            }
        }
    }

    ui.click("tab-audit").await?;
    ui.wait_count("audit-event", 6).await?;
    ui.click("verify-audit").await?;
    ui.el("audit-verification").await?;
    ui.shot("09-audit").await?;

    // A public concern recorded on the 社会关切 screen starts its clock at once.
    ui.click("nav-concerns").await?;
    ui.el("concern-add").await?;
    ui.fill("concern-what", "网民询问新规何时施行").await?;
    ui.fill("concern-source", "政府网站留言板").await?;
    ui.click("concern-submit").await?;
    ui.wait_text("concern-list", "网民询问新规何时施行").await?;
    ui.find_css("[data-testid=concern-clock][data-status=running]")
        .await?;
    ui.shot("09a-concerns").await?;

    // The year's figures, drawn by the chart renderer.
    ui.click("nav-report").await?;
    ui.wait_count("report-chart", 4).await?;
    ui.el("report-figures").await?;
    ui.shot("09b-report").await?;
    ui.sign_out().await
}

async fn people_and_language(ui: &Ui) -> Step {
    ui.sign_in("zhang.wei", "张伟").await?;
    ui.click("nav-people").await?;
    ui.wait_count("people-user", 6).await?;
    ui.shot("10-people").await?;

    ui.click("nav-import").await?;
    // A real web copy: the frame it detected line by line, and a one-click correction.
    let real =
        include_str!("../../import/tests/corpus/27-fanpusoft-ningbo-ganghang-gongwen-banfa.txt");
    ui.paste("import-paste", real).await?;
    ui.click("import-parse").await?;
    ui.wait_text(
        "import-policy-title",
        "关于印发宁波市港航管理局公文处理办法的通知",
    )
    .await?;
    ui.el("import-frame").await?;
    ui.shot("11a-import-frame").await?;
    let headline = ui
        .find_css("[data-testid=import-frame-row][data-line='7'] [data-testid=import-mark-title]")
        .await?;
    headline
        .click()
        .await
        .map_err(|e| format!("click 设为标题: {e}"))?;
    ui.until("the title the user chose", || async {
        let title = ui.text("import-policy-title").await.ok()?;
        (title.trim() == "宁波市港航管理局公文处理办法").then_some(())
    })
    .await?;
    ui.shot("11b-import-corrected").await?;
    ui.click("import-undo-corrections").await?;
    ui.wait_text("import-policy-title", "关于印发").await?;

    let seed = include_str!("../../import/tests/fixtures/seed-web.txt");
    ui.paste("import-paste", seed).await?;
    ui.click("import-parse").await?;
    ui.el("import-report").await?;
    ui.wait_text("import-policy-title", "政务公开").await?;
    ui.shot("11-import").await?;
    ui.fill("import-id", "imported-seed").await?;
    ui.act("import-create").await?;
    ui.wait_text("pack-heading", "政务公开").await?;

    let lang = ui.el("lang-switch").await?;
    if lang.tag_name().await.map_err(|e| e.to_string())? == "select" {
        lang.select_by_value("en")
            .await
            .map_err(|e| e.to_string())?;
    } else {
        lang.click().await.map_err(|e| e.to_string())?;
    }
    ui.until("the UI to switch to English", || async {
        let text = ui.text("nav-packs").await.ok()?;
        text.chars().any(|c| c.is_ascii_alphabetic()).then_some(())
    })
    .await?;
    ui.click("nav-packs").await?;
    ui.shot("12-pack-list-english").await?;
    no_script_ran(ui).await
}

/// Fails if any of the injected markup ever ran.
async fn no_script_ran(ui: &Ui) -> Step {
    let v = ui.script("return typeof window.__xss").await?;
    if v.as_str() != Some("undefined") {
        return Err(format!("user text ran as script: window.__xss is {v}"));
    }
    Ok(())
}
