//! The deadlines every pack runs against, counted on China's working-day calendar:
//! the interpretation with the policy or at most N working days later, proactive disclosure
//! within 20 working days of the 成文日期 (2019 Regulations, art. 26), and the plan's own
//! release date.

use crate::calendar::{CalendarError, WorkCalendar};
use crate::disclosure::DisclosureAttribute;
use crate::pack::Pack;
use crate::text::Bilingual;
use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};
use serde::{Deserialize, Serialize};

/// `at` in China Standard Time (UTC+8, no daylight saving).
pub fn china_time(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    // 8 hours is always a valid offset; UTC is the harmless fallback.
    let cst = FixedOffset::east_opt(8 * 3600).unwrap_or(Utc.fix());
    at.with_timezone(&cst)
}

/// The day of `at` in China Standard Time, in which every deadline's day is counted.
pub fn china_date(at: DateTime<Utc>) -> NaiveDate {
    china_time(at).date_naive()
}

/// The limits a unit works to; admins edit them in the unit's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DeadlineSettings {
    /// Working days the interpretation may follow the policy (local rules: at most 3).
    pub interpretation_lag_days: u32,
    /// Working days from the 成文日期 to proactive disclosure (条例 art. 26: 20).
    pub disclosure_days: u32,
}

impl Default for DeadlineSettings {
    fn default() -> Self {
        DeadlineSettings {
            interpretation_lag_days: 3,
            disclosure_days: 20,
        }
    }
}

/// Which deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// 解读发布: with the policy, or within N working days.
    Interpretation,
    /// 主动公开: within 20 working days of the 成文日期.
    Disclosure,
    /// 计划发布日期 of the plan.
    PlannedRelease,
}

impl DeadlineKind {
    /// Every kind, in the order shown.
    pub const ALL: [DeadlineKind; 3] = [
        DeadlineKind::PlannedRelease,
        DeadlineKind::Interpretation,
        DeadlineKind::Disclosure,
    ];

    /// The name shown.
    pub fn label(self) -> Bilingual {
        match self {
            DeadlineKind::Interpretation => {
                Bilingual::new("解读发布时限", "interpretation release")
            }
            DeadlineKind::Disclosure => Bilingual::new("主动公开时限", "proactive disclosure"),
            DeadlineKind::PlannedRelease => Bilingual::new("计划发布日期", "planned release"),
        }
    }
}

/// Where a deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DeadlineStatus {
    /// Done on or before the day.
    Met,
    /// Done, but after the day.
    Late,
    /// Not done and the day has passed (red).
    Overdue,
    /// Not done and due today or on the next working day (amber).
    DueSoon,
    /// Not done, more than one working day left.
    Open,
    /// Not yet running: what it counts from has not happened (the policy is not released).
    Waiting,
    /// Cannot be counted: a year of the calendar is missing (see `problem`).
    Unknown,
}

impl DeadlineStatus {
    /// Whether the deadline is still to be met.
    pub fn is_pending(self) -> bool {
        matches!(
            self,
            DeadlineStatus::Overdue | DeadlineStatus::DueSoon | DeadlineStatus::Open
        )
    }

    /// The word shown.
    pub fn label(self) -> Bilingual {
        match self {
            DeadlineStatus::Met => Bilingual::new("按时", "met"),
            DeadlineStatus::Late => Bilingual::new("逾期完成", "late"),
            DeadlineStatus::Overdue => Bilingual::new("已逾期", "overdue"),
            DeadlineStatus::DueSoon => Bilingual::new("即将到期", "due"),
            DeadlineStatus::Open => Bilingual::new("进行中", "open"),
            DeadlineStatus::Waiting => Bilingual::new("未起算", "not started"),
            DeadlineStatus::Unknown => Bilingual::new("无法计算", "cannot be counted"),
        }
    }
}

/// One deadline of one pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deadline {
    /// Which deadline.
    pub kind: DeadlineKind,
    /// Its name.
    pub label: Bilingual,
    /// The day it counts from (policy release, 成文日期), when known.
    pub from: Option<NaiveDate>,
    /// The last day allowed.
    pub due_on: Option<NaiveDate>,
    /// The day it was done, when done.
    pub done_on: Option<NaiveDate>,
    /// Where it stands on the day asked.
    pub status: DeadlineStatus,
    /// Working days left (negative: overdue by), when pending.
    pub working_days_left: Option<i64>,
    /// What the rule is and how the day was counted.
    pub rule: Bilingual,
    /// Why it cannot be counted, when `status` is unknown.
    pub problem: Option<String>,
}

