//! The calendar subscription a member's phone follows: `/v1/calendar/<secret>.ics`, with no device
//! token (phone calendars send none), so the secret is the key — made by the member's device,
//! stored as a hash, replaced or revoked from the device. The file is the member's unit's meetings
//! and series, built by `sotay_calendar` from the server's current records: the same file the app
//! exports.

use crate::registry::{Device, hash, secret};
use crate::storage::{CalendarTx, Result, ServerError};
use chrono::{DateTime, Duration, Utc};
use sotay_core::model::{Meeting, MeetingSeries};
use sotay_core::{EntityKind, Record};
use std::collections::HashMap;
use uuid::Uuid;

/// The member a device acts for: only a member's own device has a calendar.
fn member_of(device: &Device) -> Result<Uuid> {
    device.principal.member.ok_or(ServerError::Forbidden)
}

/// Makes the member's feed secret, replacing (and so revoking) any before; returns it.
pub(crate) fn renew(tx: &mut dyn CalendarTx, device: &Device, now: i64) -> Result<String> {
    let member = member_of(device)?;
    let secret = secret(32);
    tx.set_calendar_feed(member, Some(&hash(&secret)), now)?;
    Ok(secret)
}

/// Revokes the member's feed: its address answers "not found" from now on.
pub(crate) fn revoke(tx: &mut dyn CalendarTx, device: &Device) -> Result<()> {
    tx.set_calendar_feed(member_of(device)?, None, 0)
}

fn text<'a>(fields: &'a sotay_core::FieldMap, name: &str) -> Option<&'a str> {
    fields.get(name).and_then(serde_json::Value::as_str)
}

/// The calendar the secret opens, or `None` for an unknown or revoked one.
pub(crate) fn feed(
    tx: &mut dyn CalendarTx,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>> {
    let Some(member) = tx.calendar_feed(&hash(secret))? else {
        return Ok(None);
    };
    let Some(unit) = tx
        .record(member)?
        .filter(|m| !m.deleted)
        .and_then(|m| text(&m.fields, "unit_id").and_then(|u| Uuid::parse_str(u).ok()))
    else {
        return Ok(None);
    };
    let name = tx
        .record(unit)?
        .and_then(|u| text(&u.fields, "name").map(str::to_owned))
        .unwrap_or_default();
    let since = now - Duration::days(365);
    let mut series = Vec::new();
    let mut meetings = Vec::new();
    for r in tx.scope_records(unit, &[EntityKind::MeetingSeries, EntityKind::Meeting])? {
        let bad = |e: serde_json::Error| crate::rows::corrupt(&r.id.to_string(), e);
        match r.entity {
            EntityKind::MeetingSeries => {
                series.push(MeetingSeries::from_fields(r.id, r.fields.clone()).map_err(bad)?);
            }
            EntityKind::Meeting => {
                let m = Meeting::from_fields(r.id, r.fields.clone()).map_err(bad)?;
                if m.starts_at >= since {
                    meetings.push(m);
                }
            }
            // The scope was asked for these two kinds only.
            other => {
                return Err(crate::rows::corrupt(
                    &r.id.to_string(),
                    format!("a {other} where a meeting or series was asked for"),
                ));
            }
        }
    }
    meetings.sort_by_key(|m| m.starts_at);
    let names = HashMap::from([(unit, name.clone())]);
    Ok(Some(sotay_calendar::ics(
        &name, &series, &meetings, &names, now,
    )))
}
