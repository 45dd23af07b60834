//! Answers recorded for members: a member without a device (an elderly member, one with no
//! smartphone) tells the secretary whether they will come to the next meeting, or their idea on
//! the draft, and the secretary records it for them before the meeting starts, marked with who
//! recorded it. It is the same record the member's own answer or idea is, so the roll call, the
//! forecast and the draft's ideas read it alike.

use super::{meeting_i_run, meeting_view_here, member_of};
use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::views::MeetingView;
use serde::Deserialize;
use sotay_core::ErrorKind;
use sotay_core::Record;
use sotay_core::model::{
    Attendance, AttendanceStatus, Contribution, ContributionKind, MeetingStatus, Resolution,
};
use ts_rs::TS;
use uuid::Uuid;

/// A member's answer to a meeting's invitation, recorded for them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct ReplyForArgs {
    pub meeting_id: Uuid,
    pub member_id: Uuid,
    /// They will come; else they cannot, for `reason`.
    pub coming: bool,
    pub reason: Option<String>,
}

/// A member's idea on a meeting's draft resolution (or on the meeting), written down for them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct IdeaForArgs {
    pub meeting_id: Uuid,
    pub member_id: Uuid,
    pub resolution_id: Option<Uuid>,
    pub body: String,
}

/// Writes down a member's idea for them (the cell's committee, before the meeting starts).
pub fn idea_for(cx: &mut Cx, args: IdeaForArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let me = session.require_me()?.clone();
    let meeting = meeting_i_run(store, session, args.meeting_id)?;
    if meeting.status != MeetingStatus::Planned || meeting.starts_at <= now {
        return Err(AppError::new(
            ErrorKind::IdeasClosed,
            "ideas on this meeting closed when it started; record what is said as a speech",
        ));
    }
    let member = member_of(store, &meeting, args.member_id)?;
    if let Some(r) = args.resolution_id {
        let resolution: Resolution = store.require(r)?;
        if resolution.meeting_id != Some(meeting.id) {
            return Err(AppError::bad_request(
                "that draft resolution belongs to another meeting",
            ));
        }
    }
    let idea = Contribution {
        id: sotay_core::id::new_id(),
        meeting_id: Some(meeting.id),
        resolution_id: args.resolution_id,
        member_id: member.id,
        kind: ContributionKind::DraftComment,
        body: sotay_core::text::normalize(args.body.trim()),
        made_at: now,
        recorded_by: Some(me.id),
    };
    idea.validate()?;
    store.write(|w| w.insert(&idea))?;
    meeting_view_here(cx, meeting.id)
}

/// Records a member's answer for them (the cell's committee, before the meeting starts).
pub fn reply_for(cx: &mut Cx, args: ReplyForArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let me = session.require_me()?.clone();
    let meeting = meeting_i_run(store, session, args.meeting_id)?;
    if meeting.status != MeetingStatus::Planned || meeting.starts_at <= now {
        return Err(AppError::new(
            ErrorKind::MeetingStarted,
            "the meeting has started: the roll call records who came",
        ));
    }
    let member = member_of(store, &meeting, args.member_id)?;
    let reason = args
        .reason
        .as_deref()
        .map(|r| sotay_core::text::normalize(r.trim()))
        .filter(|r| !r.is_empty());
    let (status, reason) = match (args.coming, reason) {
        (true, _) => (AttendanceStatus::Expected, None),
        (false, Some(reason)) => (AttendanceStatus::AbsentWithReason, Some(reason)),
        (false, None) => {
            return Err(AppError::new(
                ErrorKind::ReasonRequired,
                "write why the member cannot come",
            ));
        }
    };
    let answer = Attendance {
        recorded_by: Some(me.id),
        ..Attendance::new(meeting.id, member.id, status, reason)
    };
    answer.validate()?;
    store.write(|w| w.put(&answer))?;
    meeting_view_here(cx, meeting.id)
}
