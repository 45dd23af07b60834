//! Passwords, failed sign-ins and the security log on PostgreSQL.

use super::db;
use super::tx::PgTx;
use crate::rows;
use crate::storage::{AccountTx, Result};
use sotay_sync_protocol::SecurityEvent;
use uuid::Uuid;

impl AccountTx for PgTx<'_, '_, '_, '_> {
    fn set_password(&mut self, member: Uuid, phc: &str, now: i64) -> Result<()> {
        self.conn()?
            .execute(
                "INSERT INTO account (member_id, password, set_at) VALUES ($1, $2, $3)
                 ON CONFLICT (member_id) DO UPDATE SET password = excluded.password,
                    set_at = excluded.set_at",
                &[&member.to_string(), &phc, &now],
            )
            .map_err(db)?;
        Ok(())
    }

    fn password(&mut self, member: Uuid) -> Result<Option<String>> {
        let row = self
            .conn()?
            .query_opt(
                "SELECT password FROM account WHERE member_id = $1",
                &[&member.to_string()],
            )
            .map_err(db)?;
        Ok(row.map(|r| r.get(0)))
    }

    fn failures(&mut self, key: &str, since: i64) -> Result<(u32, Option<i64>)> {
        let row = self
            .conn()?
            .query_one(
                "SELECT count(*), min(at) FROM sign_in_failure WHERE key = $1 AND at >= $2",
                &[&key, &since],
            )
            .map_err(db)?;
        let count: i64 = row.get(0);
        Ok((u32::try_from(count).unwrap_or(u32::MAX), row.get(1)))
    }

    fn add_failure(&mut self, key: &str, now: i64) -> Result<()> {
        self.conn()?
            .execute(
                "INSERT INTO sign_in_failure (key, at) VALUES ($1, $2)",
                &[&key, &now],
            )
            .map_err(db)?;
        Ok(())
    }

    fn clear_failures(&mut self, key: &str, before: i64) -> Result<()> {
        self.conn()?
            .execute(
                "DELETE FROM sign_in_failure WHERE key = $1 OR at < $2",
                &[&key, &before],
            )
            .map_err(db)?;
        Ok(())
    }

    fn append_security(&mut self, e: &SecurityEvent) -> Result<()> {
        let row = rows::SecurityRow::encode(e);
        self.conn()?
            .execute(
                "INSERT INTO security_event (at, kind, member_id, device, address, detail)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &row.at,
                    &row.kind,
                    &row.member,
                    &row.device,
                    &row.address,
                    &row.detail,
                ],
            )
            .map_err(db)?;
        Ok(())
    }

    fn security_log(&mut self, after: i64, limit: u32) -> Result<Vec<SecurityEvent>> {
        let found = self
            .conn()?
            .query(
                "SELECT seq, at, kind, member_id, device, address, detail FROM security_event
                 WHERE seq > $1 ORDER BY seq LIMIT $2",
                &[&after, &i64::from(limit)],
            )
            .map_err(db)?;
        found
            .iter()
            .map(|r| {
                rows::SecurityRow::decode(rows::SecurityRow {
                    seq: r.get(0),
                    at: r.get(1),
                    kind: r.get(2),
                    member: r.get(3),
                    device: r.get(4),
                    address: r.get(5),
                    detail: r.get(6),
                })
            })
            .collect()
    }
}
