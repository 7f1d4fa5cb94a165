//! The disclosure attribute (公开属性) and its legal basis under the 2019 Regulations on
//! Government Information Disclosure (《政府信息公开条例》).

use serde::{Deserialize, Serialize};

/// 主动公开 / 依申请公开 / 不予公开.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DisclosureAttribute {
    /// 主动公开: released proactively; the document carries （此件公开发布）.
    Proactive,
    /// 依申请公开: released on request.
    OnRequest,
    /// 不予公开: not disclosed.
    NotDisclosed,
}

impl DisclosureAttribute {
    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            DisclosureAttribute::Proactive => "主动公开",
            DisclosureAttribute::OnRequest => "依申请公开",
            DisclosureAttribute::NotDisclosed => "不予公开",
        }
    }
}

/// The legal grounds for not disclosing proactively (条例 arts. 14–16).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LegalBasis {
    /// Art. 14: state secrets (国家秘密).
    Art14StateSecret,
    /// Art. 14: disclosure barred by laws and administrative regulations.
    Art14BarredByLaw,
    /// Art. 14: would endanger national, public, economic or social security or stability.
    Art14SecurityStability,
    /// Art. 15: trade secrets or personal privacy of a third party.
    Art15TradeSecretPrivacy,
    /// Art. 16: internal affairs information (人事、后勤、内部工作流程).
    Art16InternalAffairs,
    /// Art. 16: process information (讨论记录、过程稿、磋商信函、请示报告).
    Art16ProcessInformation,
    /// Art. 16: administrative enforcement case files.
    Art16EnforcementFiles,
}

impl LegalBasis {
    /// The Chinese citation shown to users.
    pub fn label_zh(self) -> &'static str {
        match self {
            LegalBasis::Art14StateSecret => "条例第十四条：国家秘密",
            LegalBasis::Art14BarredByLaw => "条例第十四条：法律、行政法规禁止公开",
            LegalBasis::Art14SecurityStability => {
                "条例第十四条：危及国家安全、公共安全、经济安全、社会稳定"
            }
            LegalBasis::Art15TradeSecretPrivacy => "条例第十五条：商业秘密、个人隐私",
            LegalBasis::Art16InternalAffairs => "条例第十六条：内部事务信息",
            LegalBasis::Art16ProcessInformation => "条例第十六条：过程性信息",
            LegalBasis::Art16EnforcementFiles => "条例第十六条：行政执法案卷信息",
        }
    }
}

/// The openness office's review of a non-proactive attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpennessReview {
    /// Who reviewed (a user id).
    pub reviewer: String,
    /// When, as RFC 3339.
    pub reviewed_at: String,
    /// Whether the office agreed with the proposed attribute.
    pub approved: bool,
    /// The office's comment.
    #[serde(default)]
    pub comment: String,
}

/// Disclosure attribute, legal basis and explanation, and the openness office's review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Disclosure {
    /// The proposed attribute; `None` until the drafter sets it.
    #[serde(default)]
    pub attribute: Option<DisclosureAttribute>,
    /// Legal grounds, required unless proactive.
    #[serde(default)]
    pub legal_basis: Vec<LegalBasis>,
    /// Written explanation, required unless proactive.
    #[serde(default)]
    pub explanation: String,
    /// The openness office's review, required before sign-off unless proactive.
    #[serde(default)]
    pub review: Option<OpennessReview>,
}
