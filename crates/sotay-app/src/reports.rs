//! The superior committee's figures for the cells below it: each cell's year by the formulas of
//! `sotay_core::report`, from the records synced to this device, and the same table as CSV for
//! the reports upward.

use crate::error::Result;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;
use sotay_core::model::OrgUnit;
use sotay_core::report::{Figures, Share, Targets, Verdict, Verdicts, figures, verdicts};
use sotay_core::time::{ZONE, local_date, start_of_day};
use sotay_store::Store;
use ts_rs::TS;
use uuid::Uuid;

/// What the dashboard and `export_report` take: the unit (the device member's own when absent)
/// and the year (this year in Vietnam when absent).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, TS)]
pub struct ReportArgs {
    pub unit_id: Option<Uuid>,
    pub year: Option<i32>,
}

/// Documents are on time when they go out at least a day before the meeting (the 2025 guidance).
pub const PUBLISH_LEAD: Duration = Duration::hours(24);

/// One cell's year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CellReport {
    pub unit_id: Uuid,
    pub name: String,
    pub members: i64,
    pub figures: Figures,
    pub verdicts: Verdicts,
}

/// The cells at or below a unit, for a year, as of a day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct UnitReport {
    pub unit_id: Uuid,
    pub unit_name: String,
    pub year: i32,
    pub as_of: NaiveDate,
    pub targets: Targets,
    pub cells: Vec<CellReport>,
}

/// The figures of every cell at or below `unit` for `year`, as of `now`.
pub fn unit_report(store: &Store, unit: Uuid, year: i32, now: DateTime<Utc>) -> Result<UnitReport> {
    let top: OrgUnit = store.require(unit)?;
    let today = local_date(now);
    let targets = Targets::default();
    let cells = store.cells_under(unit)?;
    let ids: Vec<Uuid> = cells.iter().map(|c| c.id).collect();
    let (first, last) = (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today),
    );
    let span = (start_of_day(first), start_of_day(last) + Duration::days(1));
    let mut facts = store.cell_facts(&ids, span, (first, last))?;
    let cells = cells
        .into_iter()
        .map(|c| {
            let f = facts.remove(&c.id).unwrap_or_default();
            let figures = figures(year, today, PUBLISH_LEAD, &f.meetings, &f.tasks);
            CellReport {
                verdicts: verdicts(&figures, &targets, year, today),
                unit_id: c.id,
                name: c.name,
                members: c.members,
                figures,
            }
        })
        .collect();
    Ok(UnitReport {
        unit_id: unit,
        unit_name: top.name,
        year,
        as_of: today,
        targets,
        cells,
    })
}

/// Whether this device follows cells below its member's unit: a superior committee's or the
/// administrator's, by the rules, as the server decides what it reads.
pub fn monitors_cells(store: &Store) -> Result<bool> {
    use sotay_core::access::Role;
    Ok(matches!(
        crate::roster::principal_here(store)?.role,
        Role::SuperiorCommittee | Role::Administrator
    ))
}

/// The report file's name: `bao-cao-2026-dang-bo-xa-hoang-hoa.csv`.
fn report_file_name(report: &UnitReport) -> String {
    format!(
        "bao-cao-{}-{}.csv",
        report.year,
        crate::exports::slug(&report.unit_name)
    )
}

impl crate::App {
    /// The figures of every cell at or below the unit for the year.
    pub fn unit_report(&self, args: ReportArgs) -> Result<UnitReport> {
        let store = self.store()?;
        let now = self.now();
        let unit = crate::exports::unit_or_mine(&store, args.unit_id)?;
        unit_report(
            &store,
            unit,
            args.year.unwrap_or_else(|| this_year(now)),
            now,
        )
    }

    /// Writes the report as CSV into the exports folder and says where.
    pub fn export_report(&self, args: ReportArgs) -> Result<crate::views::ExportView> {
        let report = self.unit_report(args)?;
        crate::exports::write(&report_file_name(&report), &report_csv(&report)?)
    }
}

/// The current year in Vietnam.
pub fn this_year(now: DateTime<Utc>) -> i32 {
    now.with_timezone(&ZONE).year()
}

fn percent(share: Share) -> String {
    share
        .rate()
        .map(|r| format!("{:.1}", r * 100.0))
        .unwrap_or_default()
}

fn verdict_vi(s: Verdict) -> &'static str {
    match s {
        Verdict::Meets => "Đạt",
        Verdict::AtRisk => "Có nguy cơ",
        Verdict::Missed => "Không đạt",
        Verdict::NoData => "Chưa có số liệu",
    }
}

/// The report as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the
/// diacritics), Vietnamese headers, a row per cell; rates in percent with a decimal point.
pub fn report_csv(report: &UnitReport) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let fail = |e: csv::Error| crate::error::AppError::new("io", e.to_string());
    out.write_record([
        "Chi bộ",
        "Số đảng viên",
        "Sinh hoạt thường kỳ đã họp",
        "Tháng không sinh hoạt",
        "Sinh hoạt chuyên đề",
        "Tỷ lệ dự họp (%)",
        "Tỷ lệ đảng viên phát biểu (%)",
        "Gửi tài liệu đúng hạn (%)",
        "Nhiệm vụ đúng hạn (%)",
        "Đánh giá sinh hoạt thường kỳ",
    ])
    .map_err(fail)?;
    for c in &report.cells {
        let f = &c.figures;
        let missed: Vec<String> = f.months_missed.iter().map(u32::to_string).collect();
        out.write_record([
            c.name.clone(),
            c.members.to_string(),
            f.regular_held.to_string(),
            missed.join(" "),
            f.thematic_held.to_string(),
            percent(f.attendance),
            percent(f.spoke),
            percent(f.published_on_time),
            percent(f.tasks_on_time),
            verdict_vi(c.verdicts.regular).to_owned(),
        ])
        .map_err(fail)?;
    }
    out.into_inner()
        .map_err(|e| crate::error::AppError::new("io", e.to_string()))
}
