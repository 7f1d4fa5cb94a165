//! Interpretation materials: text interpretation, charts, Q&A, press lines, images, audio, video.

use crate::chart::ChartSpec;
use crate::media::{MediaKind, MediaRef};
use serde::{Deserialize, Serialize};

/// Everything that interprets the policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Materials {
    /// The text interpretation (文字解读).
    #[serde(default)]
    pub text: Option<TextInterpretation>,
    /// Charts (图表图解).
    #[serde(default)]
    pub charts: Vec<ChartSpec>,
    /// Questions and answers (问答).
    #[serde(default)]
    pub qa: Vec<QaPair>,
    /// Internal press lines (口径), never published.
    #[serde(default)]
    pub press_lines: Vec<String>,
    /// Images, audio and video (图片与音视频). The JSON key stays `images`, the name it had
    /// before audio and video came in, so the content hashes of stored packs do not change.
    #[serde(default, rename = "images")]
    pub media: Vec<MediaRef>,
}

/// The text interpretation: a title and topical sections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TextInterpretation {
    /// Title, e.g. 《关于全面推进政务公开工作的实施意见》解读.
    pub title: String,
    /// Sections.
    #[serde(default)]
    pub sections: Vec<InterpSection>,
}

/// One section of the text interpretation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InterpSection {
    /// What the section covers.
    pub topic: InterpTopic,
    /// Heading as printed.
    pub heading: String,
    /// Paragraphs.
    #[serde(default)]
    pub paragraphs: Vec<String>,
}

/// The topics of a text interpretation (DOMAIN.md, "Interpretation materials").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InterpTopic {
    /// 背景依据.
    Background,
    /// 目标任务.
    Goals,
    /// 主要内容.
    MainContent,
    /// 适用范围.
    Scope,
    /// 执行标准.
    Standards,
    /// 注意事项.
    Cautions,
    /// 关键词.
    KeyTerms,
    /// 惠民举措.
    Benefits,
    /// 新旧政策差异.
    Differences,
    /// Anything else.
    Other,
}

/// Who a Q&A pair is written for; it decides the expected pattern of questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum QaAudience {
    /// Official pattern: why → overall approach → key changes → implementation.
    #[default]
    Official,
    /// For citizens: who is eligible → how to apply → how much → when.
    Citizen,
}

/// One question and its answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QaPair {
    /// Stable id within the pack (comments attach to it).
    pub id: String,
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: String,
    /// The intended audience.
    #[serde(default)]
    pub audience: QaAudience,
}

impl Materials {
    /// The media of one kind, in the order the interpreters placed them.
    pub fn media_of(&self, kind: MediaKind) -> impl Iterator<Item = &MediaRef> {
        self.media.iter().filter(move |m| m.kind() == kind)
    }

    /// Whether any file of `kind` is in the materials.
    pub fn has_media(&self, kind: MediaKind) -> bool {
        self.media_of(kind).next().is_some()
    }
}
