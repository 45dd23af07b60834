//! The listing commands: each reads the store through `sotay_app::read`, the same views the
//! desktop screens show, and prints them as JSON or as an aligned table.

use super::args::KindArg;
use super::error::CliError;
use super::ops::{Result, parse_opt_id};
use super::output::Out;
use chrono::{DateTime, Utc};
use sotay_app::read;
use sotay_core::model::{MeetingKind, ResolutionStatus};
use sotay_core::time::{
    end_of_day, format_date, format_local, local_date, parse_date, start_of_day,
};
use sotay_store::Store;
use sotay_store::queries::{MeetingQuery, TaskQuery};

pub(super) fn kind_of(k: KindArg) -> MeetingKind {
    match k {
        KindArg::Regular => MeetingKind::Regular,
        KindArg::Thematic => MeetingKind::Thematic,
        KindArg::Pilot => MeetingKind::Pilot,
        KindArg::ExperienceSharing => MeetingKind::ExperienceSharing,
    }
}

/// Which meetings `sotay meetings` lists.
#[derive(Debug, Clone, Copy)]
pub enum When {
    /// From now on, soonest first.
    Upcoming,
    /// Between two local days (inclusive), soonest first.
    Between(Option<DateTime<Utc>>, Option<DateTime<Utc>>),
    /// The latest up to now (history), newest first.
    History,
}

impl When {
    pub fn of(upcoming: bool, from: Option<&str>, to: Option<&str>) -> Result<When> {
        if upcoming {
            return Ok(When::Upcoming);
        }
        if from.is_none() && to.is_none() {
            return Ok(When::History);
        }
        let from = from.map(|f| parse_date("from", f)).transpose()?;
        let to = to.map(|t| parse_date("to", t)).transpose()?;
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(CliError::ReversedRange {
                from: "--from",
                to: "--to",
            });
        }
        Ok(When::Between(from.map(start_of_day), to.map(end_of_day)))
    }
}

pub fn units(store: &Store, json: bool, out: &mut Out) -> Result {
    let units = read::units(store)?;
    if json {
        return Ok(out.json(&units)?);
    }
    Ok(out.table_of(
        &["ID", "LEVEL", "MEMBERS", "IN SOTAY SINCE", "NAME"],
        &units,
        |u| {
            // A day the unit goes by from the unit above it is marked so.
            let since = match (u.in_sotay_since, u.since) {
                (Some(own), _) => format_date(own),
                (None, Some(above)) => format!("{} (above)", format_date(above)),
                (None, None) => String::new(),
            };
            vec![
                u.id.to_string(),
                u.level.to_string(),
                u.members.to_string(),
                since,
                u.name.clone(),
            ]
        },
    )?)
}

pub fn members(
    store: &Store,
    unit: Option<&String>,
    limit: u32,
    json: bool,
    out: &mut Out,
) -> Result {
    let members = store.members(parse_opt_id(unit)?, limit)?;
    if json {
        return Ok(out.json(&members)?);
    }
    Ok(out.table_of(
        &["ID", "STANDING", "ROLE", "NOTES", "NAME"],
        &members,
        |m| {
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
        },
    )?)
}

pub fn meetings(
    store: &Store,
    unit: Option<&String>,
    kind: Option<KindArg>,
    when: When,
    limit: u32,
    json: bool,
    out: &mut Out,
) -> Result {
    let mut q = MeetingQuery {
        unit_id: parse_opt_id(unit)?,
        kind: kind.map(kind_of),
        limit,
        ..MeetingQuery::default()
    };
    match when {
        When::Upcoming => q.from = Some(store.now()),
        When::Between(from, to) => (q.from, q.to) = (from, to),
        When::History => {
            q.to = Some(store.now());
            q.newest_first = true;
        }
    }
    let meetings = read::meeting_cards(store, &q)?;
    if json {
        return Ok(out.json(&meetings)?);
    }
    Ok(out.table_of(
        &["WHEN", "ID", "KIND", "STATUS", "CELL", "TOPIC"],
        &meetings,
        |m| {
            vec![
                m.starts_at_local.clone(),
                m.id.to_string(),
                m.kind.to_string(),
                m.status.to_string(),
                m.unit_name.clone(),
                m.topic.clone(),
            ]
        },
    )?)
}

