use crate::entity::{EntityKind, Record};
use crate::error::{Invalid, ValidationError, in_range, invalid, optional_text};
use crate::id::derived_id;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The four levels of the yearly review of a member (đánh giá, xếp loại chất lượng đảng viên).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RatingLevel {
    /// Hoàn thành xuất sắc nhiệm vụ.
    Excellent,
    /// Hoàn thành tốt nhiệm vụ.
    Good,
    /// Hoàn thành nhiệm vụ.
    Completed,
    /// Không hoàn thành nhiệm vụ.
    NotCompleted,
}
super::code_enum!(RatingLevel);

impl RatingLevel {
    /// The highest level a score on the 100-point scale allows (the 2025 rules: 90 and above
    /// excellent, 70–89 good, 50–69 completed, below 50 not completed).
    pub fn of_score(score: i64) -> RatingLevel {
        match score {
            90.. => RatingLevel::Excellent,
            70..=89 => RatingLevel::Good,
            50..=69 => RatingLevel::Completed,
            _ => RatingLevel::NotCompleted,
        }
    }
}

/// A member's rating for one year, decided by their cell (with the optional 100-point score it
/// was reached from). One per member and year: its id is derived from both, so two committee
/// members recording it offline write the same record, and a correction overwrites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRating {
    pub id: Uuid,
    pub member_id: Uuid,
    /// The cell that rated the member (where they took part that year): the rating is its record.
    pub unit_id: Uuid,
    pub year: i64,
    pub level: RatingLevel,
    /// 0–100, when the cell scored the member.
    pub score: Option<i64>,
    /// Why, in the cell's words (the shortcomings to mend, a reward proposed).
    pub note: Option<String>,
}

impl MemberRating {
    pub fn id_for(member: Uuid, year: i64) -> Uuid {
        derived_id("member_rating", member, Uuid::from_u128(year as u128))
    }
}

impl Record for MemberRating {
    const KIND: EntityKind = EntityKind::MemberRating;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        in_range("year", self.year, 1930, 2100)?;
        optional_text("note", self.note.as_deref(), 1000)?;
        if let Some(score) = self.score {
            in_range("score", score, 0, 100)?;
            // A lower level than the score's band is the cell's to give (a rule may cap it: a
            // member under discipline is not rated excellent); a higher one is not.
            if self.level < RatingLevel::of_score(score) {
                return Err(invalid(
                    "level",
                    Invalid::Inconsistent {
                        reason: "the level is above what the score allows",
                    },
                ));
            }
        }
        Ok(())
    }
}

/// How many members a committee plans to admit in a year (kế hoạch kết nạp đảng viên), measured
/// against the members admitted in the units it leads. One per unit and year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdmissionPlan {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub year: i64,
    pub planned: i64,
}

impl AdmissionPlan {
    pub fn id_for(unit: Uuid, year: i64) -> Uuid {
        derived_id("admission_plan", unit, Uuid::from_u128(year as u128))
    }

    pub fn new(unit: Uuid, year: i64, planned: i64) -> AdmissionPlan {
        AdmissionPlan {
            id: AdmissionPlan::id_for(unit, year),
            unit_id: unit,
            year,
            planned,
        }
    }
}

impl Record for AdmissionPlan {
    const KIND: EntityKind = EntityKind::AdmissionPlan;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        in_range("year", self.year, 1930, 2100)?;
        in_range("planned", self.planned, 0, 100_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rating(level: RatingLevel, score: Option<i64>) -> MemberRating {
        let member = Uuid::from_u128(2);
        MemberRating {
            id: MemberRating::id_for(member, 2026),
            member_id: member,
            unit_id: Uuid::from_u128(1),
            year: 2026,
            level,
            score,
            note: None,
        }
    }

    #[test]
    fn the_score_bands_are_the_2025_rules() {
        use RatingLevel::*;
        let bands = [(100, Excellent), (90, Excellent), (89, Good), (70, Good)];
        let more = [
            (69, Completed),
            (50, Completed),
            (49, NotCompleted),
            (0, NotCompleted),
        ];
        for (score, level) in bands.into_iter().chain(more) {
            assert_eq!(RatingLevel::of_score(score), level, "{score}");
        }
    }

    #[test]
    fn a_level_may_be_lower_than_the_score_allows_but_not_higher() {
        assert!(rating(RatingLevel::Good, Some(92)).validate().is_ok());
        assert!(rating(RatingLevel::Excellent, Some(92)).validate().is_ok());
        assert!(rating(RatingLevel::NotCompleted, None).validate().is_ok());
        let err = rating(RatingLevel::Excellent, Some(85))
            .validate()
            .unwrap_err();
        assert_eq!(err.field, "level");
        let err = rating(RatingLevel::Completed, Some(101))
            .validate()
            .unwrap_err();
        assert_eq!(err.field, "score");
    }

    #[test]
    fn one_rating_per_member_and_year_and_one_plan_per_unit_and_year() {
        let m = Uuid::from_u128(2);
        assert_eq!(MemberRating::id_for(m, 2026), MemberRating::id_for(m, 2026));
        assert_ne!(MemberRating::id_for(m, 2026), MemberRating::id_for(m, 2025));
        assert_ne!(
            MemberRating::id_for(m, 2026),
            AdmissionPlan::id_for(m, 2026)
        );
        assert!(AdmissionPlan::new(m, 2026, -1).validate().is_err());
        assert!(AdmissionPlan::new(m, 2026, 3).validate().is_ok());
    }
}
