//! Media through the server: resumable uploads in pieces, checked by `jiedu-media` when
//! finished, and stored files served with byte ranges so that a player can seek.

use crate::auth::Caller;
use crate::error::HttpError;
use crate::extract::JsonBody;
use crate::AppState;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use jiedu_api::{FinishedUpload, UploadOffset, UploadStart};
use jiedu_core::media::{is_sha256_hex, parse_byte_range};
use jiedu_store::{StoredMedia, UploadStatus};

type Answer<T> = Result<Json<T>, HttpError>;

/// The largest range answered at once: a player asks again for the rest.
const MAX_RANGE: u64 = 8 * 1024 * 1024;

fn media_refused(e: jiedu_media::MediaError, file_name: &str) -> HttpError {
    let status = if e.code() == "media.too_large" {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    HttpError::new(status, e.code(), e.to_string()).field(file_name)
}

/// `POST /media/uploads`.
pub async fn begin(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(start): JsonBody<UploadStart>,
) -> Answer<UploadStatus> {
    Ok(Json(
        state
            .store
            .begin_upload(&caller.session, &start.file_name, start.byte_len)
            .await?,
    ))
}

/// `GET /media/uploads/{id}`: where to resume.
pub async fn status(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer<UploadStatus> {
    Ok(Json(state.store.upload_status(&caller.session, &id).await?))
}

/// `PUT /media/uploads/{id}?offset=N` with the piece as the body.
pub async fn piece(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    Query(at): Query<UploadOffset>,
    body: Bytes,
) -> Answer<UploadStatus> {
    Ok(Json(
        state
            .store
            .append_upload(&caller.session, &id, at.offset, &body)
            .await?,
    ))
}

/// `DELETE /media/uploads/{id}`.
pub async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, HttpError> {
    state.store.cancel_upload(&caller.session, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /media/uploads/{id}/finish`: checks the whole file by its content, as the desktop
/// does in solo mode, and stores it; a refused file is dropped with all its pieces.
pub async fn finish(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Answer<FinishedUpload> {
    let status = state.store.upload_status(&caller.session, &id).await?;
    let path = std::env::temp_dir().join(format!("jiedu-upload-{id}"));
    let written = state
        .store
        .upload_to_file(&caller.session, &id, &path)
        .await;
    if let Err(e) = written {
        let _ = std::fs::remove_file(&path);
        return Err(e.into());
    }
    let checked = {
        let path = path.clone();
        let name = status.file_name.clone();
        tokio::task::spawn_blocking(move || jiedu_media::inspect_file(&path, &name)).await
    };
    let _ = std::fs::remove_file(&path);
    let inspected = match checked {
        Ok(Ok(inspected)) => inspected,
        Ok(Err(refused)) => {
            let _ = state.store.cancel_upload(&caller.session, &id).await;
            return Err(media_refused(refused, &status.file_name));
        }
        Err(e) => {
            return Err(HttpError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "media.check_failed",
                format!("检查文件时出错：{e}\nChecking the file failed: {e}"),
            ))
        }
    };
    let patches: Vec<(u64, Vec<u8>)> = inspected
        .patches
        .into_iter()
        .map(|p| (p.offset, p.bytes))
        .collect();
    let stored = state
        .store
        .finish_upload(&caller.session, &id, &inspected.info, &patches)
        .await?;
    Ok(Json(FinishedUpload {
        stored,
        stripped: inspected.stripped,
    }))
}

/// `GET /media/{sha256}/info`.
pub async fn info(
    State(state): State<AppState>,
    _caller: Caller,
    Path(sha256): Path<String>,
) -> Answer<StoredMedia> {
    state
        .store
        .media_info(&sha256)
        .await?
        .map(Json)
        .ok_or_else(|| jiedu_store::StoreError::MediaNotFound { sha256 }.into())
}

/// `GET /media/{sha256}`: the stored bytes, or the `Range: bytes=a-b` asked for (206).
pub async fn bytes(
    State(state): State<AppState>,
    _caller: Caller,
    Path(sha256): Path<String>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    if !is_sha256_hex(&sha256) {
        return Err(jiedu_store::StoreError::MediaNotFound { sha256 }.into());
    }
    let stored = state.store.media_info(&sha256).await?.ok_or_else(|| {
        jiedu_store::StoreError::MediaNotFound {
            sha256: sha256.clone(),
        }
    })?;
    let total = stored.info.byte_len;
    let mime = stored.info.format.mime();
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| parse_byte_range(v, total));
    match range {
        None => {
            let body = state.store.media_bytes(&sha256).await?;
            Ok((
                [
                    (header::CONTENT_TYPE, mime.to_string()),
                    (header::ACCEPT_RANGES, "bytes".to_string()),
                ],
                body,
            )
                .into_response())
        }
        Some((start, end)) => {
            let end = end.min(start + MAX_RANGE - 1);
            let body = state
                .store
                .media_range(&sha256, start, end - start + 1)
                .await?;
            Ok((
                StatusCode::PARTIAL_CONTENT,
                [
                    (header::CONTENT_TYPE, mime.to_string()),
                    (header::ACCEPT_RANGES, "bytes".to_string()),
                    (
                        header::CONTENT_RANGE,
                        format!("bytes {start}-{end}/{total}"),
                    ),
                ],
                body,
            )
                .into_response())
        }
    }
}
