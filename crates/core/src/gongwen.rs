//! The GB/T 9704-2012 elements of a 公文 beyond its title and body: the 版头 marks (份号, 密级,
//! 紧急程度, 签发人), the 文种, forwarding, the 版记 and the portal's 政府信息公开目录 metadata.
//!
//! Every element is optional where the standard makes it optional, and each is left out of the
//! pack's JSON when empty, so that content hashes of packs made before these fields existed stay
//! the same.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// 密级: the classification of a document that is not public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SecrecyLevel {
    /// 秘密.
    Secret,
    /// 机密.
    Confidential,
    /// 绝密.
    TopSecret,
}

impl SecrecyLevel {
    /// The mark as printed.
    pub fn label_zh(self) -> &'static str {
        match self {
            SecrecyLevel::Secret => "秘密",
            SecrecyLevel::Confidential => "机密",
            SecrecyLevel::TopSecret => "绝密",
        }
    }

    /// Reads a printed mark.
    pub fn from_zh(text: &str) -> Option<SecrecyLevel> {
        [
            SecrecyLevel::Secret,
            SecrecyLevel::Confidential,
            SecrecyLevel::TopSecret,
        ]
        .into_iter()
        .find(|l| l.label_zh() == text)
    }
}

/// 密级 and 保密期限, printed `机密★1年`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Secrecy {
    /// The classification.
    pub level: SecrecyLevel,
    /// 保密期限 as written, e.g. `1年`; empty when the standard term applies.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub term: String,
}

/// 紧急程度.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// 加急.
    Urgent,
    /// 特急.
    VeryUrgent,
}

impl Urgency {
    /// The mark as printed.
    pub fn label_zh(self) -> &'static str {
        match self {
            Urgency::Urgent => "加急",
            Urgency::VeryUrgent => "特急",
        }
    }

    /// Reads a printed mark.
    pub fn from_zh(text: &str) -> Option<Urgency> {
        [Urgency::Urgent, Urgency::VeryUrgent]
            .into_iter()
            .find(|u| u.label_zh() == text)
    }
}

/// The direction a document travels, which decides its required elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// 上行文, to a higher authority: needs 签发人.
    Upward,
    /// 下行文, to lower authorities: needs a 主送机关.
    Downward,
    /// 平行文, between authorities of the same rank.
    Parallel,
    /// Published to everyone (公告, 通告, 条例 …): no 主送机关.
    Public,
}

/// 文种: the kind of document, read from the end of its title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DocType {
    /// 决议.
    Resolution,
    /// 决定.
    Decision,
    /// 命令（令）.
    Order,
    /// 公报.
    Communique,
    /// 公告.
    Announcement,
    /// 通告.
    PublicNotice,
    /// 意见.
    Opinion,
    /// 通知.
    Notice,
    /// 通报.
    Bulletin,
    /// 报告.
    Report,
    /// 请示.
    Request,
    /// 批复.
    Reply,
    /// 议案.
    Motion,
    /// 函.
    Letter,
    /// 纪要.
    Minutes,
    /// 条例.
    Regulations,
    /// 规定.
    Provisions,
    /// 办法.
    Measures,
    /// 细则 or 实施细则.
    Rules,
    /// 方案.
    Programme,
    /// 规划 or 纲要.
    Plan,
}

impl DocType {
    /// Every kind, longest title ending first where endings overlap.
    pub const ALL: [DocType; 21] = [
        DocType::Resolution,
        DocType::Decision,
        DocType::Order,
        DocType::Communique,
        DocType::Announcement,
        DocType::PublicNotice,
        DocType::Opinion,
        DocType::Notice,
        DocType::Bulletin,
        DocType::Report,
        DocType::Request,
        DocType::Reply,
        DocType::Motion,
        DocType::Letter,
        DocType::Minutes,
        DocType::Regulations,
        DocType::Provisions,
        DocType::Measures,
        DocType::Rules,
        DocType::Programme,
        DocType::Plan,
    ];

