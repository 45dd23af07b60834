//! Joining a server: with an invite (`connect`), and what joining gave — the server, the token,
//! the member — kept (`remember`, shared with a sign-in); and the invites a committee makes for
//! its members' devices.

use super::{
    MEMBER, SERVER, SyncError, TOKEN, answer, bound_member, check_server, credentials, device_name,
    http, lock, server_address, transport,
};
use sotay_store::Store;
use uuid::Uuid;

/// Registers this store's client with the server using an invite, and remembers the server.
pub fn connect(store: &mut Store, server: &str, invite: &str) -> Result<(), SyncError> {
    use sotay_sync_protocol::{RegisterRequest, RegisterResponse};
    if store.is_demo()? {
        return Err(SyncError::DemoStore);
    }
    let server = server_address(server)?;
    check_server(&server)?;
    let body = RegisterRequest {
        invite: invite.to_owned(),
        client_id: store.client_id(),
        device_name: device_name(),
        // Joining again after a lock: only an invite for the same member is taken.
        member_id: bound_member(store)?,
    };
    let resp = http()?
        .post(format!("{server}/v1/devices"))
        .json(&body)
        .send()
        .map_err(transport)?;
    let registered: RegisterResponse = answer(resp)?;
    remember(store, &server, &registered)?;
    Ok(())
}

/// Keeps what joining a server gave this device: the server, the token, and the member it
/// belongs to (an invite's, or a sign-in's).
pub(crate) fn remember(
    store: &mut Store,
    server: &str,
    registered: &sotay_sync_protocol::RegisterResponse,
) -> Result<(), SyncError> {
    let now = store.now().timestamp_millis();
    store.write(|w| {
        w.set_local(SERVER, server)?;
        w.set_local(TOKEN, &registered.token)?;
        w.remove_local(sotay_store::ERASED)?;
        lock::contacted(w, now, registered.offline_days)?;
        match registered.member_id {
            Some(member) => w.set_local(MEMBER, &member.to_string()),
            None => Ok(()),
        }
    })?;
    Ok(())
}

/// Asks the server for a one-time invite for `member`'s device, as this device's member (a
/// committee, for a member of its own unit) or its administrator. The code is shown once.
/// A one-time invite for `member`'s device: its code, and when it stops working.
pub fn invite_member(
    store: &Store,
    member: Uuid,
) -> Result<sotay_sync_protocol::InviteResponse, SyncError> {
    use sotay_sync_protocol::{InviteRequest, InviteResponse};
    let (server, token) = credentials(store)?;
    let resp = http()?
        .post(format!("{server}/v1/invites"))
        .bearer_auth(&token)
        .json(&InviteRequest { member_id: member })
        .send()
        .map_err(transport)?;
    let invite: InviteResponse = answer(resp)?;
    Ok(invite)
}
