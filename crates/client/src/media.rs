//! Media in either mode: a file checked by its content on this desk, then stored locally or
//! sent to the server in pieces that resume after a dropped connection; stored bytes read back
//! for previews and for the renderers.

use crate::backend::{local_only, Actor, Backend};
use crate::error::ClientError;
use jiedu_api::{FinishedUpload, UploadStart, UPLOAD_PIECE_BYTES};
use jiedu_core::media::{next_media_id, AddedMedia, MediaKind, MediaLibrary, MediaNotes, MediaRef};
use jiedu_core::pack::PackContent;
use jiedu_store::{SavedRevision, StoredMedia, UploadStatus};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::time::Duration;

/// How often a piece is sent again after the connection failed, each after a longer pause.
const RETRIES: u32 = 5;

/// Reports bytes sent (or stored) of the total.
pub type MediaProgress<'a> = &'a (dyn Fn(u64, u64) + Send + Sync);

fn refused(file_name: &str) -> impl Fn(jiedu_media::MediaError) -> ClientError + '_ {
    move |error| ClientError::Media {
        file: file_name.to_string(),
        error,
    }
}

/// Checks a file by its content (type, size, integrity) and finds the metadata to strip.
pub async fn inspect(path: &Path, file_name: &str) -> Result<jiedu_media::Inspected, ClientError> {
    let (path, name) = (path.to_path_buf(), file_name.to_string());
    tokio::task::spawn_blocking(move || jiedu_media::inspect_file(&path, &name))
        .await
        .map_err(|e| ClientError::Connect {
            url: "local".into(),
            detail: format!("检查文件的任务失败 the check failed: {e}"),
        })?
        .map_err(refused(file_name))
}

impl Backend {
    /// Checks the file at `path` (named `file_name` as the user gave it) and stores it: in the
    /// local database, or on the server. Nothing is stored when the check refuses it.
    pub async fn store_media(
        &self,
        actor: &Actor,
        path: &Path,
        file_name: &str,
        progress: MediaProgress<'_>,
    ) -> Result<(StoredMedia, Vec<String>), ClientError> {
        let inspected = inspect(path, file_name).await?;
        match self {
            Backend::Local(store) => {
                let session = local_only(actor)?;
                let total = inspected.info.byte_len;
                let reader =
                    jiedu_media::patched_reader(path, inspected.patches.clone()).map_err(|e| {
                        ClientError::Media {
                            file: file_name.to_string(),
                            error: jiedu_media::MediaError::Unreadable {
                                file: file_name.to_string(),
                                detail: e.to_string(),
                            },
                        }
                    })?;
                let counted = Counting {
                    inner: reader,
                    read: 0,
                    total,
                    progress,
                };
                let stored = store
                    .put_media(session, file_name, &inspected.info, counted)
                    .await?;
                progress(total, total);
                Ok((stored, inspected.stripped))
            }
            Backend::Remote(remote) => {
                let finished = upload(remote, path, file_name, progress).await?;
                Ok((finished.stored, finished.stripped))
            }
        }
    }

    /// Stores a file and gives the reference to put in a pack (id next after `existing`).
    pub async fn add_media(
        &self,
        actor: &Actor,
        path: &Path,
        file_name: &str,
        existing: &[MediaRef],
        progress: MediaProgress<'_>,
    ) -> Result<AddedMedia, ClientError> {
        let (stored, stripped) = self.store_media(actor, path, file_name, progress).await?;
        Ok(AddedMedia {
            media: MediaRef::new(next_media_id(existing), file_name, stored.info),
            stripped,
            existed: stored.existed,
        })
    }

    /// Adds a file to pack `id`'s current revision with `notes`, as one saved revision.
    pub async fn add_media_to_pack(
        &self,
        actor: &Actor,
        id: &str,
        path: &Path,
        file_name: &str,
        notes: &MediaNotes,
        progress: MediaProgress<'_>,
    ) -> Result<(SavedRevision, AddedMedia), ClientError> {
        let pack = self.get_pack(id).await?;
        // Refused before any byte is stored, not after, when the pack may not be edited.
        jiedu_core::workflow::plan_step(actor.user(), jiedu_core::Step::Edit, &pack, &[])
            .map_err(|e| ClientError::Store(jiedu_store::StoreError::Workflow(e)))?;
        let mut added = self
            .add_media(
                actor,
                path,
                file_name,
                &pack.content.materials.media,
                progress,
            )
            .await?;
        added.media = added.media.with_notes(notes);
        let mut content = pack.content.clone();
        content.materials.media.push(added.media.clone());
        let saved = self.save(actor, id, pack.revision, &content).await?;
        Ok((saved, added))
    }

    /// What is stored under this SHA-256.
    pub async fn media_info(&self, sha256: &str) -> Result<StoredMedia, ClientError> {
        match self {
            Backend::Local(s) => s.media_info(sha256).await?.ok_or_else(|| {
                ClientError::Store(jiedu_store::StoreError::MediaNotFound {
                    sha256: sha256.to_string(),
                })
            }),
            Backend::Remote(r) => r.get(&format!("/media/{sha256}/info")).await,
        }
    }

