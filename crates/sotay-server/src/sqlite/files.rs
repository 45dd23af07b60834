//! Attachments' bytes on SQLite, and the attachment records that name them.

use super::read_row;
use crate::rows::{RECORD_COLUMNS, RecordRow};
use crate::storage::{Result, StoredRecord};
use rusqlite::{OptionalExtension, Transaction};

pub(super) fn attachments_of_file(tx: &Transaction<'_>, hash: &str) -> Result<Vec<StoredRecord>> {
    // The same expression and condition as the index `record_attachment_hash`, so it is used.
    let found: Vec<RecordRow> = tx
        .prepare_cached(&format!(
            "SELECT {RECORD_COLUMNS} FROM record
             WHERE json_extract(fields, '$.content_hash') = ?1 AND entity = 'attachment'
               AND deleted = 0
             ORDER BY seq"
        ))?
        .query_map([hash], read_row)?
        .collect::<Result<_, _>>()?;
    found.into_iter().map(StoredRecord::try_from).collect()
}

pub(super) fn put_file(tx: &Transaction<'_>, hash: &str, bytes: &[u8], now: i64) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO blob (hash, bytes, stored_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (hash) DO NOTHING",
    )?
    .execute(rusqlite::params![hash, bytes, now])?;
    Ok(())
}

pub(super) fn file(tx: &Transaction<'_>, hash: &str) -> Result<Option<Vec<u8>>> {
    Ok(tx
        .prepare_cached("SELECT bytes FROM blob WHERE hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?)
}
