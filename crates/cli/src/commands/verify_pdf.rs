//! `jiedu verify FILE.pdf`: three checks, each named in the output.
//!
//! 1. The PAdES signature covers the file's bytes to the end (nothing appended after it) and
//!    its digest and ECDSA signature hold.
//! 2. Its certificate chains to the office CA and names a leader.
//! 3. The embedded record's content hashes to what the leader signed (Ed25519), and that leader
//!    is the one the certificate names.
//!
//! Exit 0 when all hold, 1 when any fails or the PDF is unsigned, 2 when the file is not a
//! readable PDF (truncated, encrypted).

use crate::args::Target;
use crate::demo::parse_json;
use crate::error::CliError;
use crate::output::Output;
use base64::Engine;
use jiedu_core::signing::verify_record;
use jiedu_pades::PadesError;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The office CA certificates to trust: `--ca FILE`, else the database's office CA.
pub async fn trusted_cas(ca: Option<&Path>, db: &Target) -> Result<Vec<Vec<u8>>, CliError> {
    if let Some(path) = ca {
        let bytes = std::fs::read(path).map_err(|source| CliError::ReadFile {
            path: path.to_path_buf(),
            source,
        })?;
        return certificate_from_file(&bytes)
            .map(|der| vec![der])
            .ok_or_else(|| CliError::BadValue {
                what_zh: "CA 证书文件".into(),
                what: "CA certificate file".into(),
                value: path.display().to_string(),
                hint_zh: "应为 PEM（-----BEGIN CERTIFICATE-----）或 DER 格式的证书".into(),
                hint_en: "expected a PEM (-----BEGIN CERTIFICATE-----) or DER certificate".into(),
            });
    }
    // Only an existing database: verifying must not create one.
    if matches!(db, Target::Db(jiedu_store::DbLocation::File(path)) if !path.is_file()) {
        return Ok(Vec::new());
    }
    let store = db.open().await?;
    let ca = store.office_ca_certificate().await?;
    store.close().await;
    Ok(ca.into_iter().collect())
}

