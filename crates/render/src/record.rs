//! The signed record a PDF carries as an attachment, so it can be verified with no database:
//! the exact content that was signed and the signature over its hash.

use crate::error::RenderError;
use jiedu_core::pack::{PackContent, SignRecord};
use serde::{Deserialize, Serialize};

/// The attachment's file name inside the PDF.
pub const RECORD_FILE: &str = "jiedu-record.json";
/// The record format tag.
pub const RECORD_FORMAT: &str = "jiedu-signed-record/1";

/// What a PDF or kit carries for offline verification.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedRecord {
    /// Always [`RECORD_FORMAT`].
    pub format: String,
    /// The pack.
    pub pack_id: String,
    /// The revision exported.
    pub revision: i64,
    /// The content exactly as exported.
    pub content: PackContent,
    /// The signature, when the pack is signed.
    pub signature: Option<SignRecord>,
}

fn broken(detail: impl std::fmt::Display) -> RenderError {
    RenderError::Pdf {
        detail: detail.to_string(),
    }
}

/// The number of pages of a PDF file, e.g. a stored signed PDF that was not rendered now.
pub fn page_count(pdf: &[u8]) -> Result<usize, RenderError> {
    Ok(lopdf::Document::load_mem(pdf)
        .map_err(broken)?
        .get_pages()
        .len())
}

/// Reads the [`RECORD_FILE`] attachment back; `Ok(None)` when the PDF has none.
pub fn embedded_record(pdf: &[u8]) -> Result<Option<Vec<u8>>, RenderError> {
    let doc = lopdf::Document::load_mem(pdf).map_err(broken)?;
    let lookup = || -> Result<Option<Vec<u8>>, lopdf::Error> {
        let root = doc.trailer.get(b"Root")?.as_reference()?;
        let catalog = doc.get_dictionary(root)?;
        let Ok(names) = catalog.get(b"Names") else {
            return Ok(None);
        };
        let names = doc.dereference(names)?.1.as_dict()?;
        let files = doc.dereference(names.get(b"EmbeddedFiles")?)?.1.as_dict()?;
        let list = doc.dereference(files.get(b"Names")?)?.1.as_array()?;
        for pair in list.chunks(2) {
            let [name, spec] = pair else { continue };
            if doc.dereference(name)?.1.as_str()? != RECORD_FILE.as_bytes() {
                continue;
            }
            let spec = doc.dereference(spec)?.1.as_dict()?;
            let ef = doc.dereference(spec.get(b"EF")?)?.1.as_dict()?;
            let stream = doc.dereference(ef.get(b"F")?)?.1.as_stream()?;
            let bytes = stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone());
            return Ok(Some(bytes));
        }
        Ok(None)
    };
    lookup().map_err(broken)
}
