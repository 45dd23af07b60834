//! The superior committee's figures for the cells below it: each cell's year by the formulas of
//! `sotay_core::report`, from the records synced to this device (`report_files.rs` writes them
//! as a workbook or CSV for the reports upward).

pub mod cell_year;
mod files;
mod pdf;
pub mod since;
pub mod targets;

use crate::cx::Cx;
use crate::error::Result;
use crate::exported::ExportView;
use crate::read;
use crate::read::chain;
use crate::read::checks::{CellChecks, ChecksArgs};
pub use cell_year::cell_year;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;
pub use since::set_unit_since;
use sotay_core::ErrorKind;
use sotay_core::model::{OrgUnit, UnitLevel};
use sotay_core::report::{
    Admissions, CellFacts, Figures, MonthFigures, Targets, Verdicts, admissions, cell_figures,
    inherited, monthly, verdicts,
};
use sotay_core::time::{ZONE, local_date, start_of_day};
use sotay_store::Store;
pub use targets::{plan_admissions, set_targets};
use ts_rs::TS;
use uuid::Uuid;

/// What the dashboard and `export_report` take: the unit (the device member's own when absent)
/// and the year (this year in Vietnam when absent).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, TS)]
pub struct ReportArgs {
    pub unit_id: Option<Uuid>,
    pub year: Option<i32>,
}

/// A report to write: which, and as what.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, TS)]
pub struct ReportFileArgs {
    pub unit_id: Option<Uuid>,
    pub year: Option<i32>,
    pub format: ReportFormat,
}

/// The file formats of the reports upward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    /// For printing and signing: A4 landscape, the same font as the minutes.
    Pdf,
    /// An Excel workbook: a sheet of cells, a sheet of the units above them, with formulas.
    Xlsx,
    /// UTF-8 with a byte-order mark, Vietnamese headers.
    Csv,
}

pub use sotay_core::report::PUBLISH_LEAD;

/// One cell's year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CellReport {
    pub unit_id: Uuid,
    pub name: String,
    /// The unit the cell is under (its commune), by name.
    pub parent_name: String,
    pub members: i64,
    /// The day the cell (or a unit above it) started keeping its record in Sotay.
    pub in_sotay_since: Option<NaiveDate>,
    pub figures: Figures,
    pub verdicts: Verdicts,
    /// The year month by month (twelve), for the trend.
    pub months: Vec<MonthFigures>,
}

/// The cells at or below a unit, for a year, as of a day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UnitReport {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub unit_level: UnitLevel,
    pub year: i32,
    pub as_of: NaiveDate,
    /// The day the unit itself says it started keeping its record in Sotay, and the day it goes
    /// by (its own, else the nearest one above).
    pub in_sotay_since: Option<NaiveDate>,
    pub since: Option<NaiveDate>,
    pub targets: Targets,
    pub cells: Vec<CellReport>,
    /// The unit's committee and each committee between it and the cells (a district's
    /// communes): the members admitted below it this year against its plan.
    pub admissions: Vec<Admissions>,
}

/// The first and last day of a year one may report on.
pub(crate) fn year_days(year: i32) -> Result<(NaiveDate, NaiveDate)> {
    sotay_core::report::year_days(year).ok_or_else(|| {
        crate::error::AppError::new(
            ErrorKind::Invalid,
            format!("{year} is not a year to report on (1930–2100)"),
        )
    })
}

/// The instants a year's meetings start within, in Vietnam's calendar.
pub(crate) fn year_span(first: NaiveDate, last: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
    (start_of_day(first), start_of_day(last) + Duration::days(1))
}

