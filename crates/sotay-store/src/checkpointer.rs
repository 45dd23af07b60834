//! Copying a sync's WAL into the database file on a thread of its own.
//!
//! A first pull commits a district's year in transactions of thousands of records. Each commit
//! that found the WAL long used to copy it into the database file then and there, waiting for the
//! disk twice (the WAL, then the file) while the next pages waited to be applied (here 0.15 s of
//! a 1.3 s pull; longer on a laptop's slower disk). A checkpoint needs no lock the
//! writer holds: SQLite lets one connection copy the WAL's committed frames while another appends
//! new ones. So while this thread runs, a sync's commits copy nothing themselves; they tell the
//! thread once enough records have been committed, and it copies the WAL with a connection of its
//! own. The member's own writes keep SQLite's usual in-line checkpoints.

use crate::error::Result;
use crate::key::StoreKey;
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::thread::JoinHandle;
use std::time::Duration;

/// Records a sync commits before the thread is asked to copy the WAL: about two commits of a
/// first pull, about 14 MiB of WAL. Asking after every commit copied the same hot index pages again
/// and again, for no gain in the pull's time.
pub(crate) const COPY_AFTER_RECORDS: usize = 20_000;

/// The sync's side of the thread: started by the first sync commit of a file-backed store, ended
/// when the store is dropped.
#[derive(Default)]
pub(crate) struct SyncCheckpoints {
    worker: Option<Worker>,
    /// The thread could not be started (the file could not be opened a second time, or the
    /// system refused a thread): commits copy the WAL themselves, as before it existed.
    unavailable: bool,
    /// Records committed since the thread was last asked to copy.
    since_asked: usize,
}

impl SyncCheckpoints {
    /// Whether a thread copies the WAL for the sync's commits, starting it if need be. Never for
    /// a store in memory (`path` is `None`), which has no WAL.
    pub(crate) fn ready(&mut self, path: Option<&Path>, key: Option<&StoreKey>) -> bool {
        if self.worker.is_none() && !self.unavailable {
            // Not worth failing the sync over: the commits copy the WAL as they used to.
            self.worker = path.and_then(|p| Worker::start(p, key));
            self.unavailable = self.worker.is_none();
        }
        self.worker.is_some()
    }

    /// Counts a sync commit of `records` records, and asks for a copy once there are enough.
    pub(crate) fn committed(&mut self, records: usize) {
        let Some(worker) = &self.worker else { return };
        self.since_asked += records;
        if self.since_asked >= COPY_AFTER_RECORDS {
            self.since_asked = 0;
            worker.ask(Ask::Copy);
        }
    }

    /// Copies everything committed so far and waits until it is in the database file. `false`
    /// when there is no thread to do it, and the caller must copy it itself.
    pub(crate) fn finish(&mut self) -> Result<bool> {
        let Some(worker) = &self.worker else {
            return Ok(false);
        };
        self.since_asked = 0;
        let (reply, done) = mpsc::sync_channel(1);
        if !worker.ask(Ask::Finish(reply)) {
            return Ok(false);
        }
        match done.recv() {
            Ok(copied) => copied.map(|()| true),
            Err(_) => Ok(false),
        }
    }
}

enum Ask {
    /// The WAL has grown: copy what is committed.
    Copy,
    /// Copy what is committed and say how it went.
    Finish(SyncSender<Result<()>>),
    /// Say when every ask before this one is done, copying nothing more.
    #[cfg(test)]
    Settle(SyncSender<()>),
}

struct Worker {
    asks: Option<SyncSender<Ask>>,
    thread: Option<JoinHandle<()>>,
}

impl Worker {
    /// `None` if the file cannot be opened again or the system refuses a thread.
    fn start(path: &Path, key: Option<&StoreKey>) -> Option<Worker> {
        // The file exists and is a store: `Store::open` made sure before this is reached.
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok()?;
        crate::key::unlock(&conn, key).ok()?;
        // A key is only tried on the first read: make it here, not in the first checkpoint.
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
            .ok()?;
        conn.busy_timeout(Duration::from_secs(5)).ok()?;
        // One ask waiting is enough: a checkpoint copies everything committed before it starts.
        let (asks, arriving) = mpsc::sync_channel(1);
        let thread = std::thread::Builder::new()
            .name("sotay-checkpoint".into())
            .spawn(move || serve(&conn, &arriving))
            .ok()?;
        Some(Worker {
            asks: Some(asks),
            thread: Some(thread),
        })
    }

