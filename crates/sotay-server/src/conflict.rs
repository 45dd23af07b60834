//! Conflict records: how the server keeps a value it did not keep (a write that lost, or a write
//! it refused) where the record's unit will see it and can resolve it with an ordinary write.

use crate::storage::{FieldClock, StoredRecord};
use serde_json::Value;
use sotay_core::merge::Versioned;
use sotay_core::model::ConflictKind;
use sotay_core::{ClientId, EntityKind, FieldMap, Hlc};
use uuid::Uuid;

/// A value the merge did not keep.
pub(crate) struct Lost {
    /// The field, or empty for a whole refused write.
    pub field: String,
    pub kind: ConflictKind,
    pub kept: Value,
    pub lost: Versioned,
}

/// The `conflict` record, in `unit`, that keeps `lost` for `record_id` of `kind`: detected at
/// `now` (wall clock, ms), written at `at` by the server's own client.
#[allow(clippy::too_many_arguments)] // one record's worth of plain facts
pub(crate) fn conflict_record(
    unit: Uuid,
    kind: EntityKind,
    record_id: Uuid,
    lost: Lost,
    reason: Option<&str>,
    now: u64,
    at: Hlc,
    server: ClientId,
) -> StoredRecord {
    let mut fields = FieldMap::new();
    let detected = i64::try_from(now).unwrap_or(i64::MAX);
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
    let mut rec = StoredRecord::new(EntityKind::Conflict, sotay_core::id::new_id());
    let clocks: Vec<String> = fields.keys().cloned().collect();
    rec.fields = fields;
    for name in clocks {
        rec.clocks.insert(
            name,
            FieldClock {
                hlc: at,
                client: server,
            },
        );
    }
    rec.scope = Some(unit);
    rec
}
