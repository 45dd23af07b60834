//! The table of entity kinds and their fields, shared by the store and the sync protocol.
//!
//! A change to a record travels as a [`FieldMap`] (field name → JSON value) tagged with its
//! [`EntityKind`]. This module is the one place that says which fields each kind has, how each is
//! stored, how concurrent writes to it merge, and who may read and write the kind's records (its
//! [`KindRules`] in the rules table, applied by [`crate::access::decide`]), and what else is done
//! with them (its [`Handling`]: what names a record, what search reads, whether a lost value can be
//! put back). The store builds its SQL from it (so a
//! column name never comes from input), the sync server validates pushed changes against it, and
//! the merge code asks it whether a field is last-writer-wins or three-way-merged text.

use crate::error::ValidationError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;
use std::str::FromStr;
use uuid::Uuid;

mod handling;
pub use handling::{ForRecord, Handling, Label, SearchText};
use handling::{named, opening, unnamed};

/// Field name → value, as a change carries it and as JSON shows it.
pub type FieldMap = serde_json::Map<String, serde_json::Value>;

/// How a field is stored and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// The id of another record, of the kind given (TEXT, hyphenated UUID).
    Ref(EntityKind),
    /// A short text: a name, a title, a place (TEXT, NFC).
    Text,
    /// A long text people edit together: drafts, minutes, notes (TEXT, NFC).
    LongText,
    /// One of a fixed set of snake_case codes (TEXT).
    Enum,
    Int,
    Bool,
    /// A calendar date, `yyyy-mm-dd` (TEXT).
    Date,
    /// An instant, milliseconds since the Unix epoch, UTC (INTEGER).
    Instant,
}

/// How concurrent writes to one field from two devices are reconciled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MergeRule {
    /// The write with the greater HLC wins (ties: the greater client id); the loser goes to the
    /// conflict log.
    LastWriterWins,
    /// Three-way merge against the common base; when the edits overlap both versions are kept and
    /// the field is flagged as conflicted.
    ThreeWayText,
}

/// One field of an entity kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub name: &'static str,
    pub ty: FieldType,
    pub nullable: bool,
}

impl Field {
    pub fn merge_rule(&self) -> MergeRule {
        match self.ty {
            LongText => MergeRule::ThreeWayText,
            _ => MergeRule::LastWriterWins,
        }
    }
}

const fn req(name: &'static str, ty: FieldType) -> Field {
    Field {
        name,
        ty,
        nullable: false,
    }
}

const fn opt(name: &'static str, ty: FieldType) -> Field {
    Field {
        name,
        ty,
        nullable: true,
    }
}

use crate::access::KindRules;
use crate::access::table as rules;
use EntityKind as K;
use FieldType::{Bool, Date, Enum, Instant, Int, LongText, Ref, Text};

macro_rules! entity_kinds {
    ($( $variant:ident => $table:literal rules($rules:expr) handling($handling:expr) [ $($field:expr),* $(,)? ] ),* $(,)?) => {
        /// Every kind of record Sotay keeps and syncs.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum EntityKind { $($variant),* }

        impl EntityKind {
            pub const ALL: &'static [EntityKind] = &[$(EntityKind::$variant),*];

            /// The table name, also the kind's name on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $(EntityKind::$variant => $table),* }
            }

            /// The fields other than `id`, in storage order.
            pub fn fields(self) -> &'static [Field] {
                match self { $(EntityKind::$variant => { const FIELDS: &[Field] = &[$($field),*]; FIELDS }),* }
            }

            /// Who may read and write records of this kind (see [`crate::access::decide`]).
            pub fn rules(self) -> KindRules {
                match self { $(EntityKind::$variant => $rules),* }
            }

            /// What the store and the app do with records of this kind besides keeping them.
            pub const fn handling(self) -> Handling {
                match self { $(EntityKind::$variant => $handling),* }
            }
        }

        impl FromStr for EntityKind {
            type Err = UnknownEntityKind;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($table => Ok(EntityKind::$variant),)*
                    _ => Err(UnknownEntityKind(s.to_owned())),
                }
            }
        }
    };
}

