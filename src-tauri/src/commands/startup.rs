//! The UI's first-paint signal, for the start-up measurement (scripts/measure-app.sh).

use std::sync::OnceLock;
use std::time::Instant;

/// When `main` started.
pub static STARTED: OnceLock<Instant> = OnceLock::new();

/// Called by the UI once its first screen is painted. With `JIEDU_STARTUP_TRACE` set, prints
/// the time since start on stderr, where the measuring script reads it.
#[tauri::command]
pub fn ui_ready() {
    if std::env::var_os("JIEDU_STARTUP_TRACE").is_some() {
        if let Some(started) = STARTED.get() {
            eprintln!("jiedu-first-paint-ms {}", started.elapsed().as_millis());
        }
    }
}
