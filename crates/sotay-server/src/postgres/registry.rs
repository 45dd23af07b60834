//! The device registry on PostgreSQL: invites and the devices they register.

use super::db;
use super::tx::PgTx;
use crate::rows;
use crate::storage::{Grant, RegistryTx, Result};
use sotay_core::ClientId;

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

    fn redeem_invite(
        &mut self,
        code_hash: &str,
        token_hash: &str,
        client: ClientId,
        now: i64,
    ) -> Result<Option<Grant>> {
        let mut tx = self.conn()?;
        let row = tx
            .query_opt(
                "UPDATE invite SET used_at = $2 WHERE code_hash = $1 AND used_at IS NULL
                 RETURNING unit, member, admin",
                &[&code_hash, &now],
            )
            .map_err(db)?;
        let Some(row) = row else {
            return Ok(None);
        };
        let grant = rows::grant((row.get(0), row.get(1), row.get(2)));
        drop(tx);
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
        self.conn()?
            .execute(
                "INSERT INTO device (token_hash, client_id, unit, member, admin, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6)
                 ON CONFLICT (client_id) DO UPDATE SET token_hash = excluded.token_hash,
                    unit = excluded.unit, member = excluded.member, admin = excluded.admin,
                    revoked_at = NULL",
                &[
                    &token_hash,
                    &client.to_string(),
                    &unit,
                    &member,
                    &admin,
                    &now,
                ],
            )
            .map_err(db)?;
        Ok(())
    }

    fn device(&mut self, token_hash: &str) -> Result<Option<(ClientId, Grant)>> {
        let mut tx = self.conn()?;
        let row = tx
            .query_opt(
                "SELECT client_id, unit, member, admin FROM device
                 WHERE token_hash = $1 AND revoked_at IS NULL",
                &[&token_hash],
            )
            .map_err(db)?;
        row.map(|r| rows::device(r.get(0), (r.get(1), r.get(2), r.get(3))))
            .transpose()
    }
}
