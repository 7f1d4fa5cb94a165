//! `manifest.json`: what the kit was made from (pack, revision, content hash, signature),
//! when it may be released, and the SHA-256 of every other file.

use crate::error::RenderError;
use chrono::{DateTime, Utc};
use jiedu_core::hash::{canonical_json, ContentHash};
use jiedu_core::pack::SignRecord;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The manifest's name in the kit.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The manifest format tag.
pub const KIT_FORMAT: &str = "jiedu-media-kit/1";
/// The manifest field that seals the rest of it.
const SEAL_FIELD: &str = "manifest_sha256";

/// One file of the kit as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitFile {
    /// Path inside the kit, e.g. `charts/key-areas-1080.png`.
    pub name: String,
    /// SHA-256 of the file, 64 hex digits (as `sha256sum` prints it).
    pub sha256: String,
    /// Size in bytes.
    pub bytes: u64,
}

impl KitFile {
    /// Describes `bytes` as the file `name`.
    pub fn of(name: &str, bytes: &[u8]) -> Self {
        KitFile {
            name: name.to_string(),
            sha256: sha256_hex(bytes),
            bytes: bytes.len() as u64,
        }
    }
}

/// One image, audio or video file of the pack as the kit carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitMedia {
    /// Its id in the pack, e.g. `m1`.
    pub id: String,
    /// `image`, `audio` or `video`.
    pub kind: String,
    /// The file name as added.
    pub file_name: String,
    /// Caption (题注).
    pub caption: String,
    /// Alternative text.
    pub alt: String,
    /// Credit line.
    pub credit: String,
    /// SHA-256 of the original, as stored and signed.
    pub sha256: String,
    /// Length of audio or video in milliseconds.
    pub duration_ms: Option<u64>,
    /// The original in the kit, e.g. `media/m1-现场.jpg`.
    pub original: String,
    /// The WeChat version of an image (≤1080 px wide, under 1 MB, JPEG).
    pub wechat: Option<String>,
    /// The Weibo version of an image (≤2048 px on the long edge, under 5 MB, JPEG).
    pub weibo: Option<String>,
}

/// The kit's manifest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitManifest {
    /// Always [`KIT_FORMAT`].
    pub format: String,
    /// The pack.
    pub pack_id: String,
    /// The revision exported (the signed one).
    pub revision: i64,
    /// The policy title.
    pub title: String,
    /// The content hash the signature covers.
    pub content_hash: ContentHash,
    /// Signer's user id.
    pub signer_id: String,
    /// Signer's name.
    pub signer_name: String,
    /// When it was signed.
    pub signed_at: DateTime<Utc>,
    /// The whole signature record, as the PDF also carries it.
    pub signature: SignRecord,
    /// When the policy and its interpretation are (to be) released.
    pub release_at: Option<DateTime<Utc>>,
    /// 禁发时间: set when the kit was made before the release time.
    pub embargo_until: Option<DateTime<Utc>>,
    /// The embargo notice as the kit's files show it.
    pub embargo_notice: Option<String>,
    /// When the kit was made.
    pub generated_at: DateTime<Utc>,
    /// Every other file of the kit, in kit order.
    pub files: Vec<KitFile>,
    /// The pack's images, audio and video: which kit files are each one's original and its
    /// WeChat and Weibo versions. Absent from kits of packs without media, whose seal it keeps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<KitMedia>,
    /// SHA-256 of the canonical JSON of the rest of the manifest: catches an edited manifest.
    /// An integrity check, not a signature: authenticity rests on the leader's signature over
    /// the content hash.
    #[serde(default)]
    pub manifest_sha256: String,
}

/// SHA-256 of `bytes` as 64 hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The seal of a manifest's JSON: SHA-256 of its canonical form without the seal field.
pub(crate) fn seal(value: &Value) -> String {
    let mut value = value.clone();
    if let Value::Object(map) = &mut value {
        map.remove(SEAL_FIELD);
    }
    sha256_hex(canonical_json(&value).as_bytes())
}

impl KitManifest {
    /// The sealed manifest as pretty JSON, ending with a newline.
    pub(crate) fn to_json(&self) -> Result<(KitManifest, Vec<u8>), RenderError> {
        let failed = |e: serde_json::Error| RenderError::Archive {
            file: MANIFEST_FILE.into(),
            detail: e.to_string(),
        };
        let mut sealed = self.clone();
        sealed.manifest_sha256 = seal(&serde_json::to_value(self).map_err(failed)?);
        let mut json = serde_json::to_vec_pretty(&sealed).map_err(failed)?;
        json.push(b'\n');
        Ok((sealed, json))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_is_hex_like_sha256sum() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_seal_ignores_itself_and_key_order_but_not_values() {
        let a: Value =
            serde_json::from_str(r#"{"a": 1, "b": "x", "manifest_sha256": "zz"}"#).expect("json");
        let b: Value = serde_json::from_str(r#"{"b": "x", "a": 1}"#).expect("json");
        let c: Value = serde_json::from_str(r#"{"b": "y", "a": 1}"#).expect("json");
        assert_eq!(seal(&a), seal(&b));
        assert_ne!(seal(&a), seal(&c));
    }
}
