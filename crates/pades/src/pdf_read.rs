//! Loading a PDF with lopdf, turning every way that can fail into NotPdf, Encrypted or
//! Malformed.

use std::panic::{catch_unwind, AssertUnwindSafe};

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::PadesError;

/// The header must be at byte 0: the ByteRange and xref offsets are counted from there, and
/// lopdf silently rebases offsets when junk precedes the header.
pub(crate) fn check_header(pdf: &[u8]) -> Result<(), PadesError> {
    if pdf.starts_with(b"%PDF-") {
        Ok(())
    } else {
        Err(PadesError::NotPdf)
    }
}

/// Parses the whole file (all revisions) and rejects encrypted files.
pub(crate) fn load(pdf: &[u8]) -> Result<Document, PadesError> {
    check_header(pdf)?;
    // lopdf is not written to be panic-free on hostile input; a panic must not take down the
    // app, so it becomes Malformed like any other parse failure.
    let loaded = catch_unwind(AssertUnwindSafe(|| Document::load_mem(pdf)));
    match loaded {
        Ok(Ok(doc)) => {
            if doc.trailer.has(b"Encrypt") || doc.was_encrypted() {
                Err(PadesError::Encrypted)
            } else {
                Ok(doc)
            }
        }
        // lopdf fails on many encryption dictionaries; an /Encrypt name anywhere still tells
        // the user the real reason rather than "malformed".
        _ if mentions_encrypt(pdf) => Err(PadesError::Encrypted),
        Ok(Err(e)) => Err(PadesError::malformed(format!("lopdf: {e}"))),
        Err(_) => Err(PadesError::malformed("the PDF parser gave up")),
    }
}

/// Whether the raw bytes contain the name token `/Encrypt` (not e.g. `/EncryptMetadata`).
fn mentions_encrypt(pdf: &[u8]) -> bool {
    const TOKEN: &[u8] = b"/Encrypt";
    pdf.windows(TOKEN.len())
        .enumerate()
        .filter(|(_, w)| *w == TOKEN)
        .any(|(i, _)| {
            pdf.get(i + TOKEN.len())
                .is_none_or(|&b| b.is_ascii_whitespace() || b"<>[]()/%".contains(&b) || b == 0)
        })
}

/// Follows references (a bounded number of times, so reference loops end).
pub(crate) fn resolve<'a>(
    doc: &'a Document,
    mut object: &'a Object,
) -> Result<&'a Object, PadesError> {
    for _ in 0..32 {
        match object {
            Object::Reference(id) => {
                object = doc
                    .get_object(*id)
                    .map_err(|e| PadesError::malformed(format!("object {} {}: {e}", id.0, id.1)))?;
            }
            _ => return Ok(object),
        }
    }
    Err(PadesError::malformed("reference chain too long"))
}

/// The dictionary at `key` of `dict`, direct or by reference, if present.
pub(crate) fn dict_entry<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Result<Option<&'a Dictionary>, PadesError> {
    match dict.get(key) {
        Err(_) => Ok(None),
        Ok(value) => match resolve(doc, value)? {
            Object::Dictionary(d) => Ok(Some(d)),
            Object::Null => Ok(None),
            _ => Err(PadesError::malformed(format!(
                "/{} is not a dictionary",
                String::from_utf8_lossy(key)
            ))),
        },
    }
}

/// The array at `key` of `dict`, direct or by reference, if present.
pub(crate) fn array_entry<'a>(
    doc: &'a Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Result<Option<&'a Vec<Object>>, PadesError> {
    match dict.get(key) {
        Err(_) => Ok(None),
        Ok(value) => match resolve(doc, value)? {
            Object::Array(a) => Ok(Some(a)),
            Object::Null => Ok(None),
            _ => Err(PadesError::malformed(format!(
                "/{} is not an array",
                String::from_utf8_lossy(key)
            ))),
        },
    }
}

/// The catalog's object id, from the newest trailer.
pub(crate) fn root_id(doc: &Document) -> Result<ObjectId, PadesError> {
    doc.trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| PadesError::malformed("the trailer has no /Root reference"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encrypt_token_is_found_only_as_a_whole_name() {
        assert!(mentions_encrypt(b"trailer << /Encrypt 5 0 R >>"));
        assert!(mentions_encrypt(b"<</Encrypt<<>>>>"));
        assert!(!mentions_encrypt(b"<< /EncryptMetadata false >>"));
        assert!(!mentions_encrypt(b"plain"));
    }

    #[test]
    fn junk_before_the_header_is_not_a_pdf() {
        assert_eq!(check_header(b"junk%PDF-1.7"), Err(PadesError::NotPdf));
        assert_eq!(check_header(b""), Err(PadesError::NotPdf));
        assert_eq!(check_header(b"%PDF-1.7\n"), Ok(()));
    }
}
