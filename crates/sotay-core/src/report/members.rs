//! The members' side of a year: how the cell rated its members, and how many it admitted —
//! each committee's admissions measured against the plan it set.

use super::{CellFacts, Figures, figures};
use crate::model::RatingLevel;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

/// A year's ratings of a cell's members, by level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RatingCounts {
    pub excellent: i64,
    pub good: i64,
    pub completed: i64,
    pub not_completed: i64,
}

impl RatingCounts {
    pub fn of(levels: &[RatingLevel]) -> RatingCounts {
        let mut c = RatingCounts::default();
        for level in levels {
            *match level {
                RatingLevel::Excellent => &mut c.excellent,
                RatingLevel::Good => &mut c.good,
                RatingLevel::Completed => &mut c.completed,
                RatingLevel::NotCompleted => &mut c.not_completed,
            } += 1;
        }
        c
    }

    /// Members rated this year.
    pub fn rated(self) -> i64 {
        self.excellent + self.good + self.completed + self.not_completed
    }

    pub fn add(&mut self, other: RatingCounts) {
        self.excellent += other.excellent;
        self.good += other.good;
        self.completed += other.completed;
        self.not_completed += other.not_completed;
    }
}

/// A cell's figures for `year`: its meetings' and tasks' ([`figures`]) with its members' ratings
/// of the year and the members admitted in it.
pub fn cell_figures(year: i32, today: NaiveDate, lead: Duration, facts: &CellFacts) -> Figures {
    let mut f = figures(
        year,
        today,
        lead,
        &facts.meetings,
        &facts.tasks,
        facts.since,
    );
    f.ratings = RatingCounts::of(&facts.ratings);
    f.admitted = facts
        .admitted_on
        .iter()
        .filter(|d| d.year() == year && **d <= today)
        .count() as i64;
    f
}

/// One committee's admissions in a year against its plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Admissions {
    pub unit_id: Uuid,
    pub name: String,
    /// Members admitted in the cells below the committee (and in its own unit, for a cell).
    pub admitted: i64,
    /// What the committee planned, if it set a plan for the year.
    pub planned: Option<i64>,
}

/// Each committee's admissions: `committees` (unit, name) in the order to show them, `cells`
/// each cell's chain (the cell, its parent, and so on up) with its admissions, `plans` the
/// plans set for the year.
pub fn admissions(
    committees: &[(Uuid, String)],
    cells: &[(Vec<Uuid>, i64)],
    plans: &HashMap<Uuid, i64>,
) -> Vec<Admissions> {
    committees
        .iter()
        .map(|(unit, name)| Admissions {
            unit_id: *unit,
            name: name.clone(),
            admitted: cells
                .iter()
                .filter(|(chain, _)| chain.contains(unit))
                .map(|(_, n)| n)
                .sum(),
            planned: plans.get(unit).copied(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn ratings_are_counted_by_level_and_admissions_by_the_year_so_far() {
        use RatingLevel::*;
        let facts = CellFacts {
            ratings: vec![Excellent, Good, Good, Completed, NotCompleted],
            admitted_on: vec![
                day(2025, 12, 31),
                day(2026, 3, 2),
                day(2026, 9, 1),
                day(2026, 12, 1),
            ],
            ..CellFacts::default()
        };
        let f = cell_figures(2026, day(2026, 11, 23), Duration::hours(24), &facts);
        let want = RatingCounts {
            excellent: 1,
            good: 2,
            completed: 1,
            not_completed: 1,
        };
        assert_eq!(f.ratings, want);
        assert_eq!(f.ratings.rated(), 5);
        // Last year's and the one not yet held (a date entered ahead) are not this year's so far.
        assert_eq!(f.admitted, 2);
    }

    #[test]
    fn a_committee_counts_the_admissions_of_every_cell_below_it() {
        let (district, a, b, c1, c2, c3) = (
            Uuid::from_u128(1),
            Uuid::from_u128(2),
            Uuid::from_u128(3),
            Uuid::from_u128(4),
            Uuid::from_u128(5),
            Uuid::from_u128(6),
        );
        let cells = [
            (vec![c1, a, district], 2),
            (vec![c2, a, district], 1),
            (vec![c3, b, district], 4),
        ];
        let plans = HashMap::from([(district, 10), (a, 2)]);
        let committees = [(district, "H".to_owned()), (a, "A".into()), (b, "B".into())];
        let got = admissions(&committees, &cells, &plans);
        let figures: Vec<(i64, Option<i64>)> =
            got.iter().map(|x| (x.admitted, x.planned)).collect();
        assert_eq!(figures, [(7, Some(10)), (3, Some(2)), (4, None)]);
    }
}
