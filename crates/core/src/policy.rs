//! The policy document (政策文件) itself.

use crate::disclosure::Disclosure;
use crate::gongwen::{Colophon, DocType, Forwarding, PortalMetadata, Secrecy, Urgency};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A policy document as drafted: the text the leader signs together with its interpretation.
///
/// The fields after `attachments` are the rest of the GB/T 9704-2012 element set; each is left
/// out of the JSON when empty, so packs written before they existed keep their content hash.
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
    /// Attachments (附件); the 附件说明 lists their titles in this order.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// 文种, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<DocType>,
    /// How this notice carries its first attachment (印发, 转发, 批转), if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forwarding: Option<Forwarding>,
    /// 份号, six digits, for a document printed in numbered copies.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub copy_number: String,
    /// 密级 and 保密期限.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secrecy: Option<Secrecy>,
    /// 紧急程度.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// 发文机关标志 as printed in red, e.g. 国务院办公厅文件; empty means the authority's name.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub issuer_mark: String,
    /// The other authorities of a 联合行文, after the lead `issuing_authority`, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_issuers: Vec<String>,
    /// 签发人 (one or several), required on a 上行文.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sign_off_by: Vec<String>,
    /// 主送机关, as written, without the closing ：.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub addressee: String,
    /// 发文机关署名 as printed, one per authority; empty means the authorities' names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signed_names: Vec<String>,
    /// Whether the document is issued under the authorities' seal (加盖印章), which places the
    /// 署名 and 成文日期 differently (GB/T 9704 §7.3.5).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub sealed: bool,
    /// 附注, e.g. （此件公开发布） or a contact line, with its brackets.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub annotation: String,
    /// 版记: 抄送机关, 印发机关 and 印发日期.
    #[serde(default, skip_serializing_if = "Colophon::is_empty")]
    pub colophon: Colophon,
    /// The 政府信息公开目录 metadata, when known.
    #[serde(default, skip_serializing_if = "PortalMetadata::is_empty")]
    pub portal: PortalMetadata,
    /// Earlier packs' policies that this one amends or repeals (修改/废止); applied when this
    /// pack is deployed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supersedes: Vec<crate::publication::Supersession>,
}

impl Policy {
    /// The issuing authorities in order: the lead, then those of a 联合行文.
    pub fn authorities(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.issuing_authority.as_str())
            .filter(|a| !a.is_empty())
            .chain(self.co_issuers.iter().map(String::as_str))
    }

    /// The 文种: as set, else as the title names it.
    pub fn effective_doc_type(&self) -> Option<DocType> {
        self.doc_type.or_else(|| DocType::from_title(&self.title))
    }

    /// The GB/T 9704 elements that are set, in the standard's order, as (中文名, English name,
    /// value as printed): what `jiedu show`, the import preview and the review screen list.
    pub fn elements(&self) -> Vec<(&'static str, &'static str, String)> {
        let mut out = Vec::new();
        let mut push = |zh: &'static str, en: &'static str, value: String| {
            if !value.trim().is_empty() {
                out.push((zh, en, value));
            }
        };
        let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y年%-m月%-d日").to_string());
        push("份号", "copy number", self.copy_number.clone());
        push(
            "密级和保密期限",
            "classification",
            self.secrecy.as_ref().map_or(String::new(), |s| {
                if s.term.is_empty() {
                    s.level.label_zh().to_string()
                } else {
                    format!("{}★{}", s.level.label_zh(), s.term)
                }
            }),
        );
        push(
            "紧急程度",
            "urgency",
            self.urgency
                .map(|u| u.label_zh().to_string())
                .unwrap_or_default(),
        );
        push("发文机关标志", "issuer mark", self.issuer_mark.clone());
        push(
            "发文机关",
            "issuing authorities",
            self.authorities().collect::<Vec<_>>().join("、"),
        );
        push(
            "发文字号",
            "document number",
            self.doc_number.clone().unwrap_or_default(),
        );
        push("签发人", "signed off by", self.sign_off_by.join("、"));
        push("标题", "title", self.title.clone());
        push(
            "文种",
            "document type",
            self.effective_doc_type()
                .map(|t| t.label_zh().to_string())
                .unwrap_or_default(),
        );
        push("主送机关", "addressee", self.addressee.clone());
        push(
            "附件说明",
            "attachments",
            self.attachments
                .iter()
                .enumerate()
                .map(|(i, a)| format!("{}.{}", i + 1, a.title))
                .collect::<Vec<_>>()
                .join("；"),
        );
        push("发文机关署名", "signed names", self.signed_names.join("、"));
        push(
            "成文日期",
            "date of writing",
            date(self.written_on).unwrap_or_default(),
        );
        push("附注", "annotation", self.annotation.clone());
        push("抄送机关", "copied to", self.colophon.copied_to.clone());
        push("印发机关", "printed by", self.colophon.printed_by.clone());
        push(
            "印发日期",
            "printed on",
            date(self.colophon.printed_on).unwrap_or_default(),
        );
        push("索引号", "index number", self.portal.index_number.clone());
        push("主题分类", "subject", self.portal.subject.clone());
        push(
            "发布日期",
            "published on",
            date(self.portal.published_on).unwrap_or_default(),
        );
        push(
            "有效性",
            "validity",
            self.portal
                .validity
                .map(|v| v.label_zh().to_string())
                .unwrap_or_default(),
        );
        push(
            "废止日期",
            "repealed on",
            date(self.portal.repealed_on).unwrap_or_default(),
        );
        out
    }

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

/// The structural units of a policy: the four official heading levels of GB/T 9704 (`一、` /
/// `（一）` / `1.` / `（1）`), and the chapters, sections, articles and items of a regulation
/// (`第一章` / `第一节` / `第一条` / `（一）`).
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
    /// `第一章 总则`: a chapter of a regulation, centred in HeiTi.
    Chapter,
    /// `第一节 一般规定`: a section of a chapter, centred in KaiTi.
    Division,
    /// `第一条`: an article, a numbered unit whose number is set in HeiTi and whose text runs on.
    Article,
    /// `（一）` inside an article: an item of its list, set like body text.
    Item,
}

impl HeadingLevel {
    /// Whether this unit belongs to a regulation's structure rather than to a numbered outline.
    pub fn is_regulation(self) -> bool {
        matches!(
            self,
            HeadingLevel::Chapter
                | HeadingLevel::Division
                | HeadingLevel::Article
                | HeadingLevel::Item
        )
    }

    /// Depth for indentation and outlines: 0 for `一、` and `第一章`, and so on.
    pub fn depth(self) -> usize {
        match self {
            HeadingLevel::L1 | HeadingLevel::Chapter => 0,
            HeadingLevel::L2 | HeadingLevel::Division => 1,
            HeadingLevel::L3 | HeadingLevel::Article => 2,
            HeadingLevel::L4 | HeadingLevel::Item => 3,
        }
    }
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

/// An attachment (附件) of the policy: for a forwarding notice, the forwarded document itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attachment {
    /// Title of the attachment.
    pub title: String,
    /// Its text before any numbered unit, when it is text.
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// Its numbered units (headings, chapters, articles), in reading order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<Section>,
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