    /// The name as printed at the end of a title.
    pub fn label_zh(self) -> &'static str {
        match self {
            DocType::Resolution => "决议",
            DocType::Decision => "决定",
            DocType::Order => "命令",
            DocType::Communique => "公报",
            DocType::Announcement => "公告",
            DocType::PublicNotice => "通告",
            DocType::Opinion => "意见",
            DocType::Notice => "通知",
            DocType::Bulletin => "通报",
            DocType::Report => "报告",
            DocType::Request => "请示",
            DocType::Reply => "批复",
            DocType::Motion => "议案",
            DocType::Letter => "函",
            DocType::Minutes => "纪要",
            DocType::Regulations => "条例",
            DocType::Provisions => "规定",
            DocType::Measures => "办法",
            DocType::Rules => "细则",
            DocType::Programme => "方案",
            DocType::Plan => "规划",
        }
    }

    /// The kind a title names by its last words (`…的通知` → 通知), in simplified or traditional
    /// characters.
    pub fn from_title(title: &str) -> Option<DocType> {
        let t = strip_trial_marker(title.trim_end());
        let ends = |s: &str| t.ends_with(s);
        let found = match () {
            _ if ends("通知") => DocType::Notice,
            _ if ends("意见") || ends("意見") => DocType::Opinion,
            _ if ends("决定") || ends("決定") => DocType::Decision,
            _ if ends("决议") || ends("決議") => DocType::Resolution,
            _ if ends("命令") || ends("令") => DocType::Order,
            _ if ends("公报") || ends("公報") => DocType::Communique,
            _ if ends("公告") => DocType::Announcement,
            _ if ends("通告") => DocType::PublicNotice,
            _ if ends("通报") || ends("通報") => DocType::Bulletin,
            _ if ends("报告") || ends("報告") => DocType::Report,
            _ if ends("请示") || ends("請示") => DocType::Request,
            _ if ends("批复") || ends("批復") => DocType::Reply,
            _ if ends("议案") || ends("議案") => DocType::Motion,
            _ if ends("纪要") || ends("紀要") => DocType::Minutes,
            _ if ends("函") => DocType::Letter,
            _ if ends("条例") || ends("條例") => DocType::Regulations,
            _ if ends("规定") || ends("規定") => DocType::Provisions,
            _ if ends("办法") || ends("辦法") => DocType::Measures,
            _ if ends("细则") || ends("細則") => DocType::Rules,
            _ if ends("方案") => DocType::Programme,
            _ if ends("规划") || ends("規劃") || ends("纲要") || ends("綱要") => {
                DocType::Plan
            }
            _ => return None,
        };
        Some(found)
    }

    /// The usual direction of this kind of document.
    pub fn direction(self) -> Direction {
        match self {
            DocType::Report | DocType::Request | DocType::Motion => Direction::Upward,
            DocType::Letter => Direction::Parallel,
            DocType::Opinion | DocType::Notice | DocType::Bulletin | DocType::Reply => {
                Direction::Downward
            }
            DocType::Resolution
            | DocType::Decision
            | DocType::Order
            | DocType::Communique
            | DocType::Announcement
            | DocType::PublicNotice
            | DocType::Minutes
            | DocType::Regulations
            | DocType::Provisions
            | DocType::Measures
            | DocType::Rules
            | DocType::Programme
            | DocType::Plan => Direction::Public,
        }
    }
}

/// `（试行）`, `（暂行）` or `（修订稿）` after the kind do not change it.
fn strip_trial_marker(t: &str) -> &str {
    for word in [
        "试行",
        "暂行",
        "試行",
        "暫行",
        "修订",
        "修订稿",
        "草案",
        "征求意见稿",
    ] {
        for (open, close) in [("（", "）"), ("(", ")")] {
            if let Some(rest) = t.strip_suffix(close).and_then(|r| r.strip_suffix(word)) {
                if let Some(kind) = rest.strip_suffix(open) {
                    return kind;
                }
            }
        }
    }
    t
}

/// 关于 as web copies write it: simplified, traditional and the two mixed.
pub const ABOUT: [&str; 4] = ["关于", "關於", "關于", "关於"];

/// The verbs of a forwarding notice (印发, 转发, 批转), simplified and traditional.
pub const FORWARDING_VERBS: [&str; 6] = ["印发", "转发", "批转", "印發", "轉發", "批轉"];

/// How a notice carries another document (印发, 转发, 批转): that document is the notice's
/// first attachment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Forwarding {
    /// 印发: the authority's own document, issued with the notice.
    Issue,
    /// 转发: a document of a higher or parallel authority, passed on.
    Relay,
    /// 批转: a subordinate's document, approved and passed on.
    Approve,
}

