//! Full-text search that ignores case and Vietnamese diacritics, ranked, with snippets.
//!
//! What is indexed is each kind's search text in the entity table ([`sotay_core::entity::Handling`]):
//! documents (number, title, issuer, summary, text), resolutions (title, draft), meetings (topic,
//! minutes, conclusion) and tasks (title, description, notes). Texts are folded with
//! [`sotay_core::text::fold`] before FTS5 sees them, and queries are folded the same way, so
//! `nghi quyet` finds `Nghị quyết` and `dang vien` finds `Đảng viên`.

use crate::error::{Result, StoreError};
use crate::read::{row_fields, select_sql};
pub use crate::snippet::Snippet;
use crate::snippet::snippet;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;
use sotay_core::error::{Invalid, ValidationError};
use sotay_core::text::fold;
use sotay_core::{EntityKind, FieldMap};
use uuid::Uuid;

/// The kinds search covers.
pub const SEARCHABLE: &[EntityKind] = EntityKind::SEARCHABLE;

/// One result.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub kind: String,
    pub id: Uuid,
    /// The record's title as stored, with diacritics.
    pub title: String,
    /// The best-matching passage, with its matches marked.
    pub snippet: Snippet,
    /// FTS5's BM25 score: lower is better.
    pub rank: f64,
}

fn text(fields: &FieldMap, name: &str) -> String {
    match fields.get(name) {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

fn joined(fields: &FieldMap, names: &[&str], separator: &str) -> String {
    names
        .iter()
        .map(|n| text(fields, n))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(separator)
}

/// The (title, body) a record is found by.
fn texts(kind: EntityKind, fields: &FieldMap) -> Option<(String, String)> {
    let search = kind.handling().search?;
    Some((
        joined(fields, search.title, " "),
        joined(fields, search.body, "\n"),
    ))
}

/// A change to the index, applied when the transaction that caused it commits. Deferred because
/// FTS5 flushes its in-memory segment whenever another statement opens a savepoint: interleaving
/// index writes with record writes made bulk writes several times slower.
#[derive(Debug)]
pub(crate) enum IndexJob {
    Put(EntityKind, Uuid, String, String),
    Remove(Uuid),
}

/// The index job for a record with these full fields, if its kind is searchable.
pub(crate) fn job(kind: EntityKind, id: Uuid, fields: &FieldMap) -> Option<IndexJob> {
    texts(kind, fields).map(|(title, body)| IndexJob::Put(kind, id, title, body))
}

/// Applies the jobs in order (a later job for the same record supersedes an earlier one).
///
/// In two passes: first the `search_entry` rows (which give each record its FTS rowid), then
/// every FTS5 change in a row. FTS5 flushes what it holds in memory to a new segment whenever
/// another writing statement opens a savepoint — `search_entry`'s upsert does — so one pass,
/// alternating the two, wrote a segment per record and then merged them: a sixth of a first
/// pull's time on the device.
pub(crate) fn apply(conn: &Connection, jobs: Vec<IndexJob>) -> Result<()> {
    let mut fts = Vec::with_capacity(jobs.len());
    for job in jobs {
        match job {
            IndexJob::Remove(id) => {
                let key = id.to_string();
                let rowid: Option<i64> = conn
                    .prepare_cached(
                        "DELETE FROM search_entry WHERE entity_id = ?1 RETURNING rowid",
                    )?
                    .query_row([&key], |r| r.get(0))
                    .optional()?;
                fts.extend(rowid.map(FtsChange::Delete));
            }
            IndexJob::Put(kind, id, title, body) => {
                let key = id.to_string();
                let inserted: Option<i64> = conn
                    .prepare_cached(
                        "INSERT INTO search_entry (kind, entity_id) VALUES (?1, ?2)
                         ON CONFLICT (entity_id) DO NOTHING RETURNING rowid",
                    )?
                    .query_row([kind.as_str(), &key], |r| r.get(0))
                    .optional()?;
                let rowid = match inserted {
                    Some(rowid) => rowid,
                    None => {
                        let rowid = conn
                            .prepare_cached("SELECT rowid FROM search_entry WHERE entity_id = ?1")?
                            .query_row([&key], |r| r.get(0))?;
                        fts.push(FtsChange::Delete(rowid));
                        rowid
                    }
                };
                fts.push(FtsChange::Insert(rowid, fold(&title), fold(&body)));
            }
        }
    }
    for change in fts {
        match change {
            FtsChange::Delete(rowid) => {
                conn.prepare_cached("DELETE FROM search_fts WHERE rowid = ?1")?
                    .execute([rowid])?;
            }
            FtsChange::Insert(rowid, title, body) => {
                conn.prepare_cached(
                    "INSERT INTO search_fts (rowid, title, body) VALUES (?1, ?2, ?3)",
                )?
                .execute(rusqlite::params![rowid, title, body])?;
            }
        }
    }
    Ok(())
}

/// A change to the FTS5 table, by the rowid its `search_entry` row gave it.
enum FtsChange {
    Delete(i64),
    Insert(i64, String, String),
}

/// Rebuilds the whole index from the records.
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM search_fts; DELETE FROM search_entry;")?;
    for &kind in SEARCHABLE {
        let sql = format!("{} WHERE deleted = 0", select_sql(kind));
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| row_fields(kind, r))?;
        let mut jobs = Vec::new();
        for row in rows {
            let (id, fields) = row?;
            let id = Uuid::parse_str(&id).map_err(|e| StoreError::Corrupt {
                kind,
                id: id.clone(),
                source: serde::de::Error::custom(e),
            })?;
            jobs.extend(job(kind, id, &fields));
        }
        apply(conn, jobs)?;
    }
    Ok(())
}

