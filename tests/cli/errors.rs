//! Bad input gets a clear message and a non-zero exit code, never a panic, and loses nothing.

use crate::util::{DEMO_DAY, Dir, demo_cell, sotay};

#[test]
fn an_impossible_date_is_named_in_the_error() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    DEMO_DAY
        .sotay(&store, &["meetings", "--from", "30/02/2025"])
        .fails(2, "`30/02/2025` is not a date");
    DEMO_DAY
        .sotay(&store, &["meetings", "--to", "tomorrow"])
        .fails(2, "`tomorrow` is not a date");
}

/// A range whose start is after its end is bad input, not an empty list.
#[test]
fn a_reversed_date_range_is_bad_input() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    DEMO_DAY
        .sotay(
            &store,
            &["meetings", "--from", "10/12/2026", "--to", "01/12/2026"],
        )
        .fails(2, "--from is after --to");
    let data = dir.path("server");
    sotay(
        &dir.path("unused"),
        &[
            "admin",
            "audit",
            "--data",
            data.to_str().unwrap(),
            "--since",
            "10/12/2026",
            "--until",
            "01/12/2026",
        ],
    )
    .fails(2, "--since is after --until");
}

#[test]
fn unknown_and_malformed_ids_are_told_apart() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    DEMO_DAY
        .sotay(&store, &["meeting", "0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"])
        .fails(3, "no meeting with id");
    DEMO_DAY
        .sotay(&store, &["meeting", "cuộc-họp-tháng-3"])
        .fails(2, "is not an id");
    DEMO_DAY
        .sotay(
            &store,
            &["members", "--unit", "0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"],
        )
        .fails(3, "no org_unit");
    DEMO_DAY
        .sotay(
            &store,
            &["document", "0193a3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"],
        )
        .fails(3, "no document");
}

#[test]
fn an_empty_search_is_an_error() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    DEMO_DAY.sotay(&store, &["search", "  "]).fails(2, "query");
}

#[test]
fn a_text_file_given_as_store_is_refused_and_untouched() {
    let dir = Dir::new();
    let notes = dir.path("notes.txt");
    std::fs::write(&notes, "Biên bản họp chi bộ tháng 3\n").unwrap();
    sotay(&notes, &["meetings"]).fails(4, "is not a Sotay store");
    sotay(&notes, &["demo"]).fails(4, "is not a Sotay store");
    assert_eq!(
        std::fs::read_to_string(&notes).unwrap(),
        "Biên bản họp chi bộ tháng 3\n"
    );
}

#[test]
fn another_applications_database_is_refused_and_untouched() {
    let dir = Dir::new();
    let other = dir.path("contacts.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('An');")
        .unwrap();
    let before = std::fs::read(&other).unwrap();
    sotay(&other, &["status"]).fails(4, "another application");
    sotay(&other, &["demo"]).fails(4, "another application");
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

#[test]
fn a_missing_store_is_not_created_by_reading_commands() {
    let dir = Dir::new();
    let typo = dir.path("sotya.db");
    sotay(&typo, &["meetings", "--upcoming"]).fails(4, "no store at");
    assert!(!typo.exists());
}

#[test]
fn demo_refuses_a_store_that_holds_data_and_keeps_it() {
    let dir = Dir::new();
    let store = demo_cell(&dir);
    let before = DEMO_DAY.sotay(&store, &["status", "--json"]).json();
    DEMO_DAY
        .sotay(&store, &["demo", "--size", "commune"])
        .fails(4, "already holds data");
    assert_eq!(DEMO_DAY.sotay(&store, &["status", "--json"]).json(), before);
}

#[test]
fn demo_years_out_of_range_is_bad_input() {
    let dir = Dir::new();
    sotay(&dir.store(), &["demo", "--years", "11"]).fails(2, "between 1 and 10");
}

#[test]
fn a_now_that_is_not_an_instant_is_bad_input() {
    let dir = Dir::new();
    for bad in [
        "30/02/2027",
        "07/12/2026 24:30",
        "tomorrow",
        "2026-12-07T09:00:00",
    ] {
        sotay(&dir.store(), &["--now", bad, "demo"]).fails(2, "not an instant");
    }
    sotay(&dir.store(), &["--now", "31/12/1969", "demo"]).fails(2, "before 01/01/1970");
    assert!(!dir.store().exists(), "nothing was made");
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    use std::process::{Command, Stdio};
    let dir = Dir::new();
    let store = demo_cell(&dir);
    let mut child = Command::new(env!("CARGO_BIN_EXE_sotay"))
        .args([
            "--now",
            DEMO_DAY.0,
            "--store",
            store.to_str().unwrap(),
            "meetings",
            "--limit",
            "100000",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, as with `| head -0`
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}
