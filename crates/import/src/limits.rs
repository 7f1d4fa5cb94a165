//! Size limits, and reading files within them, so that any input is read in bounded memory.

use crate::error::ImportError;
use std::io::Read;
use std::path::Path;

/// The largest text file (or pasted text) accepted: 20 MiB, a hundred times a long policy.
pub const MAX_TEXT_BYTES: u64 = 20 * 1024 * 1024;
/// The largest .docx file accepted: 100 MiB (images make Word files large).
pub const MAX_DOCX_BYTES: u64 = 100 * 1024 * 1024;
/// The most `word/document.xml` may unpack to: 64 MiB.
pub const MAX_DOCUMENT_XML_BYTES: u64 = 64 * 1024 * 1024;
/// The most any other part read from a .docx (styles, relationships) may unpack to: 8 MiB.
pub const MAX_AUX_PART_BYTES: u64 = 8 * 1024 * 1024;
/// The most entries a .docx archive may list.
pub const MAX_ZIP_ENTRIES: usize = 20_000;

/// How many bytes of a file are enough to tell what it is.
pub const SNIFF_BYTES: usize = 8192;

/// Reads the first [`SNIFF_BYTES`] of `path`, to tell what it is before reading it all.
pub(crate) fn read_head(path: &Path, file: &str) -> Result<Vec<u8>, ImportError> {
    let handle = std::fs::File::open(path).map_err(|source| ImportError::Read {
        file: file.to_string(),
        source,
    })?;
    let mut head = Vec::new();
    handle
        .take(u64::try_from(SNIFF_BYTES).unwrap_or(u64::MAX))
        .read_to_end(&mut head)
        .map_err(|source| ImportError::Read {
            file: file.to_string(),
            source,
        })?;
    Ok(head)
}

/// Reads at most `limit` bytes from `path`; a larger file is refused without reading it all.
pub(crate) fn read_file(path: &Path, file: &str, limit: u64) -> Result<Vec<u8>, ImportError> {
    let read_error = |source| ImportError::Read {
        file: file.to_string(),
        source,
    };
    let handle = std::fs::File::open(path).map_err(read_error)?;
    let declared = handle.metadata().map_err(read_error)?.len();
    if declared > limit {
        return Err(ImportError::TooLarge {
            file: file.to_string(),
            size: declared,
            limit,
        });
    }
    let mut bytes = Vec::new();
    handle
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > limit {
        return Err(ImportError::TooLarge {
            file: file.to_string(),
            size,
            limit,
        });
    }
    Ok(bytes)
}

/// Refuses input longer than `limit` bytes.
pub(crate) fn check_size(len: usize, file: &str, limit: u64) -> Result<(), ImportError> {
    let size = u64::try_from(len).unwrap_or(u64::MAX);
    if size > limit {
        return Err(ImportError::TooLarge {
            file: file.to_string(),
            size,
            limit,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_over_the_limit_is_refused_by_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.txt");
        std::fs::write(&path, vec![b'a'; 101]).expect("write");
        let err = read_file(&path, "big.txt", 100).expect_err("too large");
        assert!(matches!(err, ImportError::TooLarge { size: 101, .. }));
        assert_eq!(
            read_file(&path, "big.txt", 101).map(|b| b.len()).ok(),
            Some(101)
        );
    }

    #[test]
    fn a_missing_file_is_a_read_error() {
        let err = read_file(Path::new("/nonexistent/x.txt"), "x.txt", 10).expect_err("missing");
        assert_eq!(err.code(), "import.read");
    }
}
