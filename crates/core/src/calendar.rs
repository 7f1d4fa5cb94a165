//! China's working-day calendar: weekends, the official holidays (放假) and the make-up working
//! days (调休上班) of the State Council General Office's notice for each year.
//!
//! Deadlines count working days on it. A year with no notice loaded is an error
//! ([`CalendarError::YearMissing`]), never a guess: the notice moves days every year.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

/// The years shipped with Jiedu, as `resources/calendar/<year>.json`.
const BUNDLED: &[(&str, &str)] = &[
    (
        "2024.json",
        include_str!("../../../resources/calendar/2024.json"),
    ),
    (
        "2025.json",
        include_str!("../../../resources/calendar/2025.json"),
    ),
    (
        "2026.json",
        include_str!("../../../resources/calendar/2026.json"),
    ),
];

/// A run of days off, from the notice, e.g. 春节 2025-01-28 to 2025-02-04.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Holiday {
    /// The holiday's name, e.g. 春节.
    pub name: String,
    /// First day off.
    pub from: NaiveDate,
    /// Last day off, inclusive.
    pub to: NaiveDate,
}

/// A weekend day that is worked in exchange for a holiday (调休上班).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MakeUpDay {
    /// The Saturday or Sunday worked.
    pub date: NaiveDate,
    /// The holiday it makes up for.
    #[serde(rename = "for", default)]
    pub for_holiday: String,
}

/// One year of the calendar, as the notice gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CalendarYear {
    /// The year.
    pub year: i32,
    /// The notice, e.g. 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）.
    pub source: String,
    /// Where the notice is published.
    #[serde(default)]
    pub source_url: String,
    /// When the notice was issued.
    #[serde(default)]
    pub published_on: Option<NaiveDate>,
    /// The days off, in order.
    pub holidays: Vec<Holiday>,
    /// The make-up working days.
    #[serde(default)]
    pub workdays: Vec<MakeUpDay>,
}

/// Why a calendar year or a working-day question could not be answered.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    /// The year's notice has not been loaded.
    #[error("{year} 年的节假日安排尚未导入（国务院办公厅通知发布后由管理员导入：jiedu calendar import）\nThe {year} holiday calendar is not loaded; an admin imports the State Council notice with jiedu calendar import.")]
    YearMissing {
        /// The year.
        year: i32,
    },
    /// A calendar file does not read as a year.
    #[error("日历文件 {file} 无法读取：{detail}\nCalendar file {file} does not parse: {detail}")]
    Unreadable {
        /// The file.
        file: String,
        /// What the parser said.
        detail: String,
    },
    /// A calendar year is inconsistent.
    #[error("{year} 年日历的 {field} 有误：{detail}\nThe {year} calendar's {field} is wrong.")]
    Invalid {
        /// The year.
        year: i32,
        /// The field, e.g. `workdays[1].date`.
        field: String,
        /// What is wrong, in both languages.
        detail: String,
    },
}

impl CalendarYear {
    /// Parses and checks a year from its JSON; `file` names it in errors.
    pub fn from_json(file: &str, text: &str) -> Result<CalendarYear, CalendarError> {
        let year: CalendarYear =
            serde_json::from_str(text).map_err(|e| CalendarError::Unreadable {
                file: file.to_string(),
                detail: e.to_string(),
            })?;
        year.validate()?;
        Ok(year)
    }

