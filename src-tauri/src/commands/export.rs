//! Export commands: the PDF pack (with an in-app preview), the media kit with progress and
//! cancel, and the output folder. Files go only to the output folder; nothing else is written.

use crate::commands::blocking;
use crate::error::IpcError;
use crate::state::AppState;
use base64::prelude::{Engine as _, BASE64_STANDARD};
use jiedu_core::permissions::{authorize, Action};
use jiedu_render::{media_kit, KitOptions, KitProgress, PdfOptions};
use serde::Serialize;
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use tauri::{AppHandle, Emitter, Manager, State};

/// The event name of media-kit progress reports.
pub const KIT_PROGRESS_EVENT: &str = "kit-progress";

/// A file the app wrote.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ExportedFile {
    /// Where it is.
    pub path: String,
    /// Its size.
    pub bytes: usize,
    /// Pages, for a PDF.
    pub pages: Option<usize>,
    /// Characters drawn from the fallback font because the bundled fonts lack them.
    pub fallback_chars: String,
}

/// A media-kit progress report, sent as the `kit-progress` event.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct KitProgressEvent {
    /// The pack being exported.
    pub pack_id: String,
    /// Files made so far.
    pub done: usize,
    /// Files the kit will hold.
    pub total: usize,
    /// The file just made.
    pub file: String,
}

/// Options for a PDF made now of `pack`, with its images loaded from the backend.
async fn pdf_options(state: &AppState, pack: &jiedu_core::Pack) -> Result<PdfOptions, IpcError> {
    let media = state
        .backend()
        .await
        .media_library(&pack.content, true)
        .await?;
    Ok(PdfOptions::dated_now(state.fonts()?).with_media(media))
}

fn write(path: PathBuf, bytes: &[u8]) -> Result<String, IpcError> {
    jiedu_store::write_atomically(&path, bytes).map_err(|e| IpcError::write(&path, &e))?;
    Ok(path.display().to_string())
}

/// Writes the pack's PDF into the output folder.
#[tauri::command]
pub async fn export_pdf(state: State<'_, AppState>, id: String) -> Result<ExportedFile, IpcError> {
    drop(state.signed_in().await?);
    let path = state.output_dir.join(format!("{id}.pdf"));
    // A signed pack's PDF is the one its leader signed in its bytes; a new rendering would not
    // carry that signature.
    if let Some(signed) = state.backend().await.signed_pdf(&id).await? {
        return Ok(ExportedFile {
            path: write(path, &signed)?,
            bytes: signed.len(),
            pages: jiedu_render::record::page_count(&signed).ok(),
            fallback_chars: String::new(),
        });
    }
    let pack = state.backend().await.get_pack(&id).await?;
    let options = pdf_options(&state, &pack).await?;
    let output =
        blocking(move || jiedu_render::pdf(&pack, pack.signature.as_ref(), &options)).await?;
    Ok(ExportedFile {
        path: write(path, &output.bytes)?,
        bytes: output.bytes.len(),
        pages: Some(output.pages),
        fallback_chars: output.fallback_chars.into_iter().collect(),
    })
}

/// Writes the pack's OFD (GB/T 33190) into the output folder: the PDF's pages, a signed pack's
/// as they were signed.
#[tauri::command]
pub async fn export_ofd(state: State<'_, AppState>, id: String) -> Result<ExportedFile, IpcError> {
    drop(state.signed_in().await?);
    let pack = state.backend().await.get_pack(&id).await?;
    let signed = state.backend().await.signed_pdf(&id).await?;
    let options = pdf_options(&state, &pack).await?;
    let output = blocking(move || {
        let unit = signed.as_deref().map(jiedu_pades::named_signer_unit);
        jiedu_render::export_ofd(&pack, pack.signature.as_ref(), &options, unit.as_deref())
    })
    .await?;
    let path = state.output_dir.join(format!("{id}.ofd"));
    Ok(ExportedFile {
        path: write(path, &output.bytes)?,
        bytes: output.bytes.len(),
        pages: Some(output.pages),
        fallback_chars: String::new(),
    })
}

/// Width of preview pages: sharp in the export tab's column, quick to draw.
const PREVIEW_WIDTH_PX: u32 = 720;

