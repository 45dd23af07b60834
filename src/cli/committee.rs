//! The cell committee's commands: schedule, move, cancel and open a meeting, its agenda and draft,
//! the roll call, speakers, tally, tasks and record. Each calls the app's own function (what the
//! desktop window calls) and then shows the meeting, or says what was saved.

use super::args::{AssignTaskCmd, AttendanceArg, MeetingAction, MeetingWhen, RatingArg};
use super::ops::{Result, parse_id, parse_opt_id, run};
use super::output::Out;
use super::show;
use sotay_app::committee::{self, args::*};
use sotay_app::views::IdArgs;
use sotay_app::{AppError, ErrorKind};
use sotay_core::model::{AttendanceStatus, Meeting, MeetingRating};
use sotay_core::time::format_local;
use sotay_store::Store;
use std::io::Read;
use uuid::Uuid;

fn missing(flag: &str) -> AppError {
    AppError::new(ErrorKind::Missing, format!("{flag} is required"))
}

/// `-` reads the text from standard input (long minutes and drafts).
fn text_arg(value: &str) -> Result<String> {
    if value != "-" {
        return Ok(value.to_owned());
    }
    let mut text = String::new();
    std::io::stdin().read_to_string(&mut text)?;
    Ok(text)
}

/// After a change: the meeting as JSON, or a line saying what was saved.
fn saved(store: &Store, meeting: Uuid, what: &str, json: bool, out: &mut Out) -> Result {
    if json {
        return show::meeting(store, meeting, true, out);
    }
    out.line(format!(
        "{what} (meeting {meeting}). Run `sotay sync` to send it."
    ))?;
    Ok(out.finish()?)
}

pub fn meeting(store: &mut Store, action: &MeetingAction, out: &mut Out) -> Result {
    match action {
        MeetingAction::New {
            kind: k,
            unit,
            when,
            json,
        } => {
            let args = ScheduleMeetingArgs {
                unit_id: parse_opt_id(unit.as_ref())?,
                kind: super::lists::kind_of(*k),
                starts_at: when.at.clone().ok_or_else(|| missing("--at"))?,
                duration_minutes: when.duration.unwrap_or(120),
                place: when.place.clone().ok_or_else(|| missing("--place"))?,
                topic: when.topic.clone().ok_or_else(|| missing("--topic"))?,
                guests: when.guests.clone(),
            };
            let id = run(store, committee::schedule_meeting, args)?.meeting.id;
            let m: Meeting = store.require(id)?;
            let what = format!(
                "Scheduled: {}, {} at {}",
                m.topic,
                format_local(m.starts_at),
                m.place
            );
            saved(store, id, &what, *json, out)
        }
        MeetingAction::Edit { id, when, json } => {
            let m: Meeting = store.require(parse_id(id)?)?;
            let args = edited(&m, when);
            let id = run(store, committee::edit_meeting, args)?.meeting.id;
            let m: Meeting = store.require(id)?;
            let what = format!(
                "Now: {}, {} at {}",
                m.topic,
                format_local(m.starts_at),
                m.place
            );
            saved(store, id, &what, *json, out)
        }
        MeetingAction::Cancel { id, json } => {
            let id = run(
                store,
                committee::cancel_meeting,
                IdArgs { id: parse_id(id)? },
            )?
            .meeting
            .id;
            saved(store, id, "Cancelled", *json, out)
        }
        MeetingAction::Start { id, early, json } => {
            let args = StartMeetingArgs {
                id: parse_id(id)?,
                early: *early,
            };
            let id = run(store, committee::start_meeting, args)
                .map_err(super::held::early_hint)?
                .meeting
                .id;
            saved(store, id, "Opened: the meeting is being held", *json, out)
        }
        MeetingAction::End { id, json } => {
            let id = run(store, committee::end_meeting, IdArgs { id: parse_id(id)? })?
                .meeting
                .id;
            saved(
                store,
                id,
                "Closed: the minutes say it ended now",
                *json,
                out,
            )
        }
        MeetingAction::Held(args) => super::held::held(store, args, out),
    }
}