    /// Hands the thread an ask; `false` if the thread is gone. A copy never waits: one asked for
    /// while another is waiting is covered by it. The asks that wait for an answer wait for room.
    fn ask(&self, ask: Ask) -> bool {
        let Some(asks) = &self.asks else { return false };
        match ask {
            Ask::Copy => !matches!(asks.try_send(ask), Err(TrySendError::Disconnected(_))),
            waited_on => asks.send(waited_on).is_ok(),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // The thread ends when it finds no more asks can come.
        drop(self.asks.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(conn: &Connection, arriving: &Receiver<Ask>) {
    while let Ok(ask) = arriving.recv() {
        match ask {
            // A failed copy asked for by a commit is left for the next ask: the WAL only grows
            // until then, and the sync's last `finish` reports the error.
            Ask::Copy => drop(copy(conn)),
            Ask::Finish(reply) => drop(reply.send(copy(conn))),
            #[cfg(test)]
            Ask::Settle(reply) => drop(reply.send(())),
        }
    }
}

/// A passive checkpoint: it copies what no reader still needs and never waits for a lock a
/// writer or reader holds. What it could not copy is copied by a later one.
fn copy(conn: &Connection) -> Result<()> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{RemoteRecord, Store};
    use rusqlite::{Connection, OpenFlags};
    use sotay_core::fixtures::{cell, member};
    use sotay_core::{ClientId, Hlc, Record};
    use std::path::Path;
    use std::sync::mpsc;

    fn pulled<R: Record>(r: &R, hlc: i64) -> RemoteRecord {
        RemoteRecord {
            entity: R::KIND,
            id: r.id(),
            fields: r.to_fields(),
            deleted: false,
            hlc: Hlc::from_i64(hlc),
            origin: ClientId::new(),
            gone: false,
        }
    }

    /// The members the database file itself holds, leaving the WAL aside: what checkpoints
    /// have copied so far.
    fn members_in_file(path: &Path) -> i64 {
        let uri = format!("file:{}?immutable=1", path.display());
        let file = Connection::open_with_flags(
            uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
        )
        .unwrap();
        // Before any checkpoint the file may not hold even the tables.
        file.query_row("SELECT count(*) FROM member", [], |r| r.get(0))
            .unwrap_or(0)
    }

    /// A pull of `pages` pages of 2,000 members into a new store at `path`.
    fn pull_members(path: &Path, pages: usize) -> (Store, i64) {
        let mut store = Store::open(path).unwrap();
        let unit = cell("Chi bộ thôn Đông");
        store.apply_pulled(&[pulled(&unit, 1)], 1).unwrap();
        let mut seq = 1;
        for _ in 0..pages {
            let page: Vec<RemoteRecord> = (0..2_000)
                .map(|i| {
                    seq += 1;
                    pulled(&member(unit.id, &format!("Đảng viên {i}")), seq)
                })
                .collect();
            store.apply_pulled(&page, seq).unwrap();
        }
        (store, i64::try_from(pages * 2_000).unwrap())
    }

    /// Waits until the thread has done every ask made so far.
    fn settle(store: &Store) {
        let (reply, done) = mpsc::sync_channel(1);
        let worker = store.checkpoints.worker.as_ref().unwrap();
        assert!(worker.ask(super::Ask::Settle(reply)));
        done.recv().unwrap();
    }

    #[test]
    fn everything_pulled_is_in_the_database_file_once_the_checkpoint_returns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sotay.db");
        // Fewer records than make the thread copy by itself: only the last checkpoint does.
        let (mut store, pulled) = pull_members(&path, 2);
        settle(&store);
        assert_eq!(members_in_file(&path), 0, "the sync's commits copy nothing");
        store.checkpoint().unwrap();
        assert_eq!(members_in_file(&path), pulled);

        // The member's own writes after it are kept as before.
        let unit = cell("Chi bộ thôn Tây");
        store.write(|w| w.insert(&unit)).unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.snapshot().unwrap().len(), 2 + 4_000);
    }

    #[test]
    fn the_thread_copies_while_the_pull_goes_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sotay.db");
        // 22,000 members, over `COPY_AFTER_RECORDS`: the thread was asked to copy without
        // waiting for the pull's end.
        let (store, pulled) = pull_members(&path, 11);
        settle(&store);
        let copied = members_in_file(&path);
        assert!(
            copied >= 20_000,
            "the file holds {copied} of {pulled} members and no checkpoint was asked for"
        );
        // Nothing was lost beside the copying: every record is read back through the store.
        assert_eq!(
            i64::try_from(store.snapshot().unwrap().len()).unwrap(),
            pulled + 1
        );
    }

    #[test]
    fn the_thread_of_an_encrypted_store_opens_it_with_its_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sotay.db");
        let key = crate::StoreKey::random().unwrap();
        let opener = crate::Opener::at(&path).with_key(Some(key));
        let mut store = opener.open().unwrap();
        let unit = cell("Chi bộ thôn Đông");
        store.apply_pulled(&[pulled(&unit, 1)], 1).unwrap();
        assert!(store.checkpoints.worker.is_some(), "the thread runs");
        store.checkpoint().unwrap();
        // Without the key the file cannot be opened a second time: no thread.
        let mut keyless = super::SyncCheckpoints::default();
        assert!(!keyless.ready(Some(&path), None));
    }
}
