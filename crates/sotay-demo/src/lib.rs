//! Realistic demo data for Sotay, written through the store's API like any other write.
//!
//! `generate` builds an organisation tree (a district of communes of cells, or smaller), members
//! with Vietnamese names, a monthly regular meeting per cell as an RFC 5545 rule, years of held
//! meetings with attendance, speakers, minutes, adopted resolutions and tasks, thematic meetings,
//! superior documents, and the next meetings with their agenda and draft resolution. The same seed
//! gives the same data (ids aside), so a bug seen on demo data can be reproduced.

mod cell;
mod corpus;
mod documents;
mod people;
mod records;

use chrono::{DateTime, Utc};
use sotay_core::id::new_id;
use sotay_core::model::{OrgUnit, UnitLevel};
use sotay_store::{Store, StoreError};

/// How much data to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Size {
    /// One cell (with its commune above it, for the documents it studies).
    Cell,
    /// One commune's committee with its cells (Tân Thành: 12 cells, about 200 members).
    Commune,
    /// A district: 12 communes of about 16 cells each, over 3,000 members.
    District,
}

impl Size {
    /// Years of history by default: ten for a cell or commune; three for a district, whose
    /// ten years (about a million records, each with its outbox entry) take over a minute.
    pub fn default_years(self) -> u32 {
        match self {
            Size::Cell | Size::Commune => 10,
            Size::District => 3,
        }
    }

    fn communes(self) -> usize {
        match self {
            Size::Cell | Size::Commune => 1,
            Size::District => 12,
        }
    }

    fn cells_per_commune(self, rng: &mut fastrand::Rng) -> usize {
        match self {
            Size::Cell => 1,
            Size::Commune => 12,
            Size::District => rng.usize(15..=18),
        }
    }
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub size: Size,
    /// Years of history before `now` (1 to 10).
    pub years: u32,
    pub seed: u64,
    /// "Today" for the data: meetings before it are held, after it planned.
    pub now: DateTime<Utc>,
    /// Mark the store as demo data, which sync refuses to push. `false` makes sample data for a
    /// training server (pushed to it by an administrator's device).
    pub mark_demo: bool,
}

/// What was generated.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub units: usize,
    pub cells: usize,
    pub members: usize,
    pub meetings: usize,
    pub documents: usize,
    pub tasks: usize,
    /// Yearly ratings and admission plans.
    pub records: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the store already holds data; choose an empty store for demo data")]
    NotEmpty,
    #[error("years of history must be between 1 and 10, not {0}")]
    Years(u32),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Fills an empty store. `progress(done, total)` is called after each cell.
pub fn generate(
    store: &mut Store,
    options: &Options,
    mut progress: impl FnMut(usize, usize),
) -> Result<Summary, DemoError> {
    if !(1..=10).contains(&options.years) {
        return Err(DemoError::Years(options.years));
    }
    if !store.is_empty()? {
        return Err(DemoError::NotEmpty);
    }
    let mut rng = fastrand::Rng::with_seed(options.seed);
    let mut summary = Summary::default();
    let district_name = corpus::DISTRICTS[rng.usize(..corpus::DISTRICTS.len())];

    // The tree first, so the total for the progress bar is known.
    let mut communes: Vec<(OrgUnit, usize)> = Vec::new();
    let district = (options.size == Size::District).then(|| OrgUnit {
        id: new_id(),
        parent_id: None,
        level: UnitLevel::District,
        name: format!("Đảng bộ huyện {district_name}"),
        code: Some("HU".into()),
        closed_on: None,
        in_sotay_since: None,
    });
    let mut commune_names: Vec<&str> = corpus::COMMUNES.to_vec();
    rng.shuffle(&mut commune_names);
    for name in commune_names.into_iter().take(options.size.communes()) {
        let unit = OrgUnit {
            id: new_id(),
            parent_id: district.as_ref().map(|d| d.id),
            level: UnitLevel::Grassroots,
            name: format!("Đảng bộ xã {name}"),
            code: Some("ĐU".into()),
            closed_on: None,
            in_sotay_since: None,
        };
        communes.push((unit, options.size.cells_per_commune(&mut rng)));
    }
    let total: usize = communes.iter().map(|(_, n)| n).sum();

    store.write(|w| {
        if options.mark_demo {
            w.set_local(sotay_store::LOCAL_DEMO, &options.seed.to_string())?;
        }
        if let Some(d) = &district {
            w.insert(d)?;
            summary.documents += documents::district(w, d, district_name, &mut rng)?;
        }
        for (c, _) in &communes {
            w.insert(c)?;
            summary.documents += documents::commune(w, c, options, &mut rng)?;
            documents::notices(w, c, options)?;
        }
        Ok(())
    })?;
    summary.units += communes.len() + usize::from(district.is_some());

    // One transaction per commune: each lands whole or not at all, with a few fsyncs rather than
    // one per cell.
    let mut done = 0;
    for (commune, cells) in &communes {
        let commune_short = commune.name.trim_start_matches("Đảng bộ xã ");
        let mut villages: Vec<&str> = corpus::VILLAGES.to_vec();
        rng.shuffle(&mut villages);
        store.write(|w| {
            for i in 0..*cells {
                let name = cell_name(i, *cells, commune_short, &villages);
                let made = cell::generate(w, commune.id, &name, options, &mut rng)?;
                summary.units += 1;
                summary.cells += 1;
                summary.members += made.members;
                summary.meetings += made.meetings;
                summary.tasks += made.tasks;
                summary.documents += made.documents;
                done += 1;
                progress(done, total);
            }
            Ok(())
        })?;
    }

    // Each commune's (and the district's) standing committee, whose devices follow the cells
    // below. Drawn from a generator of their own, so the cells are the same with or without them.
    let mut committee_rng = fastrand::Rng::with_seed(options.seed ^ 0x5354_414e_4443_4f4d);
    let today = sotay_core::time::local_date(options.now);
    store.write(|w| {
        for unit in district.iter().chain(communes.iter().map(|(c, _)| c)) {
            for m in people::committee(&mut committee_rng, unit.id, today) {
                w.insert(&m)?;
                summary.members += 1;
            }
        }
        Ok(())
    })?;
    summary.records += records::write(store, documents::first_year(options), today, options.seed)?;
    Ok(summary)
}

/// Village cells first, then (in bigger communes) the agencies' and schools' cells.
fn cell_name(i: usize, cells: usize, commune: &str, villages: &[&str]) -> String {
    let agencies = if cells >= 10 { 3 } else { 0 };
    if i + agencies >= cells {
        let agency = corpus::AGENCY_CELLS[(cells - 1 - i) % corpus::AGENCY_CELLS.len()];
        format!("{agency} {commune}")
    } else if i < villages.len() {
        format!("Chi bộ thôn {}", villages[i])
    } else {
        format!("Chi bộ khu dân cư số {}", i + 1)
    }
}
