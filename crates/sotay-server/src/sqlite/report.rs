//! The monitoring figures' facts on SQLite: a statement each for the meetings, their roll calls,
//! their speakers, the tasks, the rosters, the ratings and the admissions of a set of cells, the
//! units' names, targets and admission plans — each served by a partial index of schema 7 or 8
//! on its own expressions, so a year of a district
//! reads its own rows, not every record of its cells. (Where the planner, with no statistics,
//! might take the record table's scope index instead, `INDEXED BY` names the one to use.)

use super::{SqliteTx, json_list};
use crate::report::{FactRows, MeetingRow};
use crate::storage::{ReportTx, Result};
use chrono::{Datelike, NaiveDate};
use rusqlite::Transaction;
use uuid::Uuid;

impl ReportTx for SqliteTx<'_> {
    fn report_rows(
        &mut self,
        cells: &[Uuid],
        named: &[Uuid],
        span_ms: (i64, i64),
        due: (NaiveDate, NaiveDate),
    ) -> Result<FactRows> {
        report_rows(self.tx, cells, named, span_ms, due)
    }
}

fn report_rows(
    tx: &Transaction<'_>,
    cells: &[Uuid],
    named: &[Uuid],
    (from, to): (i64, i64),
    (due_from, due_to): (NaiveDate, NaiveDate),
) -> Result<FactRows> {
    let cells = json_list(cells)?;
    let meetings: Vec<MeetingRow> = tx
        .prepare_cached(
            "SELECT scope, id, json_extract(fields, '$.kind'), json_extract(fields, '$.status'),
                    json_extract(fields, '$.starts_at'), json_extract(fields, '$.published_at'),
                    json_extract(fields, '$.entered_at') IS NOT NULL,
                    coalesce(json_extract(fields, '$.present_count'), 0),
                    coalesce(json_extract(fields, '$.absent_with_reason_count'), 0)
                      + coalesce(json_extract(fields, '$.absent_without_reason_count'), 0)
             FROM record
             WHERE entity = 'meeting' AND deleted = 0
               AND scope IN (SELECT value FROM json_each(?1))
               AND json_extract(fields, '$.starts_at') >= ?2
               AND json_extract(fields, '$.starts_at') < ?3",
        )?
        .query_map(rusqlite::params![cells, from, to], |r| {
            Ok(MeetingRow {
                cell: r.get(0)?,
                id: r.get(1)?,
                kind: r.get(2)?,
                status: r.get(3)?,
                starts_at: r.get(4)?,
                published_at: r.get(5)?,
                entered: r.get(6)?,
                present_count: r.get(7)?,
                absent_count: r.get(8)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let ids = serde_json::to_string(&meetings.iter().map(|m| m.id.as_str()).collect::<Vec<_>>())
        .map_err(|e| crate::rows::corrupt("meetings", e))?;
    // The same expression as the index `record_meeting`, so it is used.
    let attendance: Vec<(String, String, i64)> = tx
        .prepare_cached(
            "SELECT json_extract(fields, '$.meeting_id'), json_extract(fields, '$.status'), count(*)
             FROM record
             WHERE entity = 'attendance' AND deleted = 0
               AND json_extract(fields, '$.meeting_id') IN (SELECT value FROM json_each(?1))
             GROUP BY 1, 2",
        )?
        .query_map([&ids], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let speakers: Vec<(String, i64)> = tx
        .prepare_cached(
            "SELECT json_extract(fields, '$.meeting_id'),
                    count(DISTINCT json_extract(fields, '$.member_id'))
             FROM record
             WHERE entity = 'contribution' AND deleted = 0
               AND json_extract(fields, '$.meeting_id') IN (SELECT value FROM json_each(?1))
               AND json_extract(fields, '$.kind') = 'speech'
             GROUP BY 1",
        )?
        .query_map([&ids], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let tasks: Vec<(String, String, String, Option<String>)> = tx
        .prepare_cached(
            "SELECT scope, json_extract(fields, '$.due_on'), json_extract(fields, '$.status'),
                    json_extract(fields, '$.completed_on')
             FROM record
             WHERE entity = 'task' AND deleted = 0
               AND scope IN (SELECT value FROM json_each(?1))
               AND json_extract(fields, '$.due_on') >= ?2
               AND json_extract(fields, '$.due_on') <= ?3",
        )?
        .query_map(
            rusqlite::params![cells, due_from.to_string(), due_to.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?
        .collect::<Result<_, _>>()?;
    let members: Vec<(String, i64)> = tx
        .prepare_cached(
            "SELECT scope, count(*) FROM record INDEXED BY record_member_scope
             WHERE entity = 'member' AND deleted = 0
               AND scope IN (SELECT value FROM json_each(?1))
             GROUP BY scope",
        )?
        .query_map([&cells], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let names: Vec<(String, String, Option<String>)> = tx
        .prepare_cached(
            "SELECT id, json_extract(fields, '$.name'), json_extract(fields, '$.in_sotay_since')
             FROM record
             WHERE id IN (SELECT value FROM json_each(?1)) AND entity = 'org_unit'",
        )?
        .query_map([json_list(named)?], |r| {
            Ok((
                r.get(0)?,
                r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                r.get(2)?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let targets: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT id, fields FROM record INDEXED BY record_unit_targets
             WHERE entity = 'unit_targets' AND deleted = 0",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let year = i64::from(due_from.year());
    let ratings: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT scope, json_extract(fields, '$.level') FROM record INDEXED BY record_member_rating
             WHERE entity = 'member_rating' AND deleted = 0
               AND scope IN (SELECT value FROM json_each(?1))
               AND json_extract(fields, '$.year') = ?2",
        )?
        .query_map(rusqlite::params![cells, year], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let admitted: Vec<(String, String)> = tx
        .prepare_cached(
            "SELECT scope, json_extract(fields, '$.admitted_on')
             FROM record INDEXED BY record_member_admitted
             WHERE entity = 'member' AND deleted = 0
               AND scope IN (SELECT value FROM json_each(?1))
               AND json_extract(fields, '$.admitted_on') >= ?2
               AND json_extract(fields, '$.admitted_on') <= ?3",
        )?
        .query_map(
            rusqlite::params![cells, due_from.to_string(), due_to.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .collect::<Result<_, _>>()?;
    let plans: Vec<(String, i64)> = tx
        .prepare_cached(
            "SELECT scope, json_extract(fields, '$.planned')
             FROM record INDEXED BY record_admission_plan
             WHERE entity = 'admission_plan' AND deleted = 0
               AND json_extract(fields, '$.year') = ?1",
        )?
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(FactRows {
        meetings,
        attendance,
        speakers,
        tasks,
        members,
        names,
        targets,
        ratings,
        admitted,
        plans,
    })
}
