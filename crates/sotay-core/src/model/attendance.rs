use crate::entity::{EntityKind, Record};
use crate::error::{Invalid, ValidationError, invalid, optional_text};
use crate::id::derived_id;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum AttendanceStatus {
    Present,
    /// Vắng có lý do.
    AbsentWithReason,
    /// Vắng không có lý do.
    AbsentWithoutReason,
    /// Miễn sinh hoạt: not expected, not counted as absent.
    Excused,
    /// Expected at the meeting, not yet called: what a member's withdrawn absence notice leaves
    /// (whether they came is the roll call's to say, not a guess made beforehand).
    Expected,
}
super::code_enum!(AttendanceStatus);

/// One member's attendance at one meeting. Its id derives from the pair, so the secretary's roll
/// call and the member's own absence notice, made on two devices offline, land on the same row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub id: Uuid,
    pub meeting_id: Uuid,
    pub member_id: Uuid,
    pub status: AttendanceStatus,
    pub reason: Option<String>,
    /// The committee member who recorded a member's own answer for them (a member without a
    /// device, who told the secretary); none when the member answered, or for the roll call.
    #[serde(default)]
    pub recorded_by: Option<Uuid>,
}

impl Attendance {
    pub fn id_for(meeting_id: Uuid, member_id: Uuid) -> Uuid {
        derived_id("attendance", meeting_id, member_id)
    }

    pub fn new(
        meeting_id: Uuid,
        member_id: Uuid,
        status: AttendanceStatus,
        reason: Option<String>,
    ) -> Attendance {
        Attendance {
            id: Self::id_for(meeting_id, member_id),
            meeting_id,
            member_id,
            status,
            reason,
            recorded_by: None,
        }
    }
}

impl Record for Attendance {
    const KIND: EntityKind = EntityKind::Attendance;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        if self.id != Self::id_for(self.meeting_id, self.member_id) {
            return Err(invalid(
                "id",
                Invalid::Inconsistent {
                    reason: "an attendance id derives from its meeting and member",
                },
            ));
        }
        optional_text("reason", self.reason.as_deref(), 1_000)?;
        if self.status == AttendanceStatus::AbsentWithReason
            && self.reason.as_deref().is_none_or(|r| r.trim().is_empty())
        {
            return Err(invalid("reason", Invalid::Empty));
        }
        Ok(())
    }
}
