//! The device registry's role: invites and the devices they register (their tokens, by hash,
//! when each was last seen and expires, and whether it was signed out). Passwords and the
//! security log are the accounts role's (`accounts.rs`).

use super::{BaseTx, Grant, Result};
use sotay_core::ClientId;
use sotay_sync_protocol::DeviceInfo;
use uuid::Uuid;

/// A device to register: a redeemed invite's, or a member's signed in with a password.
#[derive(Debug, Clone, Copy)]
pub struct NewDevice<'a> {
    pub token_hash: &'a str,
    pub client: ClientId,
    pub grant: &'a Grant,
    pub name: Option<&'a str>,
    pub now: i64,
    /// When its token expires unless the device is heard from before.
    pub expires_at: i64,
}

/// A token's device as the registry keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceState {
    pub client: ClientId,
    pub grant: Grant,
    pub last_seen: Option<i64>,
    /// `None`: registered before tokens expired; it is given an expiry at its next request.
    pub expires_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

/// Invites and device tokens. Over [`BaseTx`]: who a device acts as is worked out from the
/// member's record and the org unit tree, read in the same transaction.
pub trait RegistryTx: BaseTx {
    /// Stores an invite (by the hash of its code).
    fn create_invite(&mut self, code_hash: &str, grant: &Grant, now: i64) -> Result<()>;
    /// Marks an unused invite used and answers what it grants (`None`: unknown or used).
    /// Marks the invite used, if it is unused and was made after `made_after`; what it grants.
    fn use_invite(&mut self, code_hash: &str, now: i64, made_after: i64) -> Result<Option<Grant>>;
    /// Registers a device's token (by hash) with its grant, replacing the client's earlier one
    /// (and any signing out of it).
    fn add_device(&mut self, device: &NewDevice<'_>) -> Result<()>;
    /// The device a token (by hash) belongs to, signed out or not.
    fn device(&mut self, token_hash: &str) -> Result<Option<DeviceState>>;
    /// Notes that a client was heard from at `now`, its token now expiring at `expires_at`.
    fn touch_device(&mut self, client: ClientId, now: i64, expires_at: i64) -> Result<()>;
    /// The devices of `member` (`None`: every device), newest first.
    fn devices(&mut self, member: Option<Uuid>) -> Result<Vec<DeviceInfo>>;
    /// One device, by its client id.
    fn device_info(&mut self, client: ClientId) -> Result<Option<DeviceInfo>>;
    /// Signs a device out at `now`, by `by` ("member", "committee", "administrator").
    fn revoke_device(&mut self, client: ClientId, now: i64, by: &str) -> Result<()>;
}
