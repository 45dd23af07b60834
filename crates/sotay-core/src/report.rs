//! The figures superior committees monitor, per cell and year, from the facts of its meetings and
//! tasks — one implementation of the formulas, for the app's dashboard and reports and for the
//! server alike — and how each stands against its target.
//!
//! The formulas, all in Vietnam's calendar:
//! - **regular meetings held**: regular meetings of the year with status held; a **month missed**
//!   is a month of the year, ended by `today`, without one — unless the cell was not yet keeping
//!   its record in Sotay on the month's first day (**before its start**: nothing is judged then,
//!   though meetings held on paper and entered afterwards count);
//! - **thematic meetings held**: likewise;
//! - **attendance**: over the held meetings, members present ÷ members called present or absent
//!   (excused members, and members not called, are out of both);
//! - **members who spoke**: over the held meetings, distinct speakers ÷ members present;
//! - **documents on time**: held meetings whose documents went out at least the lead time
//!   (a day) before they started ÷ held meetings (a meeting entered from paper is out of both:
//!   its speakers and its papers' day are not known);
//! - **tasks on time**: tasks due in the year by `today` and done on or before their day ÷ those
//!   tasks;
//! - **members' ratings**: the year's ratings by level; **admitted**: members admitted in the
//!   year by `today`, in the cell they are in now, measured per committee against its plan
//!   ([`members`]).

pub mod members;

pub use members::{Admissions, RatingCounts, admissions, cell_figures};

use crate::model::{MeetingKind, MeetingStatus, RatingLevel, TaskStatus};
use crate::time::local_date;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Documents are on time when they go out at least a day before the meeting (the 2025 guidance).
pub const PUBLISH_LEAD: Duration = Duration::hours(24);

/// The first and last day of `year`, if it is a year one may report on (1930–2100).
pub fn year_days(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    if !(1930..=2100).contains(&year) {
        return None;
    }
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year, 12, 31)?,
    ))
}

/// What a figure needs to know of one meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFacts {
    /// The meeting, for drilling down from a figure to it.
    pub id: Uuid,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub starts_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
    /// Members present.
    pub present: i64,
    /// Members called present or absent (with or without reason); not the excused.
    pub called: i64,
    /// Distinct members who spoke.
    pub speakers: i64,
    /// Held on paper and entered afterwards: `present` and `called` are its record's counts, and
    /// who spoke and when its papers went out are not known.
    pub entered: bool,
}

/// What a figure needs to know of one task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskFacts {
    pub due_on: NaiveDate,
    pub status: TaskStatus,
    pub completed_on: Option<NaiveDate>,
}

/// One cell's facts for a stretch of time: what its figures are computed from, read by the local
/// store and by the server each from its own tables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CellFacts {
    pub meetings: Vec<MeetingFacts>,
    pub tasks: Vec<TaskFacts>,
    /// The year's ratings of the cell's members.
    pub ratings: Vec<RatingLevel>,
    /// The admission days of the cell's members admitted in the year.
    pub admitted_on: Vec<NaiveDate>,
    /// The day the cell (or the nearest unit above it that says) started keeping its record in
    /// Sotay ([`since_for`]).
    pub since: Option<NaiveDate>,
}

/// The day a unit started keeping its record in Sotay: its own, else that of the nearest unit
/// above it that set one (`chain` is the unit, then its parent, and so on up) — a commune that
/// starts with all its cells says so once.
pub fn since_for(
    chain: &[Uuid],
    set: &std::collections::HashMap<Uuid, NaiveDate>,
) -> Option<NaiveDate> {
    chain.iter().find_map(|u| set.get(u).copied())
}

/// Whether `month` of `year` began before `since`: the unit was not keeping its record in Sotay
/// for all of it, so nothing is judged of it.
pub fn before_start(year: i32, month: u32, since: Option<NaiveDate>) -> bool {
    since.is_some_and(|since| {
        NaiveDate::from_ymd_opt(year, month, 1).is_some_and(|first| first < since)
    })
}

/// A share: `part` of `whole`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Share {
    pub part: i64,
    pub whole: i64,
}

impl Share {
    /// The share as a fraction, `None` when there is nothing to count.
    pub fn rate(self) -> Option<f64> {
        (self.whole > 0).then(|| self.part as f64 / self.whole as f64)
    }

    fn add(&mut self, part: i64, whole: i64) {
        self.part += part;
        self.whole += whole;
    }
}

