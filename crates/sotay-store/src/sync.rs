//! The store's side of sync: what to push, forgetting what the server acknowledged, and applying
//! what was pulled. Knows nothing of HTTP or the protocol's types; the sync client translates.
//!
//! Applying the server's answers is the only writing to record tables that does not go through
//! [`crate::Writer`] — pulled pages (`pulled.rs`), records forgotten after the device's view
//! changed (`resync.rs`) and inserts the server refused, taken back (`rejections.rs`): they are
//! the server's state, and must not go back out as local changes.

use crate::error::Result;
use crate::pulled::PageWriter;
use crate::read::{row_fields, select_sql};
use crate::rejections::{self, Refusal};
use crate::{Store, open, search};
use sotay_core::{ClientId, EntityKind, FieldMap, Hlc};
use std::collections::HashSet;
use uuid::Uuid;

/// A record as the server holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct RemoteRecord {
    pub entity: EntityKind,
    pub id: Uuid,
    /// Every field (a tombstone's may be empty).
    pub fields: FieldMap,
    pub deleted: bool,
    pub hlc: Hlc,
    pub origin: ClientId,
    /// The record left what this device may read (it moved to a unit the device does not read):
    /// its row is removed, not kept as a tombstone.
    pub gone: bool,
}

pub(crate) const CURSOR: &str = "sync_cursor";

/// WAL pages (of 4 KiB) the commit of a pulled page or of a push's answer lets pile up before it
/// copies them into the database file when the store has no checkpoint thread, against SQLite's
/// 1,000 for every other write: 40 MiB.
pub(crate) const SYNC_CHECKPOINT_PAGES: i64 = 10_000;

impl Store {
    /// The server sequence up to which this store has applied pulled records.
    pub fn sync_cursor(&self) -> Result<i64> {
        Ok(open::get_meta(self.conn(), CURSOR)?
            .and_then(|s| s.parse().ok())
            .unwrap_or(0))
    }

    /// Forgets the outbox entries the server has processed (up to `last_mutation_id`) and, in the
    /// same transaction, takes the server's state of the records they touched.
    pub fn acknowledge(&mut self, last_mutation_id: i64, records: &[RemoteRecord]) -> Result<()> {
        self.acknowledge_push(last_mutation_id, records, &[])
    }

    /// [`Store::acknowledge`], keeping a notice of each change the server refused (see
    /// [`Store::rejections`]) and taking back the local rows of refused changes it sent no state
    /// for — all in the same transaction.
    pub fn acknowledge_push(
        &mut self,
        last_mutation_id: i64,
        records: &[RemoteRecord],
        refused: &[Refusal],
    ) -> Result<()> {
        self.apply_in_tx(records, None, Some((last_mutation_id, refused)))
    }

    /// Applies one pulled page and moves the cursor, in one transaction: an interrupted sync
    /// resumes after the last page applied. A field with a local change still waiting to be pushed
    /// keeps its local value (the server merges it when it arrives); a record deleted locally and
    /// not yet pushed stays deleted.
    pub fn apply_pulled(&mut self, records: &[RemoteRecord], cursor: i64) -> Result<()> {
        // The server sends each record at its latest change, so a child can come a page before
        // its parent: foreign keys are enforced for local writes (and checked by the Writer), and
        // eventually true for pulled pages. The pragma cannot change inside a transaction.
        self.apply_in_tx(records, Some(cursor), None)
    }

    /// A pulled page or a push's answer, applied in its own transaction.
    fn apply_in_tx(
        &mut self,
        records: &[RemoteRecord],
        cursor: Option<i64>,
        acknowledged: Option<(i64, &[Refusal])>,
    ) -> Result<()> {
        let now = (self.wall)();
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        // Committed without waiting for the disk: a power cut loses a pulled page with the
        // cursor that moved in the same transaction, so it is simply pulled again; it loses an
        // acknowledgement with the outbox entries it removed, so they are pushed again and the
        // server, which applied them, answers them as duplicates with the records' state. (The
        // member's own writes stay `synchronous = FULL`: nothing else holds them.)
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        // And the commit does not copy the WAL into the file itself: a thread of the store's
        // does, once enough has been committed (`checkpointer.rs`), while the next pages are
        // applied. Without that thread the WAL is copied less often than for a member's writes:
        // a first pull rewrites the same index pages in transaction after transaction, a first
        // push frees the outbox's pages, and each checkpoint copied them again (waiting for the
        // disk twice).
        let elsewhere = self
            .checkpoints
            .ready(self.path.as_deref(), self.key.as_ref());
        self.conn.pragma_update(
            None,
            "wal_autocheckpoint",
            if elsewhere { 0 } else { SYNC_CHECKPOINT_PAGES },
        )?;
        let result = self.apply_page(records, cursor, acknowledged, now);
        if result.is_ok() {
            self.checkpoints.committed(records.len());
        }
        self.conn
            .pragma_update(None, "wal_autocheckpoint", open::CHECKPOINT_PAGES)?;
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        result
    }

