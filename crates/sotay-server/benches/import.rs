//! A district's roster imported at once: 5,000 members in 240 cells of 20 communes, from a CSV
//! as the party database exports it, into a SQLite server that holds the tree and nobody yet —
//! the check alone (a dry run), the import that writes them all in one transaction, and the same
//! file again (everyone found on the roster, nothing written). Target: a district's file well
//! under a minute on the 2-core server, so an administrator waits for it, not on it.
//! Commands and recorded results: BENCHMARKS.md.

#![allow(clippy::unwrap_used)] // a failed unwrap in a benchmark is a failure with a message

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use sotay_core::model::UnitLevel;
use sotay_server::sqlite::SqliteBackend;
use sotay_server::{Device, Engine};
use sotay_sync_protocol::{NewUnit, RosterQuery};
use std::fmt::Write as _;
use std::time::Duration;

const COMMUNES: usize = 20;
const CELLS_PER_COMMUNE: usize = 12;
const MEMBERS: usize = 5_000;

const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
const MIDDLE: [&str; 5] = ["Văn", "Thị", "Đức", "Minh", "Thu"];
const GIVEN: [&str; 10] = [
    "An", "Bình", "Chi", "Dũng", "Hoa", "Lan", "Minh", "Nam", "Tâm", "Yến",
];

/// A server with the district's tree and no members; the cells' names.
fn district(dir: &std::path::Path) -> (Engine<SqliteBackend>, Device, Vec<String>) {
    let engine = Engine::new(SqliteBackend::open(&dir.join("server.db")).unwrap()).unwrap();
    let console = engine.console().unwrap();
    let add = |parent, level, name: String| {
        let unit = NewUnit {
            parent_id: parent,
            level,
            name,
            code: None,
        };
        engine.add_unit(&console, &unit).unwrap().0.id
    };
    let root = add(None, UnitLevel::District, "Đảng bộ huyện Tân Phú".into());
    let mut cells = Vec::new();
    for c in 0..COMMUNES {
        let commune = add(
            Some(root),
            UnitLevel::Grassroots,
            format!("Đảng bộ xã số {c}"),
        );
        for k in 0..CELLS_PER_COMMUNE {
            let name = format!("Chi bộ thôn {k} xã {c}");
            add(Some(commune), UnitLevel::Cell, name.clone());
            cells.push(name);
        }
    }
    (engine, console, cells)
}

/// The roster as a semicolon CSV: every member with a card number, a birth date and a cell.
fn roster(cells: &[String]) -> Vec<u8> {
    let mut out = String::from(
        "\u{feff}STT;Họ và tên;Ngày sinh;Giới tính;Chi bộ;Ngày vào Đảng;Ngày chính thức;Số thẻ đảng viên\r\n",
    );
    for i in 0..MEMBERS {
        let name = format!(
            "{} {} {}",
            FAMILY[i % FAMILY.len()],
            MIDDLE[i / FAMILY.len() % MIDDLE.len()],
            GIVEN[i / 40 % GIVEN.len()]
        );
        let (day, month, year) = (1 + i % 28, 1 + i / 28 % 12, 1950 + i % 50);
        writeln!(
            out,
            "{};{name};{day:02}/{month:02}/{year};{};{};01/06/{};01/06/{};36.{:06}\r",
            i + 1,
            if i % 2 == 0 { "Nam" } else { "Nữ" },
            cells[i % cells.len()],
            year + 22,
            year + 23,
            i
        )
        .unwrap();
    }
    out.into_bytes()
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("roster_import");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let q = |dry_run| RosterQuery {
        unit: None,
        dry_run,
        skip_rows: None,
    };
    group.bench_function("district_5000/dry_run", |b| {
        let dir = tempfile::tempdir().unwrap();
        let (engine, console, cells) = district(dir.path());
        let file = roster(&cells);
        b.iter(|| {
            let (report, _) = engine.import_roster(&console, &file, &q(true)).unwrap();
            assert!(report.problems.is_empty(), "{:?}", &report.problems[..1]);
        });
    });
    group.bench_function("district_5000/write", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().unwrap();
                let (engine, console, cells) = district(dir.path());
                (dir, engine, console, roster(&cells))
            },
            |(dir, engine, console, file)| {
                let (report, _) = engine.import_roster(&console, &file, &q(false)).unwrap();
                assert_eq!(report.added as usize, MEMBERS);
                (dir, engine)
            },
            BatchSize::PerIteration,
        );
    });
    group.bench_function("district_5000/again", |b| {
        let dir = tempfile::tempdir().unwrap();
        let (engine, console, cells) = district(dir.path());
        let file = roster(&cells);
        engine.import_roster(&console, &file, &q(false)).unwrap();
        b.iter(|| {
            let (report, _) = engine.import_roster(&console, &file, &q(false)).unwrap();
            assert!(!report.written);
        });
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
