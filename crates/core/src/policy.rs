//! The policy document (政策文件) itself.

use crate::disclosure::Disclosure;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A policy document as drafted: the text the leader signs together with its interpretation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Policy {
    /// Title, e.g. 关于全面推进政务公开工作的实施意见.
    pub title: String,
    /// 发文字号 as written; validated by [`crate::DocNumber::parse`] and the checklist.
    #[serde(default)]
    pub doc_number: Option<String>,
    /// Issuing authority (发文机关).
    #[serde(default)]
    pub issuing_authority: String,
    /// Name of the drafting unit (起草单位).
    #[serde(default)]
    pub drafting_unit: String,
    /// Name of the drafter (起草人).
    #[serde(default)]
    pub drafter: String,
    /// Date of writing (成文日期).
    #[serde(default)]
    pub written_on: Option<NaiveDate>,
    /// Disclosure attribute and its legal basis.
    #[serde(default)]
    pub disclosure: Disclosure,
    /// Ordinary or major (重大政策 needs stronger interpretation).
    #[serde(default)]
    pub importance: Importance,
    /// Information category.
    #[serde(default)]
    pub category: InfoCategory,
    /// Paragraphs before the first numbered heading (the 为贯彻落实… opening).
    #[serde(default)]
    pub preamble: Vec<String>,
    /// Numbered sections in reading order, each at one of the four official heading levels.
    #[serde(default)]
    pub sections: Vec<Section>,
    /// Attachments (附件).
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

impl Policy {
    /// Every paragraph of the policy body in reading order, headings included.
    pub fn body_text(&self) -> impl Iterator<Item = &str> {
        self.preamble
            .iter()
            .map(String::as_str)
            .chain(self.sections.iter().flat_map(|s| {
                std::iter::once(s.heading.as_str()).chain(s.paragraphs.iter().map(String::as_str))
            }))
    }
}

/// The four official heading levels of GB/T 9704: `一、` / `（一）` / `1.` / `（1）`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HeadingLevel {
    /// `一、`, set in HeiTi.
    L1,
    /// `（一）`, set in KaiTi.
    L2,
    /// `1.`, set in FangSong.
    L3,
    /// `（1）`, set in FangSong.
    L4,
}

/// One numbered section: its number, its heading (possibly sharing a line with its text) and body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Section {
    /// Heading level.
    pub level: HeadingLevel,
    /// The number as printed, e.g. `一、` or `（四）`.
    pub number: String,
    /// The heading text after the number, e.g. 推进决策公开。
    pub heading: String,
    /// Body paragraphs; for run-in headings such as `（四）推进决策公开。…` the first paragraph
    /// continues the heading's line.
    #[serde(default)]
    pub paragraphs: Vec<String>,
}

/// An attachment (附件) of the policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attachment {
    /// Title of the attachment.
    pub title: String,
    /// Its text, when it is text.
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// File name of a binary attachment (image, table file), if any.
    #[serde(default)]
    pub file_name: Option<String>,
}

/// Whether a policy is major (重大政策) and so needs stronger interpretation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Importance {
    /// An ordinary policy.
    #[default]
    Ordinary,
    /// A major policy: Q&A, a chart and a planned press event are required.
    Major,
}

/// The information category of the policy (DOMAIN.md, "Objects").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InfoCategory {
    /// 政策法规.
    #[default]
    PolicyRegulation,
    /// 规划.
    Plan,
    /// 行政许可.
    Licensing,
    /// 土地征收征用.
    LandExpropriation,
    /// 资源配置.
    ResourceAllocation,
    /// 执法督察.
    Enforcement,
    /// 灾害预警.
    HazardWarning,
    /// 标准.
    Standards,
    /// 统计数据.
    Statistics,
    /// 财政预决算.
    Budget,
    /// 其他.
    Other,
}

impl InfoCategory {
    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            InfoCategory::PolicyRegulation => "政策法规",
            InfoCategory::Plan => "规划计划",
            InfoCategory::Licensing => "行政许可",
            InfoCategory::LandExpropriation => "土地征收征用",
            InfoCategory::ResourceAllocation => "资源配置",
            InfoCategory::Enforcement => "执法督察",
            InfoCategory::HazardWarning => "灾害预报预警",
            InfoCategory::Standards => "标准规范",
            InfoCategory::Statistics => "统计数据",
            InfoCategory::Budget => "财政预决算",
            InfoCategory::Other => "其他",
        }
    }
}
