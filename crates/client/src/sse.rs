//! Reading server-sent events: `id:` is the audit sequence number, `data:` the event as JSON.

use crate::error::ClientError;
use jiedu_store::AuditEvent;

/// The audit events a server streams, in order.
pub struct EventStream {
    response: reqwest::Response,
    /// Bytes, not text: a chunk may end inside a multi-byte character.
    buffer: Vec<u8>,
}

impl EventStream {
    pub(crate) fn new(response: reqwest::Response) -> EventStream {
        EventStream {
            response,
            buffer: Vec::new(),
        }
    }

    /// The next event; `Ok(None)` when the server closed the stream.
    pub async fn next(&mut self) -> Result<Option<AuditEvent>, ClientError> {
        loop {
            if let Some(end) = self.buffer.windows(2).position(|w| w == b"\n\n") {
                let bytes: Vec<u8> = self.buffer.drain(..end + 2).collect();
                let block = String::from_utf8_lossy(&bytes).replace('\r', "");
                let data: Vec<&str> = block
                    .lines()
                    .filter_map(|l| l.strip_prefix("data:"))
                    .map(|d| d.strip_prefix(' ').unwrap_or(d))
                    .collect();
                if data.is_empty() {
                    continue; // a keep-alive comment
                }
                let event =
                    serde_json::from_str(&data.join("\n")).map_err(|e| ClientError::Connect {
                        url: String::new(),
                        detail: format!("事件无法解析 unreadable event: {e}"),
                    })?;
                return Ok(Some(event));
            }
            match self.response.chunk().await {
                Ok(Some(bytes)) => {
                    self.buffer.extend_from_slice(&bytes);
                }
                Ok(None) => return Ok(None),
                Err(e) => {
                    return Err(ClientError::Connect {
                        url: String::new(),
                        detail: e.to_string(),
                    })
                }
            }
        }
    }
}
