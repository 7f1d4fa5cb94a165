//! Command-line arguments.

use crate::error::CliError;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Jiedu 解读 — 政策解读包：同步起草、同步审签、同步部署。
/// Policy interpretation packs, drafted, signed and deployed in sync.
#[derive(Debug, Parser)]
#[command(name = "jiedu", version)]
pub struct Cli {
    /// 数据库文件（默认：用户数据目录下的 jiedu.db；也可用环境变量 JIEDU_DB）。
    /// Database file (default: jiedu.db in the user's data directory, or $JIEDU_DB).
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// 以 JSON 输出，供脚本使用。Print machine-readable JSON.
    #[arg(long, global = true)]
    pub json: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The jobs.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 创建演示数据库（可重复运行）。Create the demo database (safe to repeat).
    Demo(DemoArgs),
    /// 列出解读包。List packs.
    List,
    /// 显示解读包内容。Show a pack.
    Show {
        /// 解读包编号 Pack id.
        pack: String,
    },
    /// 检查关口规则；全部通过退出码为 0，否则为 1。Run the gate rules; exit 0 when all blocking rules pass, 1 otherwise.
    Check {
        /// 解读包编号 Pack id.
        pack: String,
    },
    /// 导出文件（PDF 解读包、图表）。Export files (PDF pack, charts).
    Export(ExportArgs),
    /// 导入政策文件（.docx、.txt、.md），识别结构并清理网页杂项。Import a policy from .docx, .txt or .md.
    Import(crate::commands::import::ImportArgs),
    /// 全文检索政策与解读文本。Full-text search over policy and interpretation text.
    Search {
        /// 检索词，空格分隔表示同时包含。Words; all must occur.
        query: String,
        /// 最多返回条数。Maximum number of hits.
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

/// Options of `jiedu export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to export.
    #[command(subcommand)]
    pub target: ExportTarget,
}

/// The things that can be exported.
#[derive(Debug, Subcommand)]
pub enum ExportTarget {
    /// 导出 PDF 解读包。Export the PDF interpretation pack.
    Pdf(PdfArgs),
    /// 导出图表为 SVG 或 PNG。Export a chart as SVG or PNG.
    Chart {
        /// 解读包编号 Pack id.
        pack: String,
        /// 图表编号 Chart id.
        chart: String,
        /// 格式 Format.
        #[arg(long, value_enum, default_value_t = ChartFormat::Png)]
        format: ChartFormat,
        /// PNG 宽度（像素）。PNG width in pixels.
        #[arg(long, default_value_t = 1080)]
        width: u32,
        /// 输出文件 Output file.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// The PDF pack export.
#[derive(Debug, Args)]
pub struct PdfArgs {
    /// 解读包编号 Pack id.
    pub pack: String,
    /// 输出文件 Output file.
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// Chart file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ChartFormat {
    /// Vector SVG.
    Svg,
    /// Raster PNG.
    Png,
}

/// Options of `jiedu demo`.
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// 从此目录读取演示数据（默认使用内置数据）。Read demo data from this folder instead of the built-in copy.
    #[arg(long, value_name = "DIR")]
    pub from: Option<PathBuf>,
}

/// The database to use: `--db`, else the shared default (`$JIEDU_DB` or the data directory).
pub fn database_path(flag: Option<PathBuf>) -> Result<PathBuf, CliError> {
    flag.or_else(jiedu_store::default_database_path)
        .ok_or(CliError::NoDataDir)
}
