//! Listing and showing: what a member or secretary reads.

use crate::util::{DEMO_DAY, Day, Dir, demo_cell};
use chrono::{DateTime, Datelike, Duration, Utc};
use std::process::Command;

#[test]
fn upcoming_meetings_are_future_and_soonest_first() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    let meetings = DEMO_DAY
        .sotay(&store, &["meetings", "--upcoming", "--json"])
        .json();
    let list = meetings.as_array().unwrap();
    assert!(!list.is_empty(), "the demo plans the next meetings");
    let now = DEMO_DAY.instant();
    let mut last: Option<DateTime<Utc>> = None;
    for m in list {
        let at: DateTime<Utc> = m["starts_at"].as_str().unwrap().parse().unwrap();
        assert!(at >= now, "{m}");
        assert!(last.is_none_or(|l| l <= at), "sorted by start");
        last = Some(at);
        assert_eq!(m["status"], "planned");
        // People see Vietnam's local time as dd/mm/yyyy HH:MM.
        let local = m["starts_at_local"].as_str().unwrap();
        assert_eq!(local.len(), 16, "{local}");
        assert_eq!(&local[2..3], "/");
    }
}

#[test]
fn a_held_meeting_shows_roll_call_resolution_speakers_and_minutes() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    let held = DEMO_DAY
        .sotay(
            &store,
            &["meetings", "--kind", "regular", "--limit", "5", "--json"],
        )
        .json();
    let held = held
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"] == "held")
        .expect("a held regular meeting among the latest")
        .clone();
    let id = held["id"].as_str().unwrap();
    let detail = DEMO_DAY.sotay(&store, &["meeting", id, "--json"]).json();
    assert_eq!(detail["id"], held["id"]);
    let rc = &detail["roll_call"];
    assert!(rc["total"].as_i64().unwrap() >= 10);
    assert_eq!(
        rc["official"].as_i64().unwrap() + rc["probationary"].as_i64().unwrap(),
        rc["total"].as_i64().unwrap()
    );
    let resolution = &detail["resolutions"][0];
    assert_eq!(resolution["status"], "adopted");
    assert!(resolution["votes_for"].as_i64().unwrap() > 0);
    assert!(detail["minutes"].as_str().unwrap().contains("Chủ trì"));
    assert_eq!(
        detail["agenda"].as_array().unwrap().len(),
        16,
        "the prescribed 16 steps"
    );
    assert_eq!(detail["agenda"][2]["step"], "roll_call");
    assert!(!detail["tasks"].as_array().unwrap().is_empty());

    // The same meeting for people.
    let text = DEMO_DAY.sotay(&store, &["meeting", id]);
    assert_eq!(text.code, 0);
    assert!(text.stdout.contains("Roll call:"), "{}", text.stdout);
    assert!(
        text.stdout.contains("Điểm danh đảng viên"),
        "{}",
        text.stdout
    );
}

#[test]
fn meetings_in_a_date_range_accept_vietnamese_dates() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    let year = DEMO_DAY.local_date().year() - 1;
    let from = format!("01/01/{year}");
    let to = format!("{year}-12-31");
    let list = DEMO_DAY
        .sotay(
            &store,
            &[
                "meetings", "--from", &from, "--to", &to, "--limit", "100", "--json",
            ],
        )
        .json();
    let list = list.as_array().unwrap();
    // Twelve monthly meetings (a month or two may have been missed) plus thematic ones.
    assert!(list.len() >= 10, "{}", list.len());
    for m in list {
        assert!(
            m["starts_at_local"]
                .as_str()
                .unwrap()
                .ends_with(&format!("{year} 19:30"))
                || m["starts_at_local"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("/{year} "))
        );
    }
}

