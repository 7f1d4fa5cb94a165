//! Command-line arguments.

use crate::error::CliError;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Jiedu 解读 — 政策解读包：同步起草、同步审签、同步部署。
/// Policy interpretation packs, drafted, signed and deployed in sync.
#[derive(Debug, Parser)]
#[command(name = "jiedu", version)]
pub struct Cli {
    /// 数据库：文件路径（本机），或 postgres://用户@主机/库名（团队）。默认：用户数据目录下的
    /// jiedu.db；也可用环境变量 JIEDU_DB。
    /// Database: a file path (solo), or postgres://user@host/db (team). Default: jiedu.db in the
    /// user's data directory, or $JIEDU_DB.
    #[arg(long, global = true, value_name = "PATH|URL")]
    pub db: Option<String>,

    /// 团队服务器 https://主机:端口（代替 --db）；也可用 JIEDU_SERVER。
    /// Team server https://HOST:PORT, instead of --db; or $JIEDU_SERVER.
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "JIEDU_SERVER",
        conflicts_with = "db"
    )]
    pub server: Option<String>,

    /// 团队服务器的 CA 证书（PEM，由 jiedu serve 生成）；也可用 JIEDU_CA。
    /// The team server's CA certificate (PEM, made by jiedu serve); or $JIEDU_CA.
    #[arg(long, global = true, value_name = "FILE", env = "JIEDU_CA")]
    pub ca: Option<PathBuf>,

    /// 以 JSON 输出，供脚本使用。Print machine-readable JSON.
    #[arg(long, global = true)]
    pub json: bool,

    /// 以此用户身份操作（口令取自 JIEDU_PASSPHRASE，否则提示输入）。
    /// Act as this user (passphrase from $JIEDU_PASSPHRASE, else prompted).
    #[arg(long = "as", global = true, value_name = "USER")]
    pub actor: Option<String>,

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
    /// 检查关口规则与时限；全部通过退出码为 0，否则为 1。Run the gate rules and show the deadlines; exit 0 when all blocking rules pass, 1 otherwise.
    Check {
        /// 解读包编号 Pack id.
        pack: String,
        /// 按此日期判断时限（YYYY-MM-DD；默认今天）。Judge deadlines on this day (default today).
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
    },
    /// 导出文件（PDF 解读包、图表）。Export files (PDF pack, charts).
    Export(ExportArgs),
    /// 导入政策文件（.docx、.txt、.md、.html），识别结构并清理网页杂项。Import a policy from .docx, .txt, .md or .html.
    Import(crate::commands::import::ImportArgs),
    /// 全文检索政策与解读文本。Full-text search over policy and interpretation text.
    Search {
        /// 检索词，空格分隔表示同时包含。Words; all must occur.
        query: String,
        /// 最多返回条数。Maximum number of hits.
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// 人员：添加、列出。People: add, list.
    User(crate::commands::user::UserArgs),
    /// 以 JSON 文件（PackContent 或 `show --json` 的输出）保存新版本。Save a JSON file as a new revision.
    Save(crate::commands::workflow::SaveArgs),
    /// 报送审签（先运行关口规则）。Submit for sign-off (runs the gate rules first).
    Submit(crate::commands::workflow::SubmitArgs),
    /// 审签领导退回并附意见。Return to the drafter with a comment.
    Return(crate::commands::workflow::ReturnArgs),
    /// 列出审签意见。List the leader's comments.
    Comments(crate::commands::workflow::PackArg),
    /// 起草人将意见标记为已处理。Mark a comment as dealt with.
    Resolve(crate::commands::workflow::ResolveArgs),
    /// 政务公开工作机构审查公开属性。The openness office reviews the disclosure attribute.
    ReviewDisclosure(crate::commands::workflow::ReviewArgs),
    /// 审签：一次签署政策文件与解读材料。Sign policy and interpretation in one act.
    Sign(crate::commands::workflow::SignArgs),
    /// 部署：一次发布政策文件与解读材料。Release policy and interpretation in one act.
    Deploy(crate::commands::workflow::DeployArgs),
    /// 按部分比较两个版本的差异。What changed, part by part, between two revisions.
    Diff(crate::commands::diff::DiffArgs),
    /// 审计日志时间线；--verify 校验整条哈希链。Audit timeline; --verify checks the whole chain.
    Audit(crate::commands::audit::AuditArgs),
    /// 校验导出的审签记录（无需数据库）。Verify an exported signed record (no database needed).
    Verify(crate::commands::verify::VerifyArgs),
    /// 运行团队服务器（jiedu-server）。Run the team server (jiedu-server).
    Serve(jiedu_server::ServeArgs),
    /// 实时显示变动：每个事件一行。Print one line per change as it happens.
    Watch(crate::commands::watch::WatchArgs),
    /// 时限：即将到期与已逾期（按国务院节假日安排计算工作日）。Deadlines due and overdue, in working days.
    Deadlines(crate::commands::deadlines::DeadlinesArgs),
    /// 工作日历：列出、导入年份。Working-day calendar: list, import a year.
    Calendar(crate::commands::calendar::CalendarArgs),
    /// 单位设置：组织机构代码、网站、时限。Unit settings: organisation code, site, limits.
    Unit(crate::commands::unit::UnitArgs),
    /// 社会关切：登记、回应、列出。Public concerns: add, respond, list.
    Concern(crate::commands::concern::ConcernArgs),
    /// 图片与音视频：添加、列出、移除、取出。Images, audio and video: add, list, remove, get.
    Media(crate::commands::media::MediaArgs),
    /// 年度统计（解读率、形式、按时率、回应关切）。Annual figures.
    Report(crate::commands::report::ReportArgs),
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
    /// 导出 OFD 版式文件（GB/T 33190），与 PDF 同一版面。Export the OFD file (GB/T 33190), laid out as the PDF.
    Ofd(OfdArgs),
    /// 导出媒体包（仅限已审签的解读包）。Export the media kit (signed packs only).
    Kit(KitArgs),
    /// 导出门户网站发布包（静态网页、图片与清单；仅限已审签的解读包）。Export the portal publication package (signed packs only).
    Portal(OfdArgs),
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
    /// 导出普通 PDF（不带 PDF/A-2u 与无障碍标签）；已审签的解读包只能按签署时的文件导出。
    /// Write a plain PDF (no PDF/A-2u, no tags); a signed pack is always exported as signed.
    #[arg(long)]
    pub no_pdfa: bool,
}

