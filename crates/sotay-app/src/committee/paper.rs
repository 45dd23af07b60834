//! A meeting held on paper, entered afterwards: the months before a cell started keeping its
//! record in Sotay, or a month it was offline and lost its laptop. What the paper minutes book
//! holds — the day, the kind, the roll call's counts, the tally, the conclusion, the minutes as
//! text (a scan is attached to its papers) — is entered as a held meeting marked as entered
//! afterwards. It counts in the figures like any other; who spoke and when its papers went out
//! are not known, so they count for nothing either way.

use super::{meeting_view_here, require_runs};
use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::views::MeetingView;
use chrono::Datelike;
use serde::Deserialize;
use sotay_core::ErrorKind;
use sotay_core::cycle::{check_held_on_paper, check_tally};
use sotay_core::minutes::title_line;
use sotay_core::model::{Meeting, MeetingKind, MeetingStatus, Resolution, ResolutionStatus, Tally};
use sotay_core::text::entered;
use sotay_core::time::{local_date, parse_local_datetime};
use ts_rs::TS;
use uuid::Uuid;

/// A meeting already held, from its paper record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct HeldMeetingArgs {
    /// The cell; the device member's own when absent (an administrator's device names it).
    pub unit_id: Option<Uuid>,
    pub kind: MeetingKind,
    /// When it was held, local time in Vietnam: `dd/mm/yyyy HH:MM` or `yyyy-mm-ddTHH:MM`.
    pub held_at: String,
    /// The minutes book's title line ("Sinh hoạt chi bộ thường kỳ tháng 3 năm 2026") if absent.
    pub topic: Option<String>,
    /// "Ghi theo biên bản" if absent.
    pub place: Option<String>,
    pub present: i64,
    pub absent_with_reason: i64,
    pub absent_without_reason: i64,
    /// The show of hands on the month's resolution, if one was voted.
    pub votes_for: Option<i64>,
    pub votes_against: Option<i64>,
    pub votes_abstain: Option<i64>,
    pub conclusion: Option<String>,
    /// The minutes' text as written in the book.
    pub minutes: Option<String>,
}

/// The place a paper record is filed under when it names none.
const NO_PLACE: &str = "Ghi theo biên bản giấy";

/// Enters a meeting held on paper as held, marked as entered now, with its counts; a tally makes
/// the month's resolution, adopted. Answers with the meeting.
pub fn enter_held_meeting(cx: &mut Cx, args: HeldMeetingArgs) -> Result<MeetingView> {
    let (store, session, now) = cx.parts_mut();
    let unit_id = session.unit_or_mine(args.unit_id)?;
    require_runs(session, unit_id)?;
    let held_at = parse_local_datetime("held_at", &args.held_at)?;
    check_held_on_paper(held_at, now)?;
    if args.present < 1 {
        return Err(AppError::new(
            ErrorKind::Invalid,
            "a meeting that was held had members present: give how many",
        ));
    }
    let tally = match (args.votes_for, args.votes_against, args.votes_abstain) {
        (None, None, None) => None,
        (votes_for, against, abstain) => {
            let tally = Tally {
                votes_for: votes_for.unwrap_or(0),
                votes_against: against.unwrap_or(0),
                votes_abstain: abstain.unwrap_or(0),
            };
            // The paper record counts those present, not which of them were official members.
            check_tally(&tally, args.present)?;
            Some(tally)
        }
    };
    let day = local_date(held_at);
    let mut title = title_line(args.kind, day);
    // Only the regular meeting's line names its month: the others' topics say it too.
    if !title.contains("THÁNG") {
        title = format!("{title} THÁNG {} NĂM {}", day.month(), day.year());
    }
    let topic = entered(args.topic.as_deref()).unwrap_or_else(|| sentence_case(&title));
    let meeting = Meeting {
        status: MeetingStatus::Held,
        started_at: Some(held_at),
        entered_at: Some(now),
        present_count: Some(args.present),
        absent_with_reason_count: Some(args.absent_with_reason),
        absent_without_reason_count: Some(args.absent_without_reason),
        conclusion: entered(args.conclusion.as_deref()),
        minutes: entered(args.minutes.as_deref()),
        ..Meeting::planned(
            unit_id,
            args.kind,
            held_at,
            entered(args.place.as_deref()).unwrap_or_else(|| NO_PLACE.to_owned()),
            topic,
        )
    };
    let resolution = tally.map(|t| Resolution {
        id: sotay_core::id::new_id(),
        unit_id,
        meeting_id: Some(meeting.id),
        title: format!("Nghị quyết tháng {}/{}", day.month(), day.year()),
        draft: meeting
            .conclusion
            .clone()
            .unwrap_or_else(|| format!("Theo biên bản {}.", title.to_lowercase())),
        status: ResolutionStatus::Adopted,
        adopted_on: Some(day),
        votes_for: Some(t.votes_for),
        votes_against: Some(t.votes_against),
        votes_abstain: Some(t.votes_abstain),
    });
    store.write(|w| {
        w.insert(&meeting)?;
        resolution.iter().try_for_each(|r| w.insert(r))
    })?;
    meeting_view_here(cx, meeting.id)
}

/// "SINH HOẠT CHI BỘ THƯỜNG KỲ THÁNG 3 NĂM 2026" as a topic: "Sinh hoạt chi bộ thường kỳ tháng 3
/// năm 2026".
fn sentence_case(title: &str) -> String {
    let lower = title.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
