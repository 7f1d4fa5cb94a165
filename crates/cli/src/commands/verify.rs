//! `jiedu verify FILE`: checks an exported signed record with no database (a PDF's own
//! signature is checked in verify_pdf.rs). The content it carries
//! must hash to the signed hash, and the signature must verify against the embedded public key.
//! Exit 0 when it does, 1 on any mismatch (naming it) or when the export carries no signature,
//! 2 when the file cannot be read.
//!
//! Input kinds are told apart by their first bytes in [`load_record`]: a PDF carries the record
//! as its `jiedu-record.json` attachment; a JSON file is the record itself. Both use the same
//! shape, `{"content": …, "signature": …}` (other fields such as `format`, `pack_id` and
//! `revision` are informative; the signature covers the pack id and revision itself).

use crate::args::Target;
use crate::demo::parse_json;
use crate::error::CliError;
use crate::output::Output;
use clap::Args;
use jiedu_core::pack::{PackContent, SignRecord};
use jiedu_core::signing::{verify_record, VerifiedSignature};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Options of `jiedu verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// 导出的 PDF 解读包、媒体包或门户发布包（.zip）、JSON 审签记录。An exported PDF pack, media kit or portal package (.zip), or JSON signed record.
    pub file: PathBuf,
    /// 信任的办公室 CA 证书（PEM 或 DER）；默认取数据库中的办公室 CA。
    /// The office CA certificate to trust (PEM or DER); by default the database's office CA.
    #[arg(long = "office-ca", value_name = "FILE")]
    pub office_ca: Option<PathBuf>,
}

/// Exit 0 when the file verified, 1 when a check failed.
pub(super) fn exit_code(verified: bool) -> ExitCode {
    if verified {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// What a file holds, judged by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Pdf,
    Kit,
    Json,
    Unknown,
}

fn kind(bytes: &[u8]) -> Kind {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"%PDF") {
        return Kind::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Kind::Kit;
    }
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Kind::Json,
        _ => Kind::Unknown,
    }
}

/// The record an export carries: the content, and the signature when the pack was signed.
#[derive(Debug, Clone, Deserialize)]
pub struct ExportedRecord {
    /// The content exactly as exported.
    pub content: PackContent,
    /// The signature over it; `None` when the pack was exported unsigned.
    #[serde(default)]
    pub signature: Option<SignRecord>,
}

/// Reads the signed record a file carries: a JSON record, or the attachment of a PDF.
pub fn load_record(path: &Path) -> Result<ExportedRecord, CliError> {
    let bytes = std::fs::read(path).map_err(|source| CliError::ReadFile {
        path: path.to_path_buf(),
        source,
    })?;
    let json = match kind(&bytes) {
        Kind::Pdf => jiedu_render::embedded_record(&bytes)
            .map_err(|e| CliError::BadPdf {
                path: path.to_path_buf(),
                detail: e.to_string().replace('\n', " "),
            })?
            .ok_or_else(|| CliError::PdfWithoutRecord {
                path: path.to_path_buf(),
            })?,
        Kind::Json => bytes,
        Kind::Kit | Kind::Unknown => {
            return Err(CliError::UnknownRecord {
                path: path.to_path_buf(),
            })
        }
    };
    let text = String::from_utf8_lossy(&json);
    parse_json(path, text.trim_start_matches('\u{feff}'))
}

#[derive(Serialize)]
struct Report {
    file: PathBuf,
    verified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<VerifiedSignature>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<serde_json::Value>,
}

#[derive(Serialize)]
struct KitReport {
    file: PathBuf,
    verified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pack_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    signature: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    files: Option<usize>,
    problems: Vec<serde_json::Value>,
}

/// Verifies a media kit: every file against the manifest, the manifest against the signature.
fn run_kit(file: &Path, bytes: &[u8], out: &Output) -> Result<ExitCode, CliError> {
    let check_signature = |c: &PackContent, r: &SignRecord| {
        verify_record(c, r)
            .map(|v| {
                format!(
                    "{}（{}）{}",
                    v.signer_name,
                    v.signer_id,
                    v.signed_at.to_rfc3339()
                )
            })
            .map_err(|e| e.to_string().replace('\n', " "))
    };
    let result = jiedu_render::verify_kit(bytes, &check_signature);
    let (report, lines) = match &result {
        Ok(v) => (
            KitReport {
                file: file.to_path_buf(),
                verified: true,
                pack_id: Some(v.manifest.pack_id.clone()),
                signature: Some(v.signature.clone()),
                files: Some(v.manifest.files.len()),
                problems: Vec::new(),
            },
            vec![
                format!(
                    "✓ 媒体包完整，签名有效 Kit intact, signature valid — {}",
                    v.manifest.title
                ),
                format!(
                    "  解读包 pack   {}（第 {} 版 revision）",
                    v.manifest.pack_id, v.manifest.revision
                ),
                format!("  签署 signed   {}", v.signature),
                format!(
                    "  文件 files    {} 个，均与清单一致 all match the manifest",
                    v.manifest.files.len()
                ),
            ],
        ),
        Err(e) => failed(file, "✗ 媒体包验证失败 Kit verification failed", e),
    };
    out.emit(&report, || {
        for l in &lines {
            println!("{l}");
        }
    });
    Ok(exit_code(report.verified))
}

/// The report and lines of a zip that did not verify, one problem per file at fault.
fn failed(file: &Path, heading: &str, e: &jiedu_render::RenderError) -> (KitReport, Vec<String>) {
    let problems: Vec<(String, String, String, String)> = match e {
        jiedu_render::RenderError::KitInvalid { problems }
        | jiedu_render::RenderError::PortalInvalid { problems } => problems
            .iter()
            .map(|p| (p.code().to_string(), p.file().to_string(), p.zh(), p.en()))
            .collect(),
        other => {
            let text = other.to_string();
            let (zh, en) = text.split_once('\n').unwrap_or((text.as_str(), ""));
            vec![(
                other.code().to_string(),
                String::new(),
                zh.to_string(),
                en.to_string(),
            )]
        }
    };
    let mut lines = vec![format!("{heading} — {}", file.display())];
    for (_, f, zh, en) in &problems {
        lines.push(format!("  {f}：{zh}"));
        lines.push(format!("  {en}"));
    }
    (
        KitReport {
            file: file.to_path_buf(),
            verified: false,
            pack_id: None,
            signature: None,
            files: None,
            problems: problems
                .into_iter()
                .map(|(code, file, zh, en)| serde_json::json!({ "code": code, "file": file, "zh": zh, "en": en }))
                .collect(),
        },
        lines,
    )
}

/// Verifies a portal publication package: every file against its sealed manifest.
fn run_portal(file: &Path, bytes: &[u8], out: &Output) -> Result<ExitCode, CliError> {
    let (report, lines) = match jiedu_render::verify_portal(bytes) {
        Ok(m) => (
            KitReport {
                file: file.to_path_buf(),
                verified: true,
                pack_id: Some(m.pack_id.clone()),
                signature: None,
                files: Some(m.files.len()),
                problems: Vec::new(),
            },
            vec![
                format!("✓ 门户发布包完整 Publication package intact — {}", m.title),
                format!(
                    "  解读包 pack   {}（第 {} 版 revision）索引号 {}，有效性 {}",
                    m.pack_id, m.revision, m.metadata.index_number, m.metadata.validity
                ),
                format!(
                    "  页面 pages    {} 个，文件 files {} 个，均与清单一致 all match the manifest",
                    m.pages.len(),
                    m.files.len()
                ),
            ],
        ),
        Err(e) => failed(
            file,
            "✗ 门户发布包验证失败 Publication package verification failed",
            &e,
        ),
    };
    out.emit(&report, || {
        for l in &lines {
            println!("{l}");
        }
    });
    Ok(exit_code(report.verified))
}

/// Verifies the file and prints who signed what and when, or what does not match.
pub async fn run(args: &VerifyArgs, db: &Target, out: &Output) -> Result<ExitCode, CliError> {
    let file = args.file.as_path();
    let head = std::fs::read(file).map_err(|source| CliError::ReadFile {
        path: file.to_path_buf(),
        source,
    })?;
    // Who may sign is only as trustworthy as the enrolments: check them first, against the
    // admin key this client pinned, whenever there is a database or server to ask.
    let enrolled = enrolment_check(db, out).await?;
    let code = match kind(&head) {
        Kind::Kit if jiedu_render::portal::is_portal_package(&head) => run_portal(file, &head, out),
        Kind::Kit => run_kit(file, &head, out),
        Kind::Pdf => {
            let cas = super::verify_pdf::trusted_cas(args.office_ca.as_deref(), db).await?;
            super::verify_pdf::run(file, &head, &cas, out)
        }
        Kind::Json | Kind::Unknown => run_record(file, out),
    }?;
    Ok(if enrolled { code } else { exit_code(false) })
}

/// Checks the enrolment chain of the database or server, if there is one; `false` when it
/// does not hold. An absent local database is not checked (verifying works offline).
async fn enrolment_check(db: &Target, out: &Output) -> Result<bool, CliError> {
    if matches!(db, Target::Db(jiedu_store::DbLocation::File(path)) if !path.is_file()) {
        return Ok(true);
    }
    let backend = db.open().await?;
    let report = backend.check_enrolments().await?;
    backend.close().await;
    if !out.json() {
        super::audit::print_enrolments(&report);
    }
    Ok(report.ok())
}

/// Verifies a JSON signed record.
fn run_record(file: &Path, out: &Output) -> Result<ExitCode, CliError> {
    let record = load_record(file)?;
    let title = record.content.policy.title.clone();
    let result = match &record.signature {
        Some(signature) => verify_record(&record.content, signature)
            .map_err(|e| (e.code(), e.to_string())),
        None => Err((
            "verify.unsigned",
            "导出时解读包尚未审签，文件中没有签名记录。\nThe pack was not signed when exported; the file carries no signature."
                .to_string(),
        )),
    };
    let report = Report {
        file: file.to_path_buf(),
        verified: result.is_ok(),
        signature: result.as_ref().ok().cloned(),
        error: result
            .as_ref()
            .err()
            .map(|(code, message)| serde_json::json!({ "code": code, "message": message })),
    };
    out.emit(&report, || match &result {
        Ok(v) => {
            println!("✓ 签名有效 Signature valid — {title}");
            println!(
                "  解读包 pack     {}（第 {} 版 revision {}）",
                v.pack_id, v.revision, v.revision
            );
            println!("  签署人 signer   {}（{}）", v.signer_name, v.signer_id);
            println!("  时间 signed at  {}", v.signed_at.to_rfc3339());
            println!("  内容哈希 hash   {}", v.content_hash);
            println!("  公钥 public key ed25519:{}", v.public_key);
            if !v.comment.is_empty() {
                println!("  审签意见 comment {}", v.comment);
            }
        }
        Err((_, text)) => {
            let (zh, en) = text.split_once('\n').unwrap_or((text, ""));
            println!("✗ 验证失败 Verification failed — {}", file.display());
            println!("  {zh}");
            println!("  {en}");
        }
    });
    Ok(exit_code(result.is_ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_apart_by_their_first_bytes() {
        assert_eq!(kind(b"%PDF-1.7\n"), Kind::Pdf);
        assert_eq!(kind(b"  \n{\"content\":{}}"), Kind::Json);
        assert_eq!(kind(b"\xEF\xBB\xBF{}"), Kind::Json);
        assert_eq!(kind(b"PK\x03\x04"), Kind::Kit);
        assert_eq!(kind(b""), Kind::Unknown);
    }
}
