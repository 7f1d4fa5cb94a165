//! `GET /events`: server-sent events, one per audit row, each carrying its sequence number as
//! the SSE id. A client that reconnects sends `Last-Event-ID` (or `?after=N`) and gets every row
//! after it, read from the table; the process's one watcher only says when to read again.

use crate::auth::Caller;
use crate::error::HttpError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use jiedu_api::EventsQuery;
use jiedu_store::{AuditEvent, Store};
use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::watch;

struct Feed {
    store: Store,
    latest: watch::Receiver<i64>,
    last: i64,
    queue: VecDeque<AuditEvent>,
}

impl Feed {
    async fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                self.last = event.seq;
                let data = serde_json::to_string(&event).ok()?;
                return Some(
                    Event::default()
                        .id(event.seq.to_string())
                        .event("audit")
                        .data(data),
                );
            }
            match self.store.events_after(self.last).await {
                Ok(events) if !events.is_empty() => self.queue.extend(events),
                Ok(_) => {
                    // Nothing newer yet: wait for the watcher, which also wakes on its poll.
                    let newest = *self.latest.borrow_and_update();
                    if newest <= self.last && self.latest.changed().await.is_err() {
                        return None;
                    }
                }
                Err(e) => {
                    eprintln!("jiedu-server: events: {e}");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }
}

/// The stream of audit events after the client's last one.
pub async fn events(
    State(state): State<AppState>,
    _caller: Caller,
    headers: HeaderMap,
    Query(q): Query<EventsQuery>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, HttpError> {
    let from_header = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok());
    let last = match q.after.or(from_header) {
        Some(seq) => seq.max(0),
        None => state.store.latest_seq().await?,
    };
    let feed = Feed {
        store: state.store.clone(),
        latest: state.latest.clone(),
        last,
        queue: VecDeque::new(),
    };
    let stream = stream::unfold(feed, |mut feed| async move {
        let event = feed.next().await?;
        Some((Ok(event), feed))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
