//! During the meeting: the roll call, the speakers, the chair's conclusion and the minutes, the
//! show of hands on the resolution, and the tasks given to members. Everything is saved as it is
//! entered, so closing the laptop loses nothing.

use super::args::{
    AdoptArgs, AssignTaskArgs, MeetingRecordArgs, RollCallArgs, SpeechArgs, StartMeetingArgs,
};
use super::{meeting_i_run, meeting_view_here, member_of};
use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::views::{IdArgs, MeetingView};
use sotay_core::ErrorKind;
use sotay_core::cycle::{check_opened, check_opening, check_recordable, check_tally};
use sotay_core::model::{
    Attendance, AttendanceStatus, Contribution, ContributionKind, Meeting, MeetingStatus,
    Resolution, ResolutionStatus, Tally, Task, TaskAssignee, TaskStatus,
};
use sotay_core::text::entered;
use sotay_core::time::{local_date, parse_date};

/// Opens the meeting: it is being held now, and the minutes will say it began now. Members'
/// ideas on its drafts close. More than an hour before its time only when `early` confirms it.
pub fn start_meeting(cx: &mut Cx, args: StartMeetingArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, args.id)?;
    check_opening(&meeting, now, args.early)?;
    if meeting.status != MeetingStatus::Held {
        store.write(|w| {
            w.modify::<Meeting>(meeting.id, |m| {
                m.status = MeetingStatus::Held;
                m.started_at.get_or_insert(now);
            })
            .map(|_| ())
        })?;
    }
    meeting_view_here(cx, meeting.id)
}

/// Closes the meeting: the minutes will say it ended now (adopting the minutes closes it too,
/// if nobody did before).
pub fn end_meeting(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, id)?;
    check_opened(&meeting)?;
    store.write(|w| {
        w.modify::<Meeting>(meeting.id, |m| m.ended_at = Some(now))
            .map(|_| ())
    })?;
    meeting_view_here(cx, meeting.id)
}

/// Records one member's answer to the roll call.
pub fn roll_call(cx: &mut Cx, args: RollCallArgs) -> Result<MeetingView> {
    let (store, session, _) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, args.meeting_id)?;
    check_opened(&meeting)?;
    member_of(store, &meeting, args.member_id)?;
    let reason = match args.status {
        AttendanceStatus::AbsentWithReason | AttendanceStatus::Excused => {
            entered(args.reason.as_deref())
        }
        _ => None,
    };
    let attendance = Attendance::new(meeting.id, args.member_id, args.status, reason);
    store.write(|w| w.put(&attendance))?;
    meeting_view_here(cx, meeting.id)
}

/// Records who spoke and what they said.
pub fn record_speech(cx: &mut Cx, args: SpeechArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, args.meeting_id)?;
    check_opened(&meeting)?;
    member_of(store, &meeting, args.member_id)?;
    let speech = Contribution {
        id: sotay_core::id::new_id(),
        meeting_id: Some(meeting.id),
        resolution_id: None,
        member_id: args.member_id,
        kind: ContributionKind::Speech,
        body: entered(Some(&args.body)).unwrap_or_default(),
        made_at: now,
        recorded_by: None,
    };
    store.write(|w| w.insert(&speech))?;
    meeting_view_here(cx, meeting.id)
}

/// Takes back a speech recorded by mistake.
pub fn remove_speech(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MeetingView> {
    let (store, session, _) = cx.parts_mut();
    let speech: Contribution = store.require(id)?;
    let meeting_id = speech
        .meeting_id
        .ok_or_else(|| AppError::bad_request("that contribution belongs to no meeting"))?;
    if speech.kind != ContributionKind::Speech {
        return Err(AppError::bad_request(
            "that is a member's idea, not a speech the secretary recorded",
        ));
    }
    let meeting = meeting_i_run(store, session, meeting_id)?;
    check_recordable(&meeting)?;
    store.write(|w| w.delete(sotay_core::EntityKind::Contribution, id))?;
    meeting_view_here(cx, meeting.id)
}

/// The chair, the minute-taker, the guests, the conclusion, the minutes' text and the rating.
pub fn record_meeting(cx: &mut Cx, args: MeetingRecordArgs) -> Result<MeetingView> {
    let (store, session, _) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, args.meeting_id)?;
    check_recordable(&meeting)?;
    for person in [args.chair_id, args.minute_taker_id].into_iter().flatten() {
        member_of(store, &meeting, person)?;
    }
    store.write(|w| {
        w.modify::<Meeting>(meeting.id, |m| {
            m.chair_id = args.chair_id;
            m.minute_taker_id = args.minute_taker_id;
            m.guests = entered(args.guests.as_deref());
            m.conclusion = entered(args.conclusion.as_deref());
            m.minutes = entered(args.minutes.as_deref());
            m.rating = args.rating;
        })
        .map(|_| ())
    })?;
    meeting_view_here(cx, meeting.id)
}

