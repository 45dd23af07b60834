//! Members' records through the commands, on the demo cell: the secretary admits a member and
//! the roster counts down their probation, rates members (the score's band a ceiling), records
//! the vote on official membership and plans the cell's admissions; a plain member reads the
//! page but changes nothing.

use super::*;
use sotay_core::model::{RatingLevel, Role, Standing};

#[test]
fn the_secretary_keeps_members_records_and_a_plain_member_reads_them() {
    let f = demo();
    let secretary = act_as(&f, Role::Secretary);
    let admitted = now().date_naive() - Duration::days(300);
    let page = f
        .app
        .admit_member(AdmitArgs {
            unit_id: None,
            full_name: "  Lò Thị Mai ".into(),
            gender: None,
            born_on: Some("02/09/1998".into()),
            admitted_on: admitted.format("%d/%m/%Y").to_string(),
            phone: None,
        })
        .unwrap();
    assert_eq!(page.member.full_name, "Lò Thị Mai");
    assert_eq!(page.member.unit_id, secretary.unit_id);
    assert_eq!(page.standing, Standing::Probationary);
    assert_eq!(page.probation.as_ref().unwrap().days_left, 65);
    assert!(page.may_edit);
    let new = page.member.id;
    let roster = f.app.roster(NoArgs {}).unwrap();
    let row = roster.iter().find(|r| r.member.id == new).unwrap();
    assert_eq!(row.probation.as_ref().unwrap().days_left, 65);
    assert!(
        roster
            .iter()
            .filter(|r| r.standing == Standing::Official)
            .all(|r| r.probation.is_none())
    );

    let rate = |level, score| RateArgs {
        member_id: new,
        year: 2025,
        level,
        score,
        note: Some("Tích cực vận động nhân dân".into()),
    };
    let err = f
        .app
        .rate_member(rate(RatingLevel::Excellent, Some(75)))
        .unwrap_err();
    assert_eq!(err.kind, "level_above_score");
    let err = f
        .app
        .rate_member(RateArgs {
            year: 2027,
            ..rate(RatingLevel::Good, None)
        })
        .unwrap_err();
    assert_eq!(err.kind, "rating_year_ahead");
    let page = f
        .app
        .rate_member(rate(RatingLevel::Good, Some(75)))
        .unwrap();
    assert_eq!(page.ratings.len(), 1);
    assert_eq!(page.ratings[0].level, RatingLevel::Good);
    assert_eq!(page.ratings[0].score, Some(75));

    let err = f
        .app
        .recognise_official(OfficialArgs {
            member_id: new,
            official_on: "31/02/2026".into(),
        })
        .unwrap_err();
    assert_eq!(err.kind, "invalid");
    let page = f
        .app
        .recognise_official(OfficialArgs {
            member_id: new,
            official_on: "20/11/2026".into(),
        })
        .unwrap();
    assert_eq!(page.standing, Standing::Official);
    assert!(page.probation.is_none());

    // The cell plans two admissions this year; the one admitted counts if this year's.
    let report = f
        .app
        .plan_admissions(AdmissionPlanArgs {
            unit_id: None,
            year: None,
            planned: Some(2),
        })
        .unwrap();
    assert_eq!(report.admissions.len(), 1);
    assert_eq!(report.admissions[0].unit_id, secretary.unit_id);
    assert_eq!(report.admissions[0].planned, Some(2));
    assert_eq!(
        report.admissions[0].admitted,
        report.cells[0].figures.admitted
    );
    assert!(
        report.cells[0].figures.admitted >= 1,
        "{:?}",
        report.cells[0].figures
    );

    // A plain member reads the page; the app refuses their changes before the server would.
    act_as(&f, Role::Member);
    let page = f.app.member_record(IdArgs { id: new }).unwrap();
    assert!(!page.may_edit);
    assert_eq!(page.ratings[0].level, RatingLevel::Good);
    let err = f
        .app
        .rate_member(rate(RatingLevel::Completed, None))
        .unwrap_err();
    assert_eq!(err.kind, "forbidden");
    let err = f
        .app
        .plan_admissions(AdmissionPlanArgs {
            unit_id: None,
            year: None,
            planned: Some(9),
        })
        .unwrap_err();
    assert_eq!(err.kind, "forbidden");
}
