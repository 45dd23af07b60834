//! An encrypted store from the command line: `SOTAY_PASSPHRASE=… sotay demo` writes no plain
//! page, no key or a wrong one fails cleanly and changes nothing, and a plain store given a
//! passphrase is encrypted in place with every record and change waiting to be sent.

use crate::util::{DEMO_DAY, Dir, Run, run_with};
use serde_json::Value;
use std::path::Path;

const PASSPHRASE: &str = "Chi bộ thôn Đông 2026";

fn sotay(store: &Path, passphrase: Option<&str>, args: &[&str]) -> Run {
    let env: Vec<(&str, &str)> = passphrase
        .map(|p| ("SOTAY_PASSPHRASE", p))
        .into_iter()
        .collect();
    run_with(Some(DEMO_DAY), store, args, &env)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// The members' names and the meetings' topics the store holds, as the store shows them.
fn names_and_topics(store: &Path, passphrase: Option<&str>) -> Vec<String> {
    let members = sotay(store, passphrase, &["members", "--json"]).json();
    let meetings = sotay(store, passphrase, &["meetings", "--json"]).json();
    let mut seen: Vec<String> = members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["full_name"].as_str().unwrap().to_owned())
        .collect();
    seen.extend(
        meetings
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["topic"].as_str().unwrap().to_owned()),
    );
    assert!(seen.len() > 10, "{seen:?}");
    seen
}

fn pending(store: &Path, passphrase: Option<&str>) -> Value {
    sotay(store, passphrase, &["status", "--json"]).json()["pending_changes"].clone()
}

#[test]
fn a_demo_made_with_a_passphrase_writes_no_plain_page() {
    let dir = Dir::new();
    let store = dir.store();
    sotay(&store, Some(PASSPHRASE), &["demo"]).json_or_ok();
    let file = std::fs::read(&store).unwrap();
    assert!(!file.starts_with(b"SQLite format 3"));
    for text in names_and_topics(&store, Some(PASSPHRASE)) {
        // Names are stored as UTF-8: the longest word of each is looked for too.
        assert!(!contains(&file, &text), "{text} is readable in the file");
        let word = text.split_whitespace().max_by_key(|w| w.len()).unwrap();
        assert!(
            word.len() < 4 || !contains(&file, word),
            "{word} is readable"
        );
    }
    assert!(!contains(&file, "CREATE TABLE"));

    // No passphrase, a wrong one: a clear error (exit 4), the file as it was.
    let before = std::fs::read(&store).unwrap();
    sotay(&store, None, &["members"]).fails(4, "no passphrase was given (SOTAY_PASSPHRASE)");
    sotay(&store, Some("không phải mật khẩu"), &["members"]).fails(4, "the passphrase is wrong");
    assert_eq!(std::fs::read(&store).unwrap(), before);
    assert!(!dir.path("sotay.db.encrypting").exists());
}

#[test]
fn a_plain_store_is_encrypted_in_place_and_keeps_everything() {
    let dir = Dir::new();
    let store = dir.store();
    sotay(&store, None, &["demo"]).json_or_ok();
    let plain = names_and_topics(&store, None);
    let waiting = pending(&store, None);
    assert!(
        std::fs::read(&store)
            .unwrap()
            .starts_with(b"SQLite format 3")
    );

    // The first command given a passphrase encrypts it.
    assert_eq!(names_and_topics(&store, Some(PASSPHRASE)), plain);
    assert!(
        waiting.as_u64().unwrap() > 1_000,
        "the demo's changes wait to be sent"
    );
    assert_eq!(pending(&store, Some(PASSPHRASE)), waiting);
    let file = std::fs::read(&store).unwrap();
    assert!(!file.starts_with(b"SQLite format 3"));
    assert!(!contains(&file, &plain[0]));
    assert!(!dir.path("sotay.db.encrypting").exists());
    sotay(&store, None, &["members"]).fails(4, "SOTAY_PASSPHRASE");
}

#[test]
fn a_new_store_is_refused_a_short_passphrase() {
    let dir = Dir::new();
    let store = dir.store();
    sotay(&store, Some("ngắn"), &["demo"]).fails(2, "at least 8 characters");
    assert!(!store.exists());
}
