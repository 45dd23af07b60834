//! Extractors with the API's error shape: the authenticated device (from its bearer token) and a
//! query string. A route that names `AuthedDevice` cannot run for a request without a valid token;
//! each names it before any other extractor that can refuse (axum runs them in order), so such a
//! request is answered 401, not told what else is wrong with it.

use super::{AppState, HttpError, blocking};
use crate::registry::Device;
use crate::storage::Backend;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// The device a request comes from, authenticated by `Authorization: Bearer <token>`.
#[derive(Debug)]
pub(super) struct AuthedDevice(pub Device);

impl<B: Backend + 'static> FromRequestParts<Arc<AppState<B>>> for AuthedDevice {
    type Rejection = HttpError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState<B>>,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| {
                HttpError::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthorized",
                    "send the device token as `Authorization: Bearer …`",
                )
            })?
            .to_owned();
        blocking(state, move |e| e.authenticate(&token))
            .await
            .map(AuthedDevice)
    }
}

/// A query string, refused as `{kind: "bad_request", …}` (axum's own refusal is plain text).
#[derive(Debug)]
pub(super) struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = HttpError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(q)| ApiQuery(q))
            .map_err(|e| HttpError::new(StatusCode::BAD_REQUEST, "bad_request", e.body_text()))
    }
}
