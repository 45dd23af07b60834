//! Writing the server's records into the store, one page (or push answer) at a time, inside the
//! transaction [`crate::Store`] opened for it.
//!
//! A first pull brings a whole district's year, so this is the store's busiest path; what it does
//! per record is kept to the statements the record needs:
//! - the outbox is looked at once a page while it is empty (a first pull's case), not per record;
//! - a record is first tried as a new row (`INSERT OR IGNORE`) while the page's records keep
//!   turning out new, so a first pull runs one statement a record instead of a lookup and an
//!   insert; anything else — a row already there, a refused row — goes the careful way;
//! - a new row's search entry is made from the pulled fields, without reading the row back;
//! - the statements' SQL is built once a page for each kind and set of fields, not per record.

use crate::error::{Result, StoreError};
use crate::read::{row_fields, select_sql};
use crate::search::{self, IndexJob};
use crate::sync::RemoteRecord;
use crate::value::{to_sql, to_sql_ref};
use rusqlite::types::{ToSqlOutput, Value as Sql, ValueRef};
use rusqlite::{OptionalExtension, Transaction, params_from_iter};
use sotay_core::{EntityKind, FieldMap};
use std::collections::{HashMap, HashSet};

/// Applies server records in one transaction; collects the search index's changes for
/// [`search::apply`] at the end.
pub(crate) struct PageWriter<'t, 'c> {
    tx: &'t Transaction<'c>,
    jobs: Vec<IndexJob>,
    outbox_empty: bool,
    resyncing: bool,
    /// Whether the last record that had to be looked up was new: then the next is tried as a
    /// new row first.
    insert_first: bool,
    /// SQL by (kind, which fields the record carries, which statement).
    sql: HashMap<(EntityKind, u64, Statement), String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Statement {
    Insert,
    InsertOrIgnore,
    Update,
}

impl<'t, 'c> PageWriter<'t, 'c> {
    pub(crate) fn new(tx: &'t Transaction<'c>, jobs: Vec<IndexJob>) -> Result<Self> {
        let outbox_empty = !tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM outbox)")?
            .query_row([], |row| row.get::<_, bool>(0))?;
        Ok(PageWriter {
            tx,
            jobs,
            outbox_empty,
            resyncing: crate::resync::under_way(tx)?,
            insert_first: true,
            sql: HashMap::new(),
        })
    }

    /// The search index's changes, in order.
    pub(crate) fn finish(self) -> Vec<IndexJob> {
        self.jobs
    }

    /// Takes the server's state of one record. A field with a local change still waiting to be
    /// pushed keeps its local value (the server merges it when it arrives); a record deleted
    /// locally and not yet pushed stays deleted.
    pub(crate) fn apply(&mut self, r: &RemoteRecord) -> Result<()> {
        let tx = self.tx;
        let key = r.id.to_string();
        let table = r.entity.as_str();
        let (pending, pending_delete) = if self.outbox_empty {
            (HashSet::new(), false)
        } else {
            pending_fields(tx, &key)?
        };
        if pending_delete {
            return Ok(());
        }
        if r.gone && pending.is_empty() {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE id = ?1"))?
                .execute([&key])?;
            self.unindex(r);
            return Ok(());
        }
        crate::resync::seen(tx, self.resyncing, &key)?;
        let fields: Vec<(&str, &serde_json::Value)> = r
            .entity
            .fields()
            .iter()
            .filter(|f| !pending.contains(f.name))
            .filter_map(|f| r.fields.get(f.name).map(|v| (f.name, v)))
            .collect();
        if self.insert_first && !r.deleted && pending.is_empty() {
            let sql = self.sql(r.entity, &fields, Statement::InsertOrIgnore);
            if tx
                .prepare_cached(sql)?
                .execute(insert_values(r, &key, &fields))?
                == 1
            {
                self.index(r, &r.fields);
                return Ok(());
            }
        }
        let exists: Option<bool> = tx
            .prepare_cached(&format!("SELECT deleted FROM {table} WHERE id = ?1"))?
            .query_row([&key], |row| row.get(0))
            .optional()?;
        self.insert_first = exists.is_none();
        if r.deleted {
            if exists == Some(false) {
                tx.prepare_cached(&format!(
                    "UPDATE {table} SET deleted = 1, hlc = ?2, origin = ?3 WHERE id = ?1"
                ))?
                .execute(rusqlite::params![
                    key,
                    r.hlc.as_i64(),
                    r.origin.to_string()
                ])?;
                self.unindex(r);
            }
            return Ok(());
        }
        // What the device already holds as the server has it — its own records coming back
        // after its first push, a page pulled again — is left as it is, search index and all.
        if exists == Some(false) && holds_already(tx, r, &fields)? {
            return Ok(());
        }
        if exists.is_some() {
            // The server's record is live: a local delete it refused comes undone (one still
            // waiting to be pushed was skipped above).
            let sql = self.sql(r.entity, &fields, Statement::Update);
            let mut values: Vec<Sql> = vec![
                key.clone().into(),
                r.hlc.as_i64().into(),
                r.origin.to_string().into(),
            ];
            values.extend(fields.iter().map(|(_, v)| to_sql(v)));
            tx.prepare_cached(sql)?.execute(params_from_iter(values))?;
        } else {
            let sql = self.sql(r.entity, &fields, Statement::Insert);
            tx.prepare_cached(sql)?
                .execute(insert_values(r, &key, &fields))
                .map_err(|e| StoreError::Pulled {
                    kind: r.entity,
                    id: r.id,
                    reason: e.to_string(),
                })?;
        }
        if search::SEARCHABLE.contains(&r.entity) {
            if exists.is_none() && pending.is_empty() {
                self.index(r, &r.fields);
            } else {
                // Some of the row's fields are local: index the row as it now stands.
                let full = tx
                    .prepare_cached(&format!("{} WHERE id = ?1", select_sql(r.entity)))?
                    .query_row([&key], |row| row_fields(r.entity, row))?;
                self.index(r, &full.1);
            }
        }
        Ok(())
    }

