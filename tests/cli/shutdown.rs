//! Stopping `sotay serve` while devices wait in their long-poll: the server answers them at once
//! and exits, instead of holding the shutdown for the rest of their wait (it used to take the
//! whole wait, up to 25 s, to stop on SIGTERM; on PostgreSQL it then panicked).

use super::sync::{Server, Whom, set_up, sync};
use crate::util::{Db, Dir};
use sotay_store::Store;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

fn a_stopping_server_answers_the_devices_waiting_for_news(dir: &Dir, db: Db) {
    let mut server = Server::start(&db);
    let store = dir.path("a.db");
    set_up(&store);
    server.connect(&store, &server.url, Whom::Admin);
    sync(&store);
    let store = Store::open(&store).unwrap();
    let token = store.local("sync_token").unwrap().unwrap();
    let cursor = store.sync_cursor().unwrap();

    // A device waits for news, as the background sync does, for the longest wait there is.
    let addr = server.url.trim_start_matches("http://").to_owned();
    let mut waiting = TcpStream::connect(&addr).unwrap();
    write!(
        waiting,
        "GET /v1/live?cursor={cursor}&wait=25 HTTP/1.1\r\nHost: {addr}\r\n\
         Authorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // A round trip on a later connection: the server has taken the waiting one by then
    // (connections are accepted in order).
    let health = crate::util::http()
        .get(format!("{}/v1/health", server.url))
        .send()
        .unwrap();
    assert!(health.status().is_success());

    crate::util::terminate(&server.child);

    // Not a speed target: the bound is the long-poll's own wait, which the old server held on to.
    waiting
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut reply = String::new();
    waiting
        .read_to_string(&mut reply)
        .expect("the waiting device is answered before its wait runs out");
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.contains(r#""changed":false"#), "nothing new: {reply}");
    let status = server.child.wait().unwrap();
    assert!(
        status.success(),
        "sotay serve stops cleanly on SIGTERM: {status}\n{}",
        server.log()
    );
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    a_stopping_server_answers_the_devices_waiting_for_news
);
