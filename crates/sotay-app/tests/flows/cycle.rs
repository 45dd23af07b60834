//! The meeting cycle as a cell lives it, through the commands: a series' new meetings are one
//! line on Home and a second series asks first (two made anyway are a finding until one is kept);
//! a meeting held on paper counts, its resolution shows as adopted; a start in Sotay judges
//! nothing before it; the agenda keeps new items before the closing steps.

use super::{act_as, demo, now};
use sotay_app::views::*;
use sotay_core::checks::Finding;
use sotay_core::model::{MeetingKind, MeetingStatus, Role};

fn series(also: bool) -> ScheduleSeriesArgs {
    ScheduleSeriesArgs {
        unit_id: None,
        day: 15,
        time: "19:30".into(),
        from: "01/12/2026".into(),
        duration_minutes: 120,
        place: "Nhà văn hóa thôn".into(),
        title: "Sinh hoạt chi bộ thường kỳ".into(),
        also,
    }
}

#[test]
fn a_series_is_one_line_on_home_a_second_asks_first_and_one_is_kept() {
    let f = demo();
    act_as(&f, Role::Secretary);
    // The demo cell may already run its monthly series: make sure it does.
    if let Ok(first) = f.app.schedule_series(series(false)) {
        assert!(first.series_id.is_some());
    }
    f.app.mark_seen(NoArgs {}).unwrap();
    let refused = f.app.schedule_series(series(false)).unwrap_err();
    assert_eq!(refused.kind, "second_series", "{}", refused.message);
    let second = f.app.schedule_series(series(true)).unwrap();
    let second_series = second.series_id.unwrap();

    let home = f.app.home(NoArgs {}).unwrap();
    let lines: Vec<&ActivityItem> = home
        .changes
        .iter()
        .filter(|c| c.kind == "meeting_series" || c.kind == "meeting")
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0].kind, "meeting_series");
    assert_eq!(lines[0].id, second_series);
    assert!(lines[0].count >= 12, "{:?}", lines[0]);

    let me = f.app.app_status(NoArgs {}).unwrap().me.unwrap();
    let checks = f.app.rule_checks(ChecksArgs { unit_id: None }).unwrap();
    let two = checks
        .iter()
        .flat_map(|c| &c.findings)
        .find(|x| matches!(x.finding, Finding::TwoSeries { .. }))
        .expect("two series running are a finding");
    let Finding::TwoSeries { series_ids } = &two.finding else {
        unreachable!()
    };
    assert!(series_ids.contains(&second_series));
    let other = *series_ids.iter().find(|s| **s != second_series).unwrap();

    let kept = f.app.keep_series(IdArgs { id: other }).unwrap();
    assert_eq!(kept.series_id, Some(other));
    let checks = f.app.rule_checks(ChecksArgs { unit_id: None }).unwrap();
    assert!(
        checks
            .iter()
            .flat_map(|c| &c.findings)
            .all(|x| !matches!(x.finding, Finding::TwoSeries { .. }))
    );
    let ahead = f
        .app
        .calendar(CalendarArgs {
            from: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
            kind: Some(MeetingKind::Regular),
        })
        .unwrap();
    let planned: Vec<_> = ahead
        .iter()
        .filter(|m| m.unit_id == me.unit_id && m.status == MeetingStatus::Planned)
        .collect();
    assert_eq!(
        planned.len(),
        1,
        "one regular meeting in January: {planned:?}"
    );
}

