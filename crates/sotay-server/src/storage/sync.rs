//! The sync role: the records, their sequence numbers, and what pulls and live clients read.
//!
//! Sequence numbers are allocated, and the unit tree's version moved, in one place only:
//! [`PutRecord::put`]. A backend supplies the primitives — the greatest number
//! ([`SyncTx::latest_seq`]), what it already knows of it ([`SyncTx::known_latest_seq`]) and the
//! writing of one row ([`SyncTx::write_record`]) — and cannot override `put` itself, so the
//! numbering cannot drift apart between SQLite and PostgreSQL again (each had its own copy).

use super::{BaseTx, Departure, Result, StoredRecord, Touched, UNIT_TREE_VERSION};
use crate::rows::RecordRow;
use sotay_core::{ClientId, EntityKind};
use uuid::Uuid;

/// What a push and a pull do to the records: write them numbered, read them after a cursor,
/// keep each client's mutations at most once, and tell the live clients what changed.
pub trait SyncTx: BaseTx {
    /// The greatest sequence number among the records in `scopes` and the departures from them
    /// (all records when `None`).
    fn latest_seq(&mut self, scopes: Option<&[Uuid]>) -> Result<i64>;
    /// The greatest sequence number, if this transaction knows it without asking the database:
    /// it holds the write lock, so no other writer can have given one since it last read or gave
    /// one. `None`: [`PutRecord::put`] asks [`latest_seq`](Self::latest_seq). A backend with a
    /// round trip per statement keeps it, so a mutation costs one round trip, not two.
    fn known_latest_seq(&self) -> Option<i64> {
        None
    }
    /// Stores `row`, the row of `record` at `record.seq`: inserts it, or replaces the row with
    /// its id. Only [`PutRecord::put`] calls this, with the next sequence number; from here the
    /// greatest number is `record.seq`, and a backend that keeps the records it read or wrote
    /// keeps `record` as written (a push reads each record again for its answer).
    fn write_record(&mut self, record: StoredRecord, row: RecordRow) -> Result<()>;
    /// Reads the records `ids` ahead of a push that will read each (a backend with a round trip
    /// per statement fetches them in one); the others need not.
    fn prefetch(&mut self, ids: &[Uuid]) -> Result<()> {
        let _ = ids;
        Ok(())
    }
    /// The unit whose readers see the stored record `id`: what a child record's unit is taken
    /// from (an attendance row's from its meeting's), so a backend that can should read that
    /// one column rather than the whole record.
    fn unit_of(&mut self, id: Uuid) -> Result<Option<Uuid>> {
        Ok(self.record(id)?.and_then(|r| r.scope))
    }
    /// Live and deleted records with `seq > cursor`, in sequence order; only those whose scope is
    /// in `scopes` when given. As stored: a pull sends most of them on without decoding.
    fn records_after(
        &mut self,
        cursor: i64,
        scopes: Option<&[Uuid]>,
        limit: u32,
    ) -> Result<Vec<RecordRow>>;
    /// Notes that the record `record`, written at `seq`, left the unit `left`.
    fn depart(&mut self, record: Uuid, left: Uuid, seq: i64) -> Result<()>;
    /// The records that left one of `scopes` after `cursor`, in sequence order.
    fn departures_after(
        &mut self,
        cursor: i64,
        scopes: &[Uuid],
        limit: u32,
    ) -> Result<Vec<Departure>>;
    fn last_mutation(&mut self, client: ClientId) -> Result<i64>;
    fn set_last_mutation(&mut self, client: ClientId, id: i64) -> Result<()>;
    /// Keeps why mutation `id` of `client` was refused (a `RejectReason`, as JSON).
    fn remember_refusal(&mut self, client: ClientId, id: i64, reason: &str) -> Result<()>;
    /// Why mutation `id` of `client` was refused, if it was.
    fn refusal(&mut self, client: ClientId, id: i64) -> Result<Option<String>>;
    /// What changed after sequence number `seq`: the units of the records written and of the
    /// departures recorded since.
    fn touched_after(&mut self, seq: i64) -> Result<Touched>;
    /// Tells other server instances, at commit, that records changed in `touched` (their live
    /// clients that may read those units wake).
    fn announce_change(&mut self, touched: &Touched) -> Result<()> {
        let _ = touched;
        Ok(())
    }
}

/// Writing a record with the next sequence number. A trait of its own, implemented here once for
/// every [`SyncTx`]: no backend can override it, so numbers are allocated in one place.
pub trait PutRecord {
    /// Writes `record` with the next sequence number, which it returns; writing an org unit
    /// moves the unit tree's version ([`UNIT_TREE_VERSION`]) to it in the same transaction.
    ///
    /// Writers hold the write lock, so the next number is one past the greatest and commits
    /// after every smaller one; records are never removed, so a number never repeats.
    fn put(&mut self, record: &StoredRecord) -> Result<i64>;
}

impl<T: SyncTx + ?Sized> PutRecord for T {
    fn put(&mut self, record: &StoredRecord) -> Result<i64> {
        let latest = match self.known_latest_seq() {
            Some(latest) => latest,
            None => self.latest_seq(None)?,
        };
        let seq = latest + 1;
        let mut written = record.clone();
        written.seq = seq;
        let row = RecordRow::encode(&written, seq)?;
        self.write_record(written, row)?;
        if record.entity == EntityKind::OrgUnit {
            self.set_meta(UNIT_TREE_VERSION, &seq.to_string())?;
        }
        Ok(seq)
    }
}
