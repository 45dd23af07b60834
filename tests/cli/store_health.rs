//! A damaged store is said so in plain words: `sotay status` runs SQLite's quick check before it
//! reports anything, `sotay check` the full integrity check; both exit 4 with what to do. And the
//! command line's own errors name its flags, not the app's screens.

use super::ui_bridge::Bridge;
use crate::util::{Dir, sotay};
use rusqlite::Connection;
use sotay_store::Store;
use sotay_test_support::fixtures;
use std::path::Path;

/// A sound store with a cell and one member, and no member chosen to act as.
fn store_with_a_cell(path: &Path) {
    let mut store = Store::open(path).unwrap();
    let cell = fixtures::cell("Chi bộ thôn Đông");
    let member = fixtures::member(cell.id, "Nguyễn Văn An");
    store
        .write(|w| {
            w.insert(&cell)?;
            w.insert(&member)
        })
        .unwrap();
}

/// Makes the schema claim an index holds what its pages do not: the full check finds it, the
/// quick check does not.
fn unsettle_an_index(path: &Path) {
    Connection::open(path)
        .unwrap()
        .execute_batch(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = 'CREATE INDEX member_unit ON member (full_name, unit_id)'
              WHERE name = 'member_unit';",
        )
        .unwrap();
}

/// Overwrites the first bytes of a table's root page, as a failing disk would: no connection is
/// open while it does.
fn overwrite_a_table_page(path: &Path, table: &str) {
    let (page, size): (i64, i64) = {
        let conn = Connection::open(path).unwrap();
        let page = conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        let size = conn
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap();
        (page, size)
    };
    let mut bytes = std::fs::read(path).unwrap();
    let start = usize::try_from((page - 1) * size).unwrap();
    bytes[start..start + 8].copy_from_slice(&[0xff; 8]);
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn check_says_a_sound_store_is_sound() {
    let dir = Dir::new();
    let store = dir.store();
    store_with_a_cell(&store);
    let run = sotay(&store, &["check"]);
    run.json_or_ok();
    assert!(run.stdout.contains("is sound"), "{}", run.stdout);
    sotay(&store, &["status"]).json_or_ok();
}

#[test]
fn check_lists_an_index_out_of_step_and_exits_4() {
    let dir = Dir::new();
    let store = dir.store();
    store_with_a_cell(&store);
    unsettle_an_index(&store);
    let run = sotay(&store, &["check"]);
    run.fails(4, "is damaged");
    assert!(run.stderr.contains("member_unit"), "{}", run.stderr);
    assert!(
        run.stderr.contains("new invite"),
        "says what to do: {}",
        run.stderr
    );
    // The quick check reads pages and rows only: this damage is the full check's to find.
    sotay(&store, &["check", "--quick"]).json_or_ok();
}

#[test]
fn status_says_a_damaged_store_is_damaged_instead_of_all_well() {
    let dir = Dir::new();
    let store = dir.store();
    store_with_a_cell(&store);
    overwrite_a_table_page(&store, "outbox");
    let run = sotay(&store, &["status"]);
    run.fails(4, "is damaged");
    assert!(run.stderr.contains("sotay check"), "{}", run.stderr);
    let run = sotay(&store, &["status", "--json"]);
    run.fails(4, "is damaged");
    sotay(&store, &["check"]).fails(4, "is damaged");
}

#[test]
fn commands_that_need_a_unit_name_the_flag_not_the_settings_screen() {
    let dir = Dir::new();
    let store = dir.store();
    store_with_a_cell(&store);
    for args in [
        &["export", "ics", "--output", "-"][..],
        &["report"][..],
        &["checks"][..],
    ] {
        let run = sotay(&store, args);
        run.fails(2, "--unit UNIT_ID");
        assert!(
            run.stderr.contains("sotay units"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("Settings"), "{args:?}: {}", run.stderr);
    }
    let run = sotay(&store, &["digest", "--since", "01/10/2026"]);
    run.fails(2, "--member MEMBER_ID");
    assert!(!run.stderr.contains("Settings"), "{}", run.stderr);
}

#[test]
fn the_app_started_on_a_damaged_store_answers_every_command_with_what_to_do() {
    let dir = Dir::new();
    let store = dir.store();
    store_with_a_cell(&store);
    // A table the first screen need not read: only the start's check finds it.
    overwrite_a_table_page(&store, "org_unit");
    let ui = dir.path("ui");
    std::fs::create_dir_all(&ui).unwrap();
    let bridge = Bridge::start(&store, &ui);
    // The check runs beside the first screen: wait for its word in the log.
    bridge.until_logged("damaged");
    for command in ["app_status", "home", "sync_status"] {
        let (status, body) = bridge
            .call(command, serde_json::json!({}))
            .expect_err(command);
        assert_eq!(status, 503, "{command}: {body}");
        assert_eq!(body["kind"], "store_damaged", "{body}");
        assert!(
            body["message"].as_str().unwrap().contains("new invite"),
            "{body}"
        );
    }
}
