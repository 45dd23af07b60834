//! The rules of the meeting cycle a cell committee runs: when a meeting may still be scheduled,
//! moved or cancelled, and when a show-of-hands tally may be recorded. Pure checks on values the
//! caller passes in (the time included), shared by the app, the command line and their tests.

use crate::model::{Meeting, MeetingStatus, Tally};
use chrono::{DateTime, Utc};

/// Why a step of the meeting cycle cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CycleError {
    /// A new meeting, or a meeting moved, to a time that has passed.
    #[error("that time has already passed: a meeting is scheduled for a time still ahead")]
    InThePast,
    /// Moving, renaming or cancelling a meeting that has started or taken place.
    #[error("this meeting has already started or taken place: its record is the minutes now")]
    AlreadyStarted,
    /// Recording a meeting that was cancelled.
    #[error("this meeting was cancelled")]
    Cancelled,
    #[error("a vote count cannot be negative")]
    NegativeVotes,
    #[error("nobody voted: record the show of hands")]
    NoVotes,
    /// More hands than official members present (probationary members do not vote).
    #[error(
        "{total} votes, but only {voters} official members are present (probationary members do not vote): check the roll call and the count"
    )]
    MoreVotesThanVoters { total: i64, voters: i64 },
    /// Not more than half of the votes were for: the resolution is not adopted.
    #[error(
        "{votes_for} of {total} votes for is not more than half: the resolution is not adopted"
    )]
    NotCarried { votes_for: i64, total: i64 },
}

impl CycleError {
    /// The stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            CycleError::InThePast => "in_the_past",
            CycleError::AlreadyStarted => "meeting_started",
            CycleError::Cancelled => "meeting_cancelled",
            CycleError::NegativeVotes => "negative_votes",
            CycleError::NoVotes => "no_votes",
            CycleError::MoreVotesThanVoters { .. } => "tally_exceeds_present",
            CycleError::NotCarried { .. } => "not_carried",
        }
    }
}

/// A meeting is scheduled (or moved) to a time still ahead.
pub fn check_start(starts_at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), CycleError> {
    if starts_at <= now {
        return Err(CycleError::InThePast);
    }
    Ok(())
}

/// A meeting may be moved, renamed or cancelled while it is planned and has not started.
pub fn check_reschedulable(meeting: &Meeting, now: DateTime<Utc>) -> Result<(), CycleError> {
    match meeting.status {
        MeetingStatus::Cancelled => Err(CycleError::Cancelled),
        MeetingStatus::Held => Err(CycleError::AlreadyStarted),
        MeetingStatus::Planned if meeting.starts_at <= now => Err(CycleError::AlreadyStarted),
        MeetingStatus::Planned => Ok(()),
    }
}

/// What happened at a meeting may be recorded unless it was cancelled (before it starts too: a
/// secretary prepares the roll call from the absence notices).
pub fn check_recordable(meeting: &Meeting) -> Result<(), CycleError> {
    if meeting.status == MeetingStatus::Cancelled {
        return Err(CycleError::Cancelled);
    }
    Ok(())
}

/// A tally adopts a resolution when it counts at most the `voters` (official members present)
/// and more than half of its votes are for.
pub fn check_tally(tally: &Tally, voters: i64) -> Result<(), CycleError> {
    if tally.votes_for < 0 || tally.votes_against < 0 || tally.votes_abstain < 0 {
        return Err(CycleError::NegativeVotes);
    }
    let total = tally.total();
    if total == 0 {
        return Err(CycleError::NoVotes);
    }
    if total > voters {
        return Err(CycleError::MoreVotesThanVoters { total, voters });
    }
    if !tally.carries() {
        return Err(CycleError::NotCarried {
            votes_for: tally.votes_for,
            total,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::MeetingKind;
    use chrono::TimeZone;
    use uuid::Uuid;

    fn tally(votes_for: i64, votes_against: i64, votes_abstain: i64) -> Tally {
        Tally {
            votes_for,
            votes_against,
            votes_abstain,
        }
    }

    #[test]
    fn a_tally_counts_only_official_members_present_and_must_carry() {
        assert_eq!(check_tally(&tally(9, 1, 0), 10), Ok(()));
        assert_eq!(
            check_tally(&tally(10, 1, 0), 10),
            Err(CycleError::MoreVotesThanVoters {
                total: 11,
                voters: 10
            })
        );
        assert_eq!(
            check_tally(&tally(4, 3, 1), 10),
            Err(CycleError::NotCarried {
                votes_for: 4,
                total: 8
            })
        );
        assert_eq!(check_tally(&tally(0, 0, 0), 10), Err(CycleError::NoVotes));
        assert_eq!(
            check_tally(&tally(5, -1, 0), 10),
            Err(CycleError::NegativeVotes)
        );
    }

    #[test]
    fn only_a_planned_meeting_still_ahead_moves() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap();
        let mut m = Meeting {
            id: Uuid::nil(),
            unit_id: Uuid::nil(),
            series_id: None,
            kind: MeetingKind::Regular,
            starts_at: now + chrono::Duration::hours(1),
            duration_minutes: 120,
            place: "Nhà văn hóa".into(),
            topic: "Sinh hoạt tháng 11".into(),
            status: MeetingStatus::Planned,
            chair_id: None,
            minute_taker_id: None,
            guests: None,
            minutes: None,
            conclusion: None,
            rating: None,
        };
        assert_eq!(check_reschedulable(&m, now), Ok(()));
        m.starts_at = now - chrono::Duration::hours(1);
        assert_eq!(
            check_reschedulable(&m, now),
            Err(CycleError::AlreadyStarted)
        );
        m.status = MeetingStatus::Cancelled;
        assert_eq!(check_reschedulable(&m, now), Err(CycleError::Cancelled));
        assert_eq!(check_recordable(&m), Err(CycleError::Cancelled));
        assert_eq!(check_start(now, now), Err(CycleError::InThePast));
    }
}
