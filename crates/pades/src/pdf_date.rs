//! PDF date strings (ISO 32000-1 7.9.4), used for the signature's /M.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};

/// `D:YYYYMMDDHHmmSS+00'00'` for a UTC time.
pub(crate) fn format(t: DateTime<Utc>) -> String {
    format!("D:{}+00'00'", t.format("%Y%m%d%H%M%S"))
}

/// Parses `D:YYYY[MM[DD[HH[mm[SS[Z|+HH'mm'|-HH'mm']]]]]]`; `None` if it is not a valid date.
///
/// A missing offset is read as UTC; the standard leaves it unknown, and a guess is only used
/// to compare against certificate validity.
pub(crate) fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.strip_prefix("D:").unwrap_or(s);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits < 4 || digits % 2 != 0 || digits > 14 {
        return None;
    }
    let (stamp, zone) = s.split_at(digits);
    let field = |from: usize, default: u32| -> Option<u32> {
        match stamp.get(from..from + 2) {
            Some(two) => two.parse().ok(),
            None => Some(default),
        }
    };
    let year: i32 = stamp.get(0..4)?.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(year, field(4, 1)?, field(6, 1)?)?;
    let naive = date.and_hms_opt(field(8, 0)?, field(10, 0)?, field(12, 0)?)?;
    let offset_secs = parse_offset(zone)?;
    let local = FixedOffset::east_opt(offset_secs)?
        .from_local_datetime(&naive)
        .single()?;
    Some(local.with_timezone(&Utc))
}

fn parse_offset(zone: &str) -> Option<i32> {
    let sign = match zone.as_bytes().first() {
        None => return Some(0),
        Some(b'Z') => return Some(0),
        Some(b'+') => 1,
        Some(b'-') => -1,
        Some(_) => return None,
    };
    let rest: String = zone[1..].chars().filter(|c| *c != '\'').collect();
    if rest.len() != 2 && rest.len() != 4 {
        return None;
    }
    let hours: i32 = rest.get(0..2)?.parse().ok()?;
    let minutes: i32 = rest
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    Some(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_back() {
        let t = Utc
            .with_ymd_and_hms(2026, 12, 1, 9, 30, 5)
            .single()
            .expect("valid");
        assert_eq!(format(t), "D:20261201093005+00'00'");
        assert_eq!(parse(&format(t)), Some(t));
    }

    #[test]
    fn reads_offsets_and_short_forms() {
        let beijing = parse("D:20261201173005+08'00'").expect("parses");
        assert_eq!(
            beijing,
            Utc.with_ymd_and_hms(2026, 12, 1, 9, 30, 5)
                .single()
                .expect("valid")
        );
        assert_eq!(
            parse("D:2026"),
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single()
        );
        assert_eq!(parse("D:20261301"), None);
        assert_eq!(parse("D:2026120117+99'00'"), None);
        assert_eq!(parse("garbage"), None);
        assert_eq!(parse("D:20261201173005+0"), None);
    }
}
