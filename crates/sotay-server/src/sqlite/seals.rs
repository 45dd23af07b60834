//! The seals of adopted minutes on SQLite.

use super::SqliteTx;
use crate::storage::{Result, SealRow, SealTx};
use rusqlite::OptionalExtension;
use uuid::Uuid;

const COLUMNS: &str = "meeting, unit, n, previous, seal, sealed_at";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, i64, String, String, i64)> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn parsed(r: (String, String, i64, String, String, i64)) -> Result<SealRow> {
    let id = |s: &str| Uuid::parse_str(s).map_err(|e| crate::rows::corrupt("seal", e));
    Ok(SealRow {
        meeting: id(&r.0)?,
        unit: id(&r.1)?,
        n: r.2,
        previous: r.3,
        seal: r.4,
        sealed_at: r.5,
    })
}

impl SealTx for SqliteTx<'_> {
    fn meeting_parts(&mut self, meeting: Uuid) -> Result<Vec<(String, String, String)>> {
        // The same expression as the index `record_meeting`, so it is used.
        Ok(self
            .tx
            .prepare_cached(
                "SELECT entity, id, fields FROM record
                 WHERE json_extract(fields, '$.meeting_id') = ?1 AND deleted = 0
                   AND entity IN ('attendance', 'resolution', 'contribution')",
            )?
            .query_map([meeting.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?)
    }

    fn seal_of(&mut self, meeting: Uuid) -> Result<Option<SealRow>> {
        self.tx
            .prepare_cached(&format!("SELECT {COLUMNS} FROM seal WHERE meeting = ?1"))?
            .query_row([meeting.to_string()], row)
            .optional()?
            .map(parsed)
            .transpose()
    }

    fn last_seal(&mut self, unit: Uuid) -> Result<Option<SealRow>> {
        self.tx
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM seal WHERE unit = ?1 ORDER BY n DESC LIMIT 1"
            ))?
            .query_row([unit.to_string()], row)
            .optional()?
            .map(parsed)
            .transpose()
    }

    fn add_seal(&mut self, s: &SealRow) -> Result<()> {
        self.tx
            .prepare_cached(&format!(
                "INSERT INTO seal ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            ))?
            .execute(rusqlite::params![
                s.meeting.to_string(),
                s.unit.to_string(),
                s.n,
                s.previous,
                s.seal,
                s.sealed_at
            ])?;
        Ok(())
    }

    fn seals(&mut self, unit: Option<Uuid>) -> Result<Vec<SealRow>> {
        let rows: Vec<_> = self
            .tx
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM seal WHERE ?1 IS NULL OR unit = ?1 ORDER BY unit, n"
            ))?
            .query_map([unit.map(|u| u.to_string())], row)?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter().map(parsed).collect()
    }
}
