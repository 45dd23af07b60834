//! The outbox: local changes waiting for the server, oldest first.

use crate::error::{Result, StoreError};
use rusqlite::Connection;
use sotay_core::{EntityKind, FieldMap, Hlc, Op};
use uuid::Uuid;

/// One local change as the sync engine will push it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxEntry {
    /// Strictly increasing per client, never reused: the server's idempotency key.
    pub mutation_id: i64,
    pub entity: EntityKind,
    pub entity_id: Uuid,
    pub op: Op,
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

/// The columns a queued change and a refused one share, as SQLite holds them (the first five of
/// a row: mutation id, entity, entity id, op, fields).
pub(crate) struct ChangeRow {
    mutation_id: i64,
    entity: String,
    entity_id: String,
    op: String,
    fields: String,
}

/// Those columns parsed into their types.
pub(crate) struct Change {
    pub mutation_id: i64,
    pub entity: EntityKind,
    pub entity_id: Uuid,
    pub op: Op,
    pub fields: FieldMap,
}

impl ChangeRow {
    pub(crate) fn read(row: &rusqlite::Row<'_>) -> rusqlite::Result<ChangeRow> {
        Ok(ChangeRow {
            mutation_id: row.get(0)?,
            entity: row.get(1)?,
            entity_id: row.get(2)?,
            op: row.get(3)?,
            fields: row.get(4)?,
        })
    }

    /// Every column parsed, or an error naming the entry. Never a default: an op this version
    /// cannot read must not be sent, or shown, as something else (a delete, above all).
    pub(crate) fn parse(self) -> Result<Change> {
        let id = self.mutation_id;
        Ok(Change {
            mutation_id: id,
            entity: self
                .entity
                .parse()
                .map_err(|e| corrupt(id, format!("{e}")))?,
            entity_id: Uuid::parse_str(&self.entity_id)
                .map_err(|e| corrupt(id, format!("its record id `{}`: {e}", self.entity_id)))?,
            op: self.op.parse().map_err(|e| corrupt(id, format!("{e}")))?,
            fields: parse_fields(id, &self.fields)?,
        })
    }
}

fn corrupt(mutation_id: i64, reason: String) -> StoreError {
    StoreError::CorruptOutbox {
        mutation_id,
        reason,
    }
}

fn parse_fields(mutation_id: i64, text: &str) -> Result<FieldMap> {
    serde_json::from_str(text).map_err(|e| corrupt(mutation_id, format!("its fields: {e}")))
}

pub fn oldest(conn: &Connection, limit: u32) -> Result<Vec<OutboxEntry>> {
    oldest_within(conn, 0, limit, usize::MAX)
}

/// The oldest entries after mutation `after`, at most `limit`, and no more than fit in
/// `max_bytes` of stored JSON (the changed fields and their bases) — but always the first one,
/// however large.
pub fn oldest_within(
    conn: &Connection,
    after: i64,
    limit: u32,
    max_bytes: usize,
) -> Result<Vec<OutboxEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT mutation_id, entity, entity_id, op, fields, base, hlc,
                length(CAST(fields AS BLOB)) + coalesce(length(CAST(base AS BLOB)), 0)
         FROM outbox WHERE mutation_id > ?1 ORDER BY mutation_id LIMIT ?2",
    )?;
    let mut rows = stmt.query(rusqlite::params![after, limit])?;
    let mut entries = Vec::new();
    let mut bytes = 0usize;
    while let Some(r) = rows.next()? {
        bytes = bytes.saturating_add(usize::try_from(r.get::<_, i64>(7)?).unwrap_or(0));
        if bytes > max_bytes && !entries.is_empty() {
            break;
        }
        let change = ChangeRow::read(r)?;
        let base = r.get::<_, Option<String>>(5)?;
        let hlc = r.get::<_, i64>(6)?;
        let c = change.parse()?;
        entries.push(OutboxEntry {
            base: base.map(|b| parse_fields(c.mutation_id, &b)).transpose()?,
            mutation_id: c.mutation_id,
            entity: c.entity,
            entity_id: c.entity_id,
            op: c.op,
            fields: c.fields,
            hlc: Hlc::from_i64(hlc),
        });
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use crate::{Store, StoreError};
    use sotay_core::Op;
    use sotay_core::model::{OrgUnit, UnitLevel};

    /// A store whose outbox row will be damaged behind the schema's CHECK constraints, as a disk
    /// error or another program could.
    fn store_with_one_change() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let cell = OrgUnit {
            id: sotay_core::id::new_id(),
            parent_id: None,
            level: UnitLevel::Cell,
            name: "Chi bộ thôn Đông".into(),
            code: None,
            closed_on: None,
            in_sotay_since: None,
        };
        store.write(|w| w.insert(&cell)).unwrap();
        store
            .conn()
            .pragma_update(None, "ignore_check_constraints", true)
            .unwrap();
        store
    }

    #[test]
    fn entries_come_back_typed() {
        let store = store_with_one_change();
        let entries = store.outbox(10).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].op, Op::Insert);
        assert_eq!(entries[0].entity, sotay_core::EntityKind::OrgUnit);
    }

    /// Regression: an op the client could not read was pushed as a delete.
    #[test]
    fn an_unknown_op_is_an_error_not_a_delete() {
        let store = store_with_one_change();
        store
            .conn()
            .execute("UPDATE outbox SET op = 'remove'", [])
            .unwrap();
        let err = store.outbox(10).unwrap_err();
        assert!(
            matches!(&err, StoreError::CorruptOutbox { reason, .. } if reason.contains("remove")),
            "{err}"
        );
        assert_eq!(err.code(), "corrupt");
    }

    #[test]
    fn unreadable_fields_or_kinds_are_errors_too() {
        let store = store_with_one_change();
        store
            .conn()
            .execute("UPDATE outbox SET fields = '{not json'", [])
            .unwrap();
        assert!(matches!(
            store.outbox(10),
            Err(StoreError::CorruptOutbox { .. })
        ));
        store
            .conn()
            .execute(
                "UPDATE outbox SET fields = '{}', entity = 'future_kind'",
                [],
            )
            .unwrap();
        assert!(matches!(
            store.outbox(10),
            Err(StoreError::CorruptOutbox { .. })
        ));
    }
}
