//! The monitoring figures on the server (`GET /v1/report`): the cells at or below a unit and,
//! for a year, the facts of their meetings and tasks read from the records by the backend's own
//! SQL, turned into `sotay_core::report`'s figures — the app's formulas, not a second copy.

use crate::registry::Device;
use crate::storage::{ReportTx, Result, ServerError};
use chrono::{DateTime, Datelike, Duration, Utc};
use sotay_core::EntityKind;
use sotay_core::Record;
use sotay_core::access::UnitTree;
use sotay_core::model::UnitLevel;
use sotay_core::model::UnitTargets;
use sotay_core::report::{
    CellFacts, MeetingFacts, PUBLISH_LEAD, TaskFacts, admissions, cell_figures, inherited, monthly,
    since_for, verdicts, year_days,
};
use sotay_core::time::{ZONE, start_of_day};
use sotay_sync_protocol::{CellFigures, UnitFigures};
use std::collections::HashMap;
use uuid::Uuid;

/// One meeting as a backend's SQL reads it for the figures.
#[derive(Debug, Default)]
pub struct MeetingRow {
    pub cell: String,
    pub id: String,
    pub kind: String,
    pub status: String,
    pub starts_at: i64,
    pub published_at: Option<i64>,
    /// Entered afterwards from its paper record: then its counts stand for the roll call.
    pub entered: bool,
    pub present_count: i64,
    /// Absent with and without reason.
    pub absent_count: i64,
}

