//! Recurring meetings as RFC 5545 recurrence rules.
//!
//! A cell's regular meeting is "monthly, on a fixed day". The rule is kept as iCalendar text
//! (`DTSTART;TZID=…` + `RRULE:…`) so the calendar export later is the same rule the app expands,
//! and expansion is done by the `rrule` crate rather than by hand.
//!
//! A fixed day that some months lack needs care: plain `BYMONTHDAY=31` skips every month without a
//! 31st (RFC 5545 §3.3.10), which would silently drop five monthly meetings a year. A cell that
//! meets "on the 31st" means "on the last day when the month is shorter", so for days 29–31 the rule
//! is written as `BYMONTHDAY=28,29,30,31;BYSETPOS=-1`: the latest of those days the month has.

use crate::error::{Invalid, ValidationError, invalid};
use crate::time::ZONE;
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use rrule::{RRuleSet, Tz};

/// A monthly meeting on a fixed day of the month at a fixed local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthlyOnDay {
    /// 1..=31; days past a month's end fall on its last day.
    pub day: u8,
    pub time: NaiveTime,
    /// The first month the rule applies to (its day is ignored).
    pub from: NaiveDate,
}

impl MonthlyOnDay {
    /// The iCalendar text of the rule, anchored at the first day of `from`'s month.
    pub fn to_ical(&self) -> Result<String, ValidationError> {
        if !(1..=31).contains(&self.day) {
            return Err(invalid("day", Invalid::OutOfRange { min: 1, max: 31 }));
        }
        let anchor = self
            .from
            .with_day0(0)
            .unwrap_or(self.from)
            .and_time(self.time);
        let by_month_day = if self.day <= 28 {
            format!("BYMONTHDAY={}", self.day)
        } else {
            let days: Vec<String> = (28..=self.day).map(|d| d.to_string()).collect();
            format!("BYMONTHDAY={};BYSETPOS=-1", days.join(","))
        };
        Ok(format!(
            "DTSTART;TZID={}:{}\nRRULE:FREQ=MONTHLY;{by_month_day}",
            ZONE.name(),
            anchor.format("%Y%m%dT%H%M%S")
        ))
    }
}

use chrono::Datelike;

/// Parses and checks an iCalendar recurrence (`DTSTART` + `RRULE` lines).
pub fn parse(ical: &str) -> Result<RRuleSet, ValidationError> {
    ical.parse::<RRuleSet>().map_err(|_| {
        invalid(
            "rrule",
            Invalid::BadFormat {
                expected: "an iCalendar DTSTART and RRULE (RFC 5545)",
            },
        )
    })
}

/// The occurrences of `ical` in `[from, to)`, at most `limit` of them.
pub fn occurrences(
    ical: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: u16,
) -> Result<Vec<DateTime<Utc>>, ValidationError> {
    let set = parse(ical)?;
    let tz = Tz::Tz(ZONE);
    let after = tz.from_utc_datetime(&from.naive_utc()) - chrono::Duration::seconds(1);
    let before = tz.from_utc_datetime(&to.naive_utc());
    let result = set.after(after).before(before).all(limit);
    Ok(result
        .dates
        .into_iter()
        .map(|d| d.with_timezone(&Utc))
        .filter(|d| *d >= from && *d < to)
        .collect())
}

/// The first occurrence of `ical` (its DTSTART need not be one: the rule decides).
pub fn first_occurrence(ical: &str) -> Result<Option<DateTime<Utc>>, ValidationError> {
    let set = parse(ical)?;
    Ok(set.all(1).dates.first().map(|d| d.with_timezone(&Utc)))
}

/// The same rule ending before `before` (`UNTIL`, in UTC as RFC 5545 wants with a `TZID` start):
/// what is left of a series when it changes from a date on.
pub fn end_before(ical: &str, before: DateTime<Utc>) -> Result<String, ValidationError> {
    let until = (before - chrono::Duration::seconds(1)).format("%Y%m%dT%H%M%SZ");
    let ended: Vec<String> = ical
        .lines()
        .map(|line| match line.strip_prefix("RRULE:") {
            Some(rule) => {
                let parts: Vec<&str> = rule
                    .split(';')
                    .filter(|p| !p.starts_with("UNTIL=") && !p.starts_with("COUNT="))
                    .collect();
                format!("RRULE:{};UNTIL={until}", parts.join(";"))
            }
            None => line.to_owned(),
        })
        .collect();
    let ended = ended.join("\n");
    parse(&ended)?;
    Ok(ended)
}

