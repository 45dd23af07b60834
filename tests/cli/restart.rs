//! A server restarted under connected devices: two devices sync in the background, as the app
//! does; `sotay serve` is stopped (SIGTERM, as `systemctl restart` does) and started again on
//! the same address and data while both have written offline; the member presses "Sync now" on
//! each. Their first round after the server is back goes through — before, it failed with
//! "error sending request" and the app showed "offline" with a retry more than a minute away.

use super::sync::{Server, Whom, edit, set_up, sync};
use crate::util::{Db, Dir};
use sotay_core::model::Meeting;
use sotay_store::Store;
use sotay_sync_client::{Activity, Signal};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A device's background sync, as the app runs it, with each report and when it came.
struct Device {
    store: PathBuf,
    signals: Sender<Signal>,
    reports: Receiver<(Instant, Activity, u64)>,
    looping: JoinHandle<Result<(), sotay_sync_client::SyncError>>,
}

impl Device {
    fn start(store: &Path) -> Device {
        let (signals_tx, signals) = channel();
        let (reports_tx, reports) = channel();
        let path = store.to_owned();
        let looping = std::thread::spawn(move || {
            sotay_sync_client::run(&path, &signals, |activity, status| {
                let _ = reports_tx.send((Instant::now(), activity.clone(), status.pending_changes));
            })
        });
        Device {
            store: store.to_owned(),
            signals: signals_tx,
            reports,
            looping,
        }
    }

    /// The next report. The bound guards against a hang; it is not a timing assertion.
    fn next(&self) -> (Instant, Activity, u64) {
        self.reports
            .recv_timeout(Duration::from_secs(120))
            .expect("the background sync reports")
    }

    /// Waits until the loop reports a state `is` accepts.
    fn until(&self, is: impl Fn(&Activity) -> bool) {
        while !is(&self.next().1) {}
    }

    /// Asks for a round now, as the app's "Sync now" does, and follows the reports until the
    /// device is up to date with nothing pending. Returns the failures of rounds that began
    /// after `back` (the moment the server was listening again): there must be none.
    fn sync_now(&self, back: Instant) -> Vec<String> {
        self.signals.send(Signal::SyncNow).unwrap();
        let mut failures = Vec::new();
        let mut round_began = None;
        loop {
            let (at, activity, pending) = self.next();
            match activity {
                Activity::Syncing {
                    pushed: 0,
                    pulled: 0,
                } => round_began = Some(at),
                Activity::Syncing { .. } => {}
                Activity::Offline { error, .. } => {
                    if round_began.is_some_and(|began| began >= back) {
                        failures.push(error);
                    }
                }
                Activity::UpToDate if pending == 0 => return failures,
                Activity::UpToDate => {}
            }
        }
    }

    fn stop(self) {
        self.signals.send(Signal::Stop).unwrap();
        self.looping.join().unwrap().unwrap();
    }

    fn topic_and_place(&self, meeting: uuid::Uuid) -> (String, String) {
        let m = Store::open(&self.store)
            .unwrap()
            .require::<Meeting>(meeting)
            .unwrap();
        (m.topic, m.place)
    }
}

fn a_restarted_server_takes_the_first_sync_now_of_both_devices(dir: &Dir, db: Db) {
    let first = Server::start(&db);
    let listen = first.url.trim_start_matches("http://").to_owned();
    let (a, b) = (dir.path("a.db"), dir.path("b.db"));
    let cell = set_up(&a);
    for s in [&a, &b] {
        first.connect(s, &first.url, Whom::Admin);
    }
    sync(&a);
    sync(&b);
    let devices = [Device::start(&a), Device::start(&b)];
    for d in &devices {
        d.until(|s| *s == Activity::UpToDate);
    }

    // The server stops as a service manager stops it, and is started again on the same data.
    crate::util::terminate(&first.child);
    let mut first = first;
    assert!(first.child.wait().unwrap().success(), "{}", first.log());
    // Both write while it is away, and their loops find it gone.
    let meeting = cell.meeting;
    edit(&a, |w| {
        w.modify::<Meeting>(meeting, |m| m.topic = "Chuyển sang tối thứ Sáu".into())
            .map(drop)
    });
    edit(&b, |w| {
        w.modify::<Meeting>(meeting, |m| m.place = "Nhà văn hoá thôn 2".into())
            .map(drop)
    });
    for d in &devices {
        for _ in 0..3 {
            d.signals.send(Signal::LocalChange).unwrap();
            d.until(|s| matches!(s, Activity::Offline { .. }));
        }
    }
    // Each failed round doubled the wait (by now ≈ 8 s or more); "Sync now" tries at once and, if
    // the server is still away, starts again from the shortest wait.
    for d in &devices {
        d.signals.send(Signal::SyncNow).unwrap();
        let mut shortest = u64::MAX;
        for _ in 0..4 {
            if let (_, Activity::Offline { retry_in_ms, .. }, _) = d.next() {
                shortest = shortest.min(retry_in_ms);
            }
            if shortest <= 1_200 {
                break;
            }
        }
        assert!(shortest <= 1_200, "the next try is {shortest} ms away");
    }

    let second = Server::start_on(&db, &listen);
    let back = Instant::now();
    for d in &devices {
        let failures = d.sync_now(back);
        assert!(
            failures.is_empty(),
            "a round begun after the server was back failed: {failures:?}\n{}",
            second.log()
        );
    }
    // a's round may have come before b's push: a few more rounds at most, and both hold both
    // changes.
    let expected = (
        "Chuyển sang tối thứ Sáu".to_owned(),
        "Nhà văn hoá thôn 2".to_owned(),
    );
    for d in devices {
        for _ in 0..5 {
            if d.topic_and_place(meeting) == expected {
                break;
            }
            d.sync_now(back);
        }
        assert_eq!(d.topic_and_place(meeting), expected);
        d.stop();
    }
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_restarted_server_takes_the_first_sync_now_of_both_devices
);
