//! Faults, end to end: the server killed with SIGKILL in the middle of a push and restarted on the
//! same data; the connection cut at many points of a response; a kept-alive connection closed as
//! the next request arrives; a client killed mid-sync. After each, syncing again converges and
//! every write reaches the server exactly once.

use super::sync::{Server, Whom, set_up, sync};
use crate::util::{Db, Dir, sotay};
use sotay_core::id::new_id;
use sotay_core::model::{Contribution, ContributionKind};
use sotay_store::Store;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// What the proxy does to the next exchanges.
#[derive(Default)]
struct Faults {
    /// Cut the next response after this many bytes.
    cut_response_after: Mutex<Option<usize>>,
    /// Run this when a push request starts passing through (kill the server).
    on_push: Mutex<Option<Box<dyn FnOnce() + Send>>>,
    /// Close the next connection that carries a second request, as that request arrives (what a
    /// server restarting, or a proxy dropping an idle kept-alive connection, does).
    close_kept_alive: AtomicBool,
    /// Responses cut so far.
    cuts: AtomicUsize,
    upstream: Mutex<String>,
}

/// A TCP proxy on 127.0.0.1 in front of the server, one thread per connection.
fn proxy(faults: Arc<Faults>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { continue };
            let faults = faults.clone();
            std::thread::spawn(move || relay(client, &faults));
        }
    });
    format!("http://{addr}")
}

fn relay(mut client: TcpStream, faults: &Faults) {
    let upstream = faults.upstream.lock().unwrap().clone();
    let Ok(mut server) = TcpStream::connect(&upstream) else {
        return; // the server is down: the client sees a closed connection
    };
    let (mut client_r, mut server_w) = (client.try_clone().unwrap(), server.try_clone().unwrap());
    let on_push = &faults.on_push;
    let close_kept_alive = &faults.close_kept_alive;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut buf = [0u8; 16 * 1024];
            let mut requests = 0;
            loop {
                let n = match client_r.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                let starts = [b"GET /".as_slice(), b"POST /"]
                    .iter()
                    .any(|m| buf[..n].starts_with(m));
                if starts {
                    requests += 1;
                    if requests > 1 && close_kept_alive.swap(false, Ordering::SeqCst) {
                        let _ = client_r.shutdown(Shutdown::Both);
                        let _ = server_w.shutdown(Shutdown::Both);
                        break;
                    }
                }
                if buf[..n].windows(13).any(|w| w == b"POST /v1/push")
                    && let Some(kill) = on_push.lock().unwrap().take()
                {
                    // Forward half the request, then the server dies mid-push.
                    let _ = server_w.write_all(&buf[..n / 2]);
                    kill();
                    break;
                }
                if server_w.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
            let _ = server_w.shutdown(Shutdown::Write);
        });
        let cut = faults.cut_response_after.lock().unwrap().take();
        let mut sent = 0usize;
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match server.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let n = match cut {
                Some(limit) if sent + n >= limit => {
                    let _ = client.write_all(&buf[..limit - sent]);
                    faults.cuts.fetch_add(1, Ordering::SeqCst);
                    break; // cut mid-response
                }
                _ => n,
            };
            if client.write_all(&buf[..n]).is_err() {
                break;
            }
            sent += n;
        }
        let _ = client.shutdown(Shutdown::Both);
    });
}

/// A server, the proxy in front of it, and two administrators' devices connected through the
/// proxy; the cell is set up on the first, not yet synced.
fn behind_a_proxy(
    dir: &Dir,
    db: &Db,
) -> (Server, Arc<Faults>, PathBuf, PathBuf, super::sync::Cell) {
    let server = Server::start(db);
    let faults = Arc::new(Faults::default());
    *faults.upstream.lock().unwrap() = server.url.trim_start_matches("http://").to_owned();
    let via_proxy = proxy(faults.clone());
    let (a, b) = (dir.path("a.db"), dir.path("b.db"));
    let cell = set_up(&a);
    for s in [&a, &b] {
        server.connect(s, &via_proxy, Whom::Admin);
    }
    (server, faults, a, b, cell)
}

/// Adds `n` contributions on `store` (offline).
fn contribute(store: &Path, cell: &super::sync::Cell, n: usize) {
    let (meeting, member) = (cell.meeting, cell.members[1]);
    Store::open(store)
        .unwrap()
        .write(|w| {
            for i in 0..n {
                w.insert(&Contribution {
                    id: new_id(),
                    meeting_id: Some(meeting),
                    resolution_id: None,
                    member_id: member,
                    kind: ContributionKind::DraftComment,
                    body: format!("Ý kiến số {i}: đề nghị bổ sung nội dung về an ninh trật tự."),
                    made_at: w.now(),
                    recorded_by: None,
                })?;
            }
            Ok(())
        })
        .unwrap();
}

fn contributions(store: &Path, meeting: uuid::Uuid) -> usize {
    Store::open(store)
        .unwrap()
        .meeting_detail(meeting)
        .unwrap()
        .contributions
        .len()
}

