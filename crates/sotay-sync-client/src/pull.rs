//! The pull half of a round: every page after the store's cursor, applied in local transactions
//! that also move the cursor.
//!
//! The next pages are fetched while earlier ones are applied: a thread asks the server for the
//! page after the one it just received (its cursor is in the answer) and hands it over decoded. On
//! a first sync the server reading and sending a page and the device writing the one before used
//! to take turns; now they overlap. When the device falls behind, the pages waiting are applied
//! together, in one transaction: each commit writes every page of the store it touched to the
//! WAL, and a district's indexes are touched all over by every few thousand records, so fewer,
//! larger commits write less. The store, and the cursor in it, is only ever written by the
//! round's own thread, so an interrupted pull still resumes after the last transaction.

use crate::wire::Wire;
use crate::{EPOCH, PAGE, Report, SyncError, VIEW, to_remote};
use sotay_store::{RemoteRecord, Store};
use sotay_sync_protocol::PullResponse;
use std::sync::mpsc::{self, TryRecvError};
use std::time::Instant;

/// Pages the fetching thread may have waiting beside the one being applied: it runs at most this
/// far ahead, which bounds the pull's memory to a few pages, not the whole pull.
const WAITING: usize = 4;

/// Records applied in one transaction at most, when that many are waiting. Larger transactions
/// hold the store's write lock longer against the member's own writes.
const BATCH: usize = 10_000;

/// Pages as the fetching thread hands them over, or several of them taken together.
struct Fetched {
    records: Vec<RemoteRecord>,
    /// Records the server sent (some may be of kinds this build does not know).
    sent: usize,
    cursor: i64,
    more: bool,
    view: Option<String>,
    epoch: Option<String>,
    /// The round's bytes received once the last of these pages was read.
    received: u64,
}

impl Fetched {
    fn new(page: PullResponse, received: u64) -> Fetched {
        Fetched {
            records: page.records.iter().filter_map(to_remote).collect(),
            sent: page.records.len(),
            cursor: page.cursor,
            more: page.more,
            view: page.view,
            epoch: page.epoch,
            received,
        }
    }

    /// Takes the page that followed these.
    fn extend(&mut self, next: Fetched) {
        self.records.extend(next.records);
        self.sent += next.sent;
        self.cursor = next.cursor;
        self.more = next.more;
        self.received = next.received;
    }
}

/// Pulls and applies every page after the store's cursor; `received_before` is what the round
/// had received before the pull (the push answers), for the report's pulled bytes.
pub(crate) fn pull(
    store: &mut Store,
    wire: &mut Wire,
    (server, token): (&str, &str),
    report: &mut Report,
    progress: &mut impl FnMut(&Report),
) -> Result<(), SyncError> {
    let started = Instant::now();
    let received_before = wire.received;
    // Again from the start when the server says what this device may read has changed.
    while pull_under_one_view(
        store,
        wire,
        (server, token),
        report,
        progress,
        (started, received_before),
    )? {}
    store.checkpoint()?;
    report.pull_ms = crate::millis(started);
    Ok(())
}

/// Pulls until the last page (`Ok(false)`) or until a page says the device's view changed: then
/// the pull is restarted in the store and `Ok(true)` asks for another pass.
fn pull_under_one_view(
    store: &mut Store,
    wire: &mut Wire,
    (server, token): (&str, &str),
    report: &mut Report,
    progress: &mut impl FnMut(&Report),
    (started, received_before): (Instant, u64),
) -> Result<bool, SyncError> {
    let first = store.sync_cursor()?;
    std::thread::scope(|scope| {
        let (pages, arriving) = mpsc::sync_channel::<Result<Fetched, SyncError>>(WAITING);
        scope.spawn(move || {
            let mut cursor = first;
            loop {
                let fetched = wire
                    .get::<PullResponse>(
                        &format!("{server}/v1/pull?cursor={cursor}&limit={PAGE}"),
                        token,
                    )
                    .map(|page| Fetched::new(page, wire.received));
                let next = fetched.as_ref().ok().filter(|f| f.more).map(|f| f.cursor);
                // The round stopped taking pages (an error, a changed view): so does this.
                if pages.send(fetched).is_err() {
                    return;
                }
                match next {
                    Some(c) => cursor = c,
                    None => return,
                }
            }
        });
        // A page taken off the channel but left for the next transaction: one under another
        // view, or a failed fetch (applied after the pages before it).
        let mut held = None;
        loop {
            let Some(next) = held.take().or_else(|| arriving.recv().ok()) else {
                break;
            };
            let mut batch = next?;
            report.pull_bytes = batch.received - received_before;
            if changed(store, EPOCH, batch.epoch.as_deref())? {
                // The server was restored from a backup: what this device wrote since may be
                // missing there, and the cursor may point past its records. Everything of its
                // own is queued again and pulled from the start (`sotay_store`'s `restored.rs`).
                report.resent += store.resend_after_restore()?;
                if let Some(epoch) = &batch.epoch {
                    store.write(|w| w.set_local(EPOCH, epoch))?;
                }
                return Ok(true);
            }
            if changed(store, VIEW, batch.view.as_deref())? {
                // What this device may read changed: everything is pulled again under the new
                // view (the outbox was pushed before), and what is not sent again is forgotten
                // when the round ends. The pages already fetched were for the old view.
                store.restart_pull()?;
                if let Some(view) = &batch.view {
                    store.write(|w| w.set_local(VIEW, view))?;
                }
                return Ok(true);
            }
            while batch.more && batch.records.len() < BATCH {
                match arriving.try_recv() {
                    Ok(Ok(page)) if page.view == batch.view => batch.extend(page),
                    Ok(other) => {
                        held = Some(other);
                        break;
                    }
                    Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
                }
            }
            store.apply_pulled(&batch.records, batch.cursor)?;
            report.pulled += batch.sent;
            report.pull_bytes = batch.received - received_before;
            report.pull_ms = crate::millis(started);
            progress(report);
            if !batch.more {
                break;
            }
        }
        Ok(false)
    })
}

/// Whether what the server says under `key` — its view fingerprint of what this device may read,
/// or its database's epoch — differs from what it said at this store's last pull. The first one a
/// store hears is taken as is: a new store starts from cursor 0 anyway, and a server older than
/// epochs says none.
fn changed(store: &mut Store, key: &str, said: Option<&str>) -> Result<bool, SyncError> {
    let Some(said) = said else {
        return Ok(false);
    };
    match store.local(key)? {
        Some(known) => Ok(known != said),
        None => {
            store.write(|w| w.set_local(key, said))?;
            Ok(false)
        }
    }
}
