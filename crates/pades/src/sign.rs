//! Signing: one incremental update with the signature, its visible field, and the CMS.

use chrono::{DateTime, Utc};
use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::{
    appearance,
    byte_range::{self, ByteRange},
    cert_info, cms, keys, pdf_date, pdf_object, pdf_read,
    update::{self, NewObject},
    PadesError,
};

/// Bytes reserved for the DER CMS in /Contents (written as twice as many hex digits).
///
/// A signature with the signer and CA certificates is about 1.5 KB; the rest leaves room for
/// longer names and a second CA without re-laying-out the file.
pub const CONTENTS_RESERVE: usize = 8192;

/// Where and how the visible signature field goes.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureField {
    /// The page the widget is placed on, 0-based.
    pub page_index: usize,
    /// The widget rectangle in PDF points, `[x0, y0, x1, y1]` from the bottom-left corner.
    pub rect: [f32; 4],
    /// The signer's name for /Name (any script; shown in the widget only if ASCII).
    pub signer_name: String,
    /// Why the document is signed, for /Reason; empty leaves it out.
    pub reason: String,
    /// Where it was signed, for /Location; empty leaves it out.
    pub location: String,
    /// When it was signed, written to /M and shown in the widget.
    pub signing_time: DateTime<Utc>,
    /// Whether the page itself already prints the signer, unit and time under the widget (in
    /// its own CJK fonts); the widget then draws only its frame, so the two never overlap.
    pub caption_on_page: bool,
}

/// The signing key and the certificates to embed. Not `Debug`, so the secret never ends up in
/// a log line.
#[derive(Clone, Copy)]
pub struct Signer<'a> {
    /// The P-256 secret of the signer.
    pub secret: &'a [u8; 32],
    /// The signer's certificate (DER); it must hold the public key of `secret`.
    pub certificate_der: &'a [u8],
    /// Issuer certificates (DER) to embed too, normally the office CA.
    pub chain_der: &'a [Vec<u8>],
}

/// Largest coordinate PDF viewers handle (ISO 32000-1 Annex C).
const MAX_COORDINATE: f32 = 14_400.0;

