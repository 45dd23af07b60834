//! The local store at half a million records (a district's six years, as a device holds it after
//! its first sync: every record, nothing left to push): one pulled change applied (target ≤ 3 ms),
//! and a member's write with its outbox entry (target ≤ 1 ms at the median; the p50 and p99 of
//! 2,000 writes are printed after criterion's figures). Commands and results: BENCHMARKS.md.
//!
//!     cargo bench -p sotay-demo --bench large_store       # ~3 min, the store generated first

#![allow(clippy::unwrap_used)] // a failed unwrap in a benchmark is a failure with a message

use chrono::Utc;
use criterion::{Criterion, criterion_group, criterion_main};
use sotay_core::id::new_id;
use sotay_core::model::{Contribution, ContributionKind, Meeting, UnitLevel};
use sotay_core::{ClientId, Hlc, Record};
use sotay_demo::{Options, Size, generate};
use sotay_store::queries::MeetingQuery;
use sotay_store::{RemoteRecord, Store};
use std::time::Instant;

fn large_store(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.db");
    let mut store = Store::open(&path).unwrap();
    let options = Options {
        size: Size::District,
        years: 6,
        seed: 2026,
        now: Utc::now(),
        mark_demo: true,
    };
    generate(&mut store, &options, |_, _| {}).unwrap();
    let records = store.pending_changes().unwrap();
    assert!(
        records >= 500_000,
        "{records} records: fewer than the benchmark promises"
    );
    // As after a first sync: the records are the server's, nothing waits to be pushed.
    store.acknowledge(i64::MAX, &[]).unwrap();
    eprintln!(
        "large store: {records} records, {:.0} MB on disk",
        std::fs::metadata(&path).unwrap().len() as f64 / 1e6
    );

    let cell = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.level == UnitLevel::Cell)
        .unwrap();
    let mut meeting: Meeting = store
        .meetings(&MeetingQuery {
            unit_id: Some(cell.id),
            limit: 1,
            ..MeetingQuery::default()
        })
        .unwrap()
        .into_iter()
        .next()
        .map(|m| store.require(m.id).unwrap())
        .unwrap();
    let member = store.members(Some(cell.id), 1).unwrap().remove(0);
    let other_device = ClientId::new();
    let mut cursor = 1_000_000;
    let start = u64::try_from(Utc::now().timestamp_millis()).unwrap();

    let mut group = c.benchmark_group("large_store");
    // Another member's edit of the meeting's topic, pulled: one page of one record, with its
    // cursor, in its own transaction.
    group.bench_function("apply_one_pulled_change", |b| {
        b.iter(|| {
            cursor += 1;
            meeting.topic = format!("Sinh hoạt chuyên đề, lần {cursor}");
            let change = RemoteRecord {
                entity: Meeting::KIND,
                id: meeting.id,
                fields: meeting.to_fields(),
                deleted: false,
                hlc: Hlc::new(start + cursor as u64, 0),
                origin: other_device,
                gone: false,
            };
            store.apply_pulled(&[change], cursor).unwrap();
        })
    });
    let write = |store: &mut Store, n: usize| {
        store
            .write(|w| {
                w.insert(&Contribution {
                    id: new_id(),
                    meeting_id: Some(meeting.id),
                    resolution_id: None,
                    member_id: member.id,
                    kind: ContributionKind::DraftComment,
                    body: format!("Ý kiến {n}: đề nghị bổ sung chỉ tiêu kết nạp đảng viên."),
                    made_at: w.now(),
                    recorded_by: None,
                })
            })
            .unwrap();
    };
    // A member's idea on the draft: validated, written, its outbox entry, one durable commit.
    let mut n = 0;
    group.bench_function("write_with_outbox", |b| {
        b.iter(|| {
            n += 1;
            write(&mut store, n);
        })
    });
    group.finish();

    let mut times: Vec<f64> = (0..2_000)
        .map(|i| {
            let started = Instant::now();
            write(&mut store, n + i + 1);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    eprintln!(
        "large_store/write_with_outbox over 2,000 writes: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        times[times.len() / 2],
        times[times.len() * 99 / 100],
        times[times.len() - 1]
    );
}

criterion_group! {
    name = large;
    config = Criterion::default().sample_size(30);
    targets = large_store
}
criterion_main!(large);
