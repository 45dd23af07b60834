//! The PostgreSQL backend, for real deployments and Postgres-compatible distributed engines.
//! Several `sotay serve` instances may share one database: writers serialise on an advisory lock,
//! and LISTEN/NOTIFY tells every instance which units changed, so it wakes the live clients that
//! may read them. Connections come from an
//! r2d2 pool of bounded size: a burst of requests waits for one rather than opening more than
//! PostgreSQL allows.

mod accounts;
mod audit;
mod calendar;
mod conn;
mod files;
mod reads;
mod registry;
mod report;
mod seals;
mod tx;
mod writer;
mod writes;

use crate::storage::{Announced, Backend, Result, ServerError, ServerTx, Touched};
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, NoTls};
use r2d2_postgres::PostgresConnectionManager;
use r2d2_postgres::r2d2::{CustomizeConnection, Pool};
use std::time::Duration;
use uuid::Uuid;

const MIGRATIONS: &[(&str, &str)] = &[
    (
        "server/postgres/0001_init.sql",
        include_str!("../../../schema/server/postgres/0001_init.sql"),
    ),
    (
        "server/postgres/0002_members.sql",
        include_str!("../../../schema/server/postgres/0002_members.sql"),
    ),
    (
        "server/postgres/0003_departures_audit.sql",
        include_str!("../../../schema/server/postgres/0003_departures_audit.sql"),
    ),
    (
        "server/postgres/0004_calendar_feeds.sql",
        include_str!("../../../schema/server/postgres/0004_calendar_feeds.sql"),
    ),
    (
        "server/postgres/0005_attachment_files.sql",
        include_str!("../../../schema/server/postgres/0005_attachment_files.sql"),
    ),
    (
        "server/postgres/0006_report_indexes.sql",
        include_str!("../../../schema/server/postgres/0006_report_indexes.sql"),
    ),
    (
        "server/postgres/0007_member_records.sql",
        include_str!("../../../schema/server/postgres/0007_member_records.sql"),
    ),
    (
        "server/postgres/0008_accounts.sql",
        include_str!("../../../schema/server/postgres/0008_accounts.sql"),
    ),
    (
        "server/postgres/0009_device_sessions.sql",
        include_str!("../../../schema/server/postgres/0009_device_sessions.sql"),
    ),
    (
        "server/postgres/0010_seals.sql",
        include_str!("../../../schema/server/postgres/0010_seals.sql"),
    ),
];

/// The server's migrations on PostgreSQL, in order.
pub fn migration_files() -> &'static [(&'static str, &'static str)] {
    MIGRATIONS
}

/// The advisory lock every writer holds until commit.
const WRITE_LOCK: i64 = 0x534F_5459;
const CHANNEL: &str = "sotay_changes";

fn db(e: postgres::Error) -> ServerError {
    // For what PostgreSQL itself refused, `postgres::Error` says only "db error": the operator
    // reading the log needs PostgreSQL's own words.
    match e.as_db_error() {
        Some(said) => ServerError::Database(format!("{e}: {}", said.message())),
        None => ServerError::Database(e.to_string()),
    }
}

/// No connection within the pool's wait: every one is busy, or PostgreSQL cannot be reached.
fn unavailable(e: r2d2_postgres::r2d2::Error) -> ServerError {
    ServerError::Unavailable(e.to_string())
}

/// How many connections one server instance holds at most, and how long a request waits for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolSize {
    pub max: u32,
    pub wait: Duration,
}

impl Default for PoolSize {
    /// Sixteen connections: writers serialise on the advisory lock anyway, and several instances
    /// share PostgreSQL's `max_connections` (100 by default). A request waits up to 10 s for one,
    /// then is answered "busy" (503) and the device retries.
    fn default() -> Self {
        PoolSize {
            max: 16,
            wait: Duration::from_secs(10),
        }
    }
}

