//! Tasks with their assignees and latest progress.

use crate::views::{AssigneeRef, TaskCard};
use chrono::NaiveDate;
use sotay_core::model::TaskStatus;
use sotay_store::queries::{AssignedTask, TaskQuery};
use sotay_store::{Result, Store};

/// A task as lists show it; overdue is judged against `today` (Vietnam's date).
pub fn task_card(t: AssignedTask, today: NaiveDate) -> TaskCard {
    let open = matches!(t.task.status, TaskStatus::Open | TaskStatus::InProgress);
    let latest = t.latest_progress;
    TaskCard {
        id: t.task.id,
        overdue: open && t.task.due_on.is_some_and(|d| d < today),
        title: t.task.title,
        description: t.task.description,
        due_on: t.task.due_on,
        status: t.task.status,
        percent: latest.as_ref().and_then(|p| p.percent),
        last_note: latest.map(|p| p.note),
        meeting_id: t.task.meeting_id,
        assignees: t
            .assignees
            .into_iter()
            .map(|a| AssigneeRef {
                member_id: a.member_id,
                full_name: a.full_name,
            })
            .collect(),
    }
}

pub fn task_cards(store: &Store, q: &TaskQuery, today: NaiveDate) -> Result<Vec<TaskCard>> {
    Ok(store
        .tasks(q)?
        .into_iter()
        .map(|t| task_card(t, today))
        .collect())
}
