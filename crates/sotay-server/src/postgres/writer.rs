//! A writing transaction's record and audit rows, sent to PostgreSQL from a thread of its own
//! while the push goes on merging.
//!
//! Why: a first push of 10,000 mutations spent about half its time in the server's merge and
//! half waiting for PostgreSQL to insert the rows (fourteen indexes on `record`), one after the
//! other, so one of the machine's cores sat idle. Rows now go in batches of [`BATCH`] as they
//! are written, on the same connection and in the same transaction, while the merge goes on.
//! The thread is started by a transaction's first full batch: the pushes of an ordinary day
//! write a few rows at the commit, as before.
//!
//! Nothing can tell this apart from writing them at once: the connection is behind a mutex; a
//! statement that reads the record or audit tables, and the commit, first wait until every batch
//! sent has been written ([`Writer::wait`]); batches are written in the order sent, so the
//! audit log's sequence numbers still follow the writes. The first error is returned by the
//! next wait and fails the transaction, as it did before.

use super::conn::Prepared;
use super::writes::Deferred;
use crate::storage::{Result, ServerError};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Mutex, MutexGuard};
use std::thread::Scope;

/// How many record rows go to PostgreSQL in one batch: large enough that each statement's own
/// cost (its arrays, its plan) is small beside its rows, small enough that the last batch, which
/// nothing overlaps, is a small part of a push.
pub(super) const BATCH: usize = 2_000;

/// The transaction's connection, shared by the merge and the writing thread.
pub(super) type Shared<'a, 'b> = Mutex<Prepared<'a, 'b>>;

/// The connection, or why it cannot be had: the writing thread failed while it held it.
pub(super) fn lock<'g, 'a, 'b>(
    conn: &'g Shared<'a, 'b>,
) -> Result<MutexGuard<'g, Prepared<'a, 'b>>> {
    conn.lock().map_err(|_| broken())
}

fn broken() -> ServerError {
    ServerError::Database("the thread writing this transaction's rows stopped".into())
}

/// The sending end of a writing thread.
pub(super) struct Writer {
    batches: Sender<Deferred>,
    written: Receiver<Result<()>>,
    /// Batches sent and not yet answered.
    pending: usize,
    /// What failed, once a batch did: the transaction is aborted, and every later wait says so
    /// again, so nothing can go on to commit as if the rows were in.
    failed: Option<String>,
}

impl Writer {
    /// Starts a thread writing batches on `conn`; it ends when the writer is dropped. `None` when
    /// the system refuses a thread: the rows then wait for the commit, as a small push's do.
    pub fn start<'s, 'env, 'a, 'b>(
        scope: &'s Scope<'s, 'env>,
        conn: &'env Shared<'a, 'b>,
    ) -> Option<Self> {
        let (batches, to_write) = channel::<Deferred>();
        let (done, written) = channel();
        std::thread::Builder::new()
            .name("sotay-pg-writer".into())
            .spawn_scoped(scope, move || {
                for mut batch in to_write {
                    let result = lock(conn).and_then(|mut db| batch.flush(&mut db));
                    // Nobody waits any more (the transaction failed and is being dropped):
                    // the batches still queued are not written.
                    if done.send(result).is_err() {
                        break;
                    }
                }
            })
            .ok()?;
        Some(Writer {
            batches,
            written,
            pending: 0,
            failed: None,
        })
    }

    /// Hands `batch` to the thread and goes on.
    pub fn send(&mut self, batch: Deferred) {
        // A thread that is gone drops what it is sent; `wait` then reports it.
        let _ = self.batches.send(batch);
        self.pending += 1;
    }

    /// Waits until every batch sent has been written; the first error, if one failed.
    pub fn wait(&mut self) -> Result<()> {
        while self.pending > 0 {
            self.pending -= 1;
            let result = self.written.recv().unwrap_or_else(|_| Err(broken()));
            if let Err(e) = result
                && self.failed.is_none()
            {
                self.failed = Some(e.to_string());
            }
        }
        match &self.failed {
            Some(why) => Err(ServerError::Database(why.clone())),
            None => Ok(()),
        }
    }
}
