//! `sotay report`: the monitoring figures of the cells at or below a unit, as a table, JSON, or
//! a workbook or CSV for the reports upward; `sotay checks`: what the rule checks find there;
//! `sotay unit since`: from which day a unit is judged.

use super::args::{ReportOptions, TargetsOptions, UnitAction};
use super::ops::{Result, parse_opt_id, run};
use super::output::Out;
use chrono::NaiveDate;
use sotay_app::read::checks::ChecksArgs;
use sotay_app::reports::targets::TargetsArgs;
use sotay_app::reports::{
    ReportArgs, ReportFormat, report_file, report_file_name, rule_checks, set_targets, unit_report,
};
use sotay_core::report::{Figures, Share, Verdict, Verdicts};
use sotay_core::time::format_date;
use sotay_store::Store;
use std::io::Write;

fn percent(share: Share) -> String {
    share
        .rate()
        .map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

fn mark(s: Verdict) -> &'static str {
    match s {
        Verdict::Meets => "",
        Verdict::AtRisk => " (at risk)",
        Verdict::Missed => " (missed)",
        Verdict::NoData => "",
    }
}

pub fn report(store: &mut Store, options: &ReportOptions, out: &mut Out) -> Result {
    let ReportOptions {
        year,
        unit,
        csv,
        xlsx,
        pdf,
        server,
        output,
        json,
    } = options;
    if *server {
        return from_server(store, *year, unit.as_ref(), *json, out);
    }
    let file = match (*csv, *xlsx, *pdf) {
        (true, ..) => Some(ReportFormat::Csv),
        (_, true, _) => Some(ReportFormat::Xlsx),
        (.., true) => Some(ReportFormat::Pdf),
        _ => None,
    };
    let json = *json;
    let output = output.as_deref();
    let unit = super::ops::unit_or_mine(store, unit.as_ref())?;
    let report = run(
        store,
        unit_report,
        ReportArgs {
            unit_id: Some(unit),
            year: *year,
        },
    )?;
    if json {
        return Ok(out.json(&report)?);
    }
    if let Some(format) = file {
        let bytes = report_file(&report, format)?;
        let path = match (output, format) {
            (Some(path), _) => path.to_owned(),
            (None, ReportFormat::Csv) => {
                std::io::stdout().write_all(&bytes)?;
                return Ok(());
            }
            (None, ReportFormat::Xlsx | ReportFormat::Pdf) => {
                report_file_name(&report, format).into()
            }
        };
        std::fs::write(&path, &bytes)?;
        out.line(format!("Wrote {} ({} bytes)", path.display(), bytes.len()))?;
        return Ok(out.finish()?);
    }
    let heading = format!(
        "{} — {} as of {} ({} cells)",
        report.unit_name,
        report.year,
        format_date(report.as_of),
        report.cells.len()
    );
    let cells = report
        .cells
        .iter()
        .map(|c| (c.name.as_str(), &c.figures, &c.verdicts, c.in_sotay_since));
    print_cells(out, heading, cells)
}

/// A heading, then each cell's figures on a line.
fn print_cells<'a>(
    out: &mut Out,
    heading: String,
    cells: impl Iterator<Item = (&'a str, &'a Figures, &'a Verdicts, Option<NaiveDate>)>,
) -> Result {
    out.line(heading)?;
    for (name, figures, verdicts, since) in cells {
        out.line(cell_line(name, figures, verdicts, since))?;
    }
    Ok(out.finish()?)
}

/// One cell's figures on a line, as `sotay report` prints them from this store or the server's.
fn cell_line(name: &str, f: &Figures, s: &Verdicts, since: Option<NaiveDate>) -> String {
    let missed: Vec<String> = f.months_missed.iter().map(u32::to_string).collect();
    format!(
        "{}: {}regular {}{}{}, thematic {}{}, attendance {}{}, spoke {}{}, documents on time {}{}, tasks on time {}{}",
        name,
        since.map_or_else(String::new, |d| format!(
            "in Sotay since {} (nothing before it judged), ",
            format_date(d)
        )),
        f.regular_held,
        if missed.is_empty() {
            String::new()
        } else {
            format!(" (months missed: {})", missed.join(", "))
        },
        mark(s.regular),
        f.thematic_held,
        mark(s.thematic),
        percent(f.attendance),
        mark(s.attendance),
        percent(f.spoke),
        mark(s.spoke),
        percent(f.published_on_time),
        mark(s.published_on_time),
        percent(f.tasks_on_time),
        mark(s.tasks_on_time),
    )
}

/// `sotay checks`: what the rule checks found in the cells at or below a unit, a line each.
pub fn checks(store: &mut Store, unit: Option<&String>, json: bool, out: &mut Out) -> Result {
    use sotay_core::checks::Finding;
    use sotay_core::time::format_local;
    let unit = super::ops::unit_or_mine(store, unit)?;
    let cells = run(
        store,
        rule_checks,
        ChecksArgs {
            unit_id: Some(unit),
        },
    )?;
    if json {
        return Ok(out.json(&cells)?);
    }
    if cells.is_empty() {
        out.line("Nothing to attend to.")?;
    }
    for cell in &cells {
        out.line(format!("{} ({})", cell.name, cell.parent_name))?;
        for f in &cell.findings {
            out.line(match &f.finding {
                Finding::MissedMonth { year, month } => {
                    format!("  no regular meeting in {month:02}/{year}")
                }
                Finding::PublishedLate {
                    starts_at,
                    published_at,
                    ..
                } => format!(
                    "  documents late: {} on {} (out {})",
                    f.subject,
                    format_local(*starts_at),
                    published_at.map_or_else(|| "not yet".to_owned(), format_local)
                ),
                Finding::ProbationEnding { ends_on, .. } => format!(
                    "  probation ends {}: {} (hold the vote on official membership)",
                    format_date(*ends_on),
                    f.subject
                ),
                Finding::TaskOverdue { due_on, .. } => {
                    format!(
                        "  task overdue since {}: {}",
                        format_date(*due_on),
                        f.subject
                    )
                }
                Finding::TwoSeries { series_ids } => {
                    let ids: Vec<String> = series_ids.iter().map(|id| id.to_string()).collect();
                    format!(
                        "  two monthly series running: {} — keep one with `sotay series keep SERIES_ID` ({})",
                        f.subject,
                        ids.join(", ")
                    )
                }
            })?;
        }
    }
    Ok(out.finish()?)
}

