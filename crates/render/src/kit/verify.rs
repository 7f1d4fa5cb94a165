//! Checking a media kit: every file against the manifest, the manifest against the signed
//! record the PDF carries, and the signature itself through a verifier the caller supplies.

use super::archive::read_zip;
use super::manifest::{seal, sha256_hex, KitFile, KitManifest, KIT_FORMAT, MANIFEST_FILE};
use super::PDF_FILE;
use crate::error::RenderError;
use crate::record::{embedded_record, SignedRecord};
use jiedu_core::hash::content_hash;
use jiedu_core::pack::{PackContent, SignRecord};
use std::collections::BTreeMap;
use std::fmt;

/// One thing wrong with a kit. Each names the file at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KitProblem {
    /// A file in the kit that the manifest does not list.
    Added {
        /// The file.
        name: String,
    },
    /// A file the manifest lists that is not in the kit.
    Removed {
        /// The file.
        name: String,
    },
    /// A file whose bytes differ from the manifest's hash or size.
    Changed {
        /// The file.
        name: String,
        /// The SHA-256 the manifest lists.
        expected: String,
        /// The SHA-256 of the file in the kit.
        actual: String,
    },
    /// A file that cannot be unpacked (damaged archive entry).
    Unreadable {
        /// The file.
        name: String,
        /// The cause.
        detail: String,
    },
    /// The manifest is missing, is not valid JSON, or was edited after the kit was made.
    Manifest {
        /// What is wrong.
        detail: String,
    },
    /// The PDF's signed record is missing or disagrees with the manifest.
    Record {
        /// What is wrong.
        detail: String,
    },
    /// The signature over the content does not verify.
    Signature {
        /// The verifier's message.
        detail: String,
    },
}

impl KitProblem {
    /// The file the problem concerns.
    pub fn file(&self) -> &str {
        match self {
            KitProblem::Added { name }
            | KitProblem::Removed { name }
            | KitProblem::Changed { name, .. }
            | KitProblem::Unreadable { name, .. } => name,
            KitProblem::Manifest { .. } => MANIFEST_FILE,
            KitProblem::Record { .. } | KitProblem::Signature { .. } => PDF_FILE,
        }
    }

    /// A stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            KitProblem::Added { .. } => "kit.file_added",
            KitProblem::Removed { .. } => "kit.file_removed",
            KitProblem::Changed { .. } => "kit.file_changed",
            KitProblem::Unreadable { .. } => "kit.file_unreadable",
            KitProblem::Manifest { .. } => "kit.manifest",
            KitProblem::Record { .. } => "kit.record",
            KitProblem::Signature { .. } => "kit.signature",
        }
    }

    /// The problem in Chinese.
    pub fn zh(&self) -> String {
        match self {
            KitProblem::Added { name } => format!("多出文件“{name}”（清单中没有）"),
            KitProblem::Removed { name } => format!("缺少文件“{name}”"),
            KitProblem::Changed { name, .. } => format!("文件“{name}”已被改动（哈希不符）"),
            KitProblem::Unreadable { name, detail } => {
                format!("文件“{name}”无法解压（{detail}）")
            }
            KitProblem::Manifest { detail } => format!("清单“{MANIFEST_FILE}”无效：{detail}"),
            KitProblem::Record { detail } => {
                format!("“{PDF_FILE}”中的审签记录与清单不符：{detail}")
            }
            KitProblem::Signature { detail } => format!("签名验证失败：{detail}"),
        }
    }

    /// The problem in English.
    pub fn en(&self) -> String {
        match self {
            KitProblem::Added { name } => format!("{name} was added (not in the manifest)"),
            KitProblem::Removed { name } => format!("{name} is missing"),
            KitProblem::Changed {
                name,
                expected,
                actual,
            } => format!("{name} was changed (sha256 {actual}, manifest says {expected})"),
            KitProblem::Unreadable { name, detail } => {
                format!("{name} cannot be unpacked ({detail})")
            }
            KitProblem::Manifest { detail } => format!("{MANIFEST_FILE} is not valid: {detail}"),
            KitProblem::Record { detail } => {
                format!("the signed record in {PDF_FILE} does not match the manifest: {detail}")
            }
            KitProblem::Signature { detail } => {
                format!("the signature does not verify: {detail}")
            }
        }
    }
}