/// The (title, body) of a stored record, read back for its snippet.
fn stored_texts(conn: &Connection, kind: EntityKind, id: &str) -> Result<Option<(String, String)>> {
    let sql = format!("{} WHERE id = ?1", select_sql(kind));
    let found = conn
        .prepare_cached(&sql)?
        .query_row([id], |r| row_fields(kind, r))
        .optional()?;
    Ok(found.and_then(|(_, fields)| texts(kind, &fields)))
}

/// The folded words of a query.
pub fn query_terms(query: &str) -> Vec<String> {
    fold(query)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Searches for records holding every word of `query` (the last word may be the start of one, so
/// search works while typing).
pub fn search(conn: &Connection, query: &str, limit: u32) -> Result<Vec<SearchHit>> {
    let terms = query_terms(query);
    if terms.is_empty() {
        return Err(StoreError::Invalid(ValidationError {
            field: "query",
            problem: Invalid::Empty,
        }));
    }
    let fts_query = terms
        .iter()
        .enumerate()
        .map(|(i, t)| {
            if i + 1 == terms.len() {
                format!("\"{t}\"*")
            } else {
                format!("\"{t}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut stmt = conn.prepare_cached(
        "SELECT e.kind, e.entity_id, bm25(search_fts, 10.0, 1.0) AS rank
         FROM search_fts f JOIN search_entry e ON e.rowid = f.rowid
         WHERE search_fts MATCH ?1
         ORDER BY rank LIMIT ?2",
    )?;
    let rows: Vec<(String, String, f64)> = stmt
        .query_map(rusqlite::params![fts_query, limit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?;
    let mut hits = Vec::with_capacity(rows.len());
    for (kind_name, id, rank) in rows {
        let Ok(kind) = kind_name.parse::<EntityKind>() else {
            continue;
        };
        let Some((title, body)) = stored_texts(conn, kind, &id)? else {
            continue;
        };
        let in_body = snippet(&body, &fold(&body), &terms, 160);
        let snippet = if in_body.highlights.is_empty() {
            snippet(&title, &fold(&title), &terms, 160)
        } else {
            in_body
        };
        hits.push(SearchHit {
            kind: kind_name,
            id: Uuid::parse_str(&id).unwrap_or_default(),
            title,
            snippet,
            rank,
        });
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../../../schema/0002_search.sql"))
            .unwrap();
        conn
    }

    /// The records a folded word finds; an FTS row no `search_entry` row owns shows as "orphan".
    fn found(conn: &Connection, word: &str) -> Vec<String> {
        let mut stmt = conn
            .prepare(
                "SELECT coalesce(e.entity_id, 'orphan') FROM search_fts
                 LEFT JOIN search_entry e ON e.rowid = search_fts.rowid
                 WHERE search_fts MATCH ?1 ORDER BY 1",
            )
            .unwrap();
        stmt.query_map([word], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }

    fn put(id: Uuid, title: &str) -> IndexJob {
        IndexJob::Put(EntityKind::Task, id, title.into(), String::new())
    }

    #[test]
    fn jobs_for_one_record_in_one_batch_end_as_the_last_says() {
        let conn = index();
        let (a, b, c) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        apply(&conn, vec![put(a, "Họp chi bộ"), put(b, "Kết nạp")]).unwrap();
        // Changed, removed and put back, and a new record that may take a freed rowid: the FTS
        // changes, written after every `search_entry` change, must still land in order.
        apply(
            &conn,
            vec![
                put(a, "Học tập nghị quyết"),
                IndexJob::Remove(b),
                put(c, "Kết nạp đảng viên"),
                IndexJob::Remove(a),
                put(a, "Học tập chuyên đề"),
            ],
        )
        .unwrap();
        assert_eq!(found(&conn, "hoc"), vec![a.to_string()]);
        assert_eq!(found(&conn, "chuyen"), vec![a.to_string()]);
        assert!(found(&conn, "nghi").is_empty(), "a's earlier title is gone");
        assert!(found(&conn, "chi").is_empty(), "a's first title is gone");
        assert_eq!(found(&conn, "ket"), vec![c.to_string()], "b was removed");
        let entries: i64 = conn
            .query_row("SELECT count(*) FROM search_entry", [], |r| r.get(0))
            .unwrap();
        assert_eq!(entries, 2);
    }
}