/// `sotay report --server`: the figures as the connected server computes them, as JSON.
pub fn from_server(
    store: &Store,
    year: Option<i32>,
    unit: Option<&String>,
    json: bool,
    out: &mut Out,
) -> Result {
    let unit = super::ops::unit_or_mine(store, unit)?;
    let figures = sotay_sync_client::server_report(store, unit, year)?;
    if json {
        return Ok(out.json(&figures)?);
    }
    let heading = format!(
        "{} — {} as of {} ({} cells, from the server)",
        figures.unit_name,
        figures.year,
        figures
            .as_of
            .parse::<NaiveDate>()
            .map_or_else(|_| figures.as_of.clone(), format_date),
        figures.cells.len()
    );
    let cells = figures
        .cells
        .iter()
        .map(|c| (c.name.as_str(), &c.figures, &c.verdicts, c.in_sotay_since));
    print_cells(out, heading, cells)
}

/// `sotay targets`: the targets the unit's cells are measured against, set or cleared first
/// when asked.
pub fn targets(store: &mut Store, options: &TargetsOptions, out: &mut Out) -> Result {
    let TargetsOptions {
        unit,
        regular,
        acceptable,
        thematic,
        attendance,
        spoke,
        published,
        tasks,
        quorum,
        clear,
        json,
    } = options;
    let unit = super::ops::unit_or_mine(store, unit.as_ref())?;
    let this_year = ReportArgs {
        unit_id: Some(unit),
        year: None,
    };
    let current = run(store, unit_report, this_year.clone())?.targets;
    let asked = [
        regular, acceptable, thematic, attendance, spoke, published, tasks, quorum,
    ]
    .iter()
    .any(|v| v.is_some());
    if asked || *clear {
        let rate = |p: &Option<i64>, was: f64| p.map_or(was, |p| p as f64 / 100.0);
        let new = sotay_core::report::Targets {
            regular_meetings: regular.unwrap_or(current.regular_meetings),
            regular_acceptable: acceptable.unwrap_or(current.regular_acceptable),
            thematic_meetings: thematic.unwrap_or(current.thematic_meetings),
            attendance: rate(attendance, current.attendance),
            spoke: rate(spoke, current.spoke),
            published_on_time: rate(published, current.published_on_time),
            tasks_on_time: rate(tasks, current.tasks_on_time),
            quorum: rate(quorum, current.quorum),
        };
        let args = TargetsArgs {
            unit_id: Some(unit),
            targets: new,
            clear: *clear,
        };
        run(store, set_targets, args)?;
    }
    let shown = run(store, unit_report, this_year)?.targets;
    if *json {
        return Ok(out.json(&shown)?);
    }
    out.line(format!(
        "Regular meetings {} a year (at least {} is at risk), thematic {}; attendance {:.0}%, spoke {:.0}%, documents on time {:.0}%, tasks on time {:.0}%; quorum more than {:.0}% of the official members.",
        shown.regular_meetings,
        shown.regular_acceptable,
        shown.thematic_meetings,
        shown.attendance * 100.0,
        shown.spoke * 100.0,
        shown.published_on_time * 100.0,
        shown.tasks_on_time * 100.0,
        shown.quorum * 100.0
    ))?;
    if asked || *clear {
        out.line("Run `sotay sync` to send them to the units below.")?;
    }
    Ok(out.finish()?)
}

/// `sotay unit since DATE [--unit ID] | --clear`.
pub fn unit(store: &mut Store, action: &UnitAction, out: &mut Out) -> Result {
    let UnitAction::Since {
        date,
        unit,
        clear,
        json,
    } = action;
    let args = sotay_app::views::UnitSinceArgs {
        unit_id: parse_opt_id(unit.as_ref())?,
        since: if *clear { None } else { date.clone() },
    };
    let view = run(store, sotay_app::reports::set_unit_since, args)?;
    if *json {
        return Ok(out.json(&view)?);
    }
    let line = match (view.in_sotay_since, view.since) {
        (Some(own), _) => format!(
            "{} keeps its record in Sotay from {}: nothing before it is judged. Run `sotay sync` to send it.",
            view.name,
            format_date(own)
        ),
        (None, Some(above)) => format!(
            "{} goes by the day of the unit above it: {}. Run `sotay sync` to send it.",
            view.name,
            format_date(above)
        ),
        (None, None) => format!(
            "{} has no day it started in Sotay: every month of the year is judged. Run `sotay sync` to send it.",
            view.name
        ),
    };
    out.line(line)?;
    Ok(out.finish()?)
}
