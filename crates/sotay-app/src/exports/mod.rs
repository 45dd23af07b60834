//! Files the app writes for the member — the minutes as PDF, the calendar as iCalendar — into the
//! exports folder ([`crate::paths::exports_dir`]), with names people can read; and the calendar
//! subscription a phone follows instead, made by the server (which keeps only its hash, so the
//! address is kept here to show again).

pub mod digest;

use crate::app::keys;
use crate::committee::args::ExportView;
use crate::error::{AppError, Result};
use crate::views::CalendarFeedView;
use chrono::{DateTime, Duration, Utc};
use sotay_core::model::OrgUnit;
use sotay_store::Store;
use std::collections::HashMap;
use uuid::Uuid;

/// A name as part of a file name: `Chi bộ thôn Đông` → `chi-bo-thon-dong`.
pub fn slug(name: &str) -> String {
    sotay_core::text::fold(name)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Writes `bytes` as `name` in the exports folder and says where.
pub(crate) fn write(name: &str, bytes: &[u8]) -> Result<ExportView> {
    let dir = crate::paths::exports_dir()
        .ok_or_else(|| AppError::new("no_folder", "this system names no folder for documents"))?;
    let path = dir.join(name);
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(&path, bytes))
        .map_err(|e| AppError::new("io", format!("{}: {e}", path.display())))?;
    Ok(ExportView {
        path: path.display().to_string(),
        bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
    })
}

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

/// `unit`, or the unit of the member using this device.
pub fn unit_or_mine(store: &Store, unit: Option<Uuid>) -> Result<Uuid> {
    match unit {
        Some(unit) => Ok(unit),
        None => Ok(crate::App::require_me(store)?.unit_id),
    }
}

/// The calendar file's name: `lich-hop-chi-bo-thon-dong.ics`.
pub fn calendar_file_name(store: &Store, unit: Uuid) -> Result<String> {
    let unit: OrgUnit = store.require(unit)?;
    Ok(format!("lich-hop-{}.ics", slug(&unit.name)))
}

impl crate::App {
    /// The calendar subscription's address, if this device made one.
    pub fn calendar_feed(&self, _args: crate::views::NoArgs) -> Result<CalendarFeedView> {
        Ok(CalendarFeedView {
            url: self.store()?.local(keys::CALENDAR_FEED)?,
        })
    }

    /// Asks the server for a new subscription address (the old one stops working).
    pub fn renew_calendar_feed(&self, _args: crate::views::NoArgs) -> Result<CalendarFeedView> {
        let mut store = self.store()?;
        Self::require_connected(&store)?;
        let url = sotay_sync_client::renew_calendar_feed(&store)?;
        store.write(|w| w.set_local(keys::CALENDAR_FEED, &url))?;
        Ok(CalendarFeedView { url: Some(url) })
    }

    /// Revokes the subscription: the phone's calendar stops following it.
    pub fn revoke_calendar_feed(&self, _args: crate::views::NoArgs) -> Result<CalendarFeedView> {
        let mut store = self.store()?;
        Self::require_connected(&store)?;
        sotay_sync_client::revoke_calendar_feed(&store)?;
        store.write(|w| w.remove_local(keys::CALENDAR_FEED))?;
        Ok(CalendarFeedView { url: None })
    }

    fn require_connected(store: &Store) -> Result<()> {
        if store.is_demo()? {
            return Err(AppError::new(
                "demo_store",
                "a demo store is not connected to a server: the subscription comes from the server",
            ));
        }
        Ok(())
    }

    /// Writes the device member's cell's meetings as an iCalendar file and says where.
    pub fn export_calendar(&self, _args: crate::views::NoArgs) -> Result<ExportView> {
        let (ics, name) = {
            let store = self.store()?;
            let unit = unit_or_mine(&store, None)?;
            (
                calendar_ics(&store, unit, self.now())?,
                calendar_file_name(&store, unit)?,
            )
        };
        write(&name, ics.as_bytes())
    }
}
