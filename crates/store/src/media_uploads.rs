//! Resumable uploads of media through the server: the client sends the file in pieces at
//! offsets; a piece lost to the network is sent again from what the server says it holds.
//!
//! The pieces are stored as the final chunks, under the upload's own key, so finishing an
//! upload writes nothing twice: it applies the (small, in-place) metadata patches the
//! validator asked for, checks the hash over what is stored, and names the chunks as the file.

use crate::accounts::Session;
use crate::audit::now_text;
use crate::db::sql;
use crate::error::StoreError;
use crate::media::{chunks_key, corrupt, media_error, StoredMedia, CHUNK_SIZE};
use crate::Store;
use chrono::{Duration, Utc};
use jiedu_core::media::{MediaInfo, ANY_LIMIT};
use jiedu_core::permissions::{authorize, Action};
use jiedu_core::workflow::WorkflowError;
use serde::{Deserialize, Serialize};
use std::io::Write;

/// Uploads left unfinished this long are removed when the next one starts.
const ABANDONED_HOURS: i64 = 24;

/// Where an upload stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UploadStatus {
    /// The upload's id, for the next piece.
    pub id: String,
    /// The file's name as the user gave it.
    pub file_name: String,
    /// The whole file's size.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub byte_len: u64,
    /// Bytes received so far: the offset of the next piece.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub received: u64,
    /// Pieces must be whole multiples of this (the last excepted).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub chunk_size: u64,
}

fn may_edit(session: &Session) -> Result<(), StoreError> {
    authorize(session.user(), Action::Edit, None)
        .map_err(|e| StoreError::Workflow(WorkflowError::Permission(e)))
}

/// Refuses an empty file or one over the largest any format allows, before a byte is sent.
pub fn check_declared_size(file_name: &str, byte_len: u64) -> Result<(), StoreError> {
    if byte_len == 0 {
        return Err(media_error(
            file_name,
            "文件为空 / the file is empty".into(),
        ));
    }
    if byte_len > ANY_LIMIT {
        return Err(StoreError::MediaTooLarge {
            file: file_name.to_string(),
            mb: byte_len.div_ceil(1024 * 1024),
            limit_mb: ANY_LIMIT / (1024 * 1024),
        });
    }
    Ok(())
}

impl Store {
    /// Starts an upload of `byte_len` bytes; refuses an empty or oversized file at once.
    pub async fn begin_upload(
        &self,
        session: &Session,
        file_name: &str,
        byte_len: u64,
    ) -> Result<UploadStatus, StoreError> {
        may_edit(session)?;
        check_declared_size(file_name, byte_len)?;
        self.drop_abandoned_uploads().await?;
        let id = chunks_key()?;
        sql(
            "INSERT INTO media_uploads (id, file_name, byte_len, received, actor, started_at)
             VALUES ($1, $2, $3, 0, $4, $5)",
        )
        .bind(&id)
        .bind(file_name)
        .bind(byte_len as i64)
        .bind(&session.user().id)
        .bind(now_text())
        .execute(self.db())
        .await?;
        Ok(UploadStatus {
            id,
            file_name: file_name.to_string(),
            byte_len,
            received: 0,
            chunk_size: CHUNK_SIZE as u64,
        })
    }

    /// Where an upload of this session's user stands.
    pub async fn upload_status(
        &self,
        session: &Session,
        id: &str,
    ) -> Result<UploadStatus, StoreError> {
        let row =
            sql("SELECT file_name, byte_len, received, actor FROM media_uploads WHERE id = $1")
                .bind(id)
                .fetch_optional(self.db())
                .await?;
        let Some(row) = row else {
            return Err(StoreError::UploadNotFound { id: id.to_string() });
        };
        let actor: String = row.get("actor")?;
        // Another user's upload is not found rather than forbidden: ids are not to be probed.
        if actor != session.user().id {
            return Err(StoreError::UploadNotFound { id: id.to_string() });
        }
        let byte_len: i64 = row.get("byte_len")?;
        let received: i64 = row.get("received")?;
        Ok(UploadStatus {
            id: id.to_string(),
            file_name: row.get("file_name")?,
            byte_len: byte_len.max(0) as u64,
            received: received.max(0) as u64,
            chunk_size: CHUNK_SIZE as u64,
        })
    }

