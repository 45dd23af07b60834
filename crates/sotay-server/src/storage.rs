//! What the engine needs from a database, and the records as the server keeps them.

pub use crate::error::{Result, ServerError};
use crate::rows::RecordRow;
use serde::{Deserialize, Serialize};
use sotay_core::model::UnitLevel;
use sotay_core::{ClientId, EntityKind, FieldMap, Hlc};
use sotay_sync_protocol::{AuditEntry, AuditQuery};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The `meta` key that versions the org unit tree: the sequence number of the latest org unit
/// write, set in the same transaction. A server that caches the tree reloads it when this changes.
pub const UNIT_TREE_VERSION: &str = "unit_tree_seq";

/// What an invite grants, and the device that redeemed it holds. Which records a member's device
/// reads and writes is worked out from the member's record at each request, not stored here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// The server's administrator: everything.
    Admin,
    /// A member's device: it acts as that member.
    Member(Uuid),
    /// A device of a unit bound to no member (invites made before devices were bound to
    /// members): it reads what a member of the unit reads and writes nothing.
    Unit(Uuid),
    /// A grant whose row does not say what: nothing.
    Nothing,
}

/// The clock of the write that set a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldClock {
    pub hlc: Hlc,
    pub client: ClientId,
}

/// A record's merged state on the server.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRecord {
    pub entity: EntityKind,
    pub id: Uuid,
    pub fields: FieldMap,
    pub clocks: BTreeMap<String, FieldClock>,
    pub deleted: bool,
    pub scope: Option<Uuid>,
    /// Set by the backend when the record is written.
    pub seq: i64,
}

impl StoredRecord {
    pub fn new(entity: EntityKind, id: Uuid) -> StoredRecord {
        StoredRecord {
            entity,
            id,
            fields: FieldMap::new(),
            clocks: BTreeMap::new(),
            deleted: false,
            scope: None,
            seq: 0,
        }
    }

    /// The latest clock among the fields.
    pub fn latest(&self) -> Option<FieldClock> {
        self.clocks
            .values()
            .max_by_key(|c| (c.hlc, c.client))
            .copied()
    }
}

/// A record that left a unit: its state now, the unit it left, and the sequence number of the
/// write that moved it.
#[derive(Debug, Clone, PartialEq)]
pub struct Departure {
    pub record: StoredRecord,
    pub left: Uuid,
    pub seq: i64,
}

