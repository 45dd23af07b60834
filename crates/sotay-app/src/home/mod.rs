//! Home: the next meeting, my open tasks, and what changed since I last looked.

mod notice_reminders;
pub mod reminders;
mod reply_reminder;

use crate::cx::Cx;
use crate::error::Result;
use crate::keys;
use crate::read;
use crate::views::{HomeView, NextMeeting, NoArgs};
use chrono::{DateTime, Duration, Utc};
use sotay_core::Hlc;
use sotay_core::model::{MeetingStatus, Member};
use sotay_core::time::local_date;
use sotay_store::Store;
use sotay_store::queries::{MeetingQuery, TaskQuery};

/// How many changes Home lists at most.
const CHANGES_ON_HOME: u32 = 20;

/// The next meeting of my unit (or the one under way), with its agenda.
fn next_meeting(store: &Store, me: &Member, now: DateTime<Utc>) -> Result<Option<NextMeeting>> {
    // A meeting that started within the last few hours is still "the next one".
    let from = now - Duration::hours(4);
    let upcoming = store.meetings(&MeetingQuery {
        unit_id: Some(me.unit_id),
        kind: None,
        from: Some(from),
        to: None,
        newest_first: false,
        limit: 10,
    })?;
    let next = upcoming.into_iter().find(|m| {
        m.status == MeetingStatus::Planned
            && m.starts_at + Duration::minutes(m.duration_minutes) > now
    });
    let Some(next) = next else { return Ok(None) };
    let detail = store.meeting_detail(next.id)?;
    Ok(Some(NextMeeting {
        meeting: read::meeting_card(detail.summary),
        agenda: detail.agenda.into_iter().map(read::agenda_line).collect(),
    }))
}

/// Home: the next meeting, my open tasks, and what changed since I last looked.
pub fn home(cx: &mut Cx, _: NoArgs) -> Result<HomeView> {
    let (store, session, now) = cx.parts();
    let me = session.require_me()?;
    let next_meeting = next_meeting(store, me, now)?;
    let my_tasks = read::task_cards(
        store,
        &TaskQuery {
            unit_id: None,
            member_id: Some(me.id),
            open_only: true,
            limit: 50,
        },
        local_date(now),
    )?;
    let last_seen = store
        .local(keys::LAST_SEEN)?
        .and_then(|s| s.parse::<i64>().ok())
        .map(Hlc::from_i64);
    let changes = read::activity(store, last_seen, CHANGES_ON_HOME)?;
    let unread_notices = read::unread_notices(store, session)?;
    Ok(HomeView {
        unread_notices,
        next_meeting,
        my_tasks,
        changes,
        last_seen: last_seen
            .and_then(|h| DateTime::from_timestamp_millis(i64::try_from(h.physical_ms()).ok()?)),
    })
}

/// Marks everything changed so far as seen: Home's list starts again from here.
pub fn mark_seen(cx: &mut Cx, _: NoArgs) -> Result<HomeView> {
    if let Some(newest) = cx.store().activity(None, 1)?.into_iter().next() {
        let hlc = newest.hlc.as_i64().to_string();
        cx.write_local(|w| w.set_local(keys::LAST_SEEN, &hlc))?;
    }
    home(cx, NoArgs {})
}
