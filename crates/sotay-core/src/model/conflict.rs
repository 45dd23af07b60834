use crate::entity::{EntityKind, Record};
use crate::error::{ValidationError, required_text};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Why a value was not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A later concurrent write replaced this value (last writer wins).
    Overwritten,
    /// This write arrived after a later one and was not applied.
    Superseded,
    /// Two edits of a long text overlapped; the later is the value, this one waits here.
    Overlap,
    /// The server refused the write (invalid, forbidden, or the record was deleted).
    Refused,
}
super::code_enum!(ConflictKind);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ConflictStatus {
    /// Waiting for someone to look.
    Open,
    /// Someone chose what to keep.
    Resolved,
}
super::code_enum!(ConflictStatus);

/// A value that sync did not keep, so members can see it and nothing is lost silently. Written by
/// the server when it merges; resolved by members through an ordinary write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub id: Uuid,
    /// The org unit whose members see it (that of the record).
    pub unit_id: Uuid,
    /// The kind of the record (`resolution`, `meeting`, …).
    pub entity: String,
    pub record_id: Uuid,
    /// The field, or empty for a whole write that was refused.
    pub field: String,
    pub kind: ConflictKind,
    /// The value kept at the time, as JSON.
    pub kept: String,
    /// The value not kept, as JSON.
    pub lost: String,
    /// The client that wrote the value not kept.
    pub lost_client: Uuid,
    pub lost_hlc: i64,
    /// Why, for a refused write: the server's message.
    pub reason: Option<String>,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub detected_at: DateTime<Utc>,
    pub status: ConflictStatus,
}

impl Record for Conflict {
    const KIND: EntityKind = EntityKind::Conflict;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("entity", &self.entity, 50)
    }
}
