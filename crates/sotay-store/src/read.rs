//! Reading records generically, typed by the entity table.

use crate::error::{Result, StoreError};
use crate::value::to_json;
use rusqlite::{Connection, OptionalExtension, Params, Row};
use sotay_core::{EntityKind, FieldMap, Record};
use uuid::Uuid;

/// `SELECT id, <fields…> FROM <table>` for a kind.
pub fn select_sql(kind: EntityKind) -> String {
    let mut sql = String::from("SELECT id");
    for f in kind.fields() {
        sql.push_str(", ");
        sql.push_str(f.name);
    }
    sql.push_str(" FROM ");
    sql.push_str(kind.as_str());
    sql
}

/// A row selected with [`select_sql`] as id and fields.
pub fn row_fields(kind: EntityKind, row: &Row<'_>) -> rusqlite::Result<(String, FieldMap)> {
    let id: String = row.get(0)?;
    let mut map = FieldMap::new();
    for (i, f) in kind.fields().iter().enumerate() {
        map.insert(f.name.to_owned(), to_json(f.ty, row.get_ref(i + 1)?));
    }
    Ok((id, map))
}

fn decode<R: Record>(id: String, fields: FieldMap) -> Result<R> {
    let uuid = Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt {
        kind: R::KIND,
        id: id.clone(),
        source: serde::de::Error::custom(e),
    })?;
    R::from_fields(uuid, fields).map_err(|source| StoreError::Corrupt {
        kind: R::KIND,
        id,
        source,
    })
}

/// The live (not deleted) record with `id`.
pub fn get<R: Record>(conn: &Connection, id: Uuid) -> Result<Option<R>> {
    let sql = format!("{} WHERE id = ?1 AND deleted = 0", select_sql(R::KIND));
    let found = conn
        .prepare_cached(&sql)?
        .query_row([id.to_string()], |r| row_fields(R::KIND, r))
        .optional()?;
    found.map(|(id, fields)| decode(id, fields)).transpose()
}

/// Live records matching `filter` (an SQL condition written in code, never from input), with
/// `tail` (ORDER BY / LIMIT) appended.
pub fn list<R: Record>(
    conn: &Connection,
    filter: &str,
    tail: &str,
    params: impl Params,
) -> Result<Vec<R>> {
    let sql = format!(
        "{} WHERE deleted = 0 AND ({filter}) {tail}",
        select_sql(R::KIND)
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, |r| row_fields(R::KIND, r))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, fields) = row?;
        out.push(decode(id, fields)?);
    }
    Ok(out)
}