pub struct PostgresBackend {
    url: String,
    /// A schema of its own (tests), or the default search path.
    schema: Option<String>,
    /// `None` only while the backend is being dropped.
    pool: Option<PgPool>,
}

type PgPool = Pool<conn::Manager>;

impl PostgresBackend {
    fn pool(&self) -> Result<&PgPool> {
        self.pool
            .as_ref()
            .ok_or_else(|| ServerError::Unavailable("the server is stopping".into()))
    }
}

/// A `postgres::Client` closes by blocking on a runtime of its own, which panics on a thread
/// that drives tokio (the server's async workers): the pool's connections close on a thread of
/// their own when the backend goes away there.
impl Drop for PostgresBackend {
    fn drop(&mut self) {
        if let Some(pool) = self.pool.take()
            && tokio::runtime::Handle::try_current().is_ok()
        {
            let _ = std::thread::spawn(move || drop(pool)).join();
        }
    }
}

impl std::fmt::Debug for PostgresBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresBackend")
            .field("schema", &self.schema)
            .field("pool", &self.pool.as_ref().map(Pool::state))
            .finish_non_exhaustive()
    }
}

/// Puts every pooled connection in the backend's own schema.
#[derive(Debug)]
struct InSchema(String);

impl CustomizeConnection<conn::PgConn, postgres::Error> for InSchema {
    fn on_acquire(&self, conn: &mut conn::PgConn) -> std::result::Result<(), postgres::Error> {
        conn.client
            .batch_execute(&format!("SET search_path TO {}", self.0))
    }
}

impl PostgresBackend {
    /// Connects to `url` and brings the schema up to date.
    pub fn connect(url: &str) -> Result<PostgresBackend> {
        Self::connect_with(url, None, PoolSize::default())
    }

    /// Like [`connect`](Self::connect), inside schema `schema` (created if missing): lets test
    /// suites share one server without seeing each other.
    pub fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<PostgresBackend> {
        Self::connect_with(url, schema, PoolSize::default())
    }

    /// Like [`connect_in_schema`](Self::connect_in_schema), with a pool of `size`.
    pub fn connect_with(
        url: &str,
        schema: Option<&str>,
        size: PoolSize,
    ) -> Result<PostgresBackend> {
        if let Some(s) = schema
            && !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(ServerError::Protocol(format!("`{s}` is not a schema name")));
        }
        let config: postgres::Config = url.parse().map_err(db)?;
        if let Some(s) = schema {
            let mut client = config.connect(NoTls).map_err(db)?;
            client
                .batch_execute(&format!("CREATE SCHEMA IF NOT EXISTS {s}"))
                .map_err(db)?;
        }
        let mut pool = Pool::builder()
            .max_size(size.max)
            .min_idle(Some(1))
            .connection_timeout(size.wait);
        if let Some(s) = schema {
            pool = pool.connection_customizer(Box::new(InSchema(s.to_owned())));
        }
        let pool = pool
            .build(conn::Manager(PostgresConnectionManager::new(config, NoTls)))
            .map_err(unavailable)?;
        let backend = PostgresBackend {
            url: url.to_owned(),
            schema: schema.map(str::to_owned),
            pool: Some(pool),
        };
        backend.migrate(&mut backend.pool()?.get().map_err(unavailable)?.client)?;
        Ok(backend)
    }

    /// A connection of its own, outside the pool (the listener of other instances' changes).
    fn open(&self) -> Result<Client> {
        let mut client = Client::connect(&self.url, NoTls).map_err(db)?;
        if let Some(s) = &self.schema {
            client
                .batch_execute(&format!("SET search_path TO {s}"))
                .map_err(db)?;
        }
        Ok(client)
    }

    fn migrate(&self, client: &mut Client) -> Result<()> {
        let mut tx = client.transaction().map_err(db)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])
            .map_err(db)?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)",
        )
        .map_err(db)?;
        let done: i32 = tx
            .query_one(
                "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
                &[],
            )
            .map_err(db)?
            .get(0);
        for (i, (name, sql)) in MIGRATIONS.iter().enumerate() {
            let version = i32::try_from(i + 1).unwrap_or(i32::MAX);
            if version <= done {
                continue;
            }
            tx.batch_execute(sql).map_err(db)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                &[&version, name],
            )
            .map_err(db)?;
        }
        tx.commit().map_err(db)
    }
}