/// One cell's figures for one year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Figures {
    pub regular_held: i64,
    /// Months (1–12) ended by the day of the figures without a regular meeting held.
    pub months_missed: Vec<u32>,
    pub thematic_held: i64,
    pub attendance: Share,
    pub spoke: Share,
    pub published_on_time: Share,
    pub tasks_on_time: Share,
    /// The members' ratings of the year, by level.
    pub ratings: RatingCounts,
    /// Members admitted in the year so far.
    pub admitted: i64,
    /// The months (1–12) of the year that began before the cell started keeping its record in
    /// Sotay: shown as "not in Sotay", never as missed.
    #[serde(default)]
    pub months_before_start: Vec<u32>,
}

/// The months of `year` that have ended by `today` (all twelve for a past year).
fn months_ended(year: i32, today: NaiveDate) -> u32 {
    match today.year().cmp(&year) {
        std::cmp::Ordering::Greater => 12,
        std::cmp::Ordering::Less => 0,
        std::cmp::Ordering::Equal => today.month() - 1,
    }
}

/// One month of a cell's year: the trend a committee looks at.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MonthFigures {
    /// 1–12.
    pub month: u32,
    pub regular_held: i64,
    pub thematic_held: i64,
    pub attendance: Share,
    pub spoke: Share,
    pub published_on_time: Share,
    /// Began before the cell started keeping its record in Sotay ([`before_start`]).
    #[serde(default)]
    pub before_start: bool,
    /// Meetings of the month held on paper and entered afterwards.
    #[serde(default)]
    pub entered: i64,
}

impl MonthFigures {
    /// Counts one held meeting: its kind, its roll call, its speakers, whether its documents
    /// went out `lead` ahead. The year's figures are the sum of its months'.
    fn count(&mut self, m: &MeetingFacts, lead: Duration) {
        match m.kind {
            MeetingKind::Regular => self.regular_held += 1,
            MeetingKind::Thematic => self.thematic_held += 1,
            MeetingKind::Pilot | MeetingKind::ExperienceSharing => {}
        }
        self.attendance.add(m.present, m.called);
        if m.entered {
            self.entered += 1;
            return;
        }
        self.spoke.add(m.speakers, m.present);
        self.published_on_time
            .add(i64::from(published_on_time(m, lead)), 1);
    }
}

/// Whether a meeting's documents went out at least `lead` before it started.
pub fn published_on_time(m: &MeetingFacts, lead: Duration) -> bool {
    m.published_at.is_some_and(|at| m.starts_at - at >= lead)
}

/// A cell's twelve months of `year`, by the meetings held in each (in Vietnam's calendar);
/// `since` is the day it started keeping its record in Sotay.
pub fn monthly(
    year: i32,
    lead: Duration,
    meetings: &[MeetingFacts],
    since: Option<NaiveDate>,
) -> Vec<MonthFigures> {
    let mut months: Vec<MonthFigures> = (1..=12)
        .map(|month| MonthFigures {
            month,
            before_start: before_start(year, month, since),
            ..MonthFigures::default()
        })
        .collect();
    for m in meetings {
        let day = local_date(m.starts_at);
        if day.year() == year && m.status == MeetingStatus::Held {
            months[day.month0() as usize].count(m, lead);
        }
    }
    months
}

/// A cell's figures for `year`, as of `today`; `lead` is how long before a meeting its documents
/// are due, `since` the day the cell started keeping its record in Sotay.
pub fn figures(
    year: i32,
    today: NaiveDate,
    lead: Duration,
    meetings: &[MeetingFacts],
    tasks: &[TaskFacts],
    since: Option<NaiveDate>,
) -> Figures {
    let mut f = Figures::default();
    let months = monthly(year, lead, meetings, since);
    for month in &months {
        f.regular_held += month.regular_held;
        f.thematic_held += month.thematic_held;
        f.attendance
            .add(month.attendance.part, month.attendance.whole);
        f.spoke.add(month.spoke.part, month.spoke.whole);
        f.published_on_time
            .add(month.published_on_time.part, month.published_on_time.whole);
    }
    f.months_missed = (1..=months_ended(year, today))
        .filter(|&month| {
            let m = &months[month as usize - 1];
            m.regular_held == 0 && !m.before_start
        })
        .collect();
    f.months_before_start = months
        .iter()
        .filter(|m| m.before_start)
        .map(|m| m.month)
        .collect();
    for t in tasks {
        if t.due_on.year() != year || t.due_on > today || t.status == TaskStatus::Cancelled {
            continue;
        }
        let on_time = t.status == TaskStatus::Done && t.completed_on.is_some_and(|d| d <= t.due_on);
        f.tasks_on_time.add(i64::from(on_time), 1);
    }
    f
}