#[test]
fn a_paper_meeting_counts_its_resolution_is_adopted_and_nothing_before_the_start_is_judged() {
    let f = demo();
    let me = act_as(&f, Role::Secretary);
    f.app.mark_seen(NoArgs {}).unwrap();
    let held = f
        .app
        .enter_held_meeting(HeldMeetingArgs {
            unit_id: None,
            kind: MeetingKind::Thematic,
            held_at: "10/11/2026 08:00".into(),
            topic: None,
            place: None,
            present: 12,
            absent_with_reason: 1,
            absent_without_reason: 0,
            votes_for: Some(12),
            votes_against: None,
            votes_abstain: None,
            conclusion: Some("Chi bộ thống nhất học tập chuyên đề.".into()),
            minutes: None,
        })
        .unwrap();
    assert!(held.entered_at.is_some());
    assert_eq!(held.paper_roll.unwrap().present, 12);
    assert_eq!(
        held.meeting.topic,
        "Sinh hoạt chi bộ chuyên đề tháng 11 năm 2026"
    );
    let home = f.app.home(NoArgs {}).unwrap();
    assert!(
        home.changes
            .iter()
            .any(|c| c.kind == "resolution" && c.action == "adopted"),
        "{:?}",
        home.changes
    );
    // A time still ahead is not a meeting held.
    let ahead = f
        .app
        .enter_held_meeting(HeldMeetingArgs {
            held_at: "10/01/2027 08:00".into(),
            votes_for: None,
            ..HeldMeetingArgs {
                unit_id: None,
                kind: MeetingKind::Regular,
                held_at: String::new(),
                topic: None,
                place: None,
                present: 5,
                absent_with_reason: 0,
                absent_without_reason: 0,
                votes_for: None,
                votes_against: None,
                votes_abstain: None,
                conclusion: None,
                minutes: None,
            }
        })
        .unwrap_err();
    assert_eq!(ahead.kind, "held_in_future");

    // The cell says it started in Sotay on 01/11: October and before are not judged.
    let unit = f
        .app
        .set_unit_since(UnitSinceArgs {
            unit_id: None,
            since: Some("01/11/2026".into()),
        })
        .unwrap();
    assert_eq!(unit.id, me.unit_id);
    assert_eq!(unit.since, chrono::NaiveDate::from_ymd_opt(2026, 11, 1));
    let report = f
        .app
        .unit_report(ReportArgs {
            unit_id: None,
            year: Some(2026),
        })
        .unwrap();
    let cell = report
        .cells
        .iter()
        .find(|c| c.unit_id == me.unit_id)
        .unwrap();
    assert_eq!(
        cell.figures.months_before_start,
        (1..=10).collect::<Vec<u32>>()
    );
    assert!(cell.figures.months_missed.iter().all(|m| *m >= 11));
    assert!(cell.months[10].entered >= 1, "November's paper meeting");
    let bad = f
        .app
        .set_unit_since(UnitSinceArgs {
            unit_id: None,
            since: Some("31/02/2026".into()),
        })
        .unwrap_err();
    assert_eq!(bad.kind, "invalid");
    assert!(now() > chrono::DateTime::<chrono::Utc>::MIN_UTC);
}

#[test]
fn a_new_agenda_item_goes_before_the_closing_steps_and_moves_where_asked() {
    let f = demo();
    act_as(&f, Role::Secretary);
    let m = f
        .app
        .schedule_meeting(ScheduleMeetingArgs {
            unit_id: None,
            kind: MeetingKind::Regular,
            starts_at: "15/12/2026 19:30".into(),
            duration_minutes: 120,
            place: "Nhà văn hóa".into(),
            topic: "Sinh hoạt tháng 12".into(),
            guests: None,
        })
        .unwrap();
    let view = f
        .app
        .save_agenda_item(AgendaItemArgs {
            meeting_id: m.meeting.id,
            id: None,
            title: "Bàn việc làm đường".into(),
            body: None,
            before: None,
            position: None,
        })
        .unwrap();
    let steps: Vec<Option<&str>> = view.agenda.iter().map(|a| a.step.as_deref()).collect();
    let at = view
        .agenda
        .iter()
        .position(|a| a.title == "Bàn việc làm đường")
        .unwrap();
    assert_eq!(steps[at + 1], Some("rate_meeting"));
    assert_eq!(steps.last(), Some(&Some("closing")));
    let item = view.agenda[at].id;
    let moved = f
        .app
        .move_agenda_item(MoveAgendaItemArgs {
            id: item,
            before: None,
            position: Some(1),
        })
        .unwrap();
    assert_eq!(moved.agenda[0].id, item);
    let both = f
        .app
        .move_agenda_item(MoveAgendaItemArgs {
            id: item,
            before: Some(moved.agenda[3].id),
            position: Some(2),
        })
        .unwrap_err();
    assert_eq!(both.kind, "bad_request");
}
