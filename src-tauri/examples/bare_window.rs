//! A bare Tauri 2 window (blank page, no commands, no database): the baseline that
//! scripts/measure-app.sh compares the app's start-up and memory against, in the same run.

use tauri::{WebviewUrl, WebviewWindowBuilder};

fn main() {
    let mut context = tauri::generate_context!();
    // The app's own window would load the Jiedu UI; the baseline shows an empty page instead.
    context.config_mut().app.windows.clear();
    let result = tauri::Builder::default()
        .setup(|app| {
            let blank = "data:text/html,<!doctype html><title>bare</title>"
                .parse()
                .map_err(|e| format!("{e}"))?;
            WebviewWindowBuilder::new(app, "main", WebviewUrl::External(blank))
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
