//! `GET /v1/devices` (a member's devices: theirs, or, for their cell committee or an
//! administrator, another member's) and `DELETE /v1/devices/{client_id}` (signs one out).
//! `POST /v1/devices`, joining with an invite, is in `http.rs` with the rest of the sync.

use super::admin::id;
use super::auth::{ApiQuery, AuthedDevice};
use super::{AppState, Reply, blocking};
use crate::storage::Backend;
use axum::Json;
use axum::extract::{Path, State};
use sotay_core::ClientId;
use sotay_sync_protocol::{ApiError, DeviceInfo, DevicesQuery};
use std::sync::Arc;

/// The devices of the asking device's member, or of `member` (their cell committee, an
/// administrator), or every device (`all`, administrators). Newest first.
#[utoipa::path(get, path = "/v1/devices", security(("device" = [])), params(DevicesQuery), responses(
    (status = 200, body = Vec<DeviceInfo>),
    (status = 400, body = ApiError),
    (status = 401, body = ApiError),
    (status = 403, description = "not this member's, their cell committee's or an administrator's device", body = ApiError),
))]
pub(super) async fn list<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    ApiQuery(q): ApiQuery<DevicesQuery>,
) -> Reply<Vec<DeviceInfo>> {
    Ok(Json(
        blocking(&state, move |e| e.devices(&device, &q)).await?,
    ))
}

/// Signs a device out: the member's own, or a lost one (their cell committee, an
/// administrator). Its token stops working; at its next contact it erases what it holds.
#[utoipa::path(delete, path = "/v1/devices/{client_id}", security(("device" = [])),
    params(("client_id" = String, Path, format = Uuid, description = "the device's client id")),
    responses(
        (status = 200, description = "signed out (or already)", body = DeviceInfo),
        (status = 400, body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError),
        (status = 404, description = "no such device (administrators are told)", body = ApiError),
    ),
)]
pub(super) async fn revoke<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    Path(raw): Path<String>,
) -> Reply<DeviceInfo> {
    let client = ClientId(id(&raw)?);
    let info = blocking(&state, move |e| e.revoke_device(&device, client)).await?;
    Ok(Json(info))
}
