//! The facts the monitoring figures are computed from (`sotay_core::report`), for a set of cells
//! and a stretch of time, in two statements whatever the number of cells.

use super::{UnitSummary, id_set, ms};
use crate::Store;
use crate::error::Result;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sotay_core::checks::{MemberFacts, OpenTask};
use sotay_core::model::UnitLevel;
pub use sotay_core::report::CellFacts;
use sotay_core::report::{MeetingFacts, TaskFacts};
use std::collections::HashMap;
use uuid::Uuid;

/// What the rule checks read of one cell besides its meetings: its roster and its open tasks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckFacts {
    pub members: Vec<MemberFacts>,
    pub tasks: Vec<OpenTask>,
}

impl Store {
    /// The cells at or below `unit`, by name.
    pub fn cells_under(&self, unit: Uuid) -> Result<Vec<UnitSummary>> {
        let units = self.units()?;
        let mut inside = std::collections::HashSet::from([unit]);
        // Tree order: a parent comes before its children.
        let mut cells = Vec::new();
        for u in units {
            if u.id == unit || u.parent_id.is_some_and(|p| inside.contains(&p)) {
                inside.insert(u.id);
                if u.level == UnitLevel::Cell {
                    cells.push(u);
                }
            }
        }
        cells.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(cells)
    }

