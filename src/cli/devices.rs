//! A member's devices: `sotay devices [--member] [--sign-out]` from a member's (or their
//! committee's) device, and `sotay admin devices` / `sotay admin revoke` where the server's data
//! is. A device signed out erases what it holds at its next contact.

use super::ops::{Result, parse_id, parse_opt_id};
use super::output::Out;
use super::server::{Db, on_engine};
use chrono::{DateTime, Utc};
use sotay_core::ClientId;
use sotay_core::time::format_local;
use sotay_store::Store;
use sotay_sync_protocol::{DeviceInfo, DevicesQuery};

fn when(ms: Option<i64>) -> String {
    ms.and_then(DateTime::<Utc>::from_timestamp_millis)
        .map_or_else(String::new, format_local)
}

fn table(devices: &[DeviceInfo], this: Option<ClientId>, json: bool, out: &mut Out) -> Result {
    if json {
        return Ok(out.json(devices)?);
    }
    out.table_of(
        &[
            "DEVICE",
            "NAME",
            "MEMBER",
            "JOINED",
            "LAST SEEN",
            "SIGNED OUT",
            "BY",
        ],
        devices,
        |d| {
            let mut id = d.client_id.to_string();
            if Some(d.client_id) == this {
                id.push_str(" (this one)");
            }
            vec![
                id,
                d.name.clone().unwrap_or_default(),
                match (d.member_id, d.admin) {
                    (Some(m), _) => m.to_string(),
                    (None, true) => "administrator".to_owned(),
                    (None, false) => String::new(),
                },
                when(Some(d.joined_at)),
                when(d.last_seen),
                when(d.revoked_at),
                d.revoked_by.clone().unwrap_or_default(),
            ]
        },
    )?;
    Ok(out.finish()?)
}

/// `sotay devices`: this member's devices (or `--member`'s, for their cell committee or an
/// administrator), after signing one out with `--sign-out`.
pub fn devices(
    store: &Store,
    member: Option<&String>,
    sign_out: Option<&String>,
    json: bool,
    out: &mut Out,
) -> Result {
    let member = parse_opt_id(member)?;
    if let Some(client) = sign_out {
        let info = sotay_sync_client::revoke_device(store, ClientId(parse_id(client)?))?;
        if !json {
            out.line(format!(
                "Signed out {}: it erases what it holds when it next reaches the server.",
                info.name.as_deref().unwrap_or(&info.client_id.to_string())
            ))?;
        }
    }
    let list = sotay_sync_client::devices(store, member, false)?;
    table(&list, Some(store.client_id()), json, out)
}

/// `sotay admin devices`: every device on the server, or a member's.
pub fn admin_devices(db: &Db, member: Option<&String>, json: bool, out: &mut Out) -> Result {
    let q = DevicesQuery {
        member: parse_opt_id(member)?,
        all: Some(member.is_none()),
    };
    let list = on_engine!(db, |e| e.devices(&e.console()?, &q)?);
    table(&list, None, json, out)
}

/// `sotay admin revoke`: signs a device out (a lost laptop).
pub fn admin_revoke(db: &Db, client: &str, json: bool, out: &mut Out) -> Result {
    let client = ClientId(parse_id(client)?);
    let info = on_engine!(db, |e| e.revoke_device(&e.console()?, client)?);
    if json {
        return Ok(out.json(&info)?);
    }
    out.line(format!(
        "Signed out {} ({}): its token no longer works, and it erases what it holds when it \
         next reaches the server.",
        info.client_id,
        info.name.as_deref().unwrap_or("no name")
    ))?;
    Ok(out.finish()?)
}
