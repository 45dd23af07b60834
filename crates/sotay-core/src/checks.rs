//! The rule checks that run without anyone asking: what a superior committee wants to hear of a
//! cell, and its secretary too, before the monthly report does —
//! - a month ended without a regular meeting;
//! - a meeting whose documents went out late (less than the lead before it), or not at all;
//! - a probationary member whose twelve months end within thirty days (or have ended) while
//!   still probationary: the cell must hold the vote on official membership;
//! - a task past its due day and not done.
//!
//! Nothing is found of the time before the cell started keeping its record in Sotay, nor of the
//! papers of a meeting entered afterwards from its paper record.
//!
//! Pure functions over the facts the figures use, and the roster; the caller looks up names.

use crate::model::{MeetingKind, MeetingStatus, Standing, TaskStatus};
use crate::report::{MeetingFacts, before_start, published_on_time};
use crate::time::local_date;
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

/// How long a probationary member waits for the vote: twelve months from admission.
pub const PROBATION: Months = Months::new(12);

/// How far ahead the end of a probation is worth a reminder.
pub const PROBATION_NOTICE_DAYS: i64 = 30;

/// How far back a late publication is still worth telling.
pub const LATE_PUBLISH_LOOKBACK_DAYS: i64 = 62;

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "check", rename_all = "snake_case")]
pub enum Finding {
    /// No regular meeting held in this month (1–12) of the year.
    MissedMonth { year: i32, month: u32 },
    /// A meeting held (or about to be) whose documents went out less than the lead before it,
    /// or not at all.
    PublishedLate {
        meeting_id: Uuid,
        starts_at: DateTime<Utc>,
        published_at: Option<DateTime<Utc>>,
    },
    /// A probationary member's twelve months end on `ends_on` (within thirty days, or already).
    ProbationEnding { member_id: Uuid, ends_on: NaiveDate },
    /// A task past its due day, not done.
    TaskOverdue { task_id: Uuid, due_on: NaiveDate },
    /// More than one monthly regular series running (made on two devices offline, say): two
    /// regular meetings a month until the committee keeps one.
    TwoSeries { series_ids: Vec<Uuid> },
}

impl Finding {
    /// A key that names this finding and nothing else, to tell it only once.
    pub fn key(&self) -> String {
        match self {
            Finding::MissedMonth { year, month } => format!("missed:{year}-{month:02}"),
            Finding::PublishedLate { meeting_id, .. } => format!("late:{meeting_id}"),
            Finding::ProbationEnding { member_id, ends_on } => {
                format!("probation:{member_id}:{ends_on}")
            }
            Finding::TaskOverdue { task_id, .. } => format!("overdue:{task_id}"),
            Finding::TwoSeries { series_ids } => {
                let ids: Vec<String> = series_ids.iter().map(Uuid::to_string).collect();
                format!("series:{}", ids.join(","))
            }
        }
    }
}

/// What the checks read of a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFacts {
    pub id: Uuid,
    pub standing: Standing,
    pub admitted_on: Option<NaiveDate>,
}

/// What the checks read of a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenTask {
    pub id: Uuid,
    pub due_on: NaiveDate,
    pub status: TaskStatus,
}

/// The day a probation admitted on `admitted_on` ends.
pub fn probation_ends(admitted_on: NaiveDate) -> Option<NaiveDate> {
    admitted_on.checked_add_months(PROBATION)
}

