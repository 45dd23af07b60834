//! The dashboard's drill-down through the commands: a cell's year is the same cell as in the
//! unit's report, its months add up to its year, and every meeting of the year is listed with
//! what the figures counted of it.

use super::*;
use sotay_core::model::MeetingStatus;

#[test]
fn a_cell_s_year_lists_its_meetings_and_its_months_add_up() {
    let f = demo();
    let me = f.app.app_status(NoArgs {}).unwrap().me.unwrap();
    let report = f
        .app
        .unit_report(ReportArgs {
            unit_id: Some(me.unit_id),
            year: Some(2026),
        })
        .unwrap();
    let year = f
        .app
        .cell_year(CellYearArgs {
            unit_id: me.unit_id,
            year: Some(2026),
        })
        .unwrap();
    let same = report
        .cells
        .iter()
        .find(|c| c.unit_id == me.unit_id)
        .unwrap();
    assert_eq!(&year.cell, same);
    assert_eq!(year.cell.months.len(), 12);
    let sum = |pick: fn(&sotay_core::report::MonthFigures) -> i64| -> i64 {
        year.cell.months.iter().map(pick).sum()
    };
    assert_eq!(sum(|m| m.regular_held), year.cell.figures.regular_held);
    assert_eq!(
        sum(|m| m.attendance.part),
        year.cell.figures.attendance.part
    );
    assert_eq!(
        sum(|m| m.attendance.whole),
        year.cell.figures.attendance.whole
    );

    let held: Vec<_> = year
        .meetings
        .iter()
        .filter(|m| m.status == MeetingStatus::Held)
        .collect();
    assert!(!held.is_empty());
    assert_eq!(
        held.iter().map(|m| m.present).sum::<i64>(),
        year.cell.figures.attendance.part,
        "the meetings are what the figures counted"
    );
    assert!(
        year.meetings
            .windows(2)
            .all(|w| w[0].starts_at <= w[1].starts_at)
    );
    assert!(year.meetings.iter().all(|m| !m.topic.is_empty()));
    // Each opens as a meeting.
    f.app.meeting(IdArgs { id: held[0].id }).unwrap();

    let bad_year = f.app.cell_year(CellYearArgs {
        unit_id: me.unit_id,
        year: Some(20_266),
    });
    assert_eq!(bad_year.unwrap_err().kind, "invalid");
    let nowhere = f.app.cell_year(CellYearArgs {
        unit_id: sotay_core::id::new_id(),
        year: None,
    });
    assert_eq!(nowhere.unwrap_err().kind, "not_found");
}
