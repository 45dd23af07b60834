//! The records Sotay keeps. Each is a plain struct whose serde form is its entity kind's fields
//! (see [`crate::entity`]); instants are milliseconds since the epoch, dates `yyyy-mm-dd`, enums
//! snake_case codes.

mod attendance;
mod conflict;
mod document;
mod meeting;
mod member;
mod notice;
mod opened;
mod org;
mod rating;
mod resolution;
mod sealed;
mod targets;
mod task;
mod transfer;

pub use attendance::{Attendance, AttendanceStatus};
pub use conflict::{Conflict, ConflictKind, ConflictStatus};
pub use document::{
    Attachment, Document, DocumentKind, DocumentNumber, MAX_ATTACHMENT_BYTES, SUMMARY_MAX,
    content_hash, is_content_hash,
};
pub use meeting::{AgendaItem, Meeting, MeetingKind, MeetingRating, MeetingSeries, MeetingStatus};
pub use member::{Gender, Member, Role, Standing, is_card_number, is_citizen_id};
pub use notice::{Notice, NoticeRead};
pub use opened::DocumentOpened;
pub use org::{OrgUnit, UnitLevel};
pub use rating::{AdmissionPlan, MemberRating, RatingLevel};
pub use resolution::{Contribution, ContributionKind, Resolution, ResolutionStatus, Tally};
pub use sealed::MeetingSeal;
pub use targets::UnitTargets;
pub use task::{Task, TaskAssignee, TaskProgress, TaskStatus};
pub use transfer::Transfer;

/// Why a set of fields is not a valid record of its kind.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("{0}")]
    Shape(String),
    #[error(transparent)]
    Invalid(#[from] crate::ValidationError),
}

/// Checks that `fields` make a valid record of `kind` (every field present and of its type, and
/// the kind's own rules), without knowing the kind at compile time: the server's view of a push.
pub fn validate_fields(
    kind: crate::EntityKind,
    id: uuid::Uuid,
    fields: &crate::FieldMap,
) -> Result<(), RecordError> {
    use crate::{EntityKind as E, Record};
    fn check<R: Record>(id: uuid::Uuid, fields: &crate::FieldMap) -> Result<(), RecordError> {
        let record =
            R::from_fields(id, fields.clone()).map_err(|e| RecordError::Shape(e.to_string()))?;
        Ok(record.validate()?)
    }
    match kind {
        E::OrgUnit => check::<OrgUnit>(id, fields),
        E::Member => check::<Member>(id, fields),
        E::MeetingSeries => check::<MeetingSeries>(id, fields),
        E::Meeting => check::<Meeting>(id, fields),
        E::AgendaItem => check::<AgendaItem>(id, fields),
        E::Document => check::<Document>(id, fields),
        E::Attachment => check::<Attachment>(id, fields),
        E::Resolution => check::<Resolution>(id, fields),
        E::Contribution => check::<Contribution>(id, fields),
        E::Attendance => check::<Attendance>(id, fields),
        E::Task => check::<Task>(id, fields),
        E::TaskAssignee => check::<TaskAssignee>(id, fields),
        E::TaskProgress => check::<TaskProgress>(id, fields),
        E::Conflict => check::<Conflict>(id, fields),
        E::Transfer => check::<Transfer>(id, fields),
        E::DocumentOpened => check::<DocumentOpened>(id, fields),
        E::UnitTargets => check::<UnitTargets>(id, fields),
        E::MemberRating => check::<MemberRating>(id, fields),
        E::AdmissionPlan => check::<AdmissionPlan>(id, fields),
        E::MeetingSeal => check::<MeetingSeal>(id, fields),
        E::Notice => check::<Notice>(id, fields),
        E::NoticeRead => check::<NoticeRead>(id, fields),
    }
}

/// The longest short text (names, titles, places).
pub const SHORT_TEXT_MAX: usize = 500;
/// The longest long text (a resolution draft, minutes): about 60 printed pages.
pub const LONG_TEXT_MAX: usize = 200_000;

/// Implements `Display` and `FromStr` for a snake_case enum through serde, so the CLI and the
/// store parse the codes exactly as they are stored.
macro_rules! code_enum {
    ($ty:ty) => {
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match serde_json::to_value(self) {
                    Ok(serde_json::Value::String(s)) => f.write_str(&s),
                    _ => Err(std::fmt::Error),
                }
            }
        }

        impl std::str::FromStr for $ty {
            type Err = crate::error::ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| {
                    crate::error::ValidationError {
                        field: stringify!($ty),
                        problem: crate::error::Invalid::BadFormat {
                            expected: concat!("a ", stringify!($ty), " code"),
                        },
                    }
                })
            }
        }
    };
}
pub(crate) use code_enum;

#[cfg(test)]
mod tests {
    use crate::entity::{EntityKind, Record};
    use crate::fixtures;

    fn declared(kind: EntityKind) -> Vec<String> {
        let mut names: Vec<String> = kind.fields().iter().map(|f| f.name.to_owned()).collect();
        names.sort();
        names
    }

    /// The entity table and the structs must agree exactly: the store writes columns from one and
    /// reads records into the other.
    #[test]
    fn every_record_serialises_to_exactly_its_declared_fields() {
        let all = fixtures::one_of_every_kind();
        let mut seen: Vec<EntityKind> = all.iter().map(|(k, ..)| *k).collect();
        for (kind, _, fields) in all {
            let mut names: Vec<String> = fields.keys().cloned().collect();
            names.sort();
            assert_eq!(names, declared(kind), "fields of {kind}");
        }
        seen.sort();
        seen.dedup();
        assert_eq!(
            seen.len(),
            EntityKind::ALL.len(),
            "a fixture for every kind"
        );
    }

    /// Tests everywhere build on the fixtures: each must be a valid record of its kind.
    #[test]
    fn every_fixture_is_valid() {
        for (kind, id, fields) in fixtures::one_of_every_kind() {
            super::validate_fields(kind, id, &fields).unwrap_or_else(|e| panic!("{kind}: {e}"));
        }
        let cell = fixtures::cell("Chi bộ thôn Đông");
        cell.validate().unwrap();
        fixtures::member(cell.id, "Nguyễn Văn An")
            .validate()
            .unwrap();
        fixtures::meeting(cell.id, "Sinh hoạt tháng 3")
            .validate()
            .unwrap();
        fixtures::document(cell.id, "Nghị quyết")
            .validate()
            .unwrap();
    }

    #[test]
    fn records_round_trip_through_fields() {
        let m = fixtures::held_meeting();
        let back = crate::model::Meeting::from_fields(m.id, m.to_fields()).unwrap();
        assert_eq!(back, m);
    }
}
