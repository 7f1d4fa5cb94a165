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
        match &backend {
            Backend::Local(store) => {
                let Ok(mut last) = store.latest_seq().await else {
                    return;
                };
                let Ok(mut latest) = store.watch_audit().await else {
                    return;
                };
                while current() {
                    if let Ok(events) = store.events_after(last).await {
                        for event in events {
                            last = event.seq;
                            emit(&event);
                        }
                    }
                    let changed = tokio::time::timeout(Duration::from_secs(1), latest.changed());
                    if let Ok(Err(_)) = changed.await {
                        return;
                    }
                }
            }
            Backend::Remote(_) => {
                let mut last = None;
                while current() {
                    match backend.events(last).await {
                        Ok(Some(mut stream)) => loop {
                            let next = tokio::time::timeout(Duration::from_secs(2), stream.next());
                            match next.await {
                                Ok(Ok(Some(event))) => {
                                    last = Some(event.seq);
                                    emit(&event);
                                }
                                // Quiet for 2 s: still ours? Then keep reading.
                                Err(_) if current() => {}
                                _ => break,
                            }
                        },
                        Ok(None) => return,
                        // Not signed in yet: the sign-in starts a feed of its own.
                        Err(e) if e.code().starts_with("auth.") => return,
                        Err(_) => {}
                    }
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    });
}
