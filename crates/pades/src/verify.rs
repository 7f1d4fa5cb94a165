//! Verifying: each check in a fixed order, the first failure reported as its own error.

use std::collections::HashSet;

use lopdf::{xref::XrefEntry, Dictionary, Document, Object, ObjectId};

use crate::{byte_range, cert_info, cms, pdf_date, pdf_read, trust, CertificateInfo, PadesError};

/// What a valid signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedPdfSignature {
    /// The signer's certificate.
    pub signer: CertificateInfo,
    /// /M exactly as written (e.g. `D:20261201093000+00'00'`), if present. It is the signer's
    /// own claim, not a timestamp.
    pub signing_time: Option<String>,
    /// How many bytes of the file the signature covers (everything but /Contents).
    pub covered_bytes: usize,
}

/// Verifies the PAdES signature of `pdf` against the office CAs in `trusted_cas` (DER).
///
/// Checks, in this order, and returns the first failure: the bytes are a PDF (`NotPdf`), not
/// encrypted (`Encrypted`), parse (`Malformed`); a signature field has a value (`Unsigned`);
/// its ByteRange is `[0 a b c]`, the gap is exactly the /Contents hex string (`BadByteRange`),
/// and the range reaches the end of the file, allowing at most 2 trailing CR/LF bytes
/// (`ModifiedAfterSigning`); the CMS parses (`BadCms`); its message digest is the SHA-256 of the
/// range (`DigestMismatch`); signing-certificate-v2 names the embedded signer certificate
/// (`CertificateMismatch`); the ECDSA signature verifies (`BadSignature`); a trusted CA issued
/// and signed the certificate, which is a signing end-entity certificate
/// (`UntrustedCertificate`); both were valid at /M if /M parses (`CertificateExpired`); and the
/// certificate's title equals `required_role` if given (`WrongRole`).
///
/// With several signatures, the one covering the most bytes (the last) is checked.
pub fn verify_pdf(
    pdf: &[u8],
    trusted_cas: &[Vec<u8>],
    required_role: Option<&str>,
) -> Result<VerifiedPdfSignature, PadesError> {
    let doc = pdf_read::load(pdf)?;
    let signature = last_signature(&doc)?;
    let range = byte_range::parse(signature.dict.get(b"ByteRange").unwrap_or(&Object::Null))?;
    // The gap must sit inside the signature dictionary itself, not in some other string.
    match doc.reference_table.get(signature.id.0) {
        Some(XrefEntry::Normal { offset, .. }) if (*offset as usize) < range.gap_start => {}
        _ => {
            return Err(PadesError::bad_byte_range(
                "签名字典不在 /Contents 之前 / the signature dictionary does not precede its /Contents",
            ));
        }
    }
    let contents = match signature.dict.get(b"Contents") {
        Ok(Object::String(bytes, _)) => bytes.as_slice(),
        _ => {
            return Err(PadesError::bad_cms(
                "/Contents 不是字符串 / /Contents is not a string",
            ))
        }
    };
    byte_range::check(pdf, &range, contents)?;

    let parsed = cms::parse(contents)?;
    parsed.check_digest(&range.digest(pdf)?)?;
    parsed.check_signing_certificate()?;
    parsed.check_signature()?;

    let issuer = trust::trusted_issuer(&parsed.signer_cert, &parsed.signer_cert_der, trusted_cas)?;
    let signing_time = match signature.dict.get(b"M") {
        Ok(Object::String(bytes, _)) => Some(String::from_utf8_lossy(bytes).into_owned()),
        _ => None,
    };
    if let Some(t) = signing_time.as_deref().and_then(pdf_date::parse) {
        trust::check_validity(&parsed.signer_cert, &issuer, t)?;
    }
    let signer = cert_info::info(&parsed.signer_cert)?;
    if let Some(required) = required_role {
        if signer.role != required {
            return Err(PadesError::WrongRole {
                required: required.to_owned(),
                found: signer.role,
            });
        }
    }
    Ok(VerifiedPdfSignature {
        signer,
        signing_time,
        covered_bytes: range.covered(),
    })
}

