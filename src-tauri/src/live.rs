//! Live updates for the UI: every committed change reaches the webview as a `jiedu://audit`
//! event, from the server's event stream in team mode or the local audit log in solo mode. The
//! feed resumes from the last sequence number after a dropped connection, and stops when the
//! backend is switched (its generation no longer current).

use jiedu_client::Backend;
use jiedu_store::AuditEvent;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tauri::{AppHandle, Emitter};

/// The event the UI listens to.
pub const EVENT: &str = "jiedu://audit";

/// Starts a feed for `backend`, ending any earlier one.
pub fn start(app: AppHandle, backend: Backend, generation: Arc<AtomicU64>) {
    let mine = generation.fetch_add(1, Ordering::SeqCst) + 1;
    let current = move || generation.load(Ordering::SeqCst) == mine;
    let emit = move |event: &AuditEvent| {
        let _ = app.emit(EVENT, event);
    };
    tauri::async_runtime::spawn(async move {
        let Ok(mut feed) = backend.follow(None).await else {
            return;
        };
        while current() {
            // Quiet for a while: still ours? Then keep following.
            match tokio::time::timeout(Duration::from_secs(2), feed.next()).await {
                Ok(Ok(Some(event))) => emit(&event),
                // Ended, or refused (not signed in yet: the sign-in starts a feed of its own).
                Ok(Ok(None)) | Ok(Err(_)) => return,
                Err(_) => {}
            }
        }
    });
}
