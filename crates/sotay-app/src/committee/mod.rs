//! What a cell committee does with its meetings: schedule, prepare, hold and record them.
//!
//! Each step is a function over the store and the time (the command line calls them directly)
//! and an [`App`](crate::App) command the UI calls. This side checks what it can know offline —
//! that the device's member runs the meeting's unit by the rules table, that the meeting is still
//! ahead or not cancelled, that a tally fits the roll call — and says so with a typed error before
//! anything is written; the server decides again when the change arrives.

mod after;
pub mod args;
mod hold;
mod paper;
mod papers;
pub mod replies;
mod schedule;
mod series;

pub use after::{
    adopt_minutes, draft_minutes, export_minutes, minutes_file_name, minutes_page, minutes_pdf,
    publish_meeting, review_task,
};
pub use hold::{
    adopt_resolution, assign_task, end_meeting, record_meeting, record_speech, remove_speech,
    roll_call, start_meeting,
};
pub use paper::{HeldMeetingArgs, enter_held_meeting};
pub use papers::{attach_bytes, attach_file, attached_file, export_attachment, remove_attachment};
pub use replies::{IdeaForArgs, ReplyForArgs, idea_for, reply_for};
pub use schedule::{
    cancel_meeting, edit_meeting, move_agenda_item, remove_agenda_item, save_agenda_item,
    save_draft, schedule_meeting,
};
pub(crate) use series::running_series;
pub use series::{edit_series, keep_series, schedule_series};

use crate::error::{AppError, Result};
pub(crate) use crate::read::meeting_view_here;
use crate::session::Session;
use sotay_core::ErrorKind;
use sotay_core::cycle::CycleError;
use sotay_core::model::{Meeting, Member};
use sotay_store::Store;
use uuid::Uuid;

impl From<sotay_core::agenda::order::OrderError> for AppError {
    fn from(e: sotay_core::agenda::order::OrderError) -> AppError {
        use sotay_core::agenda::order::OrderError;
        let kind = match e {
            OrderError::NotOnAgenda => ErrorKind::NotFound,
            OrderError::BeforeItself | OrderError::NoPlaceZero => ErrorKind::Invalid,
        };
        AppError::new(kind, e.to_string())
    }
}

impl From<CycleError> for AppError {
    fn from(e: CycleError) -> AppError {
        AppError::new(e.code(), e.to_string())
    }
}

/// Refuses, before anything is written, what the rules table does not let this device do.
fn require_runs(session: &Session, unit: Uuid) -> Result<()> {
    if session.runs_unit(unit) {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorKind::Forbidden,
            "only the cell committee (secretary, deputy secretary, committee members) runs the cell's meetings",
        ))
    }
}

/// A meeting this device runs.
fn meeting_i_run(store: &Store, session: &Session, id: Uuid) -> Result<Meeting> {
    let meeting: Meeting = store.require(id)?;
    require_runs(session, meeting.unit_id)?;
    Ok(meeting)
}

/// A member of the meeting's unit (a speaker, an assignee, the chair).
fn member_of(store: &Store, meeting: &Meeting, id: Uuid) -> Result<Member> {
    match store.get::<Member>(id)? {
        Some(m) if m.unit_id == meeting.unit_id => Ok(m),
        _ => Err(AppError::new(
            ErrorKind::NotAMember,
            "that person is not a member of this cell",
        )),
    }
}
