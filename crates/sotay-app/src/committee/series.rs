//! The monthly regular meeting as a series: an RFC 5545 rule ("on the 20th at 19:30"), whose
//! occurrences of the coming year are scheduled as meetings at once, each with its agenda from the
//! template, so members see them, send absence notices and get reminders offline. One occurrence
//! is changed like any meeting (it keeps the occurrence it stands for); the series is changed
//! from a date on by ending it the day before and starting a new one, and the meetings ahead are
//! moved to the new rule.

use super::args::{EditSeriesArgs, ScheduleSeriesArgs};
use super::{meeting_view_here, require_runs};
use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::views::{IdArgs, MeetingView};
use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc};
use sotay_core::ErrorKind;
use sotay_core::Record;
use sotay_core::id::derived_id;
use sotay_core::model::{AgendaItem, Meeting, MeetingKind, MeetingSeries, MeetingStatus};
use sotay_core::recurrence::{self, MonthlyOnDay};
use sotay_core::text::entered;
use sotay_core::time::{ZONE, parse_date, start_of_day};
use sotay_store::Writer;
use uuid::Uuid;

/// How far ahead a series' meetings are scheduled.
const HORIZON_DAYS: i64 = 366;

fn parse_time(input: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(input.trim(), "%H:%M").map_err(|_| {
        AppError::new(
            ErrorKind::Invalid,
            format!("time: {input:?} is not a time HH:MM (19:30)"),
        )
    })
}

/// The meeting of `series` for its occurrence at `at`: one id on every device that makes it.
fn occurrence_meeting(series: &MeetingSeries, at: DateTime<Utc>, topic: &str) -> Meeting {
    let local = at.with_timezone(&ZONE);
    Meeting {
        id: derived_id(
            "occurrence",
            series.id,
            Uuid::from_u64_pair(0, u64::try_from(at.timestamp_millis()).unwrap_or(0)),
        ),
        series_id: Some(series.id),
        occurrence_at: Some(at),
        duration_minutes: series.duration_minutes,
        ..Meeting::planned(
            series.unit_id,
            series.kind,
            at,
            series.place.clone(),
            format!("{topic} tháng {:02}/{}", local.month(), local.year()),
        )
    }
}

