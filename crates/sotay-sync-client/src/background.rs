//! The background loop: a round at start, after every local change and whenever the server has
//! news (a long-poll on a thread of its own), and while the server cannot be reached, retries with
//! a growing, jittered wait — for days if need be.

use crate::{Status, SyncError, credentials, long_poll, status, sync_once_with};
use serde::Serialize;
use sotay_store::{Opener, Store};
use std::time::Duration;

/// What ended a wait in the background loop.
enum Wake {
    /// The server has news: sync again.
    Server,
    /// Something was written here: sync now rather than at the end of the long-poll.
    LocalChange,
    Stop,
}

/// Waits for news from the server or a signal from this device, whichever comes first. The
/// long-poll runs on its own thread so a local write is pushed at once; an abandoned long-poll
/// ends by itself within [`LIVE_SLICE_SECS`]. A long-poll that ends with nothing new is asked
/// again: a round then would find nothing, and a device waiting all evening pulled at every
/// renewal — 1,500 pulls a second from 15,000 idle devices when the slice was ten seconds, and a
/// write to the device's disk each time (BENCHMARKS.md, "A simulated monthly cycle").
fn wait_for_news_or_signal(
    store: &Store,
    signals: &std::sync::mpsc::Receiver<Signal>,
) -> Result<Wake, SyncError> {
    use std::sync::mpsc::{RecvTimeoutError, TryRecvError};
    let (server, token) = credentials(store)?;
    let cursor = store.sync_cursor()?;
    let ask = || {
        let (tx, rx) = std::sync::mpsc::channel();
        let (server, token) = (server.clone(), token.clone());
        std::thread::Builder::new()
            .name("sotay-long-poll".into())
            .spawn(move || {
                let _ = tx.send(long_poll(&server, &token, cursor, LIVE_SLICE_SECS));
            })
            .map_err(|e| SyncError::Offline(format!("cannot start the long-poll: {e}")))?;
        Ok::<_, SyncError>(rx)
    };
    let mut answer = ask()?;
    loop {
        match signals.try_recv() {
            Ok(Signal::LocalChange | Signal::SyncNow) => return Ok(Wake::LocalChange),
            Ok(Signal::Stop) | Err(TryRecvError::Disconnected) => return Ok(Wake::Stop),
            Err(TryRecvError::Empty) => {}
        }
        match answer.recv_timeout(Duration::from_millis(100)) {
            Ok(Ok(true)) => return Ok(Wake::Server),
            Ok(Ok(false)) => answer = ask()?,
            Ok(Err(e)) => return Err(e),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Err(SyncError::Offline("the long-poll stopped".into()));
            }
        }
    }
}

/// The wait before retry `attempt` (0-based): doubling from 1 s to 5 min, with ±20% jitter so a
/// village's devices do not all knock at once when the link comes back.
pub fn backoff(attempt: u32) -> Duration {
    let base = 1_000u64.saturating_mul(1 << attempt.min(9)).min(300_000);
    let jitter = fastrand::u64(0..=base / 5 * 2);
    Duration::from_millis(base - base / 5 + jitter)
}

/// What the background loop is doing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Activity {
    /// A round is under way: changes sent and received so far.
    Syncing { pushed: usize, pulled: usize },
    /// Synced; waiting for news from the server or a local change.
    UpToDate,
    /// The server cannot be reached; the next try is in `retry_in_ms`.
    Offline { error: String, retry_in_ms: u64 },
}

/// A message to the background loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// Something was written locally: sync soon.
    LocalChange,
    /// The member asked for a round now ("Sync now"): one at once, and if the server still
    /// cannot be reached, the retries start again from the shortest wait — the member is
    /// watching, and a server just restarted should not leave them a minute from the next try.
    SyncNow,
    Stop,
}

/// How long one long-poll waits for news: the longest the server allows. An idle device renews
/// its long-poll when it ends, and each renewal costs the server a request and a token check
/// (BENCHMARKS.md: 0.08 ms of CPU on SQLite, 0.3 ms with PostgreSQL's share); at ten seconds,
/// 100,000 idle devices made 10,000 renewals a second, at 25 s they make 4,000. The loop looks at its signals every 100 ms meanwhile, so a local change is
/// not held back; a long-poll abandoned for one ends by itself within this.
const LIVE_SLICE_SECS: u64 = sotay_sync_protocol::MAX_LIVE_WAIT;

/// Syncs the store `opener` opens until [`Signal::Stop`] (or the sender goes away): a round at start,
/// after every local change and whenever the server has news (long-poll); while the server cannot
/// be reached, retries with [`backoff`], for days if need be. Reports each state to `report`.
/// Returns an error only for what retrying cannot fix (not connected, a demo store, refused).
pub fn run(
    opener: impl Into<Opener>,
    signals: &std::sync::mpsc::Receiver<Signal>,
    mut report: impl FnMut(&Activity, &Status),
) -> Result<(), SyncError> {
    use std::sync::mpsc::RecvTimeoutError;
    let opener = opener.into();
    let mut attempt = 0u32;
    loop {
        let mut store = opener.open()?;
        let before = status(&store)?;
        report(
            &Activity::Syncing {
                pushed: 0,
                pulled: 0,
            },
            &before,
        );
        let outcome = sync_once_with(&mut store, |done| {
            let activity = Activity::Syncing {
                pushed: done.pushed,
                pulled: done.pulled,
            };
            report(&activity, &before);
        })
        .and_then(|_| {
            report(&Activity::UpToDate, &status(&store)?);
            wait_for_news_or_signal(&store, signals)
        });
        match outcome {
            Ok(Wake::Stop) => return Ok(()),
            Ok(Wake::Server | Wake::LocalChange) => attempt = 0,
            Err(SyncError::Offline(error)) => {
                let wait = backoff(attempt);
                attempt = attempt.saturating_add(1);
                let retry_in_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
                report(&Activity::Offline { error, retry_in_ms }, &status(&store)?);
                match signals.recv_timeout(wait) {
                    Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    // A local change or the end of the wait: try again now.
                    Ok(Signal::LocalChange) | Err(RecvTimeoutError::Timeout) => {}
                    Ok(Signal::SyncNow) => attempt = 0,
                }
            }
            // A long-poll told "signed out" or "expired": erased or locked, as a round would.
            Err(e) => return Err(crate::lock::settle(&mut store, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_five_minutes_with_jitter() {
        for attempt in 0..20 {
            let d = backoff(attempt).as_millis();
            let base = (1_000u128 << attempt.min(9)).min(300_000);
            assert!(d >= base * 8 / 10 && d <= base * 12 / 10, "{attempt}: {d}");
        }
    }
}
