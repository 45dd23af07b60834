//! Push and pull: the server side of the sync protocol. The engine opens the transactions and
//! orchestrates; the device registry (`registry.rs`) says who a device is and what it reaches,
//! `sotay_core::access` decides what it may do, and `apply.rs` applies each mutation.

use crate::apply::Apply;
use crate::registry::{Device, Registered, Registry};
use crate::storage::{Backend, Grant, Result, ServerError, ServerTx, StoredRecord};
use sotay_core::access::Principal;
use sotay_core::hlc::{Clock, Observed};
use sotay_core::{ClientId, FieldMap, Hlc};
use sotay_sync_protocol::{
    MAX_PAGE, MAX_PUSH, MutationResult, MutationStatus, PullResponse, PulledRecord, PushRequest,
    PushResponse, VERSION,
};
use std::collections::HashSet;
use std::sync::Arc;
use uuid::Uuid;

/// The sync engine over a backend.
pub struct Engine<B> {
    backend: B,
    /// The server's own client id: the writer of conflict records.
    server_client: ClientId,
    wall: Arc<dyn Fn() -> u64 + Send + Sync>,
    registry: Registry,
}

impl<B> std::fmt::Debug for Engine<B> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("server_client", &self.server_client)
            .finish_non_exhaustive()
    }
}

fn system_ms() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp_millis()).unwrap_or(0)
}

impl<B: Backend> Engine<B> {
    pub fn new(backend: B) -> Result<Engine<B>> {
        let server_client = backend.transact(|tx| {
            tx.lock_for_write()?;
            let stored = tx.meta("server_client")?;
            match stored {
                Some(s) => Uuid::parse_str(&s)
                    .map(ClientId)
                    .map_err(|e| crate::rows::corrupt("meta.server_client", e)),
                None => {
                    let id = ClientId::new();
                    tx.set_meta("server_client", &id.to_string())?;
                    Ok(id)
                }
            }
        })?;
        Ok(Engine {
            backend,
            server_client,
            wall: Arc::new(system_ms),
            registry: Registry::default(),
        })
    }

