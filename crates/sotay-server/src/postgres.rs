//! The PostgreSQL backend, for real deployments and Postgres-compatible distributed engines.
//! Several `sotay serve` instances may share one database: writers serialise on an advisory lock,
//! and LISTEN/NOTIFY tells every instance when to wake its live clients.

mod tx;

use crate::storage::{Backend, Result, ServerError, ServerTx};
use postgres::fallible_iterator::FallibleIterator;
use postgres::{Client, NoTls};
use std::sync::Mutex;

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
];

/// The server's migrations on PostgreSQL, in order.
pub fn migration_files() -> &'static [(&'static str, &'static str)] {
    MIGRATIONS
}

/// The advisory lock every writer holds until commit.
const WRITE_LOCK: i64 = 0x534F_5459;
const CHANNEL: &str = "sotay_changes";

fn db(e: postgres::Error) -> ServerError {
    ServerError::Database(e.to_string())
}

pub struct PostgresBackend {
    url: String,
    /// A schema of its own (tests), or the default search path.
    schema: Option<String>,
    idle: Mutex<Vec<Client>>,
}

impl std::fmt::Debug for PostgresBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresBackend")
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

impl PostgresBackend {
    /// Connects to `url` and brings the schema up to date.
    pub fn connect(url: &str) -> Result<PostgresBackend> {
        Self::connect_in_schema(url, None)
    }

    /// Like [`connect`](Self::connect), inside schema `schema` (created if missing): lets test
    /// suites share one server without seeing each other.
    pub fn connect_in_schema(url: &str, schema: Option<&str>) -> Result<PostgresBackend> {
        if let Some(s) = schema
            && !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            return Err(ServerError::Protocol(format!("`{s}` is not a schema name")));
        }
        let backend = PostgresBackend {
            url: url.to_owned(),
            schema: schema.map(str::to_owned),
            idle: Mutex::new(Vec::new()),
        };
        let mut client = backend.open()?;
        backend.migrate(&mut client)?;
        backend.give_back(client);
        Ok(backend)
    }

    fn open(&self) -> Result<Client> {
        let mut client = Client::connect(&self.url, NoTls).map_err(db)?;
        if let Some(s) = &self.schema {
            client
                .batch_execute(&format!(
                    "CREATE SCHEMA IF NOT EXISTS {s}; SET search_path TO {s}"
                ))
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

    fn take(&self) -> Result<Client> {
        let pooled = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        match pooled {
            Some(c) if !c.is_closed() => Ok(c),
            _ => self.open(),
        }
    }

    fn give_back(&self, client: Client) {
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < 16
        {
            idle.push(client);
        }
    }
}

impl Backend for PostgresBackend {
    fn transact<T>(&self, f: impl FnOnce(&mut dyn ServerTx) -> Result<T>) -> Result<T> {
        let mut client = self.take()?;
        let out = {
            let mut tx = client.transaction().map_err(db)?;
            match f(&mut tx::PgTx { tx: &mut tx }) {
                Ok(v) => tx.commit().map_err(db).map(|()| v),
                Err(e) => Err(e), // dropping `tx` rolls back
            }
        };
        self.give_back(client);
        out
    }

    fn subscribe(&self, on_change: Box<dyn Fn() + Send>) -> Result<()> {
        let mut client = self.open()?;
        client
            .batch_execute(&format!("LISTEN {CHANNEL}"))
            .map_err(db)?;
        std::thread::Builder::new()
            .name("sotay-listen".into())
            .spawn(move || {
                let mut notes = client.notifications();
                let mut iter = notes.blocking_iter();
                while let Ok(Some(_)) = iter.next() {
                    on_change();
                }
            })
            .map_err(|e| ServerError::Database(e.to_string()))?;
        Ok(())
    }
}