/// The meeting with what was typed put over what it has.
fn edited(m: &Meeting, when: &MeetingWhen) -> EditMeetingArgs {
    EditMeetingArgs {
        id: m.id,
        starts_at: when.at.clone().unwrap_or_else(|| m.starts_at.to_rfc3339()),
        duration_minutes: when.duration.unwrap_or(m.duration_minutes),
        place: when.place.clone().unwrap_or_else(|| m.place.clone()),
        topic: when.topic.clone().unwrap_or_else(|| m.topic.clone()),
        guests: when.guests.clone().or_else(|| m.guests.clone()),
    }
}

pub struct AgendaEdit<'a> {
    pub meeting: &'a str,
    pub add: Option<&'a String>,
    pub item: Option<&'a String>,
    pub title: Option<&'a String>,
    pub body: Option<&'a String>,
    pub before: Option<&'a String>,
    pub position: Option<i64>,
    pub remove: bool,
}

pub fn agenda(store: &mut Store, edit: &AgendaEdit<'_>, json: bool, out: &mut Out) -> Result {
    let meeting_id = parse_id(edit.meeting)?;
    let before = parse_opt_id(edit.before)?;
    let moves = before.is_some() || edit.position.is_some();
    let (id, what) = match (edit.add, edit.item) {
        (Some(title), _) => {
            let args = AgendaItemArgs {
                meeting_id,
                id: None,
                title: title.clone(),
                body: edit.body.cloned(),
                before,
                position: edit.position,
            };
            (
                run(store, committee::save_agenda_item, args)?,
                "Agenda item added",
            )
        }
        (None, Some(item)) if edit.remove => (
            run(
                store,
                committee::remove_agenda_item,
                IdArgs {
                    id: parse_id(item)?,
                },
            )?,
            "Agenda item removed",
        ),
        (None, Some(item)) => {
            let current: sotay_core::model::AgendaItem = store.require(parse_id(item)?)?;
            if current.meeting_id != meeting_id {
                return Err(AppError::new(
                    ErrorKind::NotFound,
                    "that agenda item is not on this meeting's agenda",
                )
                .into());
            }
            let renames = edit.title.is_some() || edit.body.is_some();
            if !renames && !moves {
                return Err(missing("--title, --body, --before, --position or --remove").into());
            }
            let mut view = None;
            if renames {
                let args = AgendaItemArgs {
                    meeting_id,
                    id: Some(current.id),
                    title: edit.title.cloned().unwrap_or(current.title),
                    body: edit.body.cloned().or(current.body),
                    before: None,
                    position: None,
                };
                view = Some(run(store, committee::save_agenda_item, args)?);
            }
            if moves {
                let args = MoveAgendaItemArgs {
                    id: current.id,
                    before,
                    position: edit.position,
                };
                view = Some(run(store, committee::move_agenda_item, args)?);
            }
            let what = match (renames, moves) {
                (true, true) => "Agenda item changed and moved",
                (false, true) => "Agenda item moved",
                _ => "Agenda item changed",
            };
            (view.expect("renamed or moved"), what)
        }
        (None, None) => return Err(missing("--add TITLE or --item ITEM_ID").into()),
    };
    saved(store, id.meeting.id, what, json, out)
}

pub fn draft(
    store: &mut Store,
    meeting: &str,
    resolution: Option<&String>,
    title: &str,
    text: &str,
    json: bool,
    out: &mut Out,
) -> Result {
    let args = DraftArgs {
        meeting_id: parse_id(meeting)?,
        resolution_id: parse_opt_id(resolution)?,
        title: title.to_owned(),
        draft: text_arg(text)?,
    };
    let id = run(store, committee::save_draft, args)?.meeting.id;
    saved(store, id, "Draft resolution saved", json, out)
}

