//! Attachments' bytes on PostgreSQL, and the attachment records that name them.

use super::db;
use super::reads;
use super::tx::PgTx;
use crate::rows::RECORD_COLUMNS;
use crate::storage::{FileTx, Result, StoredRecord};

impl FileTx for PgTx<'_, '_, '_, '_> {
    fn attachments_of_file(&mut self, hash: &str) -> Result<Vec<StoredRecord>> {
        // The same expression and condition as the index `record_attachment_hash`, so it is used.
        let found = self
            .conn()?
            .query(
                &format!(
                    "SELECT {RECORD_COLUMNS} FROM record
                     WHERE ((fields::jsonb) ->> 'content_hash') = $1 AND entity = 'attachment'
                       AND NOT deleted
                     ORDER BY seq"
                ),
                &[&hash],
            )
            .map_err(db)?;
        reads::records(&found)
    }

    fn put_file(&mut self, hash: &str, bytes: &[u8], now: i64) -> Result<()> {
        self.conn()?
            .execute(
                "INSERT INTO blob (hash, bytes, stored_at) VALUES ($1, $2, $3)
                 ON CONFLICT (hash) DO NOTHING",
                &[&hash, &bytes, &now],
            )
            .map_err(db)?;
        Ok(())
    }

    fn file(&mut self, hash: &str) -> Result<Option<Vec<u8>>> {
        let row = self
            .conn()?
            .query_opt("SELECT bytes FROM blob WHERE hash = $1", &[&hash])
            .map_err(db)?;
        Ok(row.map(|r| r.get(0)))
    }
}
