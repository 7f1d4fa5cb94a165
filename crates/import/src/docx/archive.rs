//! The .docx zip archive, read part by part within size limits: a declared size over the limit
//! is refused before reading, and every read stops one byte past the limit (`take`), so a zip
//! bomb costs at most the limit in memory.

use crate::error::ImportError;
use crate::limits::MAX_ZIP_ENTRIES;
use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::ZipArchive;

/// An open .docx archive.
pub(crate) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    file: String,
}

impl<'a> Archive<'a> {
    /// Opens the archive in `bytes`; `file` names it in errors.
    pub fn open(bytes: &'a [u8], file: &str) -> Result<Archive<'a>, ImportError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(file, &e))?;
        if zip.len() > MAX_ZIP_ENTRIES {
            return Err(ImportError::CorruptZip {
                file: file.to_string(),
                detail: format!("{} entries", zip.len()),
            });
        }
        Ok(Archive {
            zip,
            file: file.to_string(),
        })
    }

    /// The file name used in errors.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// Whether the archive has a part of this name.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Reads part `name`, at most `limit` bytes unpacked; `None` when there is no such part.
    pub fn part(&mut self, name: &str, limit: u64) -> Result<Option<Vec<u8>>, ImportError> {
        let file = self.file.clone();
        let bomb = || ImportError::ZipBomb {
            file: file.clone(),
            part: name.to_string(),
            limit,
        };
        let entry = match self.zip.by_name(name) {
            Ok(entry) => entry,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(ZipError::UnsupportedArchive(_) | ZipError::InvalidPassword) => {
                return Err(ImportError::EncryptedOrLegacy { file: file.clone() })
            }
            Err(e) => return Err(corrupt(&file, &e)),
        };
        if entry.encrypted() {
            return Err(ImportError::EncryptedOrLegacy { file: file.clone() });
        }
        if entry.size() > limit {
            return Err(bomb());
        }
        let mut bytes = Vec::new();
        entry
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| ImportError::CorruptZip {
                file: file.clone(),
                detail: e.to_string(),
            })?;
        if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
            return Err(bomb());
        }
        Ok(Some(bytes))
    }
}

fn corrupt(file: &str, e: &ZipError) -> ImportError {
    ImportError::CorruptZip {
        file: file.to_string(),
        detail: e.to_string(),
    }
}
