//! Release time and embargo (禁发时间), shown in Beijing time as press offices write it.

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Utc};

/// `time` in Beijing time, the zone every date in a kit is shown in.
pub(crate) fn beijing(time: DateTime<Utc>) -> DateTime<FixedOffset> {
    jiedu_core::deadlines::china_time(time)
}

/// The embargo end: the release time, while it is still ahead of `now`.
pub(crate) fn embargo_until(
    now: DateTime<Utc>,
    release_at: Option<DateTime<Utc>>,
) -> Option<DateTime<Utc>> {
    release_at.filter(|release| now < *release)
}

/// `2026年12月1日`.
pub(crate) fn date_zh(time: DateTime<Utc>) -> String {
    let t = beijing(time);
    format!("{}年{}月{}日", t.year(), t.month(), t.day())
}

/// `2026年12月1日 10:00`.
pub(crate) fn time_zh(time: DateTime<Utc>) -> String {
    let t = beijing(time);
    format!("{} {:02}:{:02}", date_zh(time), t.hour(), t.minute())
}

/// `2026-12-01 10:00`.
fn time_en(time: DateTime<Utc>) -> String {
    beijing(time).format("%Y-%m-%d %H:%M").to_string()
}

/// The Chinese half of the notice: `禁发时间：2026年12月1日 10:00（北京时间）前不得发布`.
pub(crate) fn notice_zh(until: DateTime<Utc>) -> String {
    format!("禁发时间：{}（北京时间）前不得发布", time_zh(until))
}

/// The English half of the notice.
pub(crate) fn notice_en(until: DateTime<Utc>) -> String {
    format!("EMBARGOED until {} Beijing time (UTC+8)", time_en(until))
}

/// The whole notice on one line, Chinese first.
pub(crate) fn notice(until: DateTime<Utc>) -> String {
    format!("{} {}", notice_zh(until), notice_en(until))
}

/// The release time as a press release states it.
pub(crate) fn release_line(release_at: Option<DateTime<Utc>>) -> String {
    match release_at {
        Some(t) => format!("发布时间：{}（北京时间）", time_zh(t)),
        None => "发布时间：与政策文件同步发布（具体时间待定）".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_are_shown_in_beijing_time() {
        // 02:00 UTC is 10:00 in Beijing.
        let t = Utc
            .with_ymd_and_hms(2026, 12, 1, 2, 0, 0)
            .single()
            .expect("time");
        assert_eq!(
            notice(t),
            "禁发时间：2026年12月1日 10:00（北京时间）前不得发布 EMBARGOED until 2026-12-01 10:00 Beijing time (UTC+8)"
        );
        // 20:00 UTC is already the next day.
        let late = Utc
            .with_ymd_and_hms(2026, 12, 1, 20, 5, 0)
            .single()
            .expect("time");
        assert_eq!(date_zh(late), "2026年12月2日");
    }

    #[test]
    fn the_embargo_lasts_until_the_release_time() {
        let release = Utc.timestamp_opt(1_800_000_000, 0).single().expect("time");
        let before = release - chrono::Duration::minutes(1);
        assert_eq!(embargo_until(before, Some(release)), Some(release));
        assert_eq!(embargo_until(release, Some(release)), None);
        assert_eq!(embargo_until(before, None), None);
    }
}
