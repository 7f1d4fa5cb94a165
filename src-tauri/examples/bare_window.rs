//! A bare Tauri 2 window (a one-line page, no commands, no database): the baseline that
//! scripts/measure-app.sh compares the app's start-up and memory against, in the same run.
//! The page comes from a custom protocol because WebKit starts no web process for
//! `about:blank`, which would make the baseline unfairly small.

use tauri::http::Response;
use tauri::{WebviewUrl, WebviewWindowBuilder};

const PAGE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>bare</title></head>\
                    <body><p>bare Tauri window</p></body></html>";

fn main() {
    let mut context = tauri::generate_context!();
    // The app's own window would load the Jiedu UI; the baseline shows the one-line page.
    context.config_mut().app.windows.clear();
    let result = tauri::Builder::default()
        .register_uri_scheme_protocol("bare", |_ctx, _request| {
            Response::builder()
                .header("Content-Type", "text/html; charset=utf-8")
                .body(PAGE.as_bytes().to_vec())
                .unwrap_or_default()
        })
        .setup(|app| {
            let url = "bare://localhost/".parse().map_err(|e| format!("{e}"))?;
            WebviewWindowBuilder::new(app, "main", WebviewUrl::CustomProtocol(url))
                .title("bare Tauri window")
                .inner_size(1280.0, 800.0)
                .build()?;
            Ok(())
        })
        .run(context);
    if let Err(e) = result {
        eprintln!("bare window failed: {e}");
        std::process::exit(2);
    }
}