pub fn attend(
    store: &mut Store,
    meeting: &str,
    member: &str,
    status: AttendanceArg,
    reason: Option<&String>,
    json: bool,
    out: &mut Out,
) -> Result {
    let args = RollCallArgs {
        meeting_id: parse_id(meeting)?,
        member_id: parse_id(member)?,
        status: match status {
            AttendanceArg::Present => AttendanceStatus::Present,
            AttendanceArg::AbsentWithReason => AttendanceStatus::AbsentWithReason,
            AttendanceArg::AbsentWithoutReason => AttendanceStatus::AbsentWithoutReason,
            AttendanceArg::Excused => AttendanceStatus::Excused,
            AttendanceArg::Expected => AttendanceStatus::Expected,
        },
        reason: reason.cloned(),
    };
    let id = run(store, committee::roll_call, args)?.meeting.id;
    saved(store, id, "Roll call recorded", json, out)
}

pub fn speak(
    store: &mut Store,
    meeting: &str,
    member: &str,
    view: &str,
    json: bool,
    out: &mut Out,
) -> Result {
    let args = SpeechArgs {
        meeting_id: parse_id(meeting)?,
        member_id: parse_id(member)?,
        body: view.to_owned(),
    };
    let id = run(store, committee::record_speech, args)?.meeting.id;
    saved(store, id, "Speech recorded", json, out)
}

pub fn adopt(
    store: &mut Store,
    resolution: &str,
    tally: [i64; 3],
    json: bool,
    out: &mut Out,
) -> Result {
    let args = AdoptArgs {
        resolution_id: parse_id(resolution)?,
        votes_for: tally[0],
        votes_against: tally[1],
        votes_abstain: tally[2],
    };
    let id = run(store, committee::adopt_resolution, args)?.meeting.id;
    let what = format!(
        "Adopted: {} for, {} against, {} abstaining",
        tally[0], tally[1], tally[2]
    );
    saved(store, id, &what, json, out)
}

pub struct RecordEdit<'a> {
    pub meeting: &'a str,
    pub chair: Option<&'a String>,
    pub minute_taker: Option<&'a String>,
    pub guests: Option<&'a String>,
    pub conclusion: Option<&'a String>,
    pub text: Option<&'a String>,
    pub rating: Option<RatingArg>,
}

impl RecordEdit<'_> {
    /// Whether any part of the record is given.
    pub fn changes_something(&self) -> bool {
        self.chair.is_some()
            || self.minute_taker.is_some()
            || self.guests.is_some()
            || self.conclusion.is_some()
            || self.text.is_some()
            || self.rating.is_some()
    }
}

pub fn minutes(store: &mut Store, edit: &RecordEdit<'_>, json: bool, out: &mut Out) -> Result {
    let id = save_record(store, edit)?;
    saved(store, id, "The meeting's record saved", json, out)
}

/// Saves what `edit` gives of the meeting's record; the rest stays as it is.
pub fn save_record(store: &mut Store, edit: &RecordEdit<'_>) -> Result<Uuid> {
    let m: Meeting = store.require(parse_id(edit.meeting)?)?;
    let args = MeetingRecordArgs {
        meeting_id: m.id,
        chair_id: parse_opt_id(edit.chair)?.or(m.chair_id),
        minute_taker_id: parse_opt_id(edit.minute_taker)?.or(m.minute_taker_id),
        guests: edit.guests.cloned().or(m.guests),
        conclusion: edit.conclusion.cloned().or(m.conclusion),
        minutes: edit.text.map(|t| text_arg(t)).transpose()?.or(m.minutes),
        rating: edit
            .rating
            .map(|r| match r {
                RatingArg::Good => MeetingRating::Good,
                RatingArg::Fair => MeetingRating::Fair,
                RatingArg::Average => MeetingRating::Average,
                RatingArg::Poor => MeetingRating::Poor,
            })
            .or(m.rating),
    };
    Ok(run(store, committee::record_meeting, args)?.meeting.id)
}

pub fn task(store: &mut Store, cmd: &AssignTaskCmd, out: &mut Out) -> Result {
    let AssignTaskCmd {
        meeting,
        title,
        description,
        due,
        members,
        json,
    } = cmd;
    let args = AssignTaskArgs {
        meeting_id: parse_id(meeting)?,
        title: title.clone(),
        description: description.clone(),
        due_on: due.clone(),
        member_ids: members.iter().map(|m| parse_id(m)).collect::<Result<_>>()?,
    };
    let id = run(store, committee::assign_task, args)?.meeting.id;
    saved(store, id, "Task assigned", *json, out)
}
