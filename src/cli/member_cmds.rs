//! A member's own commands on their device: an absence reason before a meeting, an idea on its
//! draft resolution, progress on a task. Each calls the app operation the desktop window calls
//! (`send_absence`, `cancel_absence`, `add_contribution`, `task_progress`, `task_done`), so the
//! rules and the refusals are the window's; what they write goes out at the next `sotay sync`.

use super::channel_args::RsvpCmd;
use super::error::CliError;
use super::member_args::{AbsenceCmd, IdeaCmd, ProgressCmd};
use super::ops::{self, Result, parse_id, parse_opt_id};
use super::output::Out;
use sotay_app::views::{AbsenceArgs, AddContributionArgs, IdArgs, TaskProgressArgs};
use sotay_app::{AppError, Cx, ErrorKind, meetings, tasks};
use sotay_store::Store;
use std::io::Read;

/// Runs the app's operation as the member this device belongs to. The window's "choose who you
/// are first (Settings)" names a screen the command line does not have; a device that acts as
/// nobody (an administrator's) is told where these are sent from instead.
fn run<A, V>(
    store: &mut Store,
    op: fn(&mut Cx<'_>, A) -> std::result::Result<V, AppError>,
    args: A,
) -> Result<V> {
    ops::run(store, op, args).map_err(|e| match e {
        CliError::App(e) if e.kind == ErrorKind::NoMember => CliError::App(AppError::new(
            ErrorKind::Forbidden,
            "this device acts as no member: a member sends absences, ideas and progress from \
             their own device",
        )),
        e => e,
    })
}

/// After a change: the app's view as JSON, or a line saying what was saved.
fn saved<V: serde::Serialize>(view: &V, what: &str, json: bool, out: &mut Out) -> Result {
    if json {
        return Ok(out.json(view)?);
    }
    out.line(format!("{what}. Run `sotay sync` to send it."))?;
    Ok(out.finish()?)
}

/// `-` reads the text from standard input (a long idea), as `sotay draft --text -` does.
fn text_or_stdin(value: &str) -> Result<String> {
    if value != "-" {
        return Ok(value.to_owned());
    }
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    Ok(text)
}

pub fn absence(store: &mut Store, cmd: &AbsenceCmd, out: &mut Out) -> Result {
    let meeting_id = parse_id(&cmd.meeting)?;
    // clap's group makes one of --reason and --withdraw required.
    let (view, what) = match &cmd.reason {
        Some(reason) if !cmd.withdraw => {
            let args = AbsenceArgs {
                meeting_id,
                reason: reason.clone(),
            };
            (
                run(store, meetings::send_absence, args)?,
                "Absence reason saved",
            )
        }
        _ => (
            run(store, meetings::cancel_absence, IdArgs { id: meeting_id })?,
            "Absence reason withdrawn: you are expected",
        ),
    };
    let m = &view.meeting;
    let what = format!(
        "{what} for {} on {} (meeting {})",
        m.topic, m.starts_at_local, m.id
    );
    saved(&view, &what, cmd.json, out)
}

/// `sotay rsvp`: the same answers as `sotay absence`, as a member replies to an invitation.
pub fn rsvp(store: &mut Store, cmd: &RsvpCmd, out: &mut Out) -> Result {
    absence(
        store,
        &AbsenceCmd {
            meeting: cmd.meeting.clone(),
            reason: cmd.cannot.clone(),
            withdraw: cmd.coming,
            json: cmd.json,
        },
        out,
    )
}

pub fn idea(store: &mut Store, cmd: &IdeaCmd, out: &mut Out) -> Result {
    let args = AddContributionArgs {
        meeting_id: parse_id(&cmd.meeting)?,
        resolution_id: parse_opt_id(cmd.resolution.as_ref())?,
        body: text_or_stdin(&cmd.text)?,
    };
    let on = match args.resolution_id {
        Some(r) => format!("the draft resolution {r}"),
        None => "the meeting".to_owned(),
    };
    let view = run(store, meetings::add_contribution, args)?;
    let m = &view.meeting;
    let what = format!("Idea saved on {on}: {} (meeting {})", m.topic, m.id);
    saved(&view, &what, cmd.json, out)
}

pub fn progress(store: &mut Store, cmd: &ProgressCmd, out: &mut Out) -> Result {
    let task_id = parse_id(&cmd.task)?;
    let percent = match cmd.percent {
        Some(p) => p,
        None if cmd.done => 100,
        // As the window's form does: the last percent reported stays unless changed.
        None => store
            .assigned_task(task_id)?
            .latest_progress
            .and_then(|p| p.percent)
            .unwrap_or(0),
    };
    let args = TaskProgressArgs {
        task_id,
        percent,
        note: cmd.note.clone(),
    };
    let mut card = run(store, tasks::task_progress, args)?;
    if cmd.done {
        card = run(store, tasks::task_done, IdArgs { id: task_id })?;
    }
    let what = format!(
        "Progress saved{}: {percent}% on {} (task {})",
        if cmd.done {
            ", and the task marked done"
        } else {
            ""
        },
        card.title,
        card.id
    );
    saved(&card, &what, cmd.json, out)
}