    fn index(&mut self, r: &RemoteRecord, fields: &FieldMap) {
        self.jobs.extend(search::job(r.entity, r.id, fields));
    }

    fn unindex(&mut self, r: &RemoteRecord) {
        if search::SEARCHABLE.contains(&r.entity) {
            self.jobs.push(IndexJob::Remove(r.id));
        }
    }

    /// The statement's SQL for a record of `kind` carrying `fields` (in the kind's field order).
    fn sql(
        &mut self,
        kind: EntityKind,
        fields: &[(&str, &serde_json::Value)],
        s: Statement,
    ) -> &str {
        let all = kind.fields();
        let mask = fields.iter().fold(0u64, |mask, (name, _)| {
            mask | all
                .iter()
                .position(|f| f.name == *name)
                .map_or(0, |i| 1 << i)
        });
        self.sql
            .entry((kind, mask, s))
            .or_insert_with(|| statement_sql(kind, fields, s))
    }
}

fn statement_sql(kind: EntityKind, fields: &[(&str, &serde_json::Value)], s: Statement) -> String {
    let table = kind.as_str();
    let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
    match s {
        Statement::Insert | Statement::InsertOrIgnore => format!(
            "INSERT {}INTO {table} (id, {}created_hlc, hlc, origin) VALUES ({})",
            if s == Statement::InsertOrIgnore {
                "OR IGNORE "
            } else {
                ""
            },
            names.iter().map(|n| format!("{n}, ")).collect::<String>(),
            (1..=names.len() + 4)
                .map(|i| format!("?{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Statement::Update => {
            let sets: String = names
                .iter()
                .enumerate()
                .map(|(i, name)| format!("{name} = ?{}, ", i + 4))
                .collect();
            format!(
                "UPDATE {table} SET {sets}deleted = 0, hlc = max(hlc, ?2), origin = ?3 WHERE id = ?1"
            )
        }
    }
}

/// An insert's values, in [`statement_sql`]'s order; the texts are bound where they are.
fn insert_values<'v>(
    r: &RemoteRecord,
    key: &'v str,
    fields: &[(&str, &'v serde_json::Value)],
) -> rusqlite::ParamsFromIter<Vec<ToSqlOutput<'v>>> {
    let mut values = Vec::with_capacity(fields.len() + 4);
    values.push(ToSqlOutput::Borrowed(ValueRef::Text(key.as_bytes())));
    values.extend(fields.iter().map(|(_, v)| to_sql_ref(v)));
    values.push(ToSqlOutput::Owned(r.hlc.as_i64().into()));
    values.push(ToSqlOutput::Owned(r.hlc.as_i64().into()));
    values.push(ToSqlOutput::Owned(r.origin.to_string().into()));
    params_from_iter(values)
}

/// The fields of the record with this id that have a change waiting in the outbox, and whether
/// one of its waiting changes is a delete.
fn pending_fields(tx: &Transaction<'_>, key: &str) -> Result<(HashSet<String>, bool)> {
    let mut pending = HashSet::new();
    let mut pending_delete = false;
    let mut stmt = tx.prepare_cached("SELECT op, fields FROM outbox WHERE entity_id = ?1")?;
    let rows = stmt.query_map([key], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (op, fields) = row?;
        pending_delete |= op == "delete";
        if let Ok(map) = serde_json::from_str::<FieldMap>(&fields) {
            pending.extend(map.into_iter().map(|(k, _)| k));
        }
    }
    Ok((pending, pending_delete))
}

/// Whether the live local row of `r` has every one of `fields` as pulled, at `r`'s clock or
/// later: applying `r` would change nothing.
fn holds_already(
    tx: &Transaction<'_>,
    r: &RemoteRecord,
    fields: &[(&str, &serde_json::Value)],
) -> Result<bool> {
    // `select_sql`'s columns (what `row_fields` reads), then the row's clock.
    let names: Vec<&str> = r.entity.fields().iter().map(|f| f.name).collect();
    let sql = format!(
        "SELECT id, {}, hlc FROM {} WHERE id = ?1",
        names.join(", "),
        r.entity.as_str()
    );
    let n = names.len();
    let local = tx
        .prepare_cached(&sql)?
        .query_row([r.id.to_string()], |row| {
            Ok((row_fields(r.entity, row)?.1, row.get::<_, i64>(n + 1)?))
        })
        .optional()?;
    Ok(local.is_some_and(|(held, hlc)| {
        hlc >= r.hlc.as_i64() && fields.iter().all(|(name, v)| held.get(*name) == Some(*v))
    }))
}

#[cfg(test)]
mod tests {
    use sotay_core::EntityKind;

    #[test]
    fn every_kind_fits_the_field_mask() {
        for kind in EntityKind::ALL {
            assert!(
                kind.fields().len() <= 64,
                "{kind:?} has more fields than a u64 has bits"
            );
        }
    }
}
