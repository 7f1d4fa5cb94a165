//! Writing output files so that a failure never leaves a half-written file over a good one.

use crate::error::CliError;
use std::path::Path;

/// Writes `bytes` atomically (see [`jiedu_store::write_atomically`]), naming the file on error.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    jiedu_store::write_atomically(path, bytes).map_err(|source| CliError::WriteFile {
        path: path.to_path_buf(),
        source,
    })
}
