//! The rule checks through the commands: what they list for a cell is what its records say, and
//! the cell's committee is told once, one notice per check; a plain member is not.

use super::*;
use sotay_core::checks::Finding;
use sotay_core::model::{MeetingKind, MeetingStatus, Member, Role, Standing, TaskStatus};
use sotay_store::Store;

fn checks_told(f: &Fixture) -> Vec<(String, String)> {
    f.app
        .due_reminders()
        .unwrap()
        .into_iter()
        .filter(|r| r.key.starts_with("check:"))
        .map(|r| (r.title, r.body))
        .collect()
}

#[test]
fn the_checks_list_what_the_records_say_and_the_committee_is_told_once() {
    let f = demo();
    let me = f.app.app_status(NoArgs {}).unwrap().me.unwrap();
    // A member admitted eleven and a half months ago, still probationary.
    let admitted = now().date_naive() - Duration::days(350);
    let newcomer = Member {
        id: sotay_core::id::new_id(),
        unit_id: me.unit_id,
        full_name: "Vũ Thị Mới".into(),
        gender: None,
        born_on: None,
        standing: Standing::Probationary,
        admitted_on: Some(admitted),
        official_on: None,
        role: Role::Member,
        exempt: false,
        exempt_reason: None,
        temporarily_attached: false,
        home_unit: None,
        phone: None,
        card_number: None,
        citizen_id: None,
    };
    Store::open(f.app.path())
        .unwrap()
        .write(|w| w.insert(&newcomer))
        .unwrap();
    if me.role != Role::Member {
        act_as(&f, Role::Member);
    }
    assert!(checks_told(&f).is_empty(), "a plain member is not told");

    let found = f.app.rule_checks(ChecksArgs { unit_id: None }).unwrap();
    let cell = found.iter().find(|c| c.unit_id == me.unit_id).unwrap();
    let store = Store::open(f.app.path()).unwrap();
    let year = f
        .app
        .cell_year(CellYearArgs {
            unit_id: me.unit_id,
            year: Some(2026),
        })
        .unwrap();
    let today = sotay_core::time::local_date(now());
    for finding in &cell.findings {
        match &finding.finding {
            Finding::MissedMonth { month, .. } => {
                assert!(year.meetings.iter().all(|m| {
                    m.kind != MeetingKind::Regular
                        || m.status != MeetingStatus::Held
                        || sotay_core::time::local_date(m.starts_at)
                            .format("%m")
                            .to_string()
                            != format!("{month:02}")
                }));
            }
            Finding::TaskOverdue { task_id, due_on } => {
                let task: sotay_core::model::Task = store.require(*task_id).unwrap();
                assert!(*due_on < today);
                assert!(matches!(
                    task.status,
                    TaskStatus::Open | TaskStatus::InProgress
                ));
                assert_eq!(finding.subject, task.title);
            }
            Finding::ProbationEnding { member_id, ends_on } => {
                let m: Member = store.require(*member_id).unwrap();
                assert_eq!(m.standing, Standing::Probationary);
                assert!(*ends_on <= today + Duration::days(30));
            }
            Finding::PublishedLate { .. } => {}
            Finding::TwoSeries { .. } => panic!("the demo cell has one monthly series"),
        }
    }
    assert!(cell.findings.iter().any(|f| f.finding
        == Finding::ProbationEnding {
            member_id: newcomer.id,
            ends_on: admitted + chrono::Months::new(12),
        }
        && f.subject == "Vũ Thị Mới"));

    // The secretary is told: one notice per check, then nothing again.
    act_as(&f, Role::Secretary);
    let told = checks_told(&f);
    let probation = told
        .iter()
        .find(|(title, _)| title.starts_with("Sắp hết thời gian dự bị"))
        .unwrap();
    assert!(probation.1.contains("Vũ Thị Mới"), "{probation:?}");
    let kinds: std::collections::HashSet<&str> = told.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(kinds.len(), told.len(), "one notice per check: {told:?}");
    assert!(checks_told(&f).is_empty(), "once");
}
