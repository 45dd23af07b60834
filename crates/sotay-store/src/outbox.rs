//! The outbox: local changes waiting for the server, oldest first.

use crate::error::Result;
use rusqlite::Connection;
use serde::Serialize;
use sotay_core::{FieldMap, Hlc};

/// One local change as the sync engine will push it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutboxEntry {
    /// Strictly increasing per client, never reused: the server's idempotency key.
    pub mutation_id: i64,
    pub entity: String,
    pub entity_id: String,
    /// `insert`, `update` or `delete`.
    pub op: String,
    /// The changed fields with their new values.
    pub fields: FieldMap,
    /// Those fields' values before an update: the base of a three-way text merge.
    pub base: Option<FieldMap>,
    pub hlc: Hlc,
}

pub fn count(conn: &Connection) -> Result<u64> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM outbox")?
        .query_row([], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

pub fn oldest(conn: &Connection, limit: u32) -> Result<Vec<OutboxEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT mutation_id, entity, entity_id, op, fields, base, hlc
         FROM outbox ORDER BY mutation_id LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        let fields: String = r.get(4)?;
        let base: Option<String> = r.get(5)?;
        Ok(OutboxEntry {
            mutation_id: r.get(0)?,
            entity: r.get(1)?,
            entity_id: r.get(2)?,
            op: r.get(3)?,
            fields: serde_json::from_str(&fields).unwrap_or_default(),
            base: base.and_then(|b| serde_json::from_str(&b).ok()),
            hlc: Hlc::from_i64(r.get(6)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