entity_kinds! {
    OrgUnit => "org_unit" rules(rules::ORG_UNIT)
        handling(named("name")) [
        opt("parent_id", Ref(K::OrgUnit)), req("level", Enum), req("name", Text), opt("code", Text),
        opt("closed_on", Date), opt("in_sotay_since", Date),
    ],
    Member => "member" rules(rules::MEMBER)
        handling(named("full_name")) [
        req("unit_id", Ref(K::OrgUnit)), req("full_name", Text), opt("gender", Enum), opt("born_on", Date),
        req("standing", Enum), opt("admitted_on", Date), opt("official_on", Date),
        req("role", Enum), req("exempt", Bool), opt("exempt_reason", Text),
        req("temporarily_attached", Bool), opt("home_unit", Text), opt("phone", Text),
        opt("card_number", Text), opt("citizen_id", Text),
    ],
    MeetingSeries => "meeting_series" rules(rules::MEETING_SERIES)
        handling(unnamed()) [
        req("unit_id", Ref(K::OrgUnit)), req("kind", Enum), req("title", Text), req("rrule", Text),
        req("duration_minutes", Int), req("place", Text),
    ],
    Meeting => "meeting" rules(rules::MEETING)
        handling(named("topic").searched(&["topic"], &["minutes", "conclusion"]).restorable()) [
        req("unit_id", Ref(K::OrgUnit)), opt("series_id", Ref(K::MeetingSeries)), req("kind", Enum), req("starts_at", Instant),
        req("duration_minutes", Int), req("place", Text), req("topic", Text), req("status", Enum),
        opt("chair_id", Ref(K::Member)), opt("minute_taker_id", Ref(K::Member)), opt("guests", Text),
        opt("minutes", LongText), opt("conclusion", LongText), opt("rating", Enum),
        opt("published_at", Instant), opt("minutes_adopted_at", Instant), opt("occurrence_at", Instant),
        opt("started_at", Instant), opt("ended_at", Instant), opt("entered_at", Instant),
        opt("present_count", Int), opt("absent_with_reason_count", Int), opt("absent_without_reason_count", Int),
    ],
    AgendaItem => "agenda_item" rules(rules::AGENDA_ITEM)
        handling(named("title").restorable()) [
        req("meeting_id", Ref(K::Meeting)), req("position", Int), opt("step", Enum), req("title", Text),
        opt("body", LongText),
    ],
    Document => "document" rules(rules::DOCUMENT)
        handling(named("title").searched(&["number", "title"], &["issuer", "summary", "body"]).restorable()) [
        req("unit_id", Ref(K::OrgUnit)), opt("meeting_id", Ref(K::Meeting)), req("kind", Enum), opt("number", Text),
        req("issuer", Text), req("issued_on", Date), req("title", Text), req("body", LongText),
        opt("published_at", Instant), opt("summary", Text),
    ],
    Attachment => "attachment" rules(rules::ATTACHMENT)
        handling(unnamed()) [
        req("document_id", Ref(K::Document)), req("file_name", Text), req("media_type", Text),
        req("size", Int), req("content_hash", Text),
    ],
    Resolution => "resolution" rules(rules::RESOLUTION)
        handling(named("title").searched(&["title"], &["draft"]).restorable()) [
        req("unit_id", Ref(K::OrgUnit)), opt("meeting_id", Ref(K::Meeting)), req("title", Text), req("draft", LongText),
        req("status", Enum), opt("adopted_on", Date), opt("votes_for", Int),
        opt("votes_against", Int), opt("votes_abstain", Int),
    ],
    Contribution => "contribution" rules(rules::CONTRIBUTION)
        handling(opening("body").restorable()) [
        opt("meeting_id", Ref(K::Meeting)), opt("resolution_id", Ref(K::Resolution)), req("member_id", Ref(K::Member)), req("kind", Enum),
        req("body", LongText), req("made_at", Instant), opt("recorded_by", Ref(K::Member)),
    ],
    Attendance => "attendance" rules(rules::ATTENDANCE)
        handling(unnamed().restorable()) [
        req("meeting_id", Ref(K::Meeting)), req("member_id", Ref(K::Member)), req("status", Enum), opt("reason", Text),
        opt("recorded_by", Ref(K::Member)),
    ],
    Task => "task" rules(rules::TASK)
        handling(named("title").searched(&["title"], &["description", "notes"]).restorable()) [
        req("unit_id", Ref(K::OrgUnit)), opt("meeting_id", Ref(K::Meeting)), opt("resolution_id", Ref(K::Resolution)), req("title", Text),
        opt("description", LongText), opt("due_on", Date), req("status", Enum),
        opt("completed_on", Date), opt("notes", LongText),
    ],
    TaskAssignee => "task_assignee" rules(rules::TASK_ASSIGNEE)
        handling(unnamed()) [
        req("task_id", Ref(K::Task)), req("member_id", Ref(K::Member)),
    ],
    TaskProgress => "task_progress" rules(rules::TASK_PROGRESS)
        handling(opening("note").restorable()) [
        req("task_id", Ref(K::Task)), opt("member_id", Ref(K::Member)), req("noted_at", Instant), opt("percent", Int),
        req("note", LongText),
    ],
    Conflict => "conflict" rules(rules::CONFLICT)
        handling(unnamed()) [
        req("unit_id", Ref(K::OrgUnit)), req("entity", Enum), req("record_id", Text), req("field", Text),
        req("kind", Enum), req("kept", Text), req("lost", Text), req("lost_client", Text),
        req("lost_hlc", Int), opt("reason", Text), req("detected_at", Instant), req("status", Enum),
    ],
    Transfer => "transfer" rules(rules::TRANSFER)
        handling(unnamed()) [
        req("member_id", Ref(K::Member)), req("from_unit_id", Ref(K::OrgUnit)), req("to_unit_id", Ref(K::OrgUnit)),
        req("effective_on", Date), opt("reason", Text),
    ],
    DocumentOpened => "document_opened" rules(rules::DOCUMENT_OPENED)
        handling(unnamed()) [
        req("document_id", Ref(K::Document)), req("member_id", Ref(K::Member)), req("unit_id", Ref(K::OrgUnit)),
        req("opened_at", Instant),
    ],
    UnitTargets => "unit_targets" rules(rules::UNIT_TARGETS)
        handling(unnamed()) [
        req("unit_id", Ref(K::OrgUnit)), req("regular_meetings", Int), req("regular_acceptable", Int),
        req("thematic_meetings", Int), req("attendance_percent", Int), req("spoke_percent", Int),
        req("published_percent", Int), req("tasks_percent", Int), opt("quorum_percent", Int),
    ],
    MemberRating => "member_rating" rules(rules::MEMBER_RATING)
        handling(unnamed()) [
        req("member_id", Ref(K::Member)), req("unit_id", Ref(K::OrgUnit)), req("year", Int),
        req("level", Enum), opt("score", Int), opt("note", Text),
    ],
    AdmissionPlan => "admission_plan" rules(rules::ADMISSION_PLAN)
        handling(unnamed()) [
        req("unit_id", Ref(K::OrgUnit)), req("year", Int), req("planned", Int),
    ],
    MeetingSeal => "meeting_seal" rules(rules::MEETING_SEAL)
        handling(unnamed()) [
        req("meeting_id", Ref(K::Meeting)), req("unit_id", Ref(K::OrgUnit)), req("seal", Text),
        req("n", Int), req("sealed_at", Instant),
    ],
    Notice => "notice" rules(rules::NOTICE)
        handling(named("title").restorable()) [
        req("unit_id", Ref(K::OrgUnit)), opt("meeting_id", Ref(K::Meeting)), req("title", Text), req("body", LongText),
        req("urgent", Bool), opt("reply_by", Date), req("posted_at", Instant), opt("author_id", Ref(K::Member)),
    ],
    NoticeRead => "notice_read" rules(rules::NOTICE_READ)
        handling(unnamed()) [
        req("notice_id", Ref(K::Notice)), req("member_id", Ref(K::Member)), req("unit_id", Ref(K::OrgUnit)),
        req("read_at", Instant),
    ],
}

