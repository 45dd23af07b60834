//! Home, the calendar, one meeting, and what a member does before a meeting: contribute to the
//! draft and send an absence reason.

use crate::app::{App, keys};
use crate::error::{AppError, Result};
use crate::library::document_card;
use crate::views::{
    AbsenceArgs, ActivityItem, AddContributionArgs, AgendaLine, CalendarArgs, ContributionLine,
    HomeView, IdArgs, MeetingCard, MeetingView, MyAttendance, NextMeeting, NoArgs, ResolutionView,
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sotay_core::Hlc;
use sotay_core::model::{
    AgendaItem, Attendance, AttendanceStatus, Contribution, ContributionKind, Meeting,
    MeetingStatus, Member, Resolution,
};
use sotay_core::time::ZONE;
use sotay_store::Store;
use sotay_store::queries::{MeetingQuery, MeetingSummary, TaskQuery};
use uuid::Uuid;

/// How many changes Home lists at most.
const CHANGES_ON_HOME: u32 = 20;

pub(crate) fn card(m: MeetingSummary) -> MeetingCard {
    MeetingCard {
        id: m.id,
        unit_name: m.unit_name,
        kind: m.kind,
        status: m.status,
        starts_at: m.starts_at,
        duration_minutes: m.duration_minutes,
        place: m.place,
        topic: m.topic,
    }
}

fn agenda_line(a: AgendaItem) -> AgendaLine {
    AgendaLine {
        position: a.position,
        step: a.step,
        title: a.title,
        body: a.body,
    }
}

/// The first instant of a day in Vietnam.
pub(crate) fn start_of_day(date: NaiveDate) -> DateTime<Utc> {
    let midnight = date.and_hms_opt(0, 0, 0).unwrap_or_default();
    // Vietnam has no daylight saving: every local midnight exists exactly once.
    ZONE.from_local_datetime(&midnight)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&midnight))
}

pub(crate) fn activity_item(e: sotay_store::queries::ActivityEntry) -> ActivityItem {
    ActivityItem {
        kind: e.kind,
        id: e.id,
        title: e.title,
        action: e.action.to_owned(),
        at: e.at,
    }
}

fn resolution_view(store: &Store, r: Resolution) -> Result<ResolutionView> {
    Ok(ResolutionView {
        contributions: store.contribution_count(r.id)?,
        id: r.id,
        meeting_id: r.meeting_id,
        title: r.title,
        draft: r.draft,
        status: r.status,
        adopted_on: r.adopted_on,
        votes_for: r.votes_for,
        votes_against: r.votes_against,
        votes_abstain: r.votes_abstain,
    })
}

/// The meeting a member answers the roll call of, if it is still ahead.
fn before_start(app: &App, store: &Store, meeting_id: Uuid) -> Result<(Member, Meeting)> {
    let me = App::require_me(store)?;
    let meeting: Meeting = store.require(meeting_id)?;
    if meeting.status != MeetingStatus::Planned || meeting.starts_at <= app.now() {
        return Err(AppError::new(
            "meeting_started",
            "this meeting has already started or taken place; tell the secretary directly",
        ));
    }
    Ok((me, meeting))
}

impl App {
    /// The next meeting of my unit (or the one under way), with its agenda.
    fn next_meeting(&self, store: &Store, me: &Member) -> Result<Option<NextMeeting>> {
        let now = self.now();
        // A meeting that started within the last few hours is still "the next one".
        let from = now - Duration::hours(4);
        let upcoming = store.meetings(&MeetingQuery {
            unit_id: Some(me.unit_id),
            kind: None,
            from: Some(from),
            to: None,
            newest_first: false,
            limit: 10,
        })?;
        let next = upcoming.into_iter().find(|m| {
            m.status == MeetingStatus::Planned
                && m.starts_at + Duration::minutes(m.duration_minutes) > now
        });
        let Some(next) = next else { return Ok(None) };
        let detail = store.meeting_detail(next.id)?;
        Ok(Some(NextMeeting {
            meeting: card(detail.summary),
            agenda: detail.agenda.into_iter().map(agenda_line).collect(),
        }))
    }

    /// Home: the next meeting, my open tasks, and what changed since I last looked.
    pub fn home(&self, _: NoArgs) -> Result<HomeView> {
        let store = self.store()?;
        let me = Self::require_me(&store)?;
        let next_meeting = self.next_meeting(&store, &me)?;
        let my_tasks = store
            .tasks(&TaskQuery {
                unit_id: None,
                member_id: Some(me.id),
                open_only: true,
                limit: 50,
            })?
            .into_iter()
            .map(|t| self.task_card(&store, t))
            .collect::<Result<_>>()?;
        let last_seen = store
            .local(keys::LAST_SEEN)?
            .and_then(|s| s.parse::<i64>().ok())
            .map(Hlc::from_i64);
        let changes = store
            .activity(last_seen, CHANGES_ON_HOME)?
            .into_iter()
            .map(activity_item)
            .collect();
        Ok(HomeView {
            next_meeting,
            my_tasks,
            changes,
            last_seen: last_seen.and_then(|h| {
                DateTime::from_timestamp_millis(i64::try_from(h.physical_ms()).ok()?)
            }),
        })
    }

    /// Marks everything changed so far as seen: Home's list starts again from here.
    pub fn mark_seen(&self, _: NoArgs) -> Result<HomeView> {
        {
            let mut store = self.store()?;
            if let Some(newest) = store.activity(None, 1)?.into_iter().next() {
                let hlc = newest.hlc.as_i64().to_string();
                store.write(|w| w.set_local(keys::LAST_SEEN, &hlc))?;
            }
        }
        self.home(NoArgs {})
    }

