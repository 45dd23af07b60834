//! The audit log's side of applying a mutation: which changes the rules table says to keep
//! (`KindRules::audit`), and each entry — who, from which device, when, each field before and
//! after — appended in the push's transaction, for changes made and for changes refused (a whole
//! mutation, or the fields of an insert that met a stored record the rules held back).

use crate::apply::Apply;
use crate::conflict::Lost;
use crate::storage::{Result, StoredRecord};
use serde_json::Value;
use sotay_core::{EntityKind, FieldMap};
use sotay_sync_protocol::{AuditEntry, Mutation, Op, RejectReason};
use uuid::Uuid;

impl Apply<'_> {
    /// Appends the change to the audit log if the rules table says the kind (or the changed
    /// fields' group) is audited: who, from which device, when, and each field before and after.
    pub(crate) fn audit(
        &mut self,
        action: Op,
        rec: &StoredRecord,
        old: Option<&FieldMap>,
        sent: Option<&[&str]>,
    ) -> Result<()> {
        if !rec.entity.rules().audits(sent) {
            return Ok(());
        }
        let mut changes = FieldMap::new();
        for field in rec.entity.fields() {
            let before = value_in(old, field.name);
            let after = if action == Op::Delete {
                Value::Null
            } else {
                value_in(Some(&rec.fields), field.name)
            };
            if before != after {
                changes.insert(field.name.to_owned(), Value::Array(vec![before, after]));
            }
        }
        if changes.is_empty() {
            return Ok(());
        }
        self.log(rec.entity, rec.id, rec.scope, action, None, changes)
    }

    /// Logs a refused change to what the audit log keeps, with the values sent.
    pub(crate) fn audit_refusal(&mut self, m: &Mutation, reason: &RejectReason) -> Result<()> {
        let Ok(kind) = m.entity.parse::<EntityKind>() else {
            return Ok(());
        };
        let current = self.tx.record(m.entity_id)?.filter(|r| r.entity == kind);
        let names: Vec<&str> = m.fields.keys().map(String::as_str).collect();
        let action = match (m.op, &current) {
            (Op::Delete, _) => Op::Delete,
            (_, None) => Op::Insert,
            (_, Some(_)) => Op::Update,
        };
        let sent = (action == Op::Update).then_some(names.as_slice());
        if !kind.rules().audits(sent) {
            return Ok(());
        }
        let before = current.as_ref().map(|c| &c.fields);
        let changes: FieldMap = if action == Op::Delete {
            before
                .into_iter()
                .flatten()
                .map(|(name, v)| (name.clone(), Value::Array(vec![v.clone(), Value::Null])))
                .collect()
        } else {
            m.fields
                .iter()
                .map(|(name, v)| {
                    let was = value_in(before, name);
                    (name.clone(), Value::Array(vec![was, v.clone()]))
                })
                .collect()
        };
        let unit = match &current {
            Some(c) => c.scope,
            None => self.scope_of(kind, m.entity_id, &m.fields)?,
        };
        let refused = Some(reason.code().to_owned());
        self.log(kind, m.entity_id, unit, action, refused, changes)
    }

    /// Logs the changes to `cur` that an insert meeting it tried and the rules held back (its
    /// other fields merged): refused, like any attempt at what the audit log keeps.
    pub(crate) fn audit_held(&mut self, cur: &StoredRecord, held: &[Lost]) -> Result<()> {
        let names: Vec<&str> = held.iter().map(|l| l.field.as_str()).collect();
        if names.is_empty() || !cur.entity.rules().audits(Some(&names)) {
            return Ok(());
        }
        let changes: FieldMap = held
            .iter()
            .map(|l| {
                let tried = Value::Array(vec![l.kept.clone(), l.lost.value.clone()]);
                (l.field.clone(), tried)
            })
            .collect();
        let refused = Some(RejectReason::Forbidden.code().to_owned());
        self.log(cur.entity, cur.id, cur.scope, Op::Update, refused, changes)
    }

    fn log(
        &mut self,
        kind: EntityKind,
        record_id: Uuid,
        unit: Option<Uuid>,
        action: Op,
        refused: Option<String>,
        changes: FieldMap,
    ) -> Result<()> {
        self.tx.append_audit(&AuditEntry {
            seq: 0,
            at: i64::try_from(self.now).unwrap_or(i64::MAX),
            member: self.principal.member,
            device: self.writer,
            entity: kind.as_str().to_owned(),
            record_id,
            unit,
            action,
            refused,
            changes,
        })
    }
}

/// A field's value in `fields`, `null` when absent.
fn value_in(fields: Option<&FieldMap>, name: &str) -> Value {
    fields
        .and_then(|f| f.get(name))
        .cloned()
        .unwrap_or(Value::Null)
}
