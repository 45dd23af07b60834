//! Passwords, failed sign-ins and the security log on SQLite.

use super::SqliteTx;
use crate::rows;
use crate::storage::{AccountTx, Result};
use rusqlite::OptionalExtension;
use sotay_sync_protocol::SecurityEvent;
use uuid::Uuid;

impl AccountTx for SqliteTx<'_> {
    fn set_password(&mut self, member: Uuid, phc: &str, now: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO account (member_id, password, set_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (member_id) DO UPDATE SET password = excluded.password,
                    set_at = excluded.set_at",
            )?
            .execute(rusqlite::params![member.to_string(), phc, now])?;
        Ok(())
    }

    fn password(&mut self, member: Uuid) -> Result<Option<String>> {
        Ok(self
            .tx
            .prepare_cached("SELECT password FROM account WHERE member_id = ?1")?
            .query_row([member.to_string()], |r| r.get(0))
            .optional()?)
    }

    fn failures(&mut self, key: &str, since: i64) -> Result<(u32, Option<i64>)> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT count(*), min(at) FROM sign_in_failure WHERE key = ?1 AND at >= ?2",
            )?
            .query_row(rusqlite::params![key, since], |r| {
                Ok((r.get::<_, u32>(0)?, r.get(1)?))
            })?)
    }

    fn add_failure(&mut self, key: &str, now: i64) -> Result<()> {
        self.tx
            .prepare_cached("INSERT INTO sign_in_failure (key, at) VALUES (?1, ?2)")?
            .execute(rusqlite::params![key, now])?;
        Ok(())
    }

    fn clear_failures(&mut self, key: &str, before: i64) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM sign_in_failure WHERE key = ?1 OR at < ?2")?
            .execute(rusqlite::params![key, before])?;
        Ok(())
    }

    fn append_security(&mut self, e: &SecurityEvent) -> Result<()> {
        let row = rows::SecurityRow::encode(e);
        self.tx
            .prepare_cached(
                "INSERT INTO security_event (at, kind, member_id, device, address, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(rusqlite::params![
                row.at,
                row.kind,
                row.member,
                row.device,
                row.address,
                row.detail
            ])?;
        Ok(())
    }

    fn security_log(&mut self, after: i64, limit: u32) -> Result<Vec<SecurityEvent>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT seq, at, kind, member_id, device, address, detail FROM security_event
             WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )?;
        let found = stmt
            .query_map(rusqlite::params![after, limit], |r| {
                Ok(rows::SecurityRow {
                    seq: r.get(0)?,
                    at: r.get(1)?,
                    kind: r.get(2)?,
                    member: r.get(3)?,
                    device: r.get(4)?,
                    address: r.get(5)?,
                    detail: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        found.into_iter().map(rows::SecurityRow::decode).collect()
    }
}
