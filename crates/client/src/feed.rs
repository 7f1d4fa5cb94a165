//! Following the changes in either mode: the local audit log, or a server's event stream that
//! is reopened after the last sequence number seen whenever it drops, so nothing is missed.

use crate::error::ClientError;
use crate::remote::Remote;
use crate::EventStream;
use jiedu_store::{AuditEvent, AuditFollower};
use std::time::Duration;

/// Every change after a point, in order, as it happens.
pub enum EventFeed {
    /// This computer's database.
    Local(AuditFollower),
    /// A server.
    Remote {
        /// The signed-in connection.
        remote: Remote,
        /// The last sequence number received (`None`: from when the feed opened).
        last: Option<i64>,
        /// The open stream, if any (boxed: a response is large beside the local follower).
        stream: Option<Box<EventStream>>,
        /// Told when a lost connection is being reopened.
        on_reconnect: Option<fn(&ClientError)>,
    },
}

impl EventFeed {
    /// Calls `notice` each time a lost server connection is reopened.
    pub fn with_reconnect_notice(mut self, notice: fn(&ClientError)) -> EventFeed {
        if let EventFeed::Remote { on_reconnect, .. } = &mut self {
            *on_reconnect = Some(notice);
        }
        self
    }

    /// The next change; `Ok(None)` when the feed has ended. A server that refuses (an expired
    /// session) ends it with the error; a server that cannot be reached is tried again.
    pub async fn next(&mut self) -> Result<Option<AuditEvent>, ClientError> {
        match self {
            EventFeed::Local(follower) => Ok(follower.next().await),
            EventFeed::Remote {
                remote,
                last,
                stream,
                on_reconnect,
            } => loop {
                if stream.is_none() {
                    match remote.events(*last).await {
                        Ok(opened) => *stream = Some(Box::new(opened)),
                        Err(e) if e.code() == "server.connect" => {
                            if let Some(notice) = on_reconnect {
                                notice(&e);
                            }
                            tokio::time::sleep(Duration::from_secs(1)).await;
                            continue;
                        }
                        Err(e) => return Err(e),
                    }
                }
                if let Some(open) = stream.as_mut() {
                    match open.next().await {
                        Ok(Some(event)) => {
                            *last = Some(event.seq);
                            return Ok(Some(event));
                        }
                        Ok(None) | Err(_) => {
                            *stream = None;
                            tokio::time::sleep(Duration::from_millis(500)).await;
                        }
                    }
                }
            },
        }
    }
}
