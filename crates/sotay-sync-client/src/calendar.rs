//! The member's calendar subscription on the server: made (or replaced) and revoked from the
//! member's own device; the server keeps only its hash, so the address is shown here once and kept
//! on the device.

use super::{SyncError, answer, credentials, http, transport};
use sotay_store::Store;
use sotay_sync_protocol::CalendarFeed;

/// Makes this device member's calendar subscription, replacing the one before (which stops
/// working); returns its full address.
pub fn renew_calendar_feed(store: &Store) -> Result<String, SyncError> {
    let (server, token) = credentials(store)?;
    let resp = http()?
        .post(format!("{server}/v1/calendar-feed"))
        .bearer_auth(&token)
        .send()
        .map_err(transport)?;
    let CalendarFeed { path } = answer(resp)?;
    Ok(format!("{}{path}", server.trim_end_matches('/')))
}

/// Revokes this device member's calendar subscription: its address answers "not found".
pub fn revoke_calendar_feed(store: &Store) -> Result<(), SyncError> {
    let (server, token) = credentials(store)?;
    let resp = http()?
        .delete(format!("{server}/v1/calendar-feed"))
        .bearer_auth(&token)
        .send()
        .map_err(transport)?;
    if resp.status().is_success() {
        return Ok(());
    }
    answer::<serde_json::Value>(resp).map(|_| ())
}
