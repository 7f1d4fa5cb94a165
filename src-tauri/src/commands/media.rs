//! Media commands: a file picked or dropped in the editor's 图片与音视频 section comes in
//! pieces over IPC into a staging file (the webview never hands the app a path it chose), is
//! checked by content and stored through the backend; the `jiedu-media:` protocol serves the
//! stored bytes to `<img>`, `<audio>` and `<video>`, with ranges so that players can seek.

use crate::error::IpcError;
use crate::state::AppState;
use jiedu_core::media::AddedMedia;
use std::collections::HashMap;
use std::io::{Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use tauri::http::{header, Request, Response, StatusCode};
use tauri::ipc::InvokeBody;
use tauri::State;

/// The custom protocol's scheme: `jiedu-media://localhost/<sha256>`.
pub const SCHEME: &str = "jiedu-media";

/// The largest range answered at once; players ask again for the rest.
const MAX_RANGE: u64 = 4 * 1024 * 1024;

/// A file arriving from the webview, piece by piece.
struct Staged {
    file_name: String,
    byte_len: u64,
    received: u64,
    path: PathBuf,
}

/// Uploads in progress from the webview, by id.
#[derive(Default)]
pub struct Uploads {
    staged: Mutex<HashMap<String, Staged>>,
    next: AtomicU64,
}

impl Uploads {
    fn dir() -> PathBuf {
        std::env::temp_dir().join(format!("jiedu-app-uploads-{}", std::process::id()))
    }

    fn take(&self, id: &str) -> Option<Staged> {
        self.staged.lock().ok()?.remove(id)
    }
}

fn staging_error(detail: impl std::fmt::Display) -> IpcError {
    IpcError::new(
        "media.staging",
        format!("无法暂存上传的文件：{detail}\nCannot stage the uploaded file: {detail}"),
    )
}

fn unknown_upload(id: &str) -> IpcError {
    IpcError::new(
        "upload.not_found",
        format!("没有编号为 {id} 的上传。\nNo upload {id} is in progress."),
    )
}

/// Starts an upload from the webview; an empty or oversized file is refused before a byte
/// is sent.
#[tauri::command]
pub async fn media_upload_begin(
    state: State<'_, AppState>,
    file_name: String,
    byte_len: u64,
) -> Result<String, IpcError> {
    jiedu_store::check_declared_size(&file_name, byte_len)?;
    let dir = Uploads::dir();
    std::fs::create_dir_all(&dir).map_err(staging_error)?;
    let id = format!(
        "u{}",
        state.uploads.next.fetch_add(1, Ordering::Relaxed) + 1
    );
    let path = dir.join(&id);
    std::fs::File::create(&path).map_err(staging_error)?;
    let staged = Staged {
        file_name,
        byte_len,
        received: 0,
        path,
    };
    state
        .uploads
        .staged
        .lock()
        .map_err(staging_error)?
        .insert(id.clone(), staged);
    Ok(id)
}

fn header_text<'a>(request: &'a tauri::ipc::Request<'_>, name: &str) -> Option<&'a str> {
    request.headers().get(name).and_then(|v| v.to_str().ok())
}

/// One piece, as the raw body, at the offset in `x-offset` of upload `x-upload-id`; answers the
/// bytes received so far.
#[tauri::command]
pub fn media_upload_chunk(
    state: State<'_, AppState>,
    request: tauri::ipc::Request<'_>,
) -> Result<u64, IpcError> {
    let id = header_text(&request, "x-upload-id").unwrap_or_default();
    let offset: u64 = header_text(&request, "x-offset")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| IpcError::new("upload.offset", "缺少上传位置 x-offset\nx-offset missing"))?;
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(IpcError::new(
            "upload.body",
            "上传片段须为二进制数据\nThe piece must be sent as raw bytes",
        ));
    };
    let mut staged = state.uploads.staged.lock().map_err(staging_error)?;
    let upload = staged.get_mut(id).ok_or_else(|| unknown_upload(id))?;
    let end = offset + bytes.len() as u64;
    if offset != upload.received || end > upload.byte_len {
        return Err(IpcError::new(
            "upload.offset",
            format!(
                "“{}”的片段位置 {offset} 与已收到的 {} 字节不符。\nThe piece of {} at {offset} does not follow the {} bytes received.",
                upload.file_name, upload.received, upload.file_name, upload.received
            ),
        )
        .on(upload.file_name.clone()));
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(&upload.path)
        .map_err(staging_error)?;
    file.seek(SeekFrom::Start(offset)).map_err(staging_error)?;
    file.write_all(bytes).map_err(staging_error)?;
    upload.received = end;
    Ok(end)
}

