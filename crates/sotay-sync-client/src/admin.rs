//! The administrator's console from an administrator's device, over `/v1/admin/…`: the tree, the
//! roster and its offices, and a roster file's import with its preview. The server writes each
//! change as the administrator; this device, like every other, receives it by its next pull.

use super::{SyncError, ask};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sotay_store::Store;
use sotay_sync_protocol::{
    AdminMember, AdminUnit, CloseUnit, NewUnit, RenameUnit, RosterReport, SetOffice,
};
use uuid::Uuid;

fn get<T: DeserializeOwned>(store: &Store, path: &str) -> Result<T, SyncError> {
    ask(store, |c, server| c.get(format!("{server}{path}")))
}

fn post<B: Serialize, T: DeserializeOwned>(
    store: &Store,
    path: &str,
    body: &B,
) -> Result<T, SyncError> {
    ask(store, |c, server| {
        c.post(format!("{server}{path}")).json(body)
    })
}

/// The whole tree, closed units too.
pub fn units(store: &Store) -> Result<Vec<AdminUnit>, SyncError> {
    get(store, "/v1/admin/units")
}

pub fn add_unit(store: &Store, unit: &NewUnit) -> Result<AdminUnit, SyncError> {
    post(store, "/v1/admin/units", unit)
}

pub fn rename_unit(store: &Store, id: Uuid, to: &RenameUnit) -> Result<AdminUnit, SyncError> {
    post(store, &format!("/v1/admin/units/{id}/rename"), to)
}

pub fn close_unit(store: &Store, id: Uuid, close: &CloseUnit) -> Result<AdminUnit, SyncError> {
    post(store, &format!("/v1/admin/units/{id}/close"), close)
}

/// A unit's roster (every unit's when `None`).
pub fn members(store: &Store, unit: Option<Uuid>) -> Result<Vec<AdminMember>, SyncError> {
    match unit {
        Some(u) => get(store, &format!("/v1/admin/members?unit={u}")),
        None => get(store, "/v1/admin/members"),
    }
}

pub fn set_office(
    store: &Store,
    member: Uuid,
    office: &SetOffice,
) -> Result<AdminMember, SyncError> {
    post(store, &format!("/v1/admin/members/{member}/office"), office)
}

/// Sends a roster file (CSV or XLSX) to be checked and, unless `dry_run`, written — once clean,
/// or with the rows `skip_rows` names left out.
pub fn import_roster(
    store: &Store,
    file: Vec<u8>,
    unit: Option<Uuid>,
    dry_run: bool,
    skip_rows: &[u32],
) -> Result<RosterReport, SyncError> {
    // Written out: the client has no query-string encoder, and nothing here needs escaping.
    let mut url = format!("/v1/admin/roster?dry_run={dry_run}");
    if let Some(unit) = unit {
        url.push_str(&format!("&unit={unit}"));
    }
    if !skip_rows.is_empty() {
        let rows: Vec<String> = skip_rows.iter().map(u32::to_string).collect();
        url.push_str(&format!("&skip_rows={}", rows.join("%2C")));
    }
    ask(store, |c, server| {
        c.post(format!("{server}{url}"))
            .header(reqwest::header::CONTENT_TYPE, "application/octet-stream")
            .body(file)
    })
}
