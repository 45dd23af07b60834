//! Around the meeting: sending its documents to members (and saying when that is late), the
//! minutes drafted from what was recorded, adopted and locked, printed for the minutes book, and
//! the review of earlier tasks the meeting walks through.

use super::args::{MinutesDraft, ReviewTaskArgs};
use super::{meeting_i_run, meeting_view_here};
use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::exported::ExportView;
use crate::read::publish_lead;
use crate::views::{IdArgs, MeetingView};
use chrono::Datelike;
use sotay_core::ErrorKind;
use sotay_core::cycle::{check_minutes_adoptable, check_publishable};
use sotay_core::minutes::{
    MinutesFacts, ResolutionFacts, ReviewFacts, RollFacts, TaskFacts, compose,
};
use sotay_core::model::{
    ContributionKind, Meeting, MeetingSeal, Member, OrgUnit, ResolutionStatus, Tally, Task,
    TaskProgress, TaskStatus,
};
use sotay_core::text::entered;
use sotay_core::time::{ZONE, local_date};
use sotay_print::MinutesPage;
use sotay_store::Store;
use sotay_store::queries::AssignedTask;
use uuid::Uuid;

/// Sends the meeting's agenda, draft and documents to members. Said once: publishing again keeps
/// the first time (that is the one members had). Answers whether it went out later than `lead`
/// before the meeting (by this device's settings): the view's `published_late`.
pub fn publish_meeting(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, id)?;
    if meeting.published_at.is_none() {
        check_publishable(&meeting, now, publish_lead(store)?)?;
        store.write(|w| {
            w.modify::<Meeting>(meeting.id, |m| m.published_at = Some(now))
                .map(|_| ())
        })?;
    }
    meeting_view_here(cx, meeting.id)
}

fn names(assigned: &AssignedTask) -> Vec<String> {
    assigned
        .assignees
        .iter()
        .map(|a| a.full_name.clone())
        .collect()
}

fn name_of(store: &Store, id: Option<Uuid>) -> Result<Option<String>> {
    Ok(match id {
        Some(id) => store.get::<Member>(id)?.map(|m| m.full_name),
        None => None,
    })
}

/// What the minutes say, gathered from the store.
fn minutes_facts(store: &Store, id: Uuid) -> Result<MinutesFacts> {
    let meeting: Meeting = store.require(id)?;
    let detail = store.meeting_detail(id)?;
    let roll = detail.roll_call.unwrap_or_default();
    let absentees = |list: &[sotay_store::queries::Absentee]| {
        list.iter()
            .map(|a| (a.full_name.clone(), a.reason.clone()))
            .collect::<Vec<_>>()
    };
    Ok(MinutesFacts {
        unit_name: detail.summary.unit_name.clone(),
        kind: Some(meeting.kind),
        topic: meeting.topic.clone(),
        began_at: meeting.started_at.unwrap_or(meeting.starts_at),
        ended_at: meeting.ended_at,
        place: meeting.place.clone(),
        chair: name_of(store, meeting.chair_id)?,
        minute_taker: name_of(store, meeting.minute_taker_id)?,
        guests: meeting.guests.clone(),
        roll: RollFacts {
            total: roll.total,
            official: roll.official,
            probationary: roll.probationary,
            excused: roll.excused,
            present: roll.present,
            official_present: roll.official_present,
            not_called: roll.not_called,
            absent_with_reason: absentees(&roll.absent_with_reason),
            absent_without_reason: absentees(&roll.absent_without_reason)
                .into_iter()
                .map(|(name, _)| name)
                .collect(),
        },
        agenda: detail.agenda.iter().map(|a| a.title.clone()).collect(),
        speeches: detail
            .contributions
            .iter()
            .filter(|c| c.kind == ContributionKind::Speech)
            .map(|c| (c.member_name.clone(), c.body.clone()))
            .collect(),
        review: store
            .tasks_to_review(id)?
            .iter()
            .map(|t| ReviewFacts {
                title: t.task.title.clone(),
                assignees: names(t),
                done: t.task.status == TaskStatus::Done,
                note: t.latest_progress.as_ref().map(|p| p.note.clone()),
            })
            .collect(),
        conclusion: meeting.conclusion.clone(),
        resolutions: detail
            .resolutions
            .iter()
            .map(|r| ResolutionFacts {
                title: r.title.clone(),
                tally: (r.status == ResolutionStatus::Adopted).then(|| Tally {
                    votes_for: r.votes_for.unwrap_or(0),
                    votes_against: r.votes_against.unwrap_or(0),
                    votes_abstain: r.votes_abstain.unwrap_or(0),
                }),
            })
            .collect(),
        tasks: detail
            .tasks
            .iter()
            .map(|t| TaskFacts {
                title: t.task.title.clone(),
                assignees: names(t),
                due_on: t.task.due_on,
            })
            .collect(),
        rating: meeting.rating,
    })
}

