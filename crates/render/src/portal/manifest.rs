//! The package's `manifest.json`: every page with its metadata and links, every file with its
//! SHA-256, sealed like the media kit's manifest.

use crate::error::RenderError;
use crate::kit::{KitFile, MANIFEST_FILE};
use chrono::{DateTime, NaiveDate, Utc};
use jiedu_core::hash::ContentHash;
use jiedu_core::publication::ValidityChange;
use serde::{Deserialize, Serialize};

/// The manifest format tag.
pub const PORTAL_FORMAT: &str = "jiedu-portal/1";

/// The 政府信息公开目录 metadata every page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalMeta {
    /// 索引号.
    pub index_number: String,
    /// 主题分类.
    pub subject: String,
    /// 发文机关.
    pub issuing_authority: String,
    /// 成文日期.
    pub written_on: Option<NaiveDate>,
    /// 发布日期.
    pub published_on: Option<NaiveDate>,
    /// 发文字号.
    pub doc_number: Option<String>,
    /// 标题.
    pub title: String,
    /// 有效性 as printed (有效, 废止…).
    pub validity: String,
    /// 废止日期.
    pub repealed_on: Option<NaiveDate>,
}

/// A link from one page to another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalLink {
    /// `related_interpretation`, `related_policy`, `supersedes` or `superseded_by`.
    pub rel: String,
    /// As written in the page (relative).
    pub href: String,
    /// The site path it resolves to under the base path.
    pub url: String,
    /// The linked page's title.
    pub title: String,
}

/// One page of the package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalPage {
    /// Path inside the package, e.g. `policy.html`.
    pub path: String,
    /// `policy`, `interpretation`, `qa` or `charts`.
    pub kind: String,
    /// The page title (its h1).
    pub title: String,
    /// The site path it is published at.
    pub url: String,
    /// Its links.
    pub links: Vec<PortalLink>,
}

/// The package's manifest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortalManifest {
    /// Always [`PORTAL_FORMAT`].
    pub format: String,
    /// The pack.
    pub pack_id: String,
    /// The revision published.
    pub revision: i64,
    /// The policy title.
    pub title: String,
    /// The content hash of what was published (the signed content).
    pub content_hash: ContentHash,
    /// The site path packages are published under; this one is in its `<pack_id>/` folder.
    pub base_path: String,
    /// When the package was made.
    pub generated_at: DateTime<Utc>,
    /// The metadata.
    pub metadata: PortalMeta,
    /// Every page.
    pub pages: Vec<PortalPage>,
    /// What later packs did to this one.
    #[serde(default)]
    pub validity_changes: Vec<ValidityChange>,
    /// Every other file, with its SHA-256.
    pub files: Vec<KitFile>,
    /// SHA-256 of the canonical JSON of the rest (see the media kit's manifest).
    #[serde(default)]
    pub manifest_sha256: String,
}

impl PortalManifest {
    /// The sealed manifest as pretty JSON, ending with a newline.
    pub(crate) fn to_json(&self) -> Result<(PortalManifest, Vec<u8>), RenderError> {
        let failed = |e: serde_json::Error| RenderError::Archive {
            file: MANIFEST_FILE.into(),
            detail: e.to_string(),
        };
        let mut sealed = self.clone();
        sealed.manifest_sha256 = crate::kit::seal(&serde_json::to_value(self).map_err(failed)?);
        let mut json = serde_json::to_vec_pretty(&sealed).map_err(failed)?;
        json.push(b'\n');
        Ok((sealed, json))
    }
}