    /// The meetings of `cells` starting in `[from, to)`, their tasks due in `[due_from, due_to]`
    /// and their members admitted in it, and their ratings for `due_from`'s year, by cell.
    pub fn cell_facts(
        &self,
        cells: &[Uuid],
        (from, to): (DateTime<Utc>, DateTime<Utc>),
        (due_from, due_to): (NaiveDate, NaiveDate),
    ) -> Result<HashMap<Uuid, CellFacts>> {
        let ids = id_set(cells);
        let mut out: HashMap<Uuid, CellFacts> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.unit_id, m.kind, m.status, m.starts_at, m.published_at, m.id,
               m.entered_at IS NOT NULL,
               coalesce(m.present_count, 0),
               coalesce(m.absent_with_reason_count, 0) + coalesce(m.absent_without_reason_count, 0),
               (SELECT count(*) FROM attendance a
                 WHERE a.meeting_id = m.id AND a.deleted = 0 AND a.status = 'present'),
               (SELECT count(*) FROM attendance a
                 WHERE a.meeting_id = m.id AND a.deleted = 0
                   AND a.status IN ('present', 'absent_with_reason', 'absent_without_reason')),
               (SELECT count(DISTINCT c.member_id) FROM contribution c
                 WHERE c.meeting_id = m.id AND c.deleted = 0 AND c.kind = 'speech')
             FROM meeting m
             WHERE m.deleted = 0 AND m.unit_id IN (SELECT value FROM json_each(?1))
               AND m.starts_at >= ?2 AND m.starts_at < ?3",
        )?;
        let rows = stmt.query_map(rusqlite::params![ids, ms(from), ms(to)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, String>(5)?,
                (
                    r.get::<_, bool>(6)?,
                    r.get::<_, i64>(7)?,
                    r.get::<_, i64>(8)?,
                ),
                (
                    r.get::<_, i64>(9)?,
                    r.get::<_, i64>(10)?,
                    r.get::<_, i64>(11)?,
                ),
            ))
        })?;
        for row in rows {
            let (unit, kind, status, starts, published, id, paper, counted) = row?;
            // A meeting entered from its paper record has its counts, not a roll call.
            let (entered, (present, called, speakers)) = match paper {
                (true, present, absent) => (true, (present, present + absent, 0)),
                (false, ..) => (false, counted),
            };
            // A kind or status this version does not know counts for nothing.
            let (Ok(unit), Ok(id), Ok(kind), Ok(status), Some(starts_at)) = (
                unit.parse(),
                id.parse(),
                kind.parse(),
                status.parse(),
                DateTime::from_timestamp_millis(starts),
            ) else {
                continue;
            };
            out.entry(unit).or_default().meetings.push(MeetingFacts {
                id,
                kind,
                status,
                starts_at,
                published_at: published.and_then(DateTime::from_timestamp_millis),
                present,
                called,
                speakers,
                entered,
            });
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT unit_id, due_on, status, completed_on FROM task
             WHERE deleted = 0 AND unit_id IN (SELECT value FROM json_each(?1))
               AND due_on >= ?2 AND due_on <= ?3",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![ids, due_from.to_string(), due_to.to_string()],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )?;
        for row in rows {
            let (unit, due, status, completed) = row?;
            let (Ok(unit), Ok(due_on), Ok(status)) = (unit.parse(), due.parse(), status.parse())
            else {
                continue;
            };
            out.entry(unit).or_default().tasks.push(TaskFacts {
                due_on,
                status,
                completed_on: completed.and_then(|d| d.parse().ok()),
            });
        }
        let year = due_from.year();
        let mut stmt = self.conn().prepare_cached(
            "SELECT unit_id, level FROM member_rating
             WHERE deleted = 0 AND unit_id IN (SELECT value FROM json_each(?1)) AND year = ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![ids, year], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (unit, level) = row?;
            if let (Ok(unit), Ok(level)) = (unit.parse(), level.parse()) {
                out.entry(unit).or_default().ratings.push(level);
            }
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT unit_id, admitted_on FROM member
             WHERE deleted = 0 AND unit_id IN (SELECT value FROM json_each(?1))
               AND admitted_on >= ?2 AND admitted_on <= ?3",
        )?;
        let rows = stmt.query_map(
            rusqlite::params![ids, due_from.to_string(), due_to.to_string()],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )?;
        for row in rows {
            let (unit, admitted) = row?;
            if let (Ok(unit), Ok(day)) = (unit.parse(), admitted.parse()) {
                out.entry(unit).or_default().admitted_on.push(day);
            }
        }
        Ok(out)
    }

    /// The admission plans set for `year`, by unit.
    pub fn admission_plans(&self, year: i32) -> Result<HashMap<Uuid, i64>> {
        let all: Vec<sotay_core::model::AdmissionPlan> =
            crate::read::list(self.conn(), "year = ?1", "", [year])?;
        Ok(all.into_iter().map(|p| (p.unit_id, p.planned)).collect())
    }

    /// The members (standing, admission) and the tasks not done nor cancelled, due before
    /// `before`, of `cells`, by cell: what the rule checks need besides the meetings.
    pub fn check_facts(
        &self,
        cells: &[Uuid],
        before: NaiveDate,
    ) -> Result<HashMap<Uuid, CheckFacts>> {
        let ids = id_set(cells);
        let mut out: HashMap<Uuid, CheckFacts> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT unit_id, id, standing, admitted_on FROM member
             WHERE deleted = 0 AND unit_id IN (SELECT value FROM json_each(?1))",
        )?;
        let rows = stmt.query_map([&ids], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (unit, id, standing, admitted) = row?;
            let (Ok(unit), Ok(id), Ok(standing)) = (unit.parse(), id.parse(), standing.parse())
            else {
                continue;
            };
            out.entry(unit).or_default().members.push(MemberFacts {
                id,
                standing,
                admitted_on: admitted.and_then(|d| d.parse().ok()),
            });
        }
        let mut stmt = self.conn().prepare_cached(
            "SELECT unit_id, id, due_on, status FROM task
             WHERE deleted = 0 AND unit_id IN (SELECT value FROM json_each(?1))
               AND status IN ('open', 'in_progress') AND due_on < ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![ids, before.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (unit, id, due, status) = row?;
            let (Ok(unit), Ok(id), Ok(due_on), Ok(status)) =
                (unit.parse(), id.parse(), due.parse(), status.parse())
            else {
                continue;
            };
            out.entry(unit)
                .or_default()
                .tasks
                .push(OpenTask { id, due_on, status });
        }
        Ok(out)
    }

    /// The targets each committee set, by unit.
    pub fn unit_targets(&self) -> Result<HashMap<Uuid, sotay_core::report::Targets>> {
        let all: Vec<sotay_core::model::UnitTargets> = crate::read::list(self.conn(), "1", "", [])?;
        Ok(all.into_iter().map(|t| (t.unit_id, t.targets())).collect())
    }

    /// Each unit's parent, for walking up the tree.
    pub fn unit_parents(&self) -> Result<HashMap<Uuid, Option<Uuid>>> {
        Ok(self
            .units()?
            .into_iter()
            .map(|u| (u.id, u.parent_id))
            .collect())
    }
}
