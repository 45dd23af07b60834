//! `/v1/password` (a member's device sets the member's password), `/v1/sign-in` (another device
//! signs in with it) and `/v1/admin/security` (the security log, for administrators' devices).

use super::auth::{ApiQuery, AuthedDevice};
use super::{AppState, Body, HttpError, PeerAddr, Reply, blocking, parse};
use crate::storage::Backend;
use axum::extract::State;
use axum::http::StatusCode;
use axum::{Extension, Json};
use sotay_sync_protocol::{
    ApiError, PasswordRequest, RegisterResponse, SecurityEvent, SecurityQuery, SignInRequest,
};
use std::sync::Arc;

/// Sets the password of the member this device belongs to (8 to 200 characters).
#[utoipa::path(post, path = "/v1/password", request_body = PasswordRequest, security(("device" = [])), responses(
    (status = 204, description = "set"),
    (status = 400, description = "malformed, or too short or too long", body = ApiError),
    (status = 401, body = ApiError),
    (status = 403, description = "not a member's device", body = ApiError),
))]
pub(super) async fn set_password<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    body: Body,
) -> Result<StatusCode, HttpError> {
    let req: PasswordRequest = parse(body)?;
    blocking(&state, move |e| e.set_password(&device, &req.password)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs a device in with a member's card number or phone and password: the device's token, as
/// an invite gives. Limited per account and per address.
#[utoipa::path(post, path = "/v1/sign-in", request_body = SignInRequest, responses(
    (status = 200, body = RegisterResponse),
    (status = 400, description = "malformed", body = ApiError),
    (status = 401, description = "bad_credentials: the login or the password is not right", body = ApiError),
    (status = 429, description = "rate_limited: too many failures; the message says when to try again", body = ApiError),
))]
pub(super) async fn sign_in<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    peer: Option<Extension<PeerAddr>>,
    body: Body,
) -> Reply<RegisterResponse> {
    let req: SignInRequest = parse(body)?;
    let address = peer.map(|Extension(PeerAddr(a))| a.ip().to_string());
    let (signed, offline_days) = blocking(&state, move |e| {
        Ok((e.sign_in(&req, address.as_deref())?, e.offline_days()))
    })
    .await?;
    Ok(Json(RegisterResponse {
        token: signed.token,
        member_id: signed.member,
        offline_days: Some(offline_days),
    }))
}

/// The security log: sign-ins, failures, refusals for too many, passwords set; oldest first.
#[utoipa::path(get, path = "/v1/admin/security", security(("device" = [])), params(SecurityQuery), responses(
    (status = 200, body = Vec<SecurityEvent>),
    (status = 400, body = ApiError),
    (status = 401, body = ApiError),
    (status = 403, description = "not an administrator's device", body = ApiError),
))]
pub(super) async fn security<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    ApiQuery(q): ApiQuery<SecurityQuery>,
) -> Reply<Vec<SecurityEvent>> {
    let limit = q.limit.unwrap_or(sotay_sync_protocol::DEFAULT_PAGE);
    let events = blocking(&state, move |e| {
        e.security_log(&device, q.after.unwrap_or(0), limit)
    })
    .await?;
    Ok(Json(events))
}
