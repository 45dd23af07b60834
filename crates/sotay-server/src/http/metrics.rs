//! What an operator watches: `/v1/ready` (the database answers) and Prometheus's `/metrics` —
//! requests, pushes and pulls, devices waiting for news, errors, refused sign-ins.
//!
//! The counters are this instance's since it started, as Prometheus expects of each instance it
//! scrapes; nothing a request decides reads them. `/metrics` answers an operator's token
//! (`SOTAY_METRICS_TOKEN`) or a request from this computer itself; one a reverse proxy passed on
//! (it says whom for, `X-Forwarded-For` / `Forwarded`) is not taken for this computer's.

use super::{AppState, HttpError, PeerAddr, blocking};
use crate::storage::Backend;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The environment variable holding the operator's token for `/metrics`.
pub const METRICS_TOKEN_ENV: &str = "SOTAY_METRICS_TOKEN";

#[derive(Debug, Default)]
pub(super) struct Metrics {
    requests: AtomicU64,
    client_errors: AtomicU64,
    server_errors: AtomicU64,
    rate_limited: AtomicU64,
    pushes: AtomicU64,
    pulls: AtomicU64,
    sign_in_failures: AtomicU64,
}

fn add(counter: &AtomicU64) {
    counter.fetch_add(1, Ordering::Relaxed);
}

/// Counts every request by what it was and how it was answered.
pub(super) async fn count<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let m = &state.metrics;
    let status = response.status();
    add(&m.requests);
    if status.is_server_error() {
        add(&m.server_errors);
    } else if status.is_client_error() {
        add(&m.client_errors);
    }
    if status == StatusCode::TOO_MANY_REQUESTS {
        add(&m.rate_limited);
    }
    if status.is_success() {
        match path.as_str() {
            "/v1/push" => add(&m.pushes),
            "/v1/pull" => add(&m.pulls),
            _ => {}
        }
    }
    if path == "/v1/sign-in" && status == StatusCode::UNAUTHORIZED {
        add(&m.sign_in_failures);
    }
    response
}

/// `GET /v1/ready`: 200 once the database answers, 503 while it does not.
#[utoipa::path(get, path = "/v1/ready", responses(
    (status = 200, description = "the database answers"),
    (status = 503, description = "no database connection in time", body = sotay_sync_protocol::ApiError),
))]
pub(super) async fn ready<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
) -> Result<axum::Json<serde_json::Value>, HttpError> {
    blocking(&state, |engine| engine.ready()).await?;
    Ok(axum::Json(serde_json::json!({ "status": "ready" })))
}

/// `GET /metrics`, Prometheus's text format.
pub(super) async fn metrics<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let peer = request.extensions().get::<PeerAddr>().map(|p| p.0.ip());
    if !allowed(state.metrics_token.as_deref(), &headers, peer) {
        return HttpError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "the metrics are for the operator: give the operator's token, or ask from the server itself",
        )
        .into_response();
    }
    let m = &state.metrics;
    let get = |c: &AtomicU64| c.load(Ordering::Relaxed);
    let mut text = String::new();
    let mut metric = |name: &str, kind: &str, help: &str, value: u64| {
        let _ = writeln!(text, "# HELP sotay_{name} {help}");
        let _ = writeln!(text, "# TYPE sotay_{name} {kind}");
        let _ = writeln!(text, "sotay_{name} {value}");
    };
    metric(
        "requests_total",
        "counter",
        "HTTP requests answered (the long-poll aside).",
        get(&m.requests),
    );
    metric(
        "client_errors_total",
        "counter",
        "Requests answered 4xx.",
        get(&m.client_errors),
    );
    metric(
        "server_errors_total",
        "counter",
        "Requests answered 5xx.",
        get(&m.server_errors),
    );
    metric(
        "rate_limited_total",
        "counter",
        "Requests refused for coming too often (429).",
        get(&m.rate_limited),
    );
    metric("pushes_total", "counter", "Pushes taken.", get(&m.pushes));
    metric("pulls_total", "counter", "Pull pages sent.", get(&m.pulls));
    metric(
        "sign_in_failures_total",
        "counter",
        "Sign-ins refused (wrong login or password).",
        get(&m.sign_in_failures),
    );
    let waiting = u64::try_from(state.notices.waiting()).unwrap_or(u64::MAX);
    metric(
        "waiting_devices",
        "gauge",
        "Devices waiting for news on this instance (/v1/live).",
        waiting,
    );
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response()
}

fn allowed(token: Option<&str>, headers: &HeaderMap, peer: Option<std::net::IpAddr>) -> bool {
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if let (Some(expected), Some(given)) = (token, bearer) {
        return same(expected.as_bytes(), given.as_bytes());
    }
    let forwarded =
        headers.contains_key("x-forwarded-for") || headers.contains_key(header::FORWARDED);
    !forwarded && peer.is_some_and(|ip| ip.is_loopback())
}

/// Compares without stopping at the first difference: the time taken says nothing of the token.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
