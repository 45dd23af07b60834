//! Whether the store's file is sound: SQLite's own checks, asked for by `sotay status`,
//! `sotay check` and the app's start, so a damaged store is said plainly instead of failing
//! later in the middle of a write or, worse, syncing half a table.

use crate::error::{Result, StoreError};
use crate::{Opener, Store};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// How deep to look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// `PRAGMA quick_check`: every page and row is readable and well formed; indexes are not
    /// compared with their tables. Linear in the file's size, cheap enough for every start.
    Quick,
    /// `PRAGMA integrity_check`: the quick check, and every index against its table.
    Full,
}

/// The most problems SQLite is asked to list: enough to tell a person what is wrong, not a wall.
const MOST_PROBLEMS: u32 = 20;

impl Store {
    /// Checks the file; `Err(StoreError::Damaged)` lists what SQLite found wrong.
    pub fn check(&self, depth: Depth) -> Result<()> {
        check(self.conn(), depth, self.path())
    }
}

impl Opener {
    /// Checks the store's file on a read-only connection of its own, so that the app can check
    /// on a thread while its first screen reads (a district committee's store takes a second or
    /// more). The store has been opened before: the file exists and is a Sotay store.
    pub fn check(&self, depth: Depth) -> Result<()> {
        let path = self.path();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| damaged_or(e, Some(path)))?;
        crate::key::unlock(&conn, self.key()).map_err(|e| damaged_or(e, Some(path)))?;
        conn.busy_timeout(Duration::from_secs(5))?;
        check(&conn, depth, Some(path))
    }
}

fn check(conn: &Connection, depth: Depth, path: Option<&Path>) -> Result<()> {
    let pragma = match depth {
        Depth::Quick => "quick_check",
        Depth::Full => "integrity_check",
    };
    let problems = conn
        .prepare(&format!("PRAGMA {pragma}({MOST_PROBLEMS})"))
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(|e| damaged_or(e, path))?;
    if problems.len() == 1 && problems[0] == "ok" {
        return Ok(());
    }
    Err(StoreError::Damaged {
        path: path.map(ToOwned::to_owned),
        problems,
    })
}

/// SQLite's "malformed" answers mean a damaged file, whatever statement met them.
fn damaged_or(e: rusqlite::Error, path: Option<&Path>) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
            StoreError::Damaged {
                path: path.map(ToOwned::to_owned),
                problems: vec![e.to_string()],
            }
        }
        _ => StoreError::from(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sotay_core::fixtures;

    /// A store on disk with a few units, closed again.
    fn store_with_units(path: &Path) {
        let mut store = Store::open(path).unwrap();
        for name in ["Chi bộ thôn Đông", "Chi bộ thôn Tây", "Chi bộ thôn Nam"] {
            store.write(|w| w.insert(&fixtures::cell(name))).unwrap();
        }
    }

    #[test]
    fn a_sound_store_passes_both_checks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sotay.db");
        store_with_units(&path);
        let store = Store::open(&path).unwrap();
        store.check(Depth::Quick).unwrap();
        store.check(Depth::Full).unwrap();
    }

    #[test]
    fn an_index_out_of_step_with_its_table_is_found_by_the_full_check_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sotay.db");
        store_with_units(&path);
        // What a torn write can leave: the index's pages say one thing, the table another. Here
        // the schema is made to claim the index holds names while its pages hold parents.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_schema SET sql = 'CREATE INDEX org_unit_parent ON org_unit (name)'
              WHERE name = 'org_unit_parent';",
        )
        .unwrap();
        drop(conn);
        let store = Store::open(&path).unwrap();
        store.check(Depth::Quick).unwrap();
        Opener::at(&path).check(Depth::Quick).unwrap();
        assert!(matches!(
            Opener::at(&path).check(Depth::Full),
            Err(StoreError::Damaged { .. })
        ));
        let err = store.check(Depth::Full).unwrap_err();
        let StoreError::Damaged { problems, path: at } = &err else {
            panic!("{err}");
        };
        assert!(
            problems.iter().any(|p| p.contains("org_unit_parent")),
            "{problems:?}"
        );
        assert_eq!(at.as_deref(), Some(path.as_path()));
        assert!(err.to_string().contains("damaged"), "{err}");
    }

    #[test]
    fn a_table_page_overwritten_is_found_by_the_quick_check() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sotay.db");
        store_with_units(&path);
        let (page, size): (i64, i64) = {
            let conn = Connection::open(&path).unwrap();
            let page = conn
                .query_row(
                    "SELECT rootpage FROM sqlite_schema WHERE name = 'org_unit'",
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            let size = conn
                .pragma_query_value(None, "page_size", |r| r.get(0))
                .unwrap();
            (page, size)
        };
        // No connection is open here: the file is the test's to damage, as a failing disk would.
        let mut bytes = std::fs::read(&path).unwrap();
        let start = usize::try_from((page - 1) * size).unwrap();
        bytes[start..start + 8].copy_from_slice(&[0xff; 8]);
        std::fs::write(&path, bytes).unwrap();
        let err = Store::open(&path)
            .and_then(|store| store.check(Depth::Quick))
            .unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err:?}");
    }
}
