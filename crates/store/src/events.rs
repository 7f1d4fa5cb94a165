//! Live updates from the audit log: every change appends one audit row in its own transaction,
//! so the log is the event stream. PostgreSQL announces each row with NOTIFY at commit (a
//! trigger, see the team migration); a watcher turns those announcements, or on SQLite a short
//! poll, into "the log now reaches sequence N". Readers then fetch the rows after the last one
//! they saw, so a notification lost while reconnecting loses no event.

use crate::audit::{event_from_row, AuditEvent, SELECT_EVENTS};
use crate::db::{self, sql_owned};
use crate::error::StoreError;
use crate::Store;
use std::collections::VecDeque;
use std::time::Duration;
use tokio::sync::watch;

/// The channel the audit trigger notifies on.
pub const AUDIT_CHANNEL: &str = "jiedu_audit";
/// How often the watcher looks anyway: on SQLite always, on PostgreSQL as a safety net should
/// the LISTEN connection drop notifications while it reconnects.
const POLL: Duration = Duration::from_millis(250);
const SAFETY_POLL: Duration = Duration::from_secs(2);
/// The most events one read returns.
pub const EVENT_PAGE: i64 = 500;

impl Store {
    /// The newest audit sequence number, 0 for an empty log.
    pub async fn latest_seq(&self) -> Result<i64, StoreError> {
        let seq: Option<i64> = db::sql("SELECT MAX(seq) FROM audit_log")
            .scalar(self.db())
            .await?;
        Ok(seq.unwrap_or(0))
    }

    /// Audit events after `seq`, oldest first, at most [`EVENT_PAGE`].
    pub async fn events_after(&self, seq: i64) -> Result<Vec<AuditEvent>, StoreError> {
        let rows = sql_owned(format!(
            "{SELECT_EVENTS} WHERE seq > $1 ORDER BY seq LIMIT {EVENT_PAGE}"
        ))
        .bind(seq)
        .fetch_all(self.db())
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// Starts watching the log: the receiver holds the newest sequence number and changes when
    /// a new row is committed. One LISTEN connection per call, so a server calls it once and
    /// shares the receiver. The watcher stops when every receiver is dropped.
    pub async fn watch_audit(&self) -> Result<watch::Receiver<i64>, StoreError> {
        let (tx, rx) = watch::channel(self.latest_seq().await?);
        let store = self.clone();
        match self.db() {
            db::Pool::Sqlite(_) => {
                tokio::spawn(async move {
                    while !tx.is_closed() {
                        tokio::time::sleep(POLL).await;
                        publish(&store, &tx).await;
                    }
                });
            }
            db::Pool::Postgres(pool) => {
                let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
                listener.listen(AUDIT_CHANNEL).await?;
                tokio::spawn(async move {
                    while !tx.is_closed() {
                        // A notification, a dropped connection (recv reconnects) or the safety
                        // poll: in each case read the newest number from the table itself.
                        let _ = tokio::time::timeout(SAFETY_POLL, listener.recv()).await;
                        publish(&store, &tx).await;
                    }
                });
            }
        }
        Ok(rx)
    }
}

/// Follows the audit log from a sequence number: every row after it, in order, then each new
/// one as the watcher announces it. The server's event stream, `jiedu watch` and the app's live
/// updates all read the log through this.
pub struct AuditFollower {
    store: Store,
    latest: watch::Receiver<i64>,
    last: i64,
    queue: VecDeque<AuditEvent>,
}

impl AuditFollower {
    /// Follows the rows after `after`, woken by `latest` (from [`Store::watch_audit`]).
    pub fn new(store: Store, latest: watch::Receiver<i64>, after: i64) -> AuditFollower {
        AuditFollower {
            store,
            latest,
            last: after.max(0),
            queue: VecDeque::new(),
        }
    }

    /// The next row, waiting for it; `None` once the watcher has stopped. A read that fails
    /// (the database restarting) is tried again a second later: rows are never skipped.
    pub async fn next(&mut self) -> Option<AuditEvent> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                self.last = event.seq;
                return Some(event);
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
                Err(_) => tokio::time::sleep(Duration::from_secs(1)).await,
            }
        }
    }
}

impl Store {
    /// Follows the log after `after`, or from now, with a watcher of its own.
    pub async fn follow_audit(&self, after: Option<i64>) -> Result<AuditFollower, StoreError> {
        let latest = self.watch_audit().await?;
        let after = match after {
            Some(seq) => seq,
            None => self.latest_seq().await?,
        };
        Ok(AuditFollower::new(self.clone(), latest, after))
    }
}

async fn publish(store: &Store, tx: &watch::Sender<i64>) {
    if let Ok(seq) = store.latest_seq().await {
        tx.send_if_modified(|current| {
            let newer = seq > *current;
            if newer {
                *current = seq;
            }
            newer
        });
    }
}