/// The rule's `RRULE` line without its name (`FREQ=MONTHLY;…`), for a calendar file.
pub fn rule_part(ical: &str) -> Option<&str> {
    ical.lines().find_map(|l| l.strip_prefix("RRULE:"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        ZONE.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_series_ended_before_a_day_keeps_the_occurrences_before_it() {
        let rule = MonthlyOnDay {
            day: 20,
            time: NaiveTime::from_hms_opt(19, 30, 0).unwrap(),
            from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        }
        .to_ical()
        .unwrap();
        assert_eq!(
            first_occurrence(&rule).unwrap(),
            Some(local(2026, 1, 20, 19, 30))
        );
        let ended = end_before(&rule, local(2026, 4, 20, 0, 0)).unwrap();
        assert!(
            rule_part(&ended)
                .unwrap()
                .ends_with(";UNTIL=20260419T165959Z"),
            "{ended}"
        );
        let left =
            occurrences(&ended, local(2026, 1, 1, 0, 0), local(2027, 1, 1, 0, 0), 50).unwrap();
        assert_eq!(left.len(), 3, "January to March");
        assert_eq!(
            end_before(&ended, local(2026, 3, 1, 0, 0))
                .unwrap()
                .matches("UNTIL")
                .count(),
            1
        );
    }

    fn days_in_2025(day: u8) -> Vec<(u32, u32)> {
        let rule = MonthlyOnDay {
            day,
            time: NaiveTime::from_hms_opt(19, 30, 0).unwrap(),
            from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        };
        let ical = rule.to_ical().unwrap();
        occurrences(&ical, local(2025, 1, 1, 0, 0), local(2026, 1, 1, 0, 0), 100)
            .unwrap()
            .into_iter()
            .map(|t| {
                let l = t.with_timezone(&ZONE);
                assert_eq!((l.hour(), l.minute()), (19, 30), "local time is kept");
                (l.month(), l.day())
            })
            .collect()
    }

    use chrono::Timelike;

    #[test]
    fn the_fifth_of_every_month_for_a_year() {
        let got = days_in_2025(5);
        assert_eq!(got, (1..=12).map(|m| (m, 5)).collect::<Vec<_>>());
    }

    #[test]
    fn the_31st_falls_on_the_last_day_of_shorter_months() {
        let got = days_in_2025(31);
        assert_eq!(
            got,
            vec![
                (1, 31),
                (2, 28),
                (3, 31),
                (4, 30),
                (5, 31),
                (6, 30),
                (7, 31),
                (8, 31),
                (9, 30),
                (10, 31),
                (11, 30),
                (12, 31),
            ]
        );
    }

    #[test]
    fn the_29th_in_a_leap_february() {
        let rule = MonthlyOnDay {
            day: 29,
            time: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            from: NaiveDate::from_ymd_opt(2028, 1, 1).unwrap(),
        };
        let ical = rule.to_ical().unwrap();
        let feb = occurrences(&ical, local(2028, 2, 1, 0, 0), local(2028, 3, 1, 0, 0), 5).unwrap();
        assert_eq!(feb, vec![local(2028, 2, 29, 8, 0)]);
    }

    #[test]
    fn plain_rfc_bymonthday_31_would_skip_months() {
        // Why `to_ical` does not write BYMONTHDAY=31 alone: the RFC skips months without a 31st.
        let ical =
            "DTSTART;TZID=Asia/Ho_Chi_Minh:20250101T193000\nRRULE:FREQ=MONTHLY;BYMONTHDAY=31";
        let got = occurrences(ical, local(2025, 1, 1, 0, 0), local(2026, 1, 1, 0, 0), 100).unwrap();
        assert_eq!(got.len(), 7);
    }

    #[test]
    fn rejects_a_day_out_of_range_and_garbage_rules() {
        let rule = MonthlyOnDay {
            day: 32,
            time: NaiveTime::MIN,
            from: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        };
        assert_eq!(rule.to_ical().unwrap_err().field, "day");
        assert_eq!(parse("RRULE:FREQ=SOMETIMES").unwrap_err().field, "rrule");
    }
}
