//! During the meeting: the roll call, the speakers, the chair's conclusion and the minutes, the
//! show of hands on the resolution, and the tasks given to members. Everything is saved as it is
//! entered, so closing the laptop loses nothing.

use super::args::{
    AdoptArgs, AssignTaskArgs, MeetingRecordArgs, RollCallArgs, RollLine, SpeechArgs,
};
use super::{meeting_i_run, member_of, text};
use crate::app::App;
use crate::error::{AppError, Result};
use crate::views::{IdArgs, MeetingView};
use chrono::{DateTime, Utc};
use sotay_core::cycle::{check_recordable, check_tally};
use sotay_core::model::{
    Attendance, AttendanceStatus, Contribution, ContributionKind, Meeting, MeetingStatus,
    Resolution, ResolutionStatus, Tally, Task, TaskAssignee, TaskStatus,
};
use sotay_core::time::{local_date, parse_date};
use sotay_store::Store;
use uuid::Uuid;

/// Opens the meeting: it is being held now. Members' ideas on its drafts close.
pub fn start_meeting(store: &mut Store, id: Uuid) -> Result<Uuid> {
    let meeting = meeting_i_run(store, id)?;
    check_recordable(&meeting)?;
    if meeting.status != MeetingStatus::Held {
        store.write(|w| {
            w.modify::<Meeting>(meeting.id, |m| m.status = MeetingStatus::Held)
                .map(|_| ())
        })?;
    }
    Ok(meeting.id)
}

/// Records one member's answer to the roll call.
pub fn roll_call(store: &mut Store, args: &RollCallArgs) -> Result<Uuid> {
    let meeting = meeting_i_run(store, args.meeting_id)?;
    check_recordable(&meeting)?;
    member_of(store, &meeting, args.member_id)?;
    let reason = match args.status {
        AttendanceStatus::AbsentWithReason | AttendanceStatus::Excused => {
            text(args.reason.as_deref())
        }
        _ => None,
    };
    let attendance = Attendance::new(meeting.id, args.member_id, args.status, reason);
    store.write(|w| w.put(&attendance))?;
    Ok(meeting.id)
}

/// Records who spoke and what they said.
pub fn record_speech(store: &mut Store, args: &SpeechArgs, now: DateTime<Utc>) -> Result<Uuid> {
    let meeting = meeting_i_run(store, args.meeting_id)?;
    check_recordable(&meeting)?;
    member_of(store, &meeting, args.member_id)?;
    let speech = Contribution {
        id: sotay_core::id::new_id(),
        meeting_id: Some(meeting.id),
        resolution_id: None,
        member_id: args.member_id,
        kind: ContributionKind::Speech,
        body: text(Some(&args.body)).unwrap_or_default(),
        made_at: now,
    };
    store.write(|w| w.insert(&speech))?;
    Ok(meeting.id)
}

/// Takes back a speech recorded by mistake.
pub fn remove_speech(store: &mut Store, id: Uuid) -> Result<Uuid> {
    let speech: Contribution = store.require(id)?;
    let meeting_id = speech
        .meeting_id
        .ok_or_else(|| AppError::bad_request("that contribution belongs to no meeting"))?;
    if speech.kind != ContributionKind::Speech {
        return Err(AppError::bad_request(
            "that is a member's idea, not a speech the secretary recorded",
        ));
    }
    let meeting = meeting_i_run(store, meeting_id)?;
    check_recordable(&meeting)?;
    store.write(|w| w.delete(sotay_core::EntityKind::Contribution, id))?;
    Ok(meeting.id)
}

