//! The canonical content hash that a signature covers.
//!
//! The hash is SHA-256 over a canonical JSON form: object keys sorted, no insignificant
//! whitespace, numbers as serde_json prints them. Two packs with equal content hash equally no
//! matter how their JSON was formatted or ordered; any change to any field changes the hash.

use crate::pack::PackContent;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt;

/// Domain separation, so a content hash can never be confused with another SHA-256 in Jiedu.
const CONTENT_HASH_PREFIX: &[u8] = b"jiedu-content-v1\n";

/// A SHA-256 content hash, shown as `sha256:` and 64 hex digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct ContentHash(pub String);

impl fmt::Display for ContentHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ContentHash {
    /// The first 12 hex digits, for display where space is short.
    pub fn short(&self) -> &str {
        let hex = self.0.strip_prefix("sha256:").unwrap_or(&self.0);
        &hex[..hex.len().min(12)]
    }
}

/// Hashes the content of a pack (policy, plan and materials).
pub fn content_hash(content: &PackContent) -> ContentHash {
    // Serialising our own types cannot fail (no maps with non-string keys); Null keeps it total.
    let value = serde_json::to_value(content).unwrap_or(Value::Null);
    hash_value(&value)
}

/// Hashes any JSON value in its canonical form.
pub fn hash_value(value: &Value) -> ContentHash {
    let mut hasher = Sha256::new();
    hasher.update(CONTENT_HASH_PREFIX);
    hasher.update(canonical_json(value).as_bytes());
    ContentHash(format!("sha256:{}", hex::encode(hasher.finalize())))
}

/// Writes a JSON value canonically: sorted keys, no whitespace outside strings.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&map[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        scalar => out.push_str(&scalar.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::materials::QaPair;

    fn sample() -> PackContent {
        let mut c = PackContent::default();
        c.policy.title = "关于全面推进政务公开工作的实施意见".into();
        c.policy.preamble = vec!["为贯彻落实……制定本实施意见。".into()];
        c.materials.qa.push(QaPair {
            id: "q1".into(),
            question: "为什么出台？".into(),
            answer: "为了……".into(),
            audience: Default::default(),
        });
        c
    }

    #[test]
    fn the_same_content_always_hashes_the_same() {
        assert_eq!(content_hash(&sample()), content_hash(&sample()));
        assert!(content_hash(&sample()).0.starts_with("sha256:"));
        assert_eq!(content_hash(&sample()).0.len(), "sha256:".len() + 64);
    }

    #[test]
    fn key_order_and_whitespace_do_not_matter() {
        let a: Value =
            serde_json::from_str(r#"{"b": [1, 2, {"y": "两", "x": "一"}], "a": "公开"}"#)
                .expect("json");
        let b: Value = serde_json::from_str(
            "{\n  \"a\":\"公开\",\n\t\"b\":[1,2,{\"x\":\"一\",\"y\":\"两\"}]}",
        )
        .expect("json");
        assert_eq!(canonical_json(&a), canonical_json(&b));
        assert_eq!(hash_value(&a), hash_value(&b));
        assert_eq!(
            canonical_json(&a),
            r#"{"a":"公开","b":[1,2,{"x":"一","y":"两"}]}"#
        );
    }

    #[test]
    fn a_pack_read_back_from_reformatted_json_hashes_the_same() {
        let original = sample();
        let pretty = serde_json::to_string_pretty(&original).expect("json");
        let back: PackContent = serde_json::from_str(&pretty).expect("parse");
        assert_eq!(content_hash(&original), content_hash(&back));
    }

    #[test]
    fn any_change_to_any_field_changes_the_hash() {
        let base = content_hash(&sample());
        let mut edits: Vec<PackContent> = Vec::new();
        let mut c = sample();
        c.policy.title.push('。');
        edits.push(c);
        let mut c = sample();
        c.policy.preamble[0] = c.policy.preamble[0].replace('为', "谓");
        edits.push(c);
        let mut c = sample();
        c.materials.qa[0].answer.push(' ');
        edits.push(c);
        let mut c = sample();
        c.plan = Some(Default::default());
        edits.push(c);
        let mut c = sample();
        c.policy.importance = crate::policy::Importance::Major;
        edits.push(c);
        for edited in edits {
            assert_ne!(content_hash(&edited), base);
        }
    }
}
