//! Which reminders are due: a meeting tomorrow (or today, when the device was not on the day
//! before), a meeting within the hour, a task due today. The shell shows them as system
//! notifications; this module decides, so it is tested without one.

use crate::app::{App, keys};
use crate::error::Result;
use crate::views::{Language, Settings};
use chrono::Duration;
use serde::Serialize;
use sotay_core::model::MeetingStatus;
use sotay_core::time::{end_of_day, format_date, format_local, local_date};
use sotay_store::queries::{MeetingQuery, TaskQuery};
use ts_rs::TS;

/// One notification to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Reminder {
    /// Unique per event (a rescheduled meeting reminds again).
    pub key: String,
    pub title: String,
    pub body: String,
}

struct Texts {
    meeting_tomorrow: &'static str,
    meeting_today: &'static str,
    meeting_soon: &'static str,
    task_due: &'static str,
    at: &'static str,
    due: &'static str,
}

fn texts(language: Language) -> Texts {
    match language {
        Language::Vi => Texts {
            meeting_tomorrow: "Ngày mai họp chi bộ",
            meeting_today: "Hôm nay họp chi bộ",
            meeting_soon: "Sắp đến giờ họp chi bộ",
            task_due: "Nhiệm vụ đến hạn hôm nay",
            at: "tại",
            due: "Hạn",
        },
        Language::En => Texts {
            meeting_tomorrow: "Cell meeting tomorrow",
            meeting_today: "Cell meeting today",
            meeting_soon: "Cell meeting within the hour",
            task_due: "Task due today",
            at: "at",
            due: "Due",
        },
    }
}

impl App {
    /// The reminders due now and not shown yet, per the member's settings; each is returned once.
    pub fn due_reminders(&self) -> Result<Vec<Reminder>> {
        let mut store = self.store()?;
        let Some(me) = Self::me_of(&store)? else {
            return Ok(Vec::new());
        };
        let settings: Settings = Self::settings_of(&store)?;
        let t = texts(settings.language);
        let now = self.now();
        let mut due = Vec::new();
        if settings.notify_meeting_day || settings.notify_meeting_hour {
            // Today and tomorrow, by the calendar in Vietnam: the day reminder comes the day
            // before (whatever the hour), or on the day if the device was not on then; it says
            // which day it is, never "tomorrow" for a meeting today.
            let today = local_date(now);
            let tomorrow = today + Duration::days(1);
            let soon = store.meetings(&MeetingQuery {
                unit_id: Some(me.unit_id),
                kind: None,
                from: Some(now),
                to: Some(end_of_day(tomorrow)),
                newest_first: false,
                limit: 20,
            })?;
            for m in soon
                .into_iter()
                .filter(|m| m.status == MeetingStatus::Planned)
            {
                let within_hour = m.starts_at - now <= Duration::hours(1);
                let (which, title) = if within_hour && settings.notify_meeting_hour {
                    ("hour", t.meeting_soon)
                } else if settings.notify_meeting_day {
                    let on_day = local_date(m.starts_at);
                    (
                        "day",
                        if on_day == today {
                            t.meeting_today
                        } else {
                            t.meeting_tomorrow
                        },
                    )
                } else {
                    continue;
                };
                due.push(Reminder {
                    key: format!("{which}:{}:{}", m.id, m.starts_at.timestamp()),
                    title: title.to_owned(),
                    body: format!(
                        "{} — {} {} {}",
                        m.topic,
                        format_local(m.starts_at),
                        t.at,
                        m.place
                    ),
                });
            }
        }
        if settings.notify_task_due {
            let today = local_date(now);
            let tasks = store.tasks(&TaskQuery {
                unit_id: None,
                member_id: Some(me.id),
                open_only: true,
                limit: 200,
            })?;
            for task in tasks.into_iter().filter(|v| v.task.due_on == Some(today)) {
                due.push(Reminder {
                    key: format!("task:{}:{today}", task.task.id),
                    title: t.task_due.to_owned(),
                    body: format!("{} — {} {}", task.task.title, t.due, format_date(today)),
                });
            }
        }
        let mut fresh = Vec::new();
        for r in due {
            if store
                .local(&format!("{}{}", keys::REMINDED, r.key))?
                .is_none()
            {
                fresh.push(r);
            }
        }
        if !fresh.is_empty() {
            let at = now.to_rfc3339();
            store.write(|w| {
                for r in &fresh {
                    w.set_local(&format!("{}{}", keys::REMINDED, r.key), &at)?;
                }
                Ok(())
            })?;
        }
        Ok(fresh)
    }
}
