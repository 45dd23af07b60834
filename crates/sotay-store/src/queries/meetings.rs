//! Meetings: lists by time, and one meeting with everything recorded about it.

use super::library::DocumentSummary;
use super::tasks::AssignedTask;
use super::{member_names, ms};
use crate::Store;
use crate::error::Result;
use crate::read::list;
use chrono::{DateTime, Utc};
use sotay_core::model::{
    AgendaItem, Attendance, AttendanceStatus, Contribution, ContributionKind, Document, Meeting,
    MeetingKind, MeetingStatus, Member, OrgUnit, Resolution, Standing, Task,
};
use std::collections::HashMap;
use uuid::Uuid;

/// A meeting in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSummary {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i64,
    pub place: String,
    pub topic: String,
}

/// Which meetings to list.
#[derive(Debug, Clone, Default)]
pub struct MeetingQuery {
    pub unit_id: Option<Uuid>,
    pub kind: Option<MeetingKind>,
    /// Meetings starting at or after.
    pub from: Option<DateTime<Utc>>,
    /// Meetings starting before.
    pub to: Option<DateTime<Utc>>,
    /// Latest first (history) instead of soonest first (what's coming).
    pub newest_first: bool,
    pub limit: u32,
}

/// The roll call of one meeting, as the minutes record it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RollCall {
    pub total: i64,
    pub official: i64,
    pub probationary: i64,
    pub excused: i64,
    pub present: i64,
    /// Official members present: those who vote on the resolution.
    pub official_present: i64,
    /// Members the roll call has not recorded yet (no answer, or "expected").
    pub not_called: i64,
    pub absent_with_reason: Vec<Absentee>,
    pub absent_without_reason: Vec<Absentee>,
}

/// One member of the meeting's unit on the roll, with what was recorded of them so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RollEntry {
    pub member_id: Uuid,
    pub full_name: String,
    pub standing: Standing,
    /// Exempt from meetings (miễn sinh hoạt): called "excused" unless they come.
    pub exempt: bool,
    /// `None` before anything is recorded.
    pub status: Option<AttendanceStatus>,
    pub reason: Option<String>,
    /// Attending here temporarily (counted in their own cell).
    pub temporarily_attached: bool,
    /// Who recorded the member's answer for them.
    pub recorded_by: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Absentee {
    pub member_id: Uuid,
    pub full_name: String,
    pub reason: Option<String>,
}

/// A contribution with its author's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionEntry {
    pub id: Uuid,
    pub member_id: Uuid,
    pub member_name: String,
    pub kind: ContributionKind,
    pub resolution_id: Option<Uuid>,
    pub body: String,
    pub made_at: DateTime<Utc>,
    /// Who wrote it down for the member (a member without a device), and their name.
    pub recorded_by: Option<Uuid>,
    pub recorded_by_name: Option<String>,
}

/// Everything recorded about one meeting.
#[derive(Debug, Clone)]
pub struct MeetingDetail {
    pub summary: MeetingSummary,
    /// The series it is an occurrence of.
    pub series_id: Option<Uuid>,
    pub chair_id: Option<Uuid>,
    pub minute_taker_id: Option<Uuid>,
    pub guests: Option<String>,
    pub minutes: Option<String>,
    pub conclusion: Option<String>,
    pub rating: Option<sotay_core::model::MeetingRating>,
    /// When the documents went out to members.
    pub published_at: Option<DateTime<Utc>>,
    /// When the minutes were adopted (the record is locked).
    pub minutes_adopted_at: Option<DateTime<Utc>>,
    /// When it was actually opened and closed.
    pub started_at: Option<DateTime<Utc>>,
    pub ended_at: Option<DateTime<Utc>>,
    /// Held on paper and entered afterwards, then; with its roll call's counts (present, absent
    /// with reason, absent without).
    pub entered_at: Option<DateTime<Utc>>,
    pub paper_roll: Option<(i64, i64, i64)>,
    pub agenda: Vec<AgendaItem>,
    pub roll_call: Option<RollCall>,
    pub documents: Vec<DocumentSummary>,
    /// The files attached to its papers.
    pub files: Vec<crate::AttachedFile>,
    pub resolutions: Vec<Resolution>,
    /// Ideas and speeches on the meeting, then those on its drafts made elsewhere.
    pub contributions: Vec<ContributionEntry>,
    pub tasks: Vec<AssignedTask>,
}

impl Store {
    fn unit_names(&self, meetings: &[Meeting]) -> Result<HashMap<Uuid, String>> {
        super::by_id(
            self.conn(),
            "SELECT id, name FROM org_unit WHERE id IN (SELECT value FROM json_each(?1))",
            [super::id_set(meetings.iter().map(|m| &m.unit_id))],
        )
    }

    fn summaries(&self, meetings: Vec<Meeting>) -> Result<Vec<MeetingSummary>> {
        let names = self.unit_names(&meetings)?;
        Ok(meetings
            .into_iter()
            .map(|m| MeetingSummary {
                unit_name: names.get(&m.unit_id).cloned().unwrap_or_default(),
                id: m.id,
                unit_id: m.unit_id,
                kind: m.kind,
                status: m.status,
                starts_at: m.starts_at,
                duration_minutes: m.duration_minutes,
                place: m.place,
                topic: m.topic,
            })
            .collect())
    }

