//! Attachments' bytes on SQLite, and the attachment records that name them.

use super::{SqliteTx, read_row};
use crate::rows::{RECORD_COLUMNS, RecordRow};
use crate::storage::{FileTx, Result, StoredRecord};
use rusqlite::OptionalExtension;

impl FileTx for SqliteTx<'_> {
    fn attachments_of_file(&mut self, hash: &str) -> Result<Vec<StoredRecord>> {
        // The same expression and condition as the index `record_attachment_hash`, so it is used.
        let found: Vec<RecordRow> = self
            .tx
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

    fn put_file(&mut self, hash: &str, bytes: &[u8], now: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO blob (hash, bytes, stored_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (hash) DO NOTHING",
            )?
            .execute(rusqlite::params![hash, bytes, now])?;
        Ok(())
    }

    fn file(&mut self, hash: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .tx
            .prepare_cached("SELECT bytes FROM blob WHERE hash = ?1")?
            .query_row([hash], |r| r.get(0))
            .optional()?)
    }
}
