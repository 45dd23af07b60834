//! The accounts role: members' passwords, the failed sign-ins counted for rate limiting, and the
//! security log. Devices signed in with a password are registered through [`super::RegistryTx`],
//! as an invite's are.

use super::{BaseTx, Result};
use sotay_sync_protocol::SecurityEvent;
use uuid::Uuid;

pub trait AccountTx: BaseTx {
    /// Sets (or replaces) a member's password, as its argon2id PHC string.
    fn set_password(&mut self, member: Uuid, phc: &str, now: i64) -> Result<()>;
    /// A member's password's PHC string, if they set one.
    fn password(&mut self, member: Uuid) -> Result<Option<String>>;
    /// How many sign-ins failed under `key` from `since` on, and when the oldest of them did.
    fn failures(&mut self, key: &str, since: i64) -> Result<(u32, Option<i64>)>;
    fn add_failure(&mut self, key: &str, now: i64) -> Result<()>;
    /// Forgets `key`'s failures (its sign-in succeeded) and everyone's older than `before`.
    fn clear_failures(&mut self, key: &str, before: i64) -> Result<()>;
    /// Appends to the security log (its `seq` is the log's to give).
    fn append_security(&mut self, event: &SecurityEvent) -> Result<()>;
    /// The security log after `after`, oldest first, at most `limit`.
    fn security_log(&mut self, after: i64, limit: u32) -> Result<Vec<SecurityEvent>>;
}
