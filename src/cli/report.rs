//! `sotay report`: the monitoring figures of the cells at or below a unit, as a table, JSON, or
//! a workbook or CSV for the reports upward; `sotay checks`: what the rule checks find there.

use super::args::{ReportOptions, TargetsOptions};
use super::ops::{Result, run};
use super::output::Out;
use sotay_app::read::checks::ChecksArgs;
use sotay_app::reports::targets::TargetsArgs;
use sotay_app::reports::{
    ReportArgs, ReportFormat, report_file, report_file_name, rule_checks, set_targets, unit_report,
};
use sotay_core::report::{Share, Verdict};
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
        return from_server(store, *year, unit.as_ref(), out);
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
    out.line(format!(
        "{} — {} as of {} ({} cells)",
        report.unit_name,
        report.year,
        sotay_core::time::format_date(report.as_of),
        report.cells.len()
    ))?;
    for c in &report.cells {
        let (f, s) = (&c.figures, &c.verdicts);
        let missed: Vec<String> = f.months_missed.iter().map(u32::to_string).collect();
        out.line(format!(
            "{}: regular {}{}{}, thematic {}{}, attendance {}{}, spoke {}{}, documents on time {}{}, tasks on time {}{}",
            c.name,
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
        ))?;
    }
    Ok(out.finish()?)
}

/// `sotay checks`: what the rule checks found in the cells at or below a unit, a line each.
pub fn checks(store: &mut Store, unit: Option<&String>, json: bool, out: &mut Out) -> Result {
    use sotay_core::checks::Finding;
    use sotay_core::time::{format_date, format_local};
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
    out: &mut Out,
) -> Result {
    let unit = super::ops::unit_or_mine(store, unit)?;
    let figures = sotay_sync_client::server_report(store, unit, year)?;
    Ok(out.json(&figures)?)
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
        regular, acceptable, thematic, attendance, spoke, published, tasks,
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
        "Regular meetings {} a year (at least {} is at risk), thematic {}; attendance {:.0}%, spoke {:.0}%, documents on time {:.0}%, tasks on time {:.0}%.",
        shown.regular_meetings,
        shown.regular_acceptable,
        shown.thematic_meetings,
        shown.attendance * 100.0,
        shown.spoke * 100.0,
        shown.published_on_time * 100.0,
        shown.tasks_on_time * 100.0
    ))?;
    if asked || *clear {
        out.line("Run `sotay sync` to send them to the units below.")?;
    }
    Ok(out.finish()?)
}