/// Checks the whole file by its content and stores it through the backend (the local
/// database, or the server); the staging file goes either way.
#[tauri::command]
pub async fn media_upload_finish(
    state: State<'_, AppState>,
    upload_id: String,
) -> Result<AddedMedia, IpcError> {
    let staged = state
        .uploads
        .take(&upload_id)
        .ok_or_else(|| unknown_upload(&upload_id))?;
    let result = if staged.received != staged.byte_len {
        Err(IpcError::new(
            "upload.incomplete",
            format!(
                "“{}”尚未传完：已收到 {} / {} 字节。\nThe upload of {} is incomplete.",
                staged.file_name, staged.received, staged.byte_len, staged.file_name
            ),
        )
        .on(staged.file_name.clone()))
    } else {
        store(&state, &staged.path, &staged.file_name).await
    };
    let _ = std::fs::remove_file(&staged.path);
    result
}

/// Drops an upload the webview gave up on.
#[tauri::command]
pub fn media_upload_cancel(state: State<'_, AppState>, upload_id: String) {
    if let Some(staged) = state.uploads.take(&upload_id) {
        let _ = std::fs::remove_file(&staged.path);
    }
}

/// A file the user dropped on the window (only those: the UI cannot name other paths).
#[tauri::command]
pub async fn add_dropped_media(
    state: State<'_, AppState>,
    path: PathBuf,
) -> Result<AddedMedia, IpcError> {
    if !state.was_dropped(&path) {
        return Err(IpcError::new(
            "media.not_dropped",
            format!(
                "只能添加拖放到窗口中的文件：{0}\nOnly files dropped on the window can be added: {0}",
                path.display()
            ),
        )
        .on(path.display().to_string()));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    store(&state, &path, &name).await
}

async fn store(
    state: &AppState,
    path: &std::path::Path,
    file_name: &str,
) -> Result<AddedMedia, IpcError> {
    let actor = state.signed_in().await?;
    let backend = state.backend().await;
    Ok(backend
        .add_media(&actor, path, file_name, &[], &|_, _| {})
        .await?)
}

/// Answers `jiedu-media://localhost/<sha256>`: the stored bytes with their MIME type, or the
/// range asked for (206), so that `<video>` can seek without loading the whole file.
pub async fn serve(backend: jiedu_client::Backend, request: Request<Vec<u8>>) -> Response<Vec<u8>> {
    let sha = request.uri().path().trim_start_matches('/').to_string();
    let answer = |status: StatusCode, body: Vec<u8>| {
        Response::builder()
            .status(status)
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .body(body)
            .unwrap_or_default()
    };
    if !jiedu_core::media::is_sha256_hex(&sha) {
        return answer(StatusCode::NOT_FOUND, b"not a stored file".to_vec());
    }
    let info = match backend.media_info(&sha).await {
        Ok(stored) => stored.info,
        Err(e) => return answer(StatusCode::NOT_FOUND, e.to_string().into_bytes()),
    };
    let total = info.byte_len;
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| jiedu_core::media::parse_byte_range(v, total));
    let (status, start, end) = match range {
        Some((start, end)) => (
            StatusCode::PARTIAL_CONTENT,
            start,
            end.min(start + MAX_RANGE - 1),
        ),
        None if total > MAX_RANGE && info.format.kind() != jiedu_core::MediaKind::Image => {
            (StatusCode::PARTIAL_CONTENT, 0, MAX_RANGE - 1)
        }
        None => (StatusCode::OK, 0, total.saturating_sub(1)),
    };
    let body = match backend.media_range(&sha, start, end - start + 1).await {
        Ok(body) => body,
        Err(e) => {
            return answer(
                StatusCode::INTERNAL_SERVER_ERROR,
                e.to_string().into_bytes(),
            )
        }
    };
    let mut response = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, info.format.mime())
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CONTENT_LENGTH, body.len().to_string())
        // The editor fetches audio and video into blob URLs from the app's own origin, which
        // differs from this scheme's (see playableUrl in ui/src/backend/index.ts).
        .header(header::ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        // The bytes under a hash never change.
        .header(
            header::CACHE_CONTROL,
            "private, max-age=31536000, immutable",
        );
    if status == StatusCode::PARTIAL_CONTENT {
        response = response.header(
            header::CONTENT_RANGE,
            format!("bytes {start}-{end}/{total}"),
        );
    }
    response.body(body).unwrap_or_default()
}