/// An export of one pack to one file (OFD, portal package).
#[derive(Debug, Args)]
pub struct OfdArgs {
    /// 解读包编号 Pack id.
    pub pack: String,
    /// 输出文件（.ofd 或 .zip）Output file (.ofd or .zip).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

/// The media kit export.
#[derive(Debug, Args)]
pub struct KitArgs {
    /// 解读包编号 Pack id.
    pub pack: String,
    /// 输出文件（.zip）Output file (.zip).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// 新闻稿中的联系人与电话。Contact line for the press release.
    #[arg(long, default_value = "")]
    pub contact: String,
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
pub fn database(flag: Option<String>) -> Result<jiedu_store::DbLocation, CliError> {
    flag.filter(|f| !f.trim().is_empty())
        .map(|f| jiedu_store::DbLocation::parse(&f))
        .or_else(jiedu_store::default_database)
        .ok_or(CliError::NoDataDir)
}

/// Where a command's data is: a local database, or a team server.
#[derive(Debug, Clone)]
pub enum Target {
    /// `--db` (or the default database).
    Db(jiedu_store::DbLocation),
    /// `--server` with `--ca`.
    Server {
        /// The server URL.
        url: String,
        /// Its CA certificate.
        ca: Option<PathBuf>,
        /// `--as`, signed in for reading commands unless the remembered session is theirs.
        actor: Option<String>,
    },
}

impl Target {
    /// `--server` when given, else the database.
    pub fn from_flags(
        server: Option<String>,
        ca: Option<PathBuf>,
        db: Option<String>,
        actor: Option<String>,
    ) -> Result<Target, CliError> {
        match server.filter(|s| !s.trim().is_empty()) {
            Some(url) => Ok(Target::Server { url, ca, actor }),
            None => Ok(Target::Db(database(db)?)),
        }
    }

    /// Opens the database or connects to the server.
    pub async fn open(&self) -> Result<jiedu_client::Backend, CliError> {
        Ok(match self {
            Target::Db(db) => jiedu_client::Backend::local(db).await?,
            Target::Server { url, ca, actor } => {
                let mut backend = jiedu_client::Backend::remote(url, ca.as_deref()).await?;
                if let Some(user) = actor {
                    if backend.remembered_user().as_deref() != Some(user.as_str()) {
                        let passphrase = crate::auth::passphrase(user)?;
                        backend.sign_in(user, &passphrase).await?;
                    }
                }
                backend
            }
        })
    }

    /// The local database, for the commands that only make sense on one.
    pub fn local(&self, command: &str, why: &str) -> Result<&jiedu_store::DbLocation, CliError> {
        match self {
            Target::Db(db) => Ok(db),
            Target::Server { .. } => Err(CliError::LocalOnly {
                command: command.to_string(),
                why: why.to_string(),
            }),
        }
    }
}