/// The chair, the minute-taker, the guests, the conclusion, the minutes' text and the rating.
pub fn record_meeting(store: &mut Store, args: &MeetingRecordArgs) -> Result<Uuid> {
    let meeting = meeting_i_run(store, args.meeting_id)?;
    check_recordable(&meeting)?;
    for person in [args.chair_id, args.minute_taker_id].into_iter().flatten() {
        member_of(store, &meeting, person)?;
    }
    store.write(|w| {
        w.modify::<Meeting>(meeting.id, |m| {
            m.chair_id = args.chair_id;
            m.minute_taker_id = args.minute_taker_id;
            m.guests = text(args.guests.as_deref());
            m.conclusion = text(args.conclusion.as_deref());
            m.minutes = text(args.minutes.as_deref());
            m.rating = args.rating;
        })
        .map(|_| ())
    })?;
    Ok(meeting.id)
}

/// Adopts a resolution with its show-of-hands tally, checked against the official members the
/// roll call has present (probationary members do not vote).
pub fn adopt_resolution(store: &mut Store, args: &AdoptArgs) -> Result<Uuid> {
    let resolution: Resolution = store.require(args.resolution_id)?;
    let meeting_id = resolution
        .meeting_id
        .ok_or_else(|| AppError::bad_request("this resolution is not on a meeting's agenda"))?;
    let meeting = meeting_i_run(store, meeting_id)?;
    check_recordable(&meeting)?;
    if resolution.status == ResolutionStatus::Withdrawn {
        return Err(AppError::new(
            "resolution_closed",
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
    Ok(meeting.id)
}

/// Gives a task to named members of the cell, due on a day from the meeting on.
pub fn assign_task(store: &mut Store, args: &AssignTaskArgs) -> Result<Uuid> {
    let meeting = meeting_i_run(store, args.meeting_id)?;
    check_recordable(&meeting)?;
    if args.member_ids.is_empty() {
        return Err(AppError::new(
            "no_assignee",
            "name at least one member to carry out the task",
        ));
    }
    for member in &args.member_ids {
        member_of(store, &meeting, *member)?;
    }
    let due_on = parse_date("due_on", &args.due_on)?;
    if due_on < local_date(meeting.starts_at) {
        return Err(AppError::new(
            "due_before_meeting",
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
        title: text(Some(&args.title)).unwrap_or_default(),
        description: text(args.description.as_deref()),
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
    Ok(meeting.id)
}

/// The roll of a meeting, for the screen the secretary holds it on.
pub fn roll(store: &Store, meeting_id: Uuid) -> Result<Vec<RollLine>> {
    Ok(store
        .roll(meeting_id)?
        .into_iter()
        .map(|r| RollLine {
            member_id: r.member_id,
            full_name: r.full_name,
            standing: r.standing,
            exempt: r.exempt,
            status: r.status,
            reason: r.reason,
        })
        .collect())
}

impl App {
    /// Opens the meeting: it is being held now.
    pub fn start_meeting(&self, args: IdArgs) -> Result<MeetingView> {
        self.committee_write(|store, _| start_meeting(store, args.id))
    }

    /// Records one member's answer to the roll call.
    pub fn roll_call(&self, args: RollCallArgs) -> Result<MeetingView> {
        self.committee_write(|store, _| roll_call(store, &args))
    }

    /// Records a speaker and their view.
    pub fn record_speech(&self, args: SpeechArgs) -> Result<MeetingView> {
        self.committee_write(|store, now| record_speech(store, &args, now))
    }

    /// Takes back a speech recorded by mistake.
    pub fn remove_speech(&self, args: IdArgs) -> Result<MeetingView> {
        self.committee_write(|store, _| remove_speech(store, args.id))
    }

    /// The chair, minute-taker, guests, conclusion, minutes and rating.
    pub fn record_meeting(&self, args: MeetingRecordArgs) -> Result<MeetingView> {
        self.committee_write(|store, _| record_meeting(store, &args))
    }

    /// Adopts a resolution with its tally.
    pub fn adopt_resolution(&self, args: AdoptArgs) -> Result<MeetingView> {
        self.committee_write(|store, _| adopt_resolution(store, &args))
    }

    /// Gives a task to members.
    pub fn assign_task(&self, args: AssignTaskArgs) -> Result<MeetingView> {
        self.committee_write(|store, _| assign_task(store, &args))
    }
}
