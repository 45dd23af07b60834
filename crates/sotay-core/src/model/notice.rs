//! Notices (thông báo): what a committee tells its unit and the units below between meetings —
//! "the meeting moves to the hall next door", "bring your card" — and who has read each.

use crate::entity::{EntityKind, Record};
use crate::error::{ValidationError, optional_text, required_text};
use crate::id::derived_id;
use crate::model::{LONG_TEXT_MAX, SHORT_TEXT_MAX};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A notice of a committee, filed under its own unit: the unit and every unit below read it.
/// Correcting it is an update; withdrawing it deletes it from every device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub id: Uuid,
    /// The committee's unit (a cell's, or a commune's for all its cells).
    pub unit_id: Uuid,
    /// The meeting it is about, of the same unit, if any.
    pub meeting_id: Option<Uuid>,
    pub title: String,
    pub body: String,
    /// Urgent notices are told at once; the others with the day's reminders.
    pub urgent: bool,
    /// The day by which the committee asks for an answer, if any.
    pub reply_by: Option<NaiveDate>,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub posted_at: DateTime<Utc>,
    /// The committee member who posted it.
    pub author_id: Option<Uuid>,
}

impl Record for Notice {
    const KIND: EntityKind = EntityKind::Notice;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("title", &self.title, SHORT_TEXT_MAX)?;
        optional_text("body", Some(&self.body), LONG_TEXT_MAX)?;
        Ok(())
    }
}

/// A member read a notice (đã xem): one per member and notice — its id is derived from both, so
/// reading it again, or on a second device, is the same record — filed under the member's own
/// unit, so the sending committee sees, cell by cell, who has read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeRead {
    pub id: Uuid,
    pub notice_id: Uuid,
    pub member_id: Uuid,
    /// The member's unit when they read it.
    pub unit_id: Uuid,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub read_at: DateTime<Utc>,
}

impl NoticeRead {
    pub fn id_for(notice: Uuid, member: Uuid) -> Uuid {
        derived_id("notice_read", notice, member)
    }

    pub fn new(notice: Uuid, member: Uuid, unit: Uuid, at: DateTime<Utc>) -> NoticeRead {
        NoticeRead {
            id: NoticeRead::id_for(notice, member),
            notice_id: notice,
            member_id: member,
            unit_id: unit,
            read_at: at,
        }
    }
}

impl Record for NoticeRead {
    const KIND: EntityKind = EntityKind::NoticeRead;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}
