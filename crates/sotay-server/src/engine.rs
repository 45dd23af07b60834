//! Push and pull: the server side of the sync protocol.

use crate::storage::{Backend, FieldClock, Grant, Result, ServerError, ServerTx, StoredRecord};
use serde_json::Value;
use sha2::{Digest, Sha256};
use sotay_core::hlc::{Clock, Observed};
use sotay_core::merge::{Outcome, Versioned, merge_field};
use sotay_core::model::{ConflictKind, RecordError, validate_fields};
use sotay_core::{ClientId, EntityKind, FieldMap, Hlc, entity::Scope};
use sotay_sync_protocol::{
    MAX_PAGE, MAX_PUSH, Mutation, MutationResult, MutationStatus, Op, PullResponse, PulledRecord,
    PushRequest, PushResponse, RejectReason, VERSION,
};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;
use uuid::Uuid;

/// What a device may read and write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Everything (the server's own administration).
    All,
    /// The records of these org units.
    Units(Vec<Uuid>),
}

/// An authenticated device: one client (one store) of one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub client_id: ClientId,
    pub access: Access,
}

impl Device {
    fn may(&self, scope: Option<Uuid>) -> bool {
        match (&self.access, scope) {
            (Access::All, _) => true,
            (Access::Units(units), Some(s)) => units.contains(&s),
            (Access::Units(_), None) => false,
        }
    }
}

/// The sync engine over a backend.
pub struct Engine<B> {
    backend: B,
    /// The server's own client id: the writer of conflict records.
    server_client: ClientId,
    wall: Arc<dyn Fn() -> u64 + Send + Sync>,
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
                    .map_err(|e| ServerError::Corrupt {
                        id: "meta.server_client".into(),
                        reason: e.to_string(),
                    }),
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
        })
    }

    /// Replaces the wall clock (tests of clock skew).
    pub fn set_wall_clock(&mut self, wall: Arc<dyn Fn() -> u64 + Send + Sync>) {
        self.wall = wall;
    }

    pub fn backend(&self) -> &B {
        &self.backend
    }

    /// The units a member of `unit` reads and writes: the unit, the committees above it (their
    /// directives) and the units below it (a committee follows its cells).
    pub fn access_for_unit(&self, unit: Uuid) -> Result<Access> {
        let units = self.backend.transact(|tx| tx.units())?;
        let parent: BTreeMap<Uuid, Option<Uuid>> = units.iter().copied().collect();
        let mut out = vec![unit];
        let mut cur = parent.get(&unit).copied().flatten();
        while let Some(p) = cur {
            if out.contains(&p) {
                break;
            }
            out.push(p);
            cur = parent.get(&p).copied().flatten();
        }
        let mut frontier = vec![unit];
        while let Some(u) = frontier.pop() {
            for (child, p) in &units {
                if *p == Some(u) && !out.contains(child) {
                    out.push(*child);
                    frontier.push(*child);
                }
            }
        }
        Ok(Access::Units(out))
    }

    /// Makes a one-time invite for a device; returns its code (shown once, stored as a hash).
    pub fn create_invite(&self, grant: Grant) -> Result<String> {
        let code = secret(12);
        let now = i64::try_from((self.wall)()).unwrap_or(i64::MAX);
        self.backend.transact(|tx| {
            tx.lock_for_write()?;
            tx.create_invite(&hash(&code), &grant, now)
        })?;
        Ok(code)
    }

    /// Redeems an invite for a client: returns the device's token.
    pub fn register(&self, code: &str, client: ClientId) -> Result<String> {
        let token = format!("sotay_{}", secret(40));
        let now = i64::try_from((self.wall)()).unwrap_or(i64::MAX);
        let grant = self.backend.transact(|tx| {
            tx.lock_for_write()?;
            tx.redeem_invite(&hash(code.trim()), &hash(&token), client, now)
        })?;
        match grant {
            Some(_) => Ok(token),
            None => Err(ServerError::InvalidInvite),
        }
    }

    /// The device a bearer token belongs to, with what it may read and write now.
    pub fn authenticate(&self, token: &str) -> Result<Device> {
        let found = self.backend.transact(|tx| tx.device(&hash(token)))?;
        let (client_id, grant) = found.ok_or(ServerError::Unauthorized)?;
        let access = match grant {
            Grant { admin: true, .. } => Access::All,
            Grant {
                unit: Some(unit), ..
            } => self.access_for_unit(unit)?,
            Grant { unit: None, .. } => Access::Units(Vec::new()),
        };
        Ok(Device { client_id, access })
    }

    /// The latest sequence number the device can see: a live client waits for it to pass its
    /// cursor.
    pub fn latest_seq(&self, device: &Device) -> Result<i64> {
        self.backend.transact(|tx| match &device.access {
            Access::All => tx.latest_seq(None),
            Access::Units(u) => tx.latest_seq(Some(u)),
        })
    }

    /// Applies a push: each mutation at most once, all in one transaction.
    pub fn push(&self, device: &Device, req: &PushRequest) -> Result<PushResponse> {
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
                let observed = clock.observe(m.hlc, now);
                let (hlc, clamped) = match observed {
                    Observed::Accepted => (m.hlc, false),
                    Observed::Clamped { bound, .. } => (bound, true),
                };
                let mut ctx = Apply {
                    tx: &mut *tx,
                    device,
                    clock: &mut clock,
                    now,
                    server: self.server_client,
                };
                let status = ctx.apply(m, hlc)?;
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
                    && device.may(r.scope)
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
    pub fn pull(&self, device: &Device, cursor: i64, limit: u32) -> Result<PullResponse> {
        let limit = limit.clamp(1, MAX_PAGE);
        let scopes = match &device.access {
            Access::All => None,
            Access::Units(u) => Some(u.as_slice()),
        };
        self.backend.transact(|tx| {
            // One more than asked tells whether more follow.
            let mut records = tx.records_after(cursor, scopes, limit + 1)?;
            let more = records.len() > limit as usize;
            records.truncate(limit as usize);
            let next = records.last().map_or(cursor, |r| r.seq);
            Ok(PullResponse {
                records: records.into_iter().map(pulled).collect(),
                cursor: next,
                more,
            })
        })
    }
}

