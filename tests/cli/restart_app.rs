//! A server restarted under two devices of one member, each run by the app as the browser tests
//! run it (`sotay ui-bridge`: the app's own background sync, its commands over HTTP). Both wait
//! for news; `sotay serve` is stopped with SIGTERM (as `systemctl restart` does), both send an
//! absence reason while it is away, and it is started again on the same address and data. As soon
//! as it answers, the member presses "Sync now" on each device: the answer must be the round that
//! press began, through — not the error of a round tried while the server was away, which is what
//! the member was shown (issue 26, item 3).

use super::sync::{Server, Whom, set_up, sync};
use super::ui_bridge::Bridge;
use crate::util::{Db, Dir};
use chrono::{Duration as Days, DurationRound, TimeDelta, Utc};
use serde_json::{Value, json};
use sotay_core::model::Meeting;
use sotay_store::Store;
use sotay_test_support::fixtures;
use std::path::Path;
use uuid::Uuid;

/// A meeting of the cell a month from now, so an absence may still be sent whatever today is.
pub(super) fn meeting_ahead(store: &Path, unit: Uuid) -> Uuid {
    let meeting = Meeting {
        starts_at: (Utc::now() + Days::days(30))
            .duration_trunc(TimeDelta::minutes(1))
            .unwrap(),
        place: "Nhà văn hóa thôn Đông".into(),
        ..fixtures::meeting(unit, "Sinh hoạt thường kỳ")
    };
    Store::open(store)
        .unwrap()
        .write(|w| w.insert(&meeting).map(drop))
        .unwrap();
    meeting.id
}

/// The absence reasons the two devices send while the server is away.
const REASONS: [&str; 2] = ["Về quê chăm mẹ ốm", "Đi công tác Đà Nẵng"];

fn is_state(status: &Value, state: &str) -> bool {
    status["state"] == state
}

fn the_first_sync_now_after_a_restart_goes_through_on_both_app_devices(dir: &Dir, db: Db) {
    let first = Server::start(&db);
    let listen = first.url.trim_start_matches("http://").to_owned();
    let secretary = dir.path("secretary.db");
    let cell = set_up(&secretary);
    let meeting = meeting_ahead(&secretary, cell.unit);
    first.connect(&secretary, &first.url, Whom::Admin);
    sync(&secretary);
    // One member's two devices, each with the member's record pulled (so the app knows who uses
    // it), then run by the app.
    let member = cell.members[1];
    let (a, b) = (dir.path("a.db"), dir.path("b.db"));
    let ui = dir.path("ui");
    std::fs::create_dir(&ui).unwrap();
    for s in [&a, &b] {
        first.connect(s, &first.url, Whom::Member(member));
        sync(s);
    }
    let devices = [Bridge::start(&a, &ui), Bridge::start(&b, &ui)];
    for d in &devices {
        d.until("up to date", |s| is_state(s, "up_to_date"));
    }

    // The server stops as a service manager stops it.
    crate::util::terminate(&first.child);
    let mut first = first;
    assert!(first.child.wait().unwrap().success(), "{}", first.log());
    // Both send an absence reason while it is away; their loops find it gone.
    for (d, reason) in devices.iter().zip(REASONS) {
        d.call(
            "send_absence",
            json!({ "meeting_id": meeting, "reason": reason }),
        )
        .unwrap_or_else(|e| panic!("{e:?}\n{}", d.log()));
        d.until("offline with the absence waiting", |s| {
            is_state(s, "offline") && s["pending_changes"] == 1
        });
    }

    // Started again on the same address and data; the member presses "Sync now" as soon as it
    // answers.
    let second = Server::start_on(&db, &listen);
    let health = crate::util::http()
        .get(format!("{}/v1/health", second.url))
        .send()
        .unwrap();
    assert!(health.status().is_success());
    for d in &devices {
        let answer = d
            .call("sync_now", json!({}))
            .unwrap_or_else(|e| panic!("{e:?}\n{}", d.log()));
        assert!(
            answer["error"].is_null() && is_state(&answer, "up_to_date"),
            "\"Sync now\" after the server came back answered {answer}\nbridge: {}\nserver: {}",
            d.log(),
            second.log()
        );
        assert_eq!(answer["pending_changes"], 0, "{answer}");
    }

    // Both reached the server, and after one more round each device holds the same absence (what
    // the server made of the two is the merge's and the rules' business, tested elsewhere).
    let held = devices.each_ref().map(|d| {
        d.call("sync_now", json!({})).unwrap();
        let view = d.call("meeting", json!({ "id": meeting })).unwrap();
        view["my_attendance"].clone()
    });
    assert_eq!(held[0], held[1], "{held:?}");
    assert!(
        REASONS.contains(&held[0]["reason"].as_str().unwrap_or_default()),
        "{held:?}"
    );
}

sotay_test_support::on_both_backends!(database => crate::util::served;
    the_first_sync_now_after_a_restart_goes_through_on_both_app_devices
);
