use crate::entity::{EntityKind, Record};
use crate::error::{Invalid, ValidationError, invalid, optional_text};
use crate::id::new_id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A member's move from one unit to another (chuyển sinh hoạt đảng): the history a member's
/// `unit_id`, which only says where they are now, would overwrite. Written with the change of
/// `unit_id`, in the same local transaction, and never changed afterwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transfer {
    pub id: Uuid,
    pub member_id: Uuid,
    pub from_unit_id: Uuid,
    pub to_unit_id: Uuid,
    /// The day the member starts taking part in the new unit.
    pub effective_on: NaiveDate,
    /// The decision or reason (a decision number, "moved for work", …).
    pub reason: Option<String>,
}

impl Transfer {
    pub fn new(
        member_id: Uuid,
        from_unit_id: Uuid,
        to_unit_id: Uuid,
        effective_on: NaiveDate,
        reason: Option<String>,
    ) -> Transfer {
        Transfer {
            id: new_id(),
            member_id,
            from_unit_id,
            to_unit_id,
            effective_on,
            reason: reason.filter(|r| !r.trim().is_empty()),
        }
    }
}

impl Record for Transfer {
    const KIND: EntityKind = EntityKind::Transfer;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        if self.from_unit_id == self.to_unit_id {
            return Err(invalid(
                "to_unit_id",
                Invalid::Inconsistent {
                    reason: "a transfer goes to another unit",
                },
            ));
        }
        optional_text("reason", self.reason.as_deref(), 500)
    }
}
