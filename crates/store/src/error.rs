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
    #[error("无法打开数据库“{path}”：{source}\nCannot open the database {path}: {source}")]
    Open {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: sqlx::Error,
    },
    /// The backup before a migration failed; nothing was migrated.
    #[error("升级前备份数据库“{path}”失败，未做任何改动：{source}\nBacking up {path} before upgrading failed; nothing was changed: {source}")]
    Backup {
        /// The database file.
        path: PathBuf,
        /// The cause.
        source: sqlx::Error,
    },
    /// The database was written by a newer Jiedu, or its migrations were altered.
    #[error("数据库“{path}”的结构无法升级（可能由更新版本的 Jiedu 创建）：{source}\nThe database {path} cannot be migrated (perhaps written by a newer Jiedu): {source}")]
    Migrate {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: sqlx::migrate::MigrateError,
    },
    /// No pack has this id.
    #[error("找不到解读包“{id}”。请用 `jiedu list` 查看已有的解读包。\nNo pack with id {id}. Run `jiedu list` to see the packs.")]
    PackNotFound {
        /// The id asked for.
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
            StoreError::Backup { .. } => "db.backup",
            StoreError::Migrate { .. } => "db.migrate",
            StoreError::PackNotFound { .. } => "pack.not_found",
            StoreError::PackExists { .. } => "pack.exists",
            StoreError::UnitNotFound { .. } => "unit.not_found",
            StoreError::Corrupt { .. } => "db.corrupt",
            StoreError::Db(_) => "db.error",
        }
    }
}
