//! Public concerns (社会关切, 舆情) and their response clocks: for a major incident,
//! authoritative information within 5 hours and a press conference within 24 hours; any other
//! concern answered within 48 hours. The clocks run in hours, holidays included.

use crate::text::Bilingual;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// How serious a concern is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ConcernSeverity {
    /// 特别重大 incident.
    ExtraordinarilyMajor,
    /// 重大 incident.
    Major,
    /// 其他社会关切.
    Other,
}

impl ConcernSeverity {
    /// Every severity, most serious first.
    pub const ALL: [ConcernSeverity; 3] = [
        ConcernSeverity::ExtraordinarilyMajor,
        ConcernSeverity::Major,
        ConcernSeverity::Other,
    ];

    /// The stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            ConcernSeverity::ExtraordinarilyMajor => "extraordinarily_major",
            ConcernSeverity::Major => "major",
            ConcernSeverity::Other => "other",
        }
    }

    /// Parses [`ConcernSeverity::as_str`] or the Chinese word.
    pub fn parse(text: &str) -> Option<ConcernSeverity> {
        let t = text.trim();
        ConcernSeverity::ALL
            .into_iter()
            .find(|s| s.as_str() == t || s.label_zh() == t)
    }

    /// The Chinese word.
    pub fn label_zh(self) -> &'static str {
        match self {
            ConcernSeverity::ExtraordinarilyMajor => "特别重大",
            ConcernSeverity::Major => "重大",
            ConcernSeverity::Other => "其他",
        }
    }

    /// Whether this is a major incident, with the 5-hour and 24-hour clocks.
    pub fn is_major(self) -> bool {
        self != ConcernSeverity::Other
    }
}

/// Which clock a response closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    /// 发布权威信息 (major incidents).
    AuthoritativeInfo,
    /// 举行新闻发布会 (major incidents).
    PressConference,
    /// 回应 (other concerns).
    Response,
}

impl ClockKind {
    /// Every kind.
    pub const ALL: [ClockKind; 3] = [
        ClockKind::AuthoritativeInfo,
        ClockKind::PressConference,
        ClockKind::Response,
    ];

    /// The stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            ClockKind::AuthoritativeInfo => "authoritative_info",
            ClockKind::PressConference => "press_conference",
            ClockKind::Response => "response",
        }
    }

    /// Parses [`ClockKind::as_str`].
    pub fn parse(text: &str) -> Option<ClockKind> {
        ClockKind::ALL
            .into_iter()
            .find(|k| k.as_str() == text.trim())
    }

    /// The name shown.
    pub fn label(self) -> Bilingual {
        match self {
            ClockKind::AuthoritativeInfo => {
                Bilingual::new("发布权威信息", "authoritative information")
            }
            ClockKind::PressConference => Bilingual::new("举行新闻发布会", "press conference"),
            ClockKind::Response => Bilingual::new("回应关切", "response"),
        }
    }
}

/// The hours each clock allows; admins edit them in the unit's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConcernSettings {
    /// Hours to authoritative information on a major incident (5).
    pub authoritative_info_hours: u32,
    /// Hours to a press conference on a major incident (24).
    pub press_conference_hours: u32,
    /// Hours to answer any other concern (48).
    pub response_hours: u32,
}

impl Default for ConcernSettings {
    fn default() -> Self {
        ConcernSettings {
            authoritative_info_hours: 5,
            press_conference_hours: 24,
            response_hours: 48,
        }
    }
}

/// A recorded response: what was said, where, when and by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConcernResponse {
    /// The clock it answers.
    pub clock: ClockKind,
    /// What was released or said.
    pub what: String,
    /// Where (channel, venue).
    #[serde(rename = "where")]
    pub venue: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Who responded (a user id).
    pub by: String,
}

/// A public concern, recorded by a press officer, on a pack or on none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PublicConcern {
    /// Stable id.
    pub id: String,
    /// The pack it concerns, if any.
    #[serde(default)]
    pub pack_id: Option<String>,
    /// The unit responsible.
    pub unit_id: String,
    /// What the concern is.
    pub what: String,
    /// When it started (the clocks run from here).
    pub started_at: DateTime<Utc>,
    /// How serious it is.
    pub severity: ConcernSeverity,
    /// Where it was seen (微博, 网民留言, 媒体报道…).
    pub source: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// Responses, in the order recorded.
    #[serde(default)]
    pub responses: Vec<ConcernResponse>,
}

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ClockStatus {
    /// Answered in time.
    Met,
    /// Answered after the time.
    Late,
    /// Running, within the time.
    Running,
    /// Not answered and past the time (red).
    Overdue,
}

/// One clock of a concern.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Clock {
    /// Which clock.
    pub kind: ClockKind,
    /// Its name.
    pub label: Bilingual,
    /// Hours allowed.
    pub hours: u32,
    /// The moment it runs out.
    pub due_at: DateTime<Utc>,
    /// The response that closed it, if any.
    pub answered_at: Option<DateTime<Utc>>,
    /// Where it stands at the time asked.
    pub status: ClockStatus,
    /// Minutes left (negative: overdue by), while unanswered.
    pub minutes_left: Option<i64>,
}

