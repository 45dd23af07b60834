//! What each command does: open the store, ask it, print the answer.

use super::args::{Cli, Command, DemoSize, KindArg};
use super::error::CliError;
use super::output::Out;
use chrono::{Duration, NaiveTime, TimeZone, Utc};
use sotay_core::model::{Document, MeetingKind, ResolutionStatus};
use sotay_core::time::{ZONE, format_date, format_local, parse_date};
use sotay_store::Store;
use sotay_store::queries::{MeetingQuery, TaskQuery};
use std::path::PathBuf;
use std::time::Instant;
use uuid::Uuid;

type Result<T = ()> = std::result::Result<T, CliError>;

fn store_path(cli: &Cli) -> Result<PathBuf> {
    if let Some(p) = &cli.store {
        return Ok(p.clone());
    }
    directories::ProjectDirs::from("vn", "Sotay", "sotay")
        .map(|d| d.data_dir().join("sotay.db"))
        .ok_or(CliError::NoDataDir)
}

/// Opens an existing store: reading commands never create one at a mistyped path.
fn open_existing(cli: &Cli) -> Result<Store> {
    let path = store_path(cli)?;
    if !path.exists() {
        return Err(CliError::NoStore(path));
    }
    Ok(Store::open(&path)?)
}

fn parse_id(input: &str) -> Result<Uuid> {
    Uuid::parse_str(input.trim()).map_err(|_| CliError::BadId(input.to_owned()))
}

fn parse_opt_id(input: Option<&String>) -> Result<Option<Uuid>> {
    input.map(|s| parse_id(s)).transpose()
}

/// The start of a local day, as UTC.
fn day_start(field: &'static str, input: &str) -> Result<chrono::DateTime<Utc>> {
    let date = parse_date(field, input)?;
    Ok(ZONE
        .from_local_datetime(&date.and_time(NaiveTime::MIN))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default())
}

fn kind_of(k: KindArg) -> MeetingKind {
    match k {
        KindArg::Regular => MeetingKind::Regular,
        KindArg::Thematic => MeetingKind::Thematic,
        KindArg::Pilot => MeetingKind::Pilot,
        KindArg::ExperienceSharing => MeetingKind::ExperienceSharing,
    }
}

