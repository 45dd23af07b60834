//! What depends on who asks: one meeting as this device sees it, with its roll when the device
//! runs the meeting, and the lead its documents are due by this device's settings.

use crate::app::App;
use crate::cx::Cx;
use crate::error::Result;
use crate::views::{MeetingView, RollLine};
use chrono::Duration;
use sotay_core::cycle::{Publication, publication};
use sotay_store::Store;
use uuid::Uuid;

/// One meeting as this device sees it: with its roll when the device runs the meeting.
pub fn meeting_view_here(cx: &Cx, id: Uuid) -> Result<MeetingView> {
    let (store, session, now) = cx.parts();
    let mut view = super::meeting_view(store, id, session.me(), now)?;
    let lead = publish_lead(store)?;
    let late = |at| publication(view.meeting.starts_at, at, lead) != Publication::OnTime;
    view.published_late = view.published_at.is_some_and(late);
    view.publish_late_now = view.published_at.is_none() && late(now);
    view.can_run = session.runs_unit(view.meeting.unit_id);
    if view.can_run {
        view.roll = roll(store, id)?;
        let today = sotay_core::time::local_date(now);
        view.review = store
            .tasks_to_review(id)?
            .into_iter()
            .map(|t| super::task_card(t, today))
            .collect();
    }
    Ok(view)
}

/// The roll of a meeting, for the screen the secretary holds it on.
pub fn roll(store: &Store, meeting_id: Uuid) -> Result<Vec<RollLine>> {
    Ok(store
        .roll(meeting_id)?
        .into_iter()
        .map(|r| RollLine {
            member_id: r.member_id,
            full_name: r.full_name,
            standing: r.standing,
            exempt: r.exempt,
            status: r.status,
            reason: r.reason,
        })
        .collect())
}

/// How long before a meeting its documents are due to members, by this device's settings.
pub fn publish_lead(store: &Store) -> Result<Duration> {
    Ok(Duration::hours(
        App::settings_of(store)?.publish_lead_hours.max(0),
    ))
}
