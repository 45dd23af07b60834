//! A member's devices, from the server: the list, and signing one out. What a signed-out
//! device's erasure left (the changes it had not sent) is shown on its first-run screen.

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::views::{DeviceView, DevicesArgs, ErasedView, RevokeDeviceArgs, UnsentView};
use chrono::DateTime;
use sotay_core::{ClientId, ErrorKind};
use sotay_sync_client::DeviceInfo;

/// Milliseconds since the epoch as RFC 3339.
fn instant(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339()
}

fn view(store: &sotay_store::Store, info: DeviceInfo, this: ClientId) -> Result<DeviceView> {
    let member_name = match info.member_id {
        Some(id) => store
            .get::<sotay_core::model::Member>(id)?
            .map(|m| m.full_name),
        None => None,
    };
    Ok(DeviceView {
        client_id: info.client_id.0,
        name: info.name,
        member_id: info.member_id,
        member_name,
        joined_at: instant(info.joined_at),
        last_seen: info.last_seen.map(instant),
        revoked_at: info.revoked_at.map(instant),
        revoked_by: info.revoked_by,
        this_device: info.client_id == this,
    })
}

fn connected(cx: &Cx) -> Result<()> {
    if sotay_sync_client::server(cx.store())?.is_none() {
        return Err(AppError::new(
            ErrorKind::NotConnected,
            "a device's list is the server's: connect this device first",
        ));
    }
    Ok(())
}

/// My devices, or a member's (their cell committee, the administrator): the server's list.
pub fn devices(cx: &mut Cx, args: DevicesArgs) -> Result<Vec<DeviceView>> {
    connected(cx)?;
    let this = cx.store().client_id();
    let list = sotay_sync_client::devices(cx.store(), args.member_id, args.all)?;
    list.into_iter()
        .map(|d| view(cx.store(), d, this))
        .collect()
}

/// Signs a device out, then lists the same member's devices again.
pub fn revoke_device(cx: &mut Cx, args: RevokeDeviceArgs) -> Result<Vec<DeviceView>> {
    connected(cx)?;
    sotay_sync_client::revoke_device(cx.store(), ClientId(args.client_id))?;
    devices(
        cx,
        DevicesArgs {
            member_id: args.member_id,
            all: args.all,
        },
    )
}

/// What an erasure left, as the first-run screen shows it.
pub(super) fn erased_view(erased: sotay_store::Erased) -> ErasedView {
    ErasedView {
        at: instant(erased.at),
        unsent: erased
            .unsent
            .into_iter()
            .map(|u| UnsentView {
                entity: u.entity,
                op: u.op,
                label: u.label,
                made_at: instant(u.made_at),
            })
            .collect(),
    }
}
