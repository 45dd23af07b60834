//! What the notices' commands take and give back. Re-exported by [`crate::views`].

use crate::views::ReaderLine;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// A notice to post (without `id`) or to correct (with it).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct PostNoticeArgs {
    pub id: Option<Uuid>,
    pub title: String,
    pub body: String,
    /// Told to members at once rather than with the day's reminders.
    pub urgent: bool,
    /// The day an answer is asked by, dd/mm/yyyy (or yyyy-mm-dd); none when empty.
    pub reply_by: Option<String>,
    /// A meeting of the committee's own unit the notice is about.
    pub meeting_id: Option<Uuid>,
}

/// A notice in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoticeCard {
    pub id: Uuid,
    /// The committee's unit that posted it.
    pub unit_id: Uuid,
    pub unit_name: String,
    pub title: String,
    /// The first lines of the text.
    pub opening: String,
    pub urgent: bool,
    pub reply_by: Option<NaiveDate>,
    pub posted_at: DateTime<Utc>,
    pub author_name: Option<String>,
    pub meeting_id: Option<Uuid>,
    pub meeting_topic: Option<String>,
    /// When the member using this device read it; none while unread.
    pub read_at: Option<DateTime<Utc>>,
}

/// The notices this device holds, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoticesView {
    pub notices: Vec<NoticeCard>,
    pub unread: i64,
    /// This device's committee may post a notice to its unit and the units below.
    pub can_post: bool,
}

/// One notice in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NoticeView {
    pub card: NoticeCard,
    pub body: String,
    /// This device's committee posted it: it may correct or withdraw it.
    pub can_edit: bool,
    /// For the committee that posted it: each unit it reaches, with who has read it.
    pub reads: Option<Vec<UnitReads>>,
}

/// How far a notice has been read in one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnitReads {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub read: i64,
    pub members: i64,
    /// The unit's members, those who have not read it first (`opened_at`: when they read it).
    pub readers: Vec<ReaderLine>,
}
