//! One PostgreSQL transaction as the engine sees it: `PgTx`, its connection, and what every
//! role reads (`BaseTx`). The sync role, which owns the write path below, is in `tx/sync.rs`;
//! the other roles' SQL is in `postgres/`, in the file named after each (`registry.rs`,
//! `calendar.rs`, `files.rs`, `audit.rs`, `report.rs`).
//!
//! Every statement is prepared once per connection (`Prepared`). Within a writing transaction —
//! which holds the advisory write lock, so no other writer changes anything meanwhile — the
//! records read or written are kept (a push reads each record before and after merging it, and
//! a batch's records are fetched in one statement first), and sequence numbers are counted on
//! from the first one read: a mutation costs one round trip to the database, not a dozen. Its
//! record and audit rows go to the database from a thread of its own (`Writer`) while the push
//! goes on merging.

use super::conn::Prepared;
use super::reads::read_row;
use super::writer::{self, Shared, Writer};
use super::writes::Deferred;
use super::{WRITE_LOCK, db};
use crate::rows::RECORD_COLUMNS;
use crate::storage::{BaseTx, Result, StoredRecord};
use sotay_core::EntityKind;
use sotay_core::model::UnitLevel;
use std::collections::{HashMap, HashSet};
use std::sync::MutexGuard;
use std::thread::Scope;
use uuid::Uuid;

mod sync;

pub(super) struct PgTx<'s, 'env, 'a, 'b> {
    shared: &'env Shared<'a, 'b>,
    /// Where the writing thread is started, once a transaction holding the write lock has a
    /// full batch of rows to send.
    scope: &'s Scope<'s, 'env>,
    writer: Option<Writer>,
    /// The system refused the writing thread: the rows wait for the commit.
    threadless: bool,
    /// Records read or written in this transaction, by id (`None`: known not to exist). Only
    /// kept once the write lock is held.
    records: HashMap<Uuid, Option<StoredRecord>>,
    locked: bool,
    /// The last sequence number given in this transaction, or the greatest read under the
    /// write lock before it gave one: while `locked`, the greatest there is
    /// (`SyncTx::known_latest_seq`, which `storage::PutRecord::put` counts on from).
    last_seq: Option<i64>,
    /// The latest sequence number when the write lock was taken, and the units of every record
    /// and departure written since (`None`: a record of no unit): what `touched_after` would
    /// otherwise ask the database.
    locked_at: Option<i64>,
    touched: HashSet<Option<Uuid>>,
    /// Record and audit rows written, not yet sent.
    deferred: Deferred,
}

impl<'s, 'env, 'a, 'b> PgTx<'s, 'env, 'a, 'b> {
    pub(super) fn new(shared: &'env Shared<'a, 'b>, scope: &'s Scope<'s, 'env>) -> Self {
        PgTx {
            shared,
            scope,
            writer: None,
            threadless: false,
            records: HashMap::new(),
            locked: false,
            last_seq: None,
            locked_at: None,
            touched: HashSet::new(),
            deferred: Deferred::default(),
        }
    }

    /// Sends the record and audit rows written so far and waits until they are written: before
    /// anything reads those tables, and before the commit.
    pub(super) fn flush(&mut self) -> Result<()> {
        match &mut self.writer {
            Some(writer) => {
                if !self.deferred.is_empty() {
                    writer.send(std::mem::take(&mut self.deferred));
                }
                writer.wait()
            }
            None => self.deferred.flush(&mut *writer::lock(self.shared)?),
        }
    }

    /// The connection, once every row this transaction wrote is in the database: a statement
    /// sees them, and a batch the database refused is reported as what failed, rather than the
    /// aborted transaction it leaves behind. Every role's SQL runs on this.
    pub(super) fn conn(&mut self) -> Result<MutexGuard<'env, Prepared<'a, 'b>>> {
        self.flush()?;
        writer::lock(self.shared)
    }

    /// Where rows written without reading anything wait (`writes.rs`): sent with the next batch,
    /// before the next statement, or at the commit.
    pub(super) fn deferred(&mut self) -> &mut Deferred {
        &mut self.deferred
    }
}

impl BaseTx for PgTx<'_, '_, '_, '_> {
    fn lock_for_write(&mut self) -> Result<()> {
        self.conn()?
            .execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .map_err(db)?;
        self.locked = true;
        Ok(())
    }

    fn record(&mut self, id: Uuid) -> Result<Option<StoredRecord>> {
        if let Some(known) = self.records.get(&id) {
            return Ok(known.clone());
        }
        let row = self
            .conn()?
            .query_opt(
                &format!("SELECT {RECORD_COLUMNS} FROM record WHERE id = $1"),
                &[&id.to_string()],
            )
            .map_err(db)?;
        let found = row
            .as_ref()
            .map(read_row)
            .map(StoredRecord::try_from)
            .transpose()?;
        if self.locked {
            self.records.insert(id, found.clone());
        }
        Ok(found)
    }

    fn scope_records(&mut self, scope: Uuid, kinds: &[EntityKind]) -> Result<Vec<StoredRecord>> {
        super::reads::scope_records(&mut *self.conn()?, scope, kinds)
    }

    fn units(&mut self) -> Result<Vec<(Uuid, Option<Uuid>, UnitLevel)>> {
        super::reads::units(&mut *self.conn()?)
    }

    fn meta(&mut self, key: &str) -> Result<Option<String>> {
        let row = self
            .conn()?
            .query_opt("SELECT value FROM meta WHERE key = $1", &[&key])
            .map_err(db)?;
        Ok(row.map(|r| r.get(0)))
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        // Sent with the rows: on its own it would wait while the writing thread inserts a batch,
        // and hold up the merge (a push that adds org units moves the unit tree's version).
        self.deferred.meta(key, value);
        Ok(())
    }
}
