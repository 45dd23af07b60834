//! The record and audit rows a transaction writes, sent to PostgreSQL together: one statement
//! for all the records and one for all the audit entries, instead of one round trip each. A
//! push of 500 mutations waited on the database a thousand times for these alone.
//!
//! `PgTx` sends them before anything reads the record or audit tables and before it commits,
//! so nothing can tell them apart from writes made one by one; a writing transaction sends them
//! in batches from a thread of its own (`writer.rs`).
//!
//! Records the transaction saw absent while holding the write lock go in with a plain `INSERT`:
//! no other writer can add them before it commits, and PostgreSQL's `ON CONFLICT` path (a
//! speculative insertion, checked and confirmed) cost a fifth more for each of a first push's
//! new records.

use super::conn::Prepared;
use super::db;
use crate::rows::{AuditRow, RecordRow};
use crate::storage::Result;
use sotay_core::ClientId;
use std::collections::HashMap;

#[derive(Default)]
pub(super) struct Deferred {
    /// Each row, and whether its record was known absent under the write lock.
    records: Vec<(RecordRow, bool)>,
    /// Where each record's row is in `records`: a record written twice goes once, as last written.
    at: HashMap<String, usize>,
    audit: Vec<AuditRow>,
    /// Settings written (the `meta` table), each with its last value: a push that adds org
    /// units moves the unit tree's version with each.
    meta: Vec<(String, String)>,
    /// Refused mutations, by client and mutation id, with the reason (JSON).
    refusals: Vec<(String, i64, String)>,
}

impl Deferred {
    /// Keeps `row` to send; `new` when its record was known absent under the write lock (a
    /// record written twice keeps what was known at its first write).
    pub fn record(&mut self, row: RecordRow, new: bool) {
        match self.at.get(&row.id) {
            Some(&i) => self.records[i].0 = row,
            None => {
                self.at.insert(row.id.clone(), self.records.len());
                self.records.push((row, new));
            }
        }
    }

    pub fn audit(&mut self, row: AuditRow) {
        self.audit.push(row);
    }

    pub fn meta(&mut self, key: &str, value: &str) {
        match self.meta.iter_mut().find(|(k, _)| k == key) {
            Some(kept) => value.clone_into(&mut kept.1),
            None => self.meta.push((key.to_owned(), value.to_owned())),
        }
    }

    pub fn refusal(&mut self, client: ClientId, id: i64, reason: &str) {
        self.refusals
            .push((client.to_string(), id, reason.to_owned()));
    }

    /// How many record rows wait.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
            && self.audit.is_empty()
            && self.meta.is_empty()
            && self.refusals.is_empty()
    }

    /// Sends what waits, in the order it was written.
    pub fn flush(&mut self, tx: &mut Prepared<'_, '_>) -> Result<()> {
        if !self.records.is_empty() {
            let rows = std::mem::take(&mut self.records);
            self.at.clear();
            let (new, known): (Vec<_>, Vec<_>) = rows.into_iter().partition(|(_, new)| *new);
            insert(tx, &new, "")?;
            insert(
                tx,
                &known,
                "ON CONFLICT (id) DO UPDATE SET fields = excluded.fields,
                    clocks = excluded.clocks, deleted = excluded.deleted,
                    scope = excluded.scope, seq = excluded.seq",
            )?;
        }
        if !self.audit.is_empty() {
            let rows = std::mem::take(&mut self.audit);
            let at: Vec<i64> = rows.iter().map(|r| r.at).collect();
            let member: Vec<Option<&str>> = rows.iter().map(|r| r.member.as_deref()).collect();
            let device: Vec<&str> = rows.iter().map(|r| r.device.as_str()).collect();
            let entity: Vec<&str> = rows.iter().map(|r| r.entity.as_str()).collect();
            let record: Vec<&str> = rows.iter().map(|r| r.record_id.as_str()).collect();
            let unit: Vec<Option<&str>> = rows.iter().map(|r| r.unit.as_deref()).collect();
            let action: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
            let refused: Vec<Option<&str>> = rows.iter().map(|r| r.refused.as_deref()).collect();
            let changes: Vec<&str> = rows.iter().map(|r| r.changes.as_str()).collect();
            // WITH ORDINALITY: the log's sequence numbers follow the order of the writes.
            tx.execute(
                "INSERT INTO audit
                    (at, member, device, entity, record_id, unit, action, refused, changes)
                 SELECT at, member, device, entity, record_id, unit, action, refused, changes
                 FROM unnest($1::BIGINT[], $2::TEXT[], $3::TEXT[], $4::TEXT[], $5::TEXT[],
                             $6::TEXT[], $7::TEXT[], $8::TEXT[], $9::TEXT[])
                      WITH ORDINALITY
                      AS w(at, member, device, entity, record_id, unit, action, refused, changes, n)
                 ORDER BY n",
                &[
                    &at, &member, &device, &entity, &record, &unit, &action, &refused, &changes,
                ],
            )
            .map_err(db)?;
        }
        for (key, value) in std::mem::take(&mut self.meta) {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ($1, $2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                &[&key, &value],
            )
            .map_err(db)?;
        }
        // One statement each: a push refuses a few mutations, not thousands.
        for (client, id, reason) in std::mem::take(&mut self.refusals) {
            tx.execute(
                "INSERT INTO refusal (client, mutation_id, reason) VALUES ($1, $2, $3)
                 ON CONFLICT (client, mutation_id) DO NOTHING",
                &[&client, &id, &reason],
            )
            .map_err(db)?;
        }
        Ok(())
    }
}

/// One statement inserting `rows`, ending with `conflict` (what to do with an existing id).
fn insert(tx: &mut Prepared<'_, '_>, rows: &[(RecordRow, bool)], conflict: &str) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = rows.iter().map(|(r, _)| r.id.as_str()).collect();
    let entities: Vec<&str> = rows.iter().map(|(r, _)| r.entity.as_str()).collect();
    let fields: Vec<&str> = rows.iter().map(|(r, _)| r.fields.as_str()).collect();
    let clocks: Vec<&str> = rows.iter().map(|(r, _)| r.clocks.as_str()).collect();
    let deleted: Vec<bool> = rows.iter().map(|(r, _)| r.deleted).collect();
    let scopes: Vec<Option<&str>> = rows.iter().map(|(r, _)| r.scope.as_deref()).collect();
    let seqs: Vec<i64> = rows.iter().map(|(r, _)| r.seq).collect();
    tx.execute(
        &format!(
            "INSERT INTO record (id, entity, fields, clocks, deleted, scope, seq)
             SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[],
                                  $5::BOOLEAN[], $6::TEXT[], $7::BIGINT[])
             {conflict}"
        ),
        &[&ids, &entities, &fields, &clocks, &deleted, &scopes, &seqs],
    )
    .map_err(db)?;
    Ok(())
}
