//! A member's devices on the server: the list (theirs, or, for their cell committee or an
//! administrator, another member's) and signing one out.

use super::{SyncError, ask};
use sotay_core::ClientId;
use sotay_store::Store;
use sotay_sync_protocol::DeviceInfo;
use uuid::Uuid;

/// What this device is called in its member's list: `SOTAY_DEVICE_NAME`, else the computer's
/// name.
pub fn device_name() -> Option<String> {
    let name = std::env::var("SOTAY_DEVICE_NAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())?;
    let name: String = name
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(80)
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The devices of this device's member, or of `member` (for their cell committee or an
/// administrator), or every device (`all`, an administrator's), newest first.
pub fn devices(
    store: &Store,
    member: Option<Uuid>,
    all: bool,
) -> Result<Vec<DeviceInfo>, SyncError> {
    let query = match (member, all) {
        (Some(m), _) => format!("?member={m}"),
        (None, true) => "?all=true".to_owned(),
        (None, false) => String::new(),
    };
    ask(store, |c, server| {
        c.get(format!("{server}/v1/devices{query}"))
    })
}

/// Signs a device out: one of this member's own, or a lost one of a member of this device's
/// cell (committee) or anyone's (administrator).
pub fn revoke_device(store: &Store, client: ClientId) -> Result<DeviceInfo, SyncError> {
    ask(store, |c, server| {
        c.delete(format!("{server}/v1/devices/{client}"))
    })
}
