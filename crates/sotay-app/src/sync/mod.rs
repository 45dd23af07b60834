//! The background sync and its status ("Sync now" included); the conflicts it recorded and the
//! changes the server refused are in `conflicts.rs`.

mod conflicts;

pub use conflicts::{conflicts, dismiss_rejection, rejections, resolve_conflict};

use crate::app::App;
use crate::error::{AppError, Result};
use crate::session::Session;
use crate::views::{AppEvent, Mode, NoArgs, SyncState, SyncView};
use sotay_core::ErrorKind;
use sotay_sync_client::{Activity, Signal, Status};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long "Sync now" waits for its round before answering that it is under way: longer than a
/// round that finds nothing to do or a server that refuses connections, and than a connection
/// that times out (10 s); short enough that a long first pull does not hold the button.
const SYNC_NOW_WAIT: Duration = Duration::from_secs(30);

fn count(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn view_of(activity: &Activity, status: &Status) -> SyncView {
    let mut view = SyncView {
        state: SyncState::UpToDate,
        server: status.server.clone(),
        pending_changes: count(status.pending_changes),
        last_sync: status.last_sync.clone(),
        open_conflicts: status.open_conflicts,
        rejected_changes: status.rejected_changes,
        error: None,
        retry_in_ms: None,
        pushed: 0,
        pulled: 0,
    };
    match activity {
        Activity::Syncing { pushed, pulled } => {
            view.state = SyncState::Syncing;
            view.pushed = count(*pushed as u64);
            view.pulled = count(*pulled as u64);
        }
        Activity::UpToDate => {}
        Activity::Offline { error, retry_in_ms } => {
            view.state = SyncState::Offline;
            view.error = Some(error.clone());
            view.retry_in_ms = Some(count(*retry_in_ms));
        }
    }
    view
}

impl App {
    /// Starts the background sync (once), reporting to the UI through the app's events.
    pub(crate) fn start_sync(self: &Arc<Self>) {
        let mut runtime = self.sync.lock().unwrap_or_else(|p| p.into_inner());
        if runtime.signals.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        runtime.signals = Some(tx);
        drop(runtime);
        // The loop holds a weak handle: closing the app ends it.
        let app = Arc::downgrade(self);
        let opener = self.opener.clone();
        let spawned = std::thread::Builder::new()
            .name("sotay-sync".into())
            .spawn(move || {
                let mut pulled_this_round = 0usize;
                let outcome = sotay_sync_client::run(opener, &rx, |activity, status| {
                    let Some(app) = app.upgrade() else { return };
                    let view = view_of(activity, status);
                    match activity {
                        Activity::Syncing { pulled, .. } => pulled_this_round = *pulled,
                        Activity::UpToDate if pulled_this_round > 0 => {
                            pulled_this_round = 0;
                            app.emit(AppEvent::DataChanged);
                        }
                        _ => {}
                    }
                    app.set_last_sync(view);
                });
                if let Err(e) = outcome
                    && let Some(app) = app.upgrade()
                {
                    tracing::warn!(error = %e, "background sync stopped");
                    let mut view = app
                        .sync_status(NoArgs {})
                        .unwrap_or_else(|_| stopped_view());
                    view.state = SyncState::Stopped;
                    view.error = Some(e.to_string());
                    app.sync.lock().unwrap_or_else(|p| p.into_inner()).signals = None;
                    app.set_last_sync(view);
                    // Locked, or signed out and erased: the window shows its lock or first-run
                    // screen.
                    if matches!(e.kind(), ErrorKind::DeviceLocked | ErrorKind::DeviceRevoked) {
                        app.emit(AppEvent::DataChanged);
                    }
                }
            });
        if let Err(e) = spawned {
            tracing::error!(error = %e, "cannot start the background sync");
            self.sync.lock().unwrap_or_else(|p| p.into_inner()).signals = None;
        }
    }

    /// Keeps the loop's report and tells whoever waits on it. A round begins with its first
    /// `syncing` report and ends with the first report that is not (up to date, offline, or
    /// stopped); an offline report while waiting for news, after a round ended up to date, ends
    /// none.
    fn set_last_sync(&self, view: SyncView) {
        {
            let mut runtime = self.sync.lock().unwrap_or_else(|p| p.into_inner());
            let was_syncing = runtime
                .last
                .as_ref()
                .is_some_and(|v| v.state == SyncState::Syncing);
            match (was_syncing, view.state == SyncState::Syncing) {
                (false, true) => runtime.begun += 1,
                (true, false) => runtime.ended += 1,
                _ => {}
            }
            runtime.last = Some(view.clone());
        }
        self.sync_reported.notify_all();
        self.emit(AppEvent::Sync { status: view });
    }

    /// Where sync stands: online or not, changes waiting, the last sync, open conflicts.
    fn status_view(&self) -> Result<SyncView> {
        let store = self.store()?;
        let status = sotay_sync_client::status(&store)?;
        let mode = Session::of(&store)?.mode();
        drop(store);
        let last = self
            .sync
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .last
            .clone();
        let mut view = match &last {
            Some(v) => v.clone(),
            None => view_of(&Activity::UpToDate, &status),
        };
        // The store's own counts are fresher than the loop's last report.
        view.pending_changes = count(status.pending_changes);
        view.open_conflicts = status.open_conflicts;
        view.rejected_changes = status.rejected_changes;
        view.last_sync = status.last_sync;
        view.server = status.server;
        view.state = match mode {
            Mode::Demo => SyncState::Demo,
            Mode::Fresh | Mode::Local | Mode::Locked | Mode::Revoked => SyncState::NotConnected,
            Mode::Connected if last.is_none() => SyncState::Starting,
            Mode::Connected => view.state,
        };
        Ok(view)
    }

    /// Asks the background sync to run a round now (for example after the link came back) and
    /// answers with where that round left things.
    ///
    /// It waits for the round: answered at once, it said what the loop last reported — after a
    /// server came back, the error of a round tried while it was away, and the member who pressed
    /// "Sync now" as the connection returned was told it had failed (issue 26). It waits for a
    /// round that *began* after the press: one under way then may have sent its requests before
    /// the server was back. A round that takes longer than [`SYNC_NOW_WAIT`] (a first pull of a
    /// district) is answered as syncing, its progress reported as usual.
    fn sync_round_now(&self) -> Result<SyncView> {
        let session = self.session()?;
        session.refuse_if_locked()?;
        if session.mode() != Mode::Connected {
            return Err(AppError::from(sotay_sync_client::SyncError::NotConnected));
        }
        let stopped = || {
            AppError::new(
                ErrorKind::SyncStopped,
                "sync stopped; see the error on the Sync screen",
            )
        };
        let mut runtime = self.sync.lock().unwrap_or_else(|p| p.into_inner());
        let Some(tx) = &runtime.signals else {
            return Err(stopped());
        };
        if tx.send(Signal::SyncNow).is_err() {
            return Err(stopped());
        }
        // Rounds begin one after another, and a round counts as begun when it reports, which it
        // cannot do while this holds the lock: the press's round is the next to begin.
        let round = runtime.begun + 1;
        let give_up = Instant::now() + SYNC_NOW_WAIT;
        // A loop that stops (the server refused this device) says why in its last report.
        while runtime.ended < round && runtime.signals.is_some() {
            let left = give_up.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            runtime = self
                .sync_reported
                .wait_timeout(runtime, left)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
        drop(runtime);
        self.status_view()
    }
}

/// Where sync stands: online or not, changes waiting, the last sync, open conflicts.
pub fn sync_status(app: &Arc<App>, _: NoArgs) -> Result<SyncView> {
    app.status_view()
}

/// Asks the background sync to run a round now and answers with where that round left things
/// (see [`App::sync_round_now`]).
pub fn sync_now(app: &Arc<App>, _: NoArgs) -> Result<SyncView> {
    app.sync_round_now()
}

fn stopped_view() -> SyncView {
    SyncView {
        state: SyncState::Stopped,
        server: None,
        pending_changes: 0,
        last_sync: None,
        open_conflicts: 0,
        rejected_changes: 0,
        error: None,
        retry_in_ms: None,
        pushed: 0,
        pulled: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::{Receiver, channel};

    /// An app on a fresh store that believes it is connected, with `loop_` standing in for the
    /// background sync: it is handed the signals and reports through the app as the loop does.
    fn app_with_loop(
        before: &[Activity],
        loop_: impl FnOnce(Receiver<Signal>, Arc<App>) + Send + 'static,
    ) -> (Arc<App>, std::thread::JoinHandle<()>, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(dir.path().join("sotay.db"), Arc::new(|_| {})).unwrap();
        app.store()
            .unwrap()
            .write(|w| w.set_local("sync_server", "http://127.0.0.1:9"))
            .unwrap();
        let (tx, rx) = channel();
        app.sync.lock().unwrap().signals = Some(tx);
        for activity in before {
            app.report(activity);
        }
        let looping = app.clone();
        let handle = std::thread::spawn(move || loop_(rx, looping));
        (app, handle, dir)
    }

    impl App {
        fn report(&self, activity: &Activity) {
            let status = sotay_sync_client::status(&self.store().unwrap()).unwrap();
            self.set_last_sync(view_of(activity, &status));
        }
    }

    fn offline() -> Activity {
        Activity::Offline {
            error: "error sending request for url (http://127.0.0.1:9/v1/push)".into(),
            retry_in_ms: 1_800,
        }
    }

    const SYNCING: Activity = Activity::Syncing {
        pushed: 0,
        pulled: 0,
    };

    /// A round under way when "Sync now" is pressed sent its requests before: its failure is not
    /// the answer, the round the press began is.
    #[test]
    fn sync_now_answers_with_the_round_it_began_not_the_one_under_way() {
        let (app, looping, _dir) = app_with_loop(&[SYNCING], |signals, app| {
            assert_eq!(signals.recv().unwrap(), Signal::SyncNow);
            app.report(&offline());
            app.report(&SYNCING);
            app.report(&Activity::UpToDate);
        });
        let answer = app.sync_now(NoArgs {}).unwrap();
        assert_eq!((answer.state, answer.error), (SyncState::UpToDate, None));
        looping.join().unwrap();
    }

    /// An up-to-date device whose long-poll then fails reports "offline" without a round: that
    /// ends no round, or "Sync now" pressed just before it would answer with that failure rather
    /// than with the round it asked for.
    #[test]
    fn a_failed_wait_for_news_ends_no_round() {
        let (app, looping, _dir) = app_with_loop(&[], |_, _| {});
        looping.join().unwrap();
        let rounds = |app: &App| {
            let runtime = app.sync.lock().unwrap();
            (runtime.begun, runtime.ended)
        };
        for (activity, after) in [
            (SYNCING, (1, 0)),
            (
                Activity::Syncing {
                    pushed: 3,
                    pulled: 0,
                },
                (1, 0),
            ),
            (Activity::UpToDate, (1, 1)),
            (offline(), (1, 1)),
            (SYNCING, (2, 1)),
            (offline(), (2, 2)),
        ] {
            app.report(&activity);
            assert_eq!(rounds(&app), after, "after {activity:?}");
        }
    }

    /// A server still away is said: the round the press began failed.
    #[test]
    fn sync_now_says_when_its_own_round_failed() {
        let (app, looping, _dir) = app_with_loop(&[SYNCING, offline()], |signals, app| {
            assert_eq!(signals.recv().unwrap(), Signal::SyncNow);
            app.report(&SYNCING);
            app.report(&offline());
        });
        let answer = app.sync_now(NoArgs {}).unwrap();
        assert_eq!(answer.state, SyncState::Offline);
        assert!(answer.error.is_some_and(|e| e.contains("/v1/push")));
        looping.join().unwrap();
    }
}
