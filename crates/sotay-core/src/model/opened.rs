use crate::entity::{EntityKind, Record};
use crate::error::ValidationError;
use crate::id::derived_id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A member opened a document (đã đọc): how a cell sees which of its members have read a
/// superior's directive. One per member and document — its id is derived from both, so opening
/// it again, or on a second device, is the same record — filed under the member's own unit, where
/// their cell's committee and the committees above read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentOpened {
    pub id: Uuid,
    pub document_id: Uuid,
    pub member_id: Uuid,
    /// The member's unit when they opened it.
    pub unit_id: Uuid,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub opened_at: DateTime<Utc>,
}

impl DocumentOpened {
    pub fn id_for(document: Uuid, member: Uuid) -> Uuid {
        derived_id("document_opened", document, member)
    }

    pub fn new(document: Uuid, member: Uuid, unit: Uuid, at: DateTime<Utc>) -> DocumentOpened {
        DocumentOpened {
            id: DocumentOpened::id_for(document, member),
            document_id: document,
            member_id: member,
            unit_id: unit,
            opened_at: at,
        }
    }
}

impl Record for DocumentOpened {
    const KIND: EntityKind = EntityKind::DocumentOpened;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}
