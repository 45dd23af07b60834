use crate::entity::{EntityKind, Record};
use crate::error::{Invalid, ValidationError, invalid};
use crate::id::derived_id;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A meeting's seal as its unit's devices read it (`crate::seal`): written by the server — and no
/// one else — when the minutes are adopted, so the printed minutes book carries its short form
/// and can be checked against the server's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSeal {
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub unit_id: Uuid,
    /// Lowercase hex SHA-256.
    pub seal: String,
    /// Its place in the unit's chain, from 1.
    pub n: i64,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub sealed_at: DateTime<Utc>,
}

impl MeetingSeal {
    /// One seal a meeting: its id is derived from the meeting's.
    pub fn id_for(meeting: Uuid) -> Uuid {
        derived_id("meeting_seal", meeting, meeting)
    }
}

impl Record for MeetingSeal {
    const KIND: EntityKind = EntityKind::MeetingSeal;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        if self.seal.len() != 64 || !self.seal.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(invalid(
                "seal",
                Invalid::BadFormat {
                    expected: "64 hexadecimal digits",
                },
            ));
        }
        Ok(())
    }
}
