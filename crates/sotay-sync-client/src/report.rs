//! The monitoring figures as the server computes them (`GET /v1/report`): what a superior
//! committee's device can show before it has synced every cell below it, and what the tests hold
//! against the figures computed on the device.

use super::{SyncError, answer, credentials, http, transport};
use sotay_store::Store;
use sotay_sync_protocol::UnitFigures;
use uuid::Uuid;

/// The figures of the cells at or below `unit` for `year` (this year when `None`), from the
/// server this device is connected to.
pub fn server_report(
    store: &Store,
    unit: Uuid,
    year: Option<i32>,
) -> Result<UnitFigures, SyncError> {
    let (server, token) = credentials(store)?;
    // An id and a number: nothing in the query needs escaping.
    let year = year.map(|y| format!("&year={y}")).unwrap_or_default();
    let resp = http()?
        .get(format!("{server}/v1/report?unit={unit}{year}"))
        .bearer_auth(&token)
        .send()
        .map_err(transport)?;
    answer(resp)
}
