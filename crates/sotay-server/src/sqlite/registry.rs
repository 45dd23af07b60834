//! The device registry on SQLite: invites and the devices they register.

use super::SqliteTx;
use crate::rows;
use crate::storage::{Grant, RegistryTx, Result};
use rusqlite::OptionalExtension;
use sotay_core::ClientId;

impl RegistryTx for SqliteTx<'_> {
    fn create_invite(&mut self, code_hash: &str, grant: &Grant, now: i64) -> Result<()> {
        let (unit, member, admin) = rows::grant_columns(grant);
        self.tx
            .prepare_cached(
                "INSERT INTO invite (code_hash, unit, member, admin, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(rusqlite::params![code_hash, unit, member, admin, now])?;
        Ok(())
    }

    fn redeem_invite(
        &mut self,
        code_hash: &str,
        token_hash: &str,
        client: ClientId,
        now: i64,
    ) -> Result<Option<Grant>> {
        let found: Option<rows::GrantColumns> = self
            .tx
            .prepare_cached(
                "UPDATE invite SET used_at = ?2 WHERE code_hash = ?1 AND used_at IS NULL
                 RETURNING unit, member, admin",
            )?
            .query_row(rusqlite::params![code_hash, now], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let Some(columns) = found else {
            return Ok(None);
        };
        let grant = rows::grant(columns);
        self.add_device(token_hash, client, &grant, now)?;
        Ok(Some(grant))
    }

    fn add_device(
        &mut self,
        token_hash: &str,
        client: ClientId,
        grant: &Grant,
        now: i64,
    ) -> Result<()> {
        let (unit, member, admin) = rows::grant_columns(grant);
        self.tx
            .prepare_cached(
                "INSERT INTO device (token_hash, client_id, unit, member, admin, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (client_id) DO UPDATE SET token_hash = excluded.token_hash,
                    unit = excluded.unit, member = excluded.member, admin = excluded.admin,
                    revoked_at = NULL",
            )?
            .execute(rusqlite::params![
                token_hash,
                client.to_string(),
                unit,
                member,
                admin,
                now
            ])?;
        Ok(())
    }

    fn device(&mut self, token_hash: &str) -> Result<Option<(ClientId, Grant)>> {
        let found: Option<(String, rows::GrantColumns)> = self
            .tx
            .prepare_cached(
                "SELECT client_id, unit, member, admin FROM device
                 WHERE token_hash = ?1 AND revoked_at IS NULL",
            )?
            .query_row([token_hash], |r| {
                Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
            })
            .optional()?;
        found
            .map(|(client, columns)| rows::device(client, columns))
            .transpose()
    }
}
