use crate::entity::{EntityKind, Record};
use crate::error::{Invalid, ValidationError, in_range, invalid, optional_text, required_text};
use crate::model::{LONG_TEXT_MAX, SHORT_TEXT_MAX};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ResolutionStatus {
    Draft,
    Adopted,
    Withdrawn,
}
super::code_enum!(ResolutionStatus);

/// The show-of-hands vote, recorded once by the secretary (members do not vote again in the app).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub votes_for: i64,
    pub votes_against: i64,
    pub votes_abstain: i64,
}

impl Tally {
    pub fn total(&self) -> i64 {
        self.votes_for + self.votes_against + self.votes_abstain
    }

    /// More than half of those voting were for.
    pub fn carries(&self) -> bool {
        self.votes_for * 2 > self.total()
    }
}

/// A cell resolution (nghị quyết), from draft to adoption.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub meeting_id: Option<Uuid>,
    pub title: String,
    pub draft: String,
    pub status: ResolutionStatus,
    pub adopted_on: Option<NaiveDate>,
    pub votes_for: Option<i64>,
    pub votes_against: Option<i64>,
    pub votes_abstain: Option<i64>,
}

impl Resolution {
    pub fn tally(&self) -> Option<Tally> {
        Some(Tally {
            votes_for: self.votes_for?,
            votes_against: self.votes_against?,
            votes_abstain: self.votes_abstain?,
        })
    }
}

impl Record for Resolution {
    const KIND: EntityKind = EntityKind::Resolution;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("title", &self.title, SHORT_TEXT_MAX)?;
        optional_text("draft", Some(&self.draft), LONG_TEXT_MAX)?;
        for (field, v) in [
            ("votes_for", self.votes_for),
            ("votes_against", self.votes_against),
            ("votes_abstain", self.votes_abstain),
        ] {
            if let Some(v) = v {
                in_range(field, v, 0, 100_000)?;
            }
        }
        if self.status == ResolutionStatus::Adopted {
            let tally = self.tally().ok_or(invalid(
                "votes_for",
                Invalid::Inconsistent {
                    reason: "an adopted resolution needs its vote tally",
                },
            ))?;
            if !tally.carries() {
                return Err(invalid(
                    "votes_for",
                    Invalid::Inconsistent {
                        reason: "an adopted resolution needs more than half of the votes for",
                    },
                ));
            }
            if self.adopted_on.is_none() {
                return Err(invalid("adopted_on", Invalid::Empty));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ContributionKind {
    /// A comment on the draft resolution, sent before the meeting.
    DraftComment,
    /// A speaker's view as the minutes record it.
    Speech,
}
super::code_enum!(ContributionKind);

/// A member's contribution: a comment on a draft, or what they said at the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub id: Uuid,
    pub meeting_id: Option<Uuid>,
    pub resolution_id: Option<Uuid>,
    pub member_id: Uuid,
    pub kind: ContributionKind,
    pub body: String,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub made_at: DateTime<Utc>,
    /// The committee member who wrote down a member's idea for them (a member without a
    /// device); none when the member wrote it, and for a speech the secretary records.
    #[serde(default)]
    pub recorded_by: Option<Uuid>,
}

impl Record for Contribution {
    const KIND: EntityKind = EntityKind::Contribution;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("body", &self.body, 20_000)?;
        if self.meeting_id.is_none() && self.resolution_id.is_none() {
            return Err(invalid(
                "meeting_id",
                Invalid::Inconsistent {
                    reason: "a contribution belongs to a meeting or a resolution",
                },
            ));
        }
        Ok(())
    }
}