    /// The meetings of my unit between two dates (inclusive), oldest first.
    pub fn calendar(&self, args: CalendarArgs) -> Result<Vec<MeetingCard>> {
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
        let store = self.store()?;
        let me = Self::require_me(&store)?;
        let to = args.to.succ_opt().unwrap_or(args.to);
        let meetings = store.meetings(&MeetingQuery {
            unit_id: Some(me.unit_id),
            kind: args.kind,
            from: Some(start_of_day(args.from)),
            to: Some(start_of_day(to)),
            newest_first: false,
            limit: 1_000,
        })?;
        Ok(meetings.into_iter().map(card).collect())
    }

    fn meeting_view(&self, store: &Store, id: Uuid) -> Result<MeetingView> {
        let me = Self::require_me(store)?;
        let detail = store.meeting_detail(id)?;
        let chair = match detail.chair_id {
            Some(c) => store.get::<Member>(c)?.map(|m| m.full_name),
            None => None,
        };
        let my_attendance = store
            .get::<Attendance>(Attendance::id_for(id, me.id))?
            .map(|a| MyAttendance {
                status: a.status,
                reason: a.reason,
            });
        let can_send_absence = detail.summary.status == MeetingStatus::Planned
            && detail.summary.starts_at > self.now();
        let resolutions = detail
            .resolutions
            .into_iter()
            .map(|r| resolution_view(store, r))
            .collect::<Result<_>>()?;
        Ok(MeetingView {
            meeting: card(detail.summary),
            chair,
            agenda: detail.agenda.into_iter().map(agenda_line).collect(),
            documents: detail
                .documents
                .into_iter()
                .map(|d| document_card(d, None))
                .collect(),
            resolutions,
            contributions: detail
                .contributions
                .into_iter()
                .map(|c| ContributionLine {
                    mine: c.member_id == me.id,
                    id: c.id,
                    member_name: c.member_name,
                    kind: c.kind,
                    resolution_id: c.resolution_id,
                    body: c.body,
                    made_at: c.made_at,
                })
                .collect(),
            my_attendance,
            minutes: detail.minutes,
            conclusion: detail.conclusion,
            can_send_absence,
        })
    }

    /// One meeting: agenda, papers, drafts with members' contributions, my attendance.
    pub fn meeting(&self, args: IdArgs) -> Result<MeetingView> {
        let store = self.store()?;
        self.meeting_view(&store, args.id)
    }

    /// Adds my idea to a meeting (on its draft resolution, or on the meeting itself).
    pub fn add_contribution(&self, args: AddContributionArgs) -> Result<MeetingView> {
        let view = {
            let mut store = self.store()?;
            let me = Self::require_me(&store)?;
            let meeting: Meeting = store.require(args.meeting_id)?;
            if let Some(r) = args.resolution_id {
                let resolution: Resolution = store.require(r)?;
                if resolution.meeting_id != Some(meeting.id) {
                    return Err(AppError::bad_request(
                        "that draft resolution belongs to another meeting",
                    ));
                }
            }
            let now = self.now();
            let contribution = Contribution {
                id: sotay_core::id::new_id(),
                meeting_id: Some(meeting.id),
                resolution_id: args.resolution_id,
                member_id: me.id,
                kind: if args.resolution_id.is_some() {
                    ContributionKind::DraftComment
                } else if meeting.status == MeetingStatus::Held {
                    ContributionKind::Speech
                } else {
                    ContributionKind::DraftComment
                },
                body: sotay_core::text::normalize(args.body.trim()),
                made_at: now,
            };
            store.write(|w| w.insert(&contribution))?;
            self.meeting_view(&store, meeting.id)?
        };
        self.local_change();
        Ok(view)
    }

    /// Tells the committee I cannot attend, and why.
    pub fn send_absence(&self, args: AbsenceArgs) -> Result<MeetingView> {
        let view = {
            let mut store = self.store()?;
            let (me, meeting) = before_start(self, &store, args.meeting_id)?;
            let reason = sotay_core::text::normalize(args.reason.trim());
            if reason.is_empty() {
                return Err(AppError::new(
                    "reason_required",
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
            self.meeting_view(&store, meeting.id)?
        };
        self.local_change();
        Ok(view)
    }

    /// Withdraws my absence reason: I will come after all.
    pub fn cancel_absence(&self, args: IdArgs) -> Result<MeetingView> {
        let view = {
            let mut store = self.store()?;
            let (me, meeting) = before_start(self, &store, args.id)?;
            // Not a delete: attendance ids derive from (meeting, member), and a deleted id never
            // comes back, so a later absence reason could not be sent. The roll call at the
            // meeting overwrites this with what really happened.
            let attending = Attendance::new(meeting.id, me.id, AttendanceStatus::Present, None);
            store.write(|w| w.put(&attending))?;
            self.meeting_view(&store, meeting.id)?
        };
        self.local_change();
        Ok(view)
    }

    /// My unit's resolutions: drafts first, then the adopted ones, newest first.
    pub fn resolutions(&self, _: NoArgs) -> Result<Vec<ResolutionView>> {
        let store = self.store()?;
        let me = Self::require_me(&store)?;
        store
            .resolutions(Some(me.unit_id), None, 500)?
            .into_iter()
            .map(|r| resolution_view(&store, r))
            .collect()
    }
}
