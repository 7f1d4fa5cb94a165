//! Storage errors. Each message is Chinese first, then English, and names the file or record.

use std::path::PathBuf;

/// What can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file exists but is not a SQLite database.
    #[error("文件“{path}”不是 Jiedu 数据库（不是 SQLite 文件）。请检查 --db 参数。\nThe file {path} is not a Jiedu database (not SQLite). Check the --db option.")]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// The file or its folder cannot be written.
    #[error("数据库“{path}”为只读或所在目录不可写，无法保存。请换一个可写的位置。\nThe database {path} is read-only or its folder is not writable. Choose a writable location.")]
    ReadOnly {
        /// The file.
        path: PathBuf,
    },
    /// Opening failed for another reason.
    #[error("无法打开数据库“{db}”：{source}\nCannot open the database {db}: {source}")]
    Open {
        /// The file or the database URL (without its password).
        db: String,
        /// The cause.
        source: sqlx::Error,
    },
    /// The PostgreSQL server cannot be reached or refuses the login.
    #[error("无法连接数据库“{db}”：{reason}\nCannot connect to the database {db}: {reason}")]
    Connect {
        /// The database URL (without its password).
        db: String,
        /// What went wrong, Chinese then English.
        reason: String,
    },
    /// A PostgreSQL database that holds tables but not Jiedu's.
    #[error("数据库“{db}”中已有其他程序的数据表，不是 Jiedu 数据库，未做任何改动。请换一个空数据库或 Jiedu 数据库。\nThe database {db} holds another program's tables, not Jiedu's; nothing was changed. Use an empty database or a Jiedu one.")]
    ForeignDatabase {
        /// The database URL (without its password).
        db: String,
    },
    /// The database was written by a newer Jiedu: it has migrations this build does not know.
    #[error("数据库“{db}”由更新版本的 Jiedu 创建（结构版本 {versions}），本版本无法使用，未做任何改动。请升级 Jiedu。\nThe database {db} was written by a newer Jiedu (schema versions {versions}); this version cannot use it and changed nothing. Upgrade Jiedu.")]
    NewerDatabase {
        /// The file or the database URL (without its password).
        db: String,
        /// The unknown schema versions.
        versions: String,
    },
    /// The backup before a migration failed; nothing was migrated.
    #[error("升级前备份数据库“{db}”失败，未做任何改动：{detail}\nBacking up {db} before upgrading failed; nothing was changed: {detail}")]
    Backup {
        /// The file or the database URL (without its password).
        db: String,
        /// The cause, and for PostgreSQL how to back up by hand.
        detail: String,
    },
    /// The migrations could not be applied.
    #[error(
        "数据库“{db}”的结构无法升级：{source}\nThe database {db} cannot be migrated: {source}"
    )]
    Migrate {
        /// The file or the database URL (without its password).
        db: String,
        /// The cause.
        source: sqlx::migrate::MigrateError,
    },
    /// A save or a workflow step was based on a revision that is no longer the current one.
    #[error("{}", conflict_message(pack, *base, *current, saved_by, saved_at, *draft_kept))]
    Conflict {
        /// The pack.
        pack: String,
        /// The revision the caller acted on.
        base: i64,
        /// The current revision.
        current: i64,
        /// Who wrote the current revision.
        saved_by: String,
        /// When (RFC 3339, UTC).
        saved_at: String,
        /// Whether the refused content was kept as the caller's draft (a refused save).
        draft_kept: bool,
    },
    /// A base revision that the pack never had.
    #[error("解读包“{pack}”没有第 {revision} 版（当前为第 {current} 版）。请检查 --base 或文件中的 revision。\nThe pack {pack} has no revision {revision} (the current one is {current}). Check --base or the revision in the file.")]
    NoSuchRevision {
        /// The pack.
        pack: String,
        /// The revision asked for.
        revision: i64,
        /// The current revision.
        current: i64,
    },
    /// No pack has this id.
    #[error("找不到解读包“{id}”。请用 `jiedu list` 查看已有的解读包。\nNo pack with id {id}. Run `jiedu list` to see the packs.")]
    PackNotFound {
        /// The id asked for.
        id: String,
    },
    /// A pack id that cannot serve as a file name (exports are named after it).
    #[error("解读包编号“{id}”无效：只能使用英文字母、数字、“-”“_”“.”，且不能为空。\nThe pack id “{id}” is invalid: use only letters, digits, '-', '_' and '.', and not nothing.")]
    BadPackId {
        /// The id.
        id: String,
    },
    /// A pack with this id already exists.
    #[error("解读包“{id}”已存在。\nA pack with id {id} already exists.")]
    PackExists {
        /// The id.
        id: String,
    },
    /// The pack names a unit that is not in the database.
    #[error("找不到单位“{id}”。请先添加该单位。\nNo unit with id {id}. Add the unit first.")]
    UnitNotFound {
        /// The unit id.
        id: String,
    },
    /// A stored record cannot be read back.
    #[error("数据库记录损坏：{what}\nA stored record is corrupt: {what}")]
    Corrupt {
        /// Which record, and why.
        what: String,
    },
    /// No user has this id.
    #[error("找不到用户“{id}”。请用 `jiedu user list` 查看已有用户。\nNo user with id {id}. Run `jiedu user list` to see the users.")]
    UserNotFound {
        /// The id asked for.
        id: String,
    },
    /// The user already has a passphrase and key pair.
    #[error("用户“{id}”已存在。\nThe user {id} already exists.")]
    UserExists {
        /// The id.
        id: String,
    },
    /// The user has no passphrase and key pair yet.
    #[error("用户“{id}”尚未设置口令和签名密钥，请管理员用 `jiedu user add` 添加。\nThe user {id} has no passphrase and signing key yet; an admin must add them with `jiedu user add`.")]
    NoCredentials {
        /// The user.
        id: String,
    },
    /// The passphrase does not match.
    #[error(
        "用户“{id}”的口令不正确，未做任何改动。\nWrong passphrase for {id}; nothing was changed."
    )]
    WrongPassphrase {
        /// The user.
        id: String,
    },
    /// The passphrase is too short.
    #[error("口令至少需要 {min} 个字符。\nA passphrase needs at least {min} characters.")]
    WeakPassphrase {
        /// The minimum length.
        min: usize,
    },
    /// Adding people needs an admin once the first admin exists.
    #[error("添加用户须由管理员操作：请加 `--as 管理员编号`。（仅在尚无任何用户时，可不加 --as 添加第一位管理员。）\nAdding people needs an admin: add `--as ADMIN`. (Only the first admin of an empty register is added without --as.)")]
    AdminRequired,
    /// Creating or opening a credential failed (random source, key derivation).
    #[error("口令或密钥处理失败：{detail}\nProcessing the passphrase or key failed: {detail}")]
    Credential {
        /// What failed.
        detail: String,
    },
    /// The workflow refused the step.
    #[error(transparent)]
    Workflow(#[from] jiedu_core::workflow::WorkflowError),
    /// A leader without a certificate from the office CA cannot sign a PDF.
    #[error("用户“{id}”还没有办公室 CA 签发的签名证书。请管理员执行 jiedu user certify {id} --as 管理员。\n{id} has no signing certificate from the office CA; an admin runs jiedu user certify {id} --as ADMIN.")]
    NoCertificate {
        /// The user.
        id: String,
    },
    /// Only leaders get signing certificates.
    #[error("只给领导签发签名证书，“{id}”的角色是{role}。\nSigning certificates are issued to leaders only; {id} is a {role}.")]
    NotALeader {
        /// The user.
        id: String,
        /// Their role.
        role: String,
    },
    /// Only the admin whose key is the office CA can issue certificates.
    #[error("办公室 CA 的密钥属于管理员“{admin}”，须由其签发证书。\nThe office CA's key belongs to the admin {admin}; they issue certificates.")]
    CaOfAnotherAdmin {
        /// The CA's admin.
        admin: String,
    },
    /// A person who has no document-signing key yet.
    #[error("用户“{id}”还没有文档签名密钥：请其先用口令登录一次，再签发证书。\n{id} has no document-signing key yet: they sign in once with their passphrase, then the certificate can be issued.")]
    NoDocumentKey {
        /// The user.
        id: String,
    },
    /// A server-side session cannot open keys: that happens only on the person's desktop.
    #[error("“{id}”的密钥只在其本人的电脑上打开：请在桌面端或命令行本机操作。\nThe keys of {id} are opened only on their own desktop; do this from the app or the CLI there.")]
    KeysOnDesktop {
        /// The user.
        id: String,
    },
    /// The sign-in challenge is unknown, used or expired.
    #[error("登录挑战无效、已使用或已过期，请重新登录。\nThe sign-in challenge is unknown, already used or expired; sign in again.")]
    BadChallenge,
    /// The answer to a challenge was not signed by the user's registered key.
    #[error("“{id}”的登录应答签名无效。\nThe sign-in answer for {id} is not signed by their registered key.")]
    BadAnswer {
        /// The user.
        id: String,
    },
    /// Too many failed sign-ins.
    #[error("登录失败次数过多，请 {minutes} 分钟后再试。\nToo many failed sign-ins; try again in {minutes} minutes.")]
    RateLimited {
        /// How long to wait.
        minutes: i64,
    },
    /// No valid session token.
    #[error("未登录或登录已过期：请用 --as 用户编号 登录（桌面端请重新登录）。\nNot signed in, or the session expired: sign in with --as USER (in the app, sign in again).")]
    Unauthenticated,
    /// A signature sent for recording does not hold.
    #[error("签名未被接受：{detail}\nThe signature was not accepted: {detail}")]
    SignatureRefused {
        /// Why.
        detail: String,
    },
    /// The office has no CA yet.
    #[error("本办公室尚未建立 CA。请管理员执行 jiedu user certify 签发证书（会同时建立 CA）。\nThe office has no CA yet; an admin creates it by certifying a leader (jiedu user certify).")]
    NoOfficeCa,
    /// Making the signed PDF failed: rendering it, or its PAdES signature.
    #[error("生成签名 PDF 失败，未签署：{detail}\nMaking the signed PDF failed; nothing was signed: {detail}")]
    SignedPdf {
        /// What failed.
        detail: String,
    },
    /// A certificate or PAdES operation failed.
    #[error(transparent)]
    Pades(#[from] jiedu_pades::PadesError),
    /// A stored signature does not verify.
    #[error(transparent)]
    Signature(#[from] jiedu_core::signing::VerifyError),
    /// A comment names a part the pack does not have.
    #[error("解读包“{pack}”中没有“{part}”。\nPack {pack} has no part {part}.")]
    PartNotFound {
        /// The pack.
        pack: String,
        /// The part asked for.
        part: String,
    },
    /// No open comment has this id on this pack.
    #[error("解读包“{pack}”没有编号为 {id} 的未处理意见。请用 `jiedu comments {pack}` 查看。\nPack {pack} has no open comment {id}. Run `jiedu comments {pack}` to see them.")]
    CommentNotFound {
        /// The pack.
        pack: String,
        /// The comment id.
        id: i64,
    },
    /// A comment needs text.
    #[error("退回意见不能为空。\nA return needs a comment.")]
    EmptyComment,
    /// The leader has not yet seen the pack (no submit, return or sign).
    #[error("解读包“{id}”尚未报送审签，没有“上次审阅”的版本可比较；请用 --from 指定版本。\nPack {id} was never submitted, so there is no reviewed revision to compare with; give one with --from.")]
    NeverReviewed {
        /// The pack.
        id: String,
    },
    /// A pack's 修改/废止 clause names a pack it cannot apply to.
    #[error("修改、废止条款 {field} 无法执行：{detail}\nThe amend/repeal clause {field} cannot be applied.")]
    Supersession {
        /// The field, e.g. `policy.supersedes[0].pack_id`.
        field: String,
        /// Why, in both languages.
        detail: String,
    },
    /// A unit setting is out of range.
    #[error("单位设置 {field} 有误：{detail}\nUnit setting {field} is wrong.")]
    InvalidSetting {
        /// The field, e.g. `portal.org_code`.
        field: String,
        /// Why, in both languages.
        detail: String,
    },
    /// A calendar year is missing or malformed.
    #[error(transparent)]
    Calendar(#[from] jiedu_core::calendar::CalendarError),
    /// A concern or response is incomplete.
    #[error("社会关切的 {field} 有误：{detail}\nThe concern's {field} is wrong.")]
    InvalidConcern {
        /// The field, e.g. `what`.
        field: String,
        /// Why, in both languages.
        detail: String,
    },
    /// No concern has this id.
    #[error("没有编号为“{id}”的社会关切。请用 jiedu concern list 查看。\nThere is no concern {id}; see jiedu concern list.")]
    ConcernNotFound {
        /// The id asked for.
        id: String,
    },
    /// A media file's bytes are not what was declared.
    #[error("文件“{file}”未保存：{detail}\nThe file {file} was not stored.")]
    InvalidMedia {
        /// The file's name as added.
        file: String,
        /// Why, in both languages.
        detail: String,
    },
    /// A file is larger than any format allows.
    #[error("文件“{file}”有 {mb} MB，超过上限 {limit_mb} MB，未保存。\nThe file {file} is {mb} MB, over the {limit_mb} MB limit; nothing was stored.")]
    MediaTooLarge {
        /// The file's name.
        file: String,
        /// Its size in MB, rounded up.
        mb: u64,
        /// The limit in MB.
        limit_mb: u64,
    },
    /// No upload in progress has this id (for this user).
    #[error("没有编号为 {id} 的上传（已完成、已取消或已过期）。\nNo upload {id} is in progress (finished, cancelled or expired).")]
    UploadNotFound {
        /// The id asked for.
        id: String,
    },
    /// A piece of an upload is not at the offset the server holds.
    #[error("“{file}”的上传片段位置 {offset} 与已收到的 {received} 字节不符，请从 {received} 处续传。\nThe piece of {file} at {offset} does not follow the {received} bytes received; resume from {received}.")]
    UploadOffset {
        /// The file's name.
        file: String,
        /// Where the piece claimed to start.
        offset: u64,
        /// What the server holds.
        received: u64,
    },
    /// An upload was finished before all of it arrived.
    #[error("“{file}”尚未传完：已收到 {received} / {byte_len} 字节。\nThe upload of {file} is incomplete: {received} of {byte_len} bytes.")]
    UploadIncomplete {
        /// The file's name.
        file: String,
        /// Bytes received.
        received: u64,
        /// Bytes declared.
        byte_len: u64,
    },
    /// No stored file has this SHA-256.
    #[error("没有 SHA-256 为 {sha256} 的文件。\nNo file with SHA-256 {sha256} is stored.")]
    MediaNotFound {
        /// The hash asked for.
        sha256: String,
    },
    /// Content refers to a file that is not stored.
    #[error("{field} 引用的文件“{file}”尚未上传，请先添加该文件（jiedu media add）。\n{field} refers to {file}, which is not stored; add the file first (jiedu media add).")]
    MediaMissing {
        /// Where in the content, e.g. `materials.media[0]`.
        field: String,
        /// The file's name as referred to.
        file: String,
    },
    /// Any other database failure.
    #[error("数据库操作失败：{0}\nDatabase operation failed: {0}")]
    Db(#[from] sqlx::Error),
}

impl StoreError {
    /// A stable machine-readable code, for `--json` output and the IPC edge.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotADatabase { .. } => "db.not_a_database",
            StoreError::ReadOnly { .. } => "db.read_only",
            StoreError::Open { .. } => "db.open",
            StoreError::Connect { .. } => "db.connect",
            StoreError::ForeignDatabase { .. } => "db.not_a_database",
            StoreError::NewerDatabase { .. } => "db.newer",
            StoreError::Backup { .. } => "db.backup",
            StoreError::Migrate { .. } => "db.migrate",
            StoreError::Conflict { .. } => "pack.conflict",
            StoreError::NoSuchRevision { .. } => "pack.no_such_revision",
            StoreError::PackNotFound { .. } => "pack.not_found",
            StoreError::BadPackId { .. } => "pack.bad_id",
            StoreError::PackExists { .. } => "pack.exists",
            StoreError::UnitNotFound { .. } => "unit.not_found",
            StoreError::Corrupt { .. } => "db.corrupt",
            StoreError::UserNotFound { .. } => "user.not_found",
            StoreError::UserExists { .. } => "user.exists",
            StoreError::NoCredentials { .. } => "auth.no_credentials",
            StoreError::WrongPassphrase { .. } => "auth.wrong_passphrase",
            StoreError::WeakPassphrase { .. } => "auth.weak_passphrase",
            StoreError::AdminRequired => "auth.admin_required",
            StoreError::Credential { .. } => "auth.credential",
            StoreError::Workflow(e) => e.code(),
            StoreError::NoCertificate { .. } => "cert.none",
            StoreError::NotALeader { .. } => "cert.not_a_leader",
            StoreError::NoOfficeCa => "cert.no_office_ca",
            StoreError::KeysOnDesktop { .. } => "auth.keys_on_desktop",
            StoreError::BadChallenge => "auth.bad_challenge",
            StoreError::BadAnswer { .. } => "auth.bad_answer",
            StoreError::RateLimited { .. } => "auth.rate_limited",
            StoreError::Unauthenticated => "auth.unauthenticated",
            StoreError::SignatureRefused { .. } => "sign.refused",
            StoreError::CaOfAnotherAdmin { .. } => "cert.ca_of_another_admin",
            StoreError::NoDocumentKey { .. } => "cert.no_document_key",
            StoreError::SignedPdf { .. } => "pdf.signing_failed",
            StoreError::Pades(e) => e.code(),
            StoreError::Signature(e) => e.code(),
            StoreError::PartNotFound { .. } => "comment.part_not_found",
            StoreError::CommentNotFound { .. } => "comment.not_found",
            StoreError::EmptyComment => "comment.empty",
            StoreError::NeverReviewed { .. } => "diff.never_reviewed",
            StoreError::Supersession { .. } => "pack.supersedes",
            StoreError::InvalidSetting { .. } => "settings.invalid",
            StoreError::Calendar(e) => match e {
                jiedu_core::calendar::CalendarError::YearMissing { .. } => "calendar.year_missing",
                _ => "calendar.invalid",
            },
            StoreError::InvalidConcern { .. } => "concern.invalid",
            StoreError::ConcernNotFound { .. } => "concern.not_found",
            StoreError::InvalidMedia { .. } => "media.invalid",
            StoreError::MediaTooLarge { .. } => "media.too_large",
            StoreError::UploadNotFound { .. } => "upload.not_found",
            StoreError::UploadOffset { .. } => "upload.offset",
            StoreError::UploadIncomplete { .. } => "upload.incomplete",
            StoreError::MediaNotFound { .. } => "media.not_found",
            StoreError::MediaMissing { .. } => "media.missing",
            StoreError::Db(_) => "db.error",
        }
    }

    /// The file or field this error is about, for media errors: the `field` of the error at the
    /// CLI, IPC and HTTP edges.
    pub fn media_field(&self) -> Option<String> {
        match self {
            StoreError::InvalidMedia { file, .. }
            | StoreError::MediaTooLarge { file, .. }
            | StoreError::UploadOffset { file, .. }
            | StoreError::UploadIncomplete { file, .. } => Some(file.clone()),
            StoreError::MediaMissing { field, .. } => Some(field.clone()),
            _ => None,
        }
    }

    /// The database this error is about (a file path, or a URL without its password), for the
    /// `field` of the error at the CLI and IPC edges.
    pub fn database(&self) -> Option<String> {
        match self {
            StoreError::NotADatabase { path } | StoreError::ReadOnly { path } => {
                Some(path.display().to_string())
            }
            StoreError::Open { db, .. }
            | StoreError::Connect { db, .. }
            | StoreError::ForeignDatabase { db }
            | StoreError::NewerDatabase { db, .. }
            | StoreError::Backup { db, .. }
            | StoreError::Migrate { db, .. } => Some(db.clone()),
            _ => None,
        }
    }
}

/// The text of [`StoreError::Conflict`]: who saved which revision when, and what the caller can
/// do now, which depends on whether it was a save (its content kept as a draft) or a step.
fn conflict_message(
    pack: &str,
    base: i64,
    current: i64,
    saved_by: &str,
    saved_at: &str,
    draft_kept: bool,
) -> String {
    let (zh, en) = if draft_kept {
        (
            "您的内容已保留为草稿；请查看差异后重新载入，或将您的版本另存为新版本。".to_string(),
            "Your content is kept as your draft; review the differences, then reload or keep your version as the next revision.".to_string(),
        )
    } else {
        (
            format!("未做任何改动；请重新载入并查看第 {current} 版后再操作。"),
            format!("Nothing was changed; reload and review revision {current} first."),
        )
    };
    format!(
        "解读包“{pack}”已有更新的版本：您基于第 {base} 版操作，但 {saved_by} 已于 {saved_at} 保存了第 {current} 版。{zh}\nThe pack {pack} has a newer revision: you worked on revision {base}, but {saved_by} saved revision {current} at {saved_at}. {en}"
    )
}
