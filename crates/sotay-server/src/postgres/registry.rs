//! The server's registry on PostgreSQL: invites, the devices they register, and the members'
//! calendar subscriptions — the SQL behind those `ServerTx` operations.

use super::conn::Prepared;
use super::db;
use crate::rows;
use crate::storage::{Grant, Result};
use sotay_core::ClientId;
use uuid::Uuid;

pub(super) fn create_invite(
    tx: &mut Prepared<'_, '_>,
    code_hash: &str,
    grant: &Grant,
    now: i64,
) -> Result<()> {
    let (unit, member, admin) = rows::grant_columns(grant);
    tx.execute(
        "INSERT INTO invite (code_hash, unit, member, admin, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        &[&code_hash, &unit, &member, &admin, &now],
    )
    .map_err(db)?;
    Ok(())
}

pub(super) fn redeem_invite(
    tx: &mut Prepared<'_, '_>,
    code_hash: &str,
    token_hash: &str,
    client: ClientId,
    now: i64,
) -> Result<Option<Grant>> {
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
    let (unit, member, admin) = rows::grant_columns(&grant);
    tx.execute(
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
    Ok(Some(grant))
}

pub(super) fn device(
    tx: &mut Prepared<'_, '_>,
    token_hash: &str,
) -> Result<Option<(ClientId, Grant)>> {
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

pub(super) fn set_calendar_feed(
    tx: &mut Prepared<'_, '_>,
    member: Uuid,
    secret_hash: Option<&str>,
    now: i64,
) -> Result<()> {
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

pub(super) fn calendar_feed(tx: &mut Prepared<'_, '_>, secret_hash: &str) -> Result<Option<Uuid>> {
    let row = tx
        .query_opt(
            "SELECT member_id FROM calendar_feed WHERE secret_hash = $1",
            &[&secret_hash],
        )
        .map_err(db)?;
    Ok(row.and_then(|r| Uuid::parse_str(r.get::<_, &str>(0)).ok()))
}
