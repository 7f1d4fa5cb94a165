//! Import commands: a policy from pasted web text or from a file dropped on the window.

use crate::commands::blocking;
use crate::error::IpcError;
use crate::state::AppState;
use jiedu_import::{
    import_file_corrected, import_text_corrected, Corrections, ImportResult, SourceFormat,
};
use std::path::PathBuf;
use tauri::State;

/// Reads a policy out of text pasted from a web page, with a report of what was cleaned up.
/// Nothing is saved until the user confirms with `create_pack`. `corrections` carries the
/// user's "this line is the title" and "this line is junk" marks for a second reading.
#[tauri::command]
pub async fn import_pasted(
    text: String,
    corrections: Option<Corrections>,
) -> Result<ImportResult, IpcError> {
    let corrections = corrections.unwrap_or_default();
    blocking(move || import_text_corrected(&text, SourceFormat::Txt, &corrections)).await
}

/// Reads a policy out of a file the user dropped on the window (text or Word). Other paths are
/// refused: the UI cannot make the app read a file the user did not hand over.
#[tauri::command]
pub async fn import_dropped(
    state: State<'_, AppState>,
    path: PathBuf,
    corrections: Option<Corrections>,
) -> Result<ImportResult, IpcError> {
    if !state.was_dropped(&path) {
        return Err(IpcError::new(
            "import.not_dropped",
            format!(
                "只能导入拖放到窗口中的文件：{0}\nOnly files dropped on the window can be imported: {0}",
                path.display()
            ),
        )
        .on(path.display().to_string()));
    }
    let corrections = corrections.unwrap_or_default();
    blocking(move || import_file_corrected(&path, &corrections)).await
}
