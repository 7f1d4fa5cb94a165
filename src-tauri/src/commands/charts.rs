//! Chart commands: the editor's live preview and spreadsheet paste.

use crate::error::IpcError;
use crate::state::AppState;
use jiedu_core::chart::ChartSpec;
use jiedu_core::paste::{parse_paste, PasteLayout, PastedData};
use jiedu_render::{chart_svg, ChartStyle};
use tauri::State;

/// The chart drawn as SVG, exactly as the PDF and the media kit will draw it. The UI shows it
/// as an image, never as markup, so text in the spec cannot become script.
#[tauri::command]
pub async fn chart_preview(
    state: State<'_, AppState>,
    spec: ChartSpec,
) -> Result<String, IpcError> {
    spec.validate()?;
    let fonts = state.fonts()?;
    Ok(chart_svg(&spec, &ChartStyle::new(fonts))?)
}

/// Reads categories and series from cells pasted from a spreadsheet (tab-separated).
#[tauri::command]
pub fn paste_chart_data(text: String, layout: Option<PasteLayout>) -> Result<PastedData, IpcError> {
    Ok(parse_paste(&text, layout.unwrap_or_default())?)
}