impl PublicConcern {
    /// The clocks this concern runs, at `now`.
    pub fn clocks(&self, settings: &ConcernSettings, now: DateTime<Utc>) -> Vec<Clock> {
        let kinds: &[(ClockKind, u32)] = if self.severity.is_major() {
            &[
                (
                    ClockKind::AuthoritativeInfo,
                    settings.authoritative_info_hours,
                ),
                (ClockKind::PressConference, settings.press_conference_hours),
            ]
        } else {
            &[(ClockKind::Response, settings.response_hours)]
        };
        kinds
            .iter()
            .map(|&(kind, hours)| {
                let due_at = self.started_at + Duration::hours(i64::from(hours));
                let answered_at = self
                    .responses
                    .iter()
                    .filter(|r| closes(r.clock, kind))
                    .map(|r| r.at)
                    .min();
                let (status, minutes_left) = match answered_at {
                    Some(at) if at <= due_at => (ClockStatus::Met, None),
                    Some(_) => (ClockStatus::Late, None),
                    None => {
                        let left = (due_at - now).num_minutes();
                        let status = if now > due_at {
                            ClockStatus::Overdue
                        } else {
                            ClockStatus::Running
                        };
                        (status, Some(left))
                    }
                };
                Clock {
                    kind,
                    label: kind.label(),
                    hours,
                    due_at,
                    answered_at,
                    status,
                    minutes_left,
                }
            })
            .collect()
    }

    /// Whether every clock has been answered.
    pub fn is_closed(&self, settings: &ConcernSettings) -> bool {
        self.clocks(settings, self.started_at)
            .iter()
            .all(|c| c.answered_at.is_some())
    }
}

/// A press conference also gives authoritative information; any response answers an ordinary
/// concern.
fn closes(response: ClockKind, clock: ClockKind) -> bool {
    response == clock
        || (response == ClockKind::PressConference && clock == ClockKind::AuthoritativeInfo)
        || clock == ClockKind::Response
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::WorkCalendar;
    use crate::deadlines::china_date;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
            .single()
            .expect("time")
    }

    fn concern(severity: ConcernSeverity, started_at: DateTime<Utc>) -> PublicConcern {
        PublicConcern {
            id: "c1".into(),
            pack_id: None,
            unit_id: "u".into(),
            what: "网传补贴取消".into(),
            started_at,
            severity,
            source: "微博".into(),
            recorded_by: "press".into(),
            responses: vec![],
        }
    }

    fn response(clock: ClockKind, at: DateTime<Utc>) -> ConcernResponse {
        ConcernResponse {
            clock,
            what: "发布权威信息".into(),
            venue: "政府网站".into(),
            at,
            by: "press".into(),
        }
    }

    #[test]
    fn a_major_incident_on_national_day_still_has_five_and_twenty_four_hours() {
        // 2 October 2026, 09:00 CST, is inside the National Day holiday: the clocks do not stop.
        let start = at(2026, 10, 2, 1);
        let cal = WorkCalendar::bundled();
        assert_eq!(cal.is_working_day(china_date(start)), Ok(false));
        let mut c = concern(ConcernSeverity::Major, start);
        let s = ConcernSettings::default();
        let clocks = c.clocks(&s, at(2026, 10, 2, 5));
        assert_eq!(clocks.len(), 2);
        assert_eq!(clocks[0].kind, ClockKind::AuthoritativeInfo);
        assert_eq!(clocks[0].due_at, at(2026, 10, 2, 6));
        assert_eq!(clocks[0].status, ClockStatus::Running);
        assert_eq!(clocks[0].minutes_left, Some(60));
        assert_eq!(clocks[1].due_at, at(2026, 10, 3, 1));

        // Six hours in, no information yet: red.
        let clocks = c.clocks(&s, at(2026, 10, 2, 7));
        assert_eq!(clocks[0].status, ClockStatus::Overdue);
        assert_eq!(clocks[0].minutes_left, Some(-60));

        // Information after 4 h closes the first clock; a press conference after 30 h is late.
        c.responses
            .push(response(ClockKind::AuthoritativeInfo, at(2026, 10, 2, 5)));
        c.responses
            .push(response(ClockKind::PressConference, at(2026, 10, 3, 7)));
        let clocks = c.clocks(&s, at(2026, 10, 4, 0));
        assert_eq!(clocks[0].status, ClockStatus::Met);
        assert_eq!(clocks[1].status, ClockStatus::Late);
        assert!(c.is_closed(&s));
    }

    #[test]
    fn a_press_conference_within_five_hours_answers_both_clocks() {
        let mut c = concern(ConcernSeverity::ExtraordinarilyMajor, at(2026, 5, 6, 0));
        c.responses
            .push(response(ClockKind::PressConference, at(2026, 5, 6, 4)));
        let clocks = c.clocks(&ConcernSettings::default(), at(2026, 5, 7, 0));
        assert!(clocks.iter().all(|k| k.status == ClockStatus::Met));
    }

    #[test]
    fn other_concerns_have_one_forty_eight_hour_clock_and_settings_change_it() {
        let c = concern(ConcernSeverity::Other, at(2026, 2, 16, 0));
        let clocks = c.clocks(&ConcernSettings::default(), at(2026, 2, 17, 0));
        assert_eq!(clocks.len(), 1);
        assert_eq!(clocks[0].due_at, at(2026, 2, 18, 0));
        let tight = ConcernSettings {
            response_hours: 12,
            ..ConcernSettings::default()
        };
        assert_eq!(
            c.clocks(&tight, at(2026, 2, 17, 0))[0].status,
            ClockStatus::Overdue
        );
        assert!(!c.is_closed(&tight));
        assert_eq!(ConcernSeverity::parse("重大"), Some(ConcernSeverity::Major));
    }
}
