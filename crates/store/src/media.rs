//! Media files, stored once by SHA-256 on either engine, in chunks.
//!
//! The caller validates a file's content first (`jiedu-media`); the store checks only that the
//! bytes it is given are the bytes the [`MediaInfo`] describes, hashing them as they are written.
//! Chunks go in under a fresh key and a blob row names them only once all are written and the
//! hash holds, so an interrupted upload leaves no half file behind a hash, and a long video
//! never holds the write lock that every other desk's save needs.

use crate::accounts::Session;
use crate::audit::{self, now_text, Entry};
use crate::db::{sql, Tx};
use crate::error::StoreError;
use crate::Store;
use jiedu_core::media::{is_sha256_hex, MediaInfo};
use jiedu_core::pack::PackContent;
use jiedu_core::permissions::{authorize, Action};
use jiedu_core::workflow::WorkflowError;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::Read;

/// Bytes per stored chunk: small enough for any row limit, large enough to stream quickly.
pub const CHUNK_SIZE: usize = 1024 * 1024;
/// Chunks written per transaction.
const CHUNKS_PER_TX: usize = 8;

/// A stored file and who stored it first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredMedia {
    /// What the file is.
    pub info: MediaInfo,
    /// Who stored it first.
    pub added_by: String,
    /// When, RFC 3339.
    pub added_at: String,
    /// Whether the same bytes were already stored (nothing was written).
    pub existed: bool,
}

/// The result of checking every stored file and every reference to one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaVerification {
    /// Stored files checked.
    pub files: usize,
    /// The first file that does not match its hash, or a reference to a missing file.
    pub first_broken: Option<MediaProblem>,
}

/// One file that failed the check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MediaProblem {
    /// The file's SHA-256.
    pub sha256: String,
    /// Its name in the first pack that refers to it, and that pack.
    pub file_name: String,
    /// The first pack referring to it.
    pub pack_id: String,
    /// What is wrong, in both languages.
    pub reason: String,
}

pub(crate) fn corrupt(what: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        what: what.to_string(),
    }
}

pub(crate) fn media_error(file: &str, detail: String) -> StoreError {
    StoreError::InvalidMedia {
        file: file.to_string(),
        detail,
    }
}

/// A fresh key for one upload's chunks.
pub(crate) fn chunks_key() -> Result<String, StoreError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| corrupt(format!("random: {e}")))?;
    Ok(hex::encode(bytes))
}