pub fn documents(
    store: &Store,
    unit: Option<&String>,
    limit: u32,
    json: bool,
    out: &mut Out,
) -> Result {
    let docs = read::document_cards(store, parse_opt_id(unit)?, limit)?;
    if json {
        return Ok(out.json(&docs)?);
    }
    Ok(
        out.table_of(&["ISSUED", "ID", "NUMBER", "TITLE"], &docs, |d| {
            vec![
                format_date(d.issued_on),
                d.id.to_string(),
                d.number.clone().unwrap_or_default(),
                d.title.clone(),
            ]
        })?,
    )
}

pub fn resolutions(
    store: &Store,
    unit: Option<&String>,
    drafts: bool,
    limit: u32,
    json: bool,
    out: &mut Out,
) -> Result {
    let status = drafts.then_some(ResolutionStatus::Draft);
    let list = store.resolutions(parse_opt_id(unit)?, status, limit)?;
    let list = read::resolution_views(store, list)?;
    if json {
        return Ok(out.json(&list)?);
    }
    Ok(out.table_of(
        &["ADOPTED", "ID", "STATUS", "FOR/AGAINST/ABSTAIN", "TITLE"],
        &list,
        |r| {
            let tally = match (r.votes_for, r.votes_against, r.votes_abstain) {
                (Some(f), Some(a), Some(s)) => format!("{f}/{a}/{s}"),
                _ => String::new(),
            };
            vec![
                r.adopted_on.map(format_date).unwrap_or_default(),
                r.id.to_string(),
                r.status.to_string(),
                tally,
                r.title.clone(),
            ]
        },
    )?)
}

pub fn tasks(store: &Store, query: &TaskQuery, json: bool, out: &mut Out) -> Result {
    let tasks = read::task_cards(store, query, local_date(store.now()))?;
    if json {
        return Ok(out.json(&tasks)?);
    }
    Ok(out.table_of(
        &["DUE", "ID", "STATUS", "ASSIGNED TO", "TITLE"],
        &tasks,
        |t| {
            let status = if t.overdue {
                format!("{} (overdue)", t.status)
            } else {
                t.status.to_string()
            };
            let who: Vec<&str> = t.assignees.iter().map(|a| a.full_name.as_str()).collect();
            vec![
                t.due_on.map(format_date).unwrap_or_default(),
                t.id.to_string(),
                status,
                who.join(", "),
                t.title.clone(),
            ]
        },
    )?)
}

pub fn activity(store: &Store, limit: u32, json: bool, out: &mut Out) -> Result {
    let feed = read::activity(store, None, limit)?;
    if json {
        return Ok(out.json(&feed)?);
    }
    Ok(
        out.table_of(&["WHEN", "KIND", "ACTION", "TITLE"], &feed, |a| {
            vec![
                format_local(a.at),
                a.kind.clone(),
                a.action.clone(),
                a.title.clone(),
            ]
        })?,
    )
}

pub fn search(store: &Store, query: &str, limit: u32, json: bool, out: &mut Out) -> Result {
    let hits = read::search(store, query, limit)?;
    if json {
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

/// A snippet with its matches in [brackets], for terminals.
fn bracketed(s: &sotay_app::views::Snippet) -> String {
    let mut out = String::new();
    for (i, c) in s.text.chars().enumerate() {
        let i = i64::try_from(i).unwrap_or(i64::MAX);
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

pub fn conflicts(store: &Store, open_only: bool, limit: u32, json: bool, out: &mut Out) -> Result {
    let conflicts = read::conflicts(store, open_only, limit)?;
    if json {
        return Ok(out.json(&conflicts)?);
    }
    Ok(out.table_of(
        &["WHEN", "WHY", "RECORD", "FIELD", "VALUE NOT KEPT"],
        &conflicts,
        |c| {
            let lost: String = c.lost.chars().take(60).collect();
            vec![
                format_local(c.detected_at),
                c.kind.to_string(),
                format!("{} {}", c.entity, c.record_id),
                c.field.clone(),
                lost,
            ]
        },
    )?)
}

pub fn rejections(store: &Store, all: bool, limit: u32, json: bool, out: &mut Out) -> Result {
    let list = read::rejections(store, all, limit)?;
    if json {
        return Ok(out.json(&list)?);
    }
    Ok(
        out.table_of(&["WHEN", "WHY", "CHANGE", "RECORD", "DETAIL"], &list, |r| {
            vec![
                format_local(r.rejected_at),
                r.reason.clone(),
                format!("{} {}", r.op, r.entity),
                r.label.clone().unwrap_or_else(|| r.record_id.to_string()),
                r.detail.clone().unwrap_or_default(),
            ]
        })?,
    )
}
