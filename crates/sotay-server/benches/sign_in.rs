//! What one sign-in costs the server: the argon2id verification (19 MiB, 2 passes, 1 lane) and
//! the two short transactions around it (the limits and the stored hash; then the new device and
//! the security log), on SQLite. The parameters are chosen so that a 2-core server spends tens of
//! milliseconds of one core on each: a morning when a whole commune signs in new laptops is
//! seconds of CPU, and each guess costs an attacker the same 19 MiB.
//! Commands and recorded results: BENCHMARKS.md.

#![allow(clippy::unwrap_used)] // a failed unwrap in a benchmark is a failure with a message

use criterion::{Criterion, criterion_group, criterion_main};
use sotay_core::ClientId;
use sotay_core::model::{Standing, UnitLevel};
use sotay_server::sqlite::SqliteBackend;
use sotay_server::{Device, Engine};
use sotay_sync_protocol::{NewMember, NewUnit, SignInRequest};

fn sign_in(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::new(SqliteBackend::open(&dir.path().join("server.db")).unwrap()).unwrap();
    let console = engine.console().unwrap();
    let cell = NewUnit {
        parent_id: None,
        level: UnitLevel::Cell,
        name: "Chi bộ thôn Đông".into(),
        code: None,
    };
    let cell = engine.add_unit(&console, &cell).unwrap().0.id;
    let member = NewMember {
        unit_id: cell,
        full_name: "Lê Thị Hoa".into(),
        gender: None,
        born_on: None,
        standing: Standing::Official,
        admitted_on: None,
        official_on: None,
        role: None,
        phone: None,
        card_number: Some("36.000001".into()),
        citizen_id: None,
    };
    let hoa = engine.add_member(&console, &member).unwrap().0.id;
    let device = Device {
        client_id: ClientId::new(),
        principal: engine.principal_of(hoa).unwrap(),
    };
    engine.set_password(&device, "mật khẩu chi bộ").unwrap();

    let mut group = c.benchmark_group("sign_in");
    group.sample_size(30);
    group.bench_function("right_password", |b| {
        b.iter(|| {
            let req = SignInRequest {
                login: "36.000001".into(),
                password: "mật khẩu chi bộ".into(),
                client_id: ClientId::new(),
                device_name: None,
                member_id: None,
            };
            engine.sign_in(&req, None).unwrap();
        });
    });
    group.bench_function("set_password", |b| {
        b.iter(|| engine.set_password(&device, "mật khẩu chi bộ").unwrap());
    });
    group.finish();
}

criterion_group!(benches, sign_in);
criterion_main!(benches);