/// The targets a committee sets for the cells below it (the defaults are the seeds' figures).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Targets {
    /// Regular meetings a year; fewer but at least `regular_acceptable` is "at risk".
    pub regular_meetings: i64,
    pub regular_acceptable: i64,
    pub thematic_meetings: i64,
    /// Fractions, 0–1.
    pub attendance: f64,
    pub spoke: f64,
    pub published_on_time: f64,
    pub tasks_on_time: f64,
    /// The share of the official members summoned a meeting needs present, strictly more
    /// (`crate::quorum`): the forecast before a meeting warns under it.
    #[serde(default = "half")]
    pub quorum: f64,
}

fn half() -> f64 {
    0.5
}

impl Default for Targets {
    fn default() -> Self {
        Targets {
            regular_meetings: 12,
            regular_acceptable: 9,
            thematic_meetings: 1,
            attendance: 0.85,
            spoke: 0.40,
            published_on_time: 1.0,
            tasks_on_time: 0.80,
            quorum: half(),
        }
    }
}

/// The targets a unit is measured against: those of the nearest unit at or above it that set
/// some (`chain` is the unit, then its parent, and so on up), else the defaults — a district's
/// targets hold for every cell below it until a commune sets its own.
pub fn inherited(chain: &[Uuid], set: &std::collections::HashMap<Uuid, Targets>) -> Targets {
    chain
        .iter()
        .find_map(|u| set.get(u).copied())
        .unwrap_or_default()
}

/// How a figure stands against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Meets,
    AtRisk,
    Missed,
    /// Nothing to count yet.
    NoData,
}

/// How far below a rate target is still "at risk" rather than "missed".
const AT_RISK_MARGIN: f64 = 0.10;

fn rate_verdict(share: Share, target: f64) -> Verdict {
    match share.rate() {
        None => Verdict::NoData,
        Some(r) if r >= target => Verdict::Meets,
        Some(r) if r >= target - AT_RISK_MARGIN => Verdict::AtRisk,
        Some(_) => Verdict::Missed,
    }
}

/// Each figure's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Verdicts {
    pub regular: Verdict,
    pub thematic: Verdict,
    pub attendance: Verdict,
    pub spoke: Verdict,
    pub published_on_time: Verdict,
    pub tasks_on_time: Verdict,
}

/// How a cell's figures for `year` stand against `targets` as of `today`: regular meetings by
/// the months missed so far (the year's allowance is `regular_meetings − regular_acceptable`),
/// thematic meetings once the year is over (before that, none yet is "at risk"; a year the cell
/// did not keep in Sotay from its start is not judged short of them), rates within ten points of
/// their target "at risk".
pub fn verdicts(f: &Figures, targets: &Targets, year: i32, today: NaiveDate) -> Verdicts {
    let ended = months_ended(year, today);
    let judged = (1..=ended)
        .filter(|m| !f.months_before_start.contains(m))
        .count();
    let allowance =
        usize::try_from(targets.regular_meetings - targets.regular_acceptable).unwrap_or(0);
    // Nothing judged yet and nothing entered from before: nothing to say.
    let regular = if judged == 0 && f.regular_held == 0 {
        Verdict::NoData
    } else if f.months_missed.is_empty() {
        Verdict::Meets
    } else if f.months_missed.len() <= allowance {
        Verdict::AtRisk
    } else {
        Verdict::Missed
    };
    let thematic = if f.thematic_held >= targets.thematic_meetings {
        Verdict::Meets
    } else if !f.months_before_start.is_empty() {
        Verdict::NoData
    } else if ended < 12 {
        Verdict::AtRisk
    } else {
        Verdict::Missed
    };
    Verdicts {
        regular,
        thematic,
        attendance: rate_verdict(f.attendance, targets.attendance),
        spoke: rate_verdict(f.spoke, targets.spoke),
        published_on_time: rate_verdict(f.published_on_time, targets.published_on_time),
        tasks_on_time: rate_verdict(f.tasks_on_time, targets.tasks_on_time),
    }
}

#[cfg(test)]
mod tests;
