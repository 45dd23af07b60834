//! Fresh places for a `sotay serve` process to keep its data, one per test.

/// Where a test's server keeps its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Database {
    /// A SQLite file, in a directory of the test's own choosing (nothing to set up).
    Sqlite,
    /// A new, empty PostgreSQL database at this URL.
    Postgres(String),
}

/// Runs `test` with SQLite.
pub fn sqlite(test: impl FnOnce(Database)) {
    test(Database::Sqlite);
}

/// Runs `test` with a fresh PostgreSQL database; skipped without a server.
pub fn postgres(test: impl FnOnce(Database)) {
    if let Some(url) = crate::postgres::fresh_database() {
        test(Database::Postgres(url));
    }
}
