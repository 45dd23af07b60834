//! The monitoring figures' facts on PostgreSQL: the same reads as on SQLite
//! (`src/sqlite/report.rs`), each served by a partial index of schema 6 or 7 on the same
//! expressions.

use super::conn::Prepared;
use super::db;
use super::tx::PgTx;
use crate::report::{FactRows, MeetingRow};
use crate::rows;
use crate::storage::{ReportTx, Result};
use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

impl ReportTx for PgTx<'_, '_, '_, '_> {
    fn report_rows(
        &mut self,
        cells: &[Uuid],
        named: &[Uuid],
        span_ms: (i64, i64),
        due: (NaiveDate, NaiveDate),
    ) -> Result<FactRows> {
        report_rows(&mut *self.conn()?, cells, named, span_ms, due)
    }
}

fn report_rows(
    tx: &mut Prepared<'_, '_>,
    cells: &[Uuid],
    named: &[Uuid],
    (from, to): (i64, i64),
    (due_from, due_to): (NaiveDate, NaiveDate),
) -> Result<FactRows> {
    let cells = rows::scope_texts(cells);
    let meetings: Vec<MeetingRow> = tx
        .query(
            "SELECT scope, id, (fields::jsonb) ->> 'kind', (fields::jsonb) ->> 'status',
                    ((fields::jsonb) ->> 'starts_at')::bigint,
                    ((fields::jsonb) ->> 'published_at')::bigint,
                    (fields::jsonb) ->> 'entered_at' IS NOT NULL,
                    coalesce(((fields::jsonb) ->> 'present_count')::bigint, 0),
                    coalesce(((fields::jsonb) ->> 'absent_with_reason_count')::bigint, 0)
                      + coalesce(((fields::jsonb) ->> 'absent_without_reason_count')::bigint, 0)
             FROM record
             WHERE entity = 'meeting' AND NOT deleted AND scope = ANY($1)
               AND ((fields::jsonb) ->> 'starts_at')::bigint >= $2
               AND ((fields::jsonb) ->> 'starts_at')::bigint < $3",
            &[&cells, &from, &to],
        )
        .map_err(db)?
        .iter()
        .map(|r| MeetingRow {
            cell: r.get::<_, Option<String>>(0).unwrap_or_default(),
            id: r.get(1),
            kind: r.get::<_, Option<String>>(2).unwrap_or_default(),
            status: r.get::<_, Option<String>>(3).unwrap_or_default(),
            starts_at: r.get::<_, Option<i64>>(4).unwrap_or_default(),
            published_at: r.get(5),
            entered: r.get(6),
            present_count: r.get(7),
            absent_count: r.get(8),
        })
        .collect();
    let ids: Vec<&str> = meetings.iter().map(|m| m.id.as_str()).collect();
    let attendance: Vec<(String, String, i64)> = tx
        .query(
            "SELECT (fields::jsonb) ->> 'meeting_id', (fields::jsonb) ->> 'status', count(*)
             FROM record
             WHERE entity = 'attendance' AND NOT deleted
               AND ((fields::jsonb) ->> 'meeting_id') = ANY($1)
             GROUP BY 1, 2",
            &[&ids],
        )
        .map_err(db)?
        .iter()
        .map(|r| {
            (
                r.get::<_, Option<String>>(0).unwrap_or_default(),
                r.get::<_, Option<String>>(1).unwrap_or_default(),
                r.get(2),
            )
        })
        .collect();
    let speakers: Vec<(String, i64)> = tx
        .query(
            "SELECT (fields::jsonb) ->> 'meeting_id',
                    count(DISTINCT (fields::jsonb) ->> 'member_id')
             FROM record
             WHERE entity = 'contribution' AND NOT deleted
               AND ((fields::jsonb) ->> 'meeting_id') = ANY($1)
               AND (fields::jsonb) ->> 'kind' = 'speech'
             GROUP BY 1",
            &[&ids],
        )
        .map_err(db)?
        .iter()
        .map(|r| (r.get::<_, Option<String>>(0).unwrap_or_default(), r.get(1)))
        .collect();
    let tasks: Vec<(String, String, String, Option<String>)> = tx
        .query(
            "SELECT scope, (fields::jsonb) ->> 'due_on', (fields::jsonb) ->> 'status',
                    (fields::jsonb) ->> 'completed_on'
             FROM record
             WHERE entity = 'task' AND NOT deleted AND scope = ANY($1)
               AND (fields::jsonb) ->> 'due_on' >= $2 AND (fields::jsonb) ->> 'due_on' <= $3",
            &[&cells, &due_from.to_string(), &due_to.to_string()],
        )
        .map_err(db)?
        .iter()
        .map(|r| {
            (
                r.get::<_, Option<String>>(0).unwrap_or_default(),
                r.get::<_, Option<String>>(1).unwrap_or_default(),
                r.get::<_, Option<String>>(2).unwrap_or_default(),
                r.get(3),
            )
        })
        .collect();
    let members: Vec<(String, i64)> = tx
        .query(
            "SELECT scope, count(*) FROM record
             WHERE entity = 'member' AND NOT deleted AND scope = ANY($1)
             GROUP BY scope",
            &[&cells],
        )
        .map_err(db)?
        .iter()
        .map(|r| (r.get::<_, Option<String>>(0).unwrap_or_default(), r.get(1)))
        .collect();
    let names: Vec<(String, String, Option<String>)> = tx
        .query(
            "SELECT id, (fields::jsonb) ->> 'name', (fields::jsonb) ->> 'in_sotay_since'
             FROM record
             WHERE id = ANY($1) AND entity = 'org_unit'",
            &[&rows::scope_texts(named)],
        )
        .map_err(db)?
        .iter()
        .map(|r| {
            (
                r.get(0),
                r.get::<_, Option<String>>(1).unwrap_or_default(),
                r.get(2),
            )
        })
        .collect();
    let targets: Vec<(String, String)> = tx
        .query(
            "SELECT id, fields FROM record WHERE entity = 'unit_targets' AND NOT deleted",
            &[],
        )
        .map_err(db)?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let year = i64::from(due_from.year());
    let ratings: Vec<(String, String)> = tx
        .query(
            "SELECT scope, (fields::jsonb) ->> 'level' FROM record
             WHERE entity = 'member_rating' AND NOT deleted AND scope = ANY($1)
               AND ((fields::jsonb) ->> 'year')::bigint = $2",
            &[&cells, &year],
        )
        .map_err(db)?
        .iter()
        .map(pair)
        .collect();
    let admitted: Vec<(String, String)> = tx
        .query(
            "SELECT scope, (fields::jsonb) ->> 'admitted_on' FROM record
             WHERE entity = 'member' AND NOT deleted AND scope = ANY($1)
               AND (fields::jsonb) ->> 'admitted_on' >= $2
               AND (fields::jsonb) ->> 'admitted_on' <= $3",
            &[&cells, &due_from.to_string(), &due_to.to_string()],
        )
        .map_err(db)?
        .iter()
        .map(pair)
        .collect();
    let plans: Vec<(String, i64)> = tx
        .query(
            "SELECT scope, ((fields::jsonb) ->> 'planned')::bigint FROM record
             WHERE entity = 'admission_plan' AND NOT deleted
               AND ((fields::jsonb) ->> 'year')::bigint = $1",
            &[&year],
        )
        .map_err(db)?
        .iter()
        .map(pair)
        .collect();
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

/// A row of two columns, each empty (or zero) when NULL: a value this version cannot read
/// counts for nothing, as in the app.
fn pair<A: Default + for<'a> postgres::types::FromSql<'a>>(r: &postgres::Row) -> (String, A) {
    (
        r.get::<_, Option<String>>(0).unwrap_or_default(),
        r.get::<_, Option<A>>(1).unwrap_or_default(),
    )
}
