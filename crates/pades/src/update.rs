//! Appending one incremental update (ISO 32000-1 7.5.6): new and rewritten objects, their
//! cross-reference section, and a trailer pointing back at the previous one.
//!
//! The original bytes are never touched, which is what keeps earlier signatures and the
//! embedded record intact. The cross-reference section uses the same form as the file's
//! newest one (table or stream), as readers expect within one file.

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};
use sha2::{Digest, Sha256};

use crate::{pdf_object, PadesError};

/// An object to write: its id and its body (what goes between `obj` and `endobj`).
pub(crate) struct NewObject {
    pub(crate) id: ObjectId,
    pub(crate) body: Vec<u8>,
}

/// The whole new file, and where each object's body starts in it.
pub(crate) struct Appended {
    pub(crate) bytes: Vec<u8>,
    pub(crate) body_offsets: Vec<usize>,
}

/// The first object number free for new objects.
pub(crate) fn next_object_number(doc: &Document) -> Result<u32, PadesError> {
    let from_trailer = doc
        .trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0);
    let from_xref = doc.max_id.saturating_add(1);
    let next = from_trailer.max(from_xref);
    // Leaves room for the few objects we add; PDF limits object numbers far below this.
    if next > 8_000_000 {
        return Err(PadesError::malformed("too many objects"));
    }
    Ok(next)
}

/// Writes `objects` after `original`, then the xref section and the trailer.
///
/// `next_free` is the first object number not used by the file or by `objects`.
pub(crate) fn append(
    original: &[u8],
    doc: &Document,
    objects: &[NewObject],
    next_free: u32,
) -> Result<Appended, PadesError> {
    let mut out = original.to_vec();
    // The previous %%EOF must end its line, or our first object would share it.
    if !matches!(out.last(), Some(b'\n' | b'\r')) {
        out.push(b'\n');
    }
    let mut entries = Vec::new();
    let mut body_offsets = Vec::new();
    for object in objects {
        let (num, generation) = object.id;
        entries.push((num, generation, out.len()));
        out.extend_from_slice(format!("{num} {generation} obj\n").as_bytes());
        body_offsets.push(out.len());
        out.extend_from_slice(&object.body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let prev = doc.xref_start;
    let mut trailer = Dictionary::new();
    trailer.set(
        "Root",
        doc.trailer
            .get(b"Root")
            .cloned()
            .map_err(|_| PadesError::malformed("the trailer has no /Root"))?,
    );
    if let Ok(info) = doc.trailer.get(b"Info") {
        trailer.set("Info", info.clone());
    }
    if let Some(id) = new_file_id(doc, &out) {
        trailer.set("ID", id);
    }
    trailer.set("Prev", Object::Integer(to_i64(prev)?));
    if newest_xref_is_table(original, prev) {
        write_table(&mut out, entries, trailer, next_free)?;
    } else {
        write_stream(&mut out, entries, trailer, next_free)?;
    }
    Ok(Appended {
        bytes: out,
        body_offsets,
    })
}

fn to_i64(n: usize) -> Result<i64, PadesError> {
    i64::try_from(n).map_err(|_| PadesError::malformed("file too large"))
}

fn newest_xref_is_table(original: &[u8], xref_start: usize) -> bool {
    original
        .get(xref_start..)
        .map(|rest| {
            let start = rest
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(rest.len());
            rest[start..].starts_with(b"xref")
        })
        .unwrap_or(false)
}

/// Keeps the permanent first /ID element and replaces the second, which marks this revision.
fn new_file_id(doc: &Document, content: &[u8]) -> Option<Object> {
    let ids = doc.trailer.get(b"ID").ok()?.as_array().ok()?;
    let first = ids.first()?.clone();
    let changing = Sha256::digest(content)[..16].to_vec();
    Some(Object::Array(vec![
        first,
        Object::String(changing, StringFormat::Hexadecimal),
    ]))
}

/// Groups sorted entries into runs of consecutive object numbers, as both xref forms need.
fn runs(mut entries: Vec<(u32, u16, usize)>) -> Vec<Vec<(u32, u16, usize)>> {
    entries.sort_by_key(|e| e.0);
    let mut runs: Vec<Vec<(u32, u16, usize)>> = Vec::new();
    for entry in entries {
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|last| last.0 + 1 == entry.0) => run.push(entry),
            _ => runs.push(vec![entry]),
        }
    }
    runs
}

