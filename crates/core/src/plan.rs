//! The interpretation plan (解读方案): who interprets, how, where and when.

use serde::{Deserialize, Serialize};

/// The interpretation plan that travels with the policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InterpretationPlan {
    /// Interpreting unit (解读单位); by 谁起草、谁解读 it must be the drafting unit.
    #[serde(default)]
    pub interpreting_unit: String,
    /// First interpreter and responsible person (第一解读人和责任人): the unit's head.
    #[serde(default)]
    pub first_interpreter: String,
    /// Outline (解读提纲).
    #[serde(default)]
    pub outline: Vec<String>,
    /// Forms of interpretation planned.
    #[serde(default)]
    pub forms: Vec<InterpretationForm>,
    /// Release channels.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// When the interpretation is released relative to the policy.
    #[serde(default)]
    pub timing: ReleaseTiming,
    /// Key points to get across.
    #[serde(default)]
    pub key_points: Vec<String>,
    /// Anticipated public concerns (舆情预判) with the agreed lines (口径).
    #[serde(default)]
    pub concerns: Vec<Concern>,
    /// Planned press events (发布会、吹风会、访谈…).
    #[serde(default)]
    pub press_events: Vec<PressEvent>,
    /// Planned release date (计划发布日期), the pack's deadline. Omitted when unset, so content
    /// hashes signed before the field existed still verify.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_due_on: Option<chrono::NaiveDate>,
}

/// A form of interpretation (解读形式).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum InterpretationForm {
    /// 文字解读.
    Text,
    /// 图表图解 / 一图读懂.
    Chart,
    /// 问答.
    Qa,
    /// 音视频.
    AudioVideo,
    /// 新闻发布会.
    PressConference,
    /// 政策吹风会.
    Briefing,
    /// 访谈.
    Interview,
    /// 署名文章.
    SignedArticle,
}

impl InterpretationForm {
    /// Whether this form is a press event, which a major policy must plan.
    pub fn is_press_event(self) -> bool {
        matches!(
            self,
            InterpretationForm::PressConference
                | InterpretationForm::Briefing
                | InterpretationForm::Interview
        )
    }

    /// The Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            InterpretationForm::Text => "文字解读",
            InterpretationForm::Chart => "图表图解",
            InterpretationForm::Qa => "问答",
            InterpretationForm::AudioVideo => "音视频",
            InterpretationForm::PressConference => "新闻发布会",
            InterpretationForm::Briefing => "政策吹风会",
            InterpretationForm::Interview => "访谈",
            InterpretationForm::SignedArticle => "署名文章",
        }
    }
}

/// A release channel (发布渠道).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 门户网站.
    Portal,
    /// 微博.
    Weibo,
    /// 微信.
    Wechat,
    /// 客户端.
    App,
    /// 报刊.
    Newspaper,
    /// 政府公报.
    Gazette,
}

impl Channel {
    /// Every channel, in display order.
    pub const ALL: [Channel; 6] = [
        Channel::Portal,
        Channel::Weibo,
        Channel::Wechat,
        Channel::App,
        Channel::Newspaper,
        Channel::Gazette,
    ];

    /// The Chinese label, also accepted on the command line.
    pub fn label_zh(self) -> &'static str {
        match self {
            Channel::Portal => "门户网站",
            Channel::Weibo => "微博",
            Channel::Wechat => "微信",
            Channel::App => "客户端",
            Channel::Newspaper => "报刊",
            Channel::Gazette => "公报",
        }
    }

    /// Parses a Chinese label or the snake_case id.
    pub fn parse(s: &str) -> Option<Channel> {
        let s = s.trim();
        Channel::ALL.into_iter().find(|c| {
            c.label_zh() == s
                || serde_json::to_value(c)
                    .ok()
                    .and_then(|v| v.as_str().map(|x| x == s))
                    == Some(true)
        })
    }
}

/// When the interpretation is released relative to the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ReleaseTiming {
    /// Released together with the policy (the rule).
    #[default]
    WithPolicy,
    /// Released within some working days after it (local rules tolerate at most 3).
    WithinWorkingDays {
        /// Number of working days after the policy.
        days: u8,
    },
}

/// An anticipated public concern and the agreed line to answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Concern {
    /// The concern (舆情预判).
    pub concern: String,
    /// The agreed line (口径).
    pub line: String,
}

/// A planned press event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PressEvent {
    /// Which kind of event.
    pub form: InterpretationForm,
    /// Planned time, free text or RFC 3339.
    #[serde(default)]
    pub planned_at: String,
    /// Who speaks or hosts.
    #[serde(default)]
    pub speaker: String,
    /// Notes.
    #[serde(default)]
    pub note: String,
}
