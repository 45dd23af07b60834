//! `/v1/admin/…`: the administrator's console over the tree and the roster, for administrators'
//! devices only. Each change is pushed as the device (`admin.rs` in the crate), so the devices
//! that read the units it touched are woken like after any push.

use super::auth::{ApiQuery, AuthedDevice};
use super::{AppState, Body, HttpError, Reply, blocking, parse};
use crate::engine::Engine;
use crate::storage::{Backend, Result, Touched};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::de::DeserializeOwned;
use sotay_sync_protocol::{
    AdminMember, AdminUnit, ApiError, CloseUnit, EditMember, MembersQuery, MoveMember, MoveUnit,
    NewMember, NewUnit, RenameUnit, RosterQuery, RosterReport, SetOffice,
};
use std::sync::Arc;
use uuid::Uuid;

/// A record id from the path, refused in the API's error shape.
pub(super) fn id(raw: &str) -> std::result::Result<Uuid, HttpError> {
    Uuid::parse_str(raw).map_err(|_| {
        HttpError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            format!("{raw:?} is not an id"),
        )
    })
}

/// Runs a console change with the request's body and wakes the devices it concerns.
async fn change<B, Req, T>(
    state: &Arc<AppState<B>>,
    body: Body,
    f: impl FnOnce(&Engine<B>, &Req) -> Result<(T, Touched)> + Send + 'static,
) -> Reply<T>
where
    B: Backend + 'static,
    Req: DeserializeOwned + Send + 'static,
    T: Send + 'static,
{
    let req: Req = parse(body)?;
    let (value, touched) = blocking(state, move |e| f(e, &req)).await?;
    if touched.any {
        state.notices.tell(Some(touched.units));
    }
    Ok(Json(value))
}

/// The tree: every unit, closed ones too, each followed by its branch.
#[utoipa::path(get, path = "/v1/admin/units", security(("device" = [])), responses(
    (status = 200, body = Vec<AdminUnit>),
    (status = 401, body = ApiError),
    (status = 403, description = "not an administrator's device", body = ApiError),
))]
pub(super) async fn units<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
) -> Reply<Vec<AdminUnit>> {
    Ok(Json(
        blocking(&state, move |e| e.admin_units(&device)).await?,
    ))
}

/// Adds a unit: the root on a fresh server, else under an open unit of a higher level.
#[utoipa::path(post, path = "/v1/admin/units", request_body = NewUnit, security(("device" = [])), responses(
    (status = 200, body = AdminUnit),
    (status = 400, description = "malformed, or a value fails validation", body = ApiError),
    (status = 401, body = ApiError),
    (status = 403, description = "not an administrator's device", body = ApiError),
    (status = 404, description = "no such parent unit", body = ApiError),
    (status = 409, description = "bad_tree or unit_closed", body = ApiError),
))]
pub(super) async fn add_unit<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    body: Body,
) -> Reply<AdminUnit> {
    change(&state, body, move |e, req: &NewUnit| {
        e.add_unit(&device, req)
    })
    .await
}

/// Renames a unit (and changes its code when one is given).
#[utoipa::path(post, path = "/v1/admin/units/{id}/rename", request_body = RenameUnit, security(("device" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = AdminUnit),
        (status = 400, body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
    ),
)]
pub(super) async fn rename_unit<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    Path(raw): Path<String>,
    body: Body,
) -> Reply<AdminUnit> {
    let unit = id(&raw)?;
    change(&state, body, move |e, req: &RenameUnit| {
        e.rename_unit(&device, unit, req)
    })
    .await
}

/// Puts a unit, with its branch, under another.
#[utoipa::path(post, path = "/v1/admin/units/{id}/move", request_body = MoveUnit, security(("device" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = AdminUnit),
        (status = 400, body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, description = "bad_tree or unit_closed", body = ApiError),
    ),
)]
pub(super) async fn move_unit<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    Path(raw): Path<String>,
    body: Body,
) -> Reply<AdminUnit> {
    let unit = id(&raw)?;
    change(&state, body, move |e, req: &MoveUnit| {
        e.move_unit(&device, unit, req)
    })
    .await
}

