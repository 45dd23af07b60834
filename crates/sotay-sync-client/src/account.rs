//! The member's password: set from a device that joined (with an invite, or by signing in), and
//! used to sign another device in — it gets a token of its own, as an invite would give it.

use super::{SyncError, answer, credentials, http, remember, transport};
use sotay_store::Store;
use sotay_sync_protocol::{PasswordRequest, RegisterResponse, SignInRequest};
use uuid::Uuid;

/// Sets the password of the member this device belongs to.
pub fn set_password(store: &Store, password: &str) -> Result<(), SyncError> {
    let (server, token) = credentials(store)?;
    let resp = http()?
        .post(format!("{server}/v1/password"))
        .bearer_auth(&token)
        .json(&PasswordRequest {
            password: password.to_owned(),
        })
        .send()
        .map_err(transport)?;
    if resp.status().is_success() {
        return Ok(());
    }
    answer::<serde_json::Value>(resp).map(|_| ())
}

/// Signs this store's client in as the member `login` names (card number or phone) with their
/// password, and remembers the server; answers the member.
pub fn sign_in(
    store: &mut Store,
    server: &str,
    login: &str,
    password: &str,
) -> Result<Option<Uuid>, SyncError> {
    if store.is_demo()? {
        return Err(SyncError::DemoStore);
    }
    let server = super::server_address(server)?;
    super::check_server(&server)?;
    let resp = http()?
        .post(format!("{server}/v1/sign-in"))
        .json(&SignInRequest {
            login: login.trim().to_owned(),
            password: password.to_owned(),
            client_id: store.client_id(),
            device_name: super::device_name(),
            // Signing in again after a lock: the login must name the same member.
            member_id: super::bound_member(store)?,
        })
        .send()
        .map_err(transport)?;
    let registered: RegisterResponse = answer(resp)?;
    remember(store, &server, &registered)?;
    Ok(registered.member_id)
}