impl Forwarding {
    /// The verb as written.
    pub fn label_zh(self) -> &'static str {
        match self {
            Forwarding::Issue => "印发",
            Forwarding::Relay => "转发",
            Forwarding::Approve => "批转",
        }
    }

    /// The forwarding a notice's title names: `关于印发…的通知`.
    /// `国务院批转X关于…的通知` names the verb before its 关于.
    pub fn from_title(title: &str) -> Option<Forwarding> {
        let at = ABOUT.iter().filter_map(|a| title.find(a)).min();
        // `瑞安市人民政府办公室转发X的通知` has no 关于.
        let (before, after) = match at {
            Some(at) => (&title[..at], &title[at + "关于".len()..]),
            None if title.ends_with("通知") => (title, ""),
            None => return None,
        };
        let verbs = [
            (Forwarding::Issue, ["印发", "印發"]),
            (Forwarding::Relay, ["转发", "轉發"]),
            (Forwarding::Approve, ["批转", "批轉"]),
        ];
        let after_about = verbs
            .iter()
            .find(|(_, words)| words.iter().any(|w| after.starts_with(w)));
        // 批转 first: `批转发展改革委` also contains 转发.
        let before_about = verbs
            .iter()
            .rev()
            .find(|(_, words)| words.iter().any(|w| before.contains(w)));
        after_about.or(before_about).map(|(f, _)| *f)
    }
}

/// 版记: the block at the foot of the last page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Colophon {
    /// 抄送机关, as written (without the `抄送：` label).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub copied_to: String,
    /// 印发机关, usually the authority's general office.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub printed_by: String,
    /// 印发日期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_on: Option<NaiveDate>,
}

impl Colophon {
    /// Whether nothing is set.
    pub fn is_empty(&self) -> bool {
        self.copied_to.is_empty() && self.printed_by.is_empty() && self.printed_on.is_none()
    }
}

/// 有效性 in the 政府信息公开目录.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Validity {
    /// 有效.
    Valid,
    /// 失效.
    Expired,
    /// 废止.
    Repealed,
}

impl Validity {
    /// The word as printed.
    pub fn label_zh(self) -> &'static str {
        match self {
            Validity::Valid => "有效",
            Validity::Expired => "失效",
            Validity::Repealed => "废止",
        }
    }

    /// Reads the printed word, simplified or traditional (`现行有效` is 有效).
    pub fn from_zh(text: &str) -> Option<Validity> {
        let t = text.trim();
        match t {
            _ if t.contains("废止") || t.contains("廢止") => Some(Validity::Repealed),
            _ if t.contains("失效") => Some(Validity::Expired),
            _ if t.contains("有效") => Some(Validity::Valid),
            _ => None,
        }
    }
}

/// The metadata a government portal's 政府信息公开目录 shows for the document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PortalMetadata {
    /// 索引号, e.g. `000014349/2020-00021`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub index_number: String,
    /// 主题分类, e.g. `综合政务\政务公开`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub subject: String,
    /// 发布日期.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_on: Option<NaiveDate>,
    /// 有效性.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub validity: Option<Validity>,
    /// 废止日期 (or the date it lapsed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repealed_on: Option<NaiveDate>,
}

impl PortalMetadata {
    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        self.index_number.is_empty()
            && self.subject.is_empty()
            && self.published_on.is_none()
            && self.validity.is_none()
            && self.repealed_on.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_comes_from_the_end_of_the_title() {
        let cases = [
            ("国务院关于印发X方案的通知", Some(DocType::Notice)),
            ("关于全面推进政务公开工作的意见", Some(DocType::Opinion)),
            (
                "省人民政府關於進一步優化營商環境的若干意見",
                Some(DocType::Opinion),
            ),
            ("政府信息公开条例", Some(DocType::Regulations)),
            ("X管理办法（试行）", Some(DocType::Measures)),
            ("关于印发《X程序(试行)》的通知", Some(DocType::Notice)),
            ("国务院关于同意X的批复", Some(DocType::Reply)),
            ("政务公开工作要点", None),
        ];
        for (title, want) in cases {
            assert_eq!(DocType::from_title(title), want, "{title}");
        }
        assert_eq!(DocType::Request.direction(), Direction::Upward);
        assert_eq!(DocType::Notice.direction(), Direction::Downward);
    }

    #[test]
    fn forwarding_is_read_from_the_title() {
        assert_eq!(
            Forwarding::from_title("国务院办公厅关于印发X方案的通知"),
            Some(Forwarding::Issue)
        );
        assert_eq!(
            Forwarding::from_title("省政府办公厅关于转发省发展改革委X意见的通知"),
            Some(Forwarding::Relay)
        );
        assert_eq!(
            Forwarding::from_title("国务院批转发展改革委关于X意见的通知"),
            Some(Forwarding::Approve)
        );
        assert_eq!(Forwarding::from_title("关于加强X的通知"), None);
        assert_eq!(
            Forwarding::from_title("瑞安市人民政府办公室转发X意见的通知"),
            Some(Forwarding::Relay)
        );
    }

    #[test]
    fn empty_groups_are_empty() {
        assert!(Colophon::default().is_empty());
        assert!(PortalMetadata::default().is_empty());
        assert_eq!(Validity::from_zh("现行有效"), Some(Validity::Valid));
    }
}
