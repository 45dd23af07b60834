//! The conflict log as the Sync screen and `sotay conflicts` show it (each value sync did not
//! keep beside the field's value now), and my changes the server refused.

use crate::views::{ConflictView, RejectionView};
use serde::Serialize;
use sotay_core::Record;
use sotay_core::model::{
    AgendaItem, Attendance, Conflict, ConflictKind, ConflictStatus, Contribution, Document,
    Meeting, Resolution, Task, TaskProgress,
};
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

/// The kinds whose lost values can be put back from the Sync screen.
pub(crate) fn restorable(entity: &str) -> bool {
    matches!(
        entity,
        "meeting"
            | "agenda_item"
            | "document"
            | "resolution"
            | "contribution"
            | "attendance"
            | "task"
            | "task_progress"
    )
}

/// A field's value now, as JSON text: what the conflict is about looks like this today, which
/// may differ from what the server kept at the time (later writes go on).
fn field_now<R: Record + Serialize>(
    store: &Store,
    id: Uuid,
    field: &str,
) -> Result<Option<String>> {
    Ok(store
        .get::<R>(id)?
        .and_then(|r| serde_json::to_value(r).ok())
        .map(|v| v[field].to_string()))
}

fn current_value(store: &Store, c: &Conflict) -> Result<Option<String>> {
    let (id, field) = (c.record_id, c.field.as_str());
    match c.entity.as_str() {
        "meeting" => field_now::<Meeting>(store, id, field),
        "agenda_item" => field_now::<AgendaItem>(store, id, field),
        "document" => field_now::<Document>(store, id, field),
        "resolution" => field_now::<Resolution>(store, id, field),
        "contribution" => field_now::<Contribution>(store, id, field),
        "attendance" => field_now::<Attendance>(store, id, field),
        "task" => field_now::<Task>(store, id, field),
        "task_progress" => field_now::<TaskProgress>(store, id, field),
        _ => Ok(None),
    }
}

pub fn conflict_view(store: &Store, c: Conflict) -> Result<ConflictView> {
    let now = current_value(store, &c)?;
    Ok(ConflictView {
        can_restore: c.status == ConflictStatus::Open
            && c.kind != ConflictKind::Refused
            && restorable(&c.entity)
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
