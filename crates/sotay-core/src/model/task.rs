use crate::entity::{EntityKind, Record};
use crate::error::{Invalid, ValidationError, in_range, invalid, optional_text, required_text};
use crate::id::derived_id;
use crate::model::LONG_TEXT_MAX;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Open,
    InProgress,
    Done,
    Cancelled,
}
super::code_enum!(TaskStatus);

/// A task the cell assigned, reviewed at the next meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub meeting_id: Option<Uuid>,
    pub resolution_id: Option<Uuid>,
    pub title: String,
    pub description: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub status: TaskStatus,
    pub completed_on: Option<NaiveDate>,
    /// What was done, what was not, and why: the review the next meeting reads.
    pub notes: Option<String>,
}

impl Task {
    /// Done by its due date (a task without one is on time when done).
    pub fn done_on_time(&self) -> bool {
        match (self.status, self.completed_on, self.due_on) {
            (TaskStatus::Done, Some(done), Some(due)) => done <= due,
            (TaskStatus::Done, _, None) => true,
            _ => false,
        }
    }
}

impl Record for Task {
    const KIND: EntityKind = EntityKind::Task;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("title", &self.title, 300)?;
        optional_text("description", self.description.as_deref(), LONG_TEXT_MAX)?;
        optional_text("notes", self.notes.as_deref(), LONG_TEXT_MAX)?;
        match (self.status, self.completed_on) {
            (TaskStatus::Done, None) => Err(invalid("completed_on", Invalid::Empty)),
            (TaskStatus::Open | TaskStatus::InProgress | TaskStatus::Cancelled, Some(_)) => {
                Err(invalid(
                    "completed_on",
                    Invalid::Inconsistent {
                        reason: "only a done task has a completion date",
                    },
                ))
            }
            _ => Ok(()),
        }
    }
}

/// A member a task is assigned to; the id derives from the pair, so assigning twice is one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskAssignee {
    pub id: Uuid,
    pub task_id: Uuid,
    pub member_id: Uuid,
}

impl TaskAssignee {
    pub fn new(task_id: Uuid, member_id: Uuid) -> TaskAssignee {
        TaskAssignee {
            id: derived_id("task_assignee", task_id, member_id),
            task_id,
            member_id,
        }
    }
}

impl Record for TaskAssignee {
    const KIND: EntityKind = EntityKind::TaskAssignee;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        if self.id != derived_id("task_assignee", self.task_id, self.member_id) {
            return Err(invalid(
                "id",
                Invalid::Inconsistent {
                    reason: "an assignment id derives from its task and member",
                },
            ));
        }
        Ok(())
    }
}

/// A progress report on a task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskProgress {
    pub id: Uuid,
    pub task_id: Uuid,
    pub member_id: Option<Uuid>,
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub noted_at: DateTime<Utc>,
    pub percent: Option<i64>,
    pub note: String,
}

impl Record for TaskProgress {
    const KIND: EntityKind = EntityKind::TaskProgress;

    fn id(&self) -> Uuid {
        self.id
    }

    fn validate(&self) -> Result<(), ValidationError> {
        required_text("note", &self.note, 5_000)?;
        if let Some(p) = self.percent {
            in_range("percent", p, 0, 100)?;
        }
        Ok(())
    }
}