fn write_table(
    out: &mut Vec<u8>,
    entries: Vec<(u32, u16, usize)>,
    mut trailer: Dictionary,
    next_free: u32,
) -> Result<(), PadesError> {
    let xref_pos = out.len();
    // Each entry is exactly 20 bytes: the two-character EOL is " \n".
    out.extend_from_slice(b"xref\n0 1\n0000000000 65535 f \n");
    for run in runs(entries) {
        let first = run.first().map_or(0, |e| e.0);
        out.extend_from_slice(format!("{first} {}\n", run.len()).as_bytes());
        for (_, generation, offset) in run {
            if offset > 9_999_999_999 {
                return Err(PadesError::malformed("file too large for an xref table"));
            }
            out.extend_from_slice(format!("{offset:010} {generation:05} n \n").as_bytes());
        }
    }
    trailer.set("Size", Object::Integer(i64::from(next_free)));
    out.extend_from_slice(b"trailer\n");
    pdf_object::write_dict(out, &trailer)?;
    out.extend_from_slice(format!("\nstartxref\n{xref_pos}\n%%EOF\n").as_bytes());
    Ok(())
}

fn write_stream(
    out: &mut Vec<u8>,
    mut entries: Vec<(u32, u16, usize)>,
    mut trailer: Dictionary,
    next_free: u32,
) -> Result<(), PadesError> {
    let xref_pos = out.len();
    // The xref stream is an object itself and lists its own offset.
    let xref_num = next_free;
    entries.push((xref_num, 0, xref_pos));
    let width = offset_width(xref_pos);
    let mut index = Vec::new();
    let mut data = Vec::new();
    for run in runs(entries) {
        index.push(Object::Integer(i64::from(run.first().map_or(0, |e| e.0))));
        index.push(Object::Integer(to_i64(run.len())?));
        for (_, generation, offset) in run {
            data.push(1u8);
            let offset =
                u64::try_from(offset).map_err(|_| PadesError::malformed("file too large"))?;
            data.extend_from_slice(&offset.to_be_bytes()[8 - width..]);
            data.extend_from_slice(&generation.to_be_bytes());
        }
    }
    trailer.set("Type", Object::Name(b"XRef".to_vec()));
    trailer.set("Size", Object::Integer(i64::from(xref_num) + 1));
    trailer.set("Index", Object::Array(index));
    trailer.set(
        "W",
        Object::Array(vec![
            Object::Integer(1),
            Object::Integer(to_i64(width)?),
            Object::Integer(2),
        ]),
    );
    trailer.set("Length", Object::Integer(to_i64(data.len())?));
    out.extend_from_slice(format!("{xref_num} 0 obj\n").as_bytes());
    pdf_object::write_dict(out, &trailer)?;
    out.extend_from_slice(b"\nstream\n");
    out.extend_from_slice(&data);
    out.extend_from_slice(
        format!("\nendstream\nendobj\nstartxref\n{xref_pos}\n%%EOF\n").as_bytes(),
    );
    Ok(())
}

/// Bytes needed for offsets up to `max` (at least 4, at most 8).
fn offset_width(max: usize) -> usize {
    let bits = usize::BITS - max.leading_zeros();
    (bits.div_ceil(8) as usize).clamp(4, 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_consecutive_numbers() {
        let grouped = runs(vec![(7, 0, 1), (3, 0, 2), (5, 0, 3), (6, 0, 4)]);
        let numbers: Vec<Vec<u32>> = grouped
            .iter()
            .map(|r| r.iter().map(|e| e.0).collect())
            .collect();
        assert_eq!(numbers, vec![vec![3], vec![5, 6, 7]]);
    }

    #[test]
    fn offsets_get_enough_bytes() {
        assert_eq!(offset_width(0), 4);
        assert_eq!(offset_width(u32::MAX as usize), 4);
        assert_eq!(offset_width(u32::MAX as usize + 1), 5);
    }
}