/// The PDF's pages as PNG data URLs, drawn from the same layout as the PDF itself.
#[tauri::command]
pub async fn preview_pdf(state: State<'_, AppState>, id: String) -> Result<Vec<String>, IpcError> {
    drop(state.signed_in().await?);
    let pack = state.backend().await.get_pack(&id).await?;
    let options = pdf_options(&state, &pack).await?;
    let pages = blocking(move || {
        jiedu_render::pdf_preview(&pack, pack.signature.as_ref(), &options, PREVIEW_WIDTH_PX)
    })
    .await?;
    Ok(pages
        .iter()
        .map(|png| format!("data:image/png;base64,{}", BASE64_STANDARD.encode(png)))
        .collect())
}

/// The output folder.
#[tauri::command]
pub fn output_folder(state: State<'_, AppState>) -> String {
    state.output_dir.display().to_string()
}

/// Opens the output folder in the desktop's file manager.
#[tauri::command]
pub fn open_output_folder(state: State<'_, AppState>) -> Result<(), IpcError> {
    std::fs::create_dir_all(&state.output_dir)
        .map_err(|e| IpcError::write(&state.output_dir, &e))?;
    open::that_detached(&state.output_dir).map_err(|e| {
        IpcError::new(
            "folder.open",
            format!(
                "无法打开文件夹“{0}”：{e}\nCannot open the folder {0}: {e}",
                state.output_dir.display()
            ),
        )
    })
}

/// The signature a media kit of `pack` would be made under, if `user` may make one now: the
/// press officer's permission, then a signed or deployed pack. `get_pack` reports the same
/// answer to the UI before the user tries.
pub(crate) fn kit_allowed<'p>(
    user: &jiedu_core::people::User,
    pack: &'p jiedu_core::Pack,
) -> Result<&'p jiedu_core::pack::SignRecord, IpcError> {
    authorize(user, Action::Export, None)?;
    Ok(jiedu_render::kit::kit_record(pack)?)
}

/// Builds a signed pack's media kit into the output folder, reporting each file made as a
/// `kit-progress` event. `cancel_export` stops it; nothing is written then.
#[tauri::command]
pub async fn export_kit(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
    contact: String,
) -> Result<ExportedFile, IpcError> {
    let pack = state.backend().await.get_pack(&id).await?;
    let record = kit_allowed(state.signed_in().await?.user(), &pack)?.clone();
    let fonts = state.fonts()?;
    let signed_pdf = state.backend().await.signed_pdf(&id).await?;
    let media = state
        .backend()
        .await
        .media_library(&pack.content, false)
        .await?;
    state.cancel_export.store(false, Ordering::SeqCst);
    let handle = app.clone();
    let output = blocking(move || {
        let state = handle.state::<AppState>();
        let progress = |p: KitProgress| {
            // A lost progress event only delays the bar; the result still arrives.
            let _ = handle.emit(
                KIT_PROGRESS_EVENT,
                KitProgressEvent {
                    pack_id: pack.id.clone(),
                    done: p.done,
                    total: p.total,
                    file: p.file,
                },
            );
        };
        let cancelled = || state.cancel_export.load(Ordering::SeqCst);
        let mut options = KitOptions::new(fonts, chrono::Utc::now());
        options.release_at = jiedu_render::kit::release_time(&pack);
        options.contact = contact;
        options.progress = &progress;
        options.cancelled = &cancelled;
        options.signer_unit = signed_pdf
            .as_deref()
            .map(jiedu_pades::named_signer_unit)
            .unwrap_or_default();
        options.signed_pdf = signed_pdf;
        options.media = media;
        media_kit(&pack, &record, &options)
    })
    .await?;
    let path = state.output_dir.join(format!("{id}-media-kit.zip"));
    Ok(ExportedFile {
        path: write(path, &output.bytes)?,
        bytes: output.bytes.len(),
        pages: None,
        fallback_chars: String::new(),
    })
}

/// Asks a running media-kit export to stop.
#[tauri::command]
pub fn cancel_export(state: State<'_, AppState>) {
    state.cancel_export.store(true, Ordering::SeqCst);
}