    /// Stores the piece `bytes` at `offset`, which must be what the upload holds so far.
    pub async fn append_upload(
        &self,
        session: &Session,
        id: &str,
        offset: u64,
        bytes: &[u8],
    ) -> Result<UploadStatus, StoreError> {
        let mut status = self.upload_status(session, id).await?;
        let end = offset.saturating_add(bytes.len() as u64);
        let aligned = offset.is_multiple_of(CHUNK_SIZE as u64)
            && (bytes.len().is_multiple_of(CHUNK_SIZE) || end == status.byte_len);
        if offset != status.received || !aligned || end > status.byte_len || bytes.is_empty() {
            return Err(StoreError::UploadOffset {
                file: status.file_name,
                offset,
                received: status.received,
            });
        }
        let mut tx = self.db().begin_bulk().await?;
        for (i, piece) in bytes.chunks(CHUNK_SIZE).enumerate() {
            let seq = (offset / CHUNK_SIZE as u64) as i64 + i as i64;
            sql("INSERT INTO media_chunks (chunks_key, seq, data) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(seq)
                .bind(piece)
                .execute(&mut tx)
                .await?;
        }
        // Only the piece at the offset recorded can move it on, so a piece sent twice by a
        // retrying client fails on the chunk key above rather than being stored twice.
        let moved = sql("UPDATE media_uploads SET received = $1 WHERE id = $2 AND received = $3")
            .bind(end as i64)
            .bind(id)
            .bind(offset as i64)
            .execute(&mut tx)
            .await?;
        if moved != 1 {
            return Err(StoreError::UploadOffset {
                file: status.file_name,
                offset,
                received: status.received,
            });
        }
        tx.commit().await?;
        status.received = end;
        Ok(status)
    }

    /// Writes a complete upload's bytes to `path`, for the validator to read.
    pub async fn upload_to_file(
        &self,
        session: &Session,
        id: &str,
        path: &std::path::Path,
    ) -> Result<UploadStatus, StoreError> {
        let status = self.upload_status(session, id).await?;
        if status.received != status.byte_len {
            return Err(StoreError::UploadIncomplete {
                file: status.file_name,
                received: status.received,
                byte_len: status.byte_len,
            });
        }
        let io = |e: std::io::Error| corrupt(format!("upload {id} to {}: {e}", path.display()));
        let mut file = std::fs::File::create(path).map_err(io)?;
        let mut seq = 0i64;
        loop {
            let rows = sql(
                "SELECT data FROM media_chunks WHERE chunks_key = $1 AND seq >= $2 AND seq < $3 ORDER BY seq",
            )
            .bind(id)
            .bind(seq)
            .bind(seq + 16)
            .fetch_all(self.db())
            .await?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                file.write_all(&row.get::<Vec<u8>>("data")?).map_err(io)?;
            }
            seq += rows.len() as i64;
        }
        file.sync_all().map_err(io)?;
        Ok(status)
    }

    /// Finishes a checked upload: applies `patches` (offset, bytes; length-preserving) to the
    /// stored chunks, checks the result against `info` and stores it as that file.
    pub async fn finish_upload(
        &self,
        session: &Session,
        id: &str,
        info: &MediaInfo,
        patches: &[(u64, Vec<u8>)],
    ) -> Result<StoredMedia, StoreError> {
        let status = self.upload_status(session, id).await?;
        if status.received != status.byte_len {
            return Err(StoreError::UploadIncomplete {
                file: status.file_name,
                received: status.received,
                byte_len: status.byte_len,
            });
        }
        self.patch_chunks(id, patches).await?;
        let (actual, total) = self.hash_chunks(id).await?;
        if actual != info.sha256 || total != info.byte_len {
            self.cancel_upload(session, id).await?;
            return Err(media_error(
                &status.file_name,
                format!("上传的内容与检查结果不符（SHA-256 {actual}），未保存 / the bytes uploaded are not the file checked (SHA-256 {actual}); nothing was stored"),
            ));
        }
        if let Some(stored) = self.media_info(&info.sha256).await? {
            self.cancel_upload(session, id).await?;
            return Ok(stored);
        }
        sql("DELETE FROM media_uploads WHERE id = $1")
            .bind(id)
            .execute(self.db())
            .await?;
        self.register_blob(&session.user().id, &status.file_name, info, id)
            .await
    }

    /// Drops an upload and what it received.
    pub async fn cancel_upload(&self, session: &Session, id: &str) -> Result<(), StoreError> {
        self.upload_status(session, id).await?;
        sql("DELETE FROM media_uploads WHERE id = $1")
            .bind(id)
            .execute(self.db())
            .await?;
        self.drop_chunks(id).await;
        Ok(())
    }

    async fn patch_chunks(&self, key: &str, patches: &[(u64, Vec<u8>)]) -> Result<(), StoreError> {
        let chunk = CHUNK_SIZE as u64;
        let mut tx = self.db().begin_bulk().await?;
        for (offset, bytes) in patches {
            let mut at = *offset;
            let mut rest: &[u8] = bytes;
            while !rest.is_empty() {
                let seq = (at / chunk) as i64;
                let within = (at % chunk) as usize;
                let data: Option<Vec<u8>> =
                    sql("SELECT data FROM media_chunks WHERE chunks_key = $1 AND seq = $2")
                        .bind(key)
                        .bind(seq)
                        .scalar_optional(&mut tx)
                        .await?;
                let mut data =
                    data.ok_or_else(|| corrupt(format!("upload {key}: patch past its end")))?;
                let n = rest.len().min(data.len().saturating_sub(within));
                if n == 0 {
                    return Err(corrupt(format!("upload {key}: patch past its end")));
                }
                data[within..within + n].copy_from_slice(&rest[..n]);
                sql("UPDATE media_chunks SET data = $1 WHERE chunks_key = $2 AND seq = $3")
                    .bind(data)
                    .bind(key)
                    .bind(seq)
                    .execute(&mut tx)
                    .await?;
                rest = &rest[n..];
                at += n as u64;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn drop_abandoned_uploads(&self) -> Result<(), StoreError> {
        let before = crate::audit::time_text(Utc::now() - Duration::hours(ABANDONED_HOURS));
        let rows = sql("SELECT id FROM media_uploads WHERE started_at < $1")
            .bind(before)
            .fetch_all(self.db())
            .await?;
        for row in rows {
            let id: String = row.get("id")?;
            sql("DELETE FROM media_uploads WHERE id = $1")
                .bind(&id)
                .execute(self.db())
                .await?;
            self.drop_chunks(&id).await;
        }
        Ok(())
    }
}
