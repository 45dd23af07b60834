//! What the store and the app do with a kind's records besides storing and syncing them: what
//! names a record, what search finds it by, whether a value sync did not keep can be put back.
//! Declared per kind in the `entity_kinds!` table beside its fields, so a new kind cannot compile
//! without saying; and the way from a kind to its record type, for code that must be generic.

use super::{EntityKind, Record};
use crate::model::{
    AdmissionPlan, AgendaItem, Attachment, Attendance, Conflict, Contribution, Document,
    DocumentOpened, Meeting, MeetingSeal, MeetingSeries, Member, MemberRating, Notice, NoticeRead,
    OrgUnit, Resolution, Task, TaskAssignee, TaskProgress, Transfer, UnitTargets,
};

/// What the store and the app do with a kind's records (see [`EntityKind::handling`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handling {
    /// What names a record, as in "your change to … was not accepted"; `None`: nothing does.
    pub label: Option<Label>,
    /// What search finds a record by; `None`: search does not cover the kind.
    pub search: Option<SearchText>,
    /// Whether a value sync did not keep can be put back into the record from the Sync screen.
    pub restores_lost: bool,
}

/// The field whose value names a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// The whole value: a name, a title, a topic.
    Field(&'static str),
    /// The first `chars` characters of a long text, for records with no title of their own.
    Opening { field: &'static str, chars: u32 },
}

impl Label {
    pub fn field(self) -> &'static str {
        match self {
            Label::Field(field) | Label::Opening { field, .. } => field,
        }
    }
}

/// The text fields search reads, in order; empty values are skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchText {
    /// Shown as the hit's title (joined by spaces) and weighed above the body.
    pub title: &'static [&'static str],
    /// Where the snippet comes from (joined by line breaks).
    pub body: &'static [&'static str],
}

/// An opening long enough to recognise a speech or a progress note by, short enough for one line
/// of a notice.
const OPENING_CHARS: u32 = 120;

/// A kind whose records nothing names.
pub(super) const fn unnamed() -> Handling {
    Handling {
        label: None,
        search: None,
        restores_lost: false,
    }
}

/// A kind whose records are named by this field.
pub(super) const fn named(field: &'static str) -> Handling {
    Handling {
        label: Some(Label::Field(field)),
        ..unnamed()
    }
}

/// A kind whose records are named by the opening of this long text.
pub(super) const fn opening(field: &'static str) -> Handling {
    Handling {
        label: Some(Label::Opening {
            field,
            chars: OPENING_CHARS,
        }),
        ..unnamed()
    }
}

impl Handling {
    pub(super) const fn searched(
        self,
        title: &'static [&'static str],
        body: &'static [&'static str],
    ) -> Handling {
        Handling {
            search: Some(SearchText { title, body }),
            ..self
        }
    }

    pub(super) const fn restorable(self) -> Handling {
        Handling {
            restores_lost: true,
            ..self
        }
    }
}

const SEARCHABLE_COUNT: usize = {
    let mut count = 0;
    let mut i = 0;
    while i < EntityKind::ALL.len() {
        if EntityKind::ALL[i].handling().search.is_some() {
            count += 1;
        }
        i += 1;
    }
    count
};

const SEARCHABLE_KINDS: [EntityKind; SEARCHABLE_COUNT] = {
    let mut kinds = [EntityKind::OrgUnit; SEARCHABLE_COUNT];
    let (mut i, mut n) = (0, 0);
    while i < EntityKind::ALL.len() {
        if EntityKind::ALL[i].handling().search.is_some() {
            kinds[n] = EntityKind::ALL[i];
            n += 1;
        }
        i += 1;
    }
    kinds
};

impl EntityKind {
    /// The kinds search covers (those with [`Handling::search`]), in table order.
    pub const SEARCHABLE: &'static [EntityKind] = &SEARCHABLE_KINDS;

    /// Runs `task` with this kind's record type.
    pub fn for_record<T: ForRecord>(self, task: T) -> T::Output {
        use EntityKind as E;
        match self {
            E::OrgUnit => task.run::<OrgUnit>(),
            E::Member => task.run::<Member>(),
            E::MeetingSeries => task.run::<MeetingSeries>(),
            E::Meeting => task.run::<Meeting>(),
            E::AgendaItem => task.run::<AgendaItem>(),
            E::Document => task.run::<Document>(),
            E::Attachment => task.run::<Attachment>(),
            E::Resolution => task.run::<Resolution>(),
            E::Contribution => task.run::<Contribution>(),
            E::Attendance => task.run::<Attendance>(),
            E::Task => task.run::<Task>(),
            E::TaskAssignee => task.run::<TaskAssignee>(),
            E::TaskProgress => task.run::<TaskProgress>(),
            E::Conflict => task.run::<Conflict>(),
            E::Transfer => task.run::<Transfer>(),
            E::DocumentOpened => task.run::<DocumentOpened>(),
            E::UnitTargets => task.run::<UnitTargets>(),
            E::MemberRating => task.run::<MemberRating>(),
            E::AdmissionPlan => task.run::<AdmissionPlan>(),
            E::MeetingSeal => task.run::<MeetingSeal>(),
            E::Notice => task.run::<Notice>(),
            E::NoticeRead => task.run::<NoticeRead>(),
        }
    }
}

/// Work done on records of a kind known only at run time, through its record type (reading a
/// record as its struct, writing one through its validation): see [`EntityKind::for_record`].
pub trait ForRecord {
    type Output;
    fn run<R: Record>(self) -> Self::Output;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entity::FieldType;

    /// The record type `for_record` picks, by its declared kind.
    struct KindOfRecord;
    impl ForRecord for KindOfRecord {
        type Output = EntityKind;
        fn run<R: Record>(self) -> EntityKind {
            R::KIND
        }
    }

    fn text_field(kind: EntityKind, name: &str) -> bool {
        kind.field(name)
            .is_some_and(|f| matches!(f.ty, FieldType::Text | FieldType::LongText))
    }

    /// The store builds SQL and the app reads records from each kind's handling: every field it
    /// names must be a text field of that kind, and every kind must reach its own record type.
    #[test]
    fn every_kind_handles_its_own_fields_and_record_type() {
        for &kind in EntityKind::ALL {
            assert_eq!(kind.for_record(KindOfRecord), kind, "record type of {kind}");
            let handling = kind.handling();
            if let Some(label) = handling.label {
                assert!(text_field(kind, label.field()), "{kind}'s label {label:?}");
            }
            if let Some(search) = handling.search {
                assert!(!search.title.is_empty(), "{kind} is found by a title");
                for name in search.title.iter().chain(search.body) {
                    assert!(text_field(kind, name), "{kind}'s search field {name}");
                }
            }
            assert_eq!(
                EntityKind::SEARCHABLE.contains(&kind),
                handling.search.is_some(),
                "{kind} in SEARCHABLE"
            );
        }
    }
}
