//! The conflict log as the Sync screen and `sotay conflicts` show it (each value sync did not
//! keep beside the field's value now), and my changes the server refused.

use crate::views::{ConflictView, RejectionView};
use sotay_core::entity::ForRecord;
use sotay_core::model::{Conflict, ConflictKind, ConflictStatus};
use sotay_core::{EntityKind, Record};
use sotay_store::{Result, Store};
use uuid::Uuid;

/// My changes the server refused, newest first (all, or only those not dismissed).
pub fn rejections(store: &Store, all: bool, limit: u32) -> Result<Vec<RejectionView>> {
    Ok(store
        .rejections(all, limit)?
        .into_iter()
        .map(|r| RejectionView {
            mutation_id: r.mutation_id,
            entity: r.entity.as_str().to_owned(),
            record_id: r.entity_id,
            op: r.op.as_str().to_owned(),
            label: r.label,
            reason: r.reason,
            detail: r.detail,
            sent: serde_json::Value::Object(r.fields).to_string(),
            rejected_at: r.rejected_at,
        })
        .collect())
}

/// The conflict log, newest first (all, or only the open ones).
pub fn conflicts(store: &Store, open_only: bool, limit: u32) -> Result<Vec<ConflictView>> {
    store
        .conflicts(open_only, limit)?
        .into_iter()
        .map(|c| conflict_view(store, c))
        .collect()
}

/// The kind of a conflict's record, if its lost values can be put back from the Sync screen.
fn restorable_kind(entity: &str) -> Option<EntityKind> {
    entity
        .parse::<EntityKind>()
        .ok()
        .filter(|kind| kind.handling().restores_lost)
}

/// A field's value now, as JSON text: what the conflict is about looks like this today, which
/// may differ from what the server kept at the time (later writes go on).
struct FieldNow<'a> {
    store: &'a Store,
    id: Uuid,
    field: &'a str,
}

impl ForRecord for FieldNow<'_> {
    type Output = Result<Option<String>>;
    fn run<R: Record>(self) -> Self::Output {
        Ok(self
            .store
            .get::<R>(self.id)?
            .and_then(|r| serde_json::to_value(r).ok())
            .map(|v| v[self.field].to_string()))
    }
}

/// The conflicted field's value now, for the kinds whose lost values can be put back (others
/// show what sync kept).
fn current_value(store: &Store, c: &Conflict) -> Result<Option<String>> {
    let Some(kind) = restorable_kind(&c.entity) else {
        return Ok(None);
    };
    kind.for_record(FieldNow {
        store,
        id: c.record_id,
        field: &c.field,
    })
}

pub fn conflict_view(store: &Store, c: Conflict) -> Result<ConflictView> {
    let now = current_value(store, &c)?;
    Ok(ConflictView {
        can_restore: c.status == ConflictStatus::Open
            && c.kind != ConflictKind::Refused
            && restorable_kind(&c.entity).is_some()
            && now.is_some(),
        id: c.id,
        entity: c.entity,
        record_id: c.record_id,
        field: c.field,
        kind: c.kind,
        kept: now.unwrap_or(c.kept),
        lost: c.lost,
        reason: c.reason,
        detected_at: c.detected_at,
        status: c.status,
    })
}
