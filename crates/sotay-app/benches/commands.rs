//! How long the desktop app's screens wait for their command, on the demo cell (ten years): what
//! a member feels when opening Home, the calendar, a meeting, or searching the library.
//! Commands and recorded results: BENCHMARKS.md.

#![allow(clippy::unwrap_used)]

use chrono::{Datelike, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use sotay_app::App;
use sotay_app::views::*;
use std::hint::black_box;
use std::sync::Arc;

fn screens(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    // `SOTAY_PASSPHRASE=…` runs the same screens on an encrypted store (BENCHMARKS.md).
    let opener =
        sotay_app::store_key::command_line(sotay_store::Opener::at(dir.path().join("sotay.db")))
            .unwrap();
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

    // Each write also returns the meeting's view, which lists its contributions: spread the writes
    // over the cell's ten years of meetings so that none ends up with more ideas than a real one.
    let mut meetings = Vec::new();
    for years_back in 0..10 {
        let to = today - chrono::Days::new(365 * years_back);
        let from = to - chrono::Days::new(364);
        let cards = app
            .calendar(CalendarArgs {
                from,
                to,
                kind: None,
            })
            .unwrap();
        meetings.extend(cards.into_iter().map(|card| card.id));
    }
    assert!(
        meetings.len() > 100,
        "the demo cell has ten years of meetings"
    );
    let mut turn = meetings.iter().cycle();
    c.bench_function("write/add_contribution", |b| {
        b.iter(|| {
            black_box(
                app.add_contribution(AddContributionArgs {
                    meeting_id: *turn.next().unwrap(),
                    resolution_id: None,
                    body: "Đề nghị chi bộ quan tâm hơn đến đảng viên cao tuổi.".into(),
                })
                .unwrap(),
            )
        })
    });
}

criterion_group!(benches, screens);
criterion_main!(benches);
