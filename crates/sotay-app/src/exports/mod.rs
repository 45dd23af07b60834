//! The member's calendar as a file (iCalendar, for a phone) and the member's digest, written
//! into the exports folder; and the calendar
//! subscription a phone follows instead, made by the server (which keeps only its hash, so the
//! address is kept here to show again).

pub mod digest;

pub use digest::export_digest;

use crate::cx::Cx;
use crate::error::{AppError, Result};
use crate::exported::{ExportView, slug, write};
use crate::keys;
use crate::views::{CalendarFeedView, NoArgs};
use chrono::{DateTime, Duration, Utc};
use sotay_core::ErrorKind;
use sotay_core::model::OrgUnit;
use sotay_store::Store;
use std::collections::HashMap;
use uuid::Uuid;

/// A unit's meetings as an iCalendar file: its series with their rules, and its meetings from a
/// year ago on (moved and cancelled ones as exceptions of their series).
pub fn calendar_ics(store: &Store, unit: Uuid, now: DateTime<Utc>) -> Result<String> {
    let unit: OrgUnit = store.require(unit)?;
    let (series, meetings) = store.calendar_of(unit.id, now - Duration::days(365))?;
    let names = HashMap::from([(unit.id, unit.name.clone())]);
    Ok(sotay_calendar::ics(
        &unit.name, &series, &meetings, &names, now,
    ))
}

/// The calendar file's name: `lich-hop-chi-bo-thon-dong.ics`.
pub fn calendar_file_name(store: &Store, unit: Uuid) -> Result<String> {
    let unit: OrgUnit = store.require(unit)?;
    Ok(format!("lich-hop-{}.ics", slug(&unit.name)))
}

/// The calendar subscription's address, if this device made one.
pub fn calendar_feed(cx: &mut Cx, _: NoArgs) -> Result<CalendarFeedView> {
    Ok(CalendarFeedView {
        url: cx.store().local(keys::CALENDAR_FEED)?,
    })
}

/// Asks the server for a new subscription address (the old one stops working).
pub fn renew_calendar_feed(cx: &mut Cx, _: NoArgs) -> Result<CalendarFeedView> {
    require_connected(cx.store())?;
    let url = sotay_sync_client::renew_calendar_feed(cx.store())?;
    cx.write_local(|w| w.set_local(keys::CALENDAR_FEED, &url))?;
    Ok(CalendarFeedView { url: Some(url) })
}

/// Revokes the subscription: the phone's calendar stops following it.
pub fn revoke_calendar_feed(cx: &mut Cx, _: NoArgs) -> Result<CalendarFeedView> {
    require_connected(cx.store())?;
    sotay_sync_client::revoke_calendar_feed(cx.store())?;
    cx.write_local(|w| w.remove_local(keys::CALENDAR_FEED))?;
    Ok(CalendarFeedView { url: None })
}

fn require_connected(store: &Store) -> Result<()> {
    if store.is_demo()? {
        return Err(AppError::new(
            ErrorKind::DemoStore,
            "a demo store is not connected to a server: the subscription comes from the server",
        ));
    }
    Ok(())
}

/// Writes the device member's cell's meetings as an iCalendar file and says where.
pub fn export_calendar(cx: &mut Cx, _: NoArgs) -> Result<ExportView> {
    let (store, session, now) = cx.parts();
    let unit = session.unit_or_mine(None)?;
    let ics = calendar_ics(store, unit, now)?;
    write(&calendar_file_name(store, unit)?, ics.as_bytes())
}