impl fmt::Display for KitProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n{}", self.zh(), self.en())
    }
}

/// Every problem in Chinese, for [`RenderError::KitInvalid`].
pub(crate) fn problems_zh(problems: &[KitProblem]) -> String {
    problems
        .iter()
        .map(KitProblem::zh)
        .collect::<Vec<_>>()
        .join("；")
}

/// Every problem in English, for [`RenderError::KitInvalid`].
pub(crate) fn problems_en(problems: &[KitProblem]) -> String {
    problems
        .iter()
        .map(KitProblem::en)
        .collect::<Vec<_>>()
        .join("; ")
}

/// A kit that checked out: its manifest, and what the signature verifier said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KitVerification {
    /// The manifest, every file of which matched.
    pub manifest: KitManifest,
    /// The signature verifier's message (e.g. who signed, when).
    pub signature: String,
}

/// Checks a media kit: every file against the manifest (naming any file added, removed or
/// changed), the manifest against the signed record embedded in `pack.pdf` (its content is
/// hashed again), and the signature with `verify_signature` — normally
/// `jiedu_core::signing::verify_record`, which this crate does not depend on.
pub fn verify_kit(
    zip: &[u8],
    verify_signature: &dyn Fn(&PackContent, &SignRecord) -> Result<String, String>,
) -> Result<KitVerification, RenderError> {
    let (manifest, files, mut problems) =
        unpack_against_manifest(zip, read_manifest, |m| &m.files)?;

    let mut signature = String::new();
    match check_record(&manifest, files.get(PDF_FILE).map(Vec::as_slice)) {
        Ok(content) => match verify_signature(&content, &manifest.signature) {
            Ok(message) => signature = message,
            Err(detail) => problems.push(KitProblem::Signature { detail }),
        },
        Err(detail) => {
            // A changed or missing PDF is already named; its record is then no news.
            let named = problems.iter().any(|p| p.file() == PDF_FILE);
            if !named {
                problems.push(KitProblem::Record { detail });
            }
        }
    }

    if problems.is_empty() {
        Ok(KitVerification {
            manifest,
            signature,
        })
    } else {
        Err(RenderError::KitInvalid { problems })
    }
}

/// A zip checked against its manifest: the manifest, the readable files by name, and what did
/// not match.
pub(crate) type Unpacked<M> = (M, BTreeMap<String, Vec<u8>>, Vec<KitProblem>);

/// Unpacks a zip that carries a sealed `manifest.json`, reads the manifest with `read` and
/// compares every file with the list `listed` gives: each file added, removed, changed or
/// unreadable is a problem naming it. A manifest that cannot be read ends the check at once.
pub(crate) fn unpack_against_manifest<M>(
    zip: &[u8],
    read: impl Fn(Option<&[u8]>) -> Result<M, String>,
    listed: impl Fn(&M) -> &[KitFile],
) -> Result<Unpacked<M>, RenderError> {
    let entries = read_zip(zip).map_err(|detail| RenderError::KitUnreadable { detail })?;
    let mut problems = Vec::new();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (name, bytes) in entries.iter() {
        match bytes {
            Ok(bytes) => {
                files.insert(name.clone(), bytes.clone());
            }
            Err(detail) => problems.push(KitProblem::Unreadable {
                name: name.clone(),
                detail: detail.clone(),
            }),
        }
    }
    let unreadable = |name: &str| entries.iter().any(|(n, b)| n == name && b.is_err());

    let manifest = match read(files.get(MANIFEST_FILE).map(Vec::as_slice)) {
        Ok(manifest) => manifest,
        Err(detail) => {
            if !unreadable(MANIFEST_FILE) {
                problems.push(KitProblem::Manifest { detail });
            }
            return Err(RenderError::KitInvalid { problems });
        }
    };

    let list = listed(&manifest);
    for file in list {
        match files.get(file.name.as_str()) {
            None if unreadable(&file.name) => {}
            None => problems.push(KitProblem::Removed {
                name: file.name.clone(),
            }),
            Some(bytes) => {
                let actual = sha256_hex(bytes);
                if actual != file.sha256 || bytes.len() as u64 != file.bytes {
                    problems.push(KitProblem::Changed {
                        name: file.name.clone(),
                        expected: file.sha256.clone(),
                        actual,
                    });
                }
            }
        }
    }
    for (name, _) in &entries {
        let known = list.iter().any(|f| &f.name == name);
        if !known && name != MANIFEST_FILE && !unreadable(name) {
            problems.push(KitProblem::Added { name: name.clone() });
        }
    }
    Ok((manifest, files, problems))
}

