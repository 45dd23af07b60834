//! The record and audit rows a transaction writes, sent to PostgreSQL together: one statement
//! for all the records and one for all the audit entries, instead of one round trip each. A
//! push of 500 mutations waited on the database a thousand times for these alone.
//!
//! `PgTx` sends them before anything reads the record or audit tables and before it commits,
//! so nothing can tell them apart from writes made one by one.

use super::conn::Prepared;
use super::db;
use crate::rows::{AuditRow, RecordRow};
use crate::storage::Result;
use std::collections::HashMap;

#[derive(Default)]
pub(super) struct Deferred {
    records: Vec<RecordRow>,
    /// Where each record's row is in `records`: a record written twice goes once, as last written.
    at: HashMap<String, usize>,
    audit: Vec<AuditRow>,
}

impl Deferred {
    pub fn record(&mut self, row: RecordRow) {
        match self.at.get(&row.id) {
            Some(&i) => self.records[i] = row,
            None => {
                self.at.insert(row.id.clone(), self.records.len());
                self.records.push(row);
            }
        }
    }

    pub fn audit(&mut self, row: AuditRow) {
        self.audit.push(row);
    }

    /// Sends what waits, in the order it was written.
    pub fn flush(&mut self, tx: &mut Prepared<'_, '_>) -> Result<()> {
        if !self.records.is_empty() {
            let rows = std::mem::take(&mut self.records);
            self.at.clear();
            let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
            let entities: Vec<&str> = rows.iter().map(|r| r.entity.as_str()).collect();
            let fields: Vec<&str> = rows.iter().map(|r| r.fields.as_str()).collect();
            let clocks: Vec<&str> = rows.iter().map(|r| r.clocks.as_str()).collect();
            let deleted: Vec<bool> = rows.iter().map(|r| r.deleted).collect();
            let scopes: Vec<Option<&str>> = rows.iter().map(|r| r.scope.as_deref()).collect();
            let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
            tx.execute(
                "INSERT INTO record (id, entity, fields, clocks, deleted, scope, seq)
                 SELECT * FROM unnest($1::TEXT[], $2::TEXT[], $3::TEXT[], $4::TEXT[],
                                      $5::BOOLEAN[], $6::TEXT[], $7::BIGINT[])
                 ON CONFLICT (id) DO UPDATE SET fields = excluded.fields,
                    clocks = excluded.clocks, deleted = excluded.deleted,
                    scope = excluded.scope, seq = excluded.seq",
                &[&ids, &entities, &fields, &clocks, &deleted, &scopes, &seqs],
            )
            .map_err(db)?;
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
        Ok(())
    }
}
