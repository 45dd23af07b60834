//! The formulas on small hand-made years.

use super::*;
use crate::time::at_local;
use chrono::NaiveTime;

fn held(kind: MeetingKind, y: i32, m: u32, present: i64, called: i64, spoke: i64) -> MeetingFacts {
    let day = NaiveDate::from_ymd_opt(y, m, 5).unwrap();
    let starts_at = at_local(day, NaiveTime::from_hms_opt(19, 30, 0).unwrap());
    MeetingFacts {
        id: crate::id::new_id(),
        kind,
        status: MeetingStatus::Held,
        starts_at,
        published_at: Some(starts_at - Duration::days(2)),
        present,
        called,
        speakers: spoke,
        entered: false,
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_year_s_figures_count_held_meetings_months_missed_and_shares() {
    let mut meetings: Vec<MeetingFacts> = (1..=10)
        .filter(|m| *m != 4)
        .map(|m| held(MeetingKind::Regular, 2026, m, 18, 20, 8))
        .collect();
    meetings.push(held(MeetingKind::Thematic, 2026, 6, 15, 20, 10));
    // Late documents, a cancelled meeting and last year's count for nothing here.
    meetings[0].published_at = Some(meetings[0].starts_at - Duration::hours(3));
    let mut cancelled = held(MeetingKind::Regular, 2026, 4, 0, 0, 0);
    cancelled.status = MeetingStatus::Cancelled;
    meetings.push(cancelled);
    meetings.push(held(MeetingKind::Regular, 2025, 12, 20, 20, 20));
    let tasks = [
        TaskFacts {
            due_on: day(2026, 3, 1),
            status: TaskStatus::Done,
            completed_on: Some(day(2026, 2, 27)),
        },
        TaskFacts {
            due_on: day(2026, 5, 1),
            status: TaskStatus::Done,
            completed_on: Some(day(2026, 5, 9)),
        },
        TaskFacts {
            due_on: day(2026, 6, 1),
            status: TaskStatus::InProgress,
            completed_on: None,
        },
        TaskFacts {
            due_on: day(2026, 12, 1),
            status: TaskStatus::Open,
            completed_on: None,
        },
        TaskFacts {
            due_on: day(2026, 7, 1),
            status: TaskStatus::Cancelled,
            completed_on: None,
        },
    ];
    let f = figures(
        2026,
        day(2026, 11, 23),
        Duration::days(1),
        &meetings,
        &tasks,
        None,
    );
    assert_eq!(f.regular_held, 9);
    assert_eq!(f.months_missed, [4]);
    assert_eq!(f.thematic_held, 1);
    assert_eq!(
        f.attendance,
        Share {
            part: 9 * 18 + 15,
            whole: 10 * 20
        }
    );
    assert_eq!(
        f.spoke,
        Share {
            part: 9 * 8 + 10,
            whole: 9 * 18 + 15
        }
    );
    assert_eq!(f.published_on_time, Share { part: 9, whole: 10 });
    assert_eq!(f.tasks_on_time, Share { part: 1, whole: 3 });

    let s = verdicts(&f, &Targets::default(), 2026, day(2026, 11, 23));
    assert_eq!(s.regular, Verdict::AtRisk);
    assert_eq!(s.thematic, Verdict::Meets);
    assert_eq!(s.attendance, Verdict::Meets); // 177/200 = 88.5%
    assert_eq!(s.spoke, Verdict::Meets); // 82/177 = 46%
    assert_eq!(s.published_on_time, Verdict::AtRisk); // 90%
    assert_eq!(s.tasks_on_time, Verdict::Missed); // 33%
}

#[test]
fn an_empty_year_has_no_data_and_misses_every_ended_month() {
    let f = figures(2026, day(2026, 3, 10), Duration::days(1), &[], &[], None);
    assert_eq!(f.months_missed, [1, 2]);
    let s = verdicts(&f, &Targets::default(), 2026, day(2026, 3, 10));
    assert_eq!(s.regular, Verdict::AtRisk);
    assert_eq!(s.thematic, Verdict::AtRisk);
    assert_eq!(s.attendance, Verdict::NoData);
    let past = figures(2025, day(2026, 3, 10), Duration::days(1), &[], &[], None);
    assert_eq!(past.months_missed.len(), 12);
    let s = verdicts(&past, &Targets::default(), 2025, day(2026, 3, 10));
    assert_eq!((s.regular, s.thematic), (Verdict::Missed, Verdict::Missed));
}

#[test]
fn the_year_is_the_sum_of_its_months() {
    let meetings = [
        held(MeetingKind::Regular, 2026, 1, 9, 10, 4),
        held(MeetingKind::Thematic, 2026, 1, 8, 10, 2),
        held(MeetingKind::Regular, 2026, 3, 7, 10, 7),
        // Another year counts nowhere.
        held(MeetingKind::Regular, 2025, 3, 10, 10, 10),
    ];
    let months = monthly(2026, Duration::days(1), &meetings, None);
    assert_eq!(months.len(), 12);
    assert_eq!(months[0].month, 1);
    assert_eq!((months[0].regular_held, months[0].thematic_held), (1, 1));
    assert_eq!(
        months[0].attendance,
        Share {
            part: 17,
            whole: 20
        }
    );
    assert_eq!(
        months[1],
        MonthFigures {
            month: 2,
            ..MonthFigures::default()
        }
    );
    assert_eq!(months[2].spoke, Share { part: 7, whole: 7 });
    let year = figures(
        2026,
        day(2027, 1, 1),
        Duration::days(1),
        &meetings,
        &[],
        None,
    );
    assert_eq!(
        year.regular_held,
        months.iter().map(|m| m.regular_held).sum::<i64>()
    );
    assert_eq!(
        year.attendance,
        Share {
            part: 24,
            whole: 30
        }
    );
    assert_eq!(year.published_on_time, Share { part: 3, whole: 3 });
    assert_eq!(year.months_missed, [2, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
}

#[test]
fn targets_are_the_nearest_committee_s() {
    let (cell, commune, district) = (
        crate::id::new_id(),
        crate::id::new_id(),
        crate::id::new_id(),
    );
    let strict = Targets {
        attendance: 0.9,
        ..Targets::default()
    };
    let lenient = Targets {
        attendance: 0.8,
        ..Targets::default()
    };
    let chain = [cell, commune, district];
    let mut set = std::collections::HashMap::new();
    assert_eq!(inherited(&chain, &set), Targets::default());
    set.insert(district, strict);
    assert_eq!(inherited(&chain, &set), strict);
    set.insert(commune, lenient);
    assert_eq!(
        inherited(&chain, &set),
        lenient,
        "the commune's own, nearer"
    );
}

/// A cell that started keeping its record in Sotay on 01/12 and entered its paper meetings of
/// January to October: November is its one month missed, and nothing before December is judged.
#[test]
fn nothing_before_the_start_is_judged_and_paper_meetings_count() {
    let mut meetings: Vec<MeetingFacts> = (1..=10)
        .map(|m| MeetingFacts {
            entered: true,
            published_at: None,
            speakers: 0,
            ..held(MeetingKind::Regular, 2026, m, 15, 17, 0)
        })
        .collect();
    meetings.push(held(MeetingKind::Regular, 2026, 12, 16, 17, 9));
    let since = Some(day(2026, 12, 1));
    let f = figures(
        2027 - 1,
        day(2027, 1, 2),
        Duration::days(1),
        &meetings,
        &[],
        since,
    );
    assert_eq!(f.regular_held, 11);
    assert_eq!(
        f.months_missed,
        Vec::<u32>::new(),
        "November began before the start"
    );
    assert_eq!(f.months_before_start, (1..=11).collect::<Vec<u32>>());
    // The paper meetings' roll calls count; who spoke and the papers' day only from December's.
    assert_eq!(
        f.attendance,
        Share {
            part: 10 * 15 + 16,
            whole: 10 * 17 + 17
        }
    );
    assert_eq!(f.spoke, Share { part: 9, whole: 16 });
    assert_eq!(f.published_on_time, Share { part: 1, whole: 1 });
    let v = verdicts(&f, &Targets::default(), 2026, day(2027, 1, 2));
    assert_eq!(v.regular, Verdict::Meets);
    assert_eq!(
        v.thematic,
        Verdict::NoData,
        "a part year is not judged short of them"
    );
    let months = monthly(2026, Duration::days(1), &meetings, since);
    assert!(months[10].before_start && !months[11].before_start);
    assert_eq!(months[0].entered, 1);

    // Started on 15/06: June began before it, July is the first month judged.
    let mid = Some(day(2026, 6, 15));
    let f = figures(2026, day(2026, 9, 1), Duration::days(1), &[], &[], mid);
    assert_eq!(f.months_missed, [7, 8]);
    let none = figures(
        2026,
        day(2026, 3, 1),
        Duration::days(1),
        &[],
        &[],
        Some(day(2026, 5, 1)),
    );
    assert!(none.months_missed.is_empty());
    let v = verdicts(&none, &Targets::default(), 2026, day(2026, 3, 1));
    assert_eq!(v.regular, Verdict::NoData);
}

#[test]
fn the_start_is_the_nearest_one_up_the_tree() {
    let (cell, commune, district) = (
        crate::id::new_id(),
        crate::id::new_id(),
        crate::id::new_id(),
    );
    let mut set = std::collections::HashMap::new();
    assert_eq!(since_for(&[cell, commune, district], &set), None);
    set.insert(district, day(2026, 1, 1));
    set.insert(commune, day(2026, 12, 1));
    assert_eq!(
        since_for(&[cell, commune, district], &set),
        Some(day(2026, 12, 1))
    );
    set.insert(cell, day(2026, 6, 1));
    assert_eq!(
        since_for(&[cell, commune, district], &set),
        Some(day(2026, 6, 1))
    );
}
