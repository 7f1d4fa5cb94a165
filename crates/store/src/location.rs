//! Where a store lives: a SQLite file (solo mode) or a PostgreSQL database (team mode).

use std::fmt;
use std::path::{Path, PathBuf};

/// A database to open, named by a file path or a URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbLocation {
    /// A SQLite file; created when missing.
    File(PathBuf),
    /// A PostgreSQL URL, `postgres://user[:password]@host[:port]/database`.
    Postgres(String),
}

impl DbLocation {
    /// Reads `--db` or `JIEDU_DB`: `postgres://` and `postgresql://` name PostgreSQL; anything
    /// else, with or without a `sqlite:` prefix, is a SQLite file path.
    pub fn parse(text: &str) -> DbLocation {
        let trimmed = text.trim();
        let lower = trimmed.to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            return DbLocation::Postgres(trimmed.to_string());
        }
        let path = trimmed
            .strip_prefix("sqlite://")
            .or_else(|| trimmed.strip_prefix("sqlite:"))
            .unwrap_or(trimmed);
        DbLocation::File(PathBuf::from(path))
    }

    /// The engine this location needs.
    pub fn engine(&self) -> crate::Engine {
        match self {
            DbLocation::File(_) => crate::Engine::Sqlite,
            DbLocation::Postgres(_) => crate::Engine::Postgres,
        }
    }
}

/// Hides the password of a URL, for messages and logs.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((userinfo, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

impl fmt::Display for DbLocation {
    /// The path, or the URL without its password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DbLocation::File(path) => write!(f, "{}", path.display()),
            DbLocation::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

impl From<&Path> for DbLocation {
    fn from(path: &Path) -> DbLocation {
        DbLocation::File(path.to_path_buf())
    }
}

impl From<&PathBuf> for DbLocation {
    fn from(path: &PathBuf) -> DbLocation {
        DbLocation::File(path.clone())
    }
}

impl From<PathBuf> for DbLocation {
    fn from(path: PathBuf) -> DbLocation {
        DbLocation::File(path)
    }
}

impl From<&DbLocation> for DbLocation {
    fn from(location: &DbLocation) -> DbLocation {
        location.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_paths_are_told_apart() {
        assert_eq!(
            DbLocation::parse("postgres://postgres@127.0.0.1/j"),
            DbLocation::Postgres("postgres://postgres@127.0.0.1/j".into())
        );
        assert!(matches!(
            DbLocation::parse("PostgreSQL://h/j"),
            DbLocation::Postgres(_)
        ));
        assert_eq!(
            DbLocation::parse("sqlite:/tmp/j.db"),
            DbLocation::File("/tmp/j.db".into())
        );
        assert_eq!(
            DbLocation::parse("./postgres.db"),
            DbLocation::File("./postgres.db".into())
        );
    }

    #[test]
    fn passwords_never_reach_messages() {
        let location = DbLocation::parse("postgres://jiedu:s3cret@db.example:5432/office");
        assert_eq!(
            location.to_string(),
            "postgres://jiedu:***@db.example:5432/office"
        );
        assert_eq!(redact("postgres://h/j"), "postgres://h/j");
    }
}
