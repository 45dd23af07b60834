//! Reminders of notices: an urgent one is told at once, each on its own; the others together,
//! once a day, at the first look between seven in the morning and eight in the evening (Vietnam's
//! time), so a committee's routine notices come as one line of the day's reminders and never
//! ring through the night. A notice is told once, and not to the member who posted it. The first time a device looks it only remembers, as for
//! documents, so a device that just joined is not told of every notice at once.

use super::reminders::Reminder;
use crate::error::Result;
use crate::keys;
use crate::views::Language;
use chrono::{DateTime, NaiveTime, Utc};
use sotay_core::model::{Member, Notice};
use sotay_core::time::{at_local, local_date};
use sotay_store::Store;

/// When the day's notices may be told, in Vietnam: from seven in the morning…
const DAY_STARTS: NaiveTime = match NaiveTime::from_hms_opt(7, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};
/// …to eight in the evening.
const DAY_ENDS: NaiveTime = match NaiveTime::from_hms_opt(20, 0, 0) {
    Some(t) => t,
    None => NaiveTime::MIN,
};

/// How many notices the store is asked for.
const LOOKED_AT: u32 = 100;

/// Adds the notices due to `due`; returns the local keys to remember as told.
pub(super) fn notice_reminders(
    store: &Store,
    me: &Member,
    now: DateTime<Utc>,
    language: Language,
    due: &mut Vec<Reminder>,
) -> Result<Vec<(String, String)>> {
    let first_time = store.local(keys::SEEN_NOTICES_BASELINE)?.is_none();
    let notices = store.notices(LOOKED_AT)?;
    let ids: Vec<_> = notices.iter().map(|n| n.id).collect();
    let read = store.notices_read_by(me.id, &ids)?;
    let today = local_date(now);
    let told_today =
        store.local(keys::NOTICES_TOLD_ON)?.as_deref() == Some(today.to_string().as_str());
    let batch_due =
        !told_today && now >= at_local(today, DAY_STARTS) && now < at_local(today, DAY_ENDS);
    let mut seen = Vec::new();
    let mut routine: Vec<Notice> = Vec::new();
    for n in notices {
        let key = format!("{}{}", keys::SEEN_NOTICE, n.id);
        if read.contains_key(&n.id) || n.author_id == Some(me.id) || store.local(&key)?.is_some() {
            continue;
        }
        if first_time {
            seen.push((key, now.to_rfc3339()));
        } else if n.urgent {
            due.push(Reminder {
                key: format!("notice:{}", n.id),
                title: urgent_title(language).to_owned(),
                body: n.title.clone(),
            });
            seen.push((key, now.to_rfc3339()));
        } else if batch_due {
            seen.push((key, now.to_rfc3339()));
            routine.push(n);
        }
    }
    if let Some(first) = routine.first() {
        let titles: Vec<&str> = routine.iter().map(|n| n.title.as_str()).collect();
        due.push(Reminder {
            key: format!("notices:{today}:{}", first.id),
            title: day_title(language, routine.len()),
            body: titles.join("; "),
        });
        seen.push((keys::NOTICES_TOLD_ON.to_owned(), today.to_string()));
    }
    if first_time {
        seen.push((keys::SEEN_NOTICES_BASELINE.to_owned(), now.to_rfc3339()));
    }
    Ok(seen)
}

fn urgent_title(language: Language) -> &'static str {
    match language {
        Language::Vi => "Thông báo khẩn",
        Language::En => "Urgent notice",
    }
}

fn day_title(language: Language, count: usize) -> String {
    match (language, count) {
        (Language::Vi, _) => format!("{count} thông báo mới"),
        (Language::En, 1) => "A new notice".to_owned(),
        (Language::En, _) => format!("{count} new notices"),
    }
}
