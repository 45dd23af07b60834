//! The audit log on SQLite.

use super::SqliteTx;
use crate::rows::{AUDIT_COLUMNS, AuditRow};
use crate::storage::{AuditTx, Result};
use sotay_sync_protocol::{AuditEntry, AuditQuery};

impl AuditTx for SqliteTx<'_> {
    fn append_audit(&mut self, entry: &AuditEntry) -> Result<()> {
        let r = AuditRow::encode(entry);
        self.tx
            .prepare_cached(
                "INSERT INTO audit
                    (at, member, device, entity, record_id, unit, action, refused, changes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(rusqlite::params![
                r.at,
                r.member,
                r.device,
                r.entity,
                r.record_id,
                r.unit,
                r.action,
                r.refused,
                r.changes
            ])?;
        Ok(())
    }

    fn audit_log(&mut self, q: &AuditQuery, limit: u32) -> Result<Vec<AuditEntry>> {
        let found: Vec<AuditRow> = self
            .tx
            .prepare_cached(&format!(
                "SELECT {AUDIT_COLUMNS} FROM audit
                 WHERE (?1 IS NULL OR unit = ?1) AND (?2 IS NULL OR member = ?2)
                   AND (?3 IS NULL OR at >= ?3) AND (?4 IS NULL OR at < ?4) AND seq > ?5
                 ORDER BY seq LIMIT ?6"
            ))?
            .query_map(
                rusqlite::params![
                    q.unit.map(|u| u.to_string()),
                    q.member.map(|m| m.to_string()),
                    q.since,
                    q.until,
                    q.after.unwrap_or(0),
                    limit
                ],
                |r| {
                    Ok(AuditRow {
                        seq: r.get(0)?,
                        at: r.get(1)?,
                        member: r.get(2)?,
                        device: r.get(3)?,
                        entity: r.get(4)?,
                        record_id: r.get(5)?,
                        unit: r.get(6)?,
                        action: r.get(7)?,
                        refused: r.get(8)?,
                        changes: r.get(9)?,
                    })
                },
            )?
            .collect::<Result<_, _>>()?;
        found.into_iter().map(AuditEntry::try_from).collect()
    }
}