/// A pack's deadlines on `today`, in [`DeadlineKind::ALL`] order; those that do not apply
/// (no planned date, a document not disclosed proactively) are left out.
pub fn pack_deadlines(
    pack: &Pack,
    calendar: &WorkCalendar,
    settings: &DeadlineSettings,
    today: NaiveDate,
) -> Vec<Deadline> {
    let policy = pack.policy();
    let deployed = pack.deployment.as_ref();
    let policy_released = deployed
        .map(|d| china_date(d.policy_released_at))
        .or(policy.portal.published_on);
    let interpretation_released = deployed.map(|d| china_date(d.interpretation_released_at));
    let mut out = Vec::new();
    for kind in DeadlineKind::ALL {
        let computed = match kind {
            DeadlineKind::PlannedRelease => {
                let Some(due) = pack.content.plan.as_ref().and_then(|p| p.release_due_on) else {
                    continue;
                };
                Some((
                    None,
                    Ok(due),
                    deployed.map(|d| china_date(d.policy_released_at)),
                    Bilingual::new(
                        format!("解读方案确定的计划发布日期：{due}"),
                        format!("the plan's release date: {due}"),
                    ),
                ))
            }
            DeadlineKind::Interpretation => {
                let n = settings.interpretation_lag_days;
                let rule = Bilingual::new(
                    format!("解读与政策同步发布，最迟不超过政策发布后 {n} 个工作日"),
                    format!("released with the policy, at most {n} working days after it"),
                );
                match policy_released {
                    None => Some((None, Err(None), None, rule)),
                    Some(from) => Some((
                        Some(from),
                        calendar.add_working_days(from, n).map_err(Some),
                        interpretation_released,
                        rule,
                    )),
                }
            }
            DeadlineKind::Disclosure => {
                if policy.disclosure.attribute != Some(DisclosureAttribute::Proactive) {
                    continue;
                }
                let n = settings.disclosure_days;
                let rule = Bilingual::new(
                    format!("主动公开的政府信息，自形成之日（成文日期）起 {n} 个工作日内公开（《政府信息公开条例》第二十六条）"),
                    format!("proactive disclosure within {n} working days of the date of writing (Regulations on Government Information Disclosure, art. 26)"),
                );
                match policy.written_on {
                    None => Some((None, Err(None), policy_released, rule)),
                    Some(from) => Some((
                        Some(from),
                        calendar.add_working_days(from, n).map_err(Some),
                        policy_released,
                        rule,
                    )),
                }
            }
        };
        let Some((from, due, done_on, rule)) = computed else {
            continue;
        };
        out.push(judge(kind, from, due, done_on, rule, calendar, today));
    }
    out
}