/// Appends one incremental update that signs `pdf` as PAdES B-B with a visible field.
///
/// The update holds the signature dictionary, a widget with an appearance stream on the page,
/// the page with the widget added to /Annots, and the catalog with /AcroForm (/SigFlags 3) and
/// every other entry kept. `pdf` is an unchanged prefix of the result, except that a newline is
/// added if it does not end with one.
pub fn sign_pdf(
    pdf: &[u8],
    signer: &Signer,
    field: &SignatureField,
) -> Result<Vec<u8>, PadesError> {
    let key = keys::signing_key(signer.secret)?;
    let cert = cert_info::parse_certificate(signer.certificate_der)?;
    if cert_info::certificate_key(&cert)? != *key.verifying_key() {
        return Err(PadesError::KeyMismatch {
            detail: "签名私钥不属于签名证书 / the signing key is not the key of the certificate"
                .into(),
        });
    }
    let (width, height) = checked_size(field.rect)?;
    let doc = pdf_read::load(pdf)?;
    let pages = doc.get_pages();
    let page_id = u32::try_from(field.page_index)
        .ok()
        .and_then(|i| i.checked_add(1))
        .and_then(|n| pages.get(&n).copied())
        .ok_or(PadesError::PageOutOfRange {
            index: field.page_index,
            count: pages.len(),
        })?;
    let root_id = pdf_read::root_id(&doc)?;
    if root_id == page_id {
        return Err(PadesError::malformed(
            "the catalog and the page are one object",
        ));
    }

    let next = update::next_object_number(&doc)?;
    let signature = signature_dictionary(field)?;
    // A PDF made with an empty signature field on the page (the tagged, archival form: its
    // widget already sits in the structure tree) is signed in that field; any other gets one.
    let (sig_id, ap_id) = ((next, 0), (next + 1, 0));
    let mut objects = vec![
        NewObject {
            id: sig_id,
            body: signature.body,
        },
        NewObject {
            id: ap_id,
            body: appearance::form_xobject(width, height, &appearance_lines(field)),
        },
    ];
    let widget_id = match empty_signature_field(&doc, page_id) {
        Some((widget_id, existing)) => {
            objects.push(NewObject {
                id: widget_id,
                body: filled_widget(existing, sig_id, ap_id)?,
            });
            widget_id
        }
        None => {
            let widget_id = (next + 2, 0);
            objects.push(NewObject {
                id: widget_id,
                body: widget(field, sig_id, ap_id, page_id)?,
            });
            objects.push(NewObject {
                id: page_id,
                body: page_with_widget(&doc, page_id, widget_id)?,
            });
            widget_id
        }
    };
    objects.push(NewObject {
        id: root_id,
        body: catalog_with_field(&doc, root_id, widget_id)?,
    });
    let next_free = objects
        .iter()
        .map(|o| o.id.0 + 1)
        .max()
        .unwrap_or(next)
        .max(next);
    let appended = update::append(pdf, &doc, &objects, next_free)?;
    let sig_body_at = *appended
        .body_offsets
        .first()
        .ok_or_else(|| PadesError::encoding("signature object not written"))?;
    let mut out = appended.bytes;

    let gap_start = sig_body_at + signature.contents_at;
    let range = ByteRange {
        gap_start,
        gap_end: gap_start + 2 * CONTENTS_RESERVE + 2,
        end: out.len(),
    };
    let byte_range_at = sig_body_at + signature.byte_range_at;
    out[byte_range_at..byte_range_at + byte_range::PLACEHOLDER_WIDTH]
        .copy_from_slice(&range.to_padded_text());

    let digest = range.digest(&out)?;
    let der = cms::build(&digest, &key, signer.certificate_der, signer.chain_der)?;
    if der.len() > CONTENTS_RESERVE {
        return Err(PadesError::SignatureTooLarge {
            size: der.len(),
            reserved: CONTENTS_RESERVE,
        });
    }
    let hex = hex::encode_upper(&der);
    // The zeros after the CMS stay as padding; DER knows its own length.
    out[gap_start + 1..gap_start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(out)
}

fn checked_size(rect: [f32; 4]) -> Result<(f32, f32), PadesError> {
    let [x0, y0, x1, y1] = rect;
    let in_range = rect
        .iter()
        .all(|v| v.is_finite() && v.abs() <= MAX_COORDINATE);
    if !in_range || x1 - x0 < 1.0 || y1 - y0 < 1.0 {
        return Err(PadesError::InvalidField {
            detail: format!(
                "矩形须为 [x0 y0 x1 y1] 且 x1>x0、y1>y0 / the rectangle must be [x0 y0 x1 y1] with x1>x0 and y1>y0, got {rect:?}"
            ),
        });
    }
    Ok((x1 - x0, y1 - y0))
}

fn appearance_lines(field: &SignatureField) -> Vec<String> {
    if field.caption_on_page {
        return Vec::new();
    }
    let mut lines = vec!["Digitally signed".to_owned()];
    let name = field.signer_name.trim();
    if !name.is_empty() && appearance::is_printable_ascii(name) {
        lines.push(name.to_owned());
    }
    lines.push(
        field
            .signing_time
            .format("%Y-%m-%d %H:%M:%S UTC")
            .to_string(),
    );
    lines
}

/// The signature dictionary with placeholders, and where in it the placeholders are.
struct SignatureDictionary {
    body: Vec<u8>,
    byte_range_at: usize,
    contents_at: usize,
}

fn signature_dictionary(field: &SignatureField) -> Result<SignatureDictionary, PadesError> {
    let mut body =
        b"<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M ".to_vec();
    pdf_object::write(
        &mut body,
        &Object::string_literal(pdf_date::format(field.signing_time)),
    )?;
    for (key, value) in [
        (&b"Name"[..], &field.signer_name),
        (b"Reason", &field.reason),
        (b"Location", &field.location),
    ] {
        if value.is_empty() {
            continue;
        }
        if value.chars().any(char::is_control) {
            return Err(PadesError::InvalidField {
                detail: "文字含控制字符 / a text has control characters".into(),
            });
        }
        body.push(b' ');
        pdf_object::write_name(&mut body, key);
        body.push(b' ');
        pdf_object::write(&mut body, &pdf_object::text_string(value))?;
    }
    body.extend_from_slice(b" /ByteRange ");
    let byte_range_at = body.len();
    body.extend_from_slice(&[b' '; byte_range::PLACEHOLDER_WIDTH]);
    body.extend_from_slice(b" /Contents ");
    let contents_at = body.len();
    body.push(b'<');
    body.extend_from_slice(&[b'0'; 2 * CONTENTS_RESERVE]);
    body.extend_from_slice(b"> >>");
    Ok(SignatureDictionary {
        body,
        byte_range_at,
        contents_at,
    })
}

fn widget(
    field: &SignatureField,
    sig_id: ObjectId,
    ap_id: ObjectId,
    page_id: ObjectId,
) -> Result<Vec<u8>, PadesError> {
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Annot".to_vec()));
    dict.set("Subtype", Object::Name(b"Widget".to_vec()));
    dict.set("FT", Object::Name(b"Sig".to_vec()));
    // Unique because no other object in the file has this number.
    dict.set(
        "T",
        Object::string_literal(format!("Signature{}", sig_id.0)),
    );
    dict.set("V", Object::Reference(sig_id));
    // Print + Locked: printed with the page, and the field cannot be moved or deleted.
    dict.set("F", Object::Integer(132));
    dict.set(
        "Rect",
        Object::Array(field.rect.iter().map(|&v| Object::Real(v)).collect()),
    );
    dict.set("P", Object::Reference(page_id));
    let mut ap = Dictionary::new();
    ap.set("N", Object::Reference(ap_id));
    dict.set("AP", Object::Dictionary(ap));
    let mut body = Vec::new();
    pdf_object::write_dict(&mut body, &dict)?;
    Ok(body)
}

/// The page's first signature widget with no value yet, and its dictionary.
fn empty_signature_field(doc: &Document, page_id: ObjectId) -> Option<(ObjectId, Dictionary)> {
    let page = doc.get_dictionary(page_id).ok()?;
    let annots = pdf_read::array_entry(doc, page, b"Annots").ok()??;
    annots.iter().find_map(|a| {
        let id = a.as_reference().ok()?;
        let dict = doc.get_dictionary(id).ok()?;
        let is_sig = dict.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig".as_slice());
        (is_sig && !dict.has(b"V")).then(|| (id, dict.clone()))
    })
}

/// An empty signature widget given its value and the signed appearance; every other entry
/// (its place in the structure tree, its description) is kept.
fn filled_widget(
    mut dict: Dictionary,
    sig_id: ObjectId,
    ap_id: ObjectId,
) -> Result<Vec<u8>, PadesError> {
    dict.set("V", Object::Reference(sig_id));
    let mut ap = Dictionary::new();
    ap.set("N", Object::Reference(ap_id));
    dict.set("AP", Object::Dictionary(ap));
    let mut body = Vec::new();
    pdf_object::write_dict(&mut body, &dict)?;
    Ok(body)
}

fn page_with_widget(
    doc: &Document,
    page_id: ObjectId,
    widget_id: ObjectId,
) -> Result<Vec<u8>, PadesError> {
    let page = doc
        .get_dictionary(page_id)
        .map_err(|e| PadesError::malformed(format!("page: {e}")))?;
    let mut annots = pdf_read::array_entry(doc, page, b"Annots")?
        .cloned()
        .unwrap_or_default();
    annots.push(Object::Reference(widget_id));
    let mut page = page.clone();
    // Written directly: an /Annots array shared by reference with other pages must not change.
    page.set("Annots", Object::Array(annots));
    let mut body = Vec::new();
    pdf_object::write_dict(&mut body, &page)?;
    Ok(body)
}

fn catalog_with_field(
    doc: &Document,
    root_id: ObjectId,
    widget_id: ObjectId,
) -> Result<Vec<u8>, PadesError> {
    let catalog = doc
        .get_dictionary(root_id)
        .map_err(|e| PadesError::malformed(format!("catalog: {e}")))?;
    let mut form = pdf_read::dict_entry(doc, catalog, b"AcroForm")?
        .cloned()
        .unwrap_or_default();
    let mut fields = pdf_read::array_entry(doc, &form, b"Fields")?
        .cloned()
        .unwrap_or_default();
    if !fields.contains(&Object::Reference(widget_id)) {
        fields.push(Object::Reference(widget_id));
    }
    form.set("Fields", Object::Array(fields));
    // SignaturesExist | AppendOnly: viewers must save changes incrementally.
    form.set("SigFlags", Object::Integer(3));
    // Everything else (/Names with the embedded record, /Outlines, ...) is kept as it was.
    let mut catalog = catalog.clone();
    catalog.set("AcroForm", Object::Dictionary(form));
    let mut body = Vec::new();
    pdf_object::write_dict(&mut body, &catalog)?;
    Ok(body)
}
