//! Which reminders are due: a meeting tomorrow (or today, when the device was not on the day
//! before), a meeting within the hour, a task due today or overdue (once a week), and what
//! another device changed in a meeting ahead — moved, cancelled, its documents sent out — and a
//! document published elsewhere (a superior committee's directive) in the last month; notices
//! (`notice_reminders.rs`); the next meeting, to a member who has not said whether they will
//! come (`reply_reminder.rs`); and, for a
//! cell's committee, what the rule checks find in its cell (`checks.rs`). The
//! shell shows them as system notifications; this module decides, so it is tested without one.

use crate::app::App;
use crate::error::Result;
use crate::keys;
use crate::session::Session;
use crate::views::{Language, Settings};
use chrono::{DateTime, Datelike, Duration, Utc};
use serde::Serialize;
use sotay_core::model::Meeting;
use sotay_core::model::MeetingStatus;
use sotay_core::time::{end_of_day, format_date, format_local, local_date};
use sotay_store::Store;
use sotay_store::queries::{MeetingQuery, TaskQuery};
use std::cmp::Ordering;
use ts_rs::TS;
use uuid::Uuid;

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
    task_overdue: &'static str,
    moved: &'static str,
    cancelled: &'static str,
    published: &'static str,
    scheduled: &'static str,
    document: &'static str,
    missed_month: &'static str,
    published_late: &'static str,
    probation: &'static str,
    cell_task_overdue: &'static str,
    two_series: &'static str,
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
            task_overdue: "Nhiệm vụ đã quá hạn",
            moved: "Cuộc họp chi bộ đã dời lịch",
            cancelled: "Cuộc họp chi bộ đã hủy",
            published: "Đã có tài liệu cuộc họp chi bộ",
            scheduled: "Lịch họp chi bộ mới",
            document: "Văn bản mới",
            missed_month: "Chi bộ có tháng chưa sinh hoạt thường kỳ",
            published_late: "Tài liệu cuộc họp gửi muộn",
            probation: "Sắp hết thời gian dự bị: cần xét công nhận đảng viên chính thức",
            cell_task_overdue: "Nhiệm vụ của chi bộ quá hạn",
            two_series: "Chi bộ có hai lịch sinh hoạt thường kỳ: hãy giữ một lịch",
            at: "tại",
            due: "Hạn",
        },
        Language::En => Texts {
            meeting_tomorrow: "Cell meeting tomorrow",
            meeting_today: "Cell meeting today",
            meeting_soon: "Cell meeting within the hour",
            task_due: "Task due today",
            task_overdue: "Task overdue",
            moved: "Cell meeting moved",
            cancelled: "Cell meeting cancelled",
            published: "Cell meeting documents are out",
            scheduled: "New cell meeting",
            document: "New document",
            missed_month: "A month without the regular cell meeting",
            published_late: "Meeting documents went out late",
            probation: "Probation ending: hold the vote on official membership",
            cell_task_overdue: "A cell task is overdue",
            two_series: "The cell has two monthly series: keep one",
            at: "at",
            due: "Due",
        },
    }
}

