//! `GET /v1/report`: the monitoring figures of the cells at or below a unit, for a superior
//! committee's device (or any device, for the units whose meetings it reads).

use super::auth::{ApiQuery, AuthedDevice};
use super::{AppState, Reply, blocking};
use crate::storage::Backend;
use axum::Json;
use axum::extract::State;
use sotay_sync_protocol::{ApiError, ReportQuery, UnitFigures};
use std::sync::Arc;

/// Every cell at or below `unit` with its year's figures against the targets, computed from the
/// server's records by the same formulas as the app's dashboard.
#[utoipa::path(get, path = "/v1/report", security(("device" = [])),
    params(ReportQuery),
    responses(
        (status = 200, body = UnitFigures),
        (status = 400, description = "not a year to report on", body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, description = "the device does not read that unit's meetings", body = ApiError),
        (status = 404, description = "no such unit", body = ApiError),
    ),
)]
pub(super) async fn report<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    // The token first: a request without one is answered 401, not told what its query lacks.
    AuthedDevice(device): AuthedDevice,
    ApiQuery(q): ApiQuery<ReportQuery>,
) -> Reply<UnitFigures> {
    let figures = blocking(&state, move |e| e.unit_figures(&device, q.unit, q.year)).await?;
    Ok(Json(figures))
}