pub fn dispatch(cli: &Cli, out: &mut Out) -> Result {
    match &cli.command {
        Command::Demo {
            size,
            years,
            seed,
            training,
        } => demo(cli, *size, *years, *seed, *training, out),
        Command::UiBridge { ui, listen } => super::bridge::run(&store_path(cli)?, ui, listen, out),
        Command::Serve {
            data,
            database_url,
            listen,
        } => super::server::serve(&super::server::db(data, database_url)?, listen, out),
        Command::Invite {
            data,
            database_url,
            unit,
            admin,
        } => super::server::invite(
            &super::server::db(data, database_url)?,
            unit.as_deref(),
            *admin,
            out,
        ),
        Command::Connect { server, invite } => {
            super::server::connect(&store_path(cli)?, server, invite, out)
        }
        Command::Sync { watch: true, json } => {
            drop(open_existing(cli)?);
            super::server::watch(&store_path(cli)?, *json, out)
        }
        Command::Sync { watch: false, json } => {
            super::server::sync(&mut open_existing(cli)?, *json, out)
        }
        Command::Units { json } => {
            let units = open_existing(cli)?.units()?;
            if *json {
                return Ok(out.json(&units)?);
            }
            let rows: Vec<Vec<String>> = units
                .iter()
                .map(|u| {
                    vec![
                        u.id.to_string(),
                        u.level.to_string(),
                        u.members.to_string(),
                        u.name.clone(),
                    ]
                })
                .collect();
            Ok(out.table(&["ID", "LEVEL", "MEMBERS", "NAME"], &rows)?)
        }
        Command::Members { unit, limit, json } => {
            let store = open_existing(cli)?;
            let members = store.members(parse_opt_id(unit.as_ref())?, *limit)?;
            if *json {
                return Ok(out.json(&members)?);
            }
            let rows: Vec<Vec<String>> = members
                .iter()
                .map(|m| {
                    let mut notes = Vec::new();
                    if m.exempt {
                        notes.push("exempt");
                    }
                    if m.temporarily_attached {
                        notes.push("attached");
                    }
                    vec![
                        m.id.to_string(),
                        m.standing.to_string(),
                        m.role.to_string(),
                        notes.join(","),
                        m.full_name.clone(),
                    ]
                })
                .collect();
            Ok(out.table(&["ID", "STANDING", "ROLE", "NOTES", "NAME"], &rows)?)
        }
        Command::Meetings {
            upcoming,
            unit,
            kind,
            from,
            to,
            limit,
            json,
        } => {
            let store = open_existing(cli)?;
            let mut q = MeetingQuery {
                unit_id: parse_opt_id(unit.as_ref())?,
                kind: kind.map(kind_of),
                limit: *limit,
                ..MeetingQuery::default()
            };
            if *upcoming {
                q.from = Some(Utc::now());
            } else if from.is_some() || to.is_some() {
                q.from = from.as_deref().map(|f| day_start("from", f)).transpose()?;
                q.to = to
                    .as_deref()
                    .map(|t| day_start("to", t).map(|d| d + Duration::days(1)))
                    .transpose()?;
            } else {
                // History: the latest meetings up to now (what is coming is `--upcoming`).
                q.to = Some(Utc::now());
                q.newest_first = true;
            }
            let meetings = store.meetings(&q)?;
            if *json {
                return Ok(out.json(&meetings)?);
            }
            let rows: Vec<Vec<String>> = meetings
                .iter()
                .map(|m| {
                    vec![
                        m.starts_at_local.clone(),
                        m.id.to_string(),
                        m.kind.to_string(),
                        m.status.to_string(),
                        m.unit_name.clone(),
                        m.topic.clone(),
                    ]
                })
                .collect();
            Ok(out.table(&["WHEN", "ID", "KIND", "STATUS", "CELL", "TOPIC"], &rows)?)
        }
        Command::Meeting { id, json } => {
            let detail = open_existing(cli)?.meeting_detail(parse_id(id)?)?;
            if *json {
                return Ok(out.json(&detail)?);
            }
            show_meeting(&detail, out)
        }
        Command::Documents { unit, limit, json } => {
            let docs = open_existing(cli)?.documents(parse_opt_id(unit.as_ref())?, *limit)?;
            if *json {
                return Ok(out.json(&docs)?);
            }
            let rows: Vec<Vec<String>> = docs
                .iter()
                .map(|d| {
                    vec![
                        format_date(d.issued_on),
                        d.id.to_string(),
                        d.number.clone().unwrap_or_default(),
                        d.title.clone(),
                    ]
                })
                .collect();
            Ok(out.table(&["ISSUED", "ID", "NUMBER", "TITLE"], &rows)?)
        }
        Command::Document { id, json } => {
            let doc: Document = open_existing(cli)?.require(parse_id(id)?)?;
            if *json {
                return Ok(out.json(&doc)?);
            }
            out.line(format!(
                "{} {}",
                doc.number.as_deref().unwrap_or(""),
                doc.title
            ))?;
            out.line(format!("{} · {}", doc.issuer, format_date(doc.issued_on)))?;
            out.line("")?;
            out.line(&doc.body)?;
            Ok(out.finish()?)
        }
        Command::Resolutions {
            unit,
            drafts,
            limit,
            json,
        } => {
            let status = drafts.then_some(ResolutionStatus::Draft);
            let list =
                open_existing(cli)?.resolutions(parse_opt_id(unit.as_ref())?, status, *limit)?;
            if *json {
                return Ok(out.json(&list)?);
            }
            let rows: Vec<Vec<String>> = list
                .iter()
                .map(|r| {
                    let tally = r.tally().map_or(String::new(), |t| {
                        format!("{}/{}/{}", t.votes_for, t.votes_against, t.votes_abstain)
                    });
                    vec![
                        r.adopted_on.map(format_date).unwrap_or_default(),
                        r.id.to_string(),
                        r.status.to_string(),
                        tally,
                        r.title.clone(),
                    ]
                })
                .collect();
            Ok(out.table(
                &["ADOPTED", "ID", "STATUS", "FOR/AGAINST/ABSTAIN", "TITLE"],
                &rows,
            )?)
        }
        Command::Tasks {
            unit,
            member,
            open,
            limit,
            json,
        } => {
            let q = TaskQuery {
                unit_id: parse_opt_id(unit.as_ref())?,
                member_id: parse_opt_id(member.as_ref())?,
                open_only: *open,
                limit: *limit,
            };
            let tasks = open_existing(cli)?.tasks(&q)?;
            if *json {
                return Ok(out.json(&tasks)?);
            }
            let rows: Vec<Vec<String>> = tasks
                .iter()
                .map(|t| {
                    let status = if t.overdue {
                        format!("{} (overdue)", t.task.status)
                    } else {
                        t.task.status.to_string()
                    };
                    let who: Vec<&str> = t.assignees.iter().map(|a| a.full_name.as_str()).collect();
                    vec![
                        t.task.due_on.map(format_date).unwrap_or_default(),
                        t.task.id.to_string(),
                        status,
                        who.join(", "),
                        t.task.title.clone(),
                    ]
                })
                .collect();
            Ok(out.table(&["DUE", "ID", "STATUS", "ASSIGNED TO", "TITLE"], &rows)?)
        }
        Command::Activity { limit, json } => {
            let feed = open_existing(cli)?.activity(None, *limit)?;
            if *json {
                return Ok(out.json(&feed)?);
            }
            let rows: Vec<Vec<String>> = feed
                .iter()
                .map(|a| {
                    vec![
                        format_local(a.at),
                        a.kind.clone(),
                        a.action.to_owned(),
                        a.title.clone(),
                    ]
                })
                .collect();
            Ok(out.table(&["WHEN", "KIND", "ACTION", "TITLE"], &rows)?)
        }
        Command::Search { query, limit, json } => {
            let hits = open_existing(cli)?.search(query, *limit)?;
            if *json {
                return Ok(out.json(&hits)?);
            }
            for h in &hits {
                out.line(format!("{}  {}  {}", h.kind, h.id, h.title))?;
                out.line(format!("    {}", bracketed(&h.snippet)))?;
            }
            if hits.is_empty() {
                out.line("(no results)")?;
            }
            Ok(out.finish()?)
        }
        Command::Conflicts { all, limit, json } => {
            let conflicts = open_existing(cli)?.conflicts(!all, *limit)?;
            if *json {
                return Ok(out.json(&conflicts)?);
            }
            let rows: Vec<Vec<String>> = conflicts
                .iter()
                .map(|c| {
                    let lost: String = c.lost.chars().take(60).collect();
                    vec![
                        format_local(c.detected_at),
                        c.kind.to_string(),
                        format!("{} {}", c.entity, c.record_id),
                        c.field.clone(),
                        lost,
                    ]
                })
                .collect();
            Ok(out.table(&["WHEN", "WHY", "RECORD", "FIELD", "VALUE NOT KEPT"], &rows)?)
        }
        Command::Status { json } => {
            let status = open_existing(cli)?.status()?;
            if *json {
                return Ok(out.json(&status)?);
            }
            out.line(format!("store:            {}", store_path(cli)?.display()))?;
            out.line(format!("client id:        {}", status.client_id))?;
            out.line(format!("schema version:   {}", status.schema_version))?;
            out.line(format!("pending changes:  {}", status.pending_changes))?;
            if status.demo {
                out.line("demo data:        yes (never pushed to a server)")?;
            }
            for (kind, n) in &status.records {
                out.line(format!("  {kind:<16}{n}"))?;
            }
            Ok(out.finish()?)
        }
    }
}

