//! What changed, newest first, across the kinds a member follows.

use crate::Store;
use crate::error::Result;
use chrono::{DateTime, Utc};
use sotay_core::{EntityKind, Hlc};
use uuid::Uuid;

/// What a change did to its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Created,
    Updated,
    Deleted,
    /// A resolution's latest change left it adopted.
    Adopted,
    /// A meeting's latest change left it cancelled.
    Cancelled,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Created => "created",
            Change::Updated => "updated",
            Change::Deleted => "deleted",
            Change::Adopted => "adopted",
            Change::Cancelled => "cancelled",
        }
    }
}

/// One line of the activity feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityEntry {
    pub kind: EntityKind,
    pub id: Uuid,
    pub title: String,
    pub change: Change,
    /// When the change was made (its HLC's wall time).
    pub at: DateTime<Utc>,
    pub hlc: Hlc,
    /// The series a meeting is an occurrence of: a new series' meetings are told as one line.
    pub series_id: Option<Uuid>,
}

/// The kinds in the feed, each with the text that names a record of it, the state its latest
/// change left it in (what the feed says of an update: a resolution adopted, a meeting cancelled)
/// and the series it belongs to.
const FOLLOWED: [(EntityKind, &str, &str, &str); 7] = [
    (EntityKind::Meeting, "topic", "status", "series_id"),
    (EntityKind::Document, "title", "NULL", "NULL"),
    (EntityKind::Notice, "title", "NULL", "NULL"),
    (EntityKind::Resolution, "title", "status", "NULL"),
    (
        EntityKind::Contribution,
        "substr(body, 1, 120)",
        "NULL",
        "NULL",
    ),
    (EntityKind::Task, "title", "NULL", "NULL"),
    (
        EntityKind::TaskProgress,
        "substr(note, 1, 120)",
        "NULL",
        "NULL",
    ),
];

impl Store {
    /// What changed most recently (after `since`, if given): meetings, documents, notices,
    /// resolutions, contributions, tasks and progress reports.
    pub fn activity(&self, since: Option<Hlc>, limit: u32) -> Result<Vec<ActivityEntry>> {
        let union = FOLLOWED
            .iter()
            .map(|(kind, title, state, series)| {
                format!(
                    "SELECT * FROM (SELECT '{k}' AS kind, id, {title} AS title, created_hlc, hlc,
                            deleted, {state} AS state, {series} AS series FROM {k}
                     WHERE hlc > ?1 ORDER BY hlc DESC LIMIT ?2)",
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
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    Hlc::from_i64(r.get(4)?),
                    r.get::<_, bool>(5)?,
                    (
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, Option<String>>(7)?,
                    ),
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, id, title, created, hlc, deleted, (state, series)) = row?;
            // Both come from the statement above: the kind from FOLLOWED, the id from the table.
            let (Ok(kind), Ok(id)) = (kind.parse::<EntityKind>(), Uuid::parse_str(&id)) else {
                continue;
            };
            let ms = i64::try_from(hlc.physical_ms()).unwrap_or(0);
            out.push(ActivityEntry {
                kind,
                id,
                title,
                change: match (deleted, state.as_deref()) {
                    (true, _) => Change::Deleted,
                    (false, Some("adopted")) if kind == EntityKind::Resolution => Change::Adopted,
                    (false, Some("cancelled")) if kind == EntityKind::Meeting => Change::Cancelled,
                    _ if created == hlc.as_i64() => Change::Created,
                    _ => Change::Updated,
                },
                at: DateTime::from_timestamp_millis(ms).unwrap_or_default(),
                hlc,
                series_id: series.and_then(|s| Uuid::parse_str(&s).ok()),
            });
        }
        Ok(out)
    }
}
