//! CLI errors: each has a stable code and a bilingual message that names the file or field.

use jiedu_store::StoreError;
use std::path::PathBuf;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A data file could not be read.
    #[error("无法读取文件“{path}”：{source}\nCannot read the file {path}: {source}")]
    ReadFile {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A data file is not valid JSON of the expected shape.
    #[error("文件“{path}”格式有误（第 {line} 行第 {column} 列）：{detail}\nThe file {path} is malformed (line {line}, column {column}): {detail}")]
    BadJson {
        /// The file.
        path: PathBuf,
        /// Line of the error.
        line: usize,
        /// Column of the error.
        column: usize,
        /// What serde said, which names the field.
        detail: String,
    },
    /// Importing a policy file failed.
    #[error(transparent)]
    Import(#[from] jiedu_import::ImportError),
    /// Rendering failed (fonts, charts, images).
    #[error(transparent)]
    Render(#[from] jiedu_render::RenderError),
    /// The pack has no chart with this id.
    #[error("解读包“{pack}”中没有图表“{chart}”。已有图表：{known}\nPack {pack} has no chart {chart}. Charts: {known}")]
    ChartNotFound {
        /// The pack.
        pack: String,
        /// The chart asked for.
        chart: String,
        /// The charts it has.
        known: String,
    },
    /// An output file could not be written; nothing was left half-written.
    #[error("无法写入文件“{path}”：{source}\nCannot write the file {path}: {source}")]
    WriteFile {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The platform has no user data directory and no --db was given.
    #[error("无法确定数据目录，请用 --db 指定数据库文件。\nNo user data directory was found; give the database with --db.")]
    NoDataDir,
    /// The async runtime could not start.
    #[error("无法启动运行时：{0}\nCannot start the runtime: {0}")]
    Runtime(std::io::Error),
}

impl CliError {
    /// A stable code for scripts and the IPC edge.
    pub fn code(&self) -> &'static str {
        match self {
            CliError::Store(e) => e.code(),
            CliError::ReadFile { .. } => "file.read",
            CliError::BadJson { .. } => "file.bad_json",
            CliError::Import(e) => e.code(),
            CliError::Render(e) => e.code(),
            CliError::ChartNotFound { .. } => "chart.not_found",
            CliError::WriteFile { .. } => "file.write",
            CliError::NoDataDir => "env.no_data_dir",
            CliError::Runtime(_) => "env.runtime",
        }
    }

    /// The file or field the error concerns, when there is one.
    pub fn field(&self) -> Option<String> {
        match self {
            CliError::ReadFile { path, .. }
            | CliError::BadJson { path, .. }
            | CliError::WriteFile { path, .. } => Some(path.display().to_string()),
            CliError::Store(
                StoreError::NotADatabase { path }
                | StoreError::ReadOnly { path }
                | StoreError::Open { path, .. }
                | StoreError::Backup { path, .. }
                | StoreError::Migrate { path, .. },
            ) => Some(path.display().to_string()),
            CliError::Import(e) => Some(e.file().to_string()),
            _ => None,
        }
    }
}
