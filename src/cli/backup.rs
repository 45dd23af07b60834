//! `sotay admin backup | restore | restored`: a copy of the embedded server database made while it
//! serves, putting one back, and telling the devices when PostgreSQL was restored with
//! `pg_restore` (README, "Backups").

use super::error::CliError;
use super::output::Out;
use super::server::Db;
use sotay_server::sqlite::backup::Copied;
use std::path::Path;

type Result<T = ()> = std::result::Result<T, CliError>;

pub fn backup(db: &Db, to: &Path, json: bool, out: &mut Out) -> Result {
    let file = db.sqlite_file().ok_or(CliError::PostgresBackup)?;
    let copied = sotay_server::sqlite::backup::backup(&file, to)?;
    say(&copied, "backed up", json, out)
}

pub fn restore(db: &Db, from: &Path, json: bool, out: &mut Out) -> Result {
    let file = db.sqlite_file().ok_or(CliError::PostgresBackup)?;
    let copied = sotay_server::sqlite::backup::restore(&file, from)?;
    say(&copied, "restored", json, out)
}

pub fn restored(db: &Db, out: &mut Out) -> Result {
    let epoch = super::server::on_engine!(db, |e| e.begin_new_epoch()?);
    out.line(format!(
        "new epoch {epoch}: each device sends its changes again and pulls anew at its next sync"
    ))?;
    out.finish()?;
    Ok(())
}

fn say(copied: &Copied, what: &str, json: bool, out: &mut Out) -> Result {
    if json {
        out.json(copied)?;
    } else {
        out.line(format!(
            "{what}: {} ({} records, {} devices, {} bytes)",
            copied.file.display(),
            copied.records,
            copied.devices,
            copied.bytes
        ))?;
        if let Some(kept) = &copied.replaced_kept_at {
            out.line(format!(
                "the database it replaced is kept at {}",
                kept.display()
            ))?;
        }
        out.finish()?;
    }
    Ok(())
}
