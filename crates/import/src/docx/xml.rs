//! Small helpers over quick-xml: attribute values, entity references, XML part decoding.

use quick_xml::events::{BytesRef, BytesStart};
use quick_xml::XmlVersion;

/// The value of attribute `name` (qualified, e.g. `w:val`), entities resolved; `None` when
/// absent or malformed.
pub(crate) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let a = e.try_get_attribute(name).ok().flatten()?;
    a.normalized_value(XmlVersion::Implicit1_0)
        .ok()
        .map(|v| v.into_owned())
}

/// The text an entity or character reference stands for (`&amp;`, `&#x4E00;`); unknown
/// entities give nothing.
pub(crate) fn reference(r: &BytesRef<'_>) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return Some(c.to_string());
    }
    quick_xml::escape::resolve_predefined_entity(r).map(str::to_string)
}

/// An XML part's bytes as text: UTF-8 (with or without a byte-order mark) or UTF-16 with one.
pub(crate) fn part_text(bytes: &[u8]) -> Option<String> {
    let (encoding, bom) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_8, 0));
    encoding
        .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
        .map(|t| t.into_owned())
}