/// What a backend's SQL reads for the figures, before it is parsed: text and numbers as stored.
#[derive(Debug, Default)]
pub struct FactRows {
    pub meetings: Vec<MeetingRow>,
    /// (meeting, status, how many)
    pub attendance: Vec<(String, String, i64)>,
    /// (meeting, distinct speakers)
    pub speakers: Vec<(String, i64)>,
    /// (cell, due_on, status, completed_on)
    pub tasks: Vec<(String, String, String, Option<String>)>,
    /// (cell, members)
    pub members: Vec<(String, i64)>,
    /// (unit, name, in Sotay since) of the units asked for by name
    pub names: Vec<(String, String, Option<String>)>,
    /// (record id, fields as JSON) of every unit's targets
    pub targets: Vec<(String, String)>,
    /// (cell, level) of the year's ratings
    pub ratings: Vec<(String, String)>,
    /// (cell, admitted_on) of the members admitted in the year
    pub admitted: Vec<(String, String)>,
    /// (unit, planned) of the year's admission plans
    pub plans: Vec<(String, i64)>,
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
    for m in &rows.meetings {
        let (Ok(cell), Ok(mid), Ok(kind), Ok(status), Some(starts_at)) = (
            m.cell.parse(),
            m.id.parse(),
            m.kind.parse(),
            m.status.parse(),
            DateTime::from_timestamp_millis(m.starts_at),
        ) else {
            continue;
        };
        let id = m.id.as_str();
        let (present, called, speakers) = if m.entered {
            (m.present_count, m.present_count + m.absent_count, 0)
        } else {
            (
                present.get(id).copied().unwrap_or(0),
                called.get(id).copied().unwrap_or(0),
                speakers.get(id).copied().unwrap_or(0),
            )
        };
        out.entry(cell).or_default().meetings.push(MeetingFacts {
            id: mid,
            kind,
            status,
            starts_at,
            published_at: m.published_at.and_then(DateTime::from_timestamp_millis),
            present,
            called,
            speakers,
            entered: m.entered,
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
    for (cell, level) in &rows.ratings {
        if let (Ok(cell), Ok(level)) = (cell.parse(), level.parse()) {
            out.entry(cell).or_default().ratings.push(level);
        }
    }
    for (cell, day) in &rows.admitted {
        if let (Ok(cell), Ok(day)) = (cell.parse(), day.parse()) {
            out.entry(cell).or_default().admitted_on.push(day);
        }
    }
    let members = rows
        .members
        .iter()
        .filter_map(|(cell, n)| Some((cell.parse().ok()?, *n)))
        .collect();
    (out, members)
}

/// The figures of every cell at or below `unit` for `year`, as of `now`, for a device that reads
/// that unit's meetings. `tree` is the registry's (read once per change of the tree).
pub(crate) fn unit_figures(
    tx: &mut dyn ReportTx,
    tree: &UnitTree,
    device: &Device,
    unit: Uuid,
    year: i32,
    now: DateTime<Utc>,
) -> Result<UnitFigures> {
    let Some((first, last)) = year_days(year) else {
        return Err(ServerError::Invalid(format!(
            "{year} is not a year to report on (1930–2100)"
        )));
    };
    if tree.level(unit).is_none() {
        return Err(ServerError::UnknownUnit(unit));
    }
    if !device.principal.may_read(EntityKind::Meeting, Some(unit)) {
        return Err(ServerError::Forbidden);
    }
    let mut inside = vec![unit];
    inside.extend(tree.below(unit));
    let cells: Vec<Uuid> = inside
        .iter()
        .copied()
        .filter(|u| tree.level(*u) == Some(UnitLevel::Cell))
        .collect();
    let parent = |u: Uuid| tree.above(u).first().copied();
    let chain = |u: Uuid| {
        let mut out = vec![u];
        out.extend(tree.above(u));
        out
    };
    // Every unit whose name the report shows, and those above whose start the cells inherit.
    let mut named: Vec<Uuid> = cells.iter().filter_map(|c| parent(*c)).collect();
    named.extend(&cells);
    named.push(unit);
    named.extend(tree.above(unit));
    named.sort();
    named.dedup();
    let from = start_of_day(first).timestamp_millis();
    let to = (start_of_day(last) + Duration::days(1)).timestamp_millis();
    let rows = tx.report_rows(&cells, &named, (from, to), (first, last))?;
    let names: HashMap<Uuid, String> = rows
        .names
        .iter()
        .filter_map(|(id, name, _)| Some((id.parse().ok()?, name.clone())))
        .collect();
    let starts: HashMap<Uuid, chrono::NaiveDate> = rows
        .names
        .iter()
        .filter_map(|(id, _, since)| Some((id.parse().ok()?, since.as_deref()?.parse().ok()?)))
        .collect();
    // The targets set at or above each cell: the nearest one holds.
    let mut set = HashMap::new();
    for (id, fields) in &rows.targets {
        let fields: sotay_core::FieldMap =
            serde_json::from_str(fields).map_err(|e| crate::rows::corrupt(id, e))?;
        let id: Uuid = id.parse().map_err(|e| crate::rows::corrupt(id, e))?;
        let t = UnitTargets::from_fields(id, fields)
            .map_err(|e| crate::rows::corrupt(&id.to_string(), e))?;
        set.insert(t.unit_id, t.targets());
    }
    let plans: HashMap<Uuid, i64> = rows
        .plans
        .iter()
        .filter_map(|(unit, n)| Some((unit.parse().ok()?, *n)))
        .collect();
    let (mut by_cell, members) = facts(rows);
    let today = now.with_timezone(&ZONE).date_naive();
    let name = |u: Uuid| names.get(&u).cloned().unwrap_or_default();
    let mut out: Vec<CellFigures> = cells
        .into_iter()
        .map(|cell| {
            let f = CellFacts {
                since: since_for(&chain(cell), &starts),
                ..by_cell.remove(&cell).unwrap_or_default()
            };
            let figures = cell_figures(year, today, PUBLISH_LEAD, &f);
            CellFigures {
                in_sotay_since: f.since,
                unit_id: cell,
                name: name(cell),
                parent_name: parent(cell).map(name).unwrap_or_default(),
                members: members.get(&cell).copied().unwrap_or(0),
                verdicts: verdicts(&figures, &inherited(&chain(cell), &set), year, today),
                months: monthly(year, PUBLISH_LEAD, &f.meetings, f.since),
                figures,
            }
        })
        .collect();
    out.sort_by(|a, b| a.name.cmp(&b.name));
    // The unit's committee, then the units the cells are under, by name.
    let mut committees: Vec<(Uuid, String)> = out
        .iter()
        .filter_map(|c| parent(c.unit_id))
        .filter(|p| *p != unit && tree.above(*p).contains(&unit))
        .map(|p| (p, name(p)))
        .collect();
    committees.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    committees.dedup();
    committees.insert(0, (unit, name(unit)));
    let admitted: Vec<(Vec<Uuid>, i64)> = out
        .iter()
        .map(|c| (chain(c.unit_id), c.figures.admitted))
        .collect();
    Ok(UnitFigures {
        admissions: admissions(&committees, &admitted, &plans),
        unit_id: unit,
        unit_name: name(unit),
        year,
        as_of: today.to_string(),
        targets: inherited(&chain(unit), &set),
        cells: out,
    })
}

/// This year in Vietnam.
pub(crate) fn this_year(now: DateTime<Utc>) -> i32 {
    now.with_timezone(&ZONE).year()
}
