//! The device registry's role: invites and the devices they register (their tokens, by hash).
//! Passwords and the security log are the accounts role's (`accounts.rs`).

use super::{BaseTx, Grant, Result};
use sotay_core::ClientId;

/// Invites and device tokens. Over [`BaseTx`]: who a device acts as is worked out from the
/// member's record and the org unit tree, read in the same transaction.
pub trait RegistryTx: BaseTx {
    /// Stores an invite (by the hash of its code).
    fn create_invite(&mut self, code_hash: &str, grant: &Grant, now: i64) -> Result<()>;
    /// Uses an unused invite once, registering the device's token (by hash) for the client.
    fn redeem_invite(
        &mut self,
        code_hash: &str,
        token_hash: &str,
        client: ClientId,
        now: i64,
    ) -> Result<Option<Grant>>;
    /// Registers a device's token (by hash) with its grant, replacing the client's earlier one: a
    /// redeemed invite's, or a member's device signed in with a password.
    fn add_device(
        &mut self,
        token_hash: &str,
        client: ClientId,
        grant: &Grant,
        now: i64,
    ) -> Result<()>;
    /// The device a token (by hash) belongs to, unless revoked.
    fn device(&mut self, token_hash: &str) -> Result<Option<(ClientId, Grant)>>;
}
