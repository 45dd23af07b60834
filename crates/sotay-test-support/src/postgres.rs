//! PostgreSQL for tests: `SOTAY_TEST_POSTGRES_URL` names a server the tests may create schemas and
//! databases in (`scripts/postgres.sh` starts a private one). Without it PostgreSQL tests are
//! skipped — unless `SOTAY_REQUIRE_POSTGRES` is set, as in CI, where a missing server fails them.

use sotay_server::postgres::PostgresBackend;

/// The test server's URL; `None` skips the test (and says so), unless PostgreSQL is required.
pub fn url() -> Option<String> {
    let Ok(url) = std::env::var("SOTAY_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var_os("SOTAY_REQUIRE_POSTGRES").is_none(),
            "SOTAY_REQUIRE_POSTGRES is set but SOTAY_TEST_POSTGRES_URL is not"
        );
        eprintln!("skipped: no SOTAY_TEST_POSTGRES_URL");
        return None;
    };
    Some(url)
}

/// A fresh name for a schema or database: tests share one server without seeing each other.
fn fresh_name() -> String {
    format!("t_{}", uuid::Uuid::new_v4().simple())
}

/// A backend in a schema of its own, migrated.
pub fn fresh_schema() -> Option<PostgresBackend> {
    let url = url()?;
    Some(
        PostgresBackend::connect_in_schema(&url, Some(&fresh_name()))
            .expect("PostgreSQL test schema"),
    )
}

/// The URL of a new, empty database, for a `sotay serve` process of the test's own.
pub fn fresh_database() -> Option<String> {
    let url = url()?;
    let name = fresh_name();
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).expect("PostgreSQL for tests");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create a test database");
    let base = url.rsplit_once('/').map_or(url.as_str(), |(b, _)| b);
    Some(format!("{base}/{name}"))
}

/// Runs `sql` on the database at `url` directly, as someone with access to the database would
/// (a test that the server notices what it did not write itself).
pub fn execute(url: &str, sql: &str) {
    let mut client = postgres::Client::connect(url, postgres::NoTls).expect("PostgreSQL for tests");
    client.batch_execute(sql).expect("the test's SQL");
}
