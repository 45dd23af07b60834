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
mod papers;
mod schedule;
mod series;

pub use after::{
    adopt_minutes, draft_minutes, minutes_file_name, minutes_page, minutes_pdf, publish_lead,
    publish_meeting, review_task,
};
pub use hold::{
    adopt_resolution, assign_task, record_meeting, record_speech, remove_speech, roll, roll_call,
    start_meeting,
};
pub(crate) use papers::new_attachment;
pub use papers::{attach_file, attached_file, decode, papers_id, remove_attachment};
pub use schedule::{
    cancel_meeting, edit_meeting, remove_agenda_item, save_agenda_item, save_draft,
    schedule_meeting,
};
pub use series::{edit_series_from, schedule_series};

use crate::app::App;
use crate::error::{AppError, Result};
use crate::members::roster::principal_here;
use sotay_core::Record;
use sotay_core::access::{Action, Whose, decide};
use sotay_core::cycle::{CycleError, Publication, publication};
use sotay_core::model::{Meeting, Member};
use sotay_store::Store;
use uuid::Uuid;

impl From<CycleError> for AppError {
    fn from(e: CycleError) -> AppError {
        AppError::new(e.code(), e.to_string())
    }
}

/// Whether this device runs `unit`'s meetings (its committee's, or the administrator's).
pub fn runs_unit(store: &Store, unit: Uuid) -> Result<bool> {
    let principal = principal_here(store)?;
    let probe = sotay_core::FieldMap::new();
    Ok(decide(
        &principal,
        <Meeting as Record>::KIND,
        Some(unit),
        Whose::Others,
        Action::Insert { new: &probe },
    )
    .is_ok())
}

/// Refuses, before anything is written, what the rules table does not let this device do.
fn require_runs(store: &Store, unit: Uuid) -> Result<()> {
    if runs_unit(store, unit)? {
        Ok(())
    } else {
        Err(AppError::new(
            "forbidden",
            "only the cell committee (secretary, deputy secretary, committee members) runs the cell's meetings",
        ))
    }
}

/// A meeting this device runs.
fn meeting_i_run(store: &Store, id: Uuid) -> Result<Meeting> {
    let meeting: Meeting = store.require(id)?;
    require_runs(store, meeting.unit_id)?;
    Ok(meeting)
}

/// A member of the meeting's unit (a speaker, an assignee, the chair).
fn member_of(store: &Store, meeting: &Meeting, id: Uuid) -> Result<Member> {
    match store.get::<Member>(id)? {
        Some(m) if m.unit_id == meeting.unit_id => Ok(m),
        _ => Err(AppError::new(
            "not_a_member",
            "that person is not a member of this cell",
        )),
    }
}

/// Trims and normalises a text a person typed; `None` when it is blank.
fn text(input: Option<&str>) -> Option<String> {
    input
        .map(|s| sotay_core::text::normalize(s.trim()))
        .filter(|s| !s.is_empty())
}

/// One meeting as this device sees it: with its roll when the device runs the meeting.
pub(crate) fn meeting_view_here(
    store: &Store,
    id: Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<crate::views::MeetingView> {
    let me = App::me_of(store)?;
    let mut view = crate::read::meeting_view(store, id, me.as_ref(), now)?;
    let lead = chrono::Duration::hours(App::settings_of(store)?.publish_lead_hours.max(0));
    let late = |at| publication(view.meeting.starts_at, at, lead) != Publication::OnTime;
    view.published_late = view.published_at.is_some_and(late);
    view.publish_late_now = view.published_at.is_none() && late(now);
    view.can_run = runs_unit(store, view.meeting.unit_id)?;
    if view.can_run {
        view.roll = roll(store, id)?;
        let today = sotay_core::time::local_date(now);
        view.review = store
            .tasks_to_review(id)?
            .into_iter()
            .map(|t| crate::read::task_card(t, today))
            .collect();
    }
    Ok(view)
}

impl App {
    /// Runs one committee write and answers with the meeting as it now stands.
    fn committee_write(
        &self,
        write: impl FnOnce(&mut Store, chrono::DateTime<chrono::Utc>) -> Result<Uuid>,
    ) -> Result<crate::views::MeetingView> {
        let view = {
            let mut store = self.store()?;
            let meeting = write(&mut store, self.now())?;
            meeting_view_here(&store, meeting, self.now())?
        };
        self.local_change();
        Ok(view)
    }
}
