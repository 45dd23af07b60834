//! Around the meeting, from the command line: sending its documents to members, the minutes
//! drafted, adopted and exported for the minutes book, and the review of earlier tasks.

use super::args::{ExportWhat, ReviewTaskCmd};
use super::ops::{Result, parse_id, run};
use super::output::Out;
use super::show;
use sotay_app::committee::{self, args::ReviewTaskArgs};
use sotay_app::exports;
use sotay_app::views::IdArgs;
use sotay_core::cycle::Publication;
use sotay_core::model::Meeting;
use sotay_store::Store;
use std::io::Write;

/// `sotay publish`: the documents go out; a late publication is said on standard error (it is
/// allowed — members are better told late than not at all).
pub fn publish(store: &mut Store, meeting: &str, json: bool, out: &mut Out) -> Result {
    let id = parse_id(meeting)?;
    let view = run(store, committee::publish_meeting, IdArgs { id })?;
    let lead = sotay_app::read::publish_lead(store)?;
    let publication = view
        .published_at
        .map(|at| sotay_core::cycle::publication(view.meeting.starts_at, at, lead));
    if let Some(Publication::Late { hours_ahead }) = publication {
        eprintln!(
            "warning: published late — {hours_ahead} hours before the meeting, less than the {} hours members should have to read",
            lead.num_hours()
        );
    }
    if json {
        return show::meeting(store, id, true, out);
    }
    let m: Meeting = store.require(id)?;
    out.line(format!(
        "Published to members at {} (meeting {id}). Run `sotay sync` to send it.",
        m.published_at
            .map(sotay_core::time::format_local)
            .unwrap_or_default()
    ))?;
    Ok(out.finish()?)
}

/// `sotay minutes --draft`: the minutes drafted from what was recorded, to standard output.
pub fn draft(store: &mut Store, meeting: &str, out: &mut Out) -> Result {
    let id = parse_id(meeting)?;
    let draft = run(store, committee::draft_minutes, IdArgs { id })?;
    out.line(draft.text.trim_end())?;
    Ok(out.finish()?)
}

/// `sotay minutes --adopt`: the meeting adopts its minutes; its record is locked.
pub fn adopt(store: &mut Store, meeting: &str, json: bool, out: &mut Out) -> Result {
    let id = parse_id(meeting)?;
    run(store, committee::adopt_minutes, IdArgs { id })?;
    if json {
        return show::meeting(store, id, true, out);
    }
    out.line(format!(
        "Minutes adopted; the meeting's record is locked (meeting {id}). Run `sotay sync` to send it."
    ))?;
    Ok(out.finish()?)
}

/// `sotay export minutes|attachment|ics`: the minutes as PDF (or text), an attached file, the
/// calendar, in a file.
pub fn export(store: &Store, what: &ExportWhat, out: &mut Out) -> Result {
    let (bytes, path) = match what {
        ExportWhat::Minutes {
            meeting,
            pdf: _,
            text,
            output,
        } => {
            let id = parse_id(meeting)?;
            let name = committee::minutes_file_name(store, id)?;
            if *text {
                (
                    committee::minutes_page(store, id)?.text.into_bytes(),
                    output
                        .clone()
                        .unwrap_or(name.replace(".pdf", ".txt").into()),
                )
            } else {
                (
                    committee::minutes_pdf(store, id)?,
                    output.clone().unwrap_or(name.into()),
                )
            }
        }
        ExportWhat::Attachment { attachment, output } => {
            let (name, bytes) = committee::attached_file(store, parse_id(attachment)?)?;
            (bytes, output.clone().unwrap_or(name.into()))
        }
        ExportWhat::Ics { unit, output } => {
            let unit = super::ops::unit_or_mine(store, unit.as_ref())?;
            (
                exports::calendar_ics(store, unit, store.now())?.into_bytes(),
                output
                    .clone()
                    .unwrap_or(exports::calendar_file_name(store, unit)?.into()),
            )
        }
    };
    if path.as_os_str() == "-" {
        std::io::stdout().write_all(&bytes)?;
        return Ok(());
    }
    std::fs::write(&path, &bytes)?;
    out.line(format!("Wrote {} ({} bytes)", path.display(), bytes.len()))?;
    Ok(out.finish()?)
}

/// `sotay task review`: one earlier task reviewed at this meeting.
pub fn review(store: &mut Store, cmd: &ReviewTaskCmd, out: &mut Out) -> Result {
    let ReviewTaskCmd {
        meeting,
        task,
        done,
        not_done: _,
        note,
        json,
    } = cmd;
    let args = ReviewTaskArgs {
        meeting_id: parse_id(meeting)?,
        task_id: parse_id(task)?,
        done: *done,
        note: note.clone(),
    };
    let id = run(store, committee::review_task, args)?.meeting.id;
    if *json {
        return show::meeting(store, id, true, out);
    }
    out.line(format!(
        "Task reviewed: {} (meeting {id}). Run `sotay sync` to send it.",
        if *done { "done" } else { "not done" }
    ))?;
    Ok(out.finish()?)
}
