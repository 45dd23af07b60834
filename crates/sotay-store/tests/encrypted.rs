//! An encrypted store (SQLCipher): what its file shows without the key, a wrong key, and a plain
//! store encrypted in place.

#![allow(clippy::unwrap_used)] // a failed unwrap in a test is a failing test with a message

use sha2::{Digest, Sha256};
use sotay_core::model::Member;
use sotay_store::{Depth, Opener, Store, StoreError, StoreKey};
use sotay_test_support::fixtures::{cell, meeting, member};
use std::path::Path;

const NAME: &str = "Nguyễn Thị Hoà Bình";
const TOPIC: &str = "Nghị quyết về xây dựng đường liên thôn";

/// The file's bytes, read in the test once every connection to it is closed.
fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

fn digest(path: &Path) -> Vec<u8> {
    Sha256::digest(bytes(path)).to_vec()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// A cell, a member and a meeting, written (and so in the outbox).
fn fill(store: &mut Store) -> Member {
    let unit = cell("Chi bộ thôn Đông");
    let person = member(unit.id, NAME);
    store
        .write(|w| {
            w.insert(&unit)?;
            w.insert(&person)?;
            w.insert(&meeting(unit.id, TOPIC))
        })
        .unwrap();
    person
}

#[test]
fn an_encrypted_store_shows_no_name_no_text_and_no_sqlite_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sotay.db");
    let key = StoreKey::new_passphrase("mật khẩu của chi bộ").unwrap();
    let opener = Opener::at(&path).with_key(Some(key.clone()));
    let person = {
        let mut store = opener.open().unwrap();
        let person = fill(&mut store);
        opener.check(Depth::Full).unwrap();
        person
    };
    let file = bytes(&path);
    assert!(!file.starts_with(b"SQLite format 3"), "no plain header");
    assert!(!contains(&file, NAME) && !contains(&file, "Nguy"));
    assert!(!contains(&file, "liên thôn") && !contains(&file, "CREATE TABLE"));

    // The same key reads everything back, search included.
    let store = opener.open().unwrap();
    assert_eq!(
        store.get::<Member>(person.id).unwrap().unwrap().full_name,
        NAME
    );
    assert_eq!(store.pending_changes().unwrap(), 3);
    assert!(!store.search("lien thon", 5).unwrap().is_empty());
}

#[test]
fn a_wrong_key_or_none_fails_cleanly_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sotay.db");
    let right = StoreKey::new_passphrase("mật khẩu đúng").unwrap();
    fill(&mut Opener::at(&path).with_key(Some(right)).open().unwrap());
    let before = digest(&path);

    let wrong = StoreKey::new_passphrase("mật khẩu sai!").unwrap();
    let err = Opener::at(&path).with_key(Some(wrong)).open().unwrap_err();
    assert!(matches!(err, StoreError::WrongKey { .. }), "{err:?}");
    assert!(err.to_string().contains("passphrase is wrong"));
    let err = Opener::at(&path).open().unwrap_err();
    assert!(matches!(err, StoreError::NotAStore { .. }), "{err:?}");
    assert!(err.to_string().contains("SOTAY_PASSPHRASE"));
    let random = StoreKey::random().unwrap();
    let err = Opener::at(&path).with_key(Some(random)).open().unwrap_err();
    assert!(matches!(err, StoreError::WrongKey { .. }), "{err:?}");

    assert_eq!(digest(&path), before, "the file is unchanged");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, ["sotay.db"]);
}

#[test]
fn a_plain_store_is_encrypted_in_place_with_every_record_and_its_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sotay.db");
    let (person, outbox, client) = {
        let mut store = Store::open(&path).unwrap();
        let person = fill(&mut store);
        (person, store.outbox(100).unwrap(), store.client_id())
    };
    assert!(bytes(&path).starts_with(b"SQLite format 3"));

    let key = StoreKey::random().unwrap();
    let opener = Opener::at(&path).with_key(Some(key));
    {
        let store = opener.open().unwrap();
        assert_eq!(store.client_id(), client, "the same installation");
        assert_eq!(store.get::<Member>(person.id).unwrap().unwrap(), person);
        let after = store.outbox(100).unwrap();
        assert_eq!(after.len(), outbox.len());
        for (a, b) in after.iter().zip(&outbox) {
            assert_eq!(
                (a.mutation_id, a.hlc, &a.fields),
                (b.mutation_id, b.hlc, &b.fields)
            );
        }
        assert_eq!(
            store.schema_version().unwrap(),
            sotay_store::migrations::latest() as i64
        );
    }
    let file = bytes(&path);
    assert!(!file.starts_with(b"SQLite format 3") && !contains(&file, NAME));
    assert!(!dir.path().join("sotay.db.encrypting").exists());
    // Opened again, it is simply encrypted: nothing is migrated twice.
    let store = opener.open().unwrap();
    assert_eq!(store.pending_changes().unwrap(), outbox.len() as u64);
}

#[test]
fn a_plain_store_open_elsewhere_is_not_encrypted_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sotay.db");
    let mut open_elsewhere = Store::open(&path).unwrap();
    fill(&mut open_elsewhere);
    let key = StoreKey::random().unwrap();
    let err = Opener::at(&path)
        .with_key(Some(key.clone()))
        .open()
        .unwrap_err();
    assert!(matches!(err, StoreError::Busy), "{err:?}");
    // The other connection goes on as before, and the file is still plain.
    assert_eq!(open_elsewhere.pending_changes().unwrap(), 3);
    drop(open_elsewhere);
    assert!(bytes(&path).starts_with(b"SQLite format 3"));
    Opener::at(&path).with_key(Some(key)).open().unwrap();
    assert!(!bytes(&path).starts_with(b"SQLite format 3"));
}

#[test]
fn another_applications_database_is_never_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x');")
            .unwrap();
    }
    let before = digest(&path);
    let key = StoreKey::random().unwrap();
    let err = Opener::at(&path).with_key(Some(key)).open().unwrap_err();
    assert!(matches!(err, StoreError::ForeignDatabase { .. }), "{err:?}");
    assert_eq!(digest(&path), before);
}
