//! Pulling everything again when what the device may read changed: its member was transferred
//! to another unit, or took an office that reads more or less. The sync client notices (the
//! server's view fingerprint changed), pushes the outbox, then restarts the pull at cursor 0;
//! the ids pulled meanwhile are kept in `resync_seen`, and once the last page is in, every record
//! the server did not send again, and no change waits to push, is forgotten. An interrupted
//! re-pull resumes at its cursor and finishes at a later round.

use crate::error::Result;
use crate::{Store, open, search};
use rusqlite::Transaction;
use sotay_core::EntityKind;
use uuid::Uuid;

/// Set while a re-pull is under way.
const RESYNC: &str = "sync_resync";

impl Store {
    /// Starts a re-pull: the cursor goes back to 0 and the records pulled from now on are kept
    /// track of, for [`Store::finish_resync`].
    pub fn restart_pull(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM resync_seen", [])?;
        open::set_meta(&tx, RESYNC, "1")?;
        open::set_meta(&tx, crate::sync::CURSOR, "0")?;
        tx.commit()?;
        Ok(())
    }

    /// Whether a re-pull is under way.
    pub fn resyncing(&self) -> Result<bool> {
        Ok(open::get_meta(self.conn(), RESYNC)?.is_some())
    }

    /// Ends a re-pull whose last page is applied: forgets every record the server did not send
    /// again, unless a local change to it still waits to be pushed. Returns how many it forgot.
    pub fn finish_resync(&mut self) -> Result<usize> {
        if !self.resyncing()? {
            return Ok(0);
        }
        // A kept record may refer to a forgotten one (a change waiting to push, to a meeting
        // of the old unit): foreign keys are for local writes, as for pulled pages.
        self.conn.pragma_update(None, "foreign_keys", "OFF")?;
        let result = forget_unseen(self.conn.transaction()?);
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        result
    }
}

fn forget_unseen(tx: Transaction<'_>) -> Result<usize> {
    let mut forgotten = 0;
    let mut jobs = Vec::new();
    for &kind in EntityKind::ALL {
        let sql = format!(
            "DELETE FROM {} WHERE id NOT IN (SELECT id FROM resync_seen)
               AND id NOT IN (SELECT entity_id FROM outbox) RETURNING id",
            kind.as_str()
        );
        let ids: Vec<String> = tx
            .prepare(&sql)?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        forgotten += ids.len();
        if search::SEARCHABLE.contains(&kind) {
            jobs.extend(
                ids.iter()
                    .filter_map(|id| Uuid::parse_str(id).ok())
                    .map(search::IndexJob::Remove),
            );
        }
    }
    search::apply(&tx, jobs)?;
    tx.execute("DELETE FROM resync_seen", [])?;
    tx.execute("DELETE FROM meta WHERE key = ?1", [RESYNC])?;
    tx.commit()?;
    Ok(forgotten)
}

/// Notes that a re-pull received `id`, if one is under way.
pub(crate) fn seen(tx: &Transaction<'_>, resyncing: bool, id: &str) -> Result<()> {
    if resyncing {
        tx.prepare_cached("INSERT OR IGNORE INTO resync_seen (id) VALUES (?1)")?
            .execute([id])?;
    }
    Ok(())
}

/// Whether a re-pull is under way, inside a transaction.
pub(crate) fn under_way(tx: &Transaction<'_>) -> Result<bool> {
    Ok(open::get_meta(tx, RESYNC)?.is_some())
}

#[cfg(test)]
mod tests {
    use crate::{RemoteRecord, Store};
    use sotay_core::fixtures::{cell, document, member};
    use sotay_core::model::{Document, Member, OrgUnit};
    use sotay_core::{ClientId, Hlc, Record};

    fn remote<R: Record>(r: &R) -> RemoteRecord {
        RemoteRecord {
            entity: R::KIND,
            id: r.id(),
            fields: r.to_fields(),
            deleted: false,
            hlc: Hlc::from_i64(1),
            origin: ClientId::new(),
            gone: false,
        }
    }

    /// A re-pull forgets what the server did not send again, except what waits to be pushed.
    #[test]
    fn a_re_pull_forgets_what_was_not_sent_again_but_not_pending_changes() {
        let mut store = Store::open_in_memory().unwrap();
        let (east, west) = (cell("Chi bộ thôn Đông"), cell("Chi bộ thôn Tây"));
        let me = member(east.id, "Trần Thị Bình");
        let (old, new) = (document(east.id, "Cũ"), document(west.id, "Mới"));
        let page = [remote(&east), remote(&west), remote(&me), remote(&old)];
        store.apply_pulled(&page, 10).unwrap();
        let mine = document(east.id, "Ghi chú của tôi");
        store.write(|w| w.insert(&mine)).unwrap();

        store.restart_pull().unwrap();
        assert!(store.resyncing().unwrap());
        assert_eq!(store.sync_cursor().unwrap(), 0);
        let mut moved = me.clone();
        moved.unit_id = west.id;
        let page = [remote(&west), remote(&moved), remote(&new)];
        store.apply_pulled(&page, 20).unwrap();
        assert_eq!(
            store.finish_resync().unwrap(),
            2,
            "the east cell and its document"
        );

        assert!(store.get::<OrgUnit>(east.id).unwrap().is_none());
        assert!(store.get::<Document>(old.id).unwrap().is_none());
        assert!(store.get::<Document>(new.id).unwrap().is_some());
        assert!(
            store.get::<Document>(mine.id).unwrap().is_some(),
            "waits to push"
        );
        assert_eq!(store.require::<Member>(me.id).unwrap().unit_id, west.id);
        assert!(!store.resyncing().unwrap());
        assert_eq!(store.finish_resync().unwrap(), 0, "nothing more once done");
    }

    /// A record that left the device's view is removed, not kept as a tombstone.
    #[test]
    fn a_record_gone_from_view_leaves_no_row() {
        let mut store = Store::open_in_memory().unwrap();
        let east = cell("Chi bộ thôn Đông");
        let other = member(east.id, "Lê Văn Cường");
        store
            .apply_pulled(&[remote(&east), remote(&other)], 5)
            .unwrap();
        let gone = RemoteRecord {
            fields: Default::default(),
            deleted: true,
            gone: true,
            ..remote(&other)
        };
        store.apply_pulled(&[gone], 6).unwrap();
        let rows: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM member", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0);
    }
}
