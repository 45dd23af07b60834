//! `/v1/calendar-feed` (a member's device makes, replaces or revokes its member's calendar
//! subscription) and `/v1/calendar/<secret>.ics` (what a phone's calendar fetches, with no token).

use super::auth::AuthedDevice;
use super::{AppState, HttpError, Reply, blocking};
use crate::storage::Backend;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sotay_sync_protocol::{ApiError, CalendarFeed};
use std::sync::Arc;

/// Makes the device member's calendar subscription, replacing (revoking) the one before.
#[utoipa::path(post, path = "/v1/calendar-feed", security(("device" = [])), responses(
    (status = 200, body = CalendarFeed),
    (status = 401, body = ApiError),
    (status = 403, description = "not a member's own device", body = ApiError),
))]
pub(super) async fn renew<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
) -> Reply<CalendarFeed> {
    let secret = blocking(&state, move |e| e.renew_calendar_feed(&device)).await?;
    Ok(Json(CalendarFeed {
        path: format!("/v1/calendar/{secret}.ics"),
    }))
}

/// Revokes the device member's calendar subscription.
#[utoipa::path(delete, path = "/v1/calendar-feed", security(("device" = [])), responses(
    (status = 204, description = "revoked"),
    (status = 401, body = ApiError),
    (status = 403, description = "not a member's own device", body = ApiError),
))]
pub(super) async fn revoke<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
) -> Result<StatusCode, HttpError> {
    blocking(&state, move |e| e.revoke_calendar_feed(&device)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The member's unit's meetings as iCalendar, for a phone's calendar subscription.
#[utoipa::path(get, path = "/v1/calendar/{file}",
    params(("file" = String, Path, description = "<secret>.ics")),
    responses(
        (status = 200, description = "text/calendar", content_type = "text/calendar"),
        (status = 404, description = "unknown or revoked", body = ApiError),
    ),
)]
pub(super) async fn feed<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    Path(file): Path<String>,
) -> Result<Response, HttpError> {
    let gone = || {
        HttpError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "no such calendar: the address is wrong or was revoked",
        )
    };
    let secret = file.strip_suffix(".ics").ok_or_else(gone)?.to_owned();
    let ics = blocking(&state, move |e| e.calendar_feed(&secret))
        .await?
        .ok_or_else(gone)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        ics,
    )
        .into_response())
}
