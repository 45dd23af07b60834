use crate::entity::{EntityKind, Record};
use crate::error::{ValidationError, in_range, optional_text, required_text};
use crate::model::{LONG_TEXT_MAX, SHORT_TEXT_MAX};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The kinds of cell meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    /// Sinh hoạt thường kỳ: the monthly meeting.
    Regular,
    /// Sinh hoạt chuyên đề: one chosen topic.
    Thematic,
    /// Sinh hoạt mẫu / điểm: a model meeting others observe.
    Pilot,
    /// Hội nghị rút kinh nghiệm after a pilot meeting.
    ExperienceSharing,
}
super::code_enum!(MeetingKind);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Planned,
    Held,
    Cancelled,
}
super::code_enum!(MeetingStatus);

/// How the cell rated the meeting (step 14 of the prescribed order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MeetingRating {
    Good,
    Fair,
    Average,
    Poor,
}
super::code_enum!(MeetingRating);

/// A recurring meeting (the monthly regular meeting), from which meetings are scheduled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSeries {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub kind: MeetingKind,
    pub title: String,
    /// RFC 5545 `DTSTART;TZID=…` and `RRULE:…` lines.
    pub rrule: String,
    pub duration_minutes: i64,
    pub place: String,
}

impl Record for MeetingSeries {
    const KIND: EntityKind = EntityKind::MeetingSeries;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("title", &self.title, SHORT_TEXT_MAX)?;
        required_text("place", &self.place, 200)?;
        in_range("duration_minutes", self.duration_minutes, 15, 720)?;
        crate::recurrence::parse(&self.rrule).map(|_| ())
    }
}

/// One meeting of a cell.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub series_id: Option<Uuid>,
    /// The occurrence of its series this meeting stands for: its time by the series' rule, kept
    /// when the meeting is moved (a calendar's RECURRENCE-ID).
    #[serde(with = "chrono::serde::ts_milliseconds_option")]
    pub occurrence_at: Option<DateTime<Utc>>,
    pub kind: MeetingKind,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i64,
    pub place: String,
    pub topic: String,
    pub status: MeetingStatus,
    pub chair_id: Option<Uuid>,
    pub minute_taker_id: Option<Uuid>,
    pub guests: Option<String>,
    /// The minutes (biên bản) as read and adopted at the meeting.
    pub minutes: Option<String>,
    /// The chair's conclusion.
    pub conclusion: Option<String>,
    pub rating: Option<MeetingRating>,
    /// When the committee sent the agenda and documents to members (due a day before).
    #[serde(with = "chrono::serde::ts_milliseconds_option")]
    pub published_at: Option<DateTime<Utc>>,
    /// When the meeting adopted its minutes: from then on the record is locked.
    #[serde(with = "chrono::serde::ts_milliseconds_option")]
    pub minutes_adopted_at: Option<DateTime<Utc>>,
    /// When the chair actually opened the meeting (`starts_at` is when it was scheduled).
    #[serde(with = "chrono::serde::ts_milliseconds_option")]
    pub started_at: Option<DateTime<Utc>>,
    /// When it actually closed: the minutes say so instead of reckoning from the planned length.
    #[serde(with = "chrono::serde::ts_milliseconds_option")]
    pub ended_at: Option<DateTime<Utc>>,
    /// Set when the meeting was held on paper and entered afterwards: its roll call is the counts
    /// below, not a member-by-member record, and whether its papers went out on time is unknown.
    #[serde(with = "chrono::serde::ts_milliseconds_option")]
    pub entered_at: Option<DateTime<Utc>>,
    /// The paper record's roll call (only on a meeting entered afterwards).
    pub present_count: Option<i64>,
    pub absent_with_reason_count: Option<i64>,
    pub absent_without_reason_count: Option<i64>,
}

impl Meeting {
    /// A planned meeting of `unit_id` with a fresh id: two hours, on no series, nobody named to
    /// chair it or take the minutes yet, nothing recorded. Set any other field with struct update
    /// syntax (`Meeting { duration_minutes: 150, ..Meeting::planned(…) }`).
    pub fn planned(
        unit_id: Uuid,
        kind: MeetingKind,
        starts_at: DateTime<Utc>,
        place: impl Into<String>,
        topic: impl Into<String>,
    ) -> Meeting {
        Meeting {
            id: crate::id::new_id(),
            unit_id,
            series_id: None,
            occurrence_at: None,
            kind,
            starts_at,
            duration_minutes: 120,
            place: place.into(),
            topic: topic.into(),
            status: MeetingStatus::Planned,
            chair_id: None,
            minute_taker_id: None,
            guests: None,
            minutes: None,
            conclusion: None,
            rating: None,
            published_at: None,
            minutes_adopted_at: None,
            started_at: None,
            ended_at: None,
            entered_at: None,
            present_count: None,
            absent_with_reason_count: None,
            absent_without_reason_count: None,
        }
    }
}

impl Record for Meeting {
    const KIND: EntityKind = EntityKind::Meeting;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("topic", &self.topic, SHORT_TEXT_MAX)?;
        required_text("place", &self.place, 200)?;
        in_range("duration_minutes", self.duration_minutes, 15, 720)?;
        optional_text("guests", self.guests.as_deref(), 2_000)?;
        optional_text("minutes", self.minutes.as_deref(), LONG_TEXT_MAX)?;
        for (field, count) in [
            ("present_count", self.present_count),
            ("absent_with_reason_count", self.absent_with_reason_count),
            (
                "absent_without_reason_count",
                self.absent_without_reason_count,
            ),
        ] {
            if let Some(n) = count {
                in_range(field, n, 0, 10_000)?;
            }
        }
        optional_text("conclusion", self.conclusion.as_deref(), LONG_TEXT_MAX)
    }
}

/// One item of a meeting's agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: Uuid,
    pub meeting_id: Uuid,
    /// Sort key; items made from a template are spaced by 1,000 so one can be put between two.
    pub position: i64,
    /// The prescribed step this item stands for ([`crate::agenda`]), if any.
    pub step: Option<String>,
    pub title: String,
    pub body: Option<String>,
}

impl Record for AgendaItem {
    const KIND: EntityKind = EntityKind::AgendaItem;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("title", &self.title, SHORT_TEXT_MAX)?;
        in_range("position", self.position, 0, i64::from(i32::MAX))?;
        optional_text("body", self.body.as_deref(), LONG_TEXT_MAX)
    }
}

impl AgendaItem {
    /// The agenda of a new meeting of `kind`, in the prescribed order.
    pub fn from_template(meeting_id: Uuid, kind: MeetingKind) -> Vec<AgendaItem> {
        crate::agenda::template(kind)
            .iter()
            .zip(1_i64..)
            .map(|(step, n)| AgendaItem {
                id: crate::id::new_id(),
                meeting_id,
                position: n * 1_000,
                step: Some(step.code.to_owned()),
                title: step.title_vi.to_owned(),
                body: None,
            })
            .collect()
    }
}
