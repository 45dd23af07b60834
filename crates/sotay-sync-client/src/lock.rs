//! The device's own lock: a device that has not reached its server for longer than the server's
//! offline limit (30 days unless the server says otherwise) locks until its member signs in
//! again, and one the server answered "expired" does too.
//!
//! It is judged offline from the device's own records: the time its clock has moved forward since
//! it last reached the server, added up each time the app looks (at most once an hour of clock
//! time, so a device in use writes once an hour). A clock set back adds nothing and takes nothing
//! away — the count goes on from the earlier time — so setting the clock back neither unlocks a
//! locked device nor keeps one from locking; once due, the lock is written down, and only joining
//! again (a sign-in, or a new invite, as the same member) lifts it.

use crate::{SERVER, SyncError};
use sotay_core::ErrorKind;
use sotay_store::{Store, Writer};

/// When this device last reached its server (its clock, milliseconds since the epoch).
const CONTACT: &str = "sync_contact_ms";
/// The clock time forward since then, in milliseconds, as last added up.
const AWAY: &str = "sync_away_ms";
/// The clock's reading when `AWAY` was last added to.
const LOOKED: &str = "sync_looked_ms";
/// The server's offline limit, in days, as it said when the device joined.
const OFFLINE_DAYS: &str = "sync_offline_days";
/// Why the device is locked, once it is.
const LOCKED: &str = "sync_locked";

/// The offline limit of a server that did not say.
pub const DEFAULT_OFFLINE_DAYS: u32 = 30;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// How far the clock moves before the time away is written down again.
const STEP_MS: i64 = 60 * 60 * 1000;

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

/// Whether a device away from its server for `away` milliseconds of clock time is due to lock,
/// with a limit of `days`.
pub fn lock_due(away: i64, days: u32) -> bool {
    away > i64::from(days) * DAY_MS
}

/// The time away after the clock reads `now`, from what was added up by `looked`: forward time
/// counts, a clock set back counts nothing (and the count goes on from its new reading).
fn away_at(away: i64, looked: i64, now: i64) -> i64 {
    away.saturating_add(now.saturating_sub(looked).max(0))
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

/// Looks at the clock: adds the time away (at most once an hour of clock time, or when the clock
/// went back), and writes the lock down once it is due. Does nothing on a device that is not
/// connected.
pub fn observe(store: &mut Store) -> Result<Option<LockReason>, SyncError> {
    if store.local(SERVER)?.is_none() {
        return Ok(None);
    }
    if let Some(reason) = locked(store)? {
        return Ok(Some(reason));
    }
    let now = ms(store);
    let days = number(store, OFFLINE_DAYS)?
        .and_then(|d| u32::try_from(d).ok())
        .unwrap_or(DEFAULT_OFFLINE_DAYS);
    // A device connected before the lock existed starts counting now.
    let looked = number(store, LOOKED)?;
    let away = number(store, AWAY)?.unwrap_or(0);
    let total = away_at(away, looked.unwrap_or(now), now);
    let due = lock_due(total, days);
    let write = match looked {
        None => true,
        Some(looked) => now < looked || now - looked >= STEP_MS || due,
    };
    if write {
        store.write(|w| {
            w.set_local(AWAY, &total.to_string())?;
            w.set_local(LOOKED, &now.to_string())?;
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

/// Notes a contact with the server (a round that went through, or joining) at the clock's
/// `now`, inside `w`'s transaction: the time away starts again from nothing, and joining lifts the
/// lock.
pub(crate) fn contacted(
    w: &mut Writer<'_>,
    now: i64,
    offline_days: Option<u32>,
) -> sotay_store::Result<()> {
    w.set_local(CONTACT, &now.to_string())?;
    w.set_local(AWAY, "0")?;
    w.set_local(LOOKED, &now.to_string())?;
    w.remove_local(LOCKED)?;
    if let Some(days) = offline_days {
        w.set_local(OFFLINE_DAYS, &days.to_string())?;
    }
    Ok(())
}

/// What a refusal means for this device: signed out, it erases what it holds (the unsent
/// changes listed first, never sent); expired, it locks until its member signs in again.
pub(crate) fn settle(store: &mut Store, e: SyncError) -> SyncError {
    let outcome = match e.kind() {
        ErrorKind::DeviceRevoked if matches!(e, SyncError::Refused { .. }) => store
            .erase()
            .map(|erased| SyncError::Revoked {
                unsent: erased.unsent.len(),
            })
            .map_err(SyncError::from),
        ErrorKind::SessionExpired => {
            lock(store, LockReason::Expired).map(|()| SyncError::Locked(LockReason::Expired))
        }
        _ => return e,
    };
    outcome.unwrap_or_else(|failed| failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};

    const DAY: i64 = DAY_MS;
    const START: i64 = 1_000 * DAY;

    /// A connected store whose clock the test moves.
    fn connected() -> (Store, Arc<AtomicI64>) {
        let mut store = Store::open_in_memory().unwrap();
        let clock = Arc::new(AtomicI64::new(START));
        let c = clock.clone();
        store.set_wall_clock(Arc::new(move || {
            u64::try_from(c.load(Ordering::SeqCst)).unwrap()
        }));
        store
            .write(|w| {
                w.set_local(SERVER, "https://sotay.example.vn")?;
                contacted(w, START, Some(30))
            })
            .unwrap();
        (store, clock)
    }

    #[test]
    fn a_device_locks_after_thirty_days_away_and_stays_locked_with_its_clock_set_back() {
        let (mut store, clock) = connected();
        clock.store(START + 30 * DAY, Ordering::SeqCst);
        assert_eq!(observe(&mut store).unwrap(), None);
        clock.store(START + 30 * DAY + 1, Ordering::SeqCst);
        assert_eq!(observe(&mut store).unwrap(), Some(LockReason::Offline));
        clock.store(START + DAY, Ordering::SeqCst);
        assert_eq!(observe(&mut store).unwrap(), Some(LockReason::Offline));
        // Joining again lifts it.
        store.write(|w| contacted(w, START + DAY, None)).unwrap();
        assert_eq!(observe(&mut store).unwrap(), None);
    }

    #[test]
    fn a_clock_set_back_before_the_limit_does_not_put_the_lock_off() {
        let (mut store, clock) = connected();
        // Ten days on, then the clock is set back nine days, then 21 more days pass.
        clock.store(START + 10 * DAY, Ordering::SeqCst);
        assert_eq!(observe(&mut store).unwrap(), None);
        clock.store(START + DAY, Ordering::SeqCst);
        assert_eq!(observe(&mut store).unwrap(), None);
        clock.store(START + 21 * DAY, Ordering::SeqCst);
        assert_eq!(observe(&mut store).unwrap(), None, "30 days away, not more");
        clock.store(START + 22 * DAY, Ordering::SeqCst);
        assert_eq!(observe(&mut store).unwrap(), Some(LockReason::Offline));
    }

    #[test]
    fn a_device_in_use_writes_its_time_away_once_an_hour() {
        let (mut store, clock) = connected();
        let written = |store: &Store| store.local(LOOKED).unwrap();
        clock.store(START + 59 * 60 * 1000, Ordering::SeqCst);
        observe(&mut store).unwrap();
        assert_eq!(written(&store), Some(START.to_string()));
        clock.store(START + 61 * 60 * 1000, Ordering::SeqCst);
        observe(&mut store).unwrap();
        assert_eq!(written(&store), Some((START + 61 * 60 * 1000).to_string()));
    }
}
