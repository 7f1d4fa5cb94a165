//! PAdES baseline B-B signatures for Jiedu's PDFs: an office CA, per-person signing
//! certificates, signing a PDF with a visible field, and verifying one.
//!
//! Everything is pure: bytes in, bytes out. Nothing reads files or the clock (callers pass
//! times); randomness (new keys, certificate serial numbers) comes from the operating system
//! through `getrandom`.
//!
//! Keys are ECDSA P-256 and digests SHA-256, because poppler/NSS (pdfsig, Evince, Okular) cannot
//! verify Ed25519 CMS signatures.
//!
//! # API
//!
//! Keys and certificates:
//! - [`new_p256_secret`] `() -> [u8; 32]` and [`p256_public_key`] `(&secret) -> SEC1 bytes`.
//! - [`office_ca_certificate`] `(ca_secret, &Subject, not_before, years) -> DER`: self-signed CA.
//! - [`issue_signer_certificate`] `(ca_secret, ca_der, &Subject, public_key, not_before, years)
//!   -> DER`: a document-signing certificate. [`Subject::role`] goes into the `title` attribute.
//! - [`certificate_pem`], [`certificate_sha256_hex`], [`describe_certificate`] `-> CertificateInfo`.
//!
//! Signing and verifying:
//! - [`sign_pdf`] `(pdf, &Signer, &SignatureField) -> signed pdf` appends one incremental update
//!   (signature dictionary, widget with appearance, page, catalog with /AcroForm). Sign last:
//!   any later re-save of the file (e.g. by lopdf) breaks the signature.
//! - [`verify_pdf`] `(pdf, trusted_cas, required_role) -> VerifiedPdfSignature` checks in a
//!   fixed order and reports the first failure as its own [`PadesError`] variant, each with a
//!   stable [`PadesError::code`].
//!
//! # What is signed
//!
//! The CMS is a detached SignedData (SubFilter ETSI.CAdES.detached) with one SignerInfo
//! identified by issuer and serial, signed attributes content-type, message-digest and
//! signing-certificate-v2, and the signer and CA certificates. There is no signing-time
//! attribute: PAdES puts the time in /M, and there is no trusted timestamp (that would be B-T).
//!
//! A file verifies only if the signature covers it to the end: any incremental update after
//! signing, even a harmless one, is [`PadesError::ModifiedAfterSigning`]. At most two trailing
//! CR/LF bytes are tolerated, which some transfers add after `%%EOF`.

mod appearance;
mod byte_range;
mod cert_info;
mod certs;
mod cms;
mod error;
mod ess;
mod keys;
mod pdf_date;
mod pdf_object;
mod pdf_read;
mod sign;
mod trust;
mod update;
mod verify;

pub use cert_info::{
    certificate_pem, certificate_sha256_hex, describe_certificate, CertificateInfo,
};
pub use certs::{issue_signer_certificate, office_ca_certificate, Subject};
pub use error::PadesError;
pub use keys::{new_p256_secret, p256_public_key};
pub use sign::{sign_pdf, SignatureField, Signer, CONTENTS_RESERVE};
pub use verify::{named_signer, named_signer_unit, verify_pdf, VerifiedPdfSignature};
