//! What depends on who asks: one meeting as this device sees it, with its roll (and before it,
//! the forecast of who will come, against the quorum) when the device runs the meeting, and the
//! lead its documents are due by this device's settings.

use crate::app::App;
use crate::cx::Cx;
use crate::error::Result;
use crate::views::{MeetingView, RollLine};
use chrono::Duration;
use sotay_core::cycle::{Publication, publication};
use sotay_core::model::MeetingStatus;
use sotay_core::model::Member;
use sotay_core::quorum::{Forecast, Quorum, Summoned};
use sotay_core::report::inherited;
use sotay_store::Store;
use std::collections::HashMap;
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
        if view.meeting.status == MeetingStatus::Planned {
            view.forecast = Some(forecast(store, view.meeting.unit_id, &view.roll)?);
        }
        let today = sotay_core::time::local_date(now);
        view.review = store
            .tasks_to_review(id)?
            .into_iter()
            .map(|t| super::task_card(t, today))
            .collect();
    }
    Ok(view)
}

/// The forecast of a meeting from its roll as the replies left it, by the quorum the nearest
/// committee above set with its targets (else more than half).
pub fn forecast(store: &Store, unit: Uuid, roll: &[RollLine]) -> Result<Forecast> {
    let targets = inherited(
        &super::chain(&store.unit_parents()?, unit),
        &store.unit_targets()?,
    );
    let rule = Quorum {
        percent: u8::try_from((targets.quorum * 100.0).round() as i64).unwrap_or(50),
    };
    let summoned: Vec<Summoned> = roll
        .iter()
        .map(|r| Summoned {
            standing: r.standing,
            exempt: r.exempt,
            temporarily_attached: r.temporarily_attached,
            status: r.status,
        })
        .collect();
    Ok(sotay_core::quorum::forecast(&summoned, rule))
}

/// The roll of a meeting, for the screen the secretary holds it on.
pub fn roll(store: &Store, meeting_id: Uuid) -> Result<Vec<RollLine>> {
    let entries = store.roll(meeting_id)?;
    let mut recorders: HashMap<Uuid, String> = entries
        .iter()
        .map(|r| (r.member_id, r.full_name.clone()))
        .collect();
    for by in entries.iter().filter_map(|r| r.recorded_by) {
        if !recorders.contains_key(&by)
            && let Some(m) = store.get::<Member>(by)?
        {
            recorders.insert(by, m.full_name);
        }
    }
    Ok(entries
        .into_iter()
        .map(|r| RollLine {
            recorded_by: r.recorded_by.and_then(|by| recorders.get(&by).cloned()),
            temporarily_attached: r.temporarily_attached,
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
