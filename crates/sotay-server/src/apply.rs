//! Applying one pushed mutation: check it against the entity table, ask the rules table whether
//! the device's member may make it, merge it field by field into the stored record, and keep every
//! value not kept as a conflict record.
//!
//! A write that moves a record to another unit leaves a departure for the unit it left, and a
//! write to what the rules table audits leaves an audit entry, both in the same transaction.
//!
//! The rules are asked before anything is written, on the record as the merge would leave it (its
//! unit, whose it is, the values the rules' conditions read): a mutation the member may not make is
//! refused with nothing stored, not even the conflict record or the tombstone an allowed but
//! invalid write leaves. An insert that meets a record already there (an id derived from what it
//! is about, written on two devices) is judged as what it is, the same fact written twice:
//! `same_fact.rs`.

mod merge;
mod same_fact;

use crate::conflict::{Lost, conflict_record};
use crate::storage::{BaseTx, FieldClock, PushTx, PutRecord, Result, StoredRecord};
use merge::merge_into;
use serde_json::Value;
use sotay_core::access::{Action, Principal, Whose, decide, whose};
use sotay_core::hlc::Clock;
use sotay_core::merge::Versioned;
use sotay_core::model::{ConflictKind, RecordError, TaskAssignee, validate_fields};
use sotay_core::{ClientId, EntityKind, FieldMap, Hlc, Record, entity::Scope};
use sotay_sync_protocol::{Mutation, MutationStatus, Op, RejectReason};
use uuid::Uuid;

/// The work of applying one mutation, inside the push's transaction.
pub(crate) struct Apply<'a> {
    pub tx: &'a mut dyn PushTx,
    /// Who the pushing device acts as.
    pub principal: &'a Principal,
    /// The pushing device's client.
    pub writer: ClientId,
    pub clock: &'a mut Clock,
    pub now: u64,
    /// The server's own client: the writer of conflict records.
    pub server: ClientId,
}

/// A mutation's outcome before any write: refused, or of this kind on this record.
type Checked = std::result::Result<(EntityKind, Option<StoredRecord>), MutationStatus>;

const FORBIDDEN: MutationStatus = MutationStatus::Rejected(RejectReason::Forbidden);

