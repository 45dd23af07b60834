//! The audit log on PostgreSQL. Entries are appended with the rows a push writes
//! (`writes.rs`), in the order written; the log is read once they are in.

use super::db;
use super::tx::PgTx;
use crate::rows::{AUDIT_COLUMNS, AuditRow};
use crate::storage::{AuditTx, Result};
use sotay_sync_protocol::{AuditEntry, AuditQuery};

impl AuditTx for PgTx<'_, '_, '_, '_> {
    fn append_audit(&mut self, entry: &AuditEntry) -> Result<()> {
        self.deferred().audit(AuditRow::encode(entry));
        Ok(())
    }

    fn audit_log(&mut self, q: &AuditQuery, limit: u32) -> Result<Vec<AuditEntry>> {
        let found = self
            .conn()?
            .query(
                &format!(
                    "SELECT {AUDIT_COLUMNS} FROM audit
                     WHERE ($1::TEXT IS NULL OR unit = $1) AND ($2::TEXT IS NULL OR member = $2)
                       AND ($3::BIGINT IS NULL OR at >= $3) AND ($4::BIGINT IS NULL OR at < $4)
                       AND seq > $5
                     ORDER BY seq LIMIT $6"
                ),
                &[
                    &q.unit.map(|u| u.to_string()),
                    &q.member.map(|m| m.to_string()),
                    &q.since,
                    &q.until,
                    &q.after.unwrap_or(0),
                    &i64::from(limit),
                ],
            )
            .map_err(db)?;
        found
            .iter()
            .map(|r| {
                AuditEntry::try_from(AuditRow {
                    seq: r.get(0),
                    at: r.get(1),
                    member: r.get(2),
                    device: r.get(3),
                    entity: r.get(4),
                    record_id: r.get(5),
                    unit: r.get(6),
                    action: r.get(7),
                    refused: r.get(8),
                    changes: r.get(9),
                })
            })
            .collect()
    }
}
