//! What a PostgreSQL transaction reads of the records for pulls, the unit tree and the calendar:
//! the SQL behind those `SyncTx` and `BaseTx` operations, run once the rows the transaction wrote
//! are in the database.

use super::conn::Prepared;
use super::db;
use crate::rows::{self, RECORD_COLUMNS, RecordRow};
use crate::storage::{Departure, Result, StoredRecord};
use postgres::Row;
use sotay_core::EntityKind;
use sotay_core::model::UnitLevel;
use uuid::Uuid;

pub(super) fn read_row(row: &Row) -> RecordRow {
    RecordRow {
        id: row.get(0),
        entity: row.get(1),
        fields: row.get(2),
        clocks: row.get(3),
        deleted: row.get(4),
        scope: row.get(5),
        seq: row.get(6),
    }
}

/// Rows of `RECORD_COLUMNS`, as records.
pub(super) fn records(rows: &[Row]) -> Result<Vec<StoredRecord>> {
    rows.iter()
        .map(|r| StoredRecord::try_from(read_row(r)))
        .collect()
}

pub(super) fn records_after(
    conn: &mut Prepared<'_, '_>,
    cursor: i64,
    scopes: Option<&[Uuid]>,
    limit: u32,
) -> Result<Vec<RecordRow>> {
    let limit = i64::from(limit);
    let found = match scopes {
        None => conn.query(
            &format!("SELECT {RECORD_COLUMNS} FROM record WHERE seq > $1 ORDER BY seq LIMIT $2"),
            &[&cursor, &limit],
        ),
        Some(units) => conn.query(
            &format!(
                "SELECT {RECORD_COLUMNS} FROM record WHERE seq > $1 AND scope = ANY($3)
                 ORDER BY seq LIMIT $2"
            ),
            &[&cursor, &limit, &rows::scope_texts(units)],
        ),
    }
    .map_err(db)?;
    Ok(found.iter().map(read_row).collect())
}

pub(super) fn departures_after(
    conn: &mut Prepared<'_, '_>,
    cursor: i64,
    scopes: &[Uuid],
    limit: u32,
) -> Result<Vec<Departure>> {
    let found = conn
        .query(
            "SELECT r.id, r.entity, r.fields, r.clocks, r.deleted, r.scope, r.seq,
                    d.scope, d.seq
             FROM departure d JOIN record r ON r.id = d.record_id
             WHERE d.seq > $1 AND d.scope = ANY($3)
             ORDER BY d.seq LIMIT $2",
            &[&cursor, &i64::from(limit), &rows::scope_texts(scopes)],
        )
        .map_err(db)?;
    found
        .iter()
        .map(|r| rows::departure(read_row(r), &r.get::<_, String>(7), r.get(8)))
        .collect()
}

pub(super) fn units(conn: &mut Prepared<'_, '_>) -> Result<Vec<(Uuid, Option<Uuid>, UnitLevel)>> {
    let found = conn
        .query(
            "SELECT id, fields::jsonb ->> 'parent_id', fields::jsonb ->> 'level' FROM record
             WHERE entity = 'org_unit' AND NOT deleted",
            &[],
        )
        .map_err(db)?;
    found
        .iter()
        .map(|r| rows::unit(r.get(0), r.get(1), r.get(2)))
        .collect()
}

pub(super) fn scope_records(
    conn: &mut Prepared<'_, '_>,
    scope: Uuid,
    kinds: &[EntityKind],
) -> Result<Vec<StoredRecord>> {
    let kinds: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    let found = conn
        .query(
            &format!(
                "SELECT {RECORD_COLUMNS} FROM record
                 WHERE scope = $1 AND NOT deleted AND entity = ANY($2) ORDER BY seq"
            ),
            &[&scope.to_string(), &kinds],
        )
        .map_err(db)?;
    records(&found)
}
