//! `sotay meeting held`: a meeting already held on paper, entered from its minutes book — and
//! what the command line adds to the app's refusals of opening a meeting early.

use super::cycle_args::HeldArgs;
use super::error::CliError;
use super::ops::{Result, parse_opt_id, run, with};
use super::output::Out;
use super::show;
use sotay_app::committee::{self, HeldMeetingArgs};
use sotay_app::{AppError, ErrorKind};
use std::path::Path;

/// Files whose bytes are the minutes' text; anything else is a scan for the meeting's papers.
const TEXT_EXTENSIONS: &[&str] = &["txt", "md", "text"];

/// What a minutes file holds: its text, or bytes to attach under its name.
enum MinutesFile {
    Text(String),
    Scan { name: String, bytes: Vec<u8> },
}

fn read_minutes(path: &Path) -> Result<MinutesFile> {
    let (name, bytes) = super::ops::read_named(path)?;
    let texty = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
    if texty {
        return String::from_utf8(bytes)
            .map(MinutesFile::Text)
            .map_err(|_| {
                AppError::new(
                    ErrorKind::Invalid,
                    format!("{name} is not UTF-8 text: save it as UTF-8, or give the scan"),
                )
                .into()
            });
    }
    Ok(MinutesFile::Scan { name, bytes })
}

pub fn held(store: &mut sotay_store::Store, a: &HeldArgs, out: &mut Out) -> Result {
    // Read before anything is written: a file that cannot be read enters nothing.
    let file = a.minutes_file.as_deref().map(read_minutes).transpose()?;
    let (minutes, scan) = match file {
        Some(MinutesFile::Text(text)) => (Some(text), None),
        Some(MinutesFile::Scan { name, bytes }) => (None, Some((name, bytes))),
        None => (None, None),
    };
    let args = HeldMeetingArgs {
        unit_id: parse_opt_id(a.unit.as_ref())?,
        kind: super::lists::kind_of(a.kind),
        held_at: a.at.clone(),
        topic: a.topic.clone(),
        place: a.place.clone(),
        present: a.present,
        absent_with_reason: a.absent_with_reason,
        absent_without_reason: a.absent_without_reason,
        votes_for: a.votes_for,
        votes_against: a.votes_against,
        votes_abstain: a.votes_abstain,
        conclusion: a.conclusion.clone(),
        minutes,
    };
    let view = run(store, committee::enter_held_meeting, args)?;
    let id = view.meeting.id;
    if let Some((name, bytes)) = scan {
        with(store, |cx| committee::attach_bytes(cx, id, &name, &bytes))?;
    }
    if a.json {
        return show::meeting(store, id, true, out);
    }
    out.line(format!(
        "Entered from the paper record: {} ({id}). Run `sotay sync` to send it.",
        view.meeting.topic
    ))?;
    Ok(out.finish()?)
}

/// Opening a meeting early is refused until confirmed: on the command line, by --early.
pub fn early_hint(e: CliError) -> CliError {
    match e {
        CliError::App(AppError {
            kind: ErrorKind::OpensEarly,
            message,
        }) => CliError::App(AppError::new(
            ErrorKind::OpensEarly,
            format!("{message}; run again with --early to open it now"),
        )),
        other => other,
    }
}
