//! Benchmarks of the local store: the write path, demo generation, and the queries people wait
//! on. Commands and recorded results: BENCHMARKS.md.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failing test with a message

use chrono::Utc;
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use sotay_core::model::*;
use sotay_demo::{Options, Size, generate};
use sotay_store::Store;
use sotay_store::queries::MeetingQuery;
use std::hint::black_box;

fn demo(size: Size, years: u32) -> Options {
    Options {
        size,
        years,
        seed: 2026,
        now: Utc::now(),
        mark_demo: true,
    }
}

/// One roll call: a meeting and twenty attendance records, each with its outbox entry.
fn write_path(c: &mut Criterion) {
    let mut group = c.benchmark_group("write");
    group.throughput(Throughput::Elements(21));
    group.bench_function("roll_call_of_20", |b| {
        let mut store = Store::open_in_memory().unwrap();
        generate(&mut store, &demo(Size::Cell, 1), |_, _| {}).unwrap();
        let unit = store
            .units()
            .unwrap()
            .into_iter()
            .find(|u| u.level == UnitLevel::Cell)
            .unwrap();
        let members = store.members(Some(unit.id), 20).unwrap();
        b.iter(|| {
            store
                .write(|w| {
                    let meeting = Meeting {
                        status: MeetingStatus::Held,
                        ..Meeting::planned(
                            unit.id,
                            MeetingKind::Regular,
                            w.now(),
                            "Nhà văn hóa",
                            "Sinh hoạt thường kỳ",
                        )
                    };
                    w.insert(&meeting)?;
                    for m in &members {
                        w.insert(&Attendance::new(
                            meeting.id,
                            m.id,
                            AttendanceStatus::Present,
                            None,
                        ))?;
                    }
                    Ok(())
                })
                .unwrap();
        });
    });
    group.finish();
}

fn demo_generation(c: &mut Criterion) {
    let mut group = c.benchmark_group("demo");
    group.sample_size(10);
    group.bench_function("cell_10_years_in_memory", |b| {
        b.iter_batched(
            || Store::open_in_memory().unwrap(),
            |mut store| generate(&mut store, &demo(Size::Cell, 10), |_, _| {}).unwrap(),
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

/// The queries behind the home screen and `sotay meetings --upcoming`, on a district's store.
fn district_queries(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("district.db");
    {
        let mut store = Store::open(&path).unwrap();
        generate(&mut store, &demo(Size::District, 3), |_, _| {}).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let cell = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.level == UnitLevel::Cell)
        .unwrap();
    let mut group = c.benchmark_group("district");
    group.bench_function("open_store", |b| b.iter(|| Store::open(&path).unwrap()));
    group.bench_function("meetings_upcoming_all_cells", |b| {
        b.iter(|| {
            store
                .meetings(&MeetingQuery {
                    from: Some(Utc::now()),
                    limit: 20,
                    ..MeetingQuery::default()
                })
                .unwrap()
        })
    });
    group.bench_function("meetings_upcoming_one_cell", |b| {
        b.iter(|| {
            store
                .meetings(&MeetingQuery {
                    unit_id: Some(cell.id),
                    from: Some(Utc::now()),
                    limit: 5,
                    ..MeetingQuery::default()
                })
                .unwrap()
        })
    });
    group.bench_function("search_nghi_quyet", |b| {
        b.iter(|| store.search(black_box("nghi quyet"), 20).unwrap())
    });
    group.bench_function("search_dang_vien", |b| {
        b.iter(|| store.search(black_box("dang vien"), 20).unwrap())
    });
    group.bench_function("activity_feed_30", |b| {
        b.iter(|| store.activity(None, 30).unwrap())
    });
    group.finish();
}

/// The district demo written to a file, as `sotay demo --size district` does (slow: ~2 min).
fn district_demo(c: &mut Criterion) {
    let mut group = c.benchmark_group("demo");
    group.sample_size(10);
    group.bench_function("district_3_years_to_file", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let store = Store::open(dir.path().join("d.db")).unwrap();
                (dir, store)
            },
            |(dir, mut store)| {
                generate(&mut store, &demo(Size::District, 3), |_, _| {}).unwrap();
                drop(store);
                drop(dir);
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(quick, write_path, demo_generation, district_queries);
criterion_group!(slow, district_demo);
criterion_main!(quick, slow);
