//! Applying one pushed mutation: check it against the entity table, ask the access policy, merge
//! it field by field into the stored record, and keep every value not kept as a conflict record.
//!
//! The policy is asked before anything is written: a mutation the device may not make is refused
//! with nothing stored, not even the conflict record or the tombstone an allowed but invalid write
//! leaves.

use crate::conflict::{Lost, conflict_record};
use crate::storage::{FieldClock, Result, ServerTx, StoredRecord};
use serde_json::Value;
use sotay_core::access::{Access, Action, decide};
use sotay_core::hlc::Clock;
use sotay_core::merge::{Outcome, Versioned, merge_field};
use sotay_core::model::{ConflictKind, RecordError, validate_fields};
use sotay_core::{ClientId, EntityKind, FieldMap, Hlc, entity::Scope};
use sotay_sync_protocol::{Mutation, MutationStatus, Op, RejectReason};
use uuid::Uuid;

/// The work of applying one mutation, inside the push's transaction.
pub(crate) struct Apply<'a> {
    pub tx: &'a mut dyn ServerTx,
    /// What the pushing device reaches.
    pub access: &'a Access,
    /// The pushing device's client.
    pub writer: ClientId,
    pub clock: &'a mut Clock,
    pub now: u64,
    /// The server's own client: the writer of conflict records.
    pub server: ClientId,
}

/// A mutation's outcome before any write: refused, or allowed on this record.
type Checked = std::result::Result<(EntityKind, Option<StoredRecord>), MutationStatus>;

impl Apply<'_> {
    /// Applies `m`, stamped `hlc`, and says what became of it.
    pub fn apply(&mut self, m: &Mutation, hlc: Hlc) -> Result<MutationStatus> {
        let (kind, current) = match self.check(m)? {
            Ok(allowed) => allowed,
            Err(refused) => return Ok(refused),
        };
        if let Some(cur) = current.as_ref().filter(|c| c.deleted) {
            if m.op == Op::Delete {
                return Ok(MutationStatus::Applied);
            }
            self.refuse(cur.scope, m, hlc, kind, "the record was deleted")?;
            return Ok(MutationStatus::Rejected(RejectReason::Deleted));
        }
        if m.op == Op::Delete {
            let mut rec = current.unwrap_or_else(|| StoredRecord::new(kind, m.entity_id));
            rec.deleted = true;
            rec.clocks.insert(
                "_deleted".into(),
                FieldClock {
                    hlc,
                    client: self.writer,
                },
            );
            self.tx.put(&rec)?;
            return Ok(MutationStatus::Applied);
        }
        self.write(kind, current, m, hlc)
    }

    /// Everything that can refuse a mutation without writing: the entity table (kind, fields,
    /// types), the id's kind, and the access policy for the record's unit as it stands (for a
    /// new record, the unit its fields name).
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
        let names: Vec<&str> = m.fields.keys().map(String::as_str).collect();
        let (scope, action) = match (&current, m.op) {
            (_, Op::Delete) => (current.as_ref().and_then(|c| c.scope), Action::Delete),
            (Some(cur), _) => (cur.scope, Action::Update { fields: &names }),
            (None, _) => (self.scope_of(kind, m.entity_id, &m.fields)?, Action::Insert),
        };
        if decide(self.access, kind, scope, action).is_err() {
            return Ok(Err(MutationStatus::Rejected(RejectReason::Forbidden)));
        }
        Ok(Ok((kind, current)))
    }

    /// Merges an insert or update into the record, and writes it if the result is valid and
    /// stays where the device may write; refuses it otherwise.
    fn write(
        &mut self,
        kind: EntityKind,
        current: Option<StoredRecord>,
        m: &Mutation,
        hlc: Hlc,
    ) -> Result<MutationStatus> {
        let mut rec = current
            .clone()
            .unwrap_or_else(|| StoredRecord::new(kind, m.entity_id));
        let (lost, merged) = merge_into(&mut rec, current.as_ref(), m, hlc, self.writer);
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
        // The merged record may name another unit (a record moved): the device must reach that
        // one too.
        let scope = self.scope_of(kind, m.entity_id, &rec.fields)?;
        let names: Vec<&str> = m.fields.keys().map(String::as_str).collect();
        let action = match current {
            Some(_) => Action::Update { fields: &names },
            None => Action::Insert,
        };
        if decide(self.access, kind, scope, action).is_err() {
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

/// Merges the mutation's fields into `rec` (a copy of `current`, or a new record): returns the
/// values not kept, and whether anything merged rather than applied as sent.
fn merge_into(
    rec: &mut StoredRecord,
    current: Option<&StoredRecord>,
    m: &Mutation,
    hlc: Hlc,
    writer: ClientId,
) -> (Vec<Lost>, bool) {
    let mut lost = Vec::new();
    let mut merged = false;
    for (name, value) in &m.fields {
        let Some(field) = rec.entity.field(name) else {
            continue;
        };
        let now_value = current.and_then(|c| {
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
                set(rec, name, value.clone(), hlc, writer);
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
                set(rec, name, value, at, client);
            }
            Outcome::Conflicted { winner, loser } => {
                merged = true;
                set(rec, name, winner.value.clone(), winner.hlc, winner.client);
                lost.push(Lost {
                    field: name.clone(),
                    kind: ConflictKind::Overlap,
                    kept: winner.value,
                    lost: loser,
                });
            }
        }
    }
    (lost, merged)
}

fn set(rec: &mut StoredRecord, name: &str, value: Value, hlc: Hlc, client: ClientId) {
    rec.fields.insert(name.to_owned(), value);
    rec.clocks
        .insert(name.to_owned(), FieldClock { hlc, client });
}