/// The certificate the PDF's last signature names, read but **not verified**: for showing who
/// signed (an OFD made from the same layout), never for deciding whether to trust it.
pub fn named_signer(pdf: &[u8]) -> Result<CertificateInfo, PadesError> {
    let doc = pdf_read::load(pdf)?;
    let signature = last_signature(&doc)?;
    let contents = match signature.dict.get(b"Contents") {
        Ok(Object::String(bytes, _)) => bytes.as_slice(),
        _ => {
            return Err(PadesError::bad_cms(
                "/Contents 不是字符串 / /Contents is not a string",
            ))
        }
    };
    cert_info::info(&cms::parse(contents)?.signer_cert)
}

/// The unit (OU) of the certificate the PDF's last signature names, read but not verified;
/// empty when the PDF names none. The signed layout shows it in its signature field.
pub fn named_signer_unit(pdf: &[u8]) -> String {
    named_signer(pdf).map(|c| c.unit).unwrap_or_default()
}

/// A signature dictionary and the object it lives in.
struct FoundSignature<'a> {
    id: ObjectId,
    dict: &'a Dictionary,
}

/// Field trees deeper than this are not searched (real forms are a few levels deep).
const MAX_FIELD_DEPTH: usize = 16;

/// The signature with the furthest-reaching ByteRange among the AcroForm's signature fields.
fn last_signature(doc: &Document) -> Result<FoundSignature<'_>, PadesError> {
    let catalog = doc
        .get_dictionary(pdf_read::root_id(doc)?)
        .map_err(|e| PadesError::malformed(format!("catalog: {e}")))?;
    let Some(form) = pdf_read::dict_entry(doc, catalog, b"AcroForm")? else {
        return Err(PadesError::Unsigned);
    };
    let fields = pdf_read::array_entry(doc, form, b"Fields")?
        .map(Vec::as_slice)
        .unwrap_or_default();
    let mut found = Vec::new();
    let mut seen = HashSet::new();
    collect_signatures(doc, fields, false, 0, &mut seen, &mut found);
    found
        .into_iter()
        .max_by_key(|s| {
            byte_range::parse(s.dict.get(b"ByteRange").unwrap_or(&Object::Null))
                .map(|r| r.end)
                .unwrap_or(0)
        })
        .ok_or(PadesError::Unsigned)
}

fn collect_signatures<'a>(
    doc: &'a Document,
    fields: &'a [Object],
    inherited_sig: bool,
    depth: usize,
    seen: &mut HashSet<ObjectId>,
    found: &mut Vec<FoundSignature<'a>>,
) {
    if depth > MAX_FIELD_DEPTH {
        return;
    }
    for field in fields {
        let Object::Reference(id) = field else {
            continue;
        };
        // A field listed twice, or a /Kids loop, is visited once.
        if !seen.insert(*id) {
            continue;
        }
        let Ok(dict) = doc.get_dictionary(*id) else {
            continue;
        };
        // /FT is inheritable from the parent field.
        let is_sig = match dict.get(b"FT") {
            Ok(Object::Name(ft)) => ft == b"Sig",
            _ => inherited_sig,
        };
        if is_sig {
            if let Ok(Object::Reference(value_id)) = dict.get(b"V") {
                if let Ok(value) = doc.get_dictionary(*value_id) {
                    if value.has(b"ByteRange") && value.has(b"Contents") {
                        found.push(FoundSignature {
                            id: *value_id,
                            dict: value,
                        });
                    }
                }
            }
        }
        if let Ok(Some(kids)) = pdf_read::array_entry(doc, dict, b"Kids") {
            collect_signatures(doc, kids, is_sig, depth + 1, seen, found);
        }
    }
}