/// A snippet with its matches in [brackets], for terminals.
fn bracketed(s: &sotay_store::search::Snippet) -> String {
    let mut out = String::new();
    for (i, c) in s.text.chars().enumerate() {
        if s.highlights.iter().any(|h| h.0 == i) {
            out.push('[');
        }
        out.push(c);
        if s.highlights.iter().any(|h| h.1 == i + 1) {
            out.push(']');
        }
    }
    out
}

fn demo(
    cli: &Cli,
    size: DemoSize,
    years: Option<u32>,
    seed: u64,
    training: bool,
    out: &mut Out,
) -> Result {
    let path = store_path(cli)?;
    let mut store = Store::open(&path)?;
    let size = match size {
        DemoSize::Cell => sotay_demo::Size::Cell,
        DemoSize::Commune => sotay_demo::Size::Commune,
        DemoSize::District => sotay_demo::Size::District,
    };
    let options = sotay_demo::Options {
        size,
        years: years.unwrap_or(size.default_years()),
        seed,
        now: Utc::now(),
        mark_demo: !training,
    };
    let started = Instant::now();
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {bar:40} {pos}/{len} cells  {elapsed} (about {eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let summary = sotay_demo::generate(&mut store, &options, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    out.line(format!(
        "Demo data in {}: {} units ({} cells), {} members, {} meetings, {} tasks, {} documents, in {:.1} s.",
        path.display(),
        summary.units,
        summary.cells,
        summary.members,
        summary.meetings,
        summary.tasks,
        summary.documents,
        started.elapsed().as_secs_f64()
    ))?;
    Ok(out.finish()?)
}

fn show_meeting(d: &sotay_store::queries::MeetingDetail, out: &mut Out) -> Result {
    let s = &d.summary;
    out.line(&s.topic)?;
    out.line(format!(
        "{} · {} · {} · {} min · {}",
        s.unit_name, s.kind, s.status, s.duration_minutes, s.place
    ))?;
    out.line(format!("When: {}", s.starts_at_local))?;
    if let Some(g) = &d.guests {
        out.line(format!("Guests: {g}"))?;
    }
    if !d.agenda.is_empty() {
        out.line("\nAgenda:")?;
        for (i, item) in d.agenda.iter().enumerate() {
            out.line(format!("  {:>2}. {}", i + 1, item.title))?;
        }
    }
    if let Some(rc) = &d.roll_call {
        out.line(format!(
            "\nRoll call: {} present of {} ({} official, {} probationary, {} excused)",
            rc.present, rc.total, rc.official, rc.probationary, rc.excused
        ))?;
        for a in &rc.absent_with_reason {
            out.line(format!(
                "  absent with reason: {} ({})",
                a.full_name,
                a.reason.as_deref().unwrap_or("")
            ))?;
        }
        for a in &rc.absent_without_reason {
            out.line(format!("  absent without reason: {}", a.full_name))?;
        }
    }
    for doc in &d.documents {
        out.line(format!(
            "\nPaper: {} ({})",
            doc.title,
            format_date(doc.issued_on)
        ))?;
    }
    for r in &d.resolutions {
        let tally = r.tally().map_or(String::new(), |t| {
            format!(
                " — {} for, {} against, {} abstaining",
                t.votes_for, t.votes_against, t.votes_abstain
            )
        });
        out.line(format!("\nResolution: {} [{}]{tally}", r.title, r.status))?;
    }
    if !d.contributions.is_empty() {
        out.line("\nContributions:")?;
        for c in &d.contributions {
            out.line(format!("  {} ({}): {}", c.member_name, c.kind, c.body))?;
        }
    }
    if !d.tasks.is_empty() {
        out.line("\nTasks:")?;
        for t in &d.tasks {
            let who: Vec<&str> = t.assignees.iter().map(|a| a.full_name.as_str()).collect();
            out.line(format!(
                "  [{}] {} — {} (due {})",
                t.task.status,
                t.task.title,
                who.join(", "),
                t.task.due_on.map(format_date).unwrap_or_default()
            ))?;
        }
    }
    if let Some(m) = &d.minutes {
        out.line("\nMinutes:")?;
        out.line(m)?;
    }
    Ok(out.finish()?)
}
