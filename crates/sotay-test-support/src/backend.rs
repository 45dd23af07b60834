//! Fresh, open server backends, one per test.

use sotay_server::postgres::PostgresBackend;
use sotay_server::sqlite::SqliteBackend;

/// Runs `test` on an empty SQLite backend in memory.
pub fn sqlite(test: impl FnOnce(SqliteBackend)) {
    test(SqliteBackend::open_in_memory().unwrap());
}

/// Runs `test` on a PostgreSQL backend in a schema of its own; skipped without a server.
pub fn postgres(test: impl FnOnce(PostgresBackend)) {
    if let Some(backend) = crate::postgres::fresh_schema() {
        test(backend);
    }
}