impl Backend for PostgresBackend {
    fn transact<T>(&self, f: impl FnOnce(&mut dyn ServerTx) -> Result<T>) -> Result<T> {
        // Back to the pool when dropped; r2d2 drops a connection that broke.
        let mut conn = self.pool()?.get().map_err(unavailable)?;
        let conn::PgConn { client, statements } = &mut *conn;
        let mut tx = client.transaction().map_err(db)?;
        let shared = std::sync::Mutex::new(conn::Prepared {
            tx: &mut tx,
            statements,
        });
        // The scope holds the thread that writes a writing transaction's rows (`writer.rs`); it
        // ends, its last rows written or dropped, before the transaction commits or rolls back.
        let v = std::thread::scope(|scope| -> Result<T> {
            let mut pg = tx::PgTx::new(&shared, scope);
            let v = f(&mut pg)?;
            pg.flush()?;
            Ok(v)
        })?;
        // An error returned above dropped `tx`, which rolled back (and what waited to be sent).
        tx.commit().map_err(db).map(|()| v)
    }

    fn subscribe(&self, on_change: Box<dyn Fn(Announced) + Send>) -> Result<()> {
        let mut client = self.open()?;
        client
            .batch_execute(&format!("LISTEN {CHANNEL}"))
            .map_err(db)?;
        std::thread::Builder::new()
            .name("sotay-listen".into())
            .spawn(move || {
                let mut notes = client.notifications();
                let mut iter = notes.blocking_iter();
                while let Ok(Some(note)) = iter.next() {
                    on_change(announced(note.payload()));
                }
            })
            .map_err(|e| ServerError::Database(e.to_string()))?;
        Ok(())
    }
}

/// The most a notice's payload says before it says "everything" instead: PostgreSQL takes
/// payloads of up to 8,000 bytes, and a push that touched this many units is rare.
const MAX_PAYLOAD: usize = 7_000;

/// A change announced to the other instances: the units it touched, comma-separated; `-` for
/// none (only records of no unit changed), `*` when there are too many to list.
fn notice_payload(touched: &Touched) -> String {
    if touched.units.is_empty() {
        return "-".to_owned();
    }
    let listed = touched
        .units
        .iter()
        .map(Uuid::to_string)
        .collect::<Vec<_>>()
        .join(",");
    if listed.len() > MAX_PAYLOAD {
        "*".to_owned()
    } else {
        listed
    }
}

/// What a notice says: the units, or `None` for `*`, an empty payload (an instance of an earlier
/// version, during an upgrade) or anything unreadable — every waiting device looks again.
fn announced(payload: &str) -> Announced {
    if payload == "-" {
        return Some(Vec::new());
    }
    payload
        .split(',')
        .map(|u| Uuid::parse_str(u).ok())
        .collect()
}

#[cfg(test)]
mod notice_tests {
    use super::*;

    #[test]
    fn a_notice_says_the_units_or_everything() {
        let units = vec![Uuid::now_v7(), Uuid::now_v7()];
        let touched = Touched {
            any: true,
            units: units.clone(),
        };
        assert_eq!(announced(&notice_payload(&touched)), Some(units));
        assert_eq!(
            announced(&notice_payload(&Touched::default())),
            Some(vec![])
        );
        let many = Touched {
            any: true,
            units: (0..300).map(|_| Uuid::now_v7()).collect(),
        };
        assert_eq!(notice_payload(&many), "*");
        assert_eq!(announced("*"), None);
        assert_eq!(announced(""), None, "an earlier version's notice");
    }
}
