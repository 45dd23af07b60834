//! The superior committee's figures for a whole district (≈ 200 cells, ten years of history) on
//! the server: `GET /v1/report`'s engine call, which reads the year's meetings, their roll calls
//! and speakers, the tasks and the rosters with the backend's SQL and computes each cell's
//! figures with `sotay_core::report`. Target: under 200 ms, as on the laptop.
//! Commands and recorded results: BENCHMARKS.md.

#![allow(clippy::unwrap_used)] // a failed unwrap in a benchmark is a failure with a message

use chrono::{Datelike, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use sotay_core::entity::Scope;
use sotay_core::model::UnitLevel;
use sotay_core::{ClientId, EntityKind};
use sotay_demo::{Options, Size, generate};
use sotay_server::sqlite::SqliteBackend;
use sotay_server::storage::{PutRecord, StoredRecord, SyncTx};
use sotay_server::{Backend, Device, Engine, Principal};
use sotay_store::Store;
use std::collections::HashMap;
use std::hint::black_box;
use uuid::Uuid;

fn id_in(fields: &sotay_core::FieldMap, name: &str) -> Option<Uuid> {
    fields.get(name)?.as_str()?.parse().ok()
}

/// Copies every record of the store into the server's database as it would stand after a sync:
/// same fields, the scope the engine gives each kind (parents first, as `EntityKind::ALL` is).
fn fill(store: &Store, tx: &mut dyn SyncTx) {
    let mut scopes: HashMap<Uuid, Uuid> = HashMap::new();
    for &kind in EntityKind::ALL {
        let mut records = Vec::new();
        store
            .each_record(kind, |id, fields| records.push((id, fields)))
            .unwrap();
        for (id, fields) in records {
            let scope = match kind.scope() {
                Scope::Itself => Some(id),
                Scope::Unit(field) => id_in(&fields, field),
                Scope::Parent(parents) => parents
                    .iter()
                    .find_map(|p| id_in(&fields, p).and_then(|p| scopes.get(&p).copied())),
            };
            if let Some(scope) = scope {
                scopes.insert(id, scope);
            }
            let mut record = StoredRecord::new(kind, id);
            record.fields = fields;
            record.scope = scope;
            tx.put(&record).unwrap();
        }
    }
}

fn district_report(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("district.db")).unwrap();
    let options = Options {
        size: Size::District,
        years: 10,
        seed: 2026,
        now: Utc::now(),
        mark_demo: true,
    };
    generate(&mut store, &options, |_, _| {}).unwrap();
    let district = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.level == UnitLevel::District)
        .unwrap()
        .id;
    let backend = SqliteBackend::open(&dir.path().join("server.db")).unwrap();
    backend
        .transact(|tx| {
            fill(&store, tx);
            Ok(())
        })
        .unwrap();
    let engine = Engine::new(backend).unwrap();
    let admin = Device {
        client_id: ClientId::new(),
        principal: Principal::administrator(),
    };
    let year = Utc::now().year();
    let mut group = c.benchmark_group("server_report");
    group.sample_size(20);
    group.bench_function("district_10_years_this_year", |b| {
        b.iter(|| black_box(engine.unit_figures(&admin, district, Some(year)).unwrap()))
    });
    group.bench_function("district_10_years_last_year", |b| {
        b.iter(|| {
            black_box(
                engine
                    .unit_figures(&admin, district, Some(year - 1))
                    .unwrap(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, district_report);
criterion_main!(benches);
