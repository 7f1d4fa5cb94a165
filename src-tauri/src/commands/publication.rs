//! Publication, deadlines, public concerns and the annual figures for the UI: thin calls into
//! the backend and the core, which hold every rule.

use crate::commands::blocking;
use crate::commands::export::ExportedFile;
use crate::error::IpcError;
use crate::state::AppState;
use jiedu_core::calendar::CalendarYear;
use jiedu_core::concern::{Clock, ConcernResponse, PublicConcern};
use jiedu_core::deadlines::{china_date, pack_deadlines, Deadline};
use jiedu_core::publication::UnitSettings;
use jiedu_core::report::AnnualReport;
use jiedu_render::{chart_svg, portal_package, ChartStyle, PortalOptions};
use jiedu_store::NewConcern;
use serde::Serialize;
use tauri::State;

/// A concern with its clocks as they stand now.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ConcernView {
    /// The concern.
    pub concern: PublicConcern,
    /// Its clocks.
    pub clocks: Vec<Clock>,
}

/// The annual figures and their charts.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct ReportView {
    /// The figures.
    pub report: AnnualReport,
    /// The charts, as SVG, drawn by the same renderer as the PDF's.
    pub charts: Vec<String>,
}

/// A year of the calendar, and whether an admin imported it.
#[derive(Debug, Serialize)]
#[cfg_attr(test, derive(ts_rs::TS))]
pub struct CalendarYearView {
    /// The year.
    pub year: CalendarYear,
    /// Imported rather than bundled.
    pub imported: bool,
}

/// A pack's deadlines today.
#[tauri::command]
pub async fn pack_deadlines_today(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<Deadline>, IpcError> {
    let backend = state.backend().await;
    let pack = backend.get_pack(&id).await?;
    let calendar = backend.calendar().await?;
    let settings = backend.unit_settings(&pack.unit_id).await?;
    Ok(pack_deadlines(
        &pack,
        &calendar,
        &settings.deadlines,
        china_date(chrono::Utc::now()),
    ))
}

/// Writes the pack's portal publication package into the output folder.
#[tauri::command]
pub async fn export_portal(
    state: State<'_, AppState>,
    id: String,
) -> Result<ExportedFile, IpcError> {
    drop(state.signed_in().await?);
    let inputs = state.backend().await.publication_inputs(&id).await?;
    let media = state
        .backend()
        .await
        .media_library(&inputs.pack.content, false)
        .await?;
    let fonts = state.fonts()?;
    let output = blocking(move || {
        let options = PortalOptions {
            fonts,
            now: chrono::Utc::now(),
            settings: &inputs.settings.portal,
            record: &inputs.record,
            supersedes: &inputs.supersedes,
            media,
        };
        portal_package(&inputs.pack, &options)
    })
    .await?;
    let path = state.output_dir.join(format!("{id}.portal.zip"));
    jiedu_store::write_atomically(&path, &output.bytes).map_err(|e| IpcError::write(&path, &e))?;
    Ok(ExportedFile {
        path: path.display().to_string(),
        bytes: output.bytes.len(),
        pages: Some(output.manifest.pages.len()),
        fallback_chars: String::new(),
    })
}

async fn view(state: &AppState, concern: PublicConcern) -> Result<ConcernView, IpcError> {
    let settings = state
        .backend()
        .await
        .unit_settings(&concern.unit_id)
        .await?;
    let clocks = concern.clocks(&settings.concerns, chrono::Utc::now());
    Ok(ConcernView { concern, clocks })
}

/// Every public concern with its clocks, newest first.
#[tauri::command]
pub async fn list_concerns(state: State<'_, AppState>) -> Result<Vec<ConcernView>, IpcError> {
    let backend = state.backend().await;
    let book = backend.settings_book().await?;
    let now = chrono::Utc::now();
    Ok(backend
        .concerns()
        .await?
        .into_iter()
        .map(|c| {
            let clocks = c.clocks(&book.of(&c.unit_id).concerns, now);
            ConcernView { concern: c, clocks }
        })
        .collect())
}

/// A press officer records a concern.
#[tauri::command]
pub async fn add_concern(
    state: State<'_, AppState>,
    concern: NewConcern,
) -> Result<ConcernView, IpcError> {
    let session = state.signed_in().await?;
    let added = state
        .backend()
        .await
        .add_concern(&session, &concern)
        .await?;
    view(&state, added).await
}

/// A press officer records a response.
#[tauri::command]
pub async fn respond_concern(
    state: State<'_, AppState>,
    id: String,
    response: ConcernResponse,
) -> Result<ConcernView, IpcError> {
    let session = state.signed_in().await?;
    let answered = state
        .backend()
        .await
        .respond_concern(&session, &id, &response)
        .await?;
    view(&state, answered).await
}

/// The annual figures of `year` (one unit, when given), with their charts.
#[tauri::command]
pub async fn annual_figures(
    state: State<'_, AppState>,
    year: i32,
    unit: Option<String>,
) -> Result<ReportView, IpcError> {
    let report = state
        .backend()
        .await
        .annual_report(year, unit.as_deref(), chrono::Utc::now())
        .await?;
    let fonts = state.fonts()?;
    let specs = report.charts();
    let charts = blocking(move || {
        let style = ChartStyle::new(fonts);
        specs
            .iter()
            .map(|spec| chart_svg(spec, &style))
            .collect::<Result<Vec<_>, _>>()
    })
    .await?;
    Ok(ReportView { report, charts })
}

/// The calendar years loaded.
#[tauri::command]
pub async fn calendar_years(state: State<'_, AppState>) -> Result<Vec<CalendarYearView>, IpcError> {
    let backend = state.backend().await;
    let imported = backend.imported_calendar_years().await?;
    let calendar = backend.calendar().await?;
    Ok(calendar
        .years()
        .map(|y| CalendarYearView {
            imported: imported.iter().any(|i| i.year == y.year),
            year: y.clone(),
        })
        .collect())
}

/// An admin imports a calendar year from the text of its JSON file.
#[tauri::command]
pub async fn import_calendar(
    state: State<'_, AppState>,
    name: String,
    text: String,
) -> Result<CalendarYear, IpcError> {
    let year = CalendarYear::from_json(&name, &text)
        .map_err(|e| IpcError::from(jiedu_store::StoreError::from(e)).on("file"))?;
    let session = state.signed_in().await?;
    state
        .backend()
        .await
        .import_calendar_year(&session, &year)
        .await?;
    Ok(year)
}

/// A unit's settings.
#[tauri::command]
pub async fn unit_settings(
    state: State<'_, AppState>,
    unit: String,
) -> Result<UnitSettings, IpcError> {
    Ok(state.backend().await.unit_settings(&unit).await?)
}

/// An admin sets a unit's settings.
#[tauri::command]
pub async fn set_unit_settings(
    state: State<'_, AppState>,
    unit: String,
    settings: UnitSettings,
) -> Result<UnitSettings, IpcError> {
    let session = state.signed_in().await?;
    state
        .backend()
        .await
        .set_unit_settings(&session, &unit, &settings)
        .await?;
    Ok(settings)
}
