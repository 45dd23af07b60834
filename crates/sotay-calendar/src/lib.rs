//! A cell's meetings as an iCalendar file (RFC 5545), for members' phone calendars.
//!
//! A series (the monthly regular meeting) is one event with its `RRULE`, in Vietnam's time zone
//! (declared in a `VTIMEZONE`: a monthly rule on "the 20th" must be read on Vietnam's calendar,
//! not UTC's). Every meeting recorded for one of its occurrences is an override of that event
//! (same `UID`, `RECURRENCE-ID` = the occurrence's time by the rule): moved, renamed, or
//! `STATUS:CANCELLED`. A meeting outside any series is an event of its own. UIDs come from record
//! ids, so a calendar that subscribes sees the same events change rather than new ones appear.

use chrono::{DateTime, Duration, Utc};
use icalendar::{
    Calendar, CalendarDateTime, Component, DatePerhapsTime, Event, EventLike, EventStatus,
};
use sotay_core::model::{Meeting, MeetingSeries, MeetingStatus};
use sotay_core::recurrence;
use sotay_core::time::ZONE;
use std::collections::HashMap;
use uuid::Uuid;

/// Vietnam keeps UTC+7 all year, with no summer time since 1975.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r
TZID:Asia/Ho_Chi_Minh\r
BEGIN:STANDARD\r
DTSTART:19700101T000000\r
TZOFFSETFROM:+0700\r
TZOFFSETTO:+0700\r
TZNAME:ICT\r
END:STANDARD\r
END:VTIMEZONE\r
";

fn local(at: DateTime<Utc>) -> DatePerhapsTime {
    CalendarDateTime::WithTimezone {
        date_time: at.with_timezone(&ZONE).naive_local(),
        tzid: ZONE.name().to_owned(),
    }
    .into()
}

fn uid(id: Uuid) -> String {
    format!("{id}@sotay")
}

/// What one meeting's event says.
fn meeting_event(m: &Meeting, unit_name: &str, stamp: DateTime<Utc>) -> Event {
    let mut event = Event::new();
    event
        .summary(&m.topic)
        .location(&m.place)
        .description(unit_name)
        .starts(local(m.starts_at))
        .ends(local(m.starts_at + Duration::minutes(m.duration_minutes)))
        .timestamp(stamp)
        .status(if m.status == MeetingStatus::Cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    event
}

/// The calendar of `meetings` and the `series` they belong to; `unit_names` names each meeting's
/// unit; `stamp` is when the file is made (every event's `DTSTAMP`).
pub fn ics(
    name: &str,
    series: &[MeetingSeries],
    meetings: &[Meeting],
    unit_names: &HashMap<Uuid, String>,
    stamp: DateTime<Utc>,
) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//Sotay//So tay dang vien//VI"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(name)
        .timezone(ZONE.name());
    let unit = |id: &Uuid| unit_names.get(id).map_or("", String::as_str);
    let mut in_series = HashMap::new();
    for s in series {
        // DTSTART must be an occurrence (RFC 5545 leaves the set undefined otherwise); the rule's
        // own anchor is the first day of its first month.
        let Ok(Some(first)) = recurrence::first_occurrence(&s.rrule) else {
            continue;
        };
        let Some(rule) = recurrence::rule_part(&s.rrule) else {
            continue;
        };
        let mut event = Event::new();
        event
            .uid(&uid(s.id))
            .summary(&s.title)
            .location(&s.place)
            .description(unit(&s.unit_id))
            .starts(local(first))
            .ends(local(first + Duration::minutes(s.duration_minutes)))
            .timestamp(stamp)
            .status(EventStatus::Confirmed)
            .add_property("RRULE", rule);
        calendar.push(event);
        in_series.insert(s.id, ());
    }
    for m in meetings {
        let mut event = meeting_event(m, unit(&m.unit_id), stamp);
        match (m.series_id, m.occurrence_at) {
            (Some(series), Some(occurrence)) if in_series.contains_key(&series) => {
                event.uid(&uid(series)).recurrence_id(local(occurrence));
            }
            _ => {
                event.uid(&uid(m.id));
            }
        }
        calendar.push(event);
    }
    // icalendar-rs has no VTIMEZONE, and would stamp a UID and DTSTAMP on one built as a plain
    // component (RFC 5545 allows neither there): it goes in as text, before the first event.
    let text = calendar.to_string();
    let at = text
        .find("BEGIN:VEVENT")
        .or_else(|| text.find("END:VCALENDAR"))
        .unwrap_or(text.len());
    format!("{}{VTIMEZONE}{}", &text[..at], &text[at..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime, TimeZone};
    use sotay_core::model::MeetingKind;
    use sotay_core::recurrence::MonthlyOnDay;

    #[test]
    fn a_series_with_a_moved_and_a_cancelled_occurrence() {
        let unit = Uuid::from_u128(1);
        let series = MeetingSeries {
            id: Uuid::from_u128(2),
            unit_id: unit,
            kind: MeetingKind::Regular,
            title: "Sinh hoạt chi bộ thường kỳ".into(),
            rrule: MonthlyOnDay {
                day: 20,
                time: NaiveTime::from_hms_opt(19, 30, 0).unwrap(),
                from: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            }
            .to_ical()
            .unwrap(),
            duration_minutes: 120,
            place: "Nhà văn hóa".into(),
        };
        let occurrence = ZONE
            .with_ymd_and_hms(2027, 1, 20, 19, 30, 0)
            .unwrap()
            .to_utc();
        let mut moved = sotay_core::fixtures::held_meeting();
        moved.status = MeetingStatus::Planned;
        moved.series_id = Some(series.id);
        moved.occurrence_at = Some(occurrence);
        moved.starts_at = occurrence + Duration::days(2);
        let mut cancelled = moved.clone();
        cancelled.id = Uuid::from_u128(3);
        cancelled.occurrence_at = Some(occurrence + Duration::days(31));
        cancelled.starts_at = occurrence + Duration::days(31);
        cancelled.status = MeetingStatus::Cancelled;
        let text = ics(
            "Chi bộ",
            &[series],
            &[moved, cancelled],
            &HashMap::from([(unit, "Chi bộ thôn Đông".to_owned())]),
            Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap(),
        );
        for line in [
            "BEGIN:VTIMEZONE",
            "PRODID:-//Sotay//So tay dang vien//VI",
            "RRULE:FREQ=MONTHLY;BYMONTHDAY=20",
            "DTSTART;TZID=Asia/Ho_Chi_Minh:20261220T193000",
            "RECURRENCE-ID;TZID=Asia/Ho_Chi_Minh:20270120T193000",
            "DTSTART;TZID=Asia/Ho_Chi_Minh:20270122T193000",
            "STATUS:CANCELLED",
            "UID:00000000-0000-0000-0000-000000000002@sotay",
        ] {
            assert!(text.contains(line), "{line}\n{text}");
        }
        let zone =
            &text[text.find("BEGIN:VTIMEZONE").unwrap()..text.find("END:VTIMEZONE").unwrap()];
        assert!(!zone.contains("UID") && !zone.contains("DTSTAMP"), "{zone}");
        assert!(text.find("END:VTIMEZONE") < text.find("BEGIN:VEVENT"));
    }
}
