//! `jiedu calendar list|import FILE`: the working-day calendar deadlines count on.

use crate::args::Target;
use crate::auth;
use crate::error::CliError;
use crate::output::Output;
use clap::{Args, Subcommand};
use jiedu_core::calendar::CalendarYear;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

/// Options of `jiedu calendar`.
#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: CalendarAction,
}

/// The calendar jobs.
#[derive(Debug, Subcommand)]
pub enum CalendarAction {
    /// 列出已有年份及来源。List the years loaded, with their sources.
    List,
    /// 导入一年的节假日安排（JSON，格式见 resources/calendar/README.md；仅管理员）。
    /// Import one year's holiday notice (JSON as in resources/calendar/README.md; admins only).
    Import {
        /// 日历文件 The calendar file.
        file: PathBuf,
    },
}

#[derive(Serialize)]
struct YearLine {
    year: i32,
    source: String,
    source_url: String,
    holidays: usize,
    workdays: usize,
    imported: bool,
}

/// Runs `jiedu calendar`.
pub async fn run(
    db: &Target,
    args: CalendarArgs,
    actor: Option<&str>,
    out: &Output,
) -> Result<ExitCode, CliError> {
    match args.action {
        CalendarAction::List => {
            let backend = db.open().await?;
            let imported = backend.imported_calendar_years().await?;
            let calendar = backend.calendar().await?;
            backend.close().await;
            let lines: Vec<YearLine> = calendar
                .years()
                .map(|y| YearLine {
                    year: y.year,
                    source: y.source.clone(),
                    source_url: y.source_url.clone(),
                    holidays: y.holidays.len(),
                    workdays: y.workdays.len(),
                    imported: imported.iter().any(|i| i.year == y.year),
                })
                .collect();
            out.emit(&lines, || {
                println!("工作日历 working-day calendar");
                for l in &lines {
                    let how = if l.imported {
                        "导入 imported"
                    } else {
                        "内置 bundled"
                    };
                    println!(
                        "  {}  {}（放假 {} 段、调休上班 {} 天 holidays, make-up days；{how}）",
                        l.year, l.source, l.holidays, l.workdays
                    );
                }
            });
        }
        CalendarAction::Import { file } => {
            let text = std::fs::read_to_string(&file).map_err(|e| CliError::ReadFile {
                path: file.clone(),
                source: e,
            })?;
            let year = CalendarYear::from_json(&file.display().to_string(), &text)
                .map_err(jiedu_store::StoreError::from)?;
            let mut backend = db.open().await?;
            let session = auth::session(&mut backend, actor, "calendar import").await?;
            backend.import_calendar_year(&session, &year).await?;
            backend.close().await;
            out.emit(&year, || {
                println!(
                    "已导入 imported {} 年 calendar: {}（放假 {} 段、调休上班 {} 天）",
                    year.year,
                    year.source,
                    year.holidays.len(),
                    year.workdays.len()
                );
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}
