//! Merging a mutation's fields into the stored record, in memory, before the rules are asked
//! about the result: each field by its `MergeRule` (`sotay_core::merge`), every value not kept
//! noted for the conflict log.

use crate::conflict::Lost;
use crate::storage::{FieldClock, StoredRecord};
use serde_json::Value;
use sotay_core::merge::{Outcome, Versioned, merge_field};
use sotay_core::model::ConflictKind;
use sotay_core::{ClientId, Hlc};
use sotay_sync_protocol::Mutation;

/// Merges the mutation's fields into `rec` (a copy of `current`, or a new record): returns the
/// values not kept, and whether anything merged rather than applied as sent.
pub(super) fn merge_into(
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
