//! The read side: what the store can tell about its records, as plain data.
//!
//! These are the store's answers, not screens: no text is formatted, no field depends on the time
//! of the call, nothing is serialisable. `sotay-app` turns them into the views the desktop UI and
//! the command line show (and knows Vietnam's clock, the member using the device and the language).
//!
//! Lists are read with one statement each, whatever their length: a screen of forty tasks does
//! not issue forty queries for their assignees. Ids of a set are passed to SQLite as one JSON
//! array (`json_each`), so statements stay cached.

mod activity;
mod library;
mod meetings;
mod members;
mod notices;
mod report;
mod tasks;
mod units;

pub use activity::{ActivityEntry, Change};
pub use library::DocumentSummary;
pub use meetings::{
    Absentee, ContributionEntry, MeetingDetail, MeetingQuery, MeetingSummary, RollCall, RollEntry,
};
pub use report::{CellFacts, CheckFacts};
pub use tasks::{AssignedTask, Assignee, TaskQuery};
pub use units::UnitSummary;

use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::collections::HashMap;
use uuid::Uuid;

fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

/// A set of ids as the JSON array `json_each(?)` reads.
fn id_set<'a>(ids: impl IntoIterator<Item = &'a Uuid>) -> String {
    let quoted: Vec<String> = ids.into_iter().map(|id| format!("\"{id}\"")).collect();
    format!("[{}]", quoted.join(","))
}

/// Reads `(id, value)` rows into a map; an unreadable id is skipped (it names no record anyway).
fn by_id<T: rusqlite::types::FromSql>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<HashMap<Uuid, T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, |r| Ok((r.get::<_, String>(0)?, r.get::<_, T>(1)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (id, value) = row?;
        if let Ok(id) = Uuid::parse_str(&id) {
            out.insert(id, value);
        }
    }
    Ok(out)
}

/// Members' names by id, in one statement.
fn member_names<'a>(
    conn: &Connection,
    ids: impl IntoIterator<Item = &'a Uuid>,
) -> Result<HashMap<Uuid, String>> {
    by_id(
        conn,
        "SELECT id, full_name FROM member WHERE id IN (SELECT value FROM json_each(?1))",
        [id_set(ids)],
    )
}
