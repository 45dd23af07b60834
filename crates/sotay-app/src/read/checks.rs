//! The rule checks (`sotay_core::checks`) over the cells this device reads: listed for a superior
//! committee on its dashboard and by `sotay checks`, and told to a cell's committee as
//! notifications (`home/reminders.rs`) — each finding with the name of what it is about.

use crate::error::Result;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sotay_core::checks::{Finding, LATE_PUBLISH_LOOKBACK_DAYS, check_cell};
use sotay_core::model::{Meeting, Member, OrgUnit, Task};
use sotay_core::report::PUBLISH_LEAD;
use sotay_core::time::{local_date, start_of_day};
use sotay_store::Store;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ChecksArgs {
    /// Default: the device member's unit.
    pub unit_id: Option<Uuid>,
}

/// One finding and what it is about, by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FindingView {
    /// Names the finding, to tell it once.
    pub key: String,
    pub finding: Finding,
    /// The meeting's topic, the member's name or the task's title (empty for a month).
    pub subject: String,
}

/// A cell with something to attend to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CellChecks {
    pub unit_id: Uuid,
    pub name: String,
    pub parent_name: String,
    pub findings: Vec<FindingView>,
}

fn subject(store: &Store, finding: &Finding) -> Result<String> {
    Ok(match finding {
        Finding::MissedMonth { .. } => String::new(),
        Finding::TwoSeries { series_ids } => {
            let mut titles = Vec::new();
            for id in series_ids {
                // Two series often share a title: their first meeting's day tells them apart.
                if let Some(s) = store.get::<sotay_core::model::MeetingSeries>(*id)? {
                    let first = sotay_core::recurrence::first_occurrence(&s.rrule)
                        .ok()
                        .flatten()
                        .map(|at| sotay_core::time::format_date(local_date(at)));
                    titles.push(match first {
                        Some(day) => format!("{} ({day})", s.title),
                        None => s.title,
                    });
                }
            }
            titles.join(" · ")
        }
        Finding::PublishedLate { meeting_id, .. } => store
            .get::<Meeting>(*meeting_id)?
            .map(|m| m.topic)
            .unwrap_or_default(),
        Finding::ProbationEnding { member_id, .. } => store
            .get::<Member>(*member_id)?
            .map(|m| m.full_name)
            .unwrap_or_default(),
        Finding::TaskOverdue { task_id, .. } => store
            .get::<Task>(*task_id)?
            .map(|t| t.title)
            .unwrap_or_default(),
    })
}

/// Every cell at or below `unit` with what its checks found as of `now`; cells with nothing
/// found are left out.
pub fn unit_checks(store: &Store, unit: Uuid, now: DateTime<Utc>) -> Result<Vec<CellChecks>> {
    store.require::<OrgUnit>(unit)?;
    let today = local_date(now);
    let cells = store.cells_under(unit)?;
    let ids: Vec<Uuid> = cells.iter().map(|c| c.id).collect();
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let from = start_of_day(year_start).min(now - Duration::days(LATE_PUBLISH_LOOKBACK_DAYS));
    // Meetings up to the lead ahead: tomorrow's, whose documents are due out by now.
    let to = now + PUBLISH_LEAD + Duration::days(1);
    let mut facts = store.cell_facts(&ids, (from, to), (today, today))?;
    let mut roster = store.check_facts(&ids, today)?;
    let mut parents = std::collections::HashMap::new();
    let mut out = Vec::new();
    for cell in cells {
        let meetings = facts.remove(&cell.id).unwrap_or_default().meetings;
        let more = roster.remove(&cell.id).unwrap_or_default();
        let mut found = check_cell(
            now,
            PUBLISH_LEAD,
            cell.since,
            &meetings,
            &more.members,
            &more.tasks,
        );
        // Two monthly series running (made on two devices offline): told until one is kept.
        let running = crate::committee::running_series(store, cell.id, now)?;
        if running.len() > 1 {
            found.push(Finding::TwoSeries {
                series_ids: running.iter().map(|s| s.id).collect(),
            });
        }
        if found.is_empty() {
            continue;
        }
        let parent_name = match cell.parent_id {
            Some(p) => match parents.get(&p) {
                Some(name) => String::clone(name),
                None => {
                    let name = store.get::<OrgUnit>(p)?.map(|u| u.name).unwrap_or_default();
                    parents.insert(p, name.clone());
                    name
                }
            },
            None => String::new(),
        };
        let mut findings = Vec::with_capacity(found.len());
        for finding in found {
            findings.push(FindingView {
                key: finding.key(),
                subject: subject(store, &finding)?,
                finding,
            });
        }
        out.push(CellChecks {
            unit_id: cell.id,
            name: cell.name,
            parent_name,
            findings,
        });
    }
    Ok(out)
}
