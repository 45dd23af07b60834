//! `/v1/files/<sha256>`: attachments' bytes, sent after their record is pushed and fetched after
//! it is pulled. The body is the file itself, not JSON.

use super::auth::AuthedDevice;
use super::{AppState, Body, HttpError, blocking, body_bytes};
use crate::storage::Backend;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sotay_sync_protocol::ApiError;
use std::sync::Arc;

/// Keeps a file's bytes. Sent by the device that attached it, once its record is on the server.
#[utoipa::path(put, path = "/v1/files/{hash}", security(("device" = [])),
    params(("hash" = String, Path, description = "SHA-256 of the bytes, lower-case hex")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses(
        (status = 204, description = "kept (or already kept)"),
        (status = 400, description = "the name is not a SHA-256, or the bytes do not match it", body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, description = "no attachment this device may read names the file", body = ApiError),
        (status = 413, body = ApiError),
    ),
)]
pub(super) async fn put<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    Path(hash): Path<String>,
    body: Body,
) -> Result<StatusCode, HttpError> {
    let bytes = body_bytes(body)?;
    blocking(&state, move |e| e.put_file(&device, &hash, &bytes)).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A file's bytes, for a device that may read an attachment naming them.
#[utoipa::path(get, path = "/v1/files/{hash}", security(("device" = [])),
    params(("hash" = String, Path, description = "SHA-256 of the bytes, lower-case hex")),
    responses(
        (status = 200, description = "the file", content_type = "application/octet-stream"),
        (status = 401, body = ApiError),
        (status = 403, description = "no attachment this device may read names the file", body = ApiError),
        (status = 404, description = "not sent to the server yet", body = ApiError),
    ),
)]
pub(super) async fn get<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    Path(hash): Path<String>,
) -> Result<Response, HttpError> {
    let bytes = blocking(&state, move |e| e.file(&device, &hash))
        .await?
        .ok_or_else(|| {
            HttpError::new(
                StatusCode::NOT_FOUND,
                "file_not_sent",
                "the file has not reached the server yet; it is fetched at a later sync",
            )
        })?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/octet-stream"),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        bytes,
    )
        .into_response())
}
