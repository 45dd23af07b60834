//! Push and pull: the server side of the sync protocol. The engine opens the transactions and
//! orchestrates; the device registry (`registry.rs`) says who a device is and what it reaches,
//! `sotay_core::access` decides what it may do, and `apply.rs` applies each mutation.

use crate::apply::Apply;
use crate::registry::{Device, Joining, Registered, Registry};
use crate::storage::{
    Backend, BaseTx, Grant, Result, ServerError, ServerTx, StoredRecord, Touched,
};
use sotay_core::access::{Principal, Role};
use sotay_core::hlc::{Clock, Observed};
use sotay_core::{ClientId, EntityKind, FieldMap, Hlc};
use sotay_sync_protocol::{
    AuditEntry, AuditQuery, DEFAULT_PAGE, MAX_PAGE, MAX_PUSH, MutationResult, MutationStatus, Op,
    PulledRecord, PushRequest, PushResponse, RegisterRequest, VERSION,
};
use std::collections::HashSet;
use std::sync::Arc;
use uuid::Uuid;

mod pull;

pub use pull::{PageRecord, PullPage};

/// The sync engine over a backend.
pub struct Engine<B> {
    backend: B,
    /// The server's own client id: the writer of conflict records.
    server_client: ClientId,
    wall: Arc<dyn Fn() -> u64 + Send + Sync>,
    registry: Registry,
    /// How long a device may stay out of touch: its token expires this long after its last
    /// request, and the device locks itself after as long without reaching the server.
    offline_ms: i64,
}

/// A day in milliseconds.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The `meta` key naming this life of the database: made with it, made anew when it is restored
/// from a backup ([`Engine::begin_new_epoch`]), and sent with every pulled page.
pub(crate) const EPOCH: &str = "epoch";

