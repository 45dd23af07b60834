use crate::entity::{EntityKind, Record};
use crate::error::{Invalid, ValidationError, invalid, optional_text, required_text};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Official or probationary membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Đảng viên chính thức.
    Official,
    /// Đảng viên dự bị: 12 months from admission, then the cell votes.
    Probationary,
}
super::code_enum!(Standing);

/// A member's role in the cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Bí thư.
    Secretary,
    /// Phó bí thư.
    DeputySecretary,
    /// Chi ủy viên.
    CommitteeMember,
    Member,
}
super::code_enum!(Role);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}
super::code_enum!(Gender);

/// A party member (đảng viên) in the cell they take part in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: Uuid,
    /// The cell the member takes part in (for a temporarily attached member, the host cell).
    pub unit_id: Uuid,
    pub full_name: String,
    pub gender: Option<Gender>,
    pub born_on: Option<NaiveDate>,
    pub standing: Standing,
    /// The admission ceremony (kết nạp).
    pub admitted_on: Option<NaiveDate>,
    /// Recognised as official (công nhận chính thức).
    pub official_on: Option<NaiveDate>,
    pub role: Role,
    /// Miễn sinh hoạt: excused from meetings (old age, illness); not counted as absent.
    pub exempt: bool,
    pub exempt_reason: Option<String>,
    /// Sinh hoạt tạm thời: attached to this cell while living or working away from home.
    pub temporarily_attached: bool,
    /// The member's home organisation, when temporarily attached.
    pub home_unit: Option<String>,
    pub phone: Option<String>,
    /// Số thẻ đảng viên: the party card's number (digits, with the dot some provinces print).
    /// The administrator's to set; it names the member in a roster import and at sign-in.
    pub card_number: Option<String>,
    /// Số CCCD: the twelve-digit citizen identity number, the other key a roster import matches on.
    pub citizen_id: Option<String>,
}

impl Record for Member {
    const KIND: EntityKind = EntityKind::Member;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("full_name", &self.full_name, 100)?;
        optional_text("exempt_reason", self.exempt_reason.as_deref(), 500)?;
        optional_text("home_unit", self.home_unit.as_deref(), 200)?;
        optional_text("phone", self.phone.as_deref(), 30)?;
        if let Some(card) = &self.card_number
            && !is_card_number(card)
        {
            return Err(invalid(
                "card_number",
                Invalid::BadFormat {
                    expected: "a party card number: up to 20 digits, dots allowed",
                },
            ));
        }
        if let Some(id) = &self.citizen_id
            && !is_citizen_id(id)
        {
            return Err(invalid(
                "citizen_id",
                Invalid::BadFormat {
                    expected: "a citizen identity number: 12 digits",
                },
            ));
        }
        if let (Some(admitted), Some(official)) = (self.admitted_on, self.official_on)
            && official < admitted
        {
            return Err(invalid(
                "official_on",
                Invalid::Inconsistent {
                    reason: "official membership cannot precede admission",
                },
            ));
        }
        if self.standing == Standing::Probationary && self.official_on.is_some() {
            return Err(invalid(
                "official_on",
                Invalid::Inconsistent {
                    reason: "a probationary member has no official date yet",
                },
            ));
        }
        if self.temporarily_attached && self.home_unit.as_deref().is_none_or(str::is_empty) {
            return Err(invalid("home_unit", Invalid::Empty));
        }
        Ok(())
    }
}

/// A party card number as printed: digits, perhaps grouped by dots (`36.012345`), at most 20.
pub fn is_card_number(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 20
        && s.chars().all(|c| c.is_ascii_digit() || c == '.')
        && s.chars().any(|c| c.is_ascii_digit())
}

/// A citizen identity number (căn cước công dân): exactly twelve digits.
pub fn is_citizen_id(s: &str) -> bool {
    s.len() == 12 && s.chars().all(|c| c.is_ascii_digit())
}