/// The minutes drafted from what was recorded, for the secretary to edit; nothing is written.
pub fn draft_minutes(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MinutesDraft> {
    let (store, session, _) = cx.parts();
    meeting_i_run(store, session, id)?;
    Ok(MinutesDraft {
        text: compose(&minutes_facts(store, id)?),
    })
}

/// The meeting adopts its minutes as they stand: from now on its record is locked, here and on
/// the server.
pub fn adopt_minutes(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, id)?;
    check_minutes_adoptable(&meeting)?;
    store.write(|w| {
        w.modify::<Meeting>(meeting.id, |m| {
            m.minutes_adopted_at = Some(now);
            // Adopted at the end of the meeting, unless it was closed before (or held on paper,
            // when its end is the book's).
            if m.entered_at.is_none() {
                m.ended_at.get_or_insert(now);
            }
        })
        .map(|_| ())
    })?;
    meeting_view_here(cx, meeting.id)
}

/// One line of the review of earlier tasks: done or not, and why (a progress note by the
/// committee, in the task's history).
pub fn review_task(cx: &mut Cx, args: ReviewTaskArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, args.meeting_id)?;
    sotay_core::cycle::check_recordable(&meeting)?;
    let task: Task = store.require(args.task_id)?;
    if task.unit_id != meeting.unit_id {
        return Err(AppError::new(
            ErrorKind::NotFound,
            "that task is not one of this cell's",
        ));
    }
    let note = entered(args.note.as_deref());
    let status = if args.done {
        TaskStatus::Done
    } else if task.status == TaskStatus::Done {
        TaskStatus::InProgress
    } else {
        task.status
    };
    let completed_on = args.done.then(|| local_date(meeting.starts_at.min(now)));
    let me = session.me().map(|m| m.id);
    store.write(|w| {
        if status != task.status {
            w.modify::<Task>(task.id, |t| {
                t.status = status;
                t.completed_on = completed_on;
            })?;
        }
        if let Some(note) = &note {
            w.insert(&TaskProgress {
                id: sotay_core::id::new_id(),
                task_id: task.id,
                member_id: me,
                noted_at: now,
                percent: args.done.then_some(100),
                note: note.clone(),
            })?;
        }
        Ok(())
    })?;
    meeting_view_here(cx, meeting.id)
}

/// The minutes as pages of the minutes book (a draft until adopted).
pub fn minutes_page(store: &Store, id: Uuid) -> Result<MinutesPage> {
    let meeting: Meeting = store.require(id)?;
    let unit: OrgUnit = store.require(meeting.unit_id)?;
    let superior = match unit.parent_id {
        Some(parent) => store.get::<OrgUnit>(parent)?.map(|p| p.name),
        None => None,
    };
    let text = match &meeting.minutes {
        Some(m) if !m.trim().is_empty() => m.clone(),
        _ => compose(&minutes_facts(store, id)?),
    };
    let day = meeting.starts_at.with_timezone(&ZONE).date_naive();
    Ok(MinutesPage {
        superior: superior.unwrap_or_default().to_uppercase(),
        unit: unit.name.to_uppercase(),
        place_date: format!(
            "{}, ngày {:02} tháng {:02} năm {}",
            meeting.place,
            day.day(),
            day.month(),
            day.year()
        ),
        title_line: sotay_core::minutes::title_line(meeting.kind, day),
        text,
        chair: name_of(store, meeting.chair_id)?,
        minute_taker: name_of(store, meeting.minute_taker_id)?,
        adopted: meeting.minutes_adopted_at.is_some(),
        seal: store
            .get::<MeetingSeal>(MeetingSeal::id_for(meeting.id))?
            .map(|s| sotay_core::seal::short(&s.seal)),
    })
}

/// The minutes as a PDF.
pub fn minutes_pdf(store: &Store, id: Uuid) -> Result<Vec<u8>> {
    let page = minutes_page(store, id)?;
    sotay_print::minutes_pdf(&page)
        .map_err(|e| AppError::new(ErrorKind::PrintFailed, e.to_string()))
}

/// The file name an exported set of minutes gets: `bien-ban-2026-11-20-chi-bo-thon-dong.pdf`.
pub fn minutes_file_name(store: &Store, id: Uuid) -> Result<String> {
    let meeting: Meeting = store.require(id)?;
    let unit: OrgUnit = store.require(meeting.unit_id)?;
    Ok(format!(
        "bien-ban-{}-{}.pdf",
        local_date(meeting.starts_at).format("%Y-%m-%d"),
        crate::exported::slug(&unit.name)
    ))
}

/// Writes the minutes as a PDF into the exports folder and says where.
pub fn export_minutes(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<ExportView> {
    let store = cx.store();
    let pdf = minutes_pdf(store, id)?;
    crate::exported::write(&minutes_file_name(store, id)?, &pdf)
}