/// `chars` random characters from an unambiguous alphabet, from the operating system's generator
/// (through UUIDv4, which uses it).
fn secret(chars: usize) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut out = String::with_capacity(chars);
    while out.len() < chars {
        for b in Uuid::new_v4().as_bytes() {
            if out.len() == chars {
                break;
            }
            out.push(char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]));
        }
    }
    out
}

fn hash(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
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

/// The work of applying one mutation.
struct Apply<'a> {
    tx: &'a mut dyn ServerTx,
    device: &'a Device,
    clock: &'a mut Clock,
    now: u64,
    server: ClientId,
}

/// A value the merge did not keep.
struct Lost {
    field: String,
    kind: ConflictKind,
    kept: Value,
    lost: Versioned,
}

impl Apply<'_> {
    fn apply(&mut self, m: &Mutation, hlc: Hlc) -> Result<MutationStatus> {
        let Ok(kind) = m.entity.parse::<EntityKind>() else {
            return Ok(MutationStatus::Rejected(RejectReason::UnknownEntity {
                entity: m.entity.clone(),
            }));
        };
        for (name, value) in &m.fields {
            let Some(field) = kind.field(name) else {
                return Ok(MutationStatus::Rejected(RejectReason::UnknownField {
                    field: name.clone(),
                }));
            };
            if let Err(expected) = field.check(value) {
                return Ok(MutationStatus::Rejected(RejectReason::BadValue {
                    field: name.clone(),
                    expected: expected.to_owned(),
                }));
            }
        }
        let current = self.tx.record(m.entity_id)?;
        if let Some(cur) = &current {
            if cur.entity != kind {
                return Ok(MutationStatus::Rejected(RejectReason::BadValue {
                    field: "id".into(),
                    expected: format!("the id of a {}", cur.entity),
                }));
            }
            if cur.deleted {
                if m.op == Op::Delete {
                    return Ok(MutationStatus::Applied);
                }
                self.refuse(cur.scope, m, hlc, kind, "the record was deleted")?;
                return Ok(MutationStatus::Rejected(RejectReason::Deleted));
            }
        }
        let writer = self.device.client_id;

        if m.op == Op::Delete {
            let mut rec = current.unwrap_or_else(|| StoredRecord::new(kind, m.entity_id));
            if !self.device.may(rec.scope) && rec.scope.is_some() {
                return Ok(MutationStatus::Rejected(RejectReason::Forbidden));
            }
            rec.deleted = true;
            rec.clocks.insert(
                "_deleted".into(),
                FieldClock {
                    hlc,
                    client: writer,
                },
            );
            self.tx.put(&rec)?;
            return Ok(MutationStatus::Applied);
        }

        let mut rec = current
            .clone()
            .unwrap_or_else(|| StoredRecord::new(kind, m.entity_id));
        let mut lost = Vec::new();
        let mut merged = false;
        for (name, value) in &m.fields {
            let Some(field) = kind.field(name) else {
                continue;
            };
            let now_value = current.as_ref().and_then(|c| {
                let clock = c.clocks.get(name)?;
                Some(Versioned {
                    value: c.fields.get(name)?.clone(),
                    hlc: clock.hlc,
                    client: clock.client,
                })
            });
            let incoming = Versioned {
                value: value.clone(),
                hlc,
                client: writer,
            };
            let base = m.base.as_ref().and_then(|b| b.get(name));
            match merge_field(field, now_value.as_ref(), base, &incoming) {
                Outcome::Applied { overwritten } => {
                    set(&mut rec, name, value.clone(), hlc, writer);
                    if let Some(o) = overwritten {
                        lost.push(Lost {
                            field: name.clone(),
                            kind: ConflictKind::Overwritten,
                            kept: value.clone(),
                            lost: o,
                        });
                    }
                }
                Outcome::Kept { rejected } => {
                    merged = true;
                    if let Some(cur) = &now_value
                        && cur.value != rejected.value
                    {
                        lost.push(Lost {
                            field: name.clone(),
                            kind: ConflictKind::Superseded,
                            kept: cur.value.clone(),
                            lost: rejected,
                        });
                    }
                }
                Outcome::Merged { value, hlc: at } => {
                    merged = true;
                    let client = if at == hlc {
                        writer
                    } else {
                        now_value.as_ref().map_or(writer, |c| c.client)
                    };
                    set(&mut rec, name, value, at, client);
                }
                Outcome::Conflicted { winner, loser } => {
                    merged = true;
                    set(
                        &mut rec,
                        name,
                        winner.value.clone(),
                        winner.hlc,
                        winner.client,
                    );
                    lost.push(Lost {
                        field: name.clone(),
                        kind: ConflictKind::Overlap,
                        kept: winner.value,
                        lost: loser,
                    });
                }
            }
        }

        if let Err(e) = validate_fields(kind, m.entity_id, &rec.fields) {
            let (field, problem) = match &e {
                RecordError::Invalid(v) => (v.field.to_owned(), v.problem.to_string()),
                RecordError::Shape(s) => (String::new(), s.clone()),
            };
            let scope = match &current {
                Some(c) => c.scope,
                None => self.scope_of(kind, m.entity_id, &m.fields)?,
            };
            self.refuse(scope, m, hlc, kind, &e.to_string())?;
            return Ok(MutationStatus::Rejected(RejectReason::Invalid {
                field,
                problem,
            }));
        }
        let scope = self.scope_of(kind, m.entity_id, &rec.fields)?;
        if !self.device.may(scope) || current.as_ref().is_some_and(|c| !self.device.may(c.scope)) {
            return Ok(MutationStatus::Rejected(RejectReason::Forbidden));
        }
        rec.scope = scope;
        self.tx.put(&rec)?;
        for l in lost {
            self.conflict(scope, kind, m.entity_id, l, None)?;
        }
        Ok(if merged {
            MutationStatus::Merged
        } else {
            MutationStatus::Applied
        })
    }

    /// Which unit a record with these fields belongs to.
    fn scope_of(&mut self, kind: EntityKind, id: Uuid, fields: &FieldMap) -> Result<Option<Uuid>> {
        let id_in = |name: &str| -> Option<Uuid> {
            fields
                .get(name)
                .and_then(Value::as_str)
                .and_then(|s| Uuid::parse_str(s).ok())
        };
        Ok(match kind.scope() {
            Scope::Itself => Some(id),
            Scope::Unit(field) => id_in(field),
            Scope::Parent(names) => match names.iter().find_map(|n| id_in(n)) {
                Some(parent) => self.tx.record(parent)?.and_then(|p| p.scope),
                None => None,
            },
        })
    }

    /// Refuses a write, keeping its values in a conflict record, and makes the record's state go
    /// back out so the writer's replica is corrected: the current state if there is one, a
    /// tombstone for a refused insert.
    fn refuse(
        &mut self,
        scope: Option<Uuid>,
        m: &Mutation,
        hlc: Hlc,
        kind: EntityKind,
        reason: &str,
    ) -> Result<()> {
        let mut rec = match self.tx.record(m.entity_id)? {
            Some(r) => r,
            None => {
                let mut r = StoredRecord::new(kind, m.entity_id);
                r.deleted = true;
                r.scope = scope;
                r
            }
        };
        if rec.entity == kind {
            self.tx.put(&rec)?;
        } else {
            rec.scope = None;
        }
        let lost = Lost {
            field: String::new(),
            kind: ConflictKind::Refused,
            kept: Value::Null,
            lost: Versioned {
                value: Value::Object(m.fields.clone()),
                hlc,
                client: self.device.client_id,
            },
        };
        self.conflict(scope, kind, m.entity_id, lost, Some(reason))
    }

    /// Records a value not kept as a `conflict` record in the record's unit.
    fn conflict(
        &mut self,
        scope: Option<Uuid>,
        kind: EntityKind,
        record_id: Uuid,
        lost: Lost,
        reason: Option<&str>,
    ) -> Result<()> {
        let Some(unit) = scope else {
            // Nobody could read it: a write to nowhere (its unit is unknown). Nothing to show.
            return Ok(());
        };
        let at = self.clock.tick(self.now);
        let id = sotay_core::id::new_id();
        let mut fields = FieldMap::new();
        let detected = i64::try_from(self.now).unwrap_or(i64::MAX);
        for (k, v) in [
            ("unit_id", Value::String(unit.to_string())),
            ("entity", Value::String(kind.as_str().into())),
            ("record_id", Value::String(record_id.to_string())),
            ("field", Value::String(lost.field)),
            ("kind", Value::String(lost.kind.to_string())),
            ("kept", Value::String(lost.kept.to_string())),
            ("lost", Value::String(lost.lost.value.to_string())),
            ("lost_client", Value::String(lost.lost.client.to_string())),
            ("lost_hlc", Value::from(lost.lost.hlc.as_i64())),
            (
                "reason",
                reason.map_or(Value::Null, |r| Value::String(r.into())),
            ),
            ("detected_at", Value::from(detected)),
            ("status", Value::String("open".into())),
        ] {
            fields.insert(k.into(), v);
        }
        let mut rec = StoredRecord::new(EntityKind::Conflict, id);
        let clocks: Vec<String> = fields.keys().cloned().collect();
        rec.fields = fields;
        for name in clocks {
            rec.clocks.insert(
                name,
                FieldClock {
                    hlc: at,
                    client: self.server,
                },
            );
        }
        rec.scope = Some(unit);
        self.tx.put(&rec)?;
        Ok(())
    }
}

fn set(rec: &mut StoredRecord, name: &str, value: Value, hlc: Hlc, client: ClientId) {
    rec.fields.insert(name.to_owned(), value);
    rec.clocks
        .insert(name.to_owned(), FieldClock { hlc, client });
}
