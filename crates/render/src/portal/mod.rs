//! The portal publication package (门户网站发布包): static HTML pages for the policy and each
//! interpretation (text, Q&A, charts, images and audio/video), the chart images and media files, and a sealed `manifest.json` listing
//! every page, its 政府信息公开目录 metadata and its links, for import into a CMS.
//!
//! The policy page links to every interpretation page under 相关解读, and each of them links
//! back under 相关文件 (同步发布并相互关联). Pages are built with minijinja templates that
//! escape every value; they carry no script and load nothing from outside the package.
//! [`portal_package`] is a pure function of the pack, its publication record and the unit's
//! settings, so a deployment that repeals a pack regenerates that pack's package with the notice.

mod manifest;
mod pages;

pub use manifest::{PortalLink, PortalManifest, PortalMeta, PortalPage, PORTAL_FORMAT};

use crate::error::RenderError;
use crate::fonts::FontSet;
use crate::kit::archive::write_zip;
use crate::kit::{sha256_hex, KitFile, MANIFEST_FILE};
use chrono::{DateTime, Utc};
use jiedu_core::media::MediaLibrary;
use jiedu_core::pack::Pack;
pub use jiedu_core::publication::LinkedPack;
use jiedu_core::publication::{PortalSettings, PublicationRecord};

/// What the package is made from besides the pack.
pub struct PortalOptions<'a> {
    /// The fonts, for the chart images.
    pub fonts: FontSet,
    /// When the package is made; it dates the files and decides the 有效性 shown.
    pub now: DateTime<Utc>,
    /// The unit's portal settings.
    pub settings: &'a PortalSettings,
    /// The pack's 索引号 and validity changes.
    pub record: &'a PublicationRecord,
    /// The packs this pack amends or repeals (from its `policy.supersedes`), with their titles.
    pub supersedes: &'a [LinkedPack],
    /// The bytes of the pack's images, audio and video, published beside the pages.
    pub media: MediaLibrary,
}

/// The package and its manifest.
#[derive(Debug, Clone)]
pub struct PortalOutput {
    /// The zip.
    pub bytes: Vec<u8>,
    /// The manifest it carries.
    pub manifest: PortalManifest,
}

/// Builds the publication package of a signed or released pack.
pub fn portal_package(
    pack: &Pack,
    options: &PortalOptions<'_>,
) -> Result<PortalOutput, RenderError> {
    if pack.signature.is_none() {
        return Err(RenderError::PortalNotReady {
            field: "state".into(),
            detail: format!(
                "解读包“{}”尚未审签，门户发布包只能由已审签的内容生成\nPack {} is not signed; only signed content is published",
                pack.id, pack.id
            ),
        });
    }
    if options.record.index_number.is_none() {
        return Err(RenderError::PortalNotReady {
            field: "portal.org_code".into(),
            detail: format!(
                "解读包“{}”还没有索引号：请管理员在单位“{}”的设置中填写组织机构代码（jiedu unit set {} --org-code 代码），索引号在发布时分配\nPack {} has no index number: an admin sets unit {}'s organisation code; the number is allocated on release",
                pack.id, pack.unit_id, pack.unit_id, pack.id, pack.unit_id
            ),
        });
    }
    let built = pages::build(pack, options)?;
    let mut files: Vec<(String, Vec<u8>)> = built.files;
    let listed: Vec<KitFile> = files.iter().map(|(n, b)| KitFile::of(n, b)).collect();
    let manifest = PortalManifest {
        format: PORTAL_FORMAT.to_string(),
        pack_id: pack.id.clone(),
        revision: pack.revision,
        title: pack.policy().title.clone(),
        content_hash: pack.content_hash(),
        base_path: built.base_path,
        generated_at: options.now,
        metadata: built.meta,
        pages: built.pages,
        validity_changes: options.record.changes.clone(),
        files: listed,
        manifest_sha256: String::new(),
    };
    let (manifest, json) = manifest.to_json()?;
    files.push((MANIFEST_FILE.to_string(), json));
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    let bytes = write_zip("portal.zip", &refs, options.now)?;
    Ok(PortalOutput { bytes, manifest })
}

/// Checks a publication package against its manifest: every file listed is present with its
/// SHA-256 and size, nothing else is, and the manifest is sealed. Names every file at fault.
pub fn verify_portal(zip: &[u8]) -> Result<PortalManifest, RenderError> {
    let (manifest, _files, problems) = crate::kit::unpack_against_manifest(
        zip,
        |bytes| {
            crate::kit::read_sealed(bytes, PORTAL_FORMAT, |m: &PortalManifest| m.format.as_str())
        },
        |m: &PortalManifest| &m.files,
    )
    .map_err(|e| match e {
        RenderError::KitInvalid { problems } => RenderError::PortalInvalid { problems },
        other => other,
    })?;
    if problems.is_empty() {
        Ok(manifest)
    } else {
        Err(RenderError::PortalInvalid { problems })
    }
}

/// Whether a zip is a publication package (its manifest names the portal format), so that
/// `jiedu verify` tells it from a media kit.
pub fn is_portal_package(zip: &[u8]) -> bool {
    crate::kit::archive::read_zip(zip)
        .ok()
        .and_then(|entries| {
            entries
                .into_iter()
                .find(|(name, _)| name == MANIFEST_FILE)
                .and_then(|(_, bytes)| bytes.ok())
        })
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .is_some_and(|v| v.get("format").and_then(|f| f.as_str()) == Some(PORTAL_FORMAT))
}

/// The SHA-256 of a package, as the audit log records it.
pub fn package_sha256(bytes: &[u8]) -> String {
    sha256_hex(bytes)
}
