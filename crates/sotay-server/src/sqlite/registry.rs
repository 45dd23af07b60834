//! The device registry on SQLite: invites and the devices they register.

use super::SqliteTx;
use crate::rows;
use crate::storage::{DeviceState, Grant, NewDevice, RegistryTx, Result};
use rusqlite::OptionalExtension;
use sotay_core::ClientId;
use sotay_sync_protocol::DeviceInfo;
use uuid::Uuid;

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

    fn use_invite(&mut self, code_hash: &str, now: i64, made_after: i64) -> Result<Option<Grant>> {
        let found: Option<rows::GrantColumns> = self
            .tx
            .prepare_cached(
                "UPDATE invite SET used_at = ?2
                 WHERE code_hash = ?1 AND used_at IS NULL AND created_at > ?3
                 RETURNING unit, member, admin",
            )?
            .query_row(rusqlite::params![code_hash, now, made_after], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        Ok(found.map(rows::grant))
    }

    fn add_device(&mut self, d: &NewDevice<'_>) -> Result<()> {
        let (unit, member, admin) = rows::grant_columns(d.grant);
        self.tx
            .prepare_cached(
                "INSERT INTO device (token_hash, client_id, unit, member, admin, created_at, name,
                                     last_seen, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?6, ?8)
                 ON CONFLICT (client_id) DO UPDATE SET token_hash = excluded.token_hash,
                    unit = excluded.unit, member = excluded.member, admin = excluded.admin,
                    name = coalesce(excluded.name, device.name), last_seen = excluded.last_seen,
                    expires_at = excluded.expires_at, revoked_at = NULL, revoked_by = NULL",
            )?
            .execute(rusqlite::params![
                d.token_hash,
                d.client.to_string(),
                unit,
                member,
                admin,
                d.now,
                d.name,
                d.expires_at
            ])?;
        Ok(())
    }

    fn device(&mut self, token_hash: &str) -> Result<Option<DeviceState>> {
        type Row = (
            String,
            rows::GrantColumns,
            Option<i64>,
            Option<i64>,
            Option<i64>,
        );
        let found: Option<Row> = self
            .tx
            .prepare_cached(
                "SELECT client_id, unit, member, admin, last_seen, expires_at, revoked_at
                 FROM device WHERE token_hash = ?1",
            )?
            .query_row([token_hash], |r| {
                Ok((
                    r.get(0)?,
                    (r.get(1)?, r.get(2)?, r.get(3)?),
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ))
            })
            .optional()?;
        found
            .map(|(client, grant, last_seen, expires_at, revoked_at)| {
                Ok(DeviceState {
                    client: rows::client(&client)?,
                    grant: rows::grant(grant),
                    last_seen,
                    expires_at,
                    revoked_at,
                })
            })
            .transpose()
    }

    fn touch_device(&mut self, client: ClientId, now: i64, expires_at: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE device SET last_seen = ?2,
                    expires_at = CASE WHEN revoked_at IS NULL THEN ?3 ELSE expires_at END
                 WHERE client_id = ?1",
            )?
            .execute(rusqlite::params![client.to_string(), now, expires_at])?;
        Ok(())
    }

    fn devices(&mut self, member: Option<Uuid>) -> Result<Vec<DeviceInfo>> {
        let mut stmt = self.tx.prepare_cached(&format!(
            "SELECT {} FROM device WHERE ?1 IS NULL OR member = ?1
             ORDER BY created_at DESC, client_id",
            rows::DEVICE_INFO
        ))?;
        let found = stmt
            .query_map([member.map(|m| m.to_string())], info_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        found.into_iter().map(rows::device_info).collect()
    }

    fn device_info(&mut self, client: ClientId) -> Result<Option<DeviceInfo>> {
        let found = self
            .tx
            .prepare_cached(&format!(
                "SELECT {} FROM device WHERE client_id = ?1",
                rows::DEVICE_INFO
            ))?
            .query_row([client.to_string()], info_row)
            .optional()?;
        found.map(rows::device_info).transpose()
    }

    fn revoke_device(&mut self, client: ClientId, now: i64, by: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE device SET revoked_at = ?2, revoked_by = ?3
                 WHERE client_id = ?1 AND revoked_at IS NULL",
            )?
            .execute(rusqlite::params![client.to_string(), now, by])?;
        Ok(())
    }
}

fn info_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<rows::DeviceInfoColumns> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}
