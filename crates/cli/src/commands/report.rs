//! `jiedu report --year Y`: the annual figures (解读率, forms, on-time rates, concerns) and the
//! list behind each, as CSV, XLSX or JSON.

use crate::args::Target;
use crate::error::CliError;
use crate::output::Output;
use crate::write::write_atomically;
use clap::{Args, ValueEnum};
use jiedu_core::report::{AnnualReport, Figure};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::path::PathBuf;
use std::process::ExitCode;

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// One table: each figure, then the items behind it.
    Csv,
    /// A workbook: 汇总 (figures) and 明细 (items).
    Xlsx,
    /// The report as JSON.
    Json,
}

/// Options of `jiedu report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// 年度 Year.
    #[arg(long)]
    pub year: i32,
    /// 只统计此单位。Only this unit.
    #[arg(long)]
    pub unit: Option<String>,
    /// 格式 Format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Csv)]
    pub format: ReportFormat,
    /// 输出文件（xlsx 必填；csv、json 默认输出到终端）。Output file (required for xlsx).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

fn rate_text(f: &Figure) -> String {
    f.rate
        .map(|r| format!("{:.1}%", r * 100.0))
        .unwrap_or_default()
}

fn csv_cell(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// The CSV: one row per figure, each followed by the rows of its items.
pub fn to_csv(report: &AnnualReport) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str("key,指标 indicator,数量 count,总数 total,比率 rate,编号 id,标题 title,发文字号 doc_number,单位 unit,日期 date\n");
    for f in report.figures() {
        let total = f.total.map(|t| t.to_string()).unwrap_or_default();
        let label = format!("{} {}", f.label.zh, f.label.en);
        out.push_str(&format!(
            "{},{},{},{},{},,,,,\n",
            csv_cell(&f.key),
            csv_cell(&label),
            f.count,
            total,
            rate_text(f)
        ));
        for item in &f.items {
            out.push_str(&format!(
                "{},,,,,{},{},{},{},{}\n",
                csv_cell(&f.key),
                csv_cell(&item.id),
                csv_cell(&item.title),
                csv_cell(item.doc_number.as_deref().unwrap_or("")),
                csv_cell(&item.unit_id),
                item.on.map(|d| d.to_string()).unwrap_or_default()
            ));
        }
    }
    out
}

/// The workbook: 汇总 with one row per figure, 明细 with the items behind each.
pub fn to_xlsx(report: &AnnualReport) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let sheet = book.add_worksheet();
    sheet.set_name("汇总 Summary")?;
    let heads = [
        "key",
        "指标",
        "indicator",
        "数量 count",
        "总数 total",
        "比率 rate",
    ];
    for (c, h) in heads.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (r, f) in report.figures().iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, &f.key)?;
        sheet.write_string(row, 1, &f.label.zh)?;
        sheet.write_string(row, 2, &f.label.en)?;
        sheet.write_number(row, 3, f.count)?;
        if let Some(t) = f.total {
            sheet.write_number(row, 4, t)?;
        }
        if let Some(rate) = f.rate {
            sheet.write_number_with_format(row, 5, rate, &percent)?;
        }
    }
    let notes_row = report.figures().len() as u32 + 2;
    sheet.write_string(
        notes_row,
        0,
        format!("{} 年度，统计至 {}（as of）", report.year, report.as_of),
    )?;
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 22)?;
    sheet.set_column_width(2, 36)?;

    let items = book.add_worksheet();
    items.set_name("明细 Items")?;
    let heads = [
        "key",
        "编号 id",
        "标题 title",
        "发文字号 doc number",
        "单位 unit",
        "日期 date",
    ];
    for (c, h) in heads.iter().enumerate() {
        items.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    let mut row = 1;
    for f in report.figures() {
        for item in &f.items {
            items.write_string(row, 0, &f.key)?;
            items.write_string(row, 1, &item.id)?;
            items.write_string(row, 2, &item.title)?;
            items.write_string(row, 3, item.doc_number.as_deref().unwrap_or(""))?;
            items.write_string(row, 4, &item.unit_id)?;
            items.write_string(row, 5, item.on.map(|d| d.to_string()).unwrap_or_default())?;
            row += 1;
        }
    }
    items.set_column_width(2, 48)?;
    book.save_to_buffer()
}

/// Runs `jiedu report`.
pub async fn run(db: &Target, args: ReportArgs, out: &Output) -> Result<ExitCode, CliError> {
    if !(2000..=2100).contains(&args.year) {
        return Err(CliError::BadValue {
            what_zh: "年度".into(),
            what: "year".into(),
            value: args.year.to_string(),
            hint_zh: "应为 2000 至 2100 之间的年份，如 2026。".into(),
            hint_en: "Give a year from 2000 to 2100, e.g. 2026.".into(),
        });
    }
    // A workbook is binary: it goes to a file, never to the terminal.
    if args.format == ReportFormat::Xlsx && args.out.is_none() {
        return Err(CliError::BadValue {
            what_zh: "输出文件".into(),
            what: "output file".into(),
            value: String::new(),
            hint_zh: "xlsx 须用 --out 文件.xlsx 指定输出文件。".into(),
            hint_en: "xlsx needs --out FILE.xlsx.".into(),
        });
    }
    let backend = db.open().await?;
    let report = backend
        .annual_report(args.year, args.unit.as_deref(), chrono::Utc::now())
        .await?;
    backend.close().await;
    let bytes = match args.format {
        ReportFormat::Csv => to_csv(&report).into_bytes(),
        ReportFormat::Json => {
            let mut b = serde_json::to_vec_pretty(&report).map_err(|e| CliError::BadValue {
                what_zh: "报告".into(),
                what: "report".into(),
                value: e.to_string(),
                hint_zh: String::new(),
                hint_en: String::new(),
            })?;
            b.push(b'\n');
            b
        }
        ReportFormat::Xlsx => to_xlsx(&report).map_err(|e| CliError::WriteFile {
            path: args.out.clone().unwrap_or_default(),
            source: std::io::Error::other(e.to_string()),
        })?,
    };
    match &args.out {
        Some(file) => {
            write_atomically(file, &bytes)?;
            out.emit(
                &serde_json::json!({ "file": file, "bytes": bytes.len() }),
                || {
                    println!(
                        "已导出 exported {}（{} 年度，{} 字节 bytes）",
                        file.display(),
                        report.year,
                        bytes.len()
                    );
                    for problem in &report.problems {
                        eprintln!("提示 note: {problem}");
                    }
                },
            );
        }
        None => {
            use std::io::Write as _;
            let mut stdout = std::io::stdout();
            let _ = stdout.write_all(&bytes);
        }
    }
    Ok(ExitCode::SUCCESS)
}