impl EntityKind {
    pub fn field(self, name: &str) -> Option<&'static Field> {
        self.fields().iter().find(|f| f.name == name)
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name that is not an entity kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a kind of record")]
pub struct UnknownEntityKind(pub String);

/// A domain record: a struct whose serde form is exactly its kind's fields plus `id`.
pub trait Record: Serialize + DeserializeOwned + Clone {
    const KIND: EntityKind;

    fn id(&self) -> Uuid;

    /// Checks the record on its own (the store checks references).
    fn validate(&self) -> Result<(), ValidationError>;

    /// The record's fields, without `id`.
    fn to_fields(&self) -> FieldMap {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut map)) => {
                map.remove("id");
                map
            }
            // Records are plain structs of plain fields: they always serialise to an object.
            _ => FieldMap::new(),
        }
    }

    /// Rebuilds a record from its id and fields.
    fn from_fields(id: Uuid, mut fields: FieldMap) -> Result<Self, serde_json::Error> {
        fields.insert("id".into(), serde_json::Value::String(id.to_string()));
        serde_json::from_value(serde_json::Value::Object(fields))
    }
}

/// Where a record belongs in the organisation tree, which decides who may read and write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// An org unit is its own scope.
    Itself,
    /// The unit named by this field.
    Unit(&'static str),
    /// The scope of the record named by this field (a meeting's agenda item, a task's assignee).
    /// The first field that is set wins.
    Parent(&'static [&'static str]),
}