/// The occurrences of `series` still ahead of `now`, from `from` on, for the coming year.
fn ahead(
    series: &MeetingSeries,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>> {
    let start = from.max(now + Duration::minutes(1));
    Ok(recurrence::occurrences(
        &series.rrule,
        start,
        now + Duration::days(HORIZON_DAYS),
        24,
    )?)
}

fn insert_occurrence(w: &mut Writer<'_>, meeting: &Meeting) -> sotay_store::Result<()> {
    w.insert(meeting)?;
    AgendaItem::from_template(meeting.id, meeting.kind)
        .iter()
        .try_for_each(|item| w.insert(item))
}

/// Schedules the monthly regular meeting as a series and its meetings of the coming year;
/// answers with the first meeting.
pub fn schedule_series(cx: &mut Cx, args: ScheduleSeriesArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let unit_id = session.unit_or_mine(args.unit_id)?;
    require_runs(session, unit_id)?;
    let from = parse_date("from", &args.from)?;
    let rule = MonthlyOnDay {
        day: args.day,
        time: parse_time(&args.time)?,
        from,
    };
    let series = MeetingSeries {
        id: sotay_core::id::new_id(),
        unit_id,
        kind: MeetingKind::Regular,
        title: entered(Some(&args.title)).unwrap_or_default(),
        rrule: rule.to_ical()?,
        duration_minutes: args.duration_minutes,
        place: entered(Some(&args.place)).unwrap_or_default(),
    };
    series.validate()?;
    let running = running_series(store, unit_id, now)?;
    if let (false, Some(running)) = (args.also, running.first()) {
        return Err(AppError::new(
            ErrorKind::SecondSeries,
            format!(
                "this cell already has a monthly regular series (“{}”, {}): another would make two regular meetings a month; confirm to make it all the same",
                running.title, running.id
            ),
        ));
    }
    let meetings: Vec<Meeting> = ahead(&series, start_of_day(from), now)?
        .into_iter()
        .map(|at| occurrence_meeting(&series, at, &series.title))
        .collect();
    let first = meetings.first().map(|m| m.id).ok_or_else(|| {
        AppError::new(
            ErrorKind::InThePast,
            "the series has no meeting in the coming year from that day",
        )
    })?;
    store.write(|w| {
        w.insert(&series)?;
        meetings.iter().try_for_each(|m| insert_occurrence(w, m))
    })?;
    meeting_view_here(cx, first)
}

/// Changes the series from a day on: the old rule ends the day before, a new series starts with
/// the new day, time and place, and the meetings ahead move to it (their notices and agendas
/// with them); a meeting left over is cancelled, one missing is scheduled. Answers with the
/// series' first meeting from then.
pub fn edit_series(cx: &mut Cx, args: EditSeriesArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let old: MeetingSeries = store.require(args.series_id)?;
    require_runs(session, old.unit_id)?;
    let from = parse_date("from", &args.from)?;
    let cut = start_of_day(from);
    let new = MeetingSeries {
        id: sotay_core::id::new_id(),
        rrule: MonthlyOnDay {
            day: args.day,
            time: parse_time(&args.time)?,
            from,
        }
        .to_ical()?,
        duration_minutes: args.duration_minutes,
        place: entered(Some(&args.place)).unwrap_or_default(),
        ..old.clone()
    };
    new.validate()?;
    let ended = recurrence::end_before(&old.rrule, cut)?;
    let moving: Vec<Meeting> = store
        .series_meetings(old.id)?
        .into_iter()
        .filter(|m| {
            m.status == MeetingStatus::Planned
                && m.starts_at > now
                && m.occurrence_at.is_some_and(|o| o >= cut)
        })
        .collect();
    let times = ahead(&new, cut, now)?;
    let Some(first) = times.first().copied() else {
        return Err(AppError::new(
            ErrorKind::InThePast,
            "the new rule has no meeting in the coming year from that day",
        ));
    };
    let mut first_id = None;
    store.write(|w| {
        w.modify::<MeetingSeries>(old.id, |s| s.rrule = ended.clone())?;
        w.insert(&new)?;
        for (i, at) in times.iter().enumerate() {
            match moving.get(i) {
                Some(m) => {
                    w.modify::<Meeting>(m.id, |m| {
                        m.series_id = Some(new.id);
                        m.occurrence_at = Some(*at);
                        m.starts_at = *at;
                        m.place = new.place.clone();
                        m.duration_minutes = new.duration_minutes;
                    })?;
                    if *at == first {
                        first_id = Some(m.id);
                    }
                }
                None => {
                    let m = occurrence_meeting(&new, *at, &new.title);
                    if *at == first {
                        first_id = Some(m.id);
                    }
                    insert_occurrence(w, &m)?;
                }
            }
        }
        for m in moving.iter().skip(times.len()) {
            w.modify::<Meeting>(m.id, |m| m.status = MeetingStatus::Cancelled)?;
        }
        Ok(())
    })?;
    let first = first_id
        .ok_or_else(|| AppError::new(ErrorKind::NotFound, "the series has no meeting ahead"))?;
    meeting_view_here(cx, first)
}

/// The unit's monthly regular series that still have a meeting to come.
pub(crate) fn running_series(
    store: &sotay_store::Store,
    unit: Uuid,
    now: DateTime<Utc>,
) -> sotay_store::Result<Vec<MeetingSeries>> {
    let mut out = Vec::new();
    for series in store.unit_series(unit)? {
        if series.kind != MeetingKind::Regular {
            continue;
        }
        let next =
            recurrence::occurrences(&series.rrule, now, now + Duration::days(HORIZON_DAYS), 1)?;
        if !next.is_empty() {
            out.push(series);
        }
    }
    Ok(out)
}

/// Keeps one of a cell's monthly regular series (two were made on two devices offline): every
/// other one still running ends today (or, not begun yet, is taken away), and its planned
/// meetings ahead are cancelled (kept, so members see why). Answers with the kept series' next meeting.
pub fn keep_series(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let kept: MeetingSeries = store.require(id)?;
    require_runs(session, kept.unit_id)?;
    let others: Vec<MeetingSeries> = running_series(store, kept.unit_id, now)?
        .into_iter()
        .filter(|s| s.id != kept.id)
        .collect();
    let cut = start_of_day(sotay_core::time::local_date(now) + Duration::days(1));
    let mut ended = Vec::with_capacity(others.len());
    for series in &others {
        let meetings: Vec<Meeting> = store
            .series_meetings(series.id)?
            .into_iter()
            .filter(|m| m.status == MeetingStatus::Planned && m.starts_at > now)
            .collect();
        // A series that has not begun yet is taken away; one that has ends today.
        let rule = match recurrence::first_occurrence(&series.rrule)? {
            Some(first) if first < cut => Some(recurrence::end_before(&series.rrule, cut)?),
            _ => None,
        };
        ended.push((series.id, rule, meetings));
    }
    store.write(|w| {
        for (series, rule, meetings) in &ended {
            match rule {
                Some(rule) => {
                    w.modify::<MeetingSeries>(*series, |s| s.rrule = rule.clone())?;
                }
                None => w.delete(sotay_core::EntityKind::MeetingSeries, *series)?,
            }
            for m in meetings {
                w.modify::<Meeting>(m.id, |m| m.status = MeetingStatus::Cancelled)?;
            }
        }
        Ok(())
    })?;
    let next = store
        .series_meetings(kept.id)?
        .into_iter()
        .find(|m| m.status == MeetingStatus::Planned && m.starts_at > now)
        .ok_or_else(|| {
            AppError::new(ErrorKind::NotFound, "the kept series has no meeting ahead")
        })?;
    meeting_view_here(cx, next.id)
}
