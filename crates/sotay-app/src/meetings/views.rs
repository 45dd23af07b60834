//! The views of meetings — cards, the whole meeting with its roll call, drafts and tasks — and
//! of the documents they carry. Re-exported by [`crate::views`], where every view is named.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sotay_core::model::{
    AttendanceStatus, ContributionKind, DocumentKind, MeetingKind, MeetingRating, MeetingStatus,
    ResolutionStatus, Standing, TaskStatus,
};
pub use sotay_core::quorum::Forecast;
use ts_rs::TS;
use uuid::Uuid;

/// A meeting in lists and the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingCard {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub starts_at: DateTime<Utc>,
    /// `starts_at` as dd/MM/yyyy HH:mm in Vietnam, for programs reading `sotay --json` (the UI
    /// formats `starts_at` itself, in the member's language).
    pub starts_at_local: String,
    pub duration_minutes: i64,
    pub place: String,
    pub topic: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AgendaLine {
    pub id: Uuid,
    pub position: i64,
    /// The prescribed step's code (`open`, `review`, …), when the item follows the template.
    pub step: Option<String>,
    pub title: String,
    pub body: Option<String>,
}

/// The member's own answer to a meeting's roll call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MyAttendance {
    pub status: AttendanceStatus,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ContributionLine {
    pub id: Uuid,
    pub member_name: String,
    /// Written by the member using this device.
    pub mine: bool,
    pub kind: ContributionKind,
    pub resolution_id: Option<Uuid>,
    pub body: String,
    pub made_at: DateTime<Utc>,
    /// The committee member who wrote it down for the member (a member without a device).
    pub recorded_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResolutionView {
    pub id: Uuid,
    pub meeting_id: Option<Uuid>,
    pub title: String,
    pub draft: String,
    pub status: ResolutionStatus,
    pub adopted_on: Option<NaiveDate>,
    pub votes_for: Option<i64>,
    pub votes_against: Option<i64>,
    pub votes_abstain: Option<i64>,
    /// How many contributions members made to it.
    pub contributions: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentCard {
    pub id: Uuid,
    pub kind: DocumentKind,
    pub number: Option<String>,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub title: String,
    /// What the document asks, in a few lines (trích yếu).
    pub summary: Option<String>,
    /// The issuing unit (for a meeting's papers, the cell).
    pub unit_id: Uuid,
    /// For search results: the passage that matched, with the matches marked.
    pub snippet: Option<Snippet>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Snippet {
    pub text: String,
    /// `[start, end)` offsets into `text`, in UTF-16 units (JavaScript string indices).
    pub highlights: Vec<(i64, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentView {
    pub card: DocumentCard,
    pub body: String,
    pub meeting_id: Option<Uuid>,
    pub files: Vec<FileView>,
    /// This device's committee issued it: it may correct it, attach files, withdraw it.
    pub can_edit: bool,
    /// For the committee of the member's unit: each member of the unit and when they opened
    /// it, the ones who have not first.
    pub readers: Option<Vec<ReaderLine>>,
}

/// One member of the unit and whether they have opened a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReaderLine {
    pub member_id: Uuid,
    pub full_name: String,
    pub opened_at: Option<DateTime<Utc>>,
}

/// A file attached to a document or a meeting's papers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FileView {
    pub id: Uuid,
    pub file_name: String,
    pub media_type: String,
    /// In bytes.
    pub size: i64,
    /// Its bytes are on this device; otherwise they arrive with a later sync.
    pub here: bool,
}

impl From<sotay_store::AttachedFile> for FileView {
    fn from(f: sotay_store::AttachedFile) -> FileView {
        FileView {
            id: f.id,
            file_name: f.file_name,
            media_type: f.media_type,
            size: f.size,
            here: f.here,
        }
    }
}

/// Someone absent from a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Absentee {
    pub member_id: Uuid,
    pub full_name: String,
    pub reason: Option<String>,
}

/// A meeting's roll call, counted as the minutes record it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RollCallView {
    /// The cell's members.
    pub total: i64,
    pub official: i64,
    pub probationary: i64,
    pub excused: i64,
    pub present: i64,
    /// Official members present: those who vote.
    pub official_present: i64,
    /// Members not called yet.
    pub not_called: i64,
    pub absent_with_reason: Vec<Absentee>,
    pub absent_without_reason: Vec<Absentee>,
}

/// The roll call of a meeting held on paper: its minutes book's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct PaperRollView {
    pub present: i64,
    pub absent_with_reason: i64,
    pub absent_without_reason: i64,
}

