//! What the committee's commands take, and the roll the meeting screen shows it.

use serde::{Deserialize, Serialize};
use sotay_core::model::{AttendanceStatus, MeetingKind, MeetingRating};
use ts_rs::TS;
use uuid::Uuid;

/// A new meeting of the device's cell; its agenda is made from the prescribed template.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ScheduleMeetingArgs {
    /// The unit meeting; the device member's own when absent (an administrator's device names it).
    pub unit_id: Option<Uuid>,
    pub kind: MeetingKind,
    /// Local time in Vietnam: `dd/mm/yyyy HH:MM` or `yyyy-mm-ddTHH:MM`.
    pub starts_at: String,
    pub duration_minutes: i64,
    pub place: String,
    /// The month's subject, or a thematic meeting's topic.
    pub topic: String,
    /// Invited observers (pilot meetings), the superior committee's representative.
    pub guests: Option<String>,
}

/// Moves or renames a planned meeting; members are told at their next sync.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct EditMeetingArgs {
    pub id: Uuid,
    /// Local time in Vietnam, as for scheduling.
    pub starts_at: String,
    pub duration_minutes: i64,
    pub place: String,
    pub topic: String,
    pub guests: Option<String>,
}

/// Adds an agenda item (no `id`) or changes one's title and body. A new item goes before the
/// closing steps, unless `before` (an item) or `position` (1 the first) says where.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AgendaItemArgs {
    pub meeting_id: Uuid,
    pub id: Option<Uuid>,
    pub title: String,
    pub body: Option<String>,
    #[serde(default)]
    pub before: Option<Uuid>,
    #[serde(default)]
    pub position: Option<i64>,
}

/// Moves an agenda item: right before `before`, or to `position` (1 the first).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct MoveAgendaItemArgs {
    pub id: Uuid,
    pub before: Option<Uuid>,
    pub position: Option<i64>,
}

/// A file attached to the meeting's papers, as the UI reads it from the file chosen.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AttachFileArgs {
    pub meeting_id: Uuid,
    /// The file's name as chosen (any folder part is dropped).
    pub file_name: String,
    /// The file's bytes, base64 (standard alphabet, padded).
    pub content_base64: String,
}

/// Writes the meeting's draft resolution (a new one without `resolution_id`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct DraftArgs {
    pub meeting_id: Uuid,
    pub resolution_id: Option<Uuid>,
    pub title: String,
    pub draft: String,
}

/// Opens a meeting; `early` confirms opening it more than an hour before its time.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct StartMeetingArgs {
    pub id: Uuid,
    #[serde(default)]
    pub early: bool,
}

/// One line of the roll call.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct RollCallArgs {
    pub meeting_id: Uuid,
    pub member_id: Uuid,
    pub status: AttendanceStatus,
    /// Required for "absent with reason".
    pub reason: Option<String>,
}

/// A speaker and their view, as the secretary records it during the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct SpeechArgs {
    pub meeting_id: Uuid,
    pub member_id: Uuid,
    pub body: String,
}

/// Who chaired and took the minutes, the conclusion, the minutes' text and the rating.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct MeetingRecordArgs {
    pub meeting_id: Uuid,
    pub chair_id: Option<Uuid>,
    pub minute_taker_id: Option<Uuid>,
    pub guests: Option<String>,
    pub conclusion: Option<String>,
    pub minutes: Option<String>,
    pub rating: Option<MeetingRating>,
}

/// The show of hands on a resolution, entered once.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AdoptArgs {
    pub resolution_id: Uuid,
    pub votes_for: i64,
    pub votes_against: i64,
    pub votes_abstain: i64,
}

/// A task the meeting gives to named members.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct AssignTaskArgs {
    pub meeting_id: Uuid,
    pub title: String,
    pub description: Option<String>,
    /// dd/mm/yyyy or yyyy-mm-dd.
    pub due_on: String,
    pub member_ids: Vec<Uuid>,
}

/// The review of one earlier task at this meeting: done or not, and why.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ReviewTaskArgs {
    pub meeting_id: Uuid,
    pub task_id: Uuid,
    pub done: bool,
    /// Why not, or what was done; kept in the task's progress notes.
    pub note: Option<String>,
}

/// The minutes drafted from what was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MinutesDraft {
    pub text: String,
}

/// The monthly regular meeting as a series: on `day` of each month (days a month lacks fall on its
/// last day) at `time`, from the month of `from`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ScheduleSeriesArgs {
    /// The device member's own unit when absent.
    pub unit_id: Option<Uuid>,
    pub day: u8,
    /// HH:MM, Vietnam's time.
    pub time: String,
    /// dd/mm/yyyy: the first day a meeting may fall on.
    pub from: String,
    pub duration_minutes: i64,
    pub place: String,
    /// "Sinh hoạt chi bộ thường kỳ": each meeting's topic adds its month.
    pub title: String,
    /// Make it although the cell has a monthly series running (confirmed: two a month).
    #[serde(default)]
    pub also: bool,
}

/// Changes a series from a day on: its meetings from then follow the new day, time and place.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct EditSeriesArgs {
    pub series_id: Uuid,
    /// dd/mm/yyyy.
    pub from: String,
    pub day: u8,
    pub time: String,
    pub duration_minutes: i64,
    pub place: String,
}
