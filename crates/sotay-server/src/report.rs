//! The monitoring figures on the server (`GET /v1/report`): the cells at or below a unit and,
//! for a year, the facts of their meetings and tasks read from the records by the backend's own
//! SQL, turned into `sotay_core::report`'s figures — the app's formulas, not a second copy.

use crate::registry::Device;
use crate::storage::{Result, ServerError, ServerTx};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sotay_core::EntityKind;
use sotay_core::model::UnitLevel;
use sotay_core::report::{CellFacts, MeetingFacts, Targets, TaskFacts, figures, monthly, verdicts};
use sotay_core::time::{ZONE, start_of_day};
use sotay_sync_protocol::{CellFigures, UnitFigures};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// Documents are on time when they go out at least a day before the meeting (as in the app).
const PUBLISH_LEAD: Duration = Duration::hours(24);

/// What a backend's SQL reads for the figures, before it is parsed: text and numbers as stored.
#[derive(Debug, Default)]
pub struct FactRows {
    /// (cell, id, kind, status, starts_at ms, published_at ms)
    pub meetings: Vec<(String, String, String, String, i64, Option<i64>)>,
    /// (meeting, status, how many)
    pub attendance: Vec<(String, String, i64)>,
    /// (meeting, distinct speakers)
    pub speakers: Vec<(String, i64)>,
    /// (cell, due_on, status, completed_on)
    pub tasks: Vec<(String, String, String, Option<String>)>,
    /// (cell, members)
    pub members: Vec<(String, i64)>,
}

/// The facts by cell, and the cells' member counts; a row this version cannot read counts for
/// nothing, as in the app.
fn facts(rows: FactRows) -> (HashMap<Uuid, CellFacts>, HashMap<Uuid, i64>) {
    let mut present: HashMap<&str, i64> = HashMap::new();
    let mut called: HashMap<&str, i64> = HashMap::new();
    for (meeting, status, n) in &rows.attendance {
        match status.as_str() {
            "present" => {
                *present.entry(meeting).or_default() += n;
                *called.entry(meeting).or_default() += n;
            }
            "absent_with_reason" | "absent_without_reason" => {
                *called.entry(meeting).or_default() += n;
            }
            _ => {}
        }
    }
    let speakers: HashMap<&str, i64> = rows
        .speakers
        .iter()
        .map(|(m, n)| (m.as_str(), *n))
        .collect();
    let mut out: HashMap<Uuid, CellFacts> = HashMap::new();
    for (cell, id, kind, status, starts, published) in &rows.meetings {
        let (Ok(cell), Ok(mid), Ok(kind), Ok(status), Some(starts_at)) = (
            cell.parse(),
            id.parse(),
            kind.parse(),
            status.parse(),
            DateTime::from_timestamp_millis(*starts),
        ) else {
            continue;
        };
        out.entry(cell).or_default().meetings.push(MeetingFacts {
            id: mid,
            kind,
            status,
            starts_at,
            published_at: published.and_then(DateTime::from_timestamp_millis),
            present: present.get(id.as_str()).copied().unwrap_or(0),
            called: called.get(id.as_str()).copied().unwrap_or(0),
            speakers: speakers.get(id.as_str()).copied().unwrap_or(0),
        });
    }
    for (cell, due, status, completed) in &rows.tasks {
        let (Ok(cell), Ok(due_on), Ok(status)) = (cell.parse(), due.parse(), status.parse()) else {
            continue;
        };
        out.entry(cell).or_default().tasks.push(TaskFacts {
            due_on,
            status,
            completed_on: completed.as_deref().and_then(|d| d.parse().ok()),
        });
    }
    let members = rows
        .members
        .iter()
        .filter_map(|(cell, n)| Some((cell.parse().ok()?, *n)))
        .collect();
    (out, members)
}

fn name_of(tx: &mut dyn ServerTx, id: Uuid) -> Result<String> {
    Ok(tx
        .record(id)?
        .and_then(|r| {
            r.fields
                .get("name")
                .and_then(|v| v.as_str())
                .map(str::to_owned)
        })
        .unwrap_or_default())
}

/// The figures of every cell at or below `unit` for `year`, as of `now`, for a device that reads
/// that unit's meetings.
pub(crate) fn unit_figures(
    tx: &mut dyn ServerTx,
    device: &Device,
    unit: Uuid,
    year: i32,
    now: DateTime<Utc>,
) -> Result<UnitFigures> {
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, 1, 1).filter(|_| (1930..=2100).contains(&year)),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(ServerError::Invalid(format!(
            "{year} is not a year to report on (1930–2100)"
        )));
    };
    let tree = tx.units()?;
    if !tree.iter().any(|(id, ..)| *id == unit) {
        return Err(ServerError::UnknownUnit(unit));
    }
    if !device.principal.may_read(EntityKind::Meeting, Some(unit)) {
        return Err(ServerError::Forbidden);
    }
    // The tree comes parents first: a unit is inside once its parent is.
    let mut inside = HashSet::from([unit]);
    let mut cells = Vec::new();
    let mut changed = true;
    while changed {
        changed = false;
        for (id, parent, level) in &tree {
            if !inside.contains(id) && parent.is_some_and(|p| inside.contains(&p)) {
                inside.insert(*id);
                changed = true;
            }
            if inside.contains(id)
                && *level == UnitLevel::Cell
                && !cells.iter().any(|(c, _)| c == id)
            {
                cells.push((*id, *parent));
            }
        }
    }
    let ids: Vec<Uuid> = cells.iter().map(|(c, _)| *c).collect();
    let from = start_of_day(first).timestamp_millis();
    let to = (start_of_day(last) + Duration::days(1)).timestamp_millis();
    let (mut by_cell, members) = facts(tx.report_rows(&ids, (from, to), (first, last))?);
    let today = now.with_timezone(&ZONE).date_naive();
    let targets = Targets::default();
    let mut names: HashMap<Uuid, String> = HashMap::new();
    let mut out = Vec::with_capacity(cells.len());
    for (cell, parent) in cells {
        let f = by_cell.remove(&cell).unwrap_or_default();
        let figures = figures(year, today, PUBLISH_LEAD, &f.meetings, &f.tasks);
        let parent_name = match parent {
            Some(p) => match names.get(&p) {
                Some(n) => n.clone(),
                None => {
                    let n = name_of(tx, p)?;
                    names.insert(p, n.clone());
                    n
                }
            },
            None => String::new(),
        };
        out.push(CellFigures {
            unit_id: cell,
            name: name_of(tx, cell)?,
            parent_name,
            members: members.get(&cell).copied().unwrap_or(0),
            verdicts: verdicts(&figures, &targets, year, today),
            months: monthly(year, PUBLISH_LEAD, &f.meetings),
            figures,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(UnitFigures {
        unit_id: unit,
        unit_name: name_of(tx, unit)?,
        year,
        as_of: today.to_string(),
        targets,
        cells: out,
    })
}

/// This year in Vietnam.
pub(crate) fn this_year(now: DateTime<Utc>) -> i32 {
    now.with_timezone(&ZONE).year()
}
