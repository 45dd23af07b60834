//! The calendar, one meeting, and what a member does before a meeting: contribute to the draft
//! and send an absence reason.

pub mod views;

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::read;
use crate::session::Session;
use crate::views::{
    AbsenceArgs, AddContributionArgs, CalendarArgs, IdArgs, MeetingCard, MeetingView, NoArgs,
    ResolutionView,
};
use chrono::{DateTime, Utc};
use sotay_core::ErrorKind;
use sotay_core::model::{
    Attendance, AttendanceStatus, Contribution, ContributionKind, Meeting, MeetingStatus, Member,
    Resolution, ResolutionStatus,
};
use sotay_core::time::{end_of_day, start_of_day};
use sotay_store::Store;
use sotay_store::queries::MeetingQuery;
use uuid::Uuid;

/// The meeting a member answers the roll call of, if it is still ahead.
fn before_start(
    store: &Store,
    session: &Session,
    now: DateTime<Utc>,
    meeting_id: Uuid,
) -> Result<(Member, Meeting)> {
    let me = session.require_me()?.clone();
    let meeting: Meeting = store.require(meeting_id)?;
    if meeting.status != MeetingStatus::Planned || meeting.starts_at <= now {
        return Err(AppError::new(
            ErrorKind::MeetingStarted,
            "this meeting has already started or taken place; tell the secretary directly",
        ));
    }
    Ok((me, meeting))
}

/// The meetings of my unit between two dates (inclusive), oldest first.
pub fn calendar(cx: &mut Cx, args: CalendarArgs) -> Result<Vec<MeetingCard>> {
    if args.to < args.from {
        return Err(AppError::bad_request(
            "the calendar's end is before its start",
        ));
    }
    if (args.to - args.from).num_days() > 400 {
        return Err(AppError::bad_request(
            "the calendar shows at most a year at a time",
        ));
    }
    let (store, session, _) = cx.parts();
    let me = session.require_me()?;
    Ok(read::meeting_cards(
        store,
        &MeetingQuery {
            unit_id: Some(me.unit_id),
            kind: args.kind,
            from: Some(start_of_day(args.from)),
            to: Some(end_of_day(args.to)),
            newest_first: false,
            limit: 1_000,
        },
    )?)
}

/// One meeting: agenda, papers, drafts with members' contributions, my attendance.
pub fn meeting(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MeetingView> {
    cx.session().require_me()?;
    read::meeting_view_here(cx, id)
}

/// Adds my idea to a meeting (on its draft resolution, or on the meeting itself).
pub fn add_contribution(cx: &mut Cx, args: AddContributionArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let me = session.require_me()?;
    let meeting: Meeting = store.require(args.meeting_id)?;
    if meeting.status != MeetingStatus::Planned || meeting.starts_at <= now {
        // From the start, what is said is a speech the secretary records.
        return Err(AppError::new(
            ErrorKind::IdeasClosed,
            "ideas on this meeting closed when it started; speak at the meeting",
        ));
    }
    if let Some(r) = args.resolution_id {
        let resolution: Resolution = store.require(r)?;
        if resolution.meeting_id != Some(meeting.id) {
            return Err(AppError::bad_request(
                "that draft resolution belongs to another meeting",
            ));
        }
        if resolution.status != ResolutionStatus::Draft {
            return Err(AppError::new(
                ErrorKind::IdeasClosed,
                "this resolution is adopted or withdrawn: it takes no more ideas",
            ));
        }
    }
    let contribution = Contribution {
        id: sotay_core::id::new_id(),
        meeting_id: Some(meeting.id),
        resolution_id: args.resolution_id,
        member_id: me.id,
        kind: ContributionKind::DraftComment,
        body: sotay_core::text::normalize(args.body.trim()),
        made_at: now,
        recorded_by: None,
    };
    store.write(|w| w.insert(&contribution))?;
    read::meeting_view_here(cx, meeting.id)
}

/// Tells the committee I cannot attend, and why.
pub fn send_absence(cx: &mut Cx, args: AbsenceArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let (me, meeting) = before_start(store, session, now, args.meeting_id)?;
    let reason = sotay_core::text::normalize(args.reason.trim());
    if reason.is_empty() {
        return Err(AppError::new(
            ErrorKind::ReasonRequired,
            "write the reason for your absence",
        ));
    }
    let attendance = Attendance::new(
        meeting.id,
        me.id,
        AttendanceStatus::AbsentWithReason,
        Some(reason),
    );
    store.write(|w| w.put(&attendance))?;
    read::meeting_view_here(cx, meeting.id)
}

/// Withdraws my absence reason: I am expected after all (the roll call says whether I came).
pub fn cancel_absence(cx: &mut Cx, IdArgs { id }: IdArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let (me, meeting) = before_start(store, session, now, id)?;
    // Not a delete: attendance ids derive from (meeting, member), and a deleted id never comes
    // back, so a later absence reason could not be sent. Not "present" either: whether I came
    // is the roll call's to record.
    let attending = Attendance::new(meeting.id, me.id, AttendanceStatus::Expected, None);
    store.write(|w| w.put(&attending))?;
    read::meeting_view_here(cx, meeting.id)
}

/// My unit's resolutions: drafts first, then the adopted ones, newest first.
pub fn resolutions(cx: &mut Cx, _: NoArgs) -> Result<Vec<ResolutionView>> {
    let (store, session, _) = cx.parts();
    let me = session.require_me()?;
    let list = store.resolutions(Some(me.unit_id), None, 500)?;
    Ok(read::resolution_views(store, list)?)
}
