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
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Created => "created",
            Change::Updated => "updated",
            Change::Deleted => "deleted",
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
}

/// The kinds in the feed, each with the text that names a record of it.
const FOLLOWED: [(EntityKind, &str); 6] = [
    (EntityKind::Meeting, "topic"),
    (EntityKind::Document, "title"),
    (EntityKind::Resolution, "title"),
    (EntityKind::Contribution, "substr(body, 1, 120)"),
    (EntityKind::Task, "title"),
    (EntityKind::TaskProgress, "substr(note, 1, 120)"),
];

impl Store {
    /// What changed most recently (after `since`, if given): meetings, documents, resolutions,
    /// contributions, tasks and progress reports.
    pub fn activity(&self, since: Option<Hlc>, limit: u32) -> Result<Vec<ActivityEntry>> {
        let union = FOLLOWED
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
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    Hlc::from_i64(r.get(4)?),
                    r.get::<_, bool>(5)?,
                ))
            },
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (kind, id, title, created, hlc, deleted) = row?;
            // Both come from the statement above: the kind from FOLLOWED, the id from the table.
            let (Ok(kind), Ok(id)) = (kind.parse::<EntityKind>(), Uuid::parse_str(&id)) else {
                continue;
            };
            let ms = i64::try_from(hlc.physical_ms()).unwrap_or(0);
            out.push(ActivityEntry {
                kind,
                id,
                title,
                change: if deleted {
                    Change::Deleted
                } else if created == hlc.as_i64() {
                    Change::Created
                } else {
                    Change::Updated
                },
                at: DateTime::from_timestamp_millis(ms).unwrap_or_default(),
                hlc,
            });
        }
        Ok(out)
    }
}