    /// Checks that the notice is coherent: ranges in order and touching the year, make-up days
    /// on weekends and inside the year, no day both off and worked.
    pub fn validate(&self) -> Result<(), CalendarError> {
        let invalid = |field: String, detail: String| CalendarError::Invalid {
            year: self.year,
            field,
            detail,
        };
        if !(2000..=2100).contains(&self.year) {
            return Err(invalid(
                "year".into(),
                "应在 2000 至 2100 之间 / must be between 2000 and 2100".into(),
            ));
        }
        if self.source.trim().is_empty() {
            return Err(invalid(
                "source".into(),
                "须注明通知名称和文号 / name the notice and its number".into(),
            ));
        }
        if self.holidays.is_empty() {
            return Err(invalid(
                "holidays".into(),
                "没有放假安排 / no days off listed".into(),
            ));
        }
        for (i, h) in self.holidays.iter().enumerate() {
            if h.to < h.from {
                return Err(invalid(
                    format!("holidays[{i}].to"),
                    format!("{} 早于 {} / ends before it starts", h.to, h.from),
                ));
            }
            // 元旦 may start in the year before (2024: 2023-12-30 to 2024-01-01).
            if h.to.year() != self.year || (h.to - h.from).num_days() > 15 {
                return Err(invalid(
                    format!("holidays[{i}]"),
                    format!(
                        "{}至{} 不属于 {} 年 / {} to {} is not in {}",
                        h.from, h.to, self.year, h.from, h.to, self.year
                    ),
                ));
            }
        }
        for (i, w) in self.workdays.iter().enumerate() {
            if w.date.year() != self.year {
                return Err(invalid(
                    format!("workdays[{i}].date"),
                    format!("{} 不在 {} 年 / not in {}", w.date, self.year, self.year),
                ));
            }
            if !is_weekend(w.date) {
                return Err(invalid(
                    format!("workdays[{i}].date"),
                    format!(
                        "{} 不是周末，无需调休 / {} is not a Saturday or Sunday",
                        w.date, w.date
                    ),
                ));
            }
            if self
                .holidays
                .iter()
                .any(|h| h.from <= w.date && w.date <= h.to)
            {
                return Err(invalid(
                    format!("workdays[{i}].date"),
                    format!("{} 同时是放假日 / {} is also a day off", w.date, w.date),
                ));
            }
        }
        Ok(())
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The working-day calendar: the years loaded, each from its notice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkCalendar {
    years: BTreeMap<i32, CalendarYear>,
    off: BTreeSet<NaiveDate>,
    worked: BTreeSet<NaiveDate>,
}

/// The longest run of days off the search for a working day walks through before giving up;
/// no notice has ever given more than nine days in a row.
const MAX_DAYS_OFF: u32 = 40;

impl WorkCalendar {
    /// The years shipped with Jiedu (`resources/calendar/`).
    pub fn bundled() -> WorkCalendar {
        let mut calendar = WorkCalendar::default();
        for (file, text) in BUNDLED {
            // The bundled files are checked by a test; a broken one is a build defect.
            if let Ok(year) = CalendarYear::from_json(file, text) {
                calendar.insert(year);
            }
        }
        calendar
    }

    /// The bundled years, then `extra` (imported by an admin), which replace bundled ones.
    pub fn with_years(extra: impl IntoIterator<Item = CalendarYear>) -> WorkCalendar {
        let mut calendar = WorkCalendar::bundled();
        for year in extra {
            calendar.insert(year);
        }
        calendar
    }

    /// Adds or replaces a year.
    pub fn insert(&mut self, year: CalendarYear) {
        self.years.insert(year.year, year);
        self.off.clear();
        self.worked.clear();
        for y in self.years.values() {
            for h in &y.holidays {
                self.off
                    .extend(h.from.iter_days().take_while(|day| *day <= h.to));
            }
            self.worked.extend(y.workdays.iter().map(|w| w.date));
        }
    }

    /// The years loaded, in order.
    pub fn years(&self) -> impl Iterator<Item = &CalendarYear> {
        self.years.values()
    }

    /// The year's notice, when loaded.
    pub fn year(&self, year: i32) -> Option<&CalendarYear> {
        self.years.get(&year)
    }

    /// Whether `date` is a working day; an error when its year is not loaded.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        if !self.years.contains_key(&date.year()) {
            return Err(CalendarError::YearMissing { year: date.year() });
        }
        if self.worked.contains(&date) {
            return Ok(true);
        }
        Ok(!is_weekend(date) && !self.off.contains(&date))
    }

    /// The holiday `date` falls in, if any.
    pub fn holiday_on(&self, date: NaiveDate) -> Option<&Holiday> {
        self.years
            .values()
            .flat_map(|y| &y.holidays)
            .find(|h| h.from <= date && date <= h.to)
    }

