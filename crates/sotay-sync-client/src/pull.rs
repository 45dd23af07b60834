//! The pull half of a round: every page after the store's cursor, each applied in one local
//! transaction that also moves the cursor.
//!
//! The next page is fetched while this one is applied: a thread asks the server for the page
//! after the one it just received (its cursor is in the answer) and hands it over decoded. On a
//! first sync the server reading and sending a page and the device writing the one before used
//! to take turns; now they overlap. The store, and the cursor in it, is only ever written by the
//! round's own thread, so an interrupted pull still resumes after the last page applied.

use crate::wire::Wire;
use crate::{PAGE, Report, SyncError, VIEW, to_remote};
use sotay_store::{RemoteRecord, Store};
use sotay_sync_protocol::PullResponse;
use std::sync::mpsc;
use std::time::Instant;

/// A page as the fetching thread hands it over.
struct Fetched {
    page: PullResponse,
    records: Vec<RemoteRecord>,
    /// The round's bytes received once this page was read.
    received: u64,
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
        // One page waiting beside the one being applied and the one arriving: memory for three
        // pages at most, not the whole pull.
        let (pages, arriving) = mpsc::sync_channel::<Result<Fetched, SyncError>>(1);
        scope.spawn(move || {
            let mut cursor = first;
            loop {
                let fetched = wire
                    .get::<PullResponse>(
                        &format!("{server}/v1/pull?cursor={cursor}&limit={PAGE}"),
                        token,
                    )
                    .map(|page| Fetched {
                        records: page.records.iter().filter_map(to_remote).collect(),
                        received: wire.received,
                        page,
                    });
                let next = fetched
                    .as_ref()
                    .ok()
                    .filter(|f| f.page.more)
                    .map(|f| f.page.cursor);
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
        for fetched in arriving {
            let Fetched {
                page,
                records,
                received,
            } = fetched?;
            report.pull_bytes = received - received_before;
            if view_changed(store, page.view.as_deref())? {
                // What this device may read changed: everything is pulled again under the new
                // view (the outbox was pushed before), and what is not sent again is forgotten
                // when the round ends. The pages already fetched were for the old view.
                store.restart_pull()?;
                if let Some(view) = &page.view {
                    store.write(|w| w.set_local(VIEW, view))?;
                }
                return Ok(true);
            }
            store.apply_pulled(&records, page.cursor)?;
            report.pulled += page.records.len();
            report.pull_ms = crate::millis(started);
            progress(report);
            if !page.more {
                break;
            }
        }
        Ok(false)
    })
}

/// Whether the server's view fingerprint differs from the one this store last pulled under. The
/// first one a store hears is taken as is: a new store starts from cursor 0 anyway.
fn view_changed(store: &mut Store, view: Option<&str>) -> Result<bool, SyncError> {
    let Some(view) = view else {
        return Ok(false);
    };
    match store.local(VIEW)? {
        Some(known) => Ok(known != view),
        None => {
            store.write(|w| w.set_local(VIEW, view))?;
            Ok(false)
        }
    }
}
