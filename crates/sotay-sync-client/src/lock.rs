//! The device's own lock: a device that has not reached its server for longer than the server's
//! offline limit (30 days unless the server says otherwise) locks until its member signs in
//! again, and one the server answered "expired" or "signed out" does too (a signed-out one erases
//! what it holds first).
//!
//! It is judged offline from the device's own records: when it last reached the server, and the
//! latest time its clock has shown. Setting the clock back does not unlock it: the latest time
//! seen only grows (it is written down at most once an hour, so a clock set back loses at most
//! that), and once the lock is found due it is written down, and only a sign-in removes it.

use crate::{SERVER, SyncError};
use sotay_store::{Store, Writer};

/// When this device last reached its server (its clock, milliseconds since the epoch).
const CONTACT: &str = "sync_contact_ms";
/// The latest time this device's clock has shown.
const LATEST: &str = "clock_latest_ms";
/// The server's offline limit, in days, as it said when the device joined.
const OFFLINE_DAYS: &str = "sync_offline_days";
/// Why the device is locked, once it is.
const LOCKED: &str = "sync_locked";

/// The offline limit of a server that did not say.
pub const DEFAULT_OFFLINE_DAYS: u32 = 30;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// How far the clock moves before the latest time seen is written down again.
const LATEST_STEP_MS: i64 = 60 * 60 * 1000;

/// Why a device is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LockReason {
    /// It did not reach the server for longer than the offline limit.
    Offline,
    /// The server said its token expired.
    Expired,
}

impl LockReason {
    fn as_str(self) -> &'static str {
        match self {
            LockReason::Offline => "offline",
            LockReason::Expired => "expired",
        }
    }
}

/// Whether a device that last reached its server at `contact` is due to lock, its clock now
/// at `now` and the latest it has shown `latest` (all milliseconds), with a limit of `days`.
pub fn lock_due(contact: i64, latest: i64, now: i64, days: u32) -> bool {
    now.max(latest).saturating_sub(contact) > i64::from(days) * DAY_MS
}

fn ms(store: &Store) -> i64 {
    store.now().timestamp_millis()
}

fn number(store: &Store, key: &str) -> Result<Option<i64>, SyncError> {
    Ok(store.local(key)?.and_then(|v| v.parse().ok()))
}

/// Why this device is locked, if it is (as written down; [`observe`] writes it when it is due).
pub fn locked(store: &Store) -> Result<Option<LockReason>, SyncError> {
    Ok(match store.local(LOCKED)?.as_deref() {
        None => None,
        Some("expired") => Some(LockReason::Expired),
        Some(_) => Some(LockReason::Offline),
    })
}

/// Looks at the clock: writes down the latest time it has shown, and the lock once it is due.
/// Does nothing on a device that is not connected. Writes at most once an hour of clock time.
pub fn observe(store: &mut Store) -> Result<Option<LockReason>, SyncError> {
    if store.local(SERVER)?.is_none() {
        return Ok(None);
    }
    if let Some(reason) = locked(store)? {
        return Ok(Some(reason));
    }
    let now = ms(store);
    let latest = number(store, LATEST)?.unwrap_or(i64::MIN);
    // A device connected before the lock existed starts counting now.
    let contact = number(store, CONTACT)?;
    let days = number(store, OFFLINE_DAYS)?
        .and_then(|d| u32::try_from(d).ok())
        .unwrap_or(DEFAULT_OFFLINE_DAYS);
    let due = contact.is_some_and(|c| lock_due(c, latest, now, days));
    let step = now > latest.saturating_add(LATEST_STEP_MS);
    if due || step || contact.is_none() {
        store.write(|w| {
            if step {
                w.set_local(LATEST, &now.to_string())?;
            }
            if contact.is_none() {
                w.set_local(CONTACT, &now.to_string())?;
            }
            if due {
                w.set_local(LOCKED, LockReason::Offline.as_str())?;
            }
            Ok(())
        })?;
    }
    Ok(due.then_some(LockReason::Offline))
}

/// Locks the device (the server said its token expired).
pub(crate) fn lock(store: &mut Store, reason: LockReason) -> Result<(), SyncError> {
    store.write(|w| w.set_local(LOCKED, reason.as_str()))?;
    Ok(())
}

/// Notes a contact with the server (a round that went through, or joining), inside `w`'s
/// transaction: the offline count starts again, and joining lifts the lock.
pub(crate) fn contacted(
    w: &mut Writer<'_>,
    store_now: i64,
    latest: Option<i64>,
    offline_days: Option<u32>,
) -> sotay_store::Result<()> {
    // A clock set back before the member signed in again: the count starts from the latest
    // time seen, or the device would lock again at once.
    let at = latest.map_or(store_now, |l| l.max(store_now));
    w.set_local(CONTACT, &at.to_string())?;
    w.remove_local(LOCKED)?;
    if let Some(days) = offline_days {
        w.set_local(OFFLINE_DAYS, &days.to_string())?;
    }
    Ok(())
}

/// The latest time this device's clock has shown, as written down.
pub(crate) fn latest(store: &Store) -> Result<Option<i64>, SyncError> {
    number(store, LATEST)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = DAY_MS;

    #[test]
    fn a_device_locks_after_the_limit_and_a_clock_set_back_does_not_unlock_it() {
        let contact = 1_000 * DAY;
        assert!(!lock_due(contact, contact, contact + 30 * DAY, 30));
        assert!(lock_due(contact, contact, contact + 30 * DAY + 1, 30));
        // The clock set back to the day after contact: the latest time seen still counts.
        assert!(lock_due(contact, contact + 31 * DAY, contact + DAY, 30));
        // A shorter limit from the server.
        assert!(lock_due(contact, contact, contact + 8 * DAY, 7));
    }
}
