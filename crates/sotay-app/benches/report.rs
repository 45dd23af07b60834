//! The superior committee's figures for a whole district (≈ 200 cells, ten years of history):
//! `sotay report` and the dashboard ask `unit_report`, which reads every meeting and task of the
//! year in two statements and computes each cell's figures. Target: under 200 ms.
//! Commands and recorded results: BENCHMARKS.md.

#![allow(clippy::unwrap_used)]

use chrono::{Datelike, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use sotay_core::model::UnitLevel;
use sotay_demo::{Options, Size, generate};
use sotay_store::Store;
use std::hint::black_box;

fn district_report(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("district.db");
    {
        let mut store = Store::open(&path).unwrap();
        let options = Options {
            size: Size::District,
            years: 10,
            seed: 2026,
            now: Utc::now(),
            mark_demo: true,
        };
        generate(&mut store, &options, |_, _| {}).unwrap();
    }
    let store = Store::open(&path).unwrap();
    let district = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.level == UnitLevel::District)
        .unwrap()
        .id;
    let now = Utc::now();
    let mut group = c.benchmark_group("report");
    group.sample_size(20);
    group.bench_function("district_10_years_this_year", |b| {
        b.iter(|| {
            black_box(sotay_app::reports::report_for(&store, district, now.year(), now).unwrap())
        })
    });
    group.bench_function("district_10_years_last_year", |b| {
        b.iter(|| {
            black_box(
                sotay_app::reports::report_for(&store, district, now.year() - 1, now).unwrap(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, district_report);
criterion_main!(benches);
