//! Commands that show one thing: a meeting, a document, the store's status.

use super::ops::{Result, with};
use super::output::Out;
use sotay_app::read;
use sotay_app::views::{DocumentView, MeetingView};
use sotay_core::model::MeetingStatus;
use sotay_core::time::{format_date, format_local};
use sotay_store::{Depth, Store};
use uuid::Uuid;

pub fn meeting(store: &Store, id: Uuid, json: bool, out: &mut Out) -> Result {
    // The command line speaks for no member: nothing is "mine". A committee's device sees the
    // forecast before the meeting, as its window does.
    let mut view = read::meeting_view(store, id, None, store.now())?;
    if view.meeting.status == MeetingStatus::Planned
        && sotay_app::Session::of(store)?.runs_unit(view.meeting.unit_id)
    {
        let roll = read::roll(store, id)?;
        view.forecast = Some(read::forecast(store, view.meeting.unit_id, &roll)?);
    }
    if json {
        return Ok(out.json(&view)?);
    }
    print_meeting(&view, out)
}

fn print_meeting(d: &MeetingView, out: &mut Out) -> Result {
    let s = &d.meeting;
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
        // The ids are what `sotay agenda --item` and `--before` take.
        for (i, item) in d.agenda.iter().enumerate() {
            out.line(format!("  {:>2}. {}  [{}]", i + 1, item.title, item.id))?;
            if let Some(body) = &item.body {
                out.line(format!("      {body}"))?;
            }
        }
    }
    if let Some(f) = &d.forecast {
        out.line(format!(
            "\nForecast: {} coming, {} cannot, {} no answer, of {} summoned; official members expected {} of {}, {} needed (more than {}%){}",
            f.coming,
            f.not_coming,
            f.no_answer,
            f.summoned,
            f.expected_official,
            f.base,
            f.needed,
            f.quorum_percent,
            if f.under_quorum { " — UNDER THE QUORUM" } else { "" }
        ))?;
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
    for f in &d.files {
        out.line(format!(
            "\nFile: {} ({} KB{}) [{}]",
            f.file_name,
            (f.size + 1023) / 1024,
            if f.here {
                ""
            } else {
                ", not on this device yet"
            },
            f.id
        ))?;
    }
    for r in &d.resolutions {
        let tally = match (r.votes_for, r.votes_against, r.votes_abstain) {
            (Some(f), Some(a), Some(s)) => {
                format!(" — {f} for, {a} against, {s} abstaining")
            }
            _ => String::new(),
        };
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
                t.status,
                t.title,
                who.join(", "),
                t.due_on.map(format_date).unwrap_or_default()
            ))?;
        }
    }
    if let Some(m) = &d.minutes {
        out.line("\nMinutes:")?;
        out.line(m)?;
    }
    Ok(out.finish()?)
}

/// One document as this store's member sees it (opening it is `sotay document`'s).
pub fn document(store: &mut Store, id: Uuid, json: bool, out: &mut Out) -> Result {
    let doc = with(store, |cx| {
        sotay_app::library::publishing::document_here(cx, id)
    })?;
    document_view(&doc, json, out)
}

pub fn document_view(doc: &DocumentView, json: bool, out: &mut Out) -> Result {
    if json {
        return Ok(out.json(doc)?);
    }
    let card = &doc.card;
    out.line(format!(
        "{} {}",
        card.number.as_deref().unwrap_or(""),
        card.title
    ))?;
    out.line(format!("{} · {}", card.issuer, format_date(card.issued_on)))?;
    if let Some(summary) = &card.summary {
        out.line(format!("Summary: {summary}"))?;
    }
    out.line("")?;
    out.line(&doc.body)?;
    if !doc.files.is_empty() {
        out.line("")?;
        out.line("Files:")?;
        for f in &doc.files {
            let here = if f.here {
                ""
            } else {
                " (arrives at the next sync)"
            };
            out.line(format!(
                "  {} · {} bytes [{}]{here}",
                f.file_name, f.size, f.id
            ))?;
        }
    }
    if let Some(readers) = &doc.readers {
        let opened = readers.iter().filter(|r| r.opened_at.is_some()).count();
        out.line("")?;
        out.line(format!("Opened by {opened} of {} members:", readers.len()))?;
        for r in readers {
            match r.opened_at {
                Some(at) => out.line(format!("  {} · {}", r.full_name, format_local(at)))?,
                None => out.line(format!("  {} · not yet", r.full_name))?,
            }
        }
    }
    Ok(out.finish()?)
}

pub fn status(store: &Store, json: bool, out: &mut Out) -> Result {
    // A store that reads "all well" while its pages are damaged is worse than no answer.
    store.check(Depth::Quick)?;
    let status = read::store_status(store)?;
    if json {
        return Ok(out.json(&status)?);
    }
    if let Some(path) = store.path() {
        out.line(format!("store:            {}", path.display()))?;
    }
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

/// `sotay check`: SQLite's own checks on the store's file.
pub fn check(store: &Store, quick: bool, out: &mut Out) -> Result {
    let depth = if quick { Depth::Quick } else { Depth::Full };
    store.check(depth)?;
    let shown = store
        .path()
        .map_or_else(|| "The store".to_owned(), |p| p.display().to_string());
    out.line(format!(
        "{shown} is sound: SQLite's {} check found no problem.",
        if quick { "quick" } else { "full integrity" }
    ))?;
    Ok(out.finish()?)
}
