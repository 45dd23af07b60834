//! What the engine needs from a database, and the records as the server keeps them.
//!
//! A transaction is split by job into role traits, each in a file of its own under `storage/`:
//! [`SyncTx`] (the records, their sequence numbers, pulls), [`RegistryTx`] (devices and
//! invites), [`AuditTx`], [`FileTx`], [`CalendarTx`] and [`ReportTx`], all over [`BaseTx`]. Each
//! backend implements every role on its one transaction type; code that needs one role takes
//! only that trait, so a role can grow (accounts, sessions, an admin console) without every
//! other caller and every test double seeing it. [`ServerTx`] bundles them for the engine.

pub use crate::error::{Result, ServerError};
use serde::{Deserialize, Serialize};
use sotay_core::model::UnitLevel;
use sotay_core::{ClientId, EntityKind, FieldMap, Hlc};
use std::collections::BTreeMap;
use uuid::Uuid;

mod accounts;
mod audit;
mod calendar;
mod files;
mod registry;
mod report;
mod seals;
mod sync;

pub use accounts::AccountTx;
pub use audit::AuditTx;
pub use calendar::CalendarTx;
pub use files::FileTx;
pub use registry::{DeviceState, NewDevice, RegistryTx};
pub use report::ReportTx;
pub use seals::{SealRow, SealTx};
pub use sync::{PutRecord, SyncTx};

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

/// What every role's transaction has: the write lock, the records read by id and by unit, the
/// live org units (the tree every request's rights are worked out over) and the settings
/// (`meta`). The role traits build on it; one transaction of a backend implements them all.
pub trait BaseTx {
    /// Called first by every transaction that will write: from here to commit no other writer,
    /// on any server instance, runs. (SQLite: its IMMEDIATE transactions already are.)
    fn lock_for_write(&mut self) -> Result<()> {
        Ok(())
    }
    fn record(&mut self, id: Uuid) -> Result<Option<StoredRecord>>;
    /// The live records of these kinds in `scope`, in sequence order.
    fn scope_records(&mut self, scope: Uuid, kinds: &[EntityKind]) -> Result<Vec<StoredRecord>>;
    /// Every live org unit as (id, parent, level).
    fn units(&mut self) -> Result<Vec<(Uuid, Option<Uuid>, UnitLevel)>>;
    fn meta(&mut self, key: &str) -> Result<Option<String>>;
    fn set_meta(&mut self, key: &str, value: &str) -> Result<()>;
}

/// What applying a push writes: the records ([`SyncTx`]) and, in the same transaction, the audit
/// entries of what the rules table audits ([`AuditTx`]). One trait so that `Apply` can hold the
/// transaction as one `&mut dyn`.
pub trait PushTx: SyncTx + AuditTx + SealTx {}

impl<T: SyncTx + AuditTx + SealTx + ?Sized> PushTx for T {}

/// One storage transaction with every role: what [`Backend::transact`] hands the engine, which
/// passes each part of its work only the role that part needs (`&mut dyn RegistryTx`, …).
/// Everything the engine reads and writes for one request goes through one of these, committed
/// together or not at all.
pub trait ServerTx: PushTx + RegistryTx + AccountTx + CalendarTx + FileTx + ReportTx {}

impl<T: PushTx + RegistryTx + AccountTx + CalendarTx + FileTx + ReportTx + ?Sized> ServerTx for T {}

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
