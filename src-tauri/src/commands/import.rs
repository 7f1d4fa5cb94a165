//! Import commands: a policy from pasted web text or from a file dropped on the window.

use crate::commands::blocking;
use crate::error::IpcError;
use crate::state::AppState;
use jiedu_import::{import_file, import_text, ImportResult, SourceFormat};
use std::path::PathBuf;
use tauri::State;

/// Reads a policy out of text pasted from a web page, with a report of what was cleaned up.
/// Nothing is saved until the user confirms with `create_pack`.
#[tauri::command]
pub async fn import_pasted(text: String) -> Result<ImportResult, IpcError> {
    blocking(move || import_text(&text, SourceFormat::Txt)).await
}

/// Reads a policy out of a file the user dropped on the window (text or Word). Other paths are
/// refused: the UI cannot make the app read a file the user did not hand over.
#[tauri::command]
pub async fn import_dropped(
    state: State<'_, AppState>,
    path: PathBuf,
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
    blocking(move || import_file(&path)).await
}
