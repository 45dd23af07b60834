//! Tasks with the members they are assigned to, and their progress reports.

use super::id_set;
use crate::Store;
use crate::error::Result;
use crate::read::list;
use sotay_core::model::{Member, OrgUnit, Task, TaskProgress};
use std::collections::HashMap;
use uuid::Uuid;

/// Which tasks to list.
#[derive(Debug, Clone, Default)]
pub struct TaskQuery {
    pub unit_id: Option<Uuid>,
    pub member_id: Option<Uuid>,
    /// Only tasks not yet done or cancelled.
    pub open_only: bool,
    pub limit: u32,
}

/// A task with the members it is assigned to and its latest progress report.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignedTask {
    pub task: Task,
    /// By name.
    pub assignees: Vec<Assignee>,
    pub latest_progress: Option<TaskProgress>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignee {
    pub member_id: Uuid,
    pub full_name: String,
}

impl Store {
    /// Tasks, soonest due first.
    pub fn tasks(&self, q: &TaskQuery) -> Result<Vec<AssignedTask>> {
        if let Some(member) = q.member_id {
            self.require::<Member>(member)?;
        }
        if let Some(unit) = q.unit_id {
            self.require::<OrgUnit>(unit)?;
        }
        let tasks: Vec<Task> = list(
            self.conn(),
            "(?1 IS NULL OR unit_id = ?1)
             AND (?2 IS NULL OR id IN (SELECT task_id FROM task_assignee
                                       WHERE member_id = ?2 AND deleted = 0))
             AND (?3 = 0 OR status IN ('open', 'in_progress'))",
            "ORDER BY due_on IS NULL, due_on, title LIMIT ?4",
            rusqlite::params![
                q.unit_id.map(|u| u.to_string()),
                q.member_id.map(|m| m.to_string()),
                q.open_only,
                q.limit
            ],
        )?;
        self.with_assignees(tasks)
    }

    /// What the meeting `meeting_id` reviews: the tasks earlier meetings of its unit gave that are
    /// still open, and those finished since the last meeting held before it — done, not done, and
    /// the latest note saying why. Soonest due first.
    pub fn tasks_to_review(&self, meeting_id: Uuid) -> Result<Vec<AssignedTask>> {
        let meeting: sotay_core::model::Meeting = self.require(meeting_id)?;
        let starts = meeting.starts_at.timestamp_millis();
        // "Since the last meeting" is from its day in Vietnam, which keeps UTC+7 all year.
        let tasks: Vec<Task> = list(
            self.conn(),
            "unit_id = ?1 AND meeting_id IS NOT NULL AND meeting_id <> ?2
             AND meeting_id IN (SELECT id FROM meeting
                                WHERE unit_id = ?1 AND starts_at < ?3 AND deleted = 0)
             AND (status IN ('open', 'in_progress')
                  OR (status = 'done' AND completed_on >= coalesce(
                        (SELECT date(max(starts_at) / 1000, 'unixepoch', '+7 hours')
                         FROM meeting WHERE unit_id = ?1 AND starts_at < ?3
                           AND status = 'held' AND deleted = 0), '0000-00-00')))",
            "ORDER BY due_on IS NULL, due_on, title",
            rusqlite::params![meeting.unit_id.to_string(), meeting_id.to_string(), starts],
        )?;
        self.with_assignees(tasks)
    }

    /// One task with its assignees and latest progress.
    pub fn assigned_task(&self, id: Uuid) -> Result<AssignedTask> {
        let task: Task = self.require(id)?;
        let mut one = self.with_assignees(vec![task])?;
        Ok(one.remove(0))
    }

    /// Tasks with their assignees and latest progress: two statements for the whole list.
    pub(crate) fn with_assignees(&self, tasks: Vec<Task>) -> Result<Vec<AssignedTask>> {
        if tasks.is_empty() {
            return Ok(Vec::new());
        }
        let ids = id_set(tasks.iter().map(|t| &t.id));
        let mut assignees: HashMap<Uuid, Vec<Assignee>> = HashMap::new();
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.task_id, m.id, m.full_name FROM task_assignee a
             JOIN member m ON m.id = a.member_id
             WHERE a.deleted = 0 AND a.task_id IN (SELECT value FROM json_each(?1))
             ORDER BY m.full_name",
        )?;
        let rows = stmt.query_map([&ids], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (task, member, full_name) = row?;
            if let (Ok(task), Ok(member_id)) = (Uuid::parse_str(&task), Uuid::parse_str(&member)) {
                assignees.entry(task).or_default().push(Assignee {
                    member_id,
                    full_name,
                });
            }
        }
        let mut latest: HashMap<Uuid, TaskProgress> = list::<TaskProgress>(
            self.conn(),
            "id IN (SELECT id FROM (
                 SELECT id, row_number() OVER (
                     PARTITION BY task_id ORDER BY noted_at DESC, hlc DESC) AS n
                 FROM task_progress
                 WHERE deleted = 0 AND task_id IN (SELECT value FROM json_each(?1)))
             WHERE n = 1)",
            "",
            [&ids],
        )?
        .into_iter()
        .map(|p| (p.task_id, p))
        .collect();
        Ok(tasks
            .into_iter()
            .map(|task| AssignedTask {
                assignees: assignees.remove(&task.id).unwrap_or_default(),
                latest_progress: latest.remove(&task.id),
                task,
            })
            .collect())
    }

    /// A task's progress reports, newest first.
    pub fn progress(&self, task_id: Uuid) -> Result<Vec<TaskProgress>> {
        list(
            self.conn(),
            "task_id = ?1",
            "ORDER BY noted_at DESC, hlc DESC",
            [task_id.to_string()],
        )
    }
}
