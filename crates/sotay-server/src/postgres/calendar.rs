//! The members' calendar subscriptions on PostgreSQL.

use super::db;
use super::tx::PgTx;
use crate::storage::{CalendarTx, Result};
use uuid::Uuid;

impl CalendarTx for PgTx<'_, '_, '_, '_> {
    fn set_calendar_feed(
        &mut self,
        member: Uuid,
        secret_hash: Option<&str>,
        now: i64,
    ) -> Result<()> {
        let mut tx = self.conn()?;
        let member = member.to_string();
        match secret_hash {
            Some(hash) => tx.execute(
                "INSERT INTO calendar_feed (member_id, secret_hash, created_at) VALUES ($1, $2, $3)
                 ON CONFLICT (member_id) DO UPDATE SET secret_hash = $2, created_at = $3",
                &[&member, &hash, &now],
            ),
            None => tx.execute("DELETE FROM calendar_feed WHERE member_id = $1", &[&member]),
        }
        .map_err(db)?;
        Ok(())
    }

    fn calendar_feed(&mut self, secret_hash: &str) -> Result<Option<Uuid>> {
        let mut tx = self.conn()?;
        let row = tx
            .query_opt(
                "SELECT member_id FROM calendar_feed WHERE secret_hash = $1",
                &[&secret_hash],
            )
            .map_err(db)?;
        Ok(row.and_then(|r| Uuid::parse_str(r.get::<_, &str>(0)).ok()))
    }
}
