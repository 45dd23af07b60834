//! Members' records over the demo's years: each cell rates its members at the end of every year
//! that has ended (with the 100-point score most cells now keep), and each committee plans its
//! admissions for every year. Drawn from a generator of their own, after the cells, so the cells'
//! meetings are the same with or without them.

use chrono::{Datelike, NaiveDate};
use sotay_core::model::{AdmissionPlan, Member, MemberRating, RatingLevel, UnitLevel};
use sotay_store::{Store, StoreError};

/// A score drawn the way cells' scores fall: most members good, a fifth excellent, a few
/// completed, one in fifty not completed.
fn score(rng: &mut fastrand::Rng) -> i64 {
    match rng.u8(..100) {
        0..=19 => rng.i64(90..=98),
        20..=84 => rng.i64(70..=89),
        85..=97 => rng.i64(50..=69),
        _ => rng.i64(30..=49),
    }
}

/// Ratings for the years `first..today's year` (ended ones) and admission plans for every year,
/// in one transaction; answers with how many records it wrote.
pub fn write(
    store: &mut Store,
    first: i32,
    today: NaiveDate,
    seed: u64,
) -> Result<usize, StoreError> {
    let mut rng = fastrand::Rng::with_seed(seed ^ 0x5245_434f_5244_5321);
    let units = store.units()?;
    let mut by_cell: Vec<(sotay_core::model::OrgUnit, Vec<Member>)> = Vec::new();
    for u in units.iter().filter(|u| u.level == UnitLevel::Cell) {
        let unit = store.require(u.id)?;
        by_cell.push((unit, store.members(Some(u.id), 10_000)?));
    }
    store.write(|w| {
        let mut written = 0;
        for year in first..=today.year() {
            for u in units.iter().filter(|u| u.level != UnitLevel::Cell) {
                // About one admission a year per cell below, as the seeds' communes plan.
                let below = |c: &&sotay_store::queries::UnitSummary| {
                    c.parent_id == Some(u.id)
                        || c.parent_id.is_some_and(|p| {
                            units.iter().any(|x| x.id == p && x.parent_id == Some(u.id))
                        })
                };
                let cells = units
                    .iter()
                    .filter(|c| c.level == UnitLevel::Cell)
                    .filter(below)
                    .count() as i64;
                let planned = (cells + rng.i64(-1..=3)).max(1);
                w.put(&AdmissionPlan::new(u.id, i64::from(year), planned))?;
                written += 1;
            }
            if year == today.year() {
                continue;
            }
            let Some(year_end) = NaiveDate::from_ymd_opt(year, 12, 31) else {
                continue;
            };
            for (cell, members) in &by_cell {
                for m in members
                    .iter()
                    .filter(|m| m.admitted_on.is_some_and(|d| d <= year_end))
                {
                    let points = score(&mut rng);
                    w.put(&MemberRating {
                        id: MemberRating::id_for(m.id, i64::from(year)),
                        member_id: m.id,
                        unit_id: cell.id,
                        year: i64::from(year),
                        level: RatingLevel::of_score(points),
                        score: Some(points),
                        note: None,
                    })?;
                    written += 1;
                }
            }
        }
        Ok(written)
    })
}