/// One cell's findings as of `now`: the months of this year ended without a regular meeting,
/// the meetings of the last two months and of the lead ahead published late, the probations
/// ending within thirty days, the tasks overdue. Oldest first within each check. `since` is the
/// day the cell started keeping its record in Sotay ([`crate::report::since_for`]).
pub fn check_cell(
    now: DateTime<Utc>,
    lead: Duration,
    since: Option<NaiveDate>,
    meetings: &[MeetingFacts],
    members: &[MemberFacts],
    tasks: &[OpenTask],
) -> Vec<Finding> {
    let today = local_date(now);
    let mut found = Vec::new();

    let mut met = [false; 12];
    for m in meetings {
        let day = local_date(m.starts_at);
        if day.year() == today.year()
            && m.kind == MeetingKind::Regular
            && m.status == MeetingStatus::Held
        {
            met[day.month0() as usize] = true;
        }
    }
    for month in 1..today.month() {
        if !met[month as usize - 1] && !before_start(today.year(), month, since) {
            found.push(Finding::MissedMonth {
                year: today.year(),
                month,
            });
        }
    }

    let lookback = now - Duration::days(LATE_PUBLISH_LOOKBACK_DAYS);
    let mut late: Vec<&MeetingFacts> = meetings
        .iter()
        .filter(|m| m.status != MeetingStatus::Cancelled && !m.entered)
        .filter(|m| since.is_none_or(|since| local_date(m.starts_at) >= since))
        // Held in the last two months, or due to have its documents out by now.
        .filter(|m| m.starts_at >= lookback && m.starts_at - lead <= now)
        .filter(|m| !published_on_time(m, lead))
        .collect();
    late.sort_by_key(|m| m.starts_at);
    found.extend(late.into_iter().map(|m| Finding::PublishedLate {
        meeting_id: m.id,
        starts_at: m.starts_at,
        published_at: m.published_at,
    }));

    let notice = today + Duration::days(PROBATION_NOTICE_DAYS);
    let mut ending: Vec<(NaiveDate, Uuid)> = members
        .iter()
        .filter(|m| m.standing == Standing::Probationary)
        .filter_map(|m| Some((probation_ends(m.admitted_on?)?, m.id)))
        .filter(|(ends, _)| *ends <= notice)
        .collect();
    ending.sort();
    found.extend(
        ending
            .into_iter()
            .map(|(ends_on, member_id)| Finding::ProbationEnding { member_id, ends_on }),
    );

    let mut overdue: Vec<&OpenTask> = tasks
        .iter()
        .filter(|t| t.due_on < today)
        .filter(|t| matches!(t.status, TaskStatus::Open | TaskStatus::InProgress))
        .collect();
    overdue.sort_by_key(|t| t.due_on);
    found.extend(overdue.into_iter().map(|t| Finding::TaskOverdue {
        task_id: t.id,
        due_on: t.due_on,
    }));
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::at_local;
    use chrono::NaiveTime;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn meeting(
        on: NaiveDate,
        status: MeetingStatus,
        published_days_before: Option<i64>,
    ) -> MeetingFacts {
        let starts_at = at_local(on, NaiveTime::from_hms_opt(19, 30, 0).unwrap());
        MeetingFacts {
            id: crate::id::new_id(),
            kind: MeetingKind::Regular,
            status,
            starts_at,
            published_at: published_days_before.map(|d| starts_at - Duration::days(d)),
            present: 10,
            called: 10,
            speakers: 4,
            entered: false,
        }
    }

    #[test]
    fn each_check_finds_what_it_names_and_nothing_else() {
        // 20 April 2026, 9:00 in Vietnam.
        let now = at_local(day(2026, 4, 20), NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        let lead = Duration::days(1);
        let january = meeting(day(2026, 1, 5), MeetingStatus::Held, Some(3));
        // March was held, but its documents went out the same evening.
        let march = meeting(day(2026, 3, 5), MeetingStatus::Held, Some(0));
        // Tomorrow morning's meeting, documents not out yet: less than a day ahead, late already.
        let mut tomorrow = meeting(day(2026, 4, 21), MeetingStatus::Planned, None);
        tomorrow.starts_at = at_local(day(2026, 4, 21), NaiveTime::from_hms_opt(8, 0, 0).unwrap());
        // Next week's: not late yet.
        let next_week = meeting(day(2026, 4, 28), MeetingStatus::Planned, None);
        let cancelled = meeting(day(2026, 4, 10), MeetingStatus::Cancelled, None);
        let meetings = [
            january.clone(),
            march.clone(),
            tomorrow.clone(),
            next_week,
            cancelled,
        ];
        let (soon, later, official) = (
            crate::id::new_id(),
            crate::id::new_id(),
            crate::id::new_id(),
        );
        let members = [
            MemberFacts {
                id: soon,
                standing: Standing::Probationary,
                admitted_on: Some(day(2025, 5, 10)),
            },
            MemberFacts {
                id: later,
                standing: Standing::Probationary,
                admitted_on: Some(day(2025, 9, 1)),
            },
            MemberFacts {
                id: official,
                standing: Standing::Official,
                admitted_on: Some(day(2025, 4, 1)),
            },
        ];
        let (late_task, done_task, future_task) = (
            crate::id::new_id(),
            crate::id::new_id(),
            crate::id::new_id(),
        );
        let tasks = [
            OpenTask {
                id: late_task,
                due_on: day(2026, 4, 1),
                status: TaskStatus::InProgress,
            },
            OpenTask {
                id: done_task,
                due_on: day(2026, 4, 1),
                status: TaskStatus::Done,
            },
            OpenTask {
                id: future_task,
                due_on: day(2026, 5, 1),
                status: TaskStatus::Open,
            },
        ];
        let found = check_cell(now, lead, None, &meetings, &members, &tasks);
        assert_eq!(
            found,
            [
                Finding::MissedMonth {
                    year: 2026,
                    month: 2
                },
                Finding::PublishedLate {
                    meeting_id: march.id,
                    starts_at: march.starts_at,
                    published_at: march.published_at,
                },
                Finding::PublishedLate {
                    meeting_id: tomorrow.id,
                    starts_at: tomorrow.starts_at,
                    published_at: None,
                },
                Finding::ProbationEnding {
                    member_id: soon,
                    ends_on: day(2026, 5, 10),
                },
                Finding::TaskOverdue {
                    task_id: late_task,
                    due_on: day(2026, 4, 1),
                },
            ]
        );
        assert_eq!(found[0].key(), "missed:2026-02");
        // In January nothing has ended yet.
        let new_year = at_local(day(2026, 1, 3), NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        assert!(
            check_cell(new_year, lead, None, &[], &[], &[])
                .iter()
                .all(|f| !matches!(f, Finding::MissedMonth { .. }))
        );
    }

    #[test]
    fn nothing_is_found_before_the_start_nor_of_a_paper_meeting_s_papers() {
        let lead = Duration::days(1);
        let now = at_local(day(2026, 12, 20), NaiveTime::from_hms_opt(9, 0, 0).unwrap());
        let paper = MeetingFacts {
            entered: true,
            ..meeting(day(2026, 12, 5), MeetingStatus::Held, None)
        };
        let november = meeting(day(2026, 11, 5), MeetingStatus::Held, None);
        let meetings = [paper, november];
        let found = check_cell(now, lead, Some(day(2026, 12, 1)), &meetings, &[], &[]);
        assert!(found.is_empty(), "{found:?}");
        // Without a start, November's papers were late and ten months were missed.
        let found = check_cell(now, lead, None, &meetings, &[], &[]);
        let missed = found
            .iter()
            .filter(|f| matches!(f, Finding::MissedMonth { .. }))
            .count();
        assert_eq!(missed, 10);
        assert!(
            found
                .iter()
                .any(|f| matches!(f, Finding::PublishedLate { .. }))
        );
    }

    #[test]
    fn a_probation_ends_twelve_months_after_admission() {
        assert_eq!(probation_ends(day(2025, 2, 28)), Some(day(2026, 2, 28)));
        assert_eq!(probation_ends(day(2024, 2, 29)), Some(day(2025, 2, 28)));
    }
}