/// Closes a unit from a day; it must hold no members and no open units.
#[utoipa::path(post, path = "/v1/admin/units/{id}/close", request_body = CloseUnit, security(("device" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = AdminUnit),
        (status = 400, body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, description = "unit_not_empty or unit_closed", body = ApiError),
    ),
)]
pub(super) async fn close_unit<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    Path(raw): Path<String>,
    body: Body,
) -> Reply<AdminUnit> {
    let unit = id(&raw)?;
    change(&state, body, move |e, req: &CloseUnit| {
        e.close_unit(&device, unit, req)
    })
    .await
}

/// One unit's roster, or every unit's.
#[utoipa::path(get, path = "/v1/admin/members", security(("device" = [])), params(MembersQuery), responses(
    (status = 200, body = Vec<AdminMember>),
    (status = 400, body = ApiError),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError),
    (status = 404, body = ApiError),
))]
pub(super) async fn members<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    ApiQuery(q): ApiQuery<MembersQuery>,
) -> Reply<Vec<AdminMember>> {
    Ok(Json(
        blocking(&state, move |e| e.admin_members(&device, q.unit)).await?,
    ))
}

/// Adds a member to a unit's roster, unless they are on it already.
#[utoipa::path(post, path = "/v1/admin/members", request_body = NewMember, security(("device" = [])), responses(
    (status = 200, body = AdminMember),
    (status = 400, body = ApiError),
    (status = 401, body = ApiError),
    (status = 403, body = ApiError),
    (status = 404, description = "no such unit", body = ApiError),
    (status = 409, description = "duplicate_member, office_taken or unit_closed", body = ApiError),
))]
pub(super) async fn add_member<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    body: Body,
) -> Reply<AdminMember> {
    change(&state, body, move |e, req: &NewMember| {
        e.add_member(&device, req)
    })
    .await
}

/// Changes a member's details; what the body leaves out stays.
#[utoipa::path(post, path = "/v1/admin/members/{id}/edit", request_body = EditMember, security(("device" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = AdminMember),
        (status = 400, body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, description = "duplicate_member", body = ApiError),
    ),
)]
pub(super) async fn edit_member<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    Path(raw): Path<String>,
    body: Body,
) -> Reply<AdminMember> {
    let member = id(&raw)?;
    change(&state, body, move |e, req: &EditMember| {
        e.edit_member(&device, member, req)
    })
    .await
}

/// Moves a member to another unit from a day, with the transfer that keeps their history.
#[utoipa::path(post, path = "/v1/admin/members/{id}/move", request_body = MoveMember, security(("device" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = AdminMember),
        (status = 400, body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, description = "unit_closed", body = ApiError),
    ),
)]
pub(super) async fn move_member<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    Path(raw): Path<String>,
    body: Body,
) -> Reply<AdminMember> {
    let member = id(&raw)?;
    change(&state, body, move |e, req: &MoveMember| {
        e.move_member(&device, member, req)
    })
    .await
}

/// Gives a member an office in their unit, or takes it back.
#[utoipa::path(post, path = "/v1/admin/members/{id}/office", request_body = SetOffice, security(("device" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, body = AdminMember),
        (status = 400, body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError),
        (status = 404, body = ApiError),
        (status = 409, description = "office_taken", body = ApiError),
    ),
)]
pub(super) async fn set_office<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    Path(raw): Path<String>,
    body: Body,
) -> Reply<AdminMember> {
    let member = id(&raw)?;
    change(&state, body, move |e, req: &SetOffice| {
        e.set_office(&device, member, req)
    })
    .await
}

/// A roster file (CSV or XLSX, as the body) read, checked and, once clean — or with the rows that
/// have problems named in `skip_rows` — written. Problems are in the answer, not an error: it is
/// the preview.
#[utoipa::path(post, path = "/v1/admin/roster", security(("device" = [])), params(RosterQuery),
    request_body(content = Vec<u8>, description = "the file: CSV (UTF-8) or XLSX", content_type = "application/octet-stream"),
    responses(
        (status = 200, description = "every row as read, its problems, what was written", body = RosterReport),
        (status = 400, description = "a malformed query", body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, body = ApiError),
        (status = 404, description = "no such unit", body = ApiError),
        (status = 413, body = ApiError),
    ),
)]
pub(super) async fn import_roster<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    ApiQuery(q): ApiQuery<RosterQuery>,
    body: Body,
) -> Reply<RosterReport> {
    let file = super::body_bytes(body)?;
    let (report, touched) = blocking(&state, move |e| e.import_roster(&device, &file, &q)).await?;
    if touched.any {
        state.notices.tell(Some(touched.units));
    }
    Ok(Json(report))
}
