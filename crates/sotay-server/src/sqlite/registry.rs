//! The server's registry on SQLite: invites, the devices they register, and the members'
//! calendar subscriptions — the SQL behind those `ServerTx` operations.

use crate::rows;
use crate::storage::{Grant, Result};
use rusqlite::{OptionalExtension, Transaction};
use sotay_core::ClientId;
use uuid::Uuid;

pub(super) fn create_invite(
    tx: &Transaction<'_>,
    code_hash: &str,
    grant: &Grant,
    now: i64,
) -> Result<()> {
    let (unit, member, admin) = rows::grant_columns(grant);
    tx.prepare_cached(
        "INSERT INTO invite (code_hash, unit, member, admin, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(rusqlite::params![code_hash, unit, member, admin, now])?;
    Ok(())
}

pub(super) fn redeem_invite(
    tx: &Transaction<'_>,
    code_hash: &str,
    token_hash: &str,
    client: ClientId,
    now: i64,
) -> Result<Option<Grant>> {
    let found: Option<rows::GrantColumns> = tx
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
    let (unit, member, admin) = rows::grant_columns(&grant);
    tx.prepare_cached(
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
    Ok(Some(grant))
}

pub(super) fn device(tx: &Transaction<'_>, token_hash: &str) -> Result<Option<(ClientId, Grant)>> {
    let found: Option<(String, rows::GrantColumns)> = tx
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

pub(super) fn set_calendar_feed(
    tx: &Transaction<'_>,
    member: Uuid,
    secret_hash: Option<&str>,
    now: i64,
) -> Result<()> {
    match secret_hash {
        Some(hash) => tx.execute(
            "INSERT INTO calendar_feed (member_id, secret_hash, created_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (member_id) DO UPDATE SET secret_hash = ?2, created_at = ?3",
            rusqlite::params![member.to_string(), hash, now],
        )?,
        None => tx.execute(
            "DELETE FROM calendar_feed WHERE member_id = ?1",
            [member.to_string()],
        )?,
    };
    Ok(())
}

pub(super) fn calendar_feed(tx: &Transaction<'_>, secret_hash: &str) -> Result<Option<Uuid>> {
    let member: Option<String> = tx
        .prepare_cached("SELECT member_id FROM calendar_feed WHERE secret_hash = ?1")?
        .query_row([secret_hash], |r| r.get(0))
        .optional()?;
    Ok(member.and_then(|m| Uuid::parse_str(&m).ok()))
}