/// Everything the Meeting screen (and `sotay meeting`) shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingView {
    #[serde(flatten)]
    pub meeting: MeetingCard,
    pub chair: Option<String>,
    pub guests: Option<String>,
    pub agenda: Vec<AgendaLine>,
    /// `None` until attendance is recorded.
    pub roll_call: Option<RollCallView>,
    /// Documents filed for the meeting (its own papers' document is not one: its files are).
    pub documents: Vec<DocumentCard>,
    /// The files attached to the meeting's papers.
    pub files: Vec<FileView>,
    pub resolutions: Vec<ResolutionView>,
    pub contributions: Vec<ContributionLine>,
    /// The tasks the meeting assigned.
    pub tasks: Vec<TaskCard>,
    /// The answer of the member using this device (`None` if none, or nobody is chosen).
    pub my_attendance: Option<MyAttendance>,
    pub minutes: Option<String>,
    pub conclusion: Option<String>,
    /// Planned and not yet started: an absence reason can still be sent.
    pub can_send_absence: bool,
    /// This device runs the meeting (its cell's committee): the screen offers to hold it.
    pub can_run: bool,
    /// The roll, member by member, for the device that runs the meeting (empty otherwise).
    pub roll: Vec<RollLine>,
    /// The series (monthly meeting) it is an occurrence of.
    pub series_id: Option<Uuid>,
    pub chair_id: Option<Uuid>,
    pub minute_taker_id: Option<Uuid>,
    pub minute_taker: Option<String>,
    pub rating: Option<MeetingRating>,
    /// When the agenda and documents went out to members.
    pub published_at: Option<DateTime<Utc>>,
    /// They went out later than the lead time before the meeting (the device's setting).
    pub published_late: bool,
    /// Sending them now would be late.
    pub publish_late_now: bool,
    /// When the meeting adopted its minutes; its record is locked from then on.
    pub minutes_adopted_at: Option<DateTime<Utc>>,
    /// When it was actually opened (`meeting start`) and closed: the minutes say these.
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Set when it was held on paper and entered afterwards (then `paper_roll` is its roll call).
    pub entered_at: Option<DateTime<Utc>>,
    pub paper_roll: Option<PaperRollView>,
    /// Earlier tasks this meeting reviews (for the device that runs it; empty otherwise).
    pub review: Vec<TaskCard>,
    /// For the device that runs it, before it: who said they will come, who cannot, who has not
    /// answered, against the quorum.
    pub forecast: Option<Forecast>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TaskCard {
    pub id: Uuid,
    pub title: String,
    pub description: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub status: TaskStatus,
    pub overdue: bool,
    /// The latest reported percentage.
    pub percent: Option<i64>,
    pub last_note: Option<String>,
    pub meeting_id: Option<Uuid>,
    /// By name.
    pub assignees: Vec<AssigneeRef>,
}

/// A member a task is assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AssigneeRef {
    pub member_id: Uuid,
    pub full_name: String,
}

/// The member's calendar subscription: the address a phone's calendar follows, when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarFeedView {
    pub url: Option<String>,
}

/// A member of the meeting's cell on the roll, with what is recorded of them so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RollLine {
    pub member_id: Uuid,
    pub full_name: String,
    pub standing: Standing,
    pub exempt: bool,
    /// `None` before anything is recorded; `expected` after a withdrawn absence notice.
    pub status: Option<AttendanceStatus>,
    pub reason: Option<String>,
    /// Attending here temporarily: counted in their own cell.
    pub temporarily_attached: bool,
    /// Who recorded the member's answer for them (a member without a device).
    pub recorded_by: Option<String>,
}
