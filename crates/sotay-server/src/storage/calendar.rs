//! The calendar feed's role: the members' subscription secrets (by hash).

use super::{BaseTx, Result};
use uuid::Uuid;

/// The calendar subscriptions. Over [`BaseTx`]: the feed is the member's unit's meetings and
/// series, read from the records in the same transaction.
pub trait CalendarTx: BaseTx {
    /// Sets `member`'s calendar feed secret (by hash), replacing the one before; `None` revokes it.
    fn set_calendar_feed(
        &mut self,
        member: Uuid,
        secret_hash: Option<&str>,
        now: i64,
    ) -> Result<()>;
    /// The member whose calendar feed a secret (by hash) opens.
    fn calendar_feed(&mut self, secret_hash: &str) -> Result<Option<Uuid>>;
}