/// The figures of every cell at or below `unit` for `year`, as of `now`.
pub fn report_for(store: &Store, unit: Uuid, year: i32, now: DateTime<Utc>) -> Result<UnitReport> {
    let (first, last) = year_days(year)?;
    let top: OrgUnit = store.require(unit)?;
    let today = local_date(now);
    let set = store.unit_targets()?;
    let tree = store.unit_parents()?;
    let targets_of = |u: Uuid| inherited(&chain(&tree, u), &set);
    let targets = targets_of(unit);
    let cells = store.cells_under(unit)?;
    let ids: Vec<Uuid> = cells.iter().map(|c| c.id).collect();
    let mut facts = store.cell_facts(&ids, year_span(first, last), (first, last))?;
    // The units the cells are under (a commune's dozen cells share one): looked up once each.
    let mut parents: std::collections::HashMap<Uuid, String> = std::collections::HashMap::new();
    for parent in cells.iter().filter_map(|c| c.parent_id) {
        if let std::collections::hash_map::Entry::Vacant(e) = parents.entry(parent) {
            e.insert(
                store
                    .get::<OrgUnit>(parent)?
                    .map(|u| u.name)
                    .unwrap_or_default(),
            );
        }
    }
    let committees = committees(unit, &top.name, &cells, &parents, &tree);
    let cells = cells
        .into_iter()
        .map(|c| {
            let f = CellFacts {
                since: c.since,
                ..facts.remove(&c.id).unwrap_or_default()
            };
            let figures = cell_figures(year, today, PUBLISH_LEAD, &f);
            CellReport {
                months: monthly(year, PUBLISH_LEAD, &f.meetings, f.since),
                in_sotay_since: c.since,
                verdicts: verdicts(&figures, &targets_of(c.id), year, today),
                parent_name: c
                    .parent_id
                    .and_then(|p| parents.get(&p).cloned())
                    .unwrap_or_default(),
                unit_id: c.id,
                name: c.name,
                members: c.members,
                figures,
            }
        })
        .collect::<Vec<CellReport>>();
    let admitted: Vec<(Vec<Uuid>, i64)> = cells
        .iter()
        .map(|c| (chain(&tree, c.unit_id), c.figures.admitted))
        .collect();
    let admissions = admissions(&committees, &admitted, &store.admission_plans(year)?);
    let (in_sotay_since, since) = store
        .units()?
        .into_iter()
        .find(|u| u.id == unit)
        .map_or((None, None), |u| (u.in_sotay_since, u.since));
    Ok(UnitReport {
        in_sotay_since,
        since,
        unit_id: unit,
        unit_level: top.level,
        unit_name: top.name,
        year,
        as_of: today,
        targets,
        cells,
        admissions,
    })
}

/// The committees whose admissions a report shows: the unit's own first, then the units below
/// it the cells are under (a district's communes), by name.
fn committees(
    unit: Uuid,
    name: &str,
    cells: &[sotay_store::queries::UnitSummary],
    parents: &std::collections::HashMap<Uuid, String>,
    tree: &std::collections::HashMap<Uuid, Option<Uuid>>,
) -> Vec<(Uuid, String)> {
    let mut below: Vec<(Uuid, String)> = cells
        .iter()
        .filter_map(|c| c.parent_id)
        .filter(|p| *p != unit && chain(tree, *p).contains(&unit))
        .filter_map(|p| Some((p, parents.get(&p)?.clone())))
        .collect();
    below.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    below.dedup();
    let mut out = vec![(unit, name.to_owned())];
    out.extend(below);
    out
}

/// The report file's name: `bao-cao-2026-dang-bo-xa-hoang-hoa.xlsx`.
pub fn report_file_name(report: &UnitReport, format: ReportFormat) -> String {
    let ext = match format {
        ReportFormat::Pdf => "pdf",
        ReportFormat::Xlsx => "xlsx",
        ReportFormat::Csv => "csv",
    };
    format!(
        "bao-cao-{}-{}.{ext}",
        report.year,
        crate::exported::slug(&report.unit_name)
    )
}

/// The report as a file of `format`.
pub fn report_file(report: &UnitReport, format: ReportFormat) -> Result<Vec<u8>> {
    match format {
        ReportFormat::Pdf => pdf::report_pdf(report),
        ReportFormat::Xlsx => files::report_xlsx(report),
        ReportFormat::Csv => files::report_csv(report),
    }
}

/// The figures of every cell at or below the unit (the device member's own when absent) for
/// the year (this year when absent).
pub fn unit_report(cx: &mut Cx, args: ReportArgs) -> Result<UnitReport> {
    let (store, session, now) = cx.parts();
    let unit = session.unit_or_mine(args.unit_id)?;
    report_for(
        store,
        unit,
        args.year.unwrap_or_else(|| this_year(now)),
        now,
    )
}

/// Writes the report as a workbook or CSV into the exports folder and says where.
pub fn export_report(cx: &mut Cx, args: ReportFileArgs) -> Result<ExportView> {
    let report = unit_report(
        cx,
        ReportArgs {
            unit_id: args.unit_id,
            year: args.year,
        },
    )?;
    crate::exported::write(
        &report_file_name(&report, args.format),
        &report_file(&report, args.format)?,
    )
}

/// The current year in Vietnam.
pub fn this_year(now: DateTime<Utc>) -> i32 {
    now.with_timezone(&ZONE).year()
}

/// What the rule checks found in the cells at or below the unit (the device member's own when
/// absent).
pub fn rule_checks(cx: &mut Cx, args: ChecksArgs) -> Result<Vec<CellChecks>> {
    let (store, session, now) = cx.parts();
    read::unit_checks(store, session.unit_or_mine(args.unit_id)?, now)
}
