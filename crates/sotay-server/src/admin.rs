//! The administrator's console on the server: the organisation tree (`tree.rs`) and the roster
//! with its offices (`roster.rs`), for `sotay admin …` where the server's data is and for
//! `/v1/admin/…` from an administrator's device.
//!
//! A console change is never written beside the sync path: it becomes mutations pushed as the
//! administrator, in the same transaction that read and checked the tree, so the rules table,
//! validation, the audit log, sequence numbers and every device's next pull treat it exactly as a
//! change made on a device. What the console adds is the checks a tree and a roster need and a
//! record's fields cannot say alone: a cell under a cell, a second secretary, the same person
//! twice.

use crate::engine::Engine;
use crate::registry::Device;
use crate::storage::{Backend, BaseTx, Result, ServerError, ServerTx, StoredRecord, Touched};
use sotay_core::access::{Principal, Role};
use sotay_core::hlc::Clock;
use sotay_core::model::{Member, OrgUnit};
use sotay_core::{ClientId, EntityKind, ErrorKind, FieldMap, Op, Record};
use sotay_sync_protocol::{Mutation, MutationStatus, PushRequest, RejectReason, VERSION};
use uuid::Uuid;

mod columns;
mod import;
mod places;
mod roster;
mod sheet;
mod tree;

/// Where the console's client id is kept: every change made with `sotay admin …` is audited as
/// one device's.
const CONSOLE_CLIENT: &str = "console_client";

/// One record a console change writes: a new one, or fields changed on one the server has.
enum Write {
    New(EntityKind, Uuid, FieldMap),
    Change {
        kind: EntityKind,
        id: Uuid,
        fields: FieldMap,
        base: FieldMap,
    },
}

impl Write {
    fn new(record: &impl RecordOf) -> Write {
        Write::New(record.kind(), record.record_id(), record.fields())
    }

    /// The fields of `after` that differ from `before`, or nothing when none does.
    fn change<R: RecordOf>(before: &R, after: &R) -> Option<Write> {
        let (old, new) = (before.fields(), after.fields());
        let mut fields = FieldMap::new();
        let mut base = FieldMap::new();
        for (name, value) in new {
            let was = old.get(&name).cloned().unwrap_or(serde_json::Value::Null);
            if was != value {
                base.insert(name.clone(), was);
                fields.insert(name, value);
            }
        }
        (!fields.is_empty()).then(|| Write::Change {
            kind: after.kind(),
            id: after.record_id(),
            fields,
            base,
        })
    }
}

/// A typed record the console writes.
trait RecordOf {
    fn kind(&self) -> EntityKind;
    fn record_id(&self) -> Uuid;
    fn fields(&self) -> FieldMap;
}

impl<R: Record> RecordOf for R {
    fn kind(&self) -> EntityKind {
        R::KIND
    }
    fn record_id(&self) -> Uuid {
        self.id()
    }
    fn fields(&self) -> FieldMap {
        self.to_fields()
    }
}

impl<B: Backend> Engine<B> {
    /// The device `sotay admin …` acts as where the server's data is: the administrator, with a
    /// client id made on first use and kept, so the audit log names one console.
    pub fn console(&self) -> Result<Device> {
        let client_id = self.backend().transact(|tx| {
            if let Some(id) = tx.meta(CONSOLE_CLIENT)? {
                return Uuid::parse_str(&id)
                    .map(ClientId)
                    .map_err(|e| crate::rows::corrupt("meta.console_client", e));
            }
            tx.lock_for_write()?;
            let id = ClientId::new();
            tx.set_meta(CONSOLE_CLIENT, &id.to_string())?;
            Ok(id)
        })?;
        Ok(Device {
            client_id,
            principal: Principal::administrator(),
        })
    }

