//! CLI errors: each has a stable code and a bilingual message that names the file or field.

use jiedu_store::StoreError;
use std::path::PathBuf;

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The server refused or could not be reached.
    #[error(transparent)]
    Client(jiedu_client::ClientError),
    /// A command that works on a local database only was given --server.
    #[error("`jiedu {command}` 只能在本机数据库上运行（--db），不能通过服务器（--server）。{why}\n`jiedu {command}` runs on a local database (--db) only, not through a server (--server).")]
    LocalOnly {
        /// The command.
        command: String,
        /// Why, in Chinese.
        why: String,
    },
    /// The server could not be started.
    #[error(transparent)]
    Serve(#[from] jiedu_server::ServeError),
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
    /// A certificate or PDF signature could not be handled.
    #[error(transparent)]
    Pades(#[from] jiedu_pades::PadesError),
    /// No office CA to check a PDF signature's certificate against.
    #[error("没有可信任的办公室 CA 证书：请用 --ca CA.pem 指定（由 jiedu user export-ca 导出），或用 --db 指定本办公室的数据库。\nNo trusted office CA: pass --ca CA.pem (exported with jiedu user export-ca), or --db the office's database.")]
    NoTrustedCa,
    /// `--no-pdfa` asked of a signed pack, whose PDF is the signed file itself.
    #[error("解读包“{pack}”已审签：其 PDF 即签署时的 PDF/A-2u 文件，重新生成普通 PDF 会使签名失效，因此不能使用 --no-pdfa。\nPack {pack} is signed: its PDF is the PDF/A-2u file that was signed, and a plain one would not carry the signature, so --no-pdfa does not apply.")]
    SignedPdfAsIs {
        /// The pack.
        pack: String,
    },
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
    /// An acting command was given without `--as USER`.
    #[error("`jiedu {command}` 须指明操作人：请加 `--as 用户编号`。\n`jiedu {command}` acts for a person: add `--as USER`.")]
    NeedsActor {
        /// The command.
        command: String,
    },
    /// No passphrase: none in JIEDU_PASSPHRASE and no terminal to ask on.
    #[error("未提供用户“{user}”的口令：请设置环境变量 {var}，或在终端中运行以输入口令。\nNo passphrase for {user}: set {var}, or run in a terminal to be asked.")]
    NoPassphrase {
        /// Whose passphrase.
        user: String,
        /// The variable that would have held it.
        var: String,
    },
    /// The two entries of a new passphrase differ.
    #[error(
        "两次输入的口令不一致，未做任何改动。\nThe two passphrases differ; nothing was changed."
    )]
    PassphraseMismatch,
    /// A value on the command line cannot be read.
    #[error("无法识别{what_zh}“{value}”。{hint_zh}\nCannot read the {what} {value}. {hint_en}")]
    BadValue {
        /// What it should be, in Chinese.
        what_zh: String,
        /// What it should be.
        what: String,
        /// The value given.
        value: String,
        /// What is accepted, in Chinese.
        hint_zh: String,
        /// What is accepted.
        hint_en: String,
    },
    /// A part path (`--on`) cannot be read.
    #[error(transparent)]
    BadPart(#[from] jiedu_core::parts::PartParseError),
    /// `jiedu audit` with neither a pack nor --verify.
    #[error("请指定解读包编号（查看时间线），或加 --verify（校验整条审计链）。\nName a pack (for its timeline) or add --verify (to check the whole chain).")]
    AuditWhat,
    /// The PDF cannot be read.
    #[error("无法读取 PDF 文件“{path}”中的审签记录：{detail}\nCannot read the record in the PDF {path}: {detail}")]
    BadPdf {
        /// The file.
        path: PathBuf,
        /// What failed.
        detail: String,
    },
    /// The PDF carries no Jiedu record.
    #[error("PDF 文件“{path}”中没有 Jiedu 审签记录（jiedu-record.json），无法校验；请使用 `jiedu export pdf` 导出的文件。\nThe PDF {path} carries no Jiedu record (jiedu-record.json); verify a file made by `jiedu export pdf`.")]
    PdfWithoutRecord {
        /// The file.
        path: PathBuf,
    },
    /// The file is neither a PDF nor a JSON signed record.
    #[error("文件“{path}”既不是 PDF，也不是 JSON 审签记录。\nThe file {path} is neither a PDF nor a JSON signed record.")]
    UnknownRecord {
        /// The file.
        path: PathBuf,
    },
    /// `jiedu save` was given content without the revision it was based on.
    #[error("文件“{path}”没有注明所依据的版本（revision），请用 --base 指定，或保存 `jiedu show --json` 的输出。\nThe file {path} does not say which revision it was based on; give it with --base, or save the output of `jiedu show --json`.")]
    NoBaseRevision {
        /// The content file.
        path: PathBuf,
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
    pub fn code(&self) -> String {
        let code: &'static str = match self {
            CliError::Client(e) => return e.code(),
            CliError::LocalOnly { .. } => "usage.local_only",
            CliError::Serve(e) => e.code(),
            CliError::Store(e) => e.code(),
            CliError::ReadFile { .. } => "file.read",
            CliError::BadJson { .. } => "file.bad_json",
            CliError::Import(e) => e.code(),
            CliError::Render(e) => e.code(),
            CliError::Pades(e) => e.code(),
            CliError::NoTrustedCa => "verify.no_trusted_ca",
            CliError::ChartNotFound { .. } => "chart.not_found",
            CliError::SignedPdfAsIs { .. } => "export.signed_pdf_as_is",
            CliError::WriteFile { .. } => "file.write",
            CliError::NeedsActor { .. } => "auth.needs_actor",
            CliError::NoPassphrase { .. } => "auth.no_passphrase",
            CliError::PassphraseMismatch => "auth.passphrase_mismatch",
            CliError::BadValue { .. } => "usage.bad_value",
            CliError::BadPart(_) => "usage.bad_part",
            CliError::AuditWhat => "usage.audit_what",
            CliError::PdfWithoutRecord { .. } => "verify.no_record",
            CliError::BadPdf { .. } => "verify.bad_pdf",
            CliError::UnknownRecord { .. } => "verify.unknown_format",
            CliError::NoBaseRevision { .. } => "save.no_base",
            CliError::NoDataDir => "env.no_data_dir",
            CliError::Runtime(_) => "env.runtime",
        };
        code.to_string()
    }

    /// The file or field the error concerns, when there is one.
    pub fn field(&self) -> Option<String> {
        match self {
            CliError::ReadFile { path, .. }
            | CliError::BadJson { path, .. }
            | CliError::WriteFile { path, .. }
            | CliError::PdfWithoutRecord { path }
            | CliError::BadPdf { path, .. }
            | CliError::UnknownRecord { path } => Some(path.display().to_string()),
            CliError::NoBaseRevision { .. } => Some("base".into()),
            CliError::Store(StoreError::NoSuchRevision { .. }) => Some("base".into()),
            CliError::Store(
                StoreError::InvalidSetting { field, .. }
                | StoreError::Supersession { field, .. }
                | StoreError::InvalidConcern { field, .. },
            ) => Some(field.clone()),
            CliError::Store(e) => e.database().or_else(|| e.media_field()),
            CliError::Render(jiedu_render::RenderError::PortalNotReady { field, .. }) => {
                Some(field.clone())
            }
            CliError::Client(e) => e.field(),
            CliError::Import(e) => Some(e.file().to_string()),
            _ => None,
        }
    }
}

impl From<jiedu_client::ClientError> for CliError {
    fn from(e: jiedu_client::ClientError) -> CliError {
        // A store error is the same error whether the store ran here or on the server.
        match e {
            jiedu_client::ClientError::Store(e) => CliError::Store(e),
            other => CliError::Client(other),
        }
    }
}
