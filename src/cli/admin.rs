//! The administrator's commands: `sotay transfer` (on an administrator's store, synced like any
//! change) and `sotay admin audit` (where the server's data is), which names the members, records
//! and units beside their ids.

use super::names;
use super::ops::{Result, parse_id, parse_opt_id, with};
use super::output::Out;
use super::server::{self, Db};
use chrono::{DateTime, Utc};
use sotay_app::views::TransferArgs;
use sotay_core::EntityKind;
use sotay_core::time::{end_of_day, format_local, parse_date, start_of_day};
use sotay_server::storage::StoredRecord;
use sotay_store::Store;
use sotay_sync_protocol::{AuditEntry, AuditQuery};
use std::collections::HashMap;
use uuid::Uuid;

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
    let (entries, records) = server::on_engine!(db, |e| {
        let entries = e.read_audit_log(&query)?;
        let records = audit_records(&e, &entries)?;
        (entries, records)
    });
    let entries: Vec<Named<'_>> = entries.iter().map(|e| Named::of(e, &records)).collect();
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

/// An audit entry with the names of its member, record and unit, as the server has them now;
/// `--json` gives the entry's own fields as before, and these beside them.
#[derive(serde::Serialize)]
struct Named<'a> {
    #[serde(flatten)]
    entry: &'a AuditEntry,
    #[serde(skip_serializing_if = "Option::is_none")]
    member_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit_name: Option<String>,
}

impl<'a> Named<'a> {
    fn of(entry: &'a AuditEntry, records: &HashMap<Uuid, StoredRecord>) -> Named<'a> {
        let name = |id: Uuid| records.get(&id).and_then(names::name_of);
        let record = records.get(&entry.record_id);
        let kind = entry.entity.parse::<EntityKind>().ok();
        let record_name = kind
            .and_then(|kind| names::label(kind, record.map(|r| &r.fields), Some(&entry.changes)))
            // A record nothing names (an attendance, a transfer, a rating) is the member's.
            .or_else(|| {
                let member = record
                    .and_then(names::member_of)
                    .or_else(|| member_in_changes(entry))?;
                name(member)
            });
        Named {
            entry,
            member_name: entry.member.and_then(name),
            record_name,
            unit_name: entry.unit.and_then(name),
        }
    }
}

/// The member a deleted record was about, from its values before.
fn member_in_changes(entry: &AuditEntry) -> Option<Uuid> {
    entry
        .changes
        .get("member_id")?
        .as_array()?
        .iter()
        .find_map(|v| v.as_str()?.parse().ok())
}

/// The records the entries name (their members, records and units), and the members the records
/// nothing names belong to.
fn audit_records<B: sotay_server::Backend>(
    engine: &sotay_server::Engine<B>,
    entries: &[AuditEntry],
) -> std::result::Result<HashMap<Uuid, StoredRecord>, sotay_server::ServerError> {
    let ids = entries
        .iter()
        .flat_map(|e| [e.member, Some(e.record_id), e.unit])
        .flatten();
    let mut records = names::records(engine, ids)?;
    let owners: Vec<Uuid> = entries
        .iter()
        .filter_map(|e| {
            records
                .get(&e.record_id)
                .and_then(names::member_of)
                .or_else(|| member_in_changes(e))
        })
        .filter(|m| !records.contains_key(m))
        .collect();
    records.extend(names::records(engine, owners)?);
    Ok(records)
}

/// A name with the id it stands for, or the bare id where nothing names it.
fn named(name: Option<&String>, id: Uuid) -> String {
    match name {
        Some(name) => format!("{name} ({id})"),
        None => id.to_string(),
    }
}

fn row(n: &Named<'_>) -> Vec<String> {
    let e = n.entry;
    let at = DateTime::<Utc>::from_timestamp_millis(e.at).map_or_else(String::new, format_local);
    vec![
        at,
        e.member.map_or_else(
            || "administrator".to_owned(),
            |m| named(n.member_name.as_ref(), m),
        ),
        e.device.to_string(),
        format!("{} {}", e.action.as_str(), e.entity),
        named(n.record_name.as_ref(), e.record_id),
        e.unit
            .map(|u| named(n.unit_name.as_ref(), u))
            .unwrap_or_default(),
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