    /// `len` bytes of a stored file from `start`, for previews that seek.
    pub async fn media_range(
        &self,
        sha256: &str,
        start: u64,
        len: u64,
    ) -> Result<Vec<u8>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.media_range(sha256, start, len).await?),
            Backend::Remote(r) => r.get_range(&format!("/media/{sha256}"), start, len).await,
        }
    }

    /// A whole stored file.
    pub async fn media_bytes(&self, sha256: &str) -> Result<Vec<u8>, ClientError> {
        match self {
            Backend::Local(s) => Ok(s.media_bytes(sha256).await?),
            Backend::Remote(r) => r.get_bytes(&format!("/media/{sha256}")).await,
        }
    }

    /// The bytes the renderers need of `content`'s media: images only (for the PDF), or every
    /// file (for the media kit and the portal package).
    pub async fn media_library(
        &self,
        content: &PackContent,
        images_only: bool,
    ) -> Result<MediaLibrary, ClientError> {
        let mut library = MediaLibrary::new();
        for m in &content.materials.media {
            if images_only && m.kind() != MediaKind::Image {
                continue;
            }
            if !library.contains(&m.info.sha256) {
                let bytes = self.media_bytes(&m.info.sha256).await?;
                library.insert(&m.info.sha256, bytes);
            }
        }
        Ok(library)
    }

    /// The images of pack `id` as it is now, for the PDF a leader signs: signing renders inside
    /// the store's transaction, where nothing can be fetched, so they are loaded before it.
    pub async fn images_for_signing(&self, id: &str) -> Result<MediaLibrary, ClientError> {
        let pack = self.get_pack(id).await?;
        self.media_library(&pack.content, true).await
    }
}

/// Sends the file in pieces; after a failed piece asks the server what it holds and goes on
/// from there, so a dropped connection costs one piece, not the file.
async fn upload(
    remote: &crate::Remote,
    path: &Path,
    file_name: &str,
    progress: MediaProgress<'_>,
) -> Result<FinishedUpload, ClientError> {
    let unreadable = |e: std::io::Error| ClientError::Media {
        file: file_name.to_string(),
        error: jiedu_media::MediaError::Unreadable {
            file: file_name.to_string(),
            detail: e.to_string(),
        },
    };
    let byte_len = std::fs::metadata(path).map_err(unreadable)?.len();
    let mut status: UploadStatus = remote
        .post(
            "/media/uploads",
            &UploadStart {
                file_name: file_name.to_string(),
                byte_len,
            },
        )
        .await?;
    let piece_len = piece_len(status.chunk_size);
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut buf = vec![0u8; piece_len];
    let mut failures = 0;
    while status.received < status.byte_len {
        let n = (status.byte_len - status.received).min(piece_len as u64) as usize;
        file.seek(SeekFrom::Start(status.received))
            .map_err(unreadable)?;
        file.read_exact(&mut buf[..n]).map_err(unreadable)?;
        let at = format!("/media/uploads/{}?offset={}", status.id, status.received);
        match remote
            .put_octets::<UploadStatus>(&at, buf[..n].to_vec())
            .await
        {
            Ok(next) => {
                status = next;
                failures = 0;
                progress(status.received, status.byte_len);
            }
            Err(e) if resumable(&e) && failures < RETRIES => {
                failures += 1;
                tokio::time::sleep(Duration::from_millis(200 << failures)).await;
                if let Ok(now) = remote
                    .get::<UploadStatus>(&format!("/media/uploads/{}", status.id))
                    .await
                {
                    status = now;
                }
            }
            Err(e) => {
                let _ = remote
                    .delete(&format!("/media/uploads/{}", status.id))
                    .await;
                return Err(e);
            }
        }
    }
    remote
        .post(
            &format!("/media/uploads/{}/finish", status.id),
            &serde_json::Value::Null,
        )
        .await
}

/// Pieces are whole chunks of the server's, as large as a request may carry.
fn piece_len(chunk_size: u64) -> usize {
    let chunk = usize::try_from(chunk_size)
        .unwrap_or(UPLOAD_PIECE_BYTES)
        .max(1);
    (UPLOAD_PIECE_BYTES / chunk).max(1) * chunk
}

/// A connection failure, or a piece the server did not take at that offset: ask where it
/// stands and go on.
fn resumable(e: &ClientError) -> bool {
    matches!(e, ClientError::Connect { .. }) || e.code() == "upload.offset"
}

/// Reports progress as the store reads the file.
struct Counting<'a, R> {
    inner: R,
    read: u64,
    total: u64,
    progress: MediaProgress<'a>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        (self.progress)(self.read, self.total);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::piece_len;

    #[test]
    fn pieces_are_whole_chunks() {
        assert_eq!(piece_len(1024 * 1024), 4 * 1024 * 1024);
        assert_eq!(piece_len(3 * 1024 * 1024), 3 * 1024 * 1024);
        assert_eq!(piece_len(0), 4 * 1024 * 1024);
    }
}
