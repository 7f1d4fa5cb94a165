//! The pack (解读包): policy + plan + materials, moving through the workflow as one unit.

use crate::hash::{content_hash, ContentHash};
use crate::materials::Materials;
use crate::plan::{Channel, InterpretationPlan};
use crate::policy::Policy;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a pack stands in the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PackState {
    /// 起草中.
    #[default]
    Drafting,
    /// 待审签.
    Submitted,
    /// 退回: sent back to the drafter with comments.
    Returned,
    /// 已审签.
    Signed,
    /// 已部署.
    Deployed,
}

impl PackState {
    /// Every state, in workflow order.
    pub const ALL: [PackState; 5] = [
        PackState::Drafting,
        PackState::Submitted,
        PackState::Returned,
        PackState::Signed,
        PackState::Deployed,
    ];

    /// The stable identifier used in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            PackState::Drafting => "drafting",
            PackState::Submitted => "submitted",
            PackState::Returned => "returned",
            PackState::Signed => "signed",
            PackState::Deployed => "deployed",
        }
    }

    /// Parses the identifier written by [`PackState::as_str`].
    pub fn parse(s: &str) -> Option<PackState> {
        PackState::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            PackState::Drafting => "起草中",
            PackState::Submitted => "待审签",
            PackState::Returned => "退回",
            PackState::Signed => "已审签",
            PackState::Deployed => "已部署",
        }
    }
}

/// The signed-over content of a pack: exactly what one signature covers (同步审签).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PackContent {
    /// The policy document.
    pub policy: Policy,
    /// The interpretation plan, once written.
    #[serde(default)]
    pub plan: Option<InterpretationPlan>,
    /// The interpretation materials.
    #[serde(default)]
    pub materials: Materials,
}

/// A leader's signature over the content hash of a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SignRecord {
    /// The pack signed; covered by the signature, so a record cannot be moved to another pack.
    #[serde(default)]
    pub pack_id: String,
    /// Signer's user id.
    pub signer_id: String,
    /// Signer's display name.
    pub signer_name: String,
    /// When it was signed.
    pub signed_at: DateTime<Utc>,
    /// Revision that was signed.
    pub revision: i64,
    /// The content hash the signature covers.
    pub content_hash: ContentHash,
    /// Signature algorithm, e.g. `ed25519`.
    pub algorithm: String,
    /// Signer's public key, hex.
    pub public_key: String,
    /// Signature bytes, hex.
    pub signature: String,
    /// Leader's comment.
    #[serde(default)]
    pub comment: String,
}

/// The record of the one act that released policy and interpretation (同步部署).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deployment {
    /// Who deployed (a user id).
    pub deployed_by: String,
    /// When the policy was released.
    pub policy_released_at: DateTime<Utc>,
    /// When the interpretation was released.
    pub interpretation_released_at: DateTime<Utc>,
    /// Channels used.
    pub channels: Vec<Channel>,
    /// Content hash of what was released.
    pub content_hash: ContentHash,
}

/// A pack as the workflow sees it: identity, state, content and its records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Pack {
    /// Stable id.
    pub id: String,
    /// Id of the unit that owns (drafts) the pack.
    pub unit_id: String,
    /// Workflow state.
    #[serde(default)]
    pub state: PackState,
    /// Current revision number (1 for the first save; 0 before any save).
    #[serde(default)]
    pub revision: i64,
    /// Policy, plan and materials. Nested rather than flattened, so that a parse error in a
    /// pack file keeps its field path and line.
    pub content: PackContent,
    /// The valid signature, when signed.
    #[serde(default)]
    pub signature: Option<SignRecord>,
    /// The deployment, when deployed.
    #[serde(default)]
    pub deployment: Option<Deployment>,
}

impl Pack {
    /// The canonical content hash of the pack's policy, plan and materials.
    pub fn content_hash(&self) -> ContentHash {
        content_hash(&self.content)
    }

    /// The policy document.
    pub fn policy(&self) -> &Policy {
        &self.content.policy
    }

    /// All searchable text: policy, plan and materials, in reading order.
    pub fn search_text(&self) -> String {
        let c = &self.content;
        let mut parts: Vec<&str> = vec![c.policy.title.as_str()];
        parts.extend(c.policy.body_text());
        if let Some(plan) = &c.plan {
            parts.extend(plan.outline.iter().map(String::as_str));
            parts.extend(plan.key_points.iter().map(String::as_str));
            for concern in &plan.concerns {
                parts.push(&concern.concern);
                parts.push(&concern.line);
            }
        }
        if let Some(text) = &c.materials.text {
            parts.push(&text.title);
            for s in &text.sections {
                parts.push(&s.heading);
                parts.extend(s.paragraphs.iter().map(String::as_str));
            }
        }
        for chart in &c.materials.charts {
            parts.push(&chart.title);
        }
        for qa in &c.materials.qa {
            parts.push(&qa.question);
            parts.push(&qa.answer);
        }
        parts.join("\n")
    }
}