impl Apply<'_> {
    /// Applies `m`, stamped `hlc`, and says what became of it. A refused change to what the
    /// audit log keeps is logged too: someone tried.
    pub fn apply(&mut self, m: &Mutation, hlc: Hlc) -> Result<MutationStatus> {
        let status = self.write(m, hlc)?;
        if let MutationStatus::Rejected(reason) = &status {
            self.audit_refusal(m, reason)?;
        }
        Ok(status)
    }

    fn write(&mut self, m: &Mutation, hlc: Hlc) -> Result<MutationStatus> {
        let (kind, current) = match self.check(m)? {
            Ok(checked) => checked,
            Err(refused) => return Ok(refused),
        };
        if m.op == Op::Delete {
            return self.delete(kind, current, hlc);
        }
        let mut rec = current
            .clone()
            .unwrap_or_else(|| StoredRecord::new(kind, m.entity_id));
        let (mut lost, mut merged) = merge_into(&mut rec, current.as_ref(), m, hlc, self.writer);
        // The merged record may name another unit (a record moved): the member must be allowed
        // where it was and where it goes.
        let scope = self.scope_of(kind, m.entity_id, &rec.fields)?;
        let mut names: Vec<&str> = m.fields.keys().map(String::as_str).collect();
        let allowed = match &current {
            None => self.may(
                kind,
                m.entity_id,
                scope,
                &rec.fields,
                Action::Insert { new: &rec.fields },
            )?,
            Some(cur) if m.op == Op::Insert => self.may_insert_over(kind, m, cur)?,
            Some(cur) => {
                let action = Action::Update {
                    fields: &names,
                    old: &cur.fields,
                    new: &rec.fields,
                };
                self.may(kind, m.entity_id, cur.scope, &cur.fields, action)?
                    && self.may(kind, m.entity_id, scope, &rec.fields, action)?
            }
        };
        if !allowed {
            return Ok(FORBIDDEN);
        }
        if let Some(cur) = current.as_ref().filter(|c| c.deleted) {
            self.refuse(cur.scope, m, hlc, kind, "the record was deleted")?;
            return Ok(MutationStatus::Rejected(RejectReason::Deleted));
        }
        let mut held = Vec::new();
        if let Some(cur) = current.as_ref().filter(|_| m.op == Op::Insert) {
            let judged = self.hold_back(cur, &mut rec, m, hlc, &mut lost)?;
            names = judged.changed;
            held = judged.held;
            merged |= !held.is_empty();
        }
        // What was held back may have been the record's unit.
        let scope = if held.is_empty() {
            scope
        } else {
            self.scope_of(kind, m.entity_id, &rec.fields)?
        };
        if let Err(e) = validate_fields(kind, m.entity_id, &rec.fields) {
            let (field, problem) = match &e {
                RecordError::Invalid(v) => (v.field.to_owned(), v.problem.to_string()),
                RecordError::Shape(s) => (String::new(), s.clone()),
            };
            let at = current.as_ref().map_or(scope, |c| c.scope);
            self.refuse(at, m, hlc, kind, &e.to_string())?;
            return Ok(MutationStatus::Rejected(RejectReason::Invalid {
                field,
                problem,
            }));
        }
        rec.scope = scope;
        let seq = self.tx.put(&rec)?;
        // A record that moved away must leave its old unit's devices, which are sent it no more.
        if let Some(left) = current.as_ref().and_then(|c| c.scope)
            && scope != Some(left)
        {
            self.tx.depart(m.entity_id, left, seq)?;
        }
        match &current {
            None => self.audit(Op::Insert, &rec, None, None)?,
            Some(cur) => {
                self.audit(Op::Update, &rec, Some(&cur.fields), Some(&names))?;
                self.audit_held(cur, &held)?;
            }
        }
        for l in lost {
            self.conflict(scope, kind, m.entity_id, l, None)?;
        }
        for l in held {
            self.conflict(scope, kind, m.entity_id, l, Some(same_fact::HELD_BACK))?;
        }
        Ok(if merged {
            MutationStatus::Merged
        } else {
            MutationStatus::Applied
        })
    }

    /// A delete: of a record the server has, and the member may delete.
    fn delete(
        &mut self,
        kind: EntityKind,
        current: Option<StoredRecord>,
        hlc: Hlc,
    ) -> Result<MutationStatus> {
        let Some(mut rec) = current else {
            return Ok(MutationStatus::Rejected(RejectReason::Unknown));
        };
        let old = rec.fields.clone();
        if !self.may(kind, rec.id, rec.scope, &old, Action::Delete { old: &old })? {
            return Ok(FORBIDDEN);
        }
        if !rec.deleted {
            rec.deleted = true;
            rec.clocks.insert(
                "_deleted".into(),
                FieldClock {
                    hlc,
                    client: self.writer,
                },
            );
            self.tx.put(&rec)?;
            self.audit(Op::Delete, &rec, Some(&old), None)?;
        }
        Ok(MutationStatus::Applied)
    }

    /// What the entity table refuses without writing: an unknown kind or field, a value of the
    /// wrong type, an id of another kind.
    fn check(&mut self, m: &Mutation) -> Result<Checked> {
        let Ok(kind) = m.entity.parse::<EntityKind>() else {
            return Ok(Err(MutationStatus::Rejected(RejectReason::UnknownEntity {
                entity: m.entity.clone(),
            })));
        };
        for (name, value) in &m.fields {
            let Some(field) = kind.field(name) else {
                return Ok(Err(MutationStatus::Rejected(RejectReason::UnknownField {
                    field: name.clone(),
                })));
            };
            if let Err(expected) = field.check(value) {
                return Ok(Err(MutationStatus::Rejected(RejectReason::BadValue {
                    field: name.clone(),
                    expected: expected.to_owned(),
                })));
            }
        }
        let current = self.tx.record(m.entity_id)?;
        if let Some(cur) = &current
            && cur.entity != kind
        {
            return Ok(Err(MutationStatus::Rejected(RejectReason::BadValue {
                field: "id".into(),
                expected: format!("the id of a {}", cur.entity),
            })));
        }
        Ok(Ok((kind, current)))
    }

    /// Whether the rules let the device's member do `action` to the record `id` of `kind` that
    /// has `fields` in unit `scope`.
    fn may(
        &mut self,
        kind: EntityKind,
        id: Uuid,
        scope: Option<Uuid>,
        fields: &FieldMap,
        action: Action<'_>,
    ) -> Result<bool> {
        let whose = self.whose(kind, id, fields)?;
        Ok(decide(self.principal, kind, scope, whose, action).is_ok())
    }

    /// Whether a record with `fields` is the member's own (for a task: assigned to them).
    fn whose(&mut self, kind: EntityKind, id: Uuid, fields: &FieldMap) -> Result<Whose> {
        let me = self.principal.member;
        let mut failed = None;
        let tx = &mut *self.tx;
        let w = whose(kind, id, fields, me, |task| {
            assigned(tx, task, me).unwrap_or_else(|e| {
                failed = Some(e);
                false
            })
        });
        match failed {
            Some(e) => Err(e),
            None => Ok(w),
        }
    }

    /// Which unit a record with these fields belongs to.
    pub(crate) fn scope_of(
        &mut self,
        kind: EntityKind,
        id: Uuid,
        fields: &FieldMap,
    ) -> Result<Option<Uuid>> {
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
                Some(parent) => self.tx.unit_of(parent)?,
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
                client: self.writer,
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
        let rec = conflict_record(
            unit,
            kind,
            record_id,
            lost,
            reason,
            self.now,
            at,
            self.server,
        );
        self.tx.put(&rec)?;
        Ok(())
    }
}

/// The records the mutations' units will be read from (a meeting for its attendance rows), as
/// far as the mutations name them: read ahead with the mutations' own records.
pub(crate) fn parents(mutations: &[Mutation]) -> Vec<Uuid> {
    let mut found: Vec<Uuid> = mutations
        .iter()
        .filter_map(|m| match m.entity.parse::<EntityKind>().ok()?.scope() {
            Scope::Parent(names) => names.iter().find_map(|n| {
                m.fields
                    .get(*n)
                    .and_then(Value::as_str)
                    .and_then(|s| Uuid::parse_str(s).ok())
            }),
            _ => None,
        })
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// Whether `task` lists `member` among its assignees. An assignment's id derives from the pair,
/// so this is one lookup by key.
fn assigned(tx: &mut dyn BaseTx, task: Uuid, member: Option<Uuid>) -> Result<bool> {
    let Some(member) = member else {
        return Ok(false);
    };
    let Some(row) = tx.record(TaskAssignee::new(task, member).id())? else {
        return Ok(false);
    };
    let names =
        |field: &str, id: Uuid| row.fields.get(field) == Some(&Value::String(id.to_string()));
    Ok(row.entity == EntityKind::TaskAssignee
        && !row.deleted
        && names("task_id", task)
        && names("member_id", member))
}
