//! The audit log's role: appended to by a push, read by administrators.

use super::Result;
use sotay_sync_protocol::{AuditEntry, AuditQuery};

/// The audit log.
pub trait AuditTx {
    /// Appends an entry to the audit log (its `seq` is the log's to give).
    fn append_audit(&mut self, entry: &AuditEntry) -> Result<()>;
    /// The audit log's entries that match `query`, oldest first, at most `limit`.
    fn audit_log(&mut self, query: &AuditQuery, limit: u32) -> Result<Vec<AuditEntry>>;
}
