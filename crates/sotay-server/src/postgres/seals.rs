//! The seals of adopted minutes on PostgreSQL.

use super::db;
use super::tx::PgTx;
use crate::storage::{Result, SealRow, SealTx};
use uuid::Uuid;

const COLUMNS: &str = "meeting, unit, n, previous, seal, sealed_at";

fn parsed(r: &postgres::Row) -> Result<SealRow> {
    let id = |s: String| Uuid::parse_str(&s).map_err(|e| crate::rows::corrupt("seal", e));
    Ok(SealRow {
        meeting: id(r.get(0))?,
        unit: id(r.get(1))?,
        n: r.get(2),
        previous: r.get(3),
        seal: r.get(4),
        sealed_at: r.get(5),
    })
}

impl SealTx for PgTx<'_, '_, '_, '_> {
    fn meeting_parts(&mut self, meeting: Uuid) -> Result<Vec<(String, String, String)>> {
        Ok(self
            .conn()?
            .query(
                "SELECT entity, id, fields FROM record
                 WHERE ((fields::jsonb) ->> 'meeting_id') = $1 AND NOT deleted
                   AND entity IN ('attendance', 'resolution', 'contribution')",
                &[&meeting.to_string()],
            )
            .map_err(db)?
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect())
    }

    fn seal_of(&mut self, meeting: Uuid) -> Result<Option<SealRow>> {
        self.conn()?
            .query_opt(
                &format!("SELECT {COLUMNS} FROM seal WHERE meeting = $1"),
                &[&meeting.to_string()],
            )
            .map_err(db)?
            .as_ref()
            .map(parsed)
            .transpose()
    }

    fn last_seal(&mut self, unit: Uuid) -> Result<Option<SealRow>> {
        self.conn()?
            .query_opt(
                &format!("SELECT {COLUMNS} FROM seal WHERE unit = $1 ORDER BY n DESC LIMIT 1"),
                &[&unit.to_string()],
            )
            .map_err(db)?
            .as_ref()
            .map(parsed)
            .transpose()
    }

    fn add_seal(&mut self, s: &SealRow) -> Result<()> {
        self.conn()?
            .execute(
                &format!("INSERT INTO seal ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"),
                &[
                    &s.meeting.to_string(),
                    &s.unit.to_string(),
                    &s.n,
                    &s.previous,
                    &s.seal,
                    &s.sealed_at,
                ],
            )
            .map_err(db)?;
        Ok(())
    }

    fn seals(&mut self, unit: Option<Uuid>) -> Result<Vec<SealRow>> {
        self.conn()?
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM seal WHERE $1::TEXT IS NULL OR unit = $1 ORDER BY unit, n"
                ),
                &[&unit.map(|u| u.to_string())],
            )
            .map_err(db)?
            .iter()
            .map(parsed)
            .collect()
    }
}