    /// Runs a console change: `f` reads and checks in the transaction and says what to write;
    /// the writes are pushed as `device`, and the whole is undone if the server refuses any.
    fn administer<T>(
        &self,
        device: &Device,
        f: impl FnOnce(&mut dyn ServerTx) -> Result<(T, Vec<Write>)>,
    ) -> Result<(T, Touched)> {
        only_administrators(device)?;
        self.backend().transact(|tx| {
            tx.lock_for_write()?;
            let (value, writes) = f(tx)?;
            if writes.is_empty() {
                return Ok((value, Touched::default()));
            }
            let now = self.wall_ms();
            let mut clock = Clock::resume(crate::engine::server_clock(tx)?);
            let last = tx.last_mutation(device.client_id)?;
            let mutations = (last + 1..)
                .zip(writes)
                .map(|(id, w)| {
                    let (kind, entity_id, op, fields, base) = match w {
                        Write::New(kind, id, fields) => (kind, id, Op::Insert, fields, None),
                        Write::Change {
                            kind,
                            id,
                            fields,
                            base,
                        } => (kind, id, Op::Update, fields, Some(base)),
                    };
                    Mutation {
                        id,
                        entity: kind.as_str().to_owned(),
                        entity_id,
                        op,
                        fields,
                        base,
                        hlc: clock.tick(now),
                    }
                })
                .collect();
            let req = PushRequest {
                version: VERSION,
                client_id: device.client_id,
                mutations,
            };
            let (resp, touched) = self.push_in(tx, device, &req, now)?;
            for (m, r) in req.mutations.iter().zip(resp.results) {
                if let MutationStatus::Rejected(reason) = r.status {
                    return Err(refusal(&m.entity, &reason));
                }
            }
            Ok((value, touched))
        })
    }

    /// Reads for the console, in one transaction.
    fn inspect<T>(
        &self,
        device: &Device,
        f: impl FnOnce(&mut dyn ServerTx) -> Result<T>,
    ) -> Result<T> {
        only_administrators(device)?;
        self.backend().transact(f)
    }
}

fn only_administrators(device: &Device) -> Result<()> {
    if device.principal.role == Role::Administrator {
        Ok(())
    } else {
        Err(ServerError::Forbidden)
    }
}

/// A console write the server refused, as an error: the checks here run before the push, so
/// what is left is the record's own validation.
fn refusal(entity: &str, reason: &RejectReason) -> ServerError {
    match reason {
        RejectReason::Invalid { field, problem }
        | RejectReason::BadValue {
            field,
            expected: problem,
        } => ServerError::Invalid(format!("{entity} {field}: {problem}")),
        other => ServerError::Invalid(format!("{entity}: refused ({})", other.code())),
    }
}

/// The live org unit `id`.
fn unit(tx: &mut dyn BaseTx, id: Uuid) -> Result<OrgUnit> {
    live::<OrgUnit>(tx.record(id)?).ok_or(ServerError::UnknownUnit(id))
}

/// The member `id`, if still on the roster.
fn member(tx: &mut dyn BaseTx, id: Uuid) -> Result<Member> {
    live::<Member>(tx.record(id)?).ok_or(ServerError::UnknownMember(id))
}

/// A stored record as its type, if it is a live one of that kind.
fn live<R: Record>(record: Option<StoredRecord>) -> Option<R> {
    let r = record.filter(|r| r.entity == R::KIND && !r.deleted)?;
    R::from_fields(r.id, r.fields).ok()
}

/// Every member on the roster now, unit by unit.
fn all_members(tx: &mut dyn BaseTx) -> Result<Vec<Member>> {
    let mut members = Vec::new();
    for (unit, _, _) in tx.units()? {
        members.extend(unit_members(tx, unit)?);
    }
    Ok(members)
}

/// The members on a unit's roster now.
fn unit_members(tx: &mut dyn BaseTx, unit: Uuid) -> Result<Vec<Member>> {
    Ok(tx
        .scope_records(unit, &[EntityKind::Member])?
        .into_iter()
        .filter_map(|r| live::<Member>(Some(r)))
        .filter(|m| m.unit_id == unit)
        .collect())
}

/// Refuses a write into a closed unit.
fn open(unit: &OrgUnit) -> Result<()> {
    match unit.closed_on {
        None => Ok(()),
        Some(on) => Err(ServerError::refused(
            ErrorKind::UnitClosed,
            format!(
                "{} was closed on {}; it takes no new members or units",
                unit.name,
                on.format("%d/%m/%Y")
            ),
        )),
    }
}

/// Text a person typed, in the stored form; `None` when blank.
fn entered(s: Option<&str>) -> Option<String> {
    sotay_core::text::entered(s)
}

/// A record's own checks, as the console's error.
fn valid(r: &impl Record) -> Result<()> {
    r.validate()
        .map_err(|e| ServerError::Invalid(e.to_string()))
}
