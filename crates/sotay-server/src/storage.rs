//! What the engine needs from a database, and the records as the server keeps them.

use serde::{Deserialize, Serialize};
use sotay_core::{ClientId, EntityKind, FieldMap, Hlc};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The clock of the write that set a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldClock {
    pub hlc: Hlc,
    pub client: ClientId,
}

/// What an invite, and the device that redeemed it, may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grant {
    /// The unit of the member the device belongs to.
    pub unit: Option<Uuid>,
    /// Everything, everywhere (the server's administrator).
    pub admin: bool,
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

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("database error: {0}")]
    Database(String),
    #[error("stored record {id} cannot be read: {reason}")]
    Corrupt { id: String, reason: String },
    #[error("{0}")]
    Protocol(String),
    #[error("this device may not do that")]
    Forbidden,
    #[error("unknown or revoked device token; connect this device again with a new invite")]
    Unauthorized,
    #[error("this invite is unknown or was already used; ask for a new one")]
    InvalidInvite,
}

impl ServerError {
    /// A stable code for the `{kind, message}` error shape.
    pub fn kind(&self) -> &'static str {
        match self {
            ServerError::Database(_) => "database",
            ServerError::Corrupt { .. } => "corrupt",
            ServerError::Protocol(_) => "protocol",
            ServerError::Forbidden => "forbidden",
            ServerError::Unauthorized => "unauthorized",
            ServerError::InvalidInvite => "invalid_invite",
        }
    }
}

impl From<rusqlite::Error> for ServerError {
    fn from(e: rusqlite::Error) -> Self {
        ServerError::Database(e.to_string())
    }
}

impl From<rusqlite_migration::Error> for ServerError {
    fn from(e: rusqlite_migration::Error) -> Self {
        ServerError::Database(e.to_string())
    }
}

pub type Result<T, E = ServerError> = std::result::Result<T, E>;

/// One storage transaction. Everything the engine reads and writes for one request goes through
/// one of these, committed together or not at all.
pub trait ServerTx {
    /// Called first by every transaction that will write: from here to commit no other writer,
    /// on any server instance, runs. (SQLite: its IMMEDIATE transactions already are.)
    fn lock_for_write(&mut self) -> Result<()> {
        Ok(())
    }
    /// Tells other server instances, at commit, that records changed (live clients wake).
    fn announce_change(&mut self) -> Result<()> {
        Ok(())
    }
    fn last_mutation(&mut self, client: ClientId) -> Result<i64>;
    fn set_last_mutation(&mut self, client: ClientId, id: i64) -> Result<()>;
    fn record(&mut self, id: Uuid) -> Result<Option<StoredRecord>>;
    /// Writes `record` with the next sequence number, which it returns.
    fn put(&mut self, record: &StoredRecord) -> Result<i64>;
    /// Live and deleted records with `seq > cursor`, in sequence order; only those whose scope is
    /// in `scopes` when given.
    fn records_after(
        &mut self,
        cursor: i64,
        scopes: Option<&[Uuid]>,
        limit: u32,
    ) -> Result<Vec<StoredRecord>>;
    /// Every org unit as (id, parent).
    fn units(&mut self) -> Result<Vec<(Uuid, Option<Uuid>)>>;
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
    /// The greatest sequence number among the records in `scopes` (all when `None`).
    fn latest_seq(&mut self, scopes: Option<&[Uuid]>) -> Result<i64>;
    fn meta(&mut self, key: &str) -> Result<Option<String>>;
    fn set_meta(&mut self, key: &str, value: &str) -> Result<()>;
}

/// A database the server can run on.
pub trait Backend: Send + Sync {
    /// Runs `f` in one transaction; commits if it returns `Ok`.
    fn transact<T>(&self, f: impl FnOnce(&mut dyn ServerTx) -> Result<T>) -> Result<T>;

    /// Calls `on_change` whenever another server instance announces a change. Backends that
    /// serve one instance only need not.
    fn subscribe(&self, on_change: Box<dyn Fn() + Send>) -> Result<()> {
        drop(on_change);
        Ok(())
    }
}
