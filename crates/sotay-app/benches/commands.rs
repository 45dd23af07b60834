//! How long the desktop app's screens wait for their command, on the demo cell (ten years): what
//! a member feels when opening Home, the calendar, a meeting, or searching the library.
//! Commands and recorded results: BENCHMARKS.md.

#![allow(clippy::unwrap_used)]

use chrono::{Datelike, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use sotay_app::views::*;
use sotay_app::{App, Cx};
use sotay_core::EntityKind;
use std::hint::black_box;
use std::sync::Arc;
use uuid::Uuid;

fn screens(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    // `SOTAY_PASSPHRASE=…` runs the same screens on an encrypted store (BENCHMARKS.md).
    let opener =
        sotay_app::store_key::command_line(sotay_store::Opener::at(dir.path().join("sotay.db")))
            .unwrap();
    let second = opener.clone();
    let app = App::open(opener, Arc::new(|_| {})).unwrap();
    app.start_demo(NoArgs {}).unwrap();
    let next = app
        .home(NoArgs {})
        .unwrap()
        .next_meeting
        .unwrap()
        .meeting
        .id;
    let today = Utc::now().date_naive();
    let first = today.with_day(1).unwrap();
    let last = first + chrono::Months::new(1) - chrono::Days::new(1);

    let mut group = c.benchmark_group("screen");
    group.bench_function("home", |b| {
        b.iter(|| black_box(app.home(NoArgs {}).unwrap()))
    });
    group.bench_function("calendar_month", |b| {
        b.iter(|| {
            black_box(
                app.calendar(CalendarArgs {
                    from: first,
                    to: last,
                    kind: None,
                })
                .unwrap(),
            )
        })
    });
    group.bench_function("meeting", |b| {
        b.iter(|| black_box(app.meeting(IdArgs { id: next }).unwrap()))
    });
    group.bench_function("documents_search_no_diacritics", |b| {
        b.iter(|| {
            black_box(
                app.documents(DocumentsArgs {
                    query: "nghi quyet".into(),
                })
                .unwrap(),
            )
        })
    });
    group.bench_function("activity", |b| {
        b.iter(|| black_box(app.activity(NoArgs {}).unwrap()))
    });
    group.finish();

    // Ideas are taken until a meeting starts, so the writes go to the meetings ahead. Each write
    // also returns the meeting's view, which lists its contributions: each idea is taken back,
    // untimed, so that no meeting ends up with more ideas than a real one. The writes run as the
    // command line runs them, on a store of their own: the one connection both writes and takes
    // back, keeping its page cache as the app's does.
    let to = today + chrono::Days::new(365);
    let ahead: Vec<Uuid> = app
        .calendar(CalendarArgs {
            from: today,
            to,
            kind: None,
        })
        .unwrap()
        .into_iter()
        .filter(|m| {
            m.status == sotay_core::model::MeetingStatus::Planned && m.starts_at > Utc::now()
        })
        .map(|m| m.id)
        .collect();
    assert!(!ahead.is_empty(), "the demo cell has meetings ahead");
    let mut turn = ahead.iter().cycle();
    let mut side = second.open().unwrap();
    c.bench_function("write/add_contribution", |b| {
        b.iter_custom(|iterations| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iterations {
                let meeting_id = *turn.next().unwrap();
                let started = std::time::Instant::now();
                let mut cx = Cx::at_store_clock(&mut side).unwrap();
                let view = black_box(
                    sotay_app::meetings::add_contribution(
                        &mut cx,
                        AddContributionArgs {
                            meeting_id,
                            resolution_id: None,
                            body: "Đề nghị chi bộ quan tâm hơn đến đảng viên cao tuổi.".into(),
                        },
                    )
                    .unwrap(),
                );
                spent += started.elapsed();
                for mine in view.contributions.iter().filter(|c| c.mine) {
                    side.write(|w| w.delete(EntityKind::Contribution, mine.id))
                        .unwrap();
                }
            }
            spent
        })
    });
}

criterion_group!(benches, screens);
criterion_main!(benches);
