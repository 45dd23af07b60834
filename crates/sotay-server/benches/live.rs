//! How fast an online client sees another client's change: from the moment client A starts
//! pushing an edit to the moment client B — waiting in its long-poll on a real `sotay serve`
//! (axum on 127.0.0.1, SQLite) — has pulled it into its store. Target: under a second.
//! Commands and results: BENCHMARKS.md.

#![allow(clippy::unwrap_used)] // a failed unwrap in a benchmark is a failure with a message

use criterion::{Criterion, criterion_group, criterion_main};
use sotay_core::id::new_id;
use sotay_core::model::{OrgUnit, UnitLevel};
use sotay_server::sqlite::SqliteBackend;
use sotay_server::{Engine, Grant};
use sotay_store::Store;
use std::time::{Duration, Instant};

fn live(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("server.db");
    let unit = new_id();
    let invites = Engine::new(SqliteBackend::open(&db).unwrap()).unwrap();
    // A edits the cell's name (the administrator's to change); B reads the cell.
    let (code_a, code_b) = (
        invites.create_invite(Grant::Admin).unwrap(),
        invites.create_invite(Grant::Unit(unit)).unwrap(),
    );
    drop(invites);

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let engine = Engine::new(SqliteBackend::open(&db).unwrap()).unwrap();
    runtime.spawn(sotay_server::http::serve(
        engine,
        listener,
        None,
        std::future::pending(),
    ));

    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let mut store_a = Store::open(&a).unwrap();
    let mut store_b = Store::open(&b).unwrap();
    sotay_sync_client::connect(&mut store_a, &url, &code_a).unwrap();
    sotay_sync_client::connect(&mut store_b, &url, &code_b).unwrap();
    let cell = OrgUnit {
        id: unit,
        parent_id: None,
        level: UnitLevel::Cell,
        name: "Chi bộ".into(),
        code: None,
        closed_on: None,
        in_sotay_since: None,
    };
    store_a.write(|w| w.insert(&cell)).unwrap();
    sotay_sync_client::sync_once(&mut store_a).unwrap();
    sotay_sync_client::sync_once(&mut store_b).unwrap();

    let mut n = 0u64;
    c.bench_function("live/change_seen_by_a_waiting_client", |bench| {
        bench.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                n += 1;
                let b_path = b.clone();
                let waiter = std::thread::spawn(move || {
                    let mut store = Store::open(&b_path).unwrap();
                    sotay_sync_client::wait_for_news(&store).unwrap();
                    sotay_sync_client::sync_once(&mut store).unwrap();
                    Instant::now()
                });
                let name = format!("Chi bộ {n}");
                let started = Instant::now();
                store_a
                    .write(|w| w.modify::<OrgUnit>(unit, |u| u.name = name).map(|_| ()))
                    .unwrap();
                sotay_sync_client::sync_once(&mut store_a).unwrap();
                let seen = waiter.join().unwrap();
                total += seen.duration_since(started);
            }
            total
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = live
}
criterion_main!(benches);