impl EntityKind {
    pub fn scope(self) -> Scope {
        use EntityKind as E;
        match self {
            E::OrgUnit => Scope::Itself,
            E::Member
            | E::MeetingSeries
            | E::Meeting
            | E::Document
            | E::Resolution
            | E::Task
            | E::Conflict
            // Filed under the reader's unit, not the document's: a cell's reading is its own.
            | E::DocumentOpened
            | E::UnitTargets
            // A rating is the record of the cell that gave it, wherever the member goes next.
            | E::MemberRating
            | E::AdmissionPlan
            // The cell's, read where its minutes are.
            | E::MeetingSeal
            | E::Notice
            // Like a document's opening: filed under the reader's unit.
            | E::NoticeRead => Scope::Unit("unit_id"),
            E::AgendaItem | E::Attendance => Scope::Parent(&["meeting_id"]),
            E::Attachment => Scope::Parent(&["document_id"]),
            E::Contribution => Scope::Parent(&["meeting_id", "resolution_id"]),
            E::TaskAssignee | E::TaskProgress => Scope::Parent(&["task_id"]),
            // A member's history follows them to the unit they joined.
            E::Transfer => Scope::Unit("to_unit_id"),
        }
    }
}

impl Field {
    /// Checks a JSON value has this field's type; `Err` names what was expected.
    pub fn check(&self, v: &serde_json::Value) -> Result<(), &'static str> {
        use serde_json::Value as J;
        let ok = match (self.ty, v) {
            (_, J::Null) => self.nullable,
            (Int | Instant, J::Number(n)) => n.is_i64(),
            (Bool, J::Bool(_)) => true,
            (Ref(_), J::String(s)) => Uuid::parse_str(s).is_ok(),
            (Date, J::String(s)) => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
            (Text | LongText | Enum, J::String(_)) => true,
            _ => false,
        };
        if ok {
            return Ok(());
        }
        Err(match self.ty {
            _ if matches!(v, J::Null) => "a value (the field is required)",
            Int | Instant => "an integer",
            Bool => "true or false",
            Ref(_) => "an id",
            Date => "a date yyyy-mm-dd",
            Text | LongText | Enum => "a string",
        })
    }
}