    /// Meetings by start time.
    /// A unit's meeting series, oldest first.
    pub fn unit_series(&self, unit: Uuid) -> Result<Vec<sotay_core::model::MeetingSeries>> {
        list(
            self.conn(),
            "unit_id = ?1",
            "ORDER BY id",
            [unit.to_string()],
        )
    }

    /// The meetings recorded for a series' occurrences, by time.
    pub fn series_meetings(&self, series: Uuid) -> Result<Vec<Meeting>> {
        list(
            self.conn(),
            "series_id = ?1",
            "ORDER BY starts_at",
            [series.to_string()],
        )
    }

    /// A unit's meeting series, and its meetings from `from` on (a calendar's contents).
    pub fn calendar_of(
        &self,
        unit: Uuid,
        from: DateTime<Utc>,
    ) -> Result<(Vec<sotay_core::model::MeetingSeries>, Vec<Meeting>)> {
        let series = list(
            self.conn(),
            "unit_id = ?1",
            "ORDER BY id",
            [unit.to_string()],
        )?;
        let meetings = list(
            self.conn(),
            "unit_id = ?1 AND starts_at >= ?2",
            "ORDER BY starts_at",
            rusqlite::params![unit.to_string(), ms(from)],
        )?;
        Ok((series, meetings))
    }