/// Decides a deadline's status from its day, what was done and today.
fn judge(
    kind: DeadlineKind,
    from: Option<NaiveDate>,
    due: Result<NaiveDate, Option<CalendarError>>,
    done_on: Option<NaiveDate>,
    rule: Bilingual,
    calendar: &WorkCalendar,
    today: NaiveDate,
) -> Deadline {
    let mut deadline = Deadline {
        kind,
        label: kind.label(),
        from,
        due_on: None,
        done_on,
        status: DeadlineStatus::Waiting,
        working_days_left: None,
        rule,
        problem: None,
    };
    let due = match due {
        Ok(due) => due,
        Err(None) => return deadline,
        Err(Some(e)) => {
            deadline.status = DeadlineStatus::Unknown;
            deadline.problem = Some(e.to_string());
            return deadline;
        }
    };
    deadline.due_on = Some(due);
    if let Some(done) = done_on {
        deadline.status = if done <= due {
            DeadlineStatus::Met
        } else {
            DeadlineStatus::Late
        };
        return deadline;
    }
    let left = if today <= due {
        calendar.working_days_between(today, due).map(i64::from)
    } else {
        calendar
            .working_days_between(due, today)
            .map(|n| -i64::from(n.max(1)))
    };
    match left {
        Ok(left) => {
            deadline.working_days_left = Some(left);
            deadline.status = if today > due {
                DeadlineStatus::Overdue
            } else if left <= 1 {
                DeadlineStatus::DueSoon
            } else {
                DeadlineStatus::Open
            };
        }
        Err(e) => {
            deadline.status = DeadlineStatus::Unknown;
            deadline.problem = Some(e.to_string());
        }
    }
    deadline
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{Deployment, PackContent};
    use crate::plan::InterpretationPlan;
    use chrono::TimeZone;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    fn pack(written_on: Option<NaiveDate>, due: Option<NaiveDate>) -> Pack {
        let mut content = PackContent::default();
        content.policy.written_on = written_on;
        content.policy.disclosure.attribute = Some(DisclosureAttribute::Proactive);
        content.plan = Some(InterpretationPlan {
            release_due_on: due,
            ..InterpretationPlan::default()
        });
        Pack {
            id: "p".into(),
            unit_id: "u".into(),
            state: Default::default(),
            revision: 1,
            content,
            signature: None,
            deployment: None,
        }
    }

    fn find(list: &[Deadline], kind: DeadlineKind) -> &Deadline {
        list.iter()
            .find(|d| d.kind == kind)
            .expect("deadline present")
    }

    #[test]
    fn disclosure_counts_twenty_working_days_over_the_spring_festival() {
        let cal = WorkCalendar::bundled();
        // Written Monday 20 January 2025; 春节 off 28 Jan – 4 Feb, Sun 26 Jan and Sat 8 Feb
        // worked. Working days: 21–24 (4), 26–27 (2), 5–8 Feb (4), 10–14 (5), 17–21 (5) = 20.
        let p = pack(Some(d(2025, 1, 20)), None);
        let list = pack_deadlines(&p, &cal, &DeadlineSettings::default(), d(2025, 2, 20));
        let disclosure = find(&list, DeadlineKind::Disclosure);
        assert_eq!(disclosure.due_on, Some(d(2025, 2, 21)));
        assert_eq!(disclosure.status, DeadlineStatus::DueSoon);
        assert_eq!(disclosure.working_days_left, Some(1));
        let later = pack_deadlines(&p, &cal, &DeadlineSettings::default(), d(2025, 2, 24));
        assert_eq!(
            find(&later, DeadlineKind::Disclosure).status,
            DeadlineStatus::Overdue
        );
        // The interpretation deadline waits for the policy's release.
        assert_eq!(
            find(&list, DeadlineKind::Interpretation).status,
            DeadlineStatus::Waiting
        );
    }

    #[test]
    fn the_interpretation_lag_runs_over_national_day_and_its_make_up_saturday() {
        let cal = WorkCalendar::bundled();
        let mut p = pack(Some(d(2026, 9, 1)), Some(d(2026, 9, 30)));
        // Released Wednesday 30 September 2026 at 10:00 CST; the interpretation on Saturday
        // 10 October, the third working day after (8, 9, 10 Oct): on time.
        let policy_at = Utc
            .with_ymd_and_hms(2026, 9, 30, 2, 0, 0)
            .single()
            .expect("time");
        let interp_at = Utc
            .with_ymd_and_hms(2026, 10, 10, 2, 0, 0)
            .single()
            .expect("time");
        p.deployment = Some(Deployment {
            deployed_by: "x".into(),
            policy_released_at: policy_at,
            interpretation_released_at: interp_at,
            channels: vec![],
            content_hash: p.content_hash(),
        });
        let list = pack_deadlines(&p, &cal, &DeadlineSettings::default(), d(2026, 10, 20));
        let interp = find(&list, DeadlineKind::Interpretation);
        assert_eq!(interp.due_on, Some(d(2026, 10, 10)));
        assert_eq!(interp.status, DeadlineStatus::Met);
        assert_eq!(
            find(&list, DeadlineKind::PlannedRelease).status,
            DeadlineStatus::Met
        );
        // One working day fewer allowed: 10 October is then late.
        let strict = DeadlineSettings {
            interpretation_lag_days: 2,
            ..DeadlineSettings::default()
        };
        let list = pack_deadlines(&p, &cal, &strict, d(2026, 10, 20));
        assert_eq!(
            find(&list, DeadlineKind::Interpretation).status,
            DeadlineStatus::Late
        );
    }

    #[test]
    fn a_planned_date_is_amber_the_working_day_before_and_red_after() {
        let cal = WorkCalendar::bundled();
        // Due Thursday 8 October 2026, the first working day after National Day.
        let p = pack(None, Some(d(2026, 10, 8)));
        let status = |today| {
            find(
                &pack_deadlines(&p, &cal, &DeadlineSettings::default(), today),
                DeadlineKind::PlannedRelease,
            )
            .status
        };
        assert_eq!(status(d(2026, 9, 29)), DeadlineStatus::Open);
        // On the last working day before the holiday, one working day is left.
        assert_eq!(status(d(2026, 9, 30)), DeadlineStatus::DueSoon);
        assert_eq!(status(d(2026, 10, 8)), DeadlineStatus::DueSoon);
        assert_eq!(status(d(2026, 10, 9)), DeadlineStatus::Overdue);
    }

    #[test]
    fn a_missing_year_makes_the_deadline_unknown_with_the_reason() {
        let cal = WorkCalendar::bundled();
        let p = pack(Some(d(2026, 12, 20)), None);
        let list = pack_deadlines(&p, &cal, &DeadlineSettings::default(), d(2026, 12, 21));
        let disclosure = find(&list, DeadlineKind::Disclosure);
        assert_eq!(disclosure.status, DeadlineStatus::Unknown);
        assert!(disclosure
            .problem
            .as_deref()
            .is_some_and(|p| p.contains("2027")));
    }

    #[test]
    fn release_days_are_counted_in_china_time() {
        // 17:00 UTC on 30 September is 01:00 on 1 October in Beijing.
        let at = Utc
            .with_ymd_and_hms(2026, 9, 30, 17, 0, 0)
            .single()
            .expect("time");
        assert_eq!(china_date(at), d(2026, 10, 1));
    }
}