/// How long a device may stay out of touch unless the server is told otherwise.
pub const DEFAULT_OFFLINE_DAYS: u32 = 30;

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
            if tx.meta(EPOCH)?.is_none() {
                tx.set_meta(EPOCH, &Uuid::new_v4().to_string())?;
            }
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
            offline_ms: i64::from(DEFAULT_OFFLINE_DAYS) * DAY_MS,
        })
    }

    /// Marks the database as restored from a backup: a new epoch, which every device hears at its
    /// next pull. It then resends its own records (the backup may predate them) and pulls again
    /// from the start, since its cursor may point past what the restored database holds. Returns
    /// the new epoch.
    pub fn begin_new_epoch(&self) -> Result<String> {
        let epoch = Uuid::new_v4().to_string();
        self.backend.transact(|tx| {
            tx.lock_for_write()?;
            tx.set_meta(EPOCH, &epoch)
        })?;
        Ok(epoch)
    }

    /// Whether the database answers: one read in a transaction (`/v1/ready`).
    pub fn ready(&self) -> Result<()> {
        self.backend.transact(|tx| tx.meta(EPOCH).map(|_| ()))
    }

    /// Replaces the wall clock (tests of clock skew).
    pub fn set_wall_clock(&mut self, wall: Arc<dyn Fn() -> u64 + Send + Sync>) {
        self.wall = wall;
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The wall clock, in milliseconds since the epoch.
    pub(crate) fn wall_ms(&self) -> u64 {
        (self.wall)()
    }

    pub(crate) fn now_ms(&self) -> i64 {
        i64::try_from((self.wall)()).unwrap_or(i64::MAX)
    }

    /// Who `member` acts as now, from their record on the server (nobody if it is not there).
    pub fn principal_of(&self, member: Uuid) -> Result<Principal> {
        self.backend
            .transact(|tx| self.registry.principal_of(tx, member))
    }

    /// Makes a one-time invite for a device; returns its code (shown once, stored as a hash).
    /// Recomputes the seals of adopted minutes (of `unit` only, if given) from the records as
    /// they are now: the meetings whose record no longer matches its seal.
    pub fn verify_seals(&self, unit: Option<Uuid>) -> Result<crate::seals::SealCheck> {
        self.backend.transact(|tx| crate::seals::verify(tx, unit))
    }

    /// When an invite made now stops working (ms since the epoch).
    pub fn invite_expires_at(&self) -> i64 {
        self.now_ms() + crate::registry::INVITE_LIFETIME_MS
    }

    pub fn create_invite(&self, grant: Grant) -> Result<String> {
        let now = self.now_ms();
        self.backend
            .transact(|tx| self.registry.create_invite(tx, grant, now))
    }

    /// Makes a one-time invite for `member`'s device, asked for by `device` (an administrator's,
    /// or a committee's for its own unit's members).
    pub fn invite_member(&self, device: &Device, member: Uuid) -> Result<String> {
        let now = self.now_ms();
        self.backend.transact(|tx| {
            self.registry
                .invite_member(tx, &device.principal, member, now)
        })
    }

    /// Makes (or replaces) the device member's calendar subscription; returns its secret, the
    /// last part of `/v1/calendar/<secret>.ics`.
    pub fn renew_calendar_feed(&self, device: &Device) -> Result<String> {
        let now = self.now_ms();
        self.backend
            .transact(|tx| crate::calendar::renew(tx, device, now))
    }

    /// Revokes the device member's calendar subscription.
    pub fn revoke_calendar_feed(&self, device: &Device) -> Result<()> {
        self.backend
            .transact(|tx| crate::calendar::revoke(tx, device))
    }

    /// The calendar a subscription's secret opens (`None`: unknown or revoked).
    pub fn calendar_feed(&self, secret: &str) -> Result<Option<String>> {
        let now = chrono::DateTime::from_timestamp_millis(self.now_ms()).unwrap_or_default();
        self.backend
            .transact(|tx| crate::calendar::feed(tx, secret, now))
    }

    /// The monitoring figures of the cells at or below `unit` for `year` (this year in Vietnam
    /// when `None`), for a device that reads that unit's meetings.
    pub fn unit_figures(
        &self,
        device: &Device,
        unit: Uuid,
        year: Option<i32>,
    ) -> Result<sotay_sync_protocol::UnitFigures> {
        let now = chrono::DateTime::from_timestamp_millis(self.now_ms()).unwrap_or_default();
        let year = year.unwrap_or_else(|| crate::report::this_year(now));
        self.backend.transact(|tx| {
            let tree = self.registry.tree(tx)?;
            crate::report::unit_figures(tx, &tree, device, unit, year, now)
        })
    }

    /// Keeps the bytes of a file that an attachment the device may read names.
    pub fn put_file(&self, device: &Device, hash: &str, bytes: &[u8]) -> Result<()> {
        let now = self.now_ms();
        self.backend
            .transact(|tx| crate::files::put(tx, device, hash, bytes, now))
    }

    /// The bytes of a file that an attachment the device may read names (`None`: not sent yet).
    pub fn file(&self, device: &Device, hash: &str) -> Result<Option<Vec<u8>>> {
        self.backend
            .transact(|tx| crate::files::get(tx, device, hash))
    }

    /// Redeems an invite for a client: returns the device's token and the member it belongs to.
    pub fn register(&self, req: &RegisterRequest) -> Result<Registered> {
        let now = self.now_ms();
        let name = crate::devices::device_name(req.device_name.as_deref())?;
        let joining = Joining {
            client: req.client_id,
            name: name.as_deref(),
            member: req.member_id,
        };
        self.backend.transact(|tx| {
            let registered =
                self.registry
                    .register(tx, &req.invite, &joining, now, self.offline_ms)?;
            crate::accounts::log(
                tx,
                now,
                sotay_sync_protocol::SecurityKind::Joined,
                registered.member,
                Some(req.client_id),
                None,
                name.as_deref(),
            )?;
            Ok(registered)
        })
    }

    /// How long a device may stay out of touch before its token expires and it locks, in days.
    pub fn offline_days(&self) -> u32 {
        u32::try_from(self.offline_ms / DAY_MS).unwrap_or(u32::MAX)
    }

    /// Sets how long a device may stay out of touch (`sotay serve --offline-days`), 1 to 365
    /// days.
    pub fn set_offline_days(&mut self, days: u32) {
        self.offline_ms = i64::from(days.clamp(1, 365)) * DAY_MS;
    }

    pub(crate) fn offline_ms(&self) -> i64 {
        self.offline_ms
    }

    pub(crate) fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The latest sequence number the device can see: a live client waits for it to pass its
    /// cursor.
    pub fn latest_seq(&self, device: &Device) -> Result<i64> {
        self.latest_seq_in(device.principal.readable_units().as_deref())
    }

    /// The latest sequence number in `units` (`None`: everywhere), what every device that reads
    /// exactly those units waits for.
    pub fn latest_seq_in(&self, units: Option<&[Uuid]>) -> Result<i64> {
        self.backend.transact(|tx| tx.latest_seq(units))
    }

    /// Applies a push: each mutation at most once, all in one transaction.
    pub fn push(&self, device: &Device, req: &PushRequest) -> Result<PushResponse> {
        self.push_touching(device, req).map(|(resp, _)| resp)
    }

    /// [`Engine::push`], and what it changed: the devices waiting for news that may read those
    /// units are woken, and no others.
    pub fn push_touching(
        &self,
        device: &Device,
        req: &PushRequest,
    ) -> Result<(PushResponse, Touched)> {
        check_push(device, req)?;
        let now = (self.wall)();
        self.backend
            .transact(|tx| self.push_in(tx, device, req, now))
    }

    /// A push's work inside a transaction the caller opened: the administrator's console reads
    /// and checks the tree in the same transaction as its writes.
    pub(crate) fn push_in(
        &self,
        tx: &mut dyn ServerTx,
        device: &Device,
        req: &PushRequest,
        now: u64,
    ) -> Result<(PushResponse, Touched)> {
        tx.lock_for_write()?;
        let before = tx.latest_seq(None)?;
        let mut ids: Vec<Uuid> = req.mutations.iter().map(|m| m.entity_id).collect();
        ids.extend(crate::apply::parents(&req.mutations));
        tx.prefetch(&ids)?;
        let mut clock = Clock::resume(server_clock(tx)?);
        let mut last = tx.last_mutation(device.client_id)?;
        let mut results = Vec::with_capacity(req.mutations.len());
        for m in &req.mutations {
            if m.id <= last {
                // Seen before: a refusal is told again (its first answer may have been
                // lost), anything else has had its one effect.
                let status = match tx.refusal(device.client_id, m.id)? {
                    Some(reason) => MutationStatus::Rejected(
                        serde_json::from_str(&reason)
                            .map_err(|e| crate::rows::corrupt("refusal", e))?,
                    ),
                    None => MutationStatus::Duplicate,
                };
                results.push(MutationResult {
                    id: m.id,
                    status,
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
            if status == MutationStatus::Applied {
                log_office_change(tx, device, m, now)?;
            }
            // Minutes adopted: the meeting's record is sealed with the push that adopts it.
            if matches!(status, MutationStatus::Applied | MutationStatus::Merged)
                && m.entity == EntityKind::Meeting.as_str()
                && m.fields.contains_key("minutes_adopted_at")
            {
                let at = clock.tick(now);
                crate::seals::seal_if_adopted(
                    tx,
                    m.entity_id,
                    i64::try_from(now).unwrap_or(i64::MAX),
                    at,
                    self.server_client,
                )?;
            }
            if let MutationStatus::Rejected(reason) = &status {
                let reason = serde_json::to_string(reason)
                    .map_err(|e| crate::rows::corrupt("refusal", e))?;
                tx.remember_refusal(device.client_id, m.id, &reason)?;
            }
            results.push(MutationResult {
                id: m.id,
                status,
                clamped,
            });
            last = m.id;
        }
        tx.set_last_mutation(device.client_id, last)?;
        tx.set_meta("hlc", &clock.last().0.to_string())?;
        let touched = tx.touched_after(before)?;
        if touched.any {
            tx.announce_change(&touched)?;
        }
        // A record the device wrote and the server kept exactly as sent — every field its
        // own, applied unclamped — is already on the device: only the others go back (a
        // district's first push answered with every record it had just sent).
        let as_sent: HashSet<Uuid> = {
            let mut changed = HashSet::new();
            for (m, r) in req.mutations.iter().zip(&results) {
                if r.status != MutationStatus::Applied || r.clamped || m.op == Op::Delete {
                    changed.insert(m.entity_id);
                }
            }
            req.mutations
                .iter()
                .map(|m| m.entity_id)
                .filter(|id| !changed.contains(id))
                .collect()
        };
        let mut seen = HashSet::new();
        let mut records = Vec::new();
        for m in &req.mutations {
            if seen.insert(m.entity_id)
                && let Some(r) = tx.record(m.entity_id)?
                && device.principal.may_read(r.entity, r.scope)
                && !(as_sent.contains(&r.id)
                    && r.clocks.values().all(|c| c.client == device.client_id))
            {
                records.push(pulled(r));
            }
        }
        Ok((
            PushResponse {
                results,
                last_mutation_id: last,
                records,
            },
            touched,
        ))
    }

    /// The audit log, for an administrator's device.
    pub fn audit_log(&self, device: &Device, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        if device.principal.role != Role::Administrator {
            return Err(ServerError::Forbidden);
        }
        self.read_audit_log(query)
    }

    /// The audit log, read where the server's data is (`sotay admin audit`).
    pub fn read_audit_log(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let limit = query.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE);
        self.backend.transact(|tx| tx.audit_log(query, limit))
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

/// A member's office given or changed (a secretary named, a deputy stepping down) goes to the
/// security log too: it changes what that member's devices may do. A new ordinary member does
/// not.
fn log_office_change(
    tx: &mut dyn ServerTx,
    device: &Device,
    m: &sotay_sync_protocol::Mutation,
    now: u64,
) -> Result<()> {
    if m.entity != EntityKind::Member.as_str() {
        return Ok(());
    }
    let Some(office) = m.fields.get("role").and_then(serde_json::Value::as_str) else {
        return Ok(());
    };
    if m.op == Op::Insert && office == "member" {
        return Ok(());
    }
    crate::accounts::log(
        tx,
        i64::try_from(now).unwrap_or(i64::MAX),
        sotay_sync_protocol::SecurityKind::OfficeChanged,
        Some(m.entity_id),
        Some(device.client_id),
        None,
        Some(office),
    )
}

pub(crate) fn server_clock(tx: &mut dyn BaseTx) -> Result<Hlc> {
    Ok(tx
        .meta("hlc")?
        .and_then(|s| s.parse().ok())
        .map(Hlc)
        .unwrap_or(Hlc::ZERO))
}

/// A record the push's answer carries back, in the pull's shape.
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
        gone: false,
    }
}