    /// A unit's meetings starting in `[from, to)`, whatever their status, each with whether
    /// another device made its latest change (a device is not told of its own changes).
    pub fn meetings_changed_elsewhere(
        &self,
        unit: Uuid,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<(Meeting, bool)>> {
        let meetings: Vec<Meeting> = list(
            self.conn(),
            "unit_id = ?1 AND starts_at >= ?2 AND starts_at < ?3",
            "ORDER BY starts_at LIMIT 50",
            rusqlite::params![unit.to_string(), ms(from), ms(to)],
        )?;
        let origins: HashMap<Uuid, String> = super::by_id(
            self.conn(),
            "SELECT id, origin FROM meeting WHERE id IN (SELECT value FROM json_each(?1))",
            [super::id_set(meetings.iter().map(|m| &m.id))],
        )?;
        let me = self.client_id().to_string();
        Ok(meetings
            .into_iter()
            .map(|m| {
                let elsewhere = origins.get(&m.id).is_some_and(|o| *o != me);
                (m, elsewhere)
            })
            .collect())
    }

    pub fn meetings(&self, q: &MeetingQuery) -> Result<Vec<MeetingSummary>> {
        if let Some(unit) = q.unit_id {
            self.require::<OrgUnit>(unit)?;
        }
        let filter = "(?1 IS NULL OR unit_id = ?1) AND (?2 IS NULL OR kind = ?2)
             AND (?3 IS NULL OR starts_at >= ?3) AND (?4 IS NULL OR starts_at < ?4)";
        let tail = if q.newest_first {
            "ORDER BY starts_at DESC LIMIT ?5"
        } else {
            "ORDER BY starts_at LIMIT ?5"
        };
        let meetings: Vec<Meeting> = list(
            self.conn(),
            filter,
            tail,
            rusqlite::params![
                q.unit_id.map(|u| u.to_string()),
                q.kind.map(|k| k.to_string()),
                q.from.map(ms),
                q.to.map(ms),
                q.limit
            ],
        )?;
        self.summaries(meetings)
    }

    /// One meeting with its agenda, roll call, papers, resolutions, contributions and tasks.
    pub fn meeting_detail(&self, id: Uuid) -> Result<MeetingDetail> {
        let meeting: Meeting = self.require(id)?;
        let key = id.to_string();
        let agenda: Vec<AgendaItem> =
            list(self.conn(), "meeting_id = ?1", "ORDER BY position", [&key])?;
        let documents =
            list::<Document>(self.conn(), "meeting_id = ?1", "ORDER BY issued_on", [&key])?
                .into_iter()
                .map(DocumentSummary::of)
                .collect();
        let resolutions: Vec<Resolution> =
            list(self.conn(), "meeting_id = ?1", "ORDER BY title", [&key])?;
        let contributions = self.contributions_to(&key)?;
        let tasks: Vec<Task> = list(
            self.conn(),
            "meeting_id = ?1",
            "ORDER BY due_on, title",
            [&key],
        )?;
        let tasks = self.with_assignees(tasks)?;
        let roll_call = self.roll_call(&meeting)?;
        let mut summary = self.summaries(vec![meeting.clone()])?;
        Ok(MeetingDetail {
            summary: summary.remove(0),
            series_id: meeting.series_id,
            chair_id: meeting.chair_id,
            minute_taker_id: meeting.minute_taker_id,
            guests: meeting.guests,
            minutes: meeting.minutes,
            conclusion: meeting.conclusion,
            rating: meeting.rating,
            published_at: meeting.published_at,
            minutes_adopted_at: meeting.minutes_adopted_at,
            started_at: meeting.started_at,
            ended_at: meeting.ended_at,
            entered_at: meeting.entered_at,
            paper_roll: meeting.entered_at.map(|_| {
                (
                    meeting.present_count.unwrap_or(0),
                    meeting.absent_with_reason_count.unwrap_or(0),
                    meeting.absent_without_reason_count.unwrap_or(0),
                )
            }),
            agenda,
            roll_call,
            documents,
            files: self.meeting_files(id)?,
            resolutions,
            contributions,
            tasks,
        })
    }

    /// What members said on a meeting and on its drafts, in one statement: the meeting's own
    /// contributions by time, then — draft by draft, in title order — ideas on its drafts that
    /// were sent without the meeting.
    fn contributions_to(&self, meeting: &str) -> Result<Vec<ContributionEntry>> {
        let contributions: Vec<Contribution> = list(
            self.conn(),
            "meeting_id = ?1 OR resolution_id IN
                 (SELECT id FROM resolution WHERE meeting_id = ?1 AND deleted = 0)",
            "ORDER BY meeting_id IS NOT ?1,
                      CASE WHEN meeting_id IS ?1 THEN NULL
                           ELSE (SELECT title FROM resolution r WHERE r.id = resolution_id) END,
                      made_at",
            [meeting],
        )?;
        let names = member_names(
            self.conn(),
            contributions
                .iter()
                .flat_map(|c| std::iter::once(&c.member_id).chain(c.recorded_by.as_ref())),
        )?;
        Ok(contributions
            .into_iter()
            .map(|c| ContributionEntry {
                member_name: names.get(&c.member_id).cloned().unwrap_or_default(),
                recorded_by_name: c.recorded_by.and_then(|by| names.get(&by).cloned()),
                id: c.id,
                member_id: c.member_id,
                kind: c.kind,
                resolution_id: c.resolution_id,
                body: c.body,
                made_at: c.made_at,
                recorded_by: c.recorded_by,
            })
            .collect())
    }

    /// The roll call of a meeting, or `None` before any attendance is recorded.
    fn roll_call(&self, meeting: &Meeting) -> Result<Option<RollCall>> {
        let records: Vec<Attendance> =
            list(self.conn(), "meeting_id = ?1", "", [meeting.id.to_string()])?;
        if records.is_empty() {
            return Ok(None);
        }
        let members: HashMap<Uuid, Member> = self
            .members(Some(meeting.unit_id), u32::MAX)?
            .into_iter()
            .map(|m| (m.id, m))
            .collect();
        let mut rc = RollCall::default();
        for m in members.values() {
            rc.total += 1;
            match m.standing {
                Standing::Official => rc.official += 1,
                Standing::Probationary => rc.probationary += 1,
            }
        }
        for a in records {
            let name = members
                .get(&a.member_id)
                .map(|m| m.full_name.clone())
                .unwrap_or_default();
            let absentee = || Absentee {
                member_id: a.member_id,
                full_name: name.clone(),
                reason: a.reason.clone(),
            };
            match a.status {
                AttendanceStatus::Present => {
                    rc.present += 1;
                    if members
                        .get(&a.member_id)
                        .is_some_and(|m| m.standing == Standing::Official)
                    {
                        rc.official_present += 1;
                    }
                }
                AttendanceStatus::Expected => {}
                AttendanceStatus::Excused => rc.excused += 1,
                AttendanceStatus::AbsentWithReason => rc.absent_with_reason.push(absentee()),
                AttendanceStatus::AbsentWithoutReason => rc.absent_without_reason.push(absentee()),
            }
        }
        let called = rc.present
            + rc.excused
            + i64::try_from(rc.absent_with_reason.len() + rc.absent_without_reason.len())
                .unwrap_or(i64::MAX);
        rc.not_called = (rc.total - called).max(0);
        rc.absent_with_reason
            .sort_by(|a, b| a.full_name.cmp(&b.full_name));
        rc.absent_without_reason
            .sort_by(|a, b| a.full_name.cmp(&b.full_name));
        Ok(Some(rc))
    }

    /// The roll of a meeting: every member of its unit, by name, with what is recorded of them.
    pub fn roll(&self, meeting_id: Uuid) -> Result<Vec<RollEntry>> {
        let meeting: Meeting = self.require(meeting_id)?;
        let records: HashMap<Uuid, Attendance> =
            list::<Attendance>(self.conn(), "meeting_id = ?1", "", [meeting.id.to_string()])?
                .into_iter()
                .map(|a| (a.member_id, a))
                .collect();
        let mut roll: Vec<RollEntry> = self
            .members(Some(meeting.unit_id), u32::MAX)?
            .into_iter()
            .map(|m| {
                let answer = records.get(&m.id);
                RollEntry {
                    member_id: m.id,
                    full_name: m.full_name,
                    standing: m.standing,
                    exempt: m.exempt,
                    status: answer.map(|a| a.status),
                    reason: answer.and_then(|a| a.reason.clone()),
                    temporarily_attached: m.temporarily_attached,
                    recorded_by: answer.and_then(|a| a.recorded_by),
                }
            })
            .collect();
        roll.sort_by(|a, b| a.full_name.cmp(&b.full_name));
        Ok(roll)
    }
}
