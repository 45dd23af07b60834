//! Running `sotay` and reading what it said.

use chrono::{DateTime, NaiveDate, Utc};
use sotay_test_support::database::Database;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};

/// A temporary directory with a store path in it.
#[derive(Debug)]
pub struct Dir {
    pub tmp: tempfile::TempDir,
}

impl Default for Dir {
    fn default() -> Self {
        Self::new()
    }
}

impl Dir {
    pub fn new() -> Dir {
        Dir {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    pub fn store(&self) -> PathBuf {
        self.path("sotay.db")
    }
}

/// What a run of `sotay` produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from(out: Output) -> Run {
        let run = Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "sotay panicked: {}",
            run.stderr
        );
        run
    }

    /// Asserts success and parses stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        assert_eq!(self.code, 0, "stderr: {}", self.stderr);
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }

    /// Asserts success.
    pub fn json_or_ok(&self) {
        assert_eq!(
            self.code, 0,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
    }

    /// Asserts the run failed with `code` and said `needle` on stderr.
    pub fn fails(&self, code: i32, needle: &str) {
        assert_eq!(
            self.code, code,
            "stdout: {}\nstderr: {}",
            self.stdout, self.stderr
        );
        assert!(self.stderr.starts_with("error: "), "{}", self.stderr);
        assert!(
            self.stderr.contains(needle),
            "expected `{needle}` in: {}",
            self.stderr
        );
    }
}

/// Runs `sotay --store <store> <args>` on the system clock.
pub fn sotay(store: &Path, args: &[&str]) -> Run {
    run(None, store, args)
}

fn run(day: Option<Day>, store: &Path, args: &[&str]) -> Run {
    run_with(day, store, args, &[])
}

/// Runs `sotay` with these environment variables set (`SOTAY_PASSPHRASE`).
pub fn run_with(day: Option<Day>, store: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sotay"));
    command
        .env_remove("SOTAY_PASSPHRASE")
        .envs(env.iter().copied());
    if let Some(Day(now)) = day {
        command.args(["--now", now]);
    }
    let out = command
        .arg("--store")
        .arg(store)
        .args(args)
        .env_remove("SOTAY_STORE")
        .env_remove("SOTAY_NOW")
        .output()
        .expect("run sotay");
    Run::from(out)
}

/// The day a test runs `sotay` on (`--now`: its clock starts there and runs on). The demo is
/// made around "now", and most of what it holds — the next meeting, the open and overdue tasks,
/// this year's figures, last year's ratings — is judged against it: a test that reads demo data
/// names its day, or it passes on one day and fails on another.
#[derive(Debug, Clone, Copy)]
pub struct Day(pub &'static str);

/// The day the tests that read demo data run on.
pub const DEMO_DAY: Day = Day("2026-12-07T09:00:00+07:00");

impl Day {
    /// Runs `sotay --now <day> --store <store> <args>`.
    pub fn sotay(self, store: &Path, args: &[&str]) -> Run {
        run(Some(self), store, args)
    }

    /// The day's instant, for a test's own reckoning.
    pub fn instant(self) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(self.0)
            .expect("an RFC 3339 day")
            .to_utc()
    }

    /// Its date in Vietnam.
    pub fn local_date(self) -> NaiveDate {
        sotay_core::time::local_date(self.instant())
    }
}

/// A store with the one-cell demo in it (ten years of history), made on [`DEMO_DAY`]: read it
/// with `DEMO_DAY.sotay`.
pub fn demo_cell(dir: &Dir) -> PathBuf {
    let store = dir.store();
    let run = DEMO_DAY.sotay(&store, &["demo", "--size", "cell", "--seed", "7"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Demo data in"), "{}", run.stdout);
    store
}

/// Runs a `fn(&Dir, Db)` test in a fresh directory, its server's data in `database` (for SQLite, a
/// directory in the test's own): the adapter of `sotay_test_support::on_both_backends!(database
/// => …)`.
pub fn served(database: Database, test: fn(&Dir, Db)) {
    let dir = Dir::new();
    let db = match database {
        Database::Sqlite => Db::Sqlite(dir.path("server")),
        Database::Postgres(url) => Db::Postgres(url),
    };
    test(&dir, db);
}

/// Where a test's `sotay serve` keeps its data.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Db {
    /// The `sotay serve` / `sotay invite` arguments for it.
    pub fn args(&self) -> Vec<String> {
        match self {
            Db::Sqlite(dir) => vec!["--data".into(), dir.display().to_string()],
            Db::Postgres(url) => vec!["--database-url".into(), url.clone()],
        }
    }
}

/// The address a just-started `sotay serve` or `sotay ui-bridge` prints as its first line:
/// waiting on the process's own word that it listens, not on time.
pub fn listening_url(child: &mut Child) -> String {
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout piped"))
        .read_line(&mut line)
        .unwrap();
    line.trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .to_owned()
}

/// Sends SIGTERM, as a service manager or a closing window does.
pub fn terminate(child: &Child) {
    let term = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
}

/// A client builder for the tests' own requests: rustls on ring, as the product's (`reqwest`'s
/// `rustls-no-provider` build needs the process's crypto provider installed first).
pub fn http_builder() -> reqwest::blocking::ClientBuilder {
    #[allow(deprecated)]
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::blocking::Client::builder()
}

/// A client for the tests' own requests ([`http_builder`]).
pub fn http() -> reqwest::blocking::Client {
    http_builder().build().expect("an HTTP client")
}
