//! Drilling down from the dashboard: one cell's year — its figures, its months, and each of its
//! meetings with the facts the figures were made from — for the superior committee to open the
//! meeting a figure points at.

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::reports::{CellReport, PUBLISH_LEAD, report_for, this_year, year_days, year_span};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sotay_core::ErrorKind;
use sotay_core::model::{Meeting, MeetingKind, MeetingStatus, UnitLevel};
use sotay_core::report::{Targets, published_on_time};
use sotay_store::Store;
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct CellYearArgs {
    pub unit_id: Uuid,
    /// Default: this year in Vietnam.
    pub year: Option<i32>,
}

/// One meeting of the cell's year, as the figures counted it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MeetingFactsView {
    pub id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub topic: String,
    pub present: i64,
    /// Called present or absent (the excused are out).
    pub called: i64,
    pub speakers: i64,
    /// Its documents went out a day ahead.
    pub published_on_time: bool,
    /// Held on paper and entered afterwards: its speakers and papers' day are not known.
    pub entered: bool,
}

/// One cell's year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CellYear {
    pub cell: CellReport,
    pub year: i32,
    pub as_of: NaiveDate,
    pub targets: Targets,
    /// Every meeting of the year, held or not, first first.
    pub meetings: Vec<MeetingFactsView>,
}

/// One cell's year (a cell this device reads), meeting by meeting: the dashboard's drill-down.
pub fn cell_year(cx: &mut Cx, args: CellYearArgs) -> Result<CellYear> {
    let (store, _, now) = cx.parts();
    year_of(
        store,
        args.unit_id,
        args.year.unwrap_or_else(|| this_year(now)),
        now,
    )
}

/// The year of `cell`, as of `now`.
pub fn year_of(store: &Store, cell: Uuid, year: i32, now: DateTime<Utc>) -> Result<CellYear> {
    let unit: sotay_core::model::OrgUnit = store.require(cell)?;
    if unit.level != UnitLevel::Cell {
        return Err(AppError::new(
            ErrorKind::NotACell,
            "only a cell's year is shown meeting by meeting",
        ));
    }
    let mut report = report_for(store, cell, year, now)?;
    let (first, last) = year_days(year)?;
    let Some(position) = report.cells.iter().position(|c| c.unit_id == cell) else {
        return Err(AppError::new(
            ErrorKind::NotFound,
            "the cell is not on this device",
        ));
    };
    let facts = store
        .cell_facts(&[cell], year_span(first, last), (first, last))?
        .remove(&cell)
        .unwrap_or_default();
    let mut meetings = Vec::with_capacity(facts.meetings.len());
    for m in facts.meetings {
        let topic = store
            .get::<Meeting>(m.id)?
            .map(|r| r.topic)
            .unwrap_or_default();
        meetings.push(MeetingFactsView {
            published_on_time: published_on_time(&m, PUBLISH_LEAD),
            id: m.id,
            starts_at: m.starts_at,
            kind: m.kind,
            status: m.status,
            topic,
            present: m.present,
            called: m.called,
            speakers: m.speakers,
            entered: m.entered,
        });
    }
    meetings.sort_by_key(|m| m.starts_at);
    Ok(CellYear {
        cell: report.cells.swap_remove(position),
        year: report.year,
        as_of: report.as_of,
        targets: report.targets,
        meetings,
    })
}
