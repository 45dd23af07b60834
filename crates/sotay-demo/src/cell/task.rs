//! A task a held meeting assigned, with its assignees and, once under way, a progress report.

use super::{Cell, pick};
use crate::corpus::*;
use chrono::Duration;
use sotay_core::id::new_id;
use sotay_core::model::*;
use sotay_core::time::local_date;
use sotay_store::{Result, Writer};

/// A task of `meeting`'s resolution: done, late, still open or cancelled as real cells' are. A
/// task of the `latest` meeting before now is still under way, whatever its due date (the next
/// meeting reviews it), and an ordinary member is among those who carry it out: the demo's own
/// member is the one with the most open tasks, and must have some on any day.
pub(super) fn task(
    w: &mut Writer<'_>,
    cell: &Cell<'_>,
    meeting: &Meeting,
    resolution: &Resolution,
    present: &[&Member],
    latest: bool,
    rng: &mut fastrand::Rng,
) -> Result<()> {
    let due = local_date(meeting.starts_at) + Duration::days(rng.i64(20..45));
    let (status, completed_on, notes) = if due < cell.today && !latest {
        match rng.u8(..100) {
            0..=81 => (
                TaskStatus::Done,
                Some(due - Duration::days(rng.i64(0..10))),
                "Đã hoàn thành đúng hạn.".to_owned(),
            ),
            82..=91 => (
                TaskStatus::Done,
                Some((due + Duration::days(rng.i64(1..20))).min(cell.today)),
                format!(
                    "Hoàn thành chậm do {}.",
                    pick(rng, ABSENCE_REASONS).to_lowercase()
                ),
            ),
            _ if due > cell.today - Duration::days(60) => (
                TaskStatus::InProgress,
                None,
                "Chưa hoàn thành: còn một số hộ chưa đồng thuận, tiếp tục vận động.".to_owned(),
            ),
            _ => (
                TaskStatus::Cancelled,
                None,
                "Không thực hiện do thay đổi kế hoạch của cấp trên.".to_owned(),
            ),
        }
    } else if rng.bool() {
        (TaskStatus::InProgress, None, String::new())
    } else {
        (TaskStatus::Open, None, String::new())
    };
    let t = Task {
        id: new_id(),
        unit_id: cell.unit.id,
        meeting_id: Some(meeting.id),
        resolution_id: Some(resolution.id),
        title: pick(rng, TASKS).to_owned(),
        description: None,
        due_on: Some(due),
        status,
        completed_on,
        notes: (!notes.is_empty()).then_some(notes),
    };
    w.insert(&t)?;
    let assignees = rng.usize(1..=3).min(present.len());
    let mut chosen: Vec<&Member> = present.to_vec();
    rng.shuffle(&mut chosen);
    let ordinary = |m: &&Member| m.role == Role::Member;
    if latest
        && !chosen.iter().take(assignees).any(ordinary)
        && let Some(i) = chosen.iter().position(ordinary)
    {
        chosen.swap(0, i);
    }
    for m in chosen.iter().take(assignees) {
        w.insert(&TaskAssignee::new(t.id, m.id))?;
    }
    if status != TaskStatus::Open
        && let Some(m) = chosen.first()
    {
        let percent = match status {
            TaskStatus::Done => 100,
            _ => rng.i64(20..90),
        };
        w.insert(&TaskProgress {
            id: new_id(),
            task_id: t.id,
            member_id: Some(m.id),
            // Reported after the meeting, but never after "now": a report from the future would
            // hide the member's own newest one.
            noted_at: (meeting.starts_at + Duration::days(rng.i64(5..20)))
                .min(cell.options.now - Duration::hours(1)),
            percent: Some(percent),
            note: format!("Đã thực hiện được khoảng {percent}% khối lượng công việc."),
        })?;
    }
    Ok(())
}
