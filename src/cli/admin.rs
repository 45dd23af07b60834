//! The administrator's commands: `sotay transfer` (on an administrator's store, synced like any
//! change) and `sotay admin audit` (where the server's data is).

use super::ops::{Result, parse_id, parse_opt_id, with};
use super::output::Out;
use super::server::{self, Db};
use chrono::{DateTime, Utc};
use sotay_app::views::TransferArgs;
use sotay_core::time::{end_of_day, format_local, parse_date, start_of_day};
use sotay_store::Store;
use sotay_sync_protocol::{AuditEntry, AuditQuery};

/// Moves a member to another unit from a day: the transfer and the member's new unit are written
/// together and go to the server at the next `sotay sync`.
pub fn transfer(
    store: &mut Store,
    member: &str,
    to: &str,
    on: &str,
    reason: Option<&str>,
    out: &mut Out,
) -> Result {
    let args = TransferArgs {
        member_id: parse_id(member)?,
        to_unit_id: parse_id(to)?,
        effective_on: on.to_owned(),
        reason: reason.map(str::to_owned),
    };
    let t = with(store, |cx| sotay_app::members::record_transfer(cx, &args))?;
    out.line(format!(
        "Transfer {} recorded: member {} from unit {} to unit {} from {}. Run `sotay sync` to send it.",
        t.id,
        t.member_id,
        t.from_unit_id,
        t.to_unit_id,
        t.effective_on.format("%d/%m/%Y")
    ))?;
    Ok(out.finish()?)
}

/// What `sotay admin audit` filters by, as typed.
pub struct AuditFilter<'a> {
    pub unit: Option<&'a String>,
    pub member: Option<&'a String>,
    pub since: Option<&'a str>,
    pub until: Option<&'a str>,
    pub limit: u32,
}

/// The audit log, oldest first: days are Vietnam's, `--until` included.
pub fn audit(db: &Db, filter: &AuditFilter<'_>, json: bool, out: &mut Out) -> Result {
    let ms = |t: DateTime<Utc>| t.timestamp_millis();
    let query = AuditQuery {
        unit: parse_opt_id(filter.unit)?,
        member: parse_opt_id(filter.member)?,
        since: filter
            .since
            .map(|d| parse_date("since", d).map(|d| ms(start_of_day(d))))
            .transpose()?,
        until: filter
            .until
            .map(|d| parse_date("until", d).map(|d| ms(end_of_day(d))))
            .transpose()?,
        after: None,
        limit: Some(filter.limit),
    };
    if let (Some(since), Some(until)) = (query.since, query.until)
        && since > until
    {
        return Err(super::error::CliError::ReversedRange {
            from: "--since",
            to: "--until",
        });
    }
    let entries = server::audit_log(db, &query)?;
    if json {
        return Ok(out.json(&entries)?);
    }
    out.table_of(
        &[
            "TIME", "MEMBER", "DEVICE", "ACTION", "RECORD", "UNIT", "CHANGED", "REFUSED",
        ],
        &entries,
        row,
    )?;
    Ok(out.finish()?)
}

fn row(e: &AuditEntry) -> Vec<String> {
    let at = DateTime::<Utc>::from_timestamp_millis(e.at).map_or_else(String::new, format_local);
    vec![
        at,
        e.member
            .map_or_else(|| "administrator".to_owned(), |m| m.to_string()),
        e.device.to_string(),
        format!("{} {}", e.action.as_str(), e.entity),
        e.record_id.to_string(),
        e.unit.map(|u| u.to_string()).unwrap_or_default(),
        e.changes.keys().cloned().collect::<Vec<_>>().join(", "),
        e.refused.clone().unwrap_or_default(),
    ]
}

/// `sotay admin audit --security`: the security log, oldest first.
pub fn security(db: &Db, limit: u32, json: bool, out: &mut Out) -> Result {
    let events = super::server::on_engine!(db, |e| e.security_log(&e.console()?, 0, limit)?);
    if json {
        return Ok(out.json(&events)?);
    }
    out.table_of(
        &["TIME", "EVENT", "MEMBER", "DEVICE", "ADDRESS", "DETAIL"],
        &events,
        |e| {
            vec![
                DateTime::<Utc>::from_timestamp_millis(e.at).map_or_else(String::new, format_local),
                e.kind.as_str().to_owned(),
                e.member.map(|m| m.to_string()).unwrap_or_default(),
                e.device.map(|d| d.to_string()).unwrap_or_default(),
                e.address.clone().unwrap_or_default(),
                e.detail.clone().unwrap_or_default(),
            ]
        },
    )?;
    Ok(out.finish()?)
}