/// One storage transaction. Everything the engine reads and writes for one request goes through
/// one of these, committed together or not at all.
pub trait ServerTx {
    /// Called first by every transaction that will write: from here to commit no other writer,
    /// on any server instance, runs. (SQLite: its IMMEDIATE transactions already are.)
    fn lock_for_write(&mut self) -> Result<()> {
        Ok(())
    }
    /// Tells other server instances, at commit, that records changed in `touched` (their live
    /// clients that may read those units wake).
    fn announce_change(&mut self, touched: &Touched) -> Result<()> {
        let _ = touched;
        Ok(())
    }
    /// What changed after sequence number `seq`: the units of the records written and of the
    /// departures recorded since.
    fn touched_after(&mut self, seq: i64) -> Result<Touched>;
    fn last_mutation(&mut self, client: ClientId) -> Result<i64>;
    /// Keeps why mutation `id` of `client` was refused (a `RejectReason`, as JSON).
    fn remember_refusal(&mut self, client: ClientId, id: i64, reason: &str) -> Result<()>;
    /// Why mutation `id` of `client` was refused, if it was.
    fn refusal(&mut self, client: ClientId, id: i64) -> Result<Option<String>>;
    fn set_last_mutation(&mut self, client: ClientId, id: i64) -> Result<()>;
    fn record(&mut self, id: Uuid) -> Result<Option<StoredRecord>>;
    /// The unit whose readers see the stored record `id`: what a child record's unit is taken
    /// from (an attendance row's from its meeting's), so a backend that can should read that
    /// one column rather than the whole record.
    fn unit_of(&mut self, id: Uuid) -> Result<Option<Uuid>> {
        Ok(self.record(id)?.and_then(|r| r.scope))
    }
    /// Inserts the row, or replaces the one with its id. Only [`put`](Self::put) calls this.
    fn upsert(&mut self, row: &RecordRow) -> Result<()>;
    /// Reads the records `ids` ahead of a push that will read each (a backend with a round trip
    /// per statement fetches them in one); the others need not.
    fn prefetch(&mut self, ids: &[Uuid]) -> Result<()> {
        let _ = ids;
        Ok(())
    }
    /// Writes `record` with the next sequence number, which it returns.
    ///
    /// Writers hold the write lock, so the next number is one past the greatest and commits
    /// after every smaller one; records are never removed, so a number never repeats.
    fn put(&mut self, record: &StoredRecord) -> Result<i64> {
        let seq = self.latest_seq(None)? + 1;
        self.upsert(&RecordRow::encode(record, seq)?)?;
        if record.entity == EntityKind::OrgUnit {
            self.set_meta(UNIT_TREE_VERSION, &seq.to_string())?;
        }
        Ok(seq)
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
    /// Appends an entry to the audit log (its `seq` is the log's to give).
    fn append_audit(&mut self, entry: &AuditEntry) -> Result<()>;
    /// The audit log's entries that match `query`, oldest first, at most `limit`.
    fn audit_log(&mut self, query: &AuditQuery, limit: u32) -> Result<Vec<AuditEntry>>;
    /// Every live org unit as (id, parent, level).
    fn units(&mut self) -> Result<Vec<(Uuid, Option<Uuid>, UnitLevel)>>;
    /// Stores an invite (by the hash of its code).
    fn create_invite(&mut self, code_hash: &str, grant: &Grant, now: i64) -> Result<()>;
    /// Uses an unused invite once, registering the device's token (by hash) for the client.
    fn redeem_invite(
        &mut self,
        code_hash: &str,
        token_hash: &str,
        client: ClientId,
        now: i64,
    ) -> Result<Option<Grant>>;
    /// The device a token (by hash) belongs to, unless revoked.
    fn device(&mut self, token_hash: &str) -> Result<Option<(ClientId, Grant)>>;
    /// Sets `member`'s calendar feed secret (by hash), replacing the one before; `None` revokes it.
    fn set_calendar_feed(
        &mut self,
        member: Uuid,
        secret_hash: Option<&str>,
        now: i64,
    ) -> Result<()>;
    /// The member whose calendar feed a secret (by hash) opens.
    fn calendar_feed(&mut self, secret_hash: &str) -> Result<Option<Uuid>>;
    /// The live attachment records that name the file `hash` (their `content_hash`).
    fn attachments_of_file(&mut self, hash: &str) -> Result<Vec<StoredRecord>>;
    /// Keeps a file's bytes under their hash; bytes already kept are left as they are.
    fn put_file(&mut self, hash: &str, bytes: &[u8], now: i64) -> Result<()>;
    /// A file's bytes, if the server has them.
    fn file(&mut self, hash: &str) -> Result<Option<Vec<u8>>>;
    /// What the monitoring figures of `cells` read: their meetings starting in `[from, to)` (ms),
    /// those meetings' roll calls and speakers, their tasks due in `[due_from, due_to]`, their
    /// member counts, the names of the `named` units, and every unit's targets
    /// (`crate::report`).
    fn report_rows(
        &mut self,
        cells: &[Uuid],
        named: &[Uuid],
        span_ms: (i64, i64),
        due: (chrono::NaiveDate, chrono::NaiveDate),
    ) -> Result<crate::report::FactRows>;
    /// The live records of these kinds in `scope`, in sequence order.
    fn scope_records(&mut self, scope: Uuid, kinds: &[EntityKind]) -> Result<Vec<StoredRecord>>;
    /// The greatest sequence number among the records in `scopes` and the departures from them
    /// (all records when `None`).
    fn latest_seq(&mut self, scopes: Option<&[Uuid]>) -> Result<i64>;
    fn meta(&mut self, key: &str) -> Result<Option<String>>;
    fn set_meta(&mut self, key: &str, value: &str) -> Result<()>;
}

/// What a write changed, as the devices waiting for news need to know it: whether anything did
/// (administrators' devices read every record) and the units of what did (a member's device
/// reads its units' records only).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Touched {
    pub any: bool,
    pub units: Vec<Uuid>,
}

impl Touched {
    /// From the scopes of the rows written (`None`: a record of no unit).
    pub fn of(scopes: impl IntoIterator<Item = Option<Uuid>>) -> Touched {
        let mut touched = Touched::default();
        for scope in scopes {
            touched.any = true;
            if let Some(unit) = scope
                && !touched.units.contains(&unit)
            {
                touched.units.push(unit);
            }
        }
        touched
    }
}

/// What another server instance announced: the units it changed, or `None` when the notice did
/// not say (every waiting device looks again).
pub type Announced = Option<Vec<Uuid>>;

/// A database the server can run on.
pub trait Backend: Send + Sync {
    /// Runs `f` in one transaction; commits if it returns `Ok`.
    fn transact<T>(&self, f: impl FnOnce(&mut dyn ServerTx) -> Result<T>) -> Result<T>;

    /// Calls `on_change` whenever another server instance announces a change. Backends that
    /// serve one instance only need not.
    fn subscribe(&self, on_change: Box<dyn Fn(Announced) + Send>) -> Result<()> {
        drop(on_change);
        Ok(())
    }
}

/// One database shared by several engines, as several server instances share one.
impl<B: Backend> Backend for std::sync::Arc<B> {
    fn transact<T>(&self, f: impl FnOnce(&mut dyn ServerTx) -> Result<T>) -> Result<T> {
        (**self).transact(f)
    }

    fn subscribe(&self, on_change: Box<dyn Fn(Announced) + Send>) -> Result<()> {
        (**self).subscribe(on_change)
    }
}
