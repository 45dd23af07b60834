//! Before the meeting: scheduling, moving and cancelling it, its agenda and its draft resolution.

use super::args::{AgendaItemArgs, DraftArgs, EditMeetingArgs, ScheduleMeetingArgs};
use super::{meeting_i_run, meeting_view_here, require_runs};
use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::views::{IdArgs, MeetingView};
use sotay_core::ErrorKind;
use sotay_core::cycle::{check_recordable, check_reschedulable, check_start};
use sotay_core::model::{AgendaItem, Meeting, MeetingStatus, Resolution, ResolutionStatus};
use sotay_core::text::entered;
use sotay_core::time::parse_local_datetime;

/// Schedules a meeting of my cell with its agenda in the prescribed order.
pub fn schedule_meeting(cx: &mut Cx, args: ScheduleMeetingArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let unit_id = session.unit_or_mine(args.unit_id)?;
    require_runs(session, unit_id)?;
    let starts_at = parse_local_datetime("starts_at", &args.starts_at)?;
    check_start(starts_at, now)?;
    let meeting = Meeting {
        duration_minutes: args.duration_minutes,
        guests: entered(args.guests.as_deref()),
        ..Meeting::planned(
            unit_id,
            args.kind,
            starts_at,
            entered(Some(&args.place)).unwrap_or_default(),
            entered(Some(&args.topic)).unwrap_or_default(),
        )
    };
    let agenda = AgendaItem::from_template(meeting.id, meeting.kind);
    store.write(|w| {
        w.insert(&meeting)?;
        agenda.iter().try_for_each(|item| w.insert(item))
    })?;
    meeting_view_here(cx, meeting.id)
}

/// Moves or renames a planned meeting that has not started.
pub fn edit_meeting(cx: &mut Cx, args: EditMeetingArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, args.id)?;
    check_reschedulable(&meeting, now)?;
    let starts_at = parse_local_datetime("starts_at", &args.starts_at)?;
    if starts_at != meeting.starts_at {
        check_start(starts_at, now)?;
    }
    store.write(|w| {
        w.modify::<Meeting>(meeting.id, |m| {
            m.starts_at = starts_at;
            m.duration_minutes = args.duration_minutes;
            m.place = entered(Some(&args.place)).unwrap_or_default();
            m.topic = entered(Some(&args.topic)).unwrap_or_default();
            m.guests = entered(args.guests.as_deref());
        })
        .map(|_| ())
    })?;
    meeting_view_here(cx, meeting.id)
}

/// Cancels a planned meeting that has not started (kept, marked cancelled, so members see it).
pub fn cancel_meeting(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, id)?;
    check_reschedulable(&meeting, now)?;
    store.write(|w| {
        w.modify::<Meeting>(meeting.id, |m| m.status = MeetingStatus::Cancelled)
            .map(|_| ())
    })?;
    meeting_view_here(cx, meeting.id)
}

/// Adds an item at the end of the agenda, or changes one.
pub fn save_agenda_item(cx: &mut Cx, args: AgendaItemArgs) -> Result<MeetingView> {
    let (store, session, _) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, args.meeting_id)?;
    check_recordable(&meeting)?;
    let title = entered(Some(&args.title)).unwrap_or_default();
    let body = entered(args.body.as_deref());
    match args.id {
        Some(id) => {
            let item: AgendaItem = store.require(id)?;
            if item.meeting_id != meeting.id {
                return Err(AppError::bad_request(
                    "that agenda item belongs to another meeting",
                ));
            }
            store.write(|w| {
                w.modify::<AgendaItem>(id, |a| {
                    a.title = title;
                    a.body = body;
                })
                .map(|_| ())
            })?;
        }
        None => {
            let last = store
                .meeting_detail(meeting.id)?
                .agenda
                .iter()
                .map(|a| a.position)
                .max()
                .unwrap_or(0);
            let item = AgendaItem {
                id: sotay_core::id::new_id(),
                meeting_id: meeting.id,
                position: last + 1_000,
                step: None,
                title,
                body,
            };
            store.write(|w| w.insert(&item))?;
        }
    }
    meeting_view_here(cx, meeting.id)
}

/// Takes an item off the agenda.
pub fn remove_agenda_item(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MeetingView> {
    let (store, session, _) = cx.parts_mut();
    let item: AgendaItem = store.require(id)?;
    let meeting = meeting_i_run(store, session, item.meeting_id)?;
    check_recordable(&meeting)?;
    store.write(|w| w.delete(sotay_core::EntityKind::AgendaItem, id))?;
    meeting_view_here(cx, meeting.id)
}

/// Writes the meeting's draft resolution: a new one, or the text of one still a draft. Two
/// committee members editing it offline are merged word by word at sync.
pub fn save_draft(cx: &mut Cx, args: DraftArgs) -> Result<MeetingView> {
    let (store, session, _) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, args.meeting_id)?;
    check_recordable(&meeting)?;
    let title = entered(Some(&args.title)).unwrap_or_default();
    let draft = sotay_core::text::normalize(args.draft.trim());
    match args.resolution_id {
        Some(id) => {
            let resolution: Resolution = store.require(id)?;
            if resolution.meeting_id != Some(meeting.id) {
                return Err(AppError::bad_request(
                    "that draft resolution belongs to another meeting",
                ));
            }
            if resolution.status != ResolutionStatus::Draft {
                return Err(AppError::new(
                    ErrorKind::ResolutionClosed,
                    "this resolution is adopted or withdrawn: its text no longer changes",
                ));
            }
            store.write(|w| {
                w.modify::<Resolution>(id, |r| {
                    r.title = title;
                    r.draft = draft;
                })
                .map(|_| ())
            })?;
        }
        None => {
            let resolution = Resolution {
                id: sotay_core::id::new_id(),
                unit_id: meeting.unit_id,
                meeting_id: Some(meeting.id),
                title,
                draft,
                status: ResolutionStatus::Draft,
                adopted_on: None,
                votes_for: None,
                votes_against: None,
                votes_abstain: None,
            };
            store.write(|w| w.insert(&resolution))?;
        }
    }
    meeting_view_here(cx, meeting.id)
}