    /// The `n`th working day after `date` (`n = 0`: `date` itself when it is a working day,
    /// else the next one). "Within 20 working days of X" ends on `add_working_days(X, 20)`.
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let mut day = date;
        if n == 0 {
            return self.next_working_day_from(day);
        }
        let mut left = n;
        while left > 0 {
            day = next_day(day)?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// `date` when it is a working day, else the first working day after it.
    pub fn next_working_day_from(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let mut day = date;
        for _ in 0..MAX_DAYS_OFF {
            if self.is_working_day(day)? {
                return Ok(day);
            }
            day = next_day(day)?;
        }
        Err(CalendarError::Invalid {
            year: date.year(),
            field: "holidays".into(),
            detail: format!(
                "{date} 之后 {MAX_DAYS_OFF} 天内没有工作日 / no working day within {MAX_DAYS_OFF} days of {date}"
            ),
        })
    }

    /// Working days after `from` up to and including `to` (0 when `to <= from`).
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<u32, CalendarError> {
        let mut count = 0;
        let mut day = from;
        while day < to {
            day = next_day(day)?;
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(count)
    }
}

fn next_day(d: NaiveDate) -> Result<NaiveDate, CalendarError> {
    d.succ_opt()
        .ok_or(CalendarError::YearMissing { year: d.year() + 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn every_bundled_file_parses_and_is_coherent() {
        for (file, text) in BUNDLED {
            CalendarYear::from_json(file, text).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
        let cal = WorkCalendar::bundled();
        assert_eq!(
            cal.years().map(|y| y.year).collect::<Vec<_>>(),
            vec![2024, 2025, 2026]
        );
    }

    #[test]
    fn spring_festival_2025_and_its_make_up_days() {
        let cal = WorkCalendar::bundled();
        // Sunday 26 January and Saturday 8 February 2025 are worked; 28 Jan – 4 Feb are off.
        assert!(cal.is_working_day(d(2025, 1, 26)).expect("2025"));
        assert!(cal.is_working_day(d(2025, 2, 8)).expect("2025"));
        for day in 28..=31 {
            assert!(!cal.is_working_day(d(2025, 1, day)).expect("2025"));
        }
        assert!(!cal.is_working_day(d(2025, 2, 4)).expect("2025"));
        assert!(cal.is_working_day(d(2025, 2, 5)).expect("2025"));
        // From Friday 24 January: Sun 26 and Mon 27 are the 1st and 2nd working days, the 3rd
        // is Wednesday 5 February, after the holiday.
        assert_eq!(cal.add_working_days(d(2025, 1, 24), 2), Ok(d(2025, 1, 27)));
        assert_eq!(cal.add_working_days(d(2025, 1, 24), 3), Ok(d(2025, 2, 5)));
        assert_eq!(
            cal.working_days_between(d(2025, 1, 24), d(2025, 2, 8)),
            Ok(6)
        );
    }

    #[test]
    fn national_day_2026_and_its_make_up_saturday() {
        let cal = WorkCalendar::bundled();
        // 2026: off 1–7 October; Sunday 20 September and Saturday 10 October are worked.
        assert!(cal.is_working_day(d(2026, 9, 20)).expect("2026"));
        assert!(cal.is_working_day(d(2026, 10, 10)).expect("2026"));
        assert!(!cal.is_working_day(d(2026, 10, 7)).expect("2026"));
        assert!(!cal.is_working_day(d(2026, 10, 11)).expect("2026"));
        // From Wednesday 30 September: 8 Oct (Thu), 9 Oct (Fri), 10 Oct (Sat, worked).
        assert_eq!(cal.add_working_days(d(2026, 9, 30), 1), Ok(d(2026, 10, 8)));
        assert_eq!(cal.add_working_days(d(2026, 9, 30), 3), Ok(d(2026, 10, 10)));
        assert_eq!(cal.add_working_days(d(2026, 9, 30), 4), Ok(d(2026, 10, 12)));
        assert_eq!(
            cal.holiday_on(d(2026, 10, 3)).map(|h| h.name.as_str()),
            Some("国庆节")
        );
    }

    #[test]
    fn twenty_working_days_across_the_2024_national_day() {
        let cal = WorkCalendar::bundled();
        // 2024: off 1–7 October, Sunday 29 September and Saturday 12 October worked.
        assert!(cal.is_working_day(d(2024, 9, 29)).expect("2024"));
        assert!(cal.is_working_day(d(2024, 10, 12)).expect("2024"));
        let due = cal.add_working_days(d(2024, 9, 20), 20).expect("2024");
        assert_eq!(cal.working_days_between(d(2024, 9, 20), due), Ok(20));
        assert_eq!(due, d(2024, 10, 23));
    }

    #[test]
    fn a_year_without_a_notice_is_an_error_not_a_guess() {
        let cal = WorkCalendar::bundled();
        assert_eq!(
            cal.is_working_day(d(2027, 3, 1)),
            Err(CalendarError::YearMissing { year: 2027 })
        );
        // The end of 2026 runs into 2027, which is not loaded.
        assert_eq!(
            cal.add_working_days(d(2026, 12, 28), 5),
            Err(CalendarError::YearMissing { year: 2027 })
        );
        let message = CalendarError::YearMissing { year: 2027 }.to_string();
        assert!(message.contains("2027 年的节假日安排尚未导入"), "{message}");
    }

    #[test]
    fn an_imported_year_is_checked_and_then_counts() {
        let good = r#"{"year": 2027, "source": "测试通知", "holidays": [
            {"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"}],
            "workdays": [{"date": "2027-01-09", "for": "元旦"}]}"#;
        let year = CalendarYear::from_json("2027.json", good).expect("valid");
        let cal = WorkCalendar::with_years([year]);
        assert!(!cal.is_working_day(d(2027, 1, 1)).expect("loaded"));
        assert!(cal.is_working_day(d(2027, 1, 9)).expect("loaded"));

        let weekday_worked = good.replace("2027-01-09", "2027-01-08");
        let err = CalendarYear::from_json("2027.json", &weekday_worked).expect_err("Friday");
        assert!(err.to_string().contains("workdays[0].date"), "{err}");
        let garbage = CalendarYear::from_json("x.json", "{").expect_err("garbage");
        assert!(garbage.to_string().contains("x.json"), "{garbage}");
    }
}
