//! An insert that meets a record the server has: the same fact written twice at an id derived
//! from what it is about — a member's phone and laptop each sending "I cannot come", each opening
//! the same directive. It is neither a new record nor an edit of the one there, so it is judged
//! as neither alone:
//!
//! - the member must be allowed to create what the device sent, both where that would put it and
//!   where the record is, as its owner by what was sent and by what is stored: who may not create
//!   the fact may not write over someone else's record by its id either;
//! - what was sent is merged field by field like any concurrent write, and only the fields whose
//!   value the merge would change are judged, as an update of the stored record (the fields both
//!   hold alike — the meeting, the member — are no change, and are not asked about);
//! - a change the rules do not let the member make keeps the stored value, and the value sent goes
//!   to the conflict log, answered `merged`: a member's notice arriving after the roll call said
//!   "present" leaves "present", and a second device's "opened" leaves the first opening, which a
//!   member may say but never change. The write is not refused: the member was allowed to say
//!   it, and the committee sees what they said.

use super::Apply;
use crate::conflict::Lost;
use crate::storage::{Result, StoredRecord};
use serde_json::Value;
use sotay_core::EntityKind;
use sotay_core::access::Action;
use sotay_core::merge::Versioned;
use sotay_core::model::ConflictKind;
use sotay_core::{FieldMap, Hlc};
use sotay_sync_protocol::Mutation;

/// Why a value sent stayed out of the record, for the conflict log.
pub(super) const HELD_BACK: &str =
    "recorded already, and the rules do not let this member change it";

/// What an insert that met a stored record changes in it, and what the rules held back.
pub(super) struct Judged<'m> {
    /// The fields whose value it changes.
    pub changed: Vec<&'m str>,
    /// The values sent that the stored ones outrank: the member may not change them.
    pub held: Vec<Lost>,
}

impl Apply<'_> {
    /// Whether the member may create the record `m` sends, which meets the stored `cur`: where
    /// what was sent would put it and whose it says it is, and where `cur` is and whose it is.
    pub(super) fn may_insert_over(
        &mut self,
        kind: EntityKind,
        m: &Mutation,
        cur: &StoredRecord,
    ) -> Result<bool> {
        let sent = &m.fields;
        let action = Action::Insert { new: sent };
        let at = self.scope_of(kind, m.entity_id, sent)?;
        Ok(self.may(kind, m.entity_id, at, sent, action)?
            && self.may(kind, m.entity_id, cur.scope, &cur.fields, action)?)
    }

    /// Keeps in `rec` — `m` merged into `cur` — only the changes the member may make to `cur`.
    /// A change held back takes the stored value and clock again, and the value sent replaces
    /// whatever `lost` said of that field (the stored value it had overwritten stands).
    pub(super) fn hold_back<'m>(
        &mut self,
        cur: &StoredRecord,
        rec: &mut StoredRecord,
        m: &'m Mutation,
        hlc: Hlc,
        lost: &mut Vec<Lost>,
    ) -> Result<Judged<'m>> {
        let changed: Vec<&'m str> = m
            .fields
            .keys()
            .map(String::as_str)
            .filter(|name| rec.fields.get(*name) != cur.fields.get(*name))
            .collect();
        let allowed = self.allowed_changes(cur, rec, &changed)?;
        let mut judged = Judged {
            changed: Vec::with_capacity(allowed.len()),
            held: Vec::new(),
        };
        for name in changed {
            if allowed.contains(&name) {
                judged.changed.push(name);
                continue;
            }
            restore(rec, cur, name);
            lost.retain(|l| l.field != name);
            judged.held.push(Lost {
                field: name.to_owned(),
                kind: ConflictKind::Superseded,
                kept: cur.fields.get(name).cloned().unwrap_or(Value::Null),
                lost: Versioned {
                    value: m.fields.get(name).cloned().unwrap_or(Value::Null),
                    hlc,
                    client: self.writer,
                },
            });
        }
        Ok(judged)
    }

    /// Which of the `changed` fields of `cur` the member may set to their value in `merged`: all
    /// of them if the rules allow that change whole; else those each allowed alone, if the rules
    /// allow them together (a condition can tie one field to another); else none. Whatever is
    /// kept is a change the rules allow as it stands.
    fn allowed_changes<'m>(
        &mut self,
        cur: &StoredRecord,
        merged: &StoredRecord,
        changed: &[&'m str],
    ) -> Result<Vec<&'m str>> {
        if changed.is_empty() || self.may_change(cur, merged, changed)? {
            return Ok(changed.to_vec());
        }
        let mut alone = Vec::new();
        for name in changed {
            if self.may_change(cur, merged, &[name])? {
                alone.push(*name);
            }
        }
        if !alone.is_empty()
            && alone.len() < changed.len()
            && self.may_change(cur, merged, &alone)?
        {
            return Ok(alone);
        }
        Ok(Vec::new())
    }

    /// Whether the member may change `fields` of `cur` to their values in `merged`, the others
    /// staying as they are: where the record is and where that would put it.
    fn may_change(
        &mut self,
        cur: &StoredRecord,
        merged: &StoredRecord,
        fields: &[&str],
    ) -> Result<bool> {
        let mut new: FieldMap = cur.fields.clone();
        for name in fields {
            match merged.fields.get(*name) {
                Some(v) => new.insert((*name).to_owned(), v.clone()),
                None => new.remove(*name),
            };
        }
        let action = Action::Update {
            fields,
            old: &cur.fields,
            new: &new,
        };
        let (kind, id) = (cur.entity, cur.id);
        let to = self.scope_of(kind, id, &new)?;
        Ok(self.may(kind, id, cur.scope, &cur.fields, action)?
            && self.may(kind, id, to, &new, action)?)
    }
}

/// Puts the stored value of `name`, and the clock of the write that set it, back into `rec`.
fn restore(rec: &mut StoredRecord, cur: &StoredRecord, name: &str) {
    match cur.fields.get(name) {
        Some(v) => rec.fields.insert(name.to_owned(), v.clone()),
        None => rec.fields.remove(name),
    };
    match cur.clocks.get(name) {
        Some(c) => rec.clocks.insert(name.to_owned(), *c),
        None => rec.clocks.remove(name),
    };
}