impl App {
    /// The reminders due now and not shown yet, per the member's settings; each is returned once.
    pub fn due_reminders(&self) -> Result<Vec<Reminder>> {
        let mut store = self.store()?;
        let session = Session::of(&store)?;
        let Some(me) = session.me() else {
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
            for task in tasks {
                let Some(due_on) = task.task.due_on else {
                    continue;
                };
                // Overdue tasks come back once a week until they are done.
                let (key, title) = match due_on.cmp(&today) {
                    Ordering::Equal => (format!("task:{}:{today}", task.task.id), t.task_due),
                    Ordering::Less => (
                        format!(
                            "overdue:{}:{}",
                            task.task.id,
                            today.iso_week().week() + 100 * today.iso_week().year().unsigned_abs()
                        ),
                        t.task_overdue,
                    ),
                    Ordering::Greater => continue,
                };
                due.push(Reminder {
                    key,
                    title: title.to_owned(),
                    body: format!("{} — {} {}", task.task.title, t.due, format_date(due_on)),
                });
            }
        }
        let mut seen = Vec::new();
        if settings.notify_meeting_changes {
            seen = meeting_changes(&store, me.unit_id, now, &t, &mut due)?;
            seen.extend(new_documents(&store, now, &t, &mut due)?);
        }
        if settings.notify_meeting_day {
            super::reply_reminder::reply_reminder(&store, me, now, settings.language, &mut due)?;
        }
        // Notices are told whatever the settings: a committee says urgent when it means it.
        seen.extend(super::notice_reminders::notice_reminders(
            &store,
            me,
            now,
            settings.language,
            &mut due,
        )?);
        if settings.notify_meeting_changes && session.runs_unit(me.unit_id) {
            seen.extend(cell_checks(&store, me.unit_id, now, &t, &mut due)?);
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
        if !fresh.is_empty() || !seen.is_empty() {
            let at = now.to_rfc3339();
            store.write(|w| {
                for r in &fresh {
                    w.set_local(&format!("{}{}", keys::REMINDED, r.key), &at)?;
                }
                for (key, state) in &seen {
                    w.set_local(key, state)?;
                }
                Ok(())
            })?;
        }
        Ok(fresh)
    }
}

/// What the device knows of a meeting, to tell what changed since: its time, its status, and
/// whether its documents are out.
fn meeting_state(m: &Meeting) -> String {
    format!(
        "{}|{}|{}",
        m.starts_at.timestamp(),
        m.status,
        m.published_at.is_some()
    )
}

/// Notices of what other devices changed in the meetings of the next 60 days; returns the
/// states to remember. The first time (a new device, or this version's first run) it only
/// remembers, so nobody is told of every meeting at once.
fn meeting_changes(
    store: &Store,
    unit: Uuid,
    now: DateTime<Utc>,
    t: &Texts,
    due: &mut Vec<Reminder>,
) -> Result<Vec<(String, String)>> {
    let first_time = store.local(keys::SEEN_BASELINE)?.is_none();
    let mut seen = Vec::new();
    for (m, elsewhere) in store.meetings_changed_elsewhere(unit, now, now + Duration::days(60))? {
        let key = format!("{}{}", keys::SEEN_MEETING, m.id);
        let state = meeting_state(&m);
        let before = store.local(&key)?;
        if before.as_deref() == Some(state.as_str()) {
            continue;
        }
        if elsewhere && !first_time {
            let was = before.as_deref().map(|b| b.split('|').collect::<Vec<_>>());
            let title = match was.as_deref() {
                None if m.status == MeetingStatus::Planned => Some(t.scheduled),
                None => None,
                Some([_, status, _]) if m.status == MeetingStatus::Cancelled => {
                    (*status != "cancelled").then_some(t.cancelled)
                }
                Some([starts, _, _]) if *starts != m.starts_at.timestamp().to_string() => {
                    Some(t.moved)
                }
                Some([_, _, "false"]) if m.published_at.is_some() => Some(t.published),
                Some(_) => None,
            };
            if let Some(title) = title {
                due.push(Reminder {
                    key: format!("change:{}:{state}", m.id),
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
        seen.push((key, state));
    }
    if first_time {
        seen.push((keys::SEEN_BASELINE.to_owned(), now.to_rfc3339()));
    }
    Ok(seen)
}

/// How far back a newly arrived document is still news.
const DOCUMENT_NEWS_DAYS: i64 = 30;

/// Notices of the documents other devices published in the last month (a directive from the
/// committee above reaches the cell at its next sync); returns the ones to remember as told. The
/// first time, like the meetings, it only remembers.
fn new_documents(
    store: &Store,
    now: DateTime<Utc>,
    t: &Texts,
    due: &mut Vec<Reminder>,
) -> Result<Vec<(String, String)>> {
    let first_time = store.local(keys::SEEN_DOCUMENTS_BASELINE)?.is_none();
    let since = local_date(now) - Duration::days(DOCUMENT_NEWS_DAYS);
    let mut seen = Vec::new();
    for d in store.documents_from_elsewhere(since)? {
        let key = format!("{}{}", keys::SEEN_DOCUMENT, d.id);
        if store.local(&key)?.is_some() {
            continue;
        }
        if !first_time {
            let number = d
                .number
                .as_deref()
                .map(|n| format!("{n} — "))
                .unwrap_or_default();
            due.push(Reminder {
                key: format!("document:{}", d.id),
                title: t.document.to_owned(),
                body: format!("{number}{} ({})", d.title, d.issuer),
            });
        }
        seen.push((key, now.to_rfc3339()));
    }
    if first_time {
        seen.push((keys::SEEN_DOCUMENTS_BASELINE.to_owned(), now.to_rfc3339()));
    }
    Ok(seen)
}

/// The rule checks of the cell the device's committee runs: each finding is told once. New
/// findings of one check come as one notice (the first look at a cell with a dozen overdue tasks
/// is one line, not twelve); returns the findings to remember as told. A superior committee's own
/// unit has no cell to check: it reads the cells below on the dashboard.
fn cell_checks(
    store: &Store,
    unit: Uuid,
    now: DateTime<Utc>,
    t: &Texts,
    due: &mut Vec<Reminder>,
) -> Result<Vec<(String, String)>> {
    use sotay_core::checks::Finding;
    let mut seen = Vec::new();
    if store.require::<sotay_core::model::OrgUnit>(unit)?.level
        != sotay_core::model::UnitLevel::Cell
    {
        return Ok(seen);
    }
    let Some(cell) = crate::read::checks::unit_checks(store, unit, now)?
        .into_iter()
        .find(|c| c.unit_id == unit)
    else {
        return Ok(seen);
    };
    // New findings by check, in the checks' order.
    let mut groups: Vec<(&'static str, Vec<crate::read::checks::FindingView>)> = Vec::new();
    for f in cell.findings {
        let key = format!("{}{}", keys::SEEN_CHECK, f.key);
        if store.local(&key)?.is_some() {
            continue;
        }
        seen.push((key, now.to_rfc3339()));
        let check = match f.finding {
            Finding::MissedMonth { .. } => "missed",
            Finding::PublishedLate { .. } => "late",
            Finding::ProbationEnding { .. } => "probation",
            Finding::TaskOverdue { .. } => "overdue",
            Finding::TwoSeries { .. } => "series",
        };
        match groups.iter_mut().find(|(c, _)| *c == check) {
            Some((_, list)) => list.push(f),
            None => groups.push((check, vec![f])),
        }
    }
    for (_, findings) in groups {
        let lines: Vec<String> = findings
            .iter()
            .map(|f| match &f.finding {
                Finding::MissedMonth { year, month } => format!("{month}/{year}"),
                Finding::PublishedLate { starts_at, .. } => {
                    format!("{} — {}", f.subject, format_local(*starts_at))
                }
                Finding::ProbationEnding { ends_on, .. } => {
                    format!("{} — {}", f.subject, format_date(*ends_on))
                }
                Finding::TaskOverdue { due_on, .. } => {
                    format!("{} — {} {}", f.subject, t.due, format_date(*due_on))
                }
                Finding::TwoSeries { .. } => f.subject.clone(),
            })
            .collect();
        let Some(first) = findings.first() else {
            continue;
        };
        let title = match &first.finding {
            Finding::MissedMonth { .. } => t.missed_month,
            Finding::PublishedLate { .. } => t.published_late,
            Finding::ProbationEnding { .. } => t.probation,
            Finding::TaskOverdue { .. } => t.cell_task_overdue,
            Finding::TwoSeries { .. } => t.two_series,
        };
        due.push(Reminder {
            key: format!("check:{}", first.key),
            title: title.to_owned(),
            body: format!("{}: {}", cell.name, lines.join("; ")),
        });
    }
    Ok(seen)
}