/// Parses a sealed manifest of the given format, checking its seal first.
pub(crate) fn read_sealed<M: serde::de::DeserializeOwned>(
    bytes: Option<&[u8]>,
    format: &str,
    format_of: impl Fn(&M) -> &str,
) -> Result<M, String> {
    let bytes = bytes.ok_or("清单文件缺失 / the manifest is missing")?;
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| format!("JSON: {e}"))?;
    let listed = value
        .get("manifest_sha256")
        .and_then(|v| v.as_str())
        .unwrap_or_default()
        .to_string();
    if listed != seal(&value) {
        return Err(
            "清单内容与其校验值不符 / the manifest was edited after the file was made".to_string(),
        );
    }
    let manifest: M = serde_json::from_value(value).map_err(|e| format!("JSON: {e}"))?;
    let found = format_of(&manifest);
    if found != format {
        return Err(format!(
            "格式“{found}”无法识别（应为 {format}）/ unknown format {found} (expected {format})"
        ));
    }
    Ok(manifest)
}

/// Parses the kit's manifest and checks its seal.
fn read_manifest(bytes: Option<&[u8]>) -> Result<KitManifest, String> {
    read_sealed(bytes, KIT_FORMAT, |m: &KitManifest| m.format.as_str())
}

/// Reads the signed record from the PDF and checks it against the manifest; returns the
/// signed content for the signature check.
fn check_record(manifest: &KitManifest, pdf: Option<&[u8]>) -> Result<PackContent, String> {
    let pdf = pdf.ok_or("no PDF")?;
    let json = embedded_record(pdf)
        .map_err(|e| e.to_string())?
        .ok_or("PDF 中没有审签记录 / the PDF carries no signed record")?;
    let record: SignedRecord =
        serde_json::from_slice(&json).map_err(|e| format!("record JSON: {e}"))?;
    let signed = record
        .signature
        .as_ref()
        .ok_or("记录中没有签名 / the record has no signature")?;
    let actual = content_hash(&record.content);
    let mismatch =
        |what: &str, a: &str, b: &str| format!("{what}：{a} ≠ {b} / {what} differs: {a} vs {b}");
    if actual != manifest.content_hash {
        return Err(mismatch(
            "content_hash",
            &actual.0,
            &manifest.content_hash.0,
        ));
    }
    if signed.content_hash != manifest.content_hash {
        return Err(mismatch(
            "signature.content_hash",
            &signed.content_hash.0,
            &manifest.content_hash.0,
        ));
    }
    if *signed != manifest.signature {
        return Err(
            "签名记录与清单不一致 / the signature record differs from the manifest's".into(),
        );
    }
    if (&signed.signer_id, &signed.signer_name, signed.signed_at)
        != (
            &manifest.signer_id,
            &manifest.signer_name,
            manifest.signed_at,
        )
    {
        return Err(mismatch(
            "signer",
            &signed.signer_name,
            &manifest.signer_name,
        ));
    }
    if record.pack_id != manifest.pack_id {
        return Err(mismatch("pack_id", &record.pack_id, &manifest.pack_id));
    }
    if record.revision != manifest.revision || signed.revision != manifest.revision {
        return Err(mismatch(
            "revision",
            &record.revision.to_string(),
            &manifest.revision.to_string(),
        ));
    }
    Ok(record.content)
}
