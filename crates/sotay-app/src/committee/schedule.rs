//! Before the meeting: scheduling, moving and cancelling it, its agenda and its draft resolution.

use super::args::{
    AgendaItemArgs, DraftArgs, EditMeetingArgs, MoveAgendaItemArgs, ScheduleMeetingArgs,
};
use super::{meeting_i_run, meeting_view_here, require_runs};
use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::views::{IdArgs, MeetingView};
use sotay_core::ErrorKind;
use sotay_core::agenda::order::{self, Place, Slot};
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

/// Adds an item to the agenda — before the closing steps, or where asked — or changes one's title
/// and body.
pub fn save_agenda_item(cx: &mut Cx, args: AgendaItemArgs) -> Result<MeetingView> {
    let (store, session, _) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, args.meeting_id)?;
    check_recordable(&meeting)?;
    let title = entered(Some(&args.title)).unwrap_or_default();
    let body = entered(args.body.as_deref());
    match args.id {
        Some(id) => {
            let item = item_of(store, &meeting, id)?;
            store.write(|w| {
                w.modify::<AgendaItem>(item.id, |a| {
                    a.title = title;
                    a.body = body;
                })
                .map(|_| ())
            })?;
        }
        None => {
            let item = AgendaItem {
                id: sotay_core::id::new_id(),
                meeting_id: meeting.id,
                position: 0,
                step: None,
                title,
                body,
            };
            let place = place_asked(args.before, args.position)?.unwrap_or(Place::BeforeClosing);
            let writes = order::place(&slots(store, meeting.id)?, item.id, place)?;
            store.write(|w| {
                let own = writes
                    .iter()
                    .find(|(id, _)| *id == item.id)
                    .map(|(_, p)| *p);
                w.insert(&AgendaItem {
                    position: own.unwrap_or(order::SPACING),
                    ..item.clone()
                })?;
                move_others(w, &writes, item.id)
            })?;
        }
    }
    meeting_view_here(cx, meeting.id)
}

/// Moves an agenda item before another, or to a place; the others keep their order.
pub fn move_agenda_item(cx: &mut Cx, args: MoveAgendaItemArgs) -> Result<MeetingView> {
    let (store, session, _) = cx.parts_mut();
    let item: AgendaItem = store.require(args.id)?;
    let meeting = meeting_i_run(store, session, item.meeting_id)?;
    check_recordable(&meeting)?;
    let place = place_asked(args.before, args.position)?.ok_or_else(|| {
        AppError::new(
            ErrorKind::Missing,
            "say where the item goes: before another item, or at a place",
        )
    })?;
    let writes = order::place(&slots(store, meeting.id)?, item.id, place)?;
    store.write(|w| {
        for (id, position) in &writes {
            w.modify::<AgendaItem>(*id, |a| a.position = *position)?;
        }
        Ok(())
    })?;
    meeting_view_here(cx, meeting.id)
}

/// An item of this meeting's agenda.
fn item_of(store: &sotay_store::Store, meeting: &Meeting, id: uuid::Uuid) -> Result<AgendaItem> {
    let item: AgendaItem = store.require(id)?;
    if item.meeting_id != meeting.id {
        return Err(AppError::bad_request(
            "that agenda item belongs to another meeting",
        ));
    }
    Ok(item)
}

/// The place asked for: before an item, or at a place counted from 1 (not both).
fn place_asked(before: Option<uuid::Uuid>, position: Option<i64>) -> Result<Option<Place>> {
    match (before, position) {
        (Some(_), Some(_)) => Err(AppError::bad_request(
            "say either before which item or at which place, not both",
        )),
        (Some(id), None) => Ok(Some(Place::Before(id))),
        (None, Some(n)) => usize::try_from(n)
            .ok()
            .filter(|n| *n >= 1)
            .map(|n| Some(Place::At(n)))
            .ok_or_else(|| AppError::new(ErrorKind::Invalid, "agenda places count from 1")),
        (None, None) => Ok(None),
    }
}

/// The meeting's agenda as ordering sees it.
fn slots(store: &sotay_store::Store, meeting: uuid::Uuid) -> Result<Vec<Slot>> {
    Ok(store
        .meeting_detail(meeting)?
        .agenda
        .into_iter()
        .map(|a| Slot {
            id: a.id,
            position: a.position,
            step: a.step,
        })
        .collect())
}

/// The other items a placement spaced out again.
fn move_others(
    w: &mut sotay_store::Writer<'_>,
    writes: &[(uuid::Uuid, i64)],
    except: uuid::Uuid,
) -> sotay_store::Result<()> {
    for (id, position) in writes.iter().filter(|(id, _)| *id != except) {
        w.modify::<AgendaItem>(*id, |a| a.position = *position)?;
    }
    Ok(())
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