/// Adopts a resolution with its show-of-hands tally, checked against the official members the
/// roll call has present (probationary members do not vote).
pub fn adopt_resolution(cx: &mut Cx, args: AdoptArgs) -> Result<MeetingView> {
    let (store, session, _) = cx.parts_mut();
    let resolution: Resolution = store.require(args.resolution_id)?;
    let meeting_id = resolution
        .meeting_id
        .ok_or_else(|| AppError::bad_request("this resolution is not on a meeting's agenda"))?;
    let meeting = meeting_i_run(store, session, meeting_id)?;
    check_opened(&meeting)?;
    if resolution.status == ResolutionStatus::Withdrawn {
        return Err(AppError::new(
            ErrorKind::ResolutionClosed,
            "this resolution was withdrawn",
        ));
    }
    let voters = store
        .meeting_detail(meeting.id)?
        .roll_call
        .map_or(0, |rc| rc.official_present);
    let tally = Tally {
        votes_for: args.votes_for,
        votes_against: args.votes_against,
        votes_abstain: args.votes_abstain,
    };
    check_tally(&tally, voters)?;
    let adopted_on = local_date(meeting.starts_at);
    store.write(|w| {
        w.modify::<Resolution>(resolution.id, |r| {
            r.status = ResolutionStatus::Adopted;
            r.adopted_on = Some(adopted_on);
            r.votes_for = Some(tally.votes_for);
            r.votes_against = Some(tally.votes_against);
            r.votes_abstain = Some(tally.votes_abstain);
        })
        .map(|_| ())
    })?;
    meeting_view_here(cx, meeting.id)
}

/// Gives a task to named members of the cell, due on a day from the meeting on.
pub fn assign_task(cx: &mut Cx, args: AssignTaskArgs) -> Result<MeetingView> {
    let (store, session, _) = cx.parts_mut();
    let meeting = meeting_i_run(store, session, args.meeting_id)?;
    check_recordable(&meeting)?;
    if args.member_ids.is_empty() {
        return Err(AppError::new(
            ErrorKind::NoAssignee,
            "name at least one member to carry out the task",
        ));
    }
    for member in &args.member_ids {
        member_of(store, &meeting, *member)?;
    }
    let due_on = parse_date("due_on", &args.due_on)?;
    if due_on < local_date(meeting.starts_at) {
        return Err(AppError::new(
            ErrorKind::DueBeforeMeeting,
            "the task would be due before the meeting that gives it",
        ));
    }
    let resolution = store
        .meeting_detail(meeting.id)?
        .resolutions
        .iter()
        .find(|r| r.status == ResolutionStatus::Adopted)
        .map(|r| r.id);
    let task = Task {
        id: sotay_core::id::new_id(),
        unit_id: meeting.unit_id,
        meeting_id: Some(meeting.id),
        resolution_id: resolution,
        title: entered(Some(&args.title)).unwrap_or_default(),
        description: entered(args.description.as_deref()),
        due_on: Some(due_on),
        status: TaskStatus::Open,
        completed_on: None,
        notes: None,
    };
    store.write(|w| {
        w.insert(&task)?;
        args.member_ids
            .iter()
            .try_for_each(|m| w.put(&TaskAssignee::new(task.id, *m)))
    })?;
    meeting_view_here(cx, meeting.id)
}
