//! The product's time zone and date formats.
//!
//! Instants are kept in UTC (milliseconds since the epoch); people see them in Asia/Ho_Chi_Minh as
//! dd/MM/yyyy. Dates typed by people are accepted as dd/MM/yyyy (how Vietnamese write them) or
//! yyyy-MM-dd (ISO, what scripts send).

use crate::error::{Invalid, ValidationError, invalid};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Vietnam's time zone: every cell lives in it.
pub const ZONE: Tz = chrono_tz::Asia::Ho_Chi_Minh;

/// Parses a date typed by a person: `dd/mm/yyyy` or `yyyy-mm-dd`.
pub fn parse_date(field: &'static str, input: &str) -> Result<NaiveDate, ValidationError> {
    let s = input.trim();
    NaiveDate::parse_from_str(s, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .map_err(|_| {
            invalid(
                field,
                Invalid::BadDate {
                    input: input.to_owned(),
                },
            )
        })
}

/// Parses a local date and time typed by a person (`dd/mm/yyyy HH:MM`, `yyyy-mm-dd HH:MM`, or an
/// RFC 3339 instant) into UTC.
pub fn parse_local_datetime(
    field: &'static str,
    input: &str,
) -> Result<DateTime<Utc>, ValidationError> {
    let s = input.trim();
    if let Ok(instant) = DateTime::parse_from_rfc3339(s) {
        return Ok(instant.with_timezone(&Utc));
    }
    let naive = ["%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|fmt| NaiveDateTime::parse_from_str(s, fmt).ok())
        .or_else(|| {
            parse_date(field, s)
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        });
    naive
        .and_then(|n| ZONE.from_local_datetime(&n).single())
        .map(|local| local.with_timezone(&Utc))
        .ok_or_else(|| {
            invalid(
                field,
                Invalid::BadDate {
                    input: input.to_owned(),
                },
            )
        })
}

/// dd/MM/yyyy.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// dd/MM/yyyy HH:mm in Vietnam's time zone.
pub fn format_local(instant: DateTime<Utc>) -> String {
    instant
        .with_timezone(&ZONE)
        .format("%d/%m/%Y %H:%M")
        .to_string()
}

/// The instant a local date and time in Vietnam names. Vietnam keeps no daylight saving, so every
/// local time exists exactly once; the fallback (the same wall time read as UTC) is unreachable.
pub fn at_local(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = date.and_time(time);
    ZONE.from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&naive))
}

/// The first instant of a day in Vietnam.
pub fn start_of_day(date: NaiveDate) -> DateTime<Utc> {
    at_local(date, NaiveTime::MIN)
}

/// The first instant after a day in Vietnam: `[start_of_day(d), end_of_day(d))` is the day.
pub fn end_of_day(date: NaiveDate) -> DateTime<Utc> {
    start_of_day(date) + chrono::Duration::days(1)
}

/// The local calendar date of an instant.
pub fn local_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&ZONE).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_vietnamese_and_iso_dates() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
        assert_eq!(parse_date("due_on", "05/03/2025").unwrap(), d);
        assert_eq!(parse_date("due_on", "2025-03-05").unwrap(), d);
    }

    #[test]
    fn rejects_impossible_dates_with_the_input() {
        let err = parse_date("due_on", "30/02/2025").unwrap_err();
        assert_eq!(err.field, "due_on");
        assert_eq!(
            err.problem,
            Invalid::BadDate {
                input: "30/02/2025".into()
            }
        );
        assert!(parse_date("due_on", "tomorrow").is_err());
    }

    #[test]
    fn a_vietnamese_day_runs_from_17_00_utc_to_17_00_utc() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
        assert_eq!(start_of_day(d).to_rfc3339(), "2025-03-04T17:00:00+00:00");
        assert_eq!(end_of_day(d).to_rfc3339(), "2025-03-05T17:00:00+00:00");
        assert_eq!(local_date(start_of_day(d)), d);
        assert_eq!(
            local_date(end_of_day(d) - chrono::Duration::milliseconds(1)),
            d
        );
    }

    #[test]
    fn local_times_are_vietnam_time() {
        let t = parse_local_datetime("starts_at", "05/03/2025 19:30").unwrap();
        assert_eq!(t.to_rfc3339(), "2025-03-05T12:30:00+00:00");
        assert_eq!(format_local(t), "05/03/2025 19:30");
    }
}
