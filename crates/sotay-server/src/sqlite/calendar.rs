//! The members' calendar subscriptions on SQLite.

use super::SqliteTx;
use crate::storage::{CalendarTx, Result};
use rusqlite::OptionalExtension;
use uuid::Uuid;

impl CalendarTx for SqliteTx<'_> {
    fn set_calendar_feed(
        &mut self,
        member: Uuid,
        secret_hash: Option<&str>,
        now: i64,
    ) -> Result<()> {
        match secret_hash {
            Some(hash) => self.tx.execute(
                "INSERT INTO calendar_feed (member_id, secret_hash, created_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (member_id) DO UPDATE SET secret_hash = ?2, created_at = ?3",
                rusqlite::params![member.to_string(), hash, now],
            )?,
            None => self.tx.execute(
                "DELETE FROM calendar_feed WHERE member_id = ?1",
                [member.to_string()],
            )?,
        };
        Ok(())
    }

    fn calendar_feed(&mut self, secret_hash: &str) -> Result<Option<Uuid>> {
        let member: Option<String> = self
            .tx
            .prepare_cached("SELECT member_id FROM calendar_feed WHERE secret_hash = ?1")?
            .query_row([secret_hash], |r| r.get(0))
            .optional()?;
        Ok(member.and_then(|m| Uuid::parse_str(&m).ok()))
    }
}