#[test]
fn units_members_tasks_documents_resolutions_activity_and_status_list() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    let units = DEMO_DAY.sotay(&store, &["units", "--json"]).json();
    let cell = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["level"] == "cell")
        .unwrap()
        .clone();
    let cell_id = cell["id"].as_str().unwrap();
    let members = DEMO_DAY
        .sotay(&store, &["members", "--unit", cell_id, "--json"])
        .json();
    let members = members.as_array().unwrap();
    assert_eq!(members.len() as i64, cell["members"].as_i64().unwrap());
    assert_eq!(
        members.iter().filter(|m| m["role"] == "secretary").count(),
        1,
        "one secretary per cell"
    );

    let member_id = members[0]["id"].as_str().unwrap();
    let tasks = DEMO_DAY
        .sotay(&store, &["tasks", "--member", member_id, "--json"])
        .json();
    for t in tasks.as_array().unwrap() {
        assert!(
            t["assignees"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["member_id"] == member_id)
        );
    }
    let open = DEMO_DAY
        .sotay(&store, &["tasks", "--open", "--json"])
        .json();
    for t in open.as_array().unwrap() {
        assert!(t["status"] == "open" || t["status"] == "in_progress", "{t}");
    }

    let docs = DEMO_DAY.sotay(&store, &["documents", "--json"]).json();
    let numbers: Vec<&str> = docs
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["number"].as_str())
        .collect();
    assert!(numbers.iter().any(|n| n.ends_with("-NQ/ĐU")), "{numbers:?}");

    let drafts = DEMO_DAY
        .sotay(&store, &["resolutions", "--drafts", "--json"])
        .json();
    assert!(
        drafts
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["status"] == "draft")
    );
    assert!(
        !drafts.as_array().unwrap().is_empty(),
        "the next meeting's draft"
    );

    let feed = DEMO_DAY
        .sotay(&store, &["activity", "--limit", "5", "--json"])
        .json();
    assert_eq!(feed.as_array().unwrap().len(), 5);

    let status = DEMO_DAY.sotay(&store, &["status", "--json"]).json();
    assert!(
        status["pending_changes"].as_u64().unwrap() > 1000,
        "every demo write is in the outbox"
    );
    assert_eq!(
        status["schema_version"],
        sotay_store::migrations::latest() as u64,
        "a new store is at the newest schema"
    );
    assert_eq!(
        status["demo"], true,
        "a demo store says so, so sync can refuse to push it"
    );
}

/// `--now` (or `SOTAY_NOW`) sets the day: the demo is made around it and every later command
/// reads the store on it, whatever the calendar says.
#[test]
fn the_demo_and_the_commands_after_it_follow_now() {
    let dir = Dir::new();
    let store = dir.store();
    // The day before Tết 2027.
    let day = Day("2027-02-05T09:00:00+07:00");
    day.sotay(&store, &["demo", "--size", "cell", "--years", "1"])
        .json_or_ok();
    let starts = |list: &serde_json::Value| -> Vec<DateTime<Utc>> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|m| m["starts_at"].as_str().unwrap().parse().unwrap())
            .collect()
    };
    let upcoming = day
        .sotay(&store, &["meetings", "--upcoming", "--json"])
        .json();
    let ahead = starts(&upcoming);
    assert!(
        !ahead.is_empty(),
        "the demo plans the meetings after its day"
    );
    assert!(ahead.iter().all(|t| *t >= day.instant()), "{upcoming}");
    // The demo plans two months ahead of its day, not of the calendar's.
    assert!(
        ahead
            .iter()
            .all(|t| *t <= day.instant() + Duration::days(62))
    );
    let latest = day.sotay(&store, &["meetings", "--json"]).json();
    let held = starts(&latest);
    assert!(held.iter().all(|t| *t < day.instant()), "{latest}");
    assert!(held.iter().any(|t| *t > day.instant() - Duration::days(40)));

    // The same day from the environment, as Vietnamese write it.
    let out = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args(["meetings", "--upcoming", "--json"])
        .env("SOTAY_STORE", &store)
        .env("SOTAY_NOW", "05/02/2027 09:00")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let from_env: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(from_env, upcoming);
}