/// A certificate's DER from a PEM or DER file.
fn certificate_from_file(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.first() == Some(&0x30) {
        return Some(bytes.to_vec());
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let start = text.find("-----BEGIN CERTIFICATE-----")? + "-----BEGIN CERTIFICATE-----".len();
    let end = start + text[start..].find("-----END CERTIFICATE-----")?;
    let b64: String = text[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD.decode(b64).ok()
}

/// One named check and how it came out.
#[derive(Debug, Serialize)]
struct Check {
    /// `pades`, `chain` or `record`.
    check: &'static str,
    /// `pass`, `fail` or `not_checked`.
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<String>,
    message: String,
}

impl Check {
    fn pass(check: &'static str, message: String) -> Check {
        Check {
            check,
            status: "pass",
            code: None,
            message,
        }
    }

    fn fail(check: &'static str, code: &str, message: String) -> Check {
        Check {
            check,
            status: "fail",
            code: Some(code.to_string()),
            message,
        }
    }

    fn skipped(check: &'static str) -> Check {
        Check {
            check,
            status: "not_checked",
            code: None,
            message: "前一项未通过，未检查 not checked: an earlier check failed".into(),
        }
    }
}

#[derive(Serialize)]
struct PdfReport {
    file: PathBuf,
    verified: bool,
    checks: Vec<Check>,
}

/// The label of each check, for the printed report.
fn label(check: &str) -> &'static str {
    match check {
        "pades" => "PDF 签名 PAdES signature over the file's bytes",
        "chain" => "证书链 certificate chain to the office CA",
        _ => "审签记录 signed record against the content hash",
    }
}

fn one_line(text: &str) -> String {
    text.replace('\n', " ")
}

/// The first two checks, from the PAdES verification.
fn signature_checks(
    file: &Path,
    bytes: &[u8],
    cas: &[Vec<u8>],
) -> Result<(Vec<Check>, Option<String>), CliError> {
    let chain_error = |e: &PadesError| {
        matches!(
            e,
            PadesError::UntrustedCertificate { .. }
                | PadesError::CertificateExpired { .. }
                | PadesError::WrongRole { .. }
        )
    };
    match jiedu_pades::verify_pdf(bytes, cas, Some(jiedu_store::LEADER_ROLE)) {
        Ok(v) => Ok((
            vec![
                Check::pass(
                    "pades",
                    format!(
                        "签名覆盖全文 {} 字节，签名后未被修改 the signature covers all {} bytes; unmodified since signing",
                        v.covered_bytes, v.covered_bytes
                    ),
                ),
                Check::pass(
                    "chain",
                    format!(
                        "{}（{}，{}）的证书由 {} 签发 certificate of {} issued by {}",
                        v.signer.name, v.signer.user_id, v.signer.unit, v.signer.issuer_name,
                        v.signer.user_id, v.signer.issuer_name
                    ),
                ),
            ],
            Some(v.signer.user_id),
        )),
        Err(PadesError::Unsigned) => Ok((
            vec![
                Check::fail(
                    "pades",
                    "pdf.unsigned",
                    "未签名：这是草稿或未审签的导出，文件没有 PDF 签名。Unsigned: a draft or unsigned export; the file carries no PDF signature.".into(),
                ),
                Check::skipped("chain"),
            ],
            None,
        )),
        Err(PadesError::UntrustedCertificate { .. }) if cas.is_empty() => Err(CliError::NoTrustedCa),
        Err(e) if chain_error(&e) => Ok((
            vec![
                Check::pass("pades", "签名覆盖全文，签名后未被修改 the signature covers the whole file; unmodified since signing".into()),
                Check::fail("chain", e.code(), one_line(&e.to_string())),
            ],
            None,
        )),
        Err(
            e @ (PadesError::NotPdf | PadesError::Encrypted | PadesError::Malformed { .. }),
        ) => Err(CliError::BadPdf {
            path: file.to_path_buf(),
            detail: one_line(&e.to_string()),
        }),
        Err(e) => Ok((
            vec![
                Check::fail("pades", e.code(), one_line(&e.to_string())),
                Check::skipped("chain"),
            ],
            None,
        )),
    }
}

/// The third check: the attached record's content against its Ed25519 signature, by the
/// signer the certificate names.
fn record_check(file: &Path, bytes: &[u8], certified: Option<&str>) -> Result<Check, CliError> {
    let json = jiedu_render::embedded_record(bytes)
        .map_err(|e| CliError::BadPdf {
            path: file.to_path_buf(),
            detail: one_line(&e.to_string()),
        })?
        .ok_or_else(|| CliError::PdfWithoutRecord {
            path: file.to_path_buf(),
        })?;
    let text = String::from_utf8_lossy(&json);
    let record: super::verify::ExportedRecord =
        parse_json(file, text.trim_start_matches('\u{feff}'))?;
    let Some(signature) = &record.signature else {
        return Ok(Check::fail(
            "record",
            "verify.unsigned",
            "文件中的审签记录没有签名 the attached record carries no signature".into(),
        ));
    };
    Ok(match verify_record(&record.content, signature) {
        Err(e) => Check::fail("record", e.code(), one_line(&e.to_string())),
        Ok(v) if certified.is_some_and(|id| id != v.signer_id) => Check::fail(
            "record",
            "verify.signer_mismatch",
            format!(
                "记录由 {} 签署，PDF 签名证书却属于 {} the record was signed by {}, the PDF signature's certificate names {}",
                v.signer_id,
                certified.unwrap_or_default(),
                v.signer_id,
                certified.unwrap_or_default()
            ),
        ),
        Ok(v) => Check::pass(
            "record",
            format!(
                "《{}》第 {} 版，{}（{}）于 {} 签署，内容哈希一致 revision {} signed by {} at {}; content hash matches",
                record.content.policy.title,
                v.revision,
                v.signer_name,
                v.signer_id,
                v.signed_at.to_rfc3339(),
                v.revision,
                v.signer_id,
                v.signed_at.to_rfc3339()
            ),
        ),
    })
}

/// Verifies a PDF: its PAdES signature, its certificate chain and its attached record.
pub fn run(file: &Path, bytes: &[u8], cas: &[Vec<u8>], out: &Output) -> Result<ExitCode, CliError> {
    let (mut checks, certified) = signature_checks(file, bytes, cas)?;
    checks.push(if checks.iter().all(|c| c.status == "pass") {
        record_check(file, bytes, certified.as_deref())?
    } else {
        Check::skipped("record")
    });
    let verified = checks.iter().all(|c| c.status == "pass");
    let report = PdfReport {
        file: file.to_path_buf(),
        verified,
        checks,
    };
    out.emit(&report, || {
        if verified {
            println!("✓ 签名有效 Signature valid — {}", file.display());
        } else {
            println!("✗ 验证失败 Verification failed — {}", file.display());
        }
        for c in &report.checks {
            let mark = match c.status {
                "pass" => "✓",
                "fail" => "✗",
                _ => "–",
            };
            println!("  {mark} {}", label(c.check));
            println!("      {}", c.message);
        }
    });
    Ok(super::verify::exit_code(verified))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_certificate_is_read_from_pem_or_der() {
        let der = vec![0x30, 0x03, 0x02, 0x01, 0x05];
        assert_eq!(certificate_from_file(&der), Some(der.clone()));
        let pem = format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            base64::engine::general_purpose::STANDARD.encode(&der)
        );
        assert_eq!(certificate_from_file(pem.as_bytes()), Some(der));
        assert_eq!(certificate_from_file(b"not a certificate"), None);
    }
}
