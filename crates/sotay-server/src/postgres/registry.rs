//! The device registry on PostgreSQL: invites and the devices they register.

use super::db;
use super::tx::PgTx;
use crate::rows;
use crate::storage::{DeviceState, Grant, NewDevice, RegistryTx, Result};
use sotay_core::ClientId;
use sotay_sync_protocol::DeviceInfo;
use uuid::Uuid;

impl RegistryTx for PgTx<'_, '_, '_, '_> {
    fn create_invite(&mut self, code_hash: &str, grant: &Grant, now: i64) -> Result<()> {
        let mut tx = self.conn()?;
        let (unit, member, admin) = rows::grant_columns(grant);
        tx.execute(
            "INSERT INTO invite (code_hash, unit, member, admin, created_at)
                 VALUES ($1, $2, $3, $4, $5)",
            &[&code_hash, &unit, &member, &admin, &now],
        )
        .map_err(db)?;
        Ok(())
    }

    fn use_invite(&mut self, code_hash: &str, now: i64, made_after: i64) -> Result<Option<Grant>> {
        let row = self
            .conn()?
            .query_opt(
                "UPDATE invite SET used_at = $2
                 WHERE code_hash = $1 AND used_at IS NULL AND created_at > $3
                 RETURNING unit, member, admin",
                &[&code_hash, &now, &made_after],
            )
            .map_err(db)?;
        Ok(row.map(|row| rows::grant((row.get(0), row.get(1), row.get(2)))))
    }

    fn add_device(&mut self, d: &NewDevice<'_>) -> Result<()> {
        let (unit, member, admin) = rows::grant_columns(d.grant);
        self.conn()?
            .execute(
                "INSERT INTO device (token_hash, client_id, unit, member, admin, created_at, name,
                                     last_seen, expires_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $8)
                 ON CONFLICT (client_id) DO UPDATE SET token_hash = excluded.token_hash,
                    unit = excluded.unit, member = excluded.member, admin = excluded.admin,
                    name = coalesce(excluded.name, device.name), last_seen = excluded.last_seen,
                    expires_at = excluded.expires_at, revoked_at = NULL, revoked_by = NULL",
                &[
                    &d.token_hash,
                    &d.client.to_string(),
                    &unit,
                    &member,
                    &admin,
                    &d.now,
                    &d.name,
                    &d.expires_at,
                ],
            )
            .map_err(db)?;
        Ok(())
    }

    fn device(&mut self, token_hash: &str) -> Result<Option<DeviceState>> {
        let row = self
            .conn()?
            .query_opt(
                "SELECT client_id, unit, member, admin, last_seen, expires_at, revoked_at
                 FROM device WHERE token_hash = $1",
                &[&token_hash],
            )
            .map_err(db)?;
        row.map(|r| {
            Ok(DeviceState {
                client: rows::client(r.get(0))?,
                grant: rows::grant((r.get(1), r.get(2), r.get(3))),
                last_seen: r.get(4),
                expires_at: r.get(5),
                revoked_at: r.get(6),
            })
        })
        .transpose()
    }

    fn touch_device(&mut self, client: ClientId, now: i64, expires_at: i64) -> Result<()> {
        self.conn()?
            .execute(
                "UPDATE device SET last_seen = $2,
                    expires_at = CASE WHEN revoked_at IS NULL THEN $3 ELSE expires_at END
                 WHERE client_id = $1",
                &[&client.to_string(), &now, &expires_at],
            )
            .map_err(db)?;
        Ok(())
    }

    fn devices(&mut self, member: Option<Uuid>) -> Result<Vec<DeviceInfo>> {
        let member = member.map(|m| m.to_string());
        let found = self
            .conn()?
            .query(
                &format!(
                    "SELECT {} FROM device WHERE $1::TEXT IS NULL OR member = $1
                     ORDER BY created_at DESC, client_id",
                    rows::DEVICE_INFO
                ),
                &[&member],
            )
            .map_err(db)?;
        found
            .iter()
            .map(|r| rows::device_info(info_row(r)))
            .collect()
    }

    fn device_info(&mut self, client: ClientId) -> Result<Option<DeviceInfo>> {
        let found = self
            .conn()?
            .query_opt(
                &format!(
                    "SELECT {} FROM device WHERE client_id = $1",
                    rows::DEVICE_INFO
                ),
                &[&client.to_string()],
            )
            .map_err(db)?;
        found.map(|r| rows::device_info(info_row(&r))).transpose()
    }

    fn revoke_device(&mut self, client: ClientId, now: i64, by: &str) -> Result<()> {
        self.conn()?
            .execute(
                "UPDATE device SET revoked_at = $2, revoked_by = $3
                 WHERE client_id = $1 AND revoked_at IS NULL",
                &[&client.to_string(), &now, &by],
            )
            .map_err(db)?;
        Ok(())
    }
}

fn info_row(r: &postgres::Row) -> rows::DeviceInfoColumns {
    (
        r.get(0),
        r.get(1),
        r.get(2),
        r.get(3),
        r.get(4),
        r.get(5),
        r.get(6),
        r.get(7),
        r.get(8),
    )
}
