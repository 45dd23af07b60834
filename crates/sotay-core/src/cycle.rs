//! The rules of the meeting cycle a cell committee runs: when a meeting may still be scheduled,
//! moved or cancelled, and when a show-of-hands tally may be recorded. Pure checks on values the
//! caller passes in (the time included), shared by the app, the command line and their tests.

use crate::ErrorKind;
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
    /// Changing a meeting whose minutes were adopted: they are the minutes book's now.
    #[error("the minutes of this meeting were adopted: its record is locked")]
    MinutesAdopted,
    /// Adopting minutes that have not been written.
    #[error("write the minutes first (they can be drafted from what was recorded)")]
    NoMinutes,
    /// Adopting the minutes of a meeting that has not started.
    #[error("this meeting has not started: its minutes are adopted at its end")]
    NotStarted,
    /// Recording what is said or decided at a meeting nobody has opened.
    #[error(
        "this meeting has not been opened: open it (meeting start) before recording the roll call, speeches or a tally"
    )]
    NotOpened,
    /// Opening a meeting more than [`EARLY_OPENING`] before its time, not confirmed.
    #[error(
        "this meeting is scheduled {minutes} minutes from now: open it this early only if the cell has gathered (confirm to go on)"
    )]
    OpensEarly { minutes: i64 },
    /// A meeting held on paper, entered afterwards, at a time still ahead.
    #[error("a meeting entered from its paper record has taken place: give a time that has passed")]
    HeldInFuture,
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
    pub fn code(&self) -> ErrorKind {
        match self {
            CycleError::InThePast => ErrorKind::InThePast,
            CycleError::AlreadyStarted => ErrorKind::MeetingStarted,
            CycleError::Cancelled => ErrorKind::MeetingCancelled,
            CycleError::MinutesAdopted => ErrorKind::MinutesAdopted,
            CycleError::NoMinutes => ErrorKind::NoMinutes,
            CycleError::NotStarted => ErrorKind::MeetingNotStarted,
            CycleError::NotOpened => ErrorKind::MeetingNotOpened,
            CycleError::OpensEarly { .. } => ErrorKind::OpensEarly,
            CycleError::HeldInFuture => ErrorKind::HeldInFuture,
            CycleError::NegativeVotes => ErrorKind::NegativeVotes,
            CycleError::NoVotes => ErrorKind::NoVotes,
            CycleError::MoreVotesThanVoters { .. } => ErrorKind::TallyExceedsPresent,
            CycleError::NotCarried { .. } => ErrorKind::NotCarried,
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
/// Nothing is recorded once the minutes are adopted.
pub fn check_recordable(meeting: &Meeting) -> Result<(), CycleError> {
    if meeting.status == MeetingStatus::Cancelled {
        return Err(CycleError::Cancelled);
    }
    if meeting.minutes_adopted_at.is_some() {
        return Err(CycleError::MinutesAdopted);
    }
    Ok(())
}

/// How long before its time a meeting opens without asking: a cell gathering early is normal.
pub const EARLY_OPENING: chrono::Duration = chrono::Duration::hours(1);

/// A meeting is opened (it is being held now) unless it was cancelled or its minutes adopted;
/// more than [`EARLY_OPENING`] before its time only when `confirmed` — five hours early is more
/// likely the wrong meeting than the cell gathered.
pub fn check_opening(
    meeting: &Meeting,
    now: DateTime<Utc>,
    confirmed: bool,
) -> Result<(), CycleError> {
    check_recordable(meeting)?;
    let ahead = meeting.starts_at - now;
    if meeting.status == MeetingStatus::Planned && ahead > EARLY_OPENING && !confirmed {
        return Err(CycleError::OpensEarly {
            minutes: ahead.num_minutes(),
        });
    }
    Ok(())
}

/// The roll call, speeches and tallies are recorded at a meeting that was opened (and is not
/// locked).
pub fn check_opened(meeting: &Meeting) -> Result<(), CycleError> {
    check_recordable(meeting)?;
    if meeting.status != MeetingStatus::Held {
        return Err(CycleError::NotOpened);
    }
    Ok(())
}

/// A meeting held on paper is entered afterwards: its time has passed.
pub fn check_held_on_paper(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), CycleError> {
    if at > now {
        return Err(CycleError::HeldInFuture);
    }
    Ok(())
}

/// Minutes are adopted once, at the end of a meeting that was held, and not empty.
pub fn check_minutes_adoptable(meeting: &Meeting) -> Result<(), CycleError> {
    check_recordable(meeting)?;
    if meeting.status != MeetingStatus::Held {
        return Err(CycleError::NotStarted);
    }
    if meeting
        .minutes
        .as_deref()
        .is_none_or(|m| m.trim().is_empty())
    {
        return Err(CycleError::NoMinutes);
    }
    Ok(())
}

/// How a publication to members stands against the lead time before the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication {
    /// At least the lead time ahead.
    OnTime,
    /// Later than the lead time: members have less time to read than they should.
    Late { hours_ahead: i64 },
}

/// Documents go out to members of a planned meeting that has not started; when they go out
/// later than `lead` before it, that is said (it is allowed: better late than not at all).
pub fn check_publishable(
    meeting: &Meeting,
    now: DateTime<Utc>,
    lead: chrono::Duration,
) -> Result<Publication, CycleError> {
    check_reschedulable(meeting, now)?;
    Ok(publication(meeting.starts_at, now, lead))
}

/// Whether something sent at `sent` was `lead` ahead of a meeting at `starts_at`.
pub fn publication(
    starts_at: DateTime<Utc>,
    sent: DateTime<Utc>,
    lead: chrono::Duration,
) -> Publication {
    let ahead = starts_at - sent;
    if ahead >= lead {
        Publication::OnTime
    } else {
        Publication::Late {
            hours_ahead: ahead.num_hours().max(0),
        }
    }
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
            ..Meeting::planned(
                Uuid::nil(),
                MeetingKind::Regular,
                now + chrono::Duration::hours(1),
                "Nhà văn hóa",
                "Sinh hoạt tháng 11",
            )
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

    #[test]
    fn a_meeting_opens_early_only_when_confirmed_and_records_only_once_open() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 2, 0, 0).unwrap();
        let mut m = Meeting::planned(
            Uuid::nil(),
            MeetingKind::Regular,
            now + chrono::Duration::hours(5),
            "Nhà văn hóa",
            "Sinh hoạt tháng 11",
        );
        assert_eq!(
            check_opening(&m, now, false),
            Err(CycleError::OpensEarly { minutes: 300 })
        );
        assert_eq!(check_opening(&m, now, true), Ok(()));
        assert_eq!(check_opened(&m), Err(CycleError::NotOpened));
        m.starts_at = now + chrono::Duration::minutes(50);
        assert_eq!(check_opening(&m, now, false), Ok(()));
        m.status = MeetingStatus::Held;
        assert_eq!(check_opened(&m), Ok(()));
        assert_eq!(check_held_on_paper(now, now), Ok(()));
        assert_eq!(
            check_held_on_paper(now + chrono::Duration::minutes(1), now),
            Err(CycleError::HeldInFuture)
        );
    }

    #[test]
    fn minutes_are_adopted_once_after_the_meeting_and_lock_it() {
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 3, 0, 0).unwrap();
        let mut m = crate::fixtures::held_meeting();
        m.minutes = None;
        assert_eq!(check_minutes_adoptable(&m), Err(CycleError::NoMinutes));
        m.minutes = Some("Biên bản".into());
        assert_eq!(check_minutes_adoptable(&m), Ok(()));
        m.minutes_adopted_at = Some(now);
        assert_eq!(check_recordable(&m), Err(CycleError::MinutesAdopted));
        assert_eq!(check_minutes_adoptable(&m), Err(CycleError::MinutesAdopted));
        m.minutes_adopted_at = None;
        m.status = MeetingStatus::Planned;
        assert_eq!(check_minutes_adoptable(&m), Err(CycleError::NotStarted));
    }

    #[test]
    fn a_publication_is_late_inside_the_lead_time() {
        let starts = Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap();
        let day = chrono::Duration::days(1);
        assert_eq!(
            publication(starts, starts - chrono::Duration::hours(24), day),
            Publication::OnTime
        );
        assert_eq!(
            publication(starts, starts - chrono::Duration::hours(5), day),
            Publication::Late { hours_ahead: 5 }
        );
        let mut m = crate::fixtures::held_meeting();
        m.status = MeetingStatus::Planned;
        m.starts_at = starts;
        assert_eq!(
            check_publishable(&m, starts + day, day),
            Err(CycleError::AlreadyStarted)
        );
    }
}