fn the_server_killed_mid_push_and_restarted_loses_nothing_and_applies_once(dir: &Dir, db: Db) {
    let first = Server::start(&db);
    let port = first.url.rsplit(':').next().unwrap().to_owned();
    let faults = Arc::new(Faults::default());
    *faults.upstream.lock().unwrap() = format!("127.0.0.1:{port}");
    let via_proxy = proxy(faults.clone());

    let (a, b) = (dir.path("a.db"), dir.path("b.db"));
    let cell = set_up(&a);
    for s in [&a, &b] {
        first.connect(s, &via_proxy, Whom::Admin);
    }
    sync(&a);
    contribute(&a, &cell, 1_200); // three pushes' worth

    let server = Arc::new(Mutex::new(Some(first)));
    let victim = server.clone();
    let killed = Arc::new(AtomicBool::new(false));
    let k = killed.clone();
    *faults.on_push.lock().unwrap() = Some(Box::new(move || {
        if let Some(mut s) = victim.lock().unwrap().take() {
            // Marked first: the client may see the dead connection before `wait` returns.
            k.store(true, Ordering::SeqCst);
            s.child.kill().unwrap(); // SIGKILL
            s.child.wait().unwrap();
        }
    }));
    sotay(&a, &["sync"]).fails(5, "cannot be reached");
    assert!(killed.load(Ordering::SeqCst));
    assert_eq!(
        Store::open(&a).unwrap().pending_changes().unwrap(),
        1_200,
        "all kept"
    );

    // Restart on the same data and port; sync again, twice over.
    let restarted = Server::start_on(&db, &format!("127.0.0.1:{port}"));
    sync(&a);
    sync(&b);
    assert_eq!(Store::open(&a).unwrap().pending_changes().unwrap(), 0);
    assert_eq!(
        contributions(&b, cell.meeting),
        1_200,
        "each write once, none lost"
    );
    drop(restarted);
}

fn responses_cut_at_any_point_are_retried_until_everything_agrees(dir: &Dir, db: Db) {
    let (_server, faults, a, b, cell) = behind_a_proxy(dir, &db);
    // Cut the answer in its headers, at its first byte of body, in the middle, near the end.
    for (round, cut) in [1usize, 40, 120, 300, 700, 2_000, 6_000]
        .into_iter()
        .enumerate()
    {
        contribute(&a, &cell, 20 + round);
        *faults.cut_response_after.lock().unwrap() = Some(cut);
        let run = sotay(&a, &["sync"]);
        // A cut in the answer's headers is sent again on a fresh connection; one in its body
        // fails the round, which the next one picks up.
        if run.code != 0 {
            assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
        }
        *faults.cut_response_after.lock().unwrap() = Some(cut);
        let _ = sotay(&b, &["sync"]); // b's pulls are cut too
    }
    assert!(faults.cuts.load(Ordering::SeqCst) >= 7, "the cuts did hit");
    *faults.cut_response_after.lock().unwrap() = None;
    sync(&a);
    sync(&b);
    let expected: usize = (0..7).map(|r| 20 + r).sum();
    assert_eq!(contributions(&a, cell.meeting), expected);
    assert_eq!(contributions(&b, cell.meeting), expected);
    assert_eq!(
        Store::open(&a).unwrap().snapshot().unwrap(),
        Store::open(&b).unwrap().snapshot().unwrap()
    );
}

/// The server closes the connection a round keeps alive just as the round's next request comes
/// (its pull, after the push): the request goes again on a fresh connection and the round ends
/// well, instead of failing with "error sending request" and waiting out a retry.
fn a_kept_alive_connection_closed_under_a_request_is_retried_on_a_fresh_one(dir: &Dir, db: Db) {
    let (_server, faults, a, b, cell) = behind_a_proxy(dir, &db);
    sync(&b);
    contribute(&a, &cell, 30);
    faults.close_kept_alive.store(true, Ordering::SeqCst);
    let round = sync(&a);
    assert!(
        !faults.close_kept_alive.load(Ordering::SeqCst),
        "the connection was closed under the round"
    );
    assert_eq!(round["status"]["pending_changes"], 0, "{round}");
    sync(&b);
    assert_eq!(contributions(&b, cell.meeting), 30);
}

fn a_client_killed_mid_sync_resumes_and_sends_each_write_once(dir: &Dir, db: Db) {
    let server = Server::start(&db);
    let (a, b) = (dir.path("a.db"), dir.path("b.db"));
    let cell = set_up(&a);
    for s in [&a, &b] {
        server.connect(s, &server.url, Whom::Admin);
    }
    sync(&a);
    // Committed locally, then the client dies around its push: the outbox has it.
    contribute(&a, &cell, 2_000);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["--store", a.to_str().unwrap(), "sync"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once it has made progress (or finished): wait on the server seeing the first push.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while Store::open(&a).unwrap().pending_changes().unwrap() == 2_000
        && std::time::Instant::now() < deadline
        && child.try_wait().unwrap().is_none()
    {
        std::thread::yield_now();
    }
    let _ = child.kill();
    let _ = child.wait();
    sync(&a);
    sync(&b);
    assert_eq!(contributions(&b, cell.meeting), 2_000);
    assert_eq!(Store::open(&a).unwrap().pending_changes().unwrap(), 0);
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    the_server_killed_mid_push_and_restarted_loses_nothing_and_applies_once,
    responses_cut_at_any_point_are_retried_until_everything_agrees,
    a_kept_alive_connection_closed_under_a_request_is_retried_on_a_fresh_one,
    a_client_killed_mid_sync_resumes_and_sends_each_write_once,
);
