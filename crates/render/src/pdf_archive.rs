//! What makes the PDF an archival one (PDF/A-2u, GB/T 23286) and declares it accessible
//! (PDF/UA-1): XMP metadata that agrees with the document information, the sRGB output intent,
//! and a file identifier.

use crate::chart::drawing::escape;
use crate::pdf_writer::{deflate, DocInfo};
use pdf_writer::{Name, Pdf, Ref, Str, TextStr};
use sha2::{Digest, Sha256};

/// The sRGB profile every RGB colour of the document is meant in (resources/icc/README.md).
const SRGB: &[u8] = include_bytes!("../../../resources/icc/sRGB.icc");

/// The XMP date of a Unix time, in UTC, as the Info dictionary's dates are.
fn xmp_date(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S+00:00")
        .to_string()
}

/// The XMP packet: Dublin Core title, creator and description, the PDF and XMP basics that
/// mirror the Info dictionary, the PDF/A-2u and PDF/UA-1 identification, and the extension
/// schema PDF/A requires for the PDF/UA property.
pub(crate) fn xmp(info: &DocInfo, producer: &str, creator: &str) -> String {
    let date = xmp_date(info.created_unix);
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>
<pdf:Keywords>{keywords}</pdf:Keywords>
<pdf:Producer>{producer}</pdf:Producer>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>U</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"#,
        bom = '\u{feff}',
        title = escape(&info.title),
        author = escape(&info.author),
        subject = escape(&info.subject),
        keywords = escape(&info.keywords.join(", ")),
        producer = escape(producer),
        creator = escape(creator),
    )
}

/// Writes the metadata stream and the sRGB output intent's profile; returns the metadata's
/// and the profile's references.
pub(crate) fn write_metadata(
    pdf: &mut Pdf,
    next: &mut impl FnMut() -> Ref,
    xmp: &str,
) -> (Ref, Ref) {
    let metadata = next();
    let profile = next();
    // Uncompressed, as archive tools expect to find the packet by scanning the file.
    pdf.stream(metadata, xmp.as_bytes())
        .pair(Name(b"Type"), Name(b"Metadata"))
        .pair(Name(b"Subtype"), Name(b"XML"));
    let data = deflate(SRGB);
    pdf.icc_profile(profile, &data)
        .n(3)
        .range([0.0, 1.0, 0.0, 1.0, 0.0, 1.0])
        .filter(pdf_writer::Filter::FlateDecode);
    (metadata, profile)
}

/// Adds the output intent that names the profile to a catalog being written.
pub(crate) fn output_intent(catalog: &mut pdf_writer::writers::Catalog<'_>, profile: Ref) {
    catalog
        .output_intents()
        .push()
        .subtype(pdf_writer::types::OutputIntentSubtype::PDFA)
        .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
        .info(TextStr("sRGB IEC61966-2.1"))
        .dest_output_profile(profile);
}

/// A file identifier made from the metadata, so the same document has the same identifier.
pub(crate) fn file_id(xmp: &str, pages: usize) -> (Vec<u8>, Vec<u8>) {
    let mut h = Sha256::new();
    h.update(xmp.as_bytes());
    h.update(pages.to_le_bytes());
    let id = h.finalize()[..16].to_vec();
    (id.clone(), id)
}

/// Writes the record stream as object `id`, for the catalog entry `record::RECORD_KEY`.
pub(crate) fn write_record(pdf: &mut Pdf, id: Ref, json: &[u8]) {
    let data = deflate(json);
    pdf.stream(id, &data)
        .filter(pdf_writer::Filter::FlateDecode)
        .pair(Name(b"Subtype"), Name(b"JieduSignedRecord"))
        .pair(Name(b"Desc"), Str(b"jiedu-record.json"));
}
