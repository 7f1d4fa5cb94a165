//! `GET /events`: server-sent events, one per audit row, each carrying its sequence number as
//! the SSE id. A client that reconnects sends `Last-Event-ID` (or `?after=N`) and gets every row
//! after it, read from the table ([`AuditFollower`]); the process's one watcher only says when to read
//! again.

use crate::auth::Caller;
use crate::error::HttpError;
use crate::AppState;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use jiedu_api::EventsQuery;
use jiedu_store::AuditFollower;
use std::convert::Infallible;
use std::time::Duration;

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
    let feed = AuditFollower::new(state.store.clone(), state.latest.clone(), last);
    let stream = stream::unfold(feed, |mut feed| async move {
        let event = feed.next().await?;
        let data = serde_json::to_string(&event).ok()?;
        let sse = Event::default()
            .id(event.seq.to_string())
            .event("audit")
            .data(data);
        Some((Ok(sse), feed))
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
