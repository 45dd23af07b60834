//! What Sotay's test suites share, so that none keeps a copy of its own:
//!
//! - [`on_both_backends!`]: each listed test defined twice, on SQLite and on PostgreSQL, in the
//!   form the suite needs ([`backend`]: an open server backend; [`database`]: a place for
//!   `sotay serve` to keep its data);
//! - [`postgres`]: the PostgreSQL set-up, from `SOTAY_TEST_POSTGRES_URL` (`scripts/postgres.sh`
//!   starts a private server and prints it): a fresh schema or a fresh database per test, the test
//!   skipped without a server unless `SOTAY_REQUIRE_POSTGRES` is set (CI);
//! - [`fixtures`]: valid records (`sotay_core::fixtures`).
//!
//! A dev-dependency only. Test code: it panics on a broken set-up, which fails the test with a
//! message.

#![allow(clippy::unwrap_used)] // test set-up: a broken one fails the test, with a message

pub mod backend;
pub mod database;
pub mod postgres;

pub use sotay_core::fixtures;

/// Defines each listed test twice, as `#[test]`s in `mod sqlite` and in `mod postgres`, each run on
/// a fresh database of its kind (a PostgreSQL run is skipped without a server; see [`postgres`]).
///
/// The first argument says what fresh thing the tests start from, and names an adapter
/// `adapt(fresh, test)` that turns it into the test's arguments and calls it, so each suite keeps
/// its own test signature. The adapter's path is seen from inside the generated modules
/// (`super::…` or `crate::…`):
///
/// - `on_both_backends!(backend => super::adapt; tests…)`: `fresh` is an open
///   [`Backend`](sotay_server::Backend) ([`backend::sqlite`], [`backend::postgres`]); the server's
///   suites make an engine of it, e.g. `fn adapt<B: Backend>(b: B, test: fn(Engine<B>))`.
/// - `on_both_backends!(database => crate::adapt; tests…)`: `fresh` is a [`database::Database`] for
///   `sotay serve`; the command line's suites give it a directory and a server.
#[macro_export]
macro_rules! on_both_backends {
    (backend => $adapt:path; $($name:ident),* $(,)?) => {
        $crate::__on_both_backends!(backend, $adapt; $($name),*);
    };
    (database => $adapt:path; $($name:ident),* $(,)?) => {
        $crate::__on_both_backends!(database, $adapt; $($name),*);
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __on_both_backends {
    ($fresh:ident, $adapt:path; $($name:ident),*) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    $crate::$fresh::sqlite(|fresh| $adapt(fresh, super::$name));
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    $crate::$fresh::postgres(|fresh| $adapt(fresh, super::$name));
                }
            )*
        }
    };
}
