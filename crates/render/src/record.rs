//! The signed record a PDF carries (a catalog stream in the archival form, an attachment in the
//! plain one), so it can be verified with no database:
//! the exact content that was signed and the signature over its hash.

use crate::error::RenderError;
use jiedu_core::pack::{PackContent, SignRecord};
use lopdf::{dictionary, Object, Stream};
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

/// The catalog key of the record stream in the archival (PDF/A) form, which may not carry
/// non-PDF/A attachments.
pub(crate) const RECORD_KEY: &[u8] = b"JieduRecord";

/// Puts `json` into an existing PDF as its record, replacing any: as the catalog's record
/// stream when the PDF has one (the archival form), else as an embedded file named
/// [`RECORD_FILE`]. The export writes the record itself; this is for re-embedding (tamper
/// tests, tools).
pub fn embed_record(pdf: &[u8], json: &[u8]) -> Result<Vec<u8>, RenderError> {
    let mut doc = lopdf::Document::load_mem(pdf).map_err(broken)?;
    let root_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(broken)?;
    let archival = doc
        .get_dictionary(root_id)
        .map(|c| c.has(RECORD_KEY))
        .unwrap_or(false);
    let (key, entry): (&[u8], Object) = if archival {
        let mut stream = Stream::new(dictionary! {}, json.to_vec());
        stream.compress().map_err(broken)?;
        (RECORD_KEY, Object::Reference(doc.add_object(stream)))
    } else {
        let mut stream = Stream::new(
            dictionary! { "Type" => "EmbeddedFile", "Subtype" => Object::Name(b"application/json".to_vec()) },
            json.to_vec(),
        );
        stream.compress().map_err(broken)?;
        let stream_id = doc.add_object(stream);
        let spec_id = doc.add_object(dictionary! {
            "Type" => "Filespec",
            "F" => Object::string_literal(RECORD_FILE),
            "UF" => Object::string_literal(RECORD_FILE),
            "Desc" => Object::string_literal("Jiedu signed record"),
            "EF" => dictionary! { "F" => stream_id },
        });
        let names = dictionary! {
            "EmbeddedFiles" => dictionary! {
                "Names" => vec![Object::string_literal(RECORD_FILE), Object::Reference(spec_id)],
            },
        };
        (b"Names", Object::Dictionary(names))
    };
    doc.get_object_mut(root_id)
        .and_then(Object::as_dict_mut)
        .map_err(broken)?
        .set(key, entry);
    let mut out = Vec::with_capacity(pdf.len() + json.len());
    doc.save_to(&mut out).map_err(broken)?;
    Ok(out)
}

/// Reads the record back: the archival form's record stream, or the [`RECORD_FILE`]
/// attachment of the plain form; `Ok(None)` when the PDF has neither.
pub fn embedded_record(pdf: &[u8]) -> Result<Option<Vec<u8>>, RenderError> {
    let doc = lopdf::Document::load_mem(pdf).map_err(broken)?;
    let lookup = || -> Result<Option<Vec<u8>>, lopdf::Error> {
        let root = doc.trailer.get(b"Root")?.as_reference()?;
        let catalog = doc.get_dictionary(root)?;
        if let Ok(record) = catalog.get(RECORD_KEY) {
            let stream = doc.dereference(record)?.1.as_stream()?;
            return Ok(Some(
                stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone()),
            ));
        }
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
