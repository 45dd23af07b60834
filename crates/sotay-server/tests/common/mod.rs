//! Backends for the shared suites: every test runs on SQLite and on PostgreSQL.
//!
//! PostgreSQL tests use `SOTAY_TEST_POSTGRES_URL` (scripts/test.sh starts a private server and sets
//! it), each in a schema of its own. Without it they are skipped — unless `SOTAY_REQUIRE_POSTGRES`
//! is set, as in CI, where a missing database fails the suite.

#![allow(dead_code)] // each test binary uses its own part

use sotay_server::postgres::PostgresBackend;

pub fn postgres() -> Option<PostgresBackend> {
    let Ok(url) = std::env::var("SOTAY_TEST_POSTGRES_URL") else {
        assert!(
            std::env::var_os("SOTAY_REQUIRE_POSTGRES").is_none(),
            "SOTAY_REQUIRE_POSTGRES is set but SOTAY_TEST_POSTGRES_URL is not"
        );
        eprintln!("skipped: no SOTAY_TEST_POSTGRES_URL");
        return None;
    };
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    Some(PostgresBackend::connect_in_schema(&url, Some(&schema)).expect("PostgreSQL test schema"))
}

/// Defines each listed generic test `fn name<B: Backend>(Engine<B>)` twice: in `mod sqlite`
/// and in `mod postgres`, each with a fresh backend passed through `$make`.
#[macro_export]
macro_rules! on_both_backends {
    ($make:path; $($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    let backend = sotay_server::sqlite::SqliteBackend::open_in_memory().unwrap();
                    super::$name($make(backend));
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(backend) = super::common::postgres() {
                        super::$name($make(backend));
                    }
                }
            )*
        }
    };
}