    /// Copies what the WAL holds into the database file, without waiting for readers: called
    /// once a push or a pull is done, so that the member's next write does not pay for their
    /// pages (their commits leave up to 40 MiB of it). Returns once it is copied, by the store's
    /// checkpoint thread when the sync started one.
    pub fn checkpoint(&mut self) -> Result<()> {
        if self.checkpoints.finish()? {
            return Ok(());
        }
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    fn apply_page(
        &mut self,
        records: &[RemoteRecord],
        cursor: Option<i64>,
        acknowledged: Option<(i64, &[Refusal])>,
        now: u64,
    ) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut jobs = Vec::new();
        if let Some((last, refused)) = acknowledged {
            let returned: HashSet<Uuid> = records.iter().map(|r| r.id).collect();
            for (kind, id) in rejections::record(&tx, refused, &returned, now)? {
                if search::SEARCHABLE.contains(&kind) {
                    jobs.push(search::IndexJob::Remove(id));
                }
            }
            tx.prepare_cached("DELETE FROM outbox WHERE mutation_id <= ?1")?
                .execute([last])?;
        }
        let mut clock = self.clock;
        let mut page = PageWriter::new(&tx, jobs)?;
        for r in records {
            clock.observe(r.hlc, now);
            page.apply(r)?;
        }
        let jobs = page.finish();
        search::apply(&tx, jobs)?;
        if let Some(cursor) = cursor {
            open::set_meta(&tx, CURSOR, &cursor.to_string())?;
        }
        open::save_clock(&tx, clock.last())?;
        tx.commit()?;
        self.clock = clock;
        Ok(())
    }

    /// Every live record as (kind, id, fields), sorted: what two replicas must agree on once
    /// synced. (A record deleted before a replica ever saw it leaves no row there, so tombstones
    /// are not compared.) For tests and diagnostics.
    pub fn snapshot(&self) -> Result<Vec<(EntityKind, String, FieldMap)>> {
        let mut out = Vec::new();
        for &kind in EntityKind::ALL {
            let sql = format!("{} WHERE deleted = 0", select_sql(kind));
            let mut stmt = self.conn().prepare(&sql)?;
            let rows = stmt.query_map([], |row| row_fields(kind, row))?;
            for row in rows {
                let (id, fields) = row?;
                out.push((kind, id, fields));
            }
        }
        out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::Store;
    use sotay_core::fixtures::cell;

    /// What the connection is set to: durability, how often the WAL is copied, foreign keys.
    fn settings(store: &Store) -> (i64, i64, i64) {
        let get = |pragma: &str| -> i64 {
            store
                .conn()
                .pragma_query_value(None, pragma, |r| r.get(0))
                .unwrap()
        };
        (
            get("synchronous"),
            get("wal_autocheckpoint"),
            get("foreign_keys"),
        )
    }

    /// A push's answer and a pulled page are committed without waiting for the disk; the
    /// member's own writes that follow wait for it again, as before them.
    #[test]
    fn a_members_writes_are_durable_again_after_an_answer_or_a_page() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path().join("sotay.db")).unwrap();
        let before = settings(&store);
        assert_eq!(
            before,
            (2, crate::open::CHECKPOINT_PAGES, 1),
            "FULL, 1,000, on"
        );
        store.write(|w| w.insert(&cell("Chi bộ 1"))).unwrap();
        let sent = store.outbox(1).unwrap()[0].mutation_id;
        store.acknowledge_push(sent, &[], &[]).unwrap();
        assert_eq!(store.pending_changes().unwrap(), 0);
        assert_eq!(settings(&store), before);
        store.apply_pulled(&[], 7).unwrap();
        assert_eq!(settings(&store), before);
    }
}
