//! Stopping `sotay serve` while devices wait in their long-poll: the server answers them at once
//! and exits, instead of holding the shutdown for the rest of their wait (it used to take the
//! whole wait, up to 25 s, to stop on SIGTERM).

use super::sync::{Server, set_up, sync};
use crate::util::{Db, Dir};
use sotay_store::Store;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

fn a_stopping_server_answers_the_devices_waiting_for_news(dir: &Dir, db: Db) {
    let mut server = Server::start(&db);
    let store = dir.path("a.db");
    let cell = set_up(&store);
    server.connect(&store, &server.url, cell.unit);
    sync(&store);

    // A device waits for news, as the background sync does, for the longest wait there is.
    let (answered, answer) = mpsc::channel();
    std::thread::spawn(move || {
        let store = Store::open(&store).unwrap();
        let _ = answered.send(sotay_sync_client::wait_for_news_up_to(&store, 25));
    });
    // Let the long-poll reach the server (on loopback, well within this) before stopping it.
    std::thread::sleep(Duration::from_millis(500));
    let term = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());

    // Not a speed target: the bound is the long-poll's own wait, which the old server held on to.
    let reply = answer
        .recv_timeout(Duration::from_secs(20))
        .expect("the waiting device is answered before its wait runs out");
    assert!(
        matches!(reply, Ok(false)),
        "nothing new, and a clean answer rather than a broken connection: {reply:?}"
    );
    let status = server.child.wait().unwrap();
    assert!(
        status.success(),
        "sotay serve stops cleanly on SIGTERM: {status}"
    );
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_stopping_server_answers_the_devices_waiting_for_news
);