/// Reads up to `buf.len()` bytes, fewer only at the end of the source.
fn fill(source: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match source.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

impl Store {
    /// Stores a validated file's bytes, read from `source`, unless the same bytes are stored
    /// already. Refuses bytes whose length or SHA-256 differ from `info`, leaving nothing.
    pub async fn put_media(
        &self,
        session: &Session,
        file_name: &str,
        info: &MediaInfo,
        source: impl Read + Send,
    ) -> Result<StoredMedia, StoreError> {
        authorize(session.user(), Action::Edit, None)
            .map_err(|e| StoreError::Workflow(WorkflowError::Permission(e)))?;
        self.put_media_as(&session.user().id, file_name, info, source)
            .await
    }

    /// [`Store::put_media`] for an actor already authorised (the server's upload handler).
    pub async fn put_media_as(
        &self,
        actor: &str,
        file_name: &str,
        info: &MediaInfo,
        mut source: impl Read + Send,
    ) -> Result<StoredMedia, StoreError> {
        if !is_sha256_hex(&info.sha256) {
            return Err(media_error(
                file_name,
                "SHA-256 须为 64 位小写十六进制 / the SHA-256 must be 64 lower-case hex digits"
                    .into(),
            ));
        }
        if let Some(stored) = self.media_info(&info.sha256).await? {
            return Ok(StoredMedia {
                existed: true,
                ..stored
            });
        }
        let key = chunks_key()?;
        let written = self.write_chunks(&key, file_name, info, &mut source).await;
        if let Err(e) = written {
            self.drop_chunks(&key).await;
            return Err(e);
        }
        self.register_blob(actor, file_name, info, &key).await
    }

    /// Names the chunks under `key` as the file `info` describes, whose bytes the caller has
    /// checked; when the same bytes were stored meanwhile, theirs stand and ours go.
    pub(crate) async fn register_blob(
        &self,
        actor: &str,
        file_name: &str,
        info: &MediaInfo,
        key: &str,
    ) -> Result<StoredMedia, StoreError> {
        let at = now_text();
        let mut tx = self.db().begin_write().await?;
        let inserted = sql(
            "INSERT INTO media_blobs (sha256, chunks_key, format, byte_len, chunk_size, info, added_by, added_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(&info.sha256)
        .bind(key)
        .bind(format_text(info)?)
        .bind(len_i64(info.byte_len)?)
        .bind(CHUNK_SIZE as i64)
        .bind(serde_json::to_string(info).map_err(corrupt)?)
        .bind(actor)
        .bind(&at)
        .execute(&mut tx)
        .await?;
        if inserted == 0 {
            drop(tx);
            self.drop_chunks(key).await;
            let stored = self
                .media_info(&info.sha256)
                .await?
                .ok_or_else(|| corrupt(format!("media {} vanished while storing", info.sha256)))?;
            return Ok(StoredMedia {
                existed: true,
                ..stored
            });
        }
        audit::append(
            &mut tx,
            Entry {
                actor,
                action: "media.store",
                pack_id: None,
                revision: None,
                content_hash: None,
                detail: json!({
                    "sha256": info.sha256,
                    "file_name": file_name,
                    "format": info.format,
                    "byte_len": info.byte_len,
                }),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(StoredMedia {
            info: info.clone(),
            added_by: actor.to_string(),
            added_at: at,
            existed: false,
        })
    }

    async fn write_chunks(
        &self,
        key: &str,
        file_name: &str,
        info: &MediaInfo,
        source: &mut (impl Read + Send),
    ) -> Result<(), StoreError> {
        let mut hasher = Sha256::new();
        let mut total: u64 = 0;
        let mut seq: i64 = 0;
        let mut buf = vec![0u8; CHUNK_SIZE];
        loop {
            let mut tx = self.db().begin_bulk().await?;
            let mut ended = false;
            for _ in 0..CHUNKS_PER_TX {
                let n = fill(source, &mut buf).map_err(|e| {
                    media_error(file_name, format!("读取失败 / could not be read: {e}"))
                })?;
                if n == 0 {
                    ended = true;
                    break;
                }
                total += n as u64;
                if total > info.byte_len {
                    return Err(media_error(
                        file_name,
                        format!(
                            "文件比声明的 {} 字节长 / the file is longer than the {} bytes declared",
                            info.byte_len, info.byte_len
                        ),
                    ));
                }
                hasher.update(&buf[..n]);
                sql("INSERT INTO media_chunks (chunks_key, seq, data) VALUES ($1, $2, $3)")
                    .bind(key)
                    .bind(seq)
                    .bind(&buf[..n])
                    .execute(&mut tx)
                    .await?;
                seq += 1;
                if n < CHUNK_SIZE {
                    ended = true;
                    break;
                }
            }
            tx.commit().await?;
            if ended {
                break;
            }
        }
        let actual = hex::encode(hasher.finalize());
        if total != info.byte_len || actual != info.sha256 {
            return Err(media_error(
                file_name,
                format!(
                    "内容与校验值不符（收到 {total} 字节，SHA-256 {actual}），未保存 / the bytes received ({total}, SHA-256 {actual}) are not the file described; nothing was stored"
                ),
            ));
        }
        Ok(())
    }

    /// Removes an unfinished upload's chunks; a failure here only leaves unreachable rows.
    pub(crate) async fn drop_chunks(&self, key: &str) {
        let _ = sql("DELETE FROM media_chunks WHERE chunks_key = $1")
            .bind(key)
            .execute(self.db())
            .await;
    }

    /// A stored file's description, if those bytes are stored.
    pub async fn media_info(&self, sha256: &str) -> Result<Option<StoredMedia>, StoreError> {
        let row = sql("SELECT info, added_by, added_at FROM media_blobs WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(self.db())
            .await?;
        row.map(|r| {
            Ok(StoredMedia {
                info: serde_json::from_str(&r.get::<String>("info")?)
                    .map_err(|e| corrupt(format!("media {sha256}: {e}")))?,
                added_by: r.get("added_by")?,
                added_at: r.get("added_at")?,
                existed: true,
            })
        })
        .transpose()
    }

    /// `len` bytes of a stored file from `start` (fewer at its end), for previews that seek.
    pub async fn media_range(
        &self,
        sha256: &str,
        start: u64,
        len: u64,
    ) -> Result<Vec<u8>, StoreError> {
        let (key, byte_len, chunk) = self.blob_layout(sha256).await?;
        if start >= byte_len || len == 0 {
            return Ok(Vec::new());
        }
        let end = byte_len.min(start.saturating_add(len));
        let first = (start / chunk) as i64;
        let last = ((end - 1) / chunk) as i64;
        let rows = sql(
            "SELECT seq, data FROM media_chunks WHERE chunks_key = $1 AND seq >= $2 AND seq <= $3 ORDER BY seq",
        )
        .bind(&key)
        .bind(first)
        .bind(last)
        .fetch_all(self.db())
        .await?;
        let mut out = Vec::with_capacity((end - start) as usize);
        for row in rows {
            let seq: i64 = row.get("seq")?;
            let data: Vec<u8> = row.get("data")?;
            let chunk_start = seq as u64 * chunk;
            let from = start.saturating_sub(chunk_start) as usize;
            let to = ((end - chunk_start) as usize).min(data.len());
            if from < to {
                out.extend_from_slice(&data[from..to]);
            }
        }
        if out.len() as u64 != end - start {
            return Err(corrupt(format!("media {sha256}: chunks missing")));
        }
        Ok(out)
    }

    /// A whole stored file.
    pub async fn media_bytes(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let (_, byte_len, _) = self.blob_layout(sha256).await?;
        self.media_range(sha256, 0, byte_len).await
    }

    async fn blob_layout(&self, sha256: &str) -> Result<(String, u64, u64), StoreError> {
        let row = sql("SELECT chunks_key, byte_len, chunk_size FROM media_blobs WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(self.db())
            .await?
            .ok_or_else(|| StoreError::MediaNotFound {
                sha256: sha256.to_string(),
            })?;
        let len: i64 = row.get("byte_len")?;
        let chunk: i64 = row.get("chunk_size")?;
        if chunk <= 0 || len < 0 {
            return Err(corrupt(format!("media {sha256}: bad layout")));
        }
        Ok((row.get("chunks_key")?, len as u64, chunk as u64))
    }

    /// Checks every stored file against its SHA-256 and that every file a revision refers to is
    /// stored, naming the first that fails. Reads every byte, so it takes as long as the files
    /// are large.
    pub async fn verify_media(&self) -> Result<MediaVerification, StoreError> {
        let refs = self.media_references().await?;
        let rows = sql("SELECT sha256, chunks_key, byte_len FROM media_blobs ORDER BY sha256")
            .fetch_all(self.db())
            .await?;
        let mut stored = std::collections::BTreeSet::new();
        let named = |sha: &str| {
            refs.get(sha)
                .cloned()
                .unwrap_or_else(|| (String::new(), String::new()))
        };
        for (i, row) in rows.iter().enumerate() {
            let sha: String = row.get("sha256")?;
            let key: String = row.get("chunks_key")?;
            let len: i64 = row.get("byte_len")?;
            let (actual, total) = self.hash_chunks(&key).await?;
            if actual != sha || total != len as u64 {
                let (pack_id, file_name) = named(&sha);
                return Ok(MediaVerification {
                    files: i,
                    first_broken: Some(MediaProblem {
                        reason: format!(
                            "存储的字节与其 SHA-256 不符（文件被替换或损坏）：实际 {actual}，{total} 字节。\nThe stored bytes do not match their SHA-256 (the file was replaced or damaged): actual {actual}, {total} bytes."
                        ),
                        sha256: sha,
                        file_name,
                        pack_id,
                    }),
                });
            }
            stored.insert(sha);
        }
        for (sha, (pack_id, file_name)) in &refs {
            if !stored.contains(sha) {
                return Ok(MediaVerification {
                    files: rows.len(),
                    first_broken: Some(MediaProblem {
                        sha256: sha.clone(),
                        file_name: file_name.clone(),
                        pack_id: pack_id.clone(),
                        reason: "解读包引用的文件不在存储中（被删除）。\nA file a pack refers to is not stored (it was deleted).".into(),
                    }),
                });
            }
        }
        Ok(MediaVerification {
            files: rows.len(),
            first_broken: None,
        })
    }

    pub(crate) async fn hash_chunks(&self, key: &str) -> Result<(String, u64), StoreError> {
        let mut hasher = Sha256::new();
        let mut total = 0u64;
        let mut seq = 0i64;
        loop {
            let rows = sql(
                "SELECT data FROM media_chunks WHERE chunks_key = $1 AND seq >= $2 AND seq < $3 ORDER BY seq",
            )
            .bind(key)
            .bind(seq)
            .bind(seq + CHUNKS_PER_TX as i64)
            .fetch_all(self.db())
            .await?;
            if rows.is_empty() {
                break;
            }
            for row in &rows {
                let data: Vec<u8> = row.get("data")?;
                total += data.len() as u64;
                hasher.update(&data);
            }
            seq += rows.len() as i64;
        }
        Ok((hex::encode(hasher.finalize()), total))
    }

    /// Every file any revision refers to: its SHA-256 → (first pack, file name there).
    async fn media_references(&self) -> Result<BTreeMap<String, (String, String)>, StoreError> {
        let rows = sql("SELECT pack_id, content FROM revisions ORDER BY pack_id, revision")
            .fetch_all(self.db())
            .await?;
        let mut refs = BTreeMap::new();
        for row in rows {
            let pack_id: String = row.get("pack_id")?;
            // A revision that does not parse is reported by verify_revisions.
            let Ok(content) = serde_json::from_str::<PackContent>(&row.get::<String>("content")?)
            else {
                continue;
            };
            for m in content.materials.media {
                refs.entry(m.info.sha256.clone())
                    .or_insert_with(|| (pack_id.clone(), m.file_name.clone()));
            }
        }
        Ok(refs)
    }
}

/// Refuses content that refers to a file not stored, or describes a stored file otherwise than
/// it was stored (a client cannot relabel a PNG as a video by editing JSON).
pub(crate) async fn check_references(tx: &mut Tx, content: &PackContent) -> Result<(), StoreError> {
    for (i, m) in content.materials.media.iter().enumerate() {
        let field = format!("materials.media[{i}]");
        let info: Option<String> = sql("SELECT info FROM media_blobs WHERE sha256 = $1")
            .bind(&m.info.sha256)
            .scalar_optional(&mut *tx)
            .await?;
        let Some(info) = info else {
            return Err(StoreError::MediaMissing {
                field,
                file: m.file_name.clone(),
            });
        };
        let stored: MediaInfo = serde_json::from_str(&info).map_err(corrupt)?;
        if stored != m.info {
            return Err(media_error(
                &m.file_name,
                format!(
                    "{field} 的格式、大小或时长与存储的文件不符 / {field} describes the stored file differently (format, size or duration)"
                ),
            ));
        }
    }
    Ok(())
}

fn format_text(info: &MediaInfo) -> Result<String, StoreError> {
    match serde_json::to_value(info.format).map_err(corrupt)? {
        serde_json::Value::String(s) => Ok(s),
        other => Err(corrupt(format!("media format {other}"))),
    }
}

fn len_i64(len: u64) -> Result<i64, StoreError> {
    i64::try_from(len).map_err(|_| corrupt(format!("media length {len}")))
}
