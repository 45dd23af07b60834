//! What people look at: lists and details, shaped for the CLI's `--json` and the desktop UI.
//!
//! Instants are shown both as RFC 3339 (for programs) and as `dd/MM/yyyy HH:mm` in Vietnam's
//! time zone (for people); dates as ISO `yyyy-mm-dd`.

use crate::error::Result;
use crate::read::list;
use crate::search::{self, SearchHit};
use crate::{Store, open};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;
use sotay_core::model::{
    AgendaItem, Attendance, AttendanceStatus, Conflict, Contribution, ContributionKind, Document,
    DocumentKind, Meeting, MeetingKind, MeetingStatus, Member, OrgUnit, Resolution,
    ResolutionStatus, Standing, Task, TaskProgress, TaskStatus, UnitLevel,
};
use sotay_core::time::format_local;
use sotay_core::{EntityKind, Hlc};
use uuid::Uuid;

fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// An organisation unit with its size.
#[derive(Debug, Clone, Serialize)]
pub struct UnitSummary {
    pub id: Uuid,
    pub parent_id: Option<Uuid>,
    pub level: UnitLevel,
    pub name: String,
    /// Members of this unit (for a cell) — not of the units below it.
    pub members: i64,
}

/// A meeting in a list.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingSummary {
    pub id: Uuid,
    pub unit_id: Uuid,
    pub unit_name: String,
    pub kind: MeetingKind,
    pub status: MeetingStatus,
    pub starts_at: DateTime<Utc>,
    pub starts_at_local: String,
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
#[derive(Debug, Clone, Default, Serialize)]
pub struct RollCall {
    pub total: i64,
    pub official: i64,
    pub probationary: i64,
    pub excused: i64,
    pub present: i64,
    pub absent_with_reason: Vec<Absentee>,
    pub absent_without_reason: Vec<Absentee>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Absentee {
    pub member_id: Uuid,
    pub full_name: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContributionView {
    pub id: Uuid,
    pub member_id: Uuid,
    pub member_name: String,
    pub kind: ContributionKind,
    pub resolution_id: Option<Uuid>,
    pub body: String,
    pub made_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentSummary {
    pub id: Uuid,
    pub kind: DocumentKind,
    pub number: Option<String>,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub title: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TaskView {
    #[serde(flatten)]
    pub task: Task,
    pub assignees: Vec<Assignee>,
    pub overdue: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Assignee {
    pub member_id: Uuid,
    pub full_name: String,
}

/// Everything about one meeting.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingDetail {
    #[serde(flatten)]
    pub summary: MeetingSummary,
    pub chair_id: Option<Uuid>,
    pub guests: Option<String>,
    pub minutes: Option<String>,
    pub conclusion: Option<String>,
    pub agenda: Vec<AgendaItem>,
    pub roll_call: Option<RollCall>,
    pub documents: Vec<DocumentSummary>,
    pub resolutions: Vec<Resolution>,
    pub contributions: Vec<ContributionView>,
    pub tasks: Vec<TaskView>,
}

/// Which tasks to list.
#[derive(Debug, Clone, Default)]
pub struct TaskQuery {
    pub unit_id: Option<Uuid>,
    pub member_id: Option<Uuid>,
    /// Only tasks not yet done or cancelled.
    pub open_only: bool,
    pub limit: u32,
}

/// One line of the activity feed.
#[derive(Debug, Clone, Serialize)]
pub struct ActivityEntry {
    pub kind: String,
    pub id: Uuid,
    pub title: String,
    /// `created`, `updated` or `deleted`.
    pub action: &'static str,
    pub at: DateTime<Utc>,
    pub hlc: Hlc,
}

/// The store's own state, for status screens.
#[derive(Debug, Clone, Serialize)]
pub struct StoreStatus {
    pub client_id: String,
    pub schema_version: i64,
    pub pending_changes: u64,
    /// Demo data, never to be pushed to a real server.
    pub demo: bool,
    pub records: Vec<(String, i64)>,
}

/// The local key that marks a store as holding demo data.
pub const LOCAL_DEMO: &str = "demo";

impl DocumentSummary {
    /// The summary of a document.
    pub fn of(d: Document) -> Self {
        DocumentSummary {
            id: d.id,
            kind: d.kind,
            number: d.number,
            issuer: d.issuer,
            issued_on: d.issued_on,
            title: d.title,
        }
    }
}

impl Store {
    /// Every organisation unit, tree order (parents before children), by name.
    pub fn units(&self) -> Result<Vec<UnitSummary>> {
        let units: Vec<OrgUnit> = list(self.conn(), "1", "ORDER BY name", [])?;
        let mut counts = self.conn().prepare_cached(
            "SELECT unit_id, count(*) FROM member WHERE deleted = 0 GROUP BY unit_id",
        )?;
        let counts: std::collections::HashMap<String, i64> = counts
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        let mut out: Vec<UnitSummary> = units
            .into_iter()
            .map(|u| UnitSummary {
                members: counts.get(&u.id.to_string()).copied().unwrap_or(0),
                id: u.id,
                parent_id: u.parent_id,
                level: u.level,
                name: u.name,
            })
            .collect();
        out.sort_by_key(|u| {
            (
                match u.level {
                    UnitLevel::Province => 0,
                    UnitLevel::District => 1,
                    UnitLevel::Grassroots => 2,
                    UnitLevel::Cell => 3,
                },
                u.name.clone(),
            )
        });
        Ok(out)
    }

    /// The members of a unit (or of all units), by name.
    pub fn members(&self, unit_id: Option<Uuid>, limit: u32) -> Result<Vec<Member>> {
        match unit_id {
            Some(unit) => {
                self.require::<OrgUnit>(unit)?;
                list(
                    self.conn(),
                    "unit_id = ?1",
                    "ORDER BY full_name LIMIT ?2",
                    rusqlite::params![unit.to_string(), limit],
                )
            }
            None => list(self.conn(), "1", "ORDER BY full_name LIMIT ?1", [limit]),
        }
    }

    fn unit_name(&self, unit_id: Uuid) -> Result<String> {
        Ok(self
            .conn()
            .prepare_cached("SELECT name FROM org_unit WHERE id = ?1")?
            .query_row([unit_id.to_string()], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    fn summary(&self, m: Meeting) -> Result<MeetingSummary> {
        Ok(MeetingSummary {
            unit_name: self.unit_name(m.unit_id)?,
            id: m.id,
            unit_id: m.unit_id,
            kind: m.kind,
            status: m.status,
            starts_at_local: format_local(m.starts_at),
            starts_at: m.starts_at,
            duration_minutes: m.duration_minutes,
            place: m.place,
            topic: m.topic,
        })
    }

    /// Meetings by start time.
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
        meetings.into_iter().map(|m| self.summary(m)).collect()
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
        let resolution_ids: Vec<String> = resolutions.iter().map(|r| r.id.to_string()).collect();
        let mut contributions: Vec<Contribution> =
            list(self.conn(), "meeting_id = ?1", "ORDER BY made_at", [&key])?;
        for rid in &resolution_ids {
            let more: Vec<Contribution> = list(
                self.conn(),
                "resolution_id = ?1 AND (meeting_id IS NULL OR meeting_id != ?2)",
                "ORDER BY made_at",
                [rid, &key],
            )?;
            contributions.extend(more);
        }
        let contributions = contributions
            .into_iter()
            .map(|c| {
                Ok(ContributionView {
                    member_name: self.member_name(c.member_id)?,
                    id: c.id,
                    member_id: c.member_id,
                    kind: c.kind,
                    resolution_id: c.resolution_id,
                    body: c.body,
                    made_at: c.made_at,
                })
            })
            .collect::<Result<_>>()?;
        let tasks = list::<Task>(
            self.conn(),
            "meeting_id = ?1",
            "ORDER BY due_on, title",
            [&key],
        )?
        .into_iter()
        .map(|t| self.task_view(t))
        .collect::<Result<_>>()?;
        let roll_call = self.roll_call(&meeting)?;
        Ok(MeetingDetail {
            chair_id: meeting.chair_id,
            guests: meeting.guests.clone(),
            minutes: meeting.minutes.clone(),
            conclusion: meeting.conclusion.clone(),
            summary: self.summary(meeting)?,
            agenda,
            roll_call,
            documents,
            resolutions,
            contributions,
            tasks,
        })
    }

    fn member_name(&self, id: Uuid) -> Result<String> {
        Ok(self
            .conn()
            .prepare_cached("SELECT full_name FROM member WHERE id = ?1")?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?
            .unwrap_or_default())
    }

    /// The roll call of a meeting, or `None` before any attendance is recorded.
    fn roll_call(&self, meeting: &Meeting) -> Result<Option<RollCall>> {
        let records: Vec<Attendance> =
            list(self.conn(), "meeting_id = ?1", "", [meeting.id.to_string()])?;
        if records.is_empty() {
            return Ok(None);
        }
        let members: std::collections::HashMap<Uuid, Member> = self
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
                AttendanceStatus::Present => rc.present += 1,
                AttendanceStatus::Excused => rc.excused += 1,
                AttendanceStatus::AbsentWithReason => rc.absent_with_reason.push(absentee()),
                AttendanceStatus::AbsentWithoutReason => rc.absent_without_reason.push(absentee()),
            }
        }
        rc.absent_with_reason
            .sort_by(|a, b| a.full_name.cmp(&b.full_name));
        rc.absent_without_reason
            .sort_by(|a, b| a.full_name.cmp(&b.full_name));
        Ok(Some(rc))
    }

    /// A task with its assignees.
    pub fn task_view(&self, task: Task) -> Result<TaskView> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT m.id, m.full_name FROM task_assignee a JOIN member m ON m.id = a.member_id
             WHERE a.task_id = ?1 AND a.deleted = 0 ORDER BY m.full_name",
        )?;
        let assignees = stmt
            .query_map([task.id.to_string()], |r| {
                let id: String = r.get(0)?;
                Ok(Assignee {
                    member_id: Uuid::parse_str(&id).unwrap_or_default(),
                    full_name: r.get(1)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        let today = sotay_core::time::local_date(Utc::now());
        let overdue = matches!(task.status, TaskStatus::Open | TaskStatus::InProgress)
            && task.due_on.is_some_and(|d| d < today);
        Ok(TaskView {
            task,
            assignees,
            overdue,
        })
    }

    /// Tasks, soonest due first.
    pub fn tasks(&self, q: &TaskQuery) -> Result<Vec<TaskView>> {
        if let Some(member) = q.member_id {
            self.require::<Member>(member)?;
        }
        if let Some(unit) = q.unit_id {
            self.require::<OrgUnit>(unit)?;
        }
        let tasks: Vec<Task> = list(
            self.conn(),
            "(?1 IS NULL OR unit_id = ?1)
             AND (?2 IS NULL OR id IN (SELECT task_id FROM task_assignee
                                       WHERE member_id = ?2 AND deleted = 0))
             AND (?3 = 0 OR status IN ('open', 'in_progress'))",
            "ORDER BY due_on IS NULL, due_on, title LIMIT ?4",
            rusqlite::params![
                q.unit_id.map(|u| u.to_string()),
                q.member_id.map(|m| m.to_string()),
                q.open_only,
                q.limit
            ],
        )?;
        tasks.into_iter().map(|t| self.task_view(t)).collect()
    }

    /// How many contributions members made to a resolution.
    pub fn contribution_count(&self, resolution_id: Uuid) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM contribution WHERE deleted = 0 AND resolution_id = ?1",
            [resolution_id.to_string()],
            |r| r.get(0),
        )?)
    }

    /// A task's progress reports, newest first.
    pub fn progress(&self, task_id: Uuid) -> Result<Vec<TaskProgress>> {
        list(
            self.conn(),
            "task_id = ?1",
            "ORDER BY noted_at DESC, hlc DESC",
            [task_id.to_string()],
        )
    }

    /// Documents of a unit (or all), newest first.
    pub fn documents(&self, unit_id: Option<Uuid>, limit: u32) -> Result<Vec<DocumentSummary>> {
        let docs: Vec<Document> = list(
            self.conn(),
            "?1 IS NULL OR unit_id = ?1",
            "ORDER BY issued_on DESC, title LIMIT ?2",
            rusqlite::params![unit_id.map(|u| u.to_string()), limit],
        )?;
        Ok(docs.into_iter().map(DocumentSummary::of).collect())
    }

    /// Resolutions of a unit (or all), newest meeting first.
    pub fn resolutions(
        &self,
        unit_id: Option<Uuid>,
        status: Option<ResolutionStatus>,
        limit: u32,
    ) -> Result<Vec<Resolution>> {
        list(
            self.conn(),
            "(?1 IS NULL OR unit_id = ?1) AND (?2 IS NULL OR status = ?2)",
            "ORDER BY adopted_on IS NULL DESC, adopted_on DESC, title LIMIT ?3",
            rusqlite::params![
                unit_id.map(|u| u.to_string()),
                status.map(|s| s.to_string()),
                limit
            ],
        )
    }

    /// What changed most recently (after `since`, if given): meetings, documents, resolutions,
    /// contributions, tasks and progress reports.
    pub fn activity(&self, since: Option<Hlc>, limit: u32) -> Result<Vec<ActivityEntry>> {
        let parts = [
            (EntityKind::Meeting, "topic"),
            (EntityKind::Document, "title"),
            (EntityKind::Resolution, "title"),
            (EntityKind::Contribution, "substr(body, 1, 120)"),
            (EntityKind::Task, "title"),
            (EntityKind::TaskProgress, "substr(note, 1, 120)"),
        ];
        let union = parts
            .iter()
            .map(|(kind, title)| {
                format!(
                    "SELECT * FROM (SELECT '{k}' AS kind, id, {title} AS title, created_hlc, hlc,
                            deleted FROM {k} WHERE hlc > ?1 ORDER BY hlc DESC LIMIT ?2)",
                    k = kind.as_str()
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let sql = format!("SELECT * FROM ({union}) ORDER BY hlc DESC LIMIT ?2");
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(
            rusqlite::params![since.unwrap_or(Hlc::ZERO).as_i64(), limit],
            |r| {
                let id: String = r.get(1)?;
                let created: i64 = r.get(3)?;
                let hlc = Hlc::from_i64(r.get(4)?);
                let deleted: bool = r.get(5)?;
                let ms = i64::try_from(hlc.physical_ms()).unwrap_or(0);
                Ok(ActivityEntry {
                    kind: r.get(0)?,
                    id: Uuid::parse_str(&id).unwrap_or_default(),
                    title: r.get(2)?,
                    action: if deleted {
                        "deleted"
                    } else if created == hlc.as_i64() {
                        "created"
                    } else {
                        "updated"
                    },
                    at: DateTime::from_timestamp_millis(ms).unwrap_or_default(),
                    hlc,
                })
            },
        )?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Diacritic-insensitive full-text search.
    pub fn search(&self, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
        search::search(self.conn(), query, limit)
    }

    /// A summary of the store for status screens.
    pub fn status(&self) -> Result<StoreStatus> {
        let mut records = Vec::new();
        for kind in EntityKind::ALL {
            let n: i64 = self.conn().query_row(
                &format!("SELECT count(*) FROM {} WHERE deleted = 0", kind.as_str()),
                [],
                |r| r.get(0),
            )?;
            records.push((kind.as_str().to_owned(), n));
        }
        Ok(StoreStatus {
            client_id: self.client_id().to_string(),
            schema_version: self.schema_version()?,
            pending_changes: self.pending_changes()?,
            demo: self.is_demo()?,
            records,
        })
    }

    /// The conflict log, newest first: what sync did not keep (all, or only those still open).
    pub fn conflicts(&self, open_only: bool, limit: u32) -> Result<Vec<Conflict>> {
        list(
            self.conn(),
            "?1 = 0 OR status = 'open'",
            "ORDER BY detected_at DESC LIMIT ?2",
            rusqlite::params![open_only, limit],
        )
    }

    /// Conflicts sync recorded that nobody has resolved yet.
    pub fn open_conflicts(&self) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(*) FROM conflict WHERE deleted = 0 AND status = 'open'",
            [],
            |r| r.get(0),
        )?)
    }

    /// Whether a live record of the named kind exists (`false` for a kind this version does not
    /// know).
    pub fn record_exists(&self, entity: &str, id: Uuid) -> Result<bool> {
        let Ok(kind) = entity.parse::<EntityKind>() else {
            return Ok(false);
        };
        Ok(self.conn().query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?1 AND deleted = 0)",
                kind.as_str()
            ),
            [id.to_string()],
            |r| r.get(0),
        )?)
    }

    /// Whether the store holds any record at all.
    pub fn is_empty(&self) -> Result<bool> {
        let any: bool =
            self.conn()
                .query_row("SELECT EXISTS (SELECT 1 FROM org_unit)", [], |r| r.get(0))?;
        Ok(!any)
    }

    /// A value the client keeps for itself (settings, sync cursors, the demo mark).
    pub fn local(&self, key: &str) -> Result<Option<String>> {
        open::get_meta(self.conn(), key)
    }

    /// Whether the store holds demo data (which must never be pushed to a real server).
    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.local(LOCAL_DEMO)?.is_some())
    }
}
