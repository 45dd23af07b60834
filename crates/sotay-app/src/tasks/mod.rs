//! My tasks: progress reports and marking them done.

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::read;
use crate::views::{IdArgs, TaskCard, TaskProgressArgs, TasksArgs};
use chrono::NaiveDate;
use sotay_core::ErrorKind;
use sotay_core::model::{Task, TaskAssignee, TaskProgress, TaskStatus};
use sotay_core::time::local_date;
use sotay_store::Store;
use sotay_store::queries::TaskQuery;
use uuid::Uuid;

fn my_task_card(store: &Store, task_id: Uuid, today: NaiveDate) -> Result<TaskCard> {
    let task = store.assigned_task(task_id)?;
    Ok(read::task_card(task, today))
}

/// The tasks assigned to me, soonest due first.
pub fn my_tasks(cx: &mut Cx, args: TasksArgs) -> Result<Vec<TaskCard>> {
    let (store, session, now) = cx.parts();
    let me = session.require_me()?;
    let query = TaskQuery {
        unit_id: None,
        member_id: Some(me.id),
        open_only: !args.include_closed,
        limit: 500,
    };
    Ok(read::task_cards(store, &query, local_date(now))?)
}

fn assigned_to_me(store: &Store, task: &Task, me: Uuid) -> Result<()> {
    let assignment = sotay_core::id::derived_id("task_assignee", task.id, me);
    if store.get::<TaskAssignee>(assignment)?.is_none() {
        return Err(AppError::new(
            ErrorKind::NotAssigned,
            "this task is not assigned to you; ask the secretary",
        ));
    }
    Ok(())
}

/// Reports progress on one of my tasks.
pub fn task_progress(cx: &mut Cx, args: TaskProgressArgs) -> Result<TaskCard> {
    let (store, session, now) = cx.parts_mut();
    let me = session.require_me()?;
    let task: Task = store.require(args.task_id)?;
    assigned_to_me(store, &task, me.id)?;
    if !matches!(task.status, TaskStatus::Open | TaskStatus::InProgress) {
        return Err(AppError::new(
            ErrorKind::TaskClosed,
            "this task is already done or cancelled",
        ));
    }
    let progress = TaskProgress {
        id: sotay_core::id::new_id(),
        task_id: task.id,
        member_id: Some(me.id),
        noted_at: now,
        percent: Some(args.percent),
        note: sotay_core::text::normalize(args.note.trim()),
    };
    store.write(|w| {
        w.insert(&progress)?;
        if task.status == TaskStatus::Open {
            w.modify::<Task>(task.id, |t| t.status = TaskStatus::InProgress)?;
        }
        Ok(())
    })?;
    my_task_card(store, task.id, local_date(now))
}

/// Marks one of my tasks done today (what was done is told in progress reports, not made up).
pub fn task_done(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<TaskCard> {
    let (store, session, now) = cx.parts_mut();
    let me = session.require_me()?;
    let task: Task = store.require(id)?;
    assigned_to_me(store, &task, me.id)?;
    if task.status == TaskStatus::Done {
        return my_task_card(store, task.id, local_date(now));
    }
    if task.status == TaskStatus::Cancelled {
        return Err(AppError::new(
            ErrorKind::TaskClosed,
            "this task was cancelled",
        ));
    }
    store.write(|w| {
        w.modify::<Task>(task.id, |t| {
            t.status = TaskStatus::Done;
            t.completed_on = Some(local_date(now));
        })?;
        Ok(())
    })?;
    my_task_card(store, task.id, local_date(now))
}
