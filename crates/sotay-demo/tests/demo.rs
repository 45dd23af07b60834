//! The demo data is realistic where it matters: sizes, the monthly rhythm, and consistency.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failing test with a message

use chrono::{Datelike, TimeZone, Utc};
use sotay_core::model::{MeetingKind, MeetingStatus};
use sotay_core::time::ZONE;
use sotay_demo::{DemoError, Options, Size, generate};
use sotay_store::Store;
use sotay_store::queries::MeetingQuery;

fn options(size: Size, years: u32) -> Options {
    Options {
        size,
        years,
        seed: 11,
        now: Utc.with_ymd_and_hms(2026, 11, 21, 3, 0, 0).unwrap(),
        mark_demo: true,
    }
}

#[test]
fn a_district_has_over_a_hundred_cells_and_three_thousand_members() {
    let mut store = Store::open_in_memory().unwrap();
    let mut last = (0, 0);
    let summary = generate(&mut store, &options(Size::District, 1), |done, total| {
        assert!(done > last.0 && total >= done);
        last = (done, total);
    })
    .unwrap();
    assert!(summary.cells >= 100, "{summary:?}");
    assert!(summary.members >= 3_000, "{summary:?}");
    assert_eq!(last.0, summary.cells, "progress reached the end");
    let units = store.units().unwrap();
    assert_eq!(units.len(), summary.units);
    assert_eq!(
        units.iter().map(|u| u.members as usize).sum::<usize>(),
        summary.members
    );
}

#[test]
fn a_cell_meets_every_month_with_few_gaps_and_plans_the_next_meetings() {
    let mut store = Store::open_in_memory().unwrap();
    let opts = options(Size::Cell, 10);
    generate(&mut store, &opts, |_, _| {}).unwrap();
    let all = store
        .meetings(&MeetingQuery {
            kind: Some(MeetingKind::Regular),
            limit: 10_000,
            ..MeetingQuery::default()
        })
        .unwrap();
    let held: Vec<_> = all
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
        .collect();
    // Ten years of monthly meetings, a few months missed.
    assert!((110..=121).contains(&held.len()), "{}", held.len());
    for year in 2017..=2025 {
        let n = held
            .iter()
            .filter(|m| m.starts_at.with_timezone(&ZONE).year() == year)
            .count();
        assert!((9..=12).contains(&n), "{year}: {n} regular meetings");
    }
    let planned: Vec<_> = all
        .iter()
        .filter(|m| m.status == MeetingStatus::Planned)
        .collect();
    assert!(!planned.is_empty());
    assert!(planned.iter().all(|m| m.starts_at > opts.now));
    assert!(held.iter().all(|m| m.starts_at <= opts.now));
    let thematic = store
        .meetings(&MeetingQuery {
            kind: Some(MeetingKind::Thematic),
            limit: 10_000,
            ..MeetingQuery::default()
        })
        .unwrap();
    assert!(thematic.len() >= 10, "at least one thematic topic a year");
}

#[test]
fn the_same_seed_makes_the_same_data() {
    let run = || {
        let mut store = Store::open_in_memory().unwrap();
        generate(&mut store, &options(Size::Cell, 2), |_, _| {}).unwrap()
    };
    assert_eq!(run(), run());
}

#[test]
fn demo_data_goes_only_into_an_empty_store() {
    let mut store = Store::open_in_memory().unwrap();
    generate(&mut store, &options(Size::Cell, 1), |_, _| {}).unwrap();
    let before = store.pending_changes().unwrap();
    let err = generate(&mut store, &options(Size::Cell, 1), |_, _| {}).unwrap_err();
    assert!(matches!(err, DemoError::NotEmpty), "{err}");
    assert_eq!(store.pending_changes().unwrap(), before);
    let err = generate(
        &mut Store::open_in_memory().unwrap(),
        &options(Size::Cell, 0),
        |_, _| {},
    );
    assert!(matches!(err, Err(DemoError::Years(0))));
}

/// The tasks the latest meeting gave are still under way, one of them an ordinary member's,
/// whichever day the demo is made: the demo's member (the one with the most open tasks) has work
/// in hand, not only in the weeks after a meeting.
#[test]
fn the_latest_meeting_s_tasks_are_under_way_whatever_the_day() {
    use sotay_core::model::{Role, TaskStatus};
    use sotay_store::queries::TaskQuery;
    // The app's own demo (ten years, seed 2026) on days where it once left its member no open
    // task, the latest meeting's all past due and done.
    for day in ["2027-04-03", "2027-05-12", "2027-06-17"] {
        let day: chrono::NaiveDate = day.parse().unwrap();
        let now =
            sotay_core::time::at_local(day, chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        let opts = Options {
            seed: 2026,
            now,
            ..options(Size::Cell, 10)
        };
        let mut store = Store::open_in_memory().unwrap();
        generate(&mut store, &opts, |_, _| {}).unwrap();
        let latest = store
            .meetings(&MeetingQuery {
                to: Some(now),
                newest_first: true,
                limit: 1,
                ..MeetingQuery::default()
            })
            .unwrap()
            .remove(0);
        assert_eq!(latest.status, MeetingStatus::Held);
        let tasks = store
            .tasks(&TaskQuery {
                unit_id: Some(latest.unit_id),
                limit: 10_000,
                ..TaskQuery::default()
            })
            .unwrap();
        let given: Vec<_> = tasks
            .iter()
            .filter(|t| t.task.meeting_id == Some(latest.id))
            .collect();
        assert!(!given.is_empty(), "{day}");
        for t in &given {
            assert!(
                matches!(t.task.status, TaskStatus::Open | TaskStatus::InProgress),
                "{day}: {:?}",
                t.task
            );
        }
        let ordinary: Vec<_> = store
            .members(Some(latest.unit_id), 1_000)
            .unwrap()
            .into_iter()
            .filter(|m| m.role == Role::Member)
            .map(|m| m.id)
            .collect();
        assert!(
            given
                .iter()
                .any(|t| t.assignees.iter().any(|a| ordinary.contains(&a.member_id))),
            "{day}"
        );
    }
}
