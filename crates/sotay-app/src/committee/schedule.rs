//! Before the meeting: scheduling, moving and cancelling it, its agenda and its draft resolution.

use super::args::{AgendaItemArgs, DraftArgs, EditMeetingArgs, ScheduleMeetingArgs};
use super::{meeting_i_run, require_runs, text};
use crate::app::App;
use crate::error::{AppError, Result};
use crate::views::{IdArgs, MeetingView};
use chrono::{DateTime, Utc};
use sotay_core::cycle::{check_recordable, check_reschedulable, check_start};
use sotay_core::model::{AgendaItem, Meeting, MeetingStatus, Resolution, ResolutionStatus};
use sotay_core::time::parse_local_datetime;
use sotay_store::Store;
use uuid::Uuid;

/// Schedules a meeting with its agenda in the prescribed order; returns its id.
pub fn schedule_meeting(
    store: &mut Store,
    args: &ScheduleMeetingArgs,
    now: DateTime<Utc>,
) -> Result<Uuid> {
    let unit_id = crate::exports::unit_or_mine(store, args.unit_id)?;
    require_runs(store, unit_id)?;
    let starts_at = parse_local_datetime("starts_at", &args.starts_at)?;
    check_start(starts_at, now)?;
    let meeting = Meeting {
        id: sotay_core::id::new_id(),
        unit_id,
        series_id: None,
        kind: args.kind,
        starts_at,
        duration_minutes: args.duration_minutes,
        place: text(Some(&args.place)).unwrap_or_default(),
        topic: text(Some(&args.topic)).unwrap_or_default(),
        status: MeetingStatus::Planned,
        chair_id: None,
        minute_taker_id: None,
        guests: text(args.guests.as_deref()),
        minutes: None,
        conclusion: None,
        rating: None,
        published_at: None,
        minutes_adopted_at: None,
        occurrence_at: None,
    };
    let agenda = AgendaItem::from_template(meeting.id, meeting.kind);
    store.write(|w| {
        w.insert(&meeting)?;
        agenda.iter().try_for_each(|item| w.insert(item))
    })?;
    Ok(meeting.id)
}

/// Moves or renames a planned meeting that has not started.
pub fn edit_meeting(store: &mut Store, args: &EditMeetingArgs, now: DateTime<Utc>) -> Result<Uuid> {
    let meeting = meeting_i_run(store, args.id)?;
    check_reschedulable(&meeting, now)?;
    let starts_at = parse_local_datetime("starts_at", &args.starts_at)?;
    if starts_at != meeting.starts_at {
        check_start(starts_at, now)?;
    }
    store.write(|w| {
        w.modify::<Meeting>(meeting.id, |m| {
            m.starts_at = starts_at;
            m.duration_minutes = args.duration_minutes;
            m.place = text(Some(&args.place)).unwrap_or_default();
            m.topic = text(Some(&args.topic)).unwrap_or_default();
            m.guests = text(args.guests.as_deref());
        })
        .map(|_| ())
    })?;
    Ok(meeting.id)
}

/// Cancels a planned meeting that has not started (kept, marked cancelled, so members see it).
pub fn cancel_meeting(store: &mut Store, id: Uuid, now: DateTime<Utc>) -> Result<Uuid> {
    let meeting = meeting_i_run(store, id)?;
    check_reschedulable(&meeting, now)?;
    store.write(|w| {
        w.modify::<Meeting>(meeting.id, |m| m.status = MeetingStatus::Cancelled)
            .map(|_| ())
    })?;
    Ok(meeting.id)
}

/// Adds an item at the end of the agenda, or changes one.
pub fn save_agenda_item(store: &mut Store, args: &AgendaItemArgs) -> Result<Uuid> {
    let meeting = meeting_i_run(store, args.meeting_id)?;
    check_recordable(&meeting)?;
    let title = text(Some(&args.title)).unwrap_or_default();
    let body = text(args.body.as_deref());
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
    Ok(meeting.id)
}

/// Takes an item off the agenda.
pub fn remove_agenda_item(store: &mut Store, id: Uuid) -> Result<Uuid> {
    let item: AgendaItem = store.require(id)?;
    let meeting = meeting_i_run(store, item.meeting_id)?;
    check_recordable(&meeting)?;
    store.write(|w| w.delete(sotay_core::EntityKind::AgendaItem, id))?;
    Ok(meeting.id)
}

/// Writes the meeting's draft resolution: a new one, or the text of one still a draft. Two
/// committee members editing it offline are merged word by word at sync.
pub fn save_draft(store: &mut Store, args: &DraftArgs) -> Result<Uuid> {
    let meeting = meeting_i_run(store, args.meeting_id)?;
    check_recordable(&meeting)?;
    let title = text(Some(&args.title)).unwrap_or_default();
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
                    "resolution_closed",
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
    Ok(meeting.id)
}

impl App {
    /// Schedules a meeting of my cell, its agenda made from the prescribed template.
    pub fn schedule_meeting(&self, args: ScheduleMeetingArgs) -> Result<MeetingView> {
        self.committee_write(|store, now| schedule_meeting(store, &args, now))
    }

    /// Moves or renames a planned meeting.
    pub fn edit_meeting(&self, args: EditMeetingArgs) -> Result<MeetingView> {
        self.committee_write(|store, now| edit_meeting(store, &args, now))
    }

    /// Cancels a planned meeting.
    pub fn cancel_meeting(&self, args: IdArgs) -> Result<MeetingView> {
        self.committee_write(|store, now| cancel_meeting(store, args.id, now))
    }

    /// Adds or changes an agenda item.
    pub fn save_agenda_item(&self, args: AgendaItemArgs) -> Result<MeetingView> {
        self.committee_write(|store, _| save_agenda_item(store, &args))
    }

    /// Takes an item off the agenda.
    pub fn remove_agenda_item(&self, args: IdArgs) -> Result<MeetingView> {
        self.committee_write(|store, _| remove_agenda_item(store, args.id))
    }

    /// Writes the meeting's draft resolution.
    pub fn save_draft(&self, args: DraftArgs) -> Result<MeetingView> {
        self.committee_write(|store, _| save_draft(store, &args))
    }
}
