//! The monthly meeting as a series, changed one occurrence at a time and from a day on, reaching
//! a member's device and leaving it as an iCalendar file that independent parsers (Python's
//! `icalendar` and `recurring_ical_events`, from Debian) read as a phone would: the expected
//! occurrences, a moved one at its new time, a cancelled one cancelled, the new rule from its day.

use super::committee_steps::{Served, ok};
use super::sync::sync;
use crate::util::{Db, Dir, sotay};
use chrono::{Datelike, Months, NaiveDate, Utc};
use sotay_core::model::Meeting;
use sotay_core::time::{ZONE, format_date};
use sotay_store::Store;
use std::path::Path;
use std::process::Command;
use uuid::Uuid;

/// What a phone's calendar shows between two days: (local start, status, summary).
fn occurrences(ics: &Path, from: NaiveDate, to: NaiveDate) -> Vec<(String, String, String)> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/calendar/occurrences.py");
    // Debian's Python, with Debian's python3-icalendar and python3-recurring-ical-events
    // (scripts/deps.sh test installs them), whatever else is first on the PATH.
    let out = Command::new("/usr/bin/python3")
        .arg(script)
        .arg(ics)
        .arg(from.to_string())
        .arg(to.to_string())
        .output()
        .expect("Debian's python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_owned();
            (s("start"), s("status"), s("summary"))
        })
        .collect()
}

fn the_monthly_series_with_a_moved_and_a_cancelled_meeting_reaches_a_phone_calendar(
    dir: &Dir,
    db: Db,
) {
    let served = Served::start(dir, &db, |_, _| {});
    let (secretary, member) = (served.secretary.clone(), served.member.clone());

    // From the first of the month after next: the 20th at 19:30.
    let today = Utc::now().with_timezone(&ZONE).date_naive();
    let first = (today + Months::new(2)).with_day(1).unwrap();
    let month = |n: u32| (first + Months::new(n)).with_day(20).unwrap();
    let view = ok(
        &secretary,
        &[
            "series",
            "new",
            "--day",
            "20",
            "--time",
            "19:30",
            "--from",
            &format_date(first),
            "--place",
            "Nhà văn hóa thôn Đông",
        ],
    );
    let series = Uuid::parse_str(view["series_id"].as_str().unwrap()).unwrap();
    let meetings: Vec<Meeting> = Store::open(&secretary)
        .unwrap()
        .series_meetings(series)
        .unwrap();
    assert!(
        meetings.len() >= 10,
        "a year of meetings: {}",
        meetings.len()
    );
    assert_eq!(
        meetings[0].topic,
        format!(
            "Sinh hoạt chi bộ thường kỳ tháng {:02}/{}",
            first.month(),
            first.year()
        )
    );
    // The second meeting moves two days later; the third is cancelled.
    let moved = format!("{} 19:00", format_date(month(1) + chrono::Days::new(2)));
    ok(
        &secretary,
        &[
            "meeting",
            "edit",
            &meetings[1].id.to_string(),
            "--at",
            &moved,
        ],
    );
    ok(
        &secretary,
        &["meeting", "cancel", &meetings[2].id.to_string()],
    );
    // From the fifth month on: the 25th at 18:00, in the hall.
    ok(
        &secretary,
        &[
            "series",
            "edit",
            &series.to_string(),
            "--from",
            &format_date(month(4).with_day(1).unwrap()),
            "--day",
            "25",
            "--time",
            "18:00",
            "--place",
            "Hội trường xã",
        ],
    );
    sync(&secretary);
    sync(&member);

    let ics = dir.path("lich.ics");
    let run = sotay(
        &member,
        &["export", "ics", "--output", ics.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let seen = occurrences(&ics, first, month(6));
    let at = |d: NaiveDate, time: &str| format!("{d} {time}");
    let starts: Vec<(String, String)> = seen
        .iter()
        .map(|(s, status, _)| (s.clone(), status.clone()))
        .collect();
    let five = month(4).with_day(25).unwrap();
    let six = month(5).with_day(25).unwrap();
    assert_eq!(
        starts,
        [
            (at(month(0), "19:30"), "CONFIRMED".to_owned()),
            (
                at(month(1) + chrono::Days::new(2), "19:00"),
                "CONFIRMED".to_owned()
            ),
            (at(month(2), "19:30"), "CANCELLED".to_owned()),
            (at(month(3), "19:30"), "CONFIRMED".to_owned()),
            (at(five, "18:00"), "CONFIRMED".to_owned()),
            (at(six, "18:00"), "CONFIRMED".to_owned()),
        ],
        "{seen:?}"
    );
    assert!(
        seen[0].2.starts_with("Sinh hoạt chi bộ thường kỳ tháng"),
        "{seen:?}"
    );
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    the_monthly_series_with_a_moved_and_a_cancelled_meeting_reaches_a_phone_calendar
);
