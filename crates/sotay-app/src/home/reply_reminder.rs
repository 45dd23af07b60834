//! A member who has not answered the next meeting — "I will come", or "I cannot" with a
//! reason — is asked once, within the three days before it, so the secretary's forecast fills
//! in before the day. A member exempted from activity is not asked.

use super::reminders::Reminder;
use crate::error::Result;
use crate::views::Language;
use chrono::{DateTime, Duration, Utc};
use sotay_core::model::{Attendance, MeetingStatus, Member};
use sotay_core::time::format_local;
use sotay_store::Store;
use sotay_store::queries::MeetingQuery;

/// How long before a meeting a member who has not answered is asked.
const ASKED_BEFORE: Duration = Duration::days(3);

/// Adds the question to `due` if it is time (each is told once: its key says which meeting).
pub(super) fn reply_reminder(
    store: &Store,
    me: &Member,
    now: DateTime<Utc>,
    language: Language,
    due: &mut Vec<Reminder>,
) -> Result<()> {
    if me.exempt {
        return Ok(());
    }
    let soon = store.meetings(&MeetingQuery {
        unit_id: Some(me.unit_id),
        kind: None,
        from: Some(now),
        to: Some(now + ASKED_BEFORE),
        newest_first: false,
        limit: 5,
    })?;
    for m in soon
        .into_iter()
        .filter(|m| m.status == MeetingStatus::Planned)
    {
        if store
            .get::<Attendance>(Attendance::id_for(m.id, me.id))?
            .is_some()
        {
            continue;
        }
        let (title, at) = match language {
            Language::Vi => ("Đồng chí có dự họp chi bộ không?", "tại"),
            Language::En => ("Will you come to the cell meeting?", "at"),
        };
        due.push(Reminder {
            key: format!("reply:{}", m.id),
            title: title.to_owned(),
            body: format!(
                "{} — {} {at} {}",
                m.topic,
                format_local(m.starts_at),
                m.place
            ),
        });
    }
    Ok(())
}