    /// Replaces the wall clock (tests of clock skew).
    pub fn set_wall_clock(&mut self, wall: Arc<dyn Fn() -> u64 + Send + Sync>) {
        self.wall = wall;
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    fn now_ms(&self) -> i64 {
        i64::try_from((self.wall)()).unwrap_or(i64::MAX)
    }

    /// Who `member` acts as now, from their record on the server (nobody if it is not there).
    pub fn principal_of(&self, member: Uuid) -> Result<Principal> {
        self.backend
            .transact(|tx| self.registry.principal_of(tx, member))
    }

    /// Makes a one-time invite for a device; returns its code (shown once, stored as a hash).
    pub fn create_invite(&self, grant: Grant) -> Result<String> {
        let now = self.now_ms();
        self.backend
            .transact(|tx| self.registry.create_invite(tx, grant, now))
    }

    /// Redeems an invite for a client: returns the device's token and the member it belongs to.
    pub fn register(&self, code: &str, client: ClientId) -> Result<Registered> {
        let now = self.now_ms();
        self.backend
            .transact(|tx| self.registry.register(tx, code, client, now))
    }

    /// The device a bearer token belongs to, with what it may read and write now.
    pub fn authenticate(&self, token: &str) -> Result<Device> {
        self.backend
            .transact(|tx| self.registry.authenticate(tx, token))
    }

    /// The latest sequence number the device can see: a live client waits for it to pass its
    /// cursor.
    pub fn latest_seq(&self, device: &Device) -> Result<i64> {
        self.backend
            .transact(|tx| tx.latest_seq(device.principal.readable_units().as_deref()))
    }

    /// Applies a push: each mutation at most once, all in one transaction.
    pub fn push(&self, device: &Device, req: &PushRequest) -> Result<PushResponse> {
        check_push(device, req)?;
        let now = (self.wall)();
        self.backend.transact(|tx| {
            tx.lock_for_write()?;
            let mut clock = Clock::resume(server_clock(tx)?);
            let mut last = tx.last_mutation(device.client_id)?;
            let mut results = Vec::with_capacity(req.mutations.len());
            for m in &req.mutations {
                if m.id <= last {
                    results.push(MutationResult {
                        id: m.id,
                        status: MutationStatus::Duplicate,
                        clamped: false,
                    });
                    continue;
                }
                let (hlc, clamped) = match clock.observe(m.hlc, now) {
                    Observed::Accepted => (m.hlc, false),
                    Observed::Clamped { bound, .. } => (bound, true),
                };
                let status = Apply {
                    tx: &mut *tx,
                    principal: &device.principal,
                    writer: device.client_id,
                    clock: &mut clock,
                    now,
                    server: self.server_client,
                }
                .apply(m, hlc)?;
                results.push(MutationResult {
                    id: m.id,
                    status,
                    clamped,
                });
                last = m.id;
            }
            tx.set_last_mutation(device.client_id, last)?;
            tx.set_meta("hlc", &clock.last().0.to_string())?;
            tx.announce_change()?;
            let mut seen = HashSet::new();
            let mut records = Vec::new();
            for m in &req.mutations {
                if seen.insert(m.entity_id)
                    && let Some(r) = tx.record(m.entity_id)?
                    && device.principal.may_read(r.entity, r.scope)
                {
                    records.push(pulled(r));
                }
            }
            Ok(PushResponse {
                results,
                last_mutation_id: last,
                records,
            })
        })
    }

    /// The records changed after `cursor` that the device may read.
    ///
    /// The database filters by the units the device reads something of; the rules then decide
    /// each record by its kind (a member reads the commune's directives, not its meetings). The
    /// cursor passes the records left out too, so a page may hold fewer than `limit`.
    pub fn pull(&self, device: &Device, cursor: i64, limit: u32) -> Result<PullResponse> {
        let limit = limit.clamp(1, MAX_PAGE);
        let units = device.principal.readable_units();
        self.backend.transact(|tx| {
            // One more than asked tells whether more follow.
            let mut records = tx.records_after(cursor, units.as_deref(), limit + 1)?;
            let more = records.len() > limit as usize;
            records.truncate(limit as usize);
            let next = records.last().map_or(cursor, |r| r.seq);
            Ok(PullResponse {
                records: records
                    .into_iter()
                    .filter(|r| device.principal.may_read(r.entity, r.scope))
                    .map(pulled)
                    .collect(),
                cursor: next,
                more,
            })
        })
    }
}

/// Refuses a push outside the protocol, whole, before its transaction.
fn check_push(device: &Device, req: &PushRequest) -> Result<()> {
    if req.version != VERSION {
        return Err(ServerError::Protocol(format!(
            "protocol version {} is not supported; this server speaks {VERSION}",
            req.version
        )));
    }
    if req.client_id != device.client_id {
        return Err(ServerError::Forbidden);
    }
    if req.mutations.len() > MAX_PUSH {
        return Err(ServerError::Protocol(format!(
            "a push carries at most {MAX_PUSH} mutations"
        )));
    }
    if req.mutations.windows(2).any(|w| w[0].id >= w[1].id) {
        return Err(ServerError::Protocol(
            "mutation ids must be strictly increasing".into(),
        ));
    }
    Ok(())
}

fn server_clock(tx: &mut dyn ServerTx) -> Result<Hlc> {
    Ok(tx
        .meta("hlc")?
        .and_then(|s| s.parse().ok())
        .map(Hlc)
        .unwrap_or(Hlc::ZERO))
}

fn pulled(r: StoredRecord) -> PulledRecord {
    let latest = r.latest();
    PulledRecord {
        seq: r.seq,
        entity: r.entity.as_str().to_owned(),
        id: r.id,
        fields: if r.deleted { FieldMap::new() } else { r.fields },
        deleted: r.deleted,
        hlc: latest.map_or(Hlc::ZERO, |c| c.hlc),
        origin: latest.map_or(ClientId(Uuid::nil()), |c| c.client),
    }
}
