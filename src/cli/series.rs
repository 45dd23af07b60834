//! `sotay series new|edit|keep`: the monthly regular meeting as a series of the coming year's
//! meetings, and which of two to keep.

use super::args::{SeriesAction, SeriesRule};
use super::ops::{Result, parse_id, parse_opt_id, run};
use super::output::Out;
use super::show;
use sotay_app::committee::{self, args::*};
use sotay_core::model::Meeting;
use sotay_store::Store;
use uuid::Uuid;

pub fn series(store: &mut Store, action: &SeriesAction, out: &mut Out) -> Result {
    let (first, json) = match action {
        SeriesAction::New {
            unit,
            rule,
            title,
            also,
            json,
        } => {
            let args = ScheduleSeriesArgs {
                also: *also,
                unit_id: parse_opt_id(unit.as_ref())?,
                day: rule.day,
                time: rule.time.clone(),
                from: rule.from.clone(),
                duration_minutes: rule.duration,
                place: rule.place.clone(),
                title: title.clone(),
            };
            let view = run(store, committee::schedule_series, args).map_err(also_hint)?;
            (view, *json)
        }
        SeriesAction::Keep { series, json } => {
            let args = sotay_app::views::IdArgs {
                id: parse_id(series)?,
            };
            (run(store, committee::keep_series, args)?, *json)
        }
        SeriesAction::Edit { series, rule, json } => {
            let SeriesRule {
                day,
                time,
                from,
                place,
                duration,
            } = rule;
            let args = EditSeriesArgs {
                series_id: parse_id(series)?,
                from: from.clone(),
                day: *day,
                time: time.clone(),
                duration_minutes: *duration,
                place: place.clone(),
            };
            (run(store, committee::edit_series, args)?, *json)
        }
    };
    let first = first.meeting.id;
    if json {
        return show::meeting(store, first, true, out);
    }
    let meeting: Meeting = store.require(first)?;
    let count = meeting
        .series_id
        .map(|s| store.series_meetings(s))
        .transpose()?
        .map_or(0, |list| {
            list.iter()
                .filter(|m| m.starts_at >= meeting.starts_at)
                .count()
        });
    out.line(format!(
        "Series {} — {count} meetings ahead, the first {} (meeting {first}). Run `sotay sync` to send it.",
        meeting.series_id.unwrap_or(Uuid::nil()),
        sotay_core::time::format_local(meeting.starts_at),
    ))?;
    Ok(out.finish()?)
}

/// A second monthly series is made only when confirmed: on the command line, by --also.
fn also_hint(e: super::error::CliError) -> super::error::CliError {
    use sotay_app::{AppError, ErrorKind};
    match e {
        super::error::CliError::App(AppError {
            kind: ErrorKind::SecondSeries,
            message,
        }) => AppError::new(
            ErrorKind::SecondSeries,
            format!("{message}: run again with --also to make it"),
        )
        .into(),
        other => other,
    }
}
