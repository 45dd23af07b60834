//! The pool's connections, each with the statements it has prepared. The `postgres` crate
//! parses a statement given as text on every call — a round trip to the database before the one
//! that runs it — so a push of 500 mutations paid for thousands of parses. A statement is parsed
//! once per connection here and reused by every transaction on it.

use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Statement, Transaction};
use r2d2_postgres::PostgresConnectionManager;
use r2d2_postgres::r2d2::ManageConnection;
use std::collections::HashMap;

/// A pooled connection and the statements prepared on it, by their SQL.
pub(super) struct PgConn {
    pub client: Client,
    pub statements: HashMap<String, Statement>,
}

/// r2d2's PostgreSQL manager, its connections wrapped with their statements.
#[derive(Debug)]
pub(super) struct Manager(pub PostgresConnectionManager<NoTls>);

impl ManageConnection for Manager {
    type Connection = PgConn;
    type Error = postgres::Error;

    fn connect(&self) -> Result<PgConn, postgres::Error> {
        Ok(PgConn {
            client: self.0.connect()?,
            statements: HashMap::new(),
        })
    }

    fn is_valid(&self, conn: &mut PgConn) -> Result<(), postgres::Error> {
        self.0.is_valid(&mut conn.client)
    }

    fn has_broken(&self, conn: &mut PgConn) -> bool {
        self.0.has_broken(&mut conn.client)
    }
}

type Params<'p> = &'p [&'p (dyn ToSql + Sync)];

/// A transaction whose statements are prepared once per connection and reused.
pub(super) struct Prepared<'a, 'b> {
    pub tx: &'a mut Transaction<'b>,
    pub statements: &'a mut HashMap<String, Statement>,
}

impl Prepared<'_, '_> {
    fn statement(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(sql)?;
        self.statements.insert(sql.to_owned(), s.clone());
        Ok(s)
    }

    pub fn query(&mut self, sql: &str, params: Params<'_>) -> Result<Vec<Row>, postgres::Error> {
        let s = self.statement(sql)?;
        self.tx.query(&s, params)
    }

    pub fn query_opt(
        &mut self,
        sql: &str,
        params: Params<'_>,
    ) -> Result<Option<Row>, postgres::Error> {
        let s = self.statement(sql)?;
        self.tx.query_opt(&s, params)
    }

    pub fn query_one(&mut self, sql: &str, params: Params<'_>) -> Result<Row, postgres::Error> {
        let s = self.statement(sql)?;
        self.tx.query_one(&s, params)
    }

    pub fn execute(&mut self, sql: &str, params: Params<'_>) -> Result<u64, postgres::Error> {
        let s = self.statement(sql)?;
        self.tx.execute(&s, params)
    }
}
