//! `sotay admin verify`: the seals of adopted minutes recomputed where the server's data is.

use super::error::CliError;
use super::ops::{Result, parse_opt_id};
use super::output::Out;
use super::server::Db;

pub fn verify(db: &Db, unit: Option<&String>, json: bool, out: &mut Out) -> Result {
    let unit = parse_opt_id(unit)?;
    let check = super::server::on_engine!(db, |e| e.verify_seals(unit)?);
    if json {
        out.json(&check)?;
    } else {
        for b in &check.broken {
            let why = match b.why {
                "record_changed" => "its record changed after the minutes were adopted",
                "record_gone" => "its record is gone",
                _ => "the seal before it in the unit's chain was changed or removed",
            };
            out.line(format!(
                "{} ({}) — unit {}: {why}",
                b.meeting_id, b.topic, b.unit_id
            ))?;
        }
        out.line(format!(
            "{} sealed meeting(s), {} no longer matching.",
            check.sealed,
            check.broken.len()
        ))?;
        out.finish()?;
    }
    if check.broken.is_empty() {
        Ok(())
    } else {
        Err(CliError::SealsBroken(check.broken.len()))
    }
}
