//! The HTTP face of the server (axum): `/v1/…` routes over the engine. The only module that knows
//! HTTP. Every error leaves as `{kind, message}` with a 4xx status unless the server itself failed.
//! Routes that need a device take an [`auth::AuthedDevice`], so none can forget the token.

mod accept;
mod accounts;
mod admin;
mod auth;
mod calendar;
mod devices;
mod doc;
mod files;
mod limits;
mod live;
mod metrics;
mod report;
mod tls;

pub use doc::ApiDoc;
pub use metrics::METRICS_TOKEN_ENV;
pub use tls::{Tls, TlsError};

use crate::engine::Engine;
use crate::storage::{Backend, ServerError};
use auth::{ApiQuery, AuthedDevice};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::{Json, Router};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sotay_sync_protocol::{
    ApiError, AuditEntry, AuditQuery, InviteRequest, InviteResponse, MAX_LIVE_WAIT, PullQuery,
    PullResponse, PushRequest, PushResponse, RegisterRequest, RegisterResponse,
};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::watch;

/// The largest request body: a full push of long texts fits with room to spare.
pub const MAX_BODY: usize = 16 * 1024 * 1024;

/// The largest file body (`PUT /v1/files/…`): the largest attachment.
const MAX_FILE_BODY: usize = sotay_core::model::MAX_ATTACHMENT_BYTES as usize;

/// How long a live request waits for news before answering "nothing yet".
const LIVE_WAIT: Duration = Duration::from_secs(MAX_LIVE_WAIT);

struct AppState<B> {
    engine: Engine<B>,
    /// Told after every push that changed something, with the units it changed, so the live
    /// requests that may read them wake.
    notices: live::Notices,
    /// Set when the server begins to stop: waiting live requests answer at once instead of
    /// holding the shutdown for the rest of their wait.
    stopping: watch::Sender<bool>,
    metrics: metrics::Metrics,
    limits: limits::Limits,
    /// The operator's token for `/metrics` (`SOTAY_METRICS_TOKEN`), if one is set.
    metrics_token: Option<String>,
}

/// The address a request came from, put on each request by the accept loop (`accept.rs`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PeerAddr(pub std::net::SocketAddr);

/// An error as the client sees it.
#[derive(Debug)]
pub struct HttpError {
    status: StatusCode,
    body: ApiError,
}

impl HttpError {
    fn new(status: StatusCode, kind: &str, message: impl Into<String>) -> Self {
        HttpError {
            status,
            body: ApiError {
                kind: kind.into(),
                message: message.into(),
            },
        }
    }
}

impl From<ServerError> for HttpError {
    fn from(e: ServerError) -> Self {
        let status = match e {
            ServerError::Protocol(_) | ServerError::Invalid(_) => StatusCode::BAD_REQUEST,
            ServerError::UnknownUnit(_) | ServerError::UnknownDevice(_) => StatusCode::NOT_FOUND,
            ServerError::Unauthorized => StatusCode::UNAUTHORIZED,
            ServerError::Forbidden => StatusCode::FORBIDDEN,
            ServerError::InvalidInvite | ServerError::UnknownMember(_) => StatusCode::BAD_REQUEST,
            ServerError::Refused { .. } => StatusCode::CONFLICT,
            ServerError::BadCredentials
            | ServerError::DeviceRevoked
            | ServerError::SessionExpired => StatusCode::UNAUTHORIZED,
            ServerError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            ServerError::Unavailable(_) => {
                tracing::warn!(error = %e, "no database connection in time");
                StatusCode::SERVICE_UNAVAILABLE
            }
            ServerError::Database(_) | ServerError::Corrupt { .. } => {
                tracing::error!(error = %e, "server failure");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        HttpError::new(status, e.kind().as_str(), e.to_string())
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

type Reply<T> = Result<Json<T>, HttpError>;

type Body = Result<Bytes, axum::extract::rejection::BytesRejection>;

/// A body's bytes, or axum's refusal in our error shape (its own is plain text).
fn body_bytes(body: Body) -> Result<Bytes, HttpError> {
    body.map_err(|e| {
        let kind = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "bad_request"
        };
        HttpError::new(e.status(), kind, e.body_text())
    })
}

/// Parses a JSON body with our error shape.
fn parse<T: DeserializeOwned>(body: Body) -> Result<T, HttpError> {
    let body = body_bytes(body)?;
    serde_json::from_slice(&body).map_err(|e| {
        HttpError::new(
            StatusCode::BAD_REQUEST,
            "bad_request",
            format!("the request body is not valid: {e}"),
        )
    })
}

/// Runs blocking engine work off the async threads.
async fn blocking<B, T, F>(state: &Arc<AppState<B>>, f: F) -> Result<T, HttpError>
where
    B: Backend + 'static,
    T: Send + 'static,
    F: FnOnce(&Engine<B>) -> Result<T, ServerError> + Send + 'static,
{
    let state = state.clone();
    tokio::task::spawn_blocking(move || f(&state.engine))
        .await
        .map_err(|_| {
            HttpError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "a request failed",
            )
        })?
        .map_err(HttpError::from)
}

#[derive(Serialize, utoipa::ToSchema)]
struct Health {
    status: &'static str,
    protocol: u32,
}

#[utoipa::path(get, path = "/v1/health", responses((status = 200, body = Health)))]
async fn health() -> Json<Health> {
    Json(Health {
        status: "ok",
        protocol: sotay_sync_protocol::VERSION,
    })
}

#[utoipa::path(post, path = "/v1/devices", request_body = RegisterRequest, responses(
    (status = 200, body = RegisterResponse),
    (status = 400, description = "malformed, or the invite is unknown or used", body = ApiError),
    (status = 413, body = ApiError),
))]
async fn register<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    body: Body,
) -> Reply<RegisterResponse> {
    let req: RegisterRequest = parse(body)?;
    let (registered, offline_days) =
        blocking(&state, move |e| Ok((e.register(&req)?, e.offline_days()))).await?;
    Ok(Json(RegisterResponse {
        token: registered.token,
        member_id: registered.member,
        offline_days: Some(offline_days),
    }))
}

#[utoipa::path(post, path = "/v1/push", request_body = PushRequest, security(("device" = [])), responses(
    (status = 200, description = "a result per mutation", body = PushResponse),
    (status = 400, description = "outside the protocol", body = ApiError),
    (status = 401, body = ApiError),
    (status = 403, description = "another client's id", body = ApiError),
    (status = 413, body = ApiError),
))]
async fn push<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    body: Body,
) -> Reply<PushResponse> {
    let req: PushRequest = parse(body)?;
    let (resp, touched) = blocking(&state, move |e| e.push_touching(&device, &req)).await?;
    if touched.any {
        state.notices.tell(Some(touched.units));
    }
    Ok(Json(resp))
}

#[utoipa::path(get, path = "/v1/pull", security(("device" = [])),
    params(PullQuery),
    responses((status = 200, body = PullResponse), (status = 400, body = ApiError), (status = 401, body = ApiError)),
)]
async fn pull<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    // The token before the query (axum runs extractors in order): a request without a valid
    // token is answered 401 and learns nothing of its query's fate.
    AuthedDevice(device): AuthedDevice,
    ApiQuery(q): ApiQuery<PullQuery>,
) -> Reply<crate::engine::PullPage> {
    // A `PullResponse` on the wire, its records' fields sent as stored (`engine/pull.rs`).
    let page = blocking(&state, move |e| e.pull_page(&device, q.cursor, q.limit)).await?;
    Ok(Json(page))
}

/// A one-time invite for a member's device: an administrator's, or a committee's for a member of
/// its own unit below deputy secretary (or for the committee member's own new device).
#[utoipa::path(post, path = "/v1/invites", request_body = InviteRequest, security(("device" = [])), responses(
    (status = 200, body = InviteResponse),
    (status = 400, description = "no such member (told to administrators only)", body = ApiError),
    (status = 401, body = ApiError),
    (status = 403, description = "this device may not invite for that member", body = ApiError),
))]
async fn invite<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    AuthedDevice(device): AuthedDevice,
    body: Body,
) -> Reply<InviteResponse> {
    let req: InviteRequest = parse(body)?;
    let (code, expires_at) = blocking(&state, move |e| {
        Ok((
            e.invite_member(&device, req.member_id)?,
            e.invite_expires_at(),
        ))
    })
    .await?;
    Ok(Json(InviteResponse { code, expires_at }))
}

/// The audit log: who changed the minutes, tallies, attendance, the roster and its offices,
/// transfers and the tree. For administrators' devices.
#[utoipa::path(get, path = "/v1/audit", security(("device" = [])),
    params(AuditQuery),
    responses(
        (status = 200, description = "entries, oldest first", body = Vec<AuditEntry>),
        (status = 400, body = ApiError),
        (status = 401, body = ApiError),
        (status = 403, description = "not an administrator's device", body = ApiError),
    ),
)]
async fn audit<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    // The token first, as on every device route.
    AuthedDevice(device): AuthedDevice,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Reply<Vec<AuditEntry>> {
    let entries = blocking(&state, move |e| e.audit_log(&device, &q)).await?;
    Ok(Json(entries))
}

/// Refuses a body announced larger than [`MAX_BODY`] (a file: [`MAX_FILE_BODY`]) before reading
/// any of it. (A body sent without a length still stops at the limit while being read.)
async fn announced_size(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let limit = if request.uri().path().starts_with("/v1/files/") {
        MAX_FILE_BODY
    } else {
        MAX_BODY
    };
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if announced.is_some_and(|n| n > limit as u64) {
        return HttpError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("a request body may be at most {limit} bytes"),
        )
        .into_response();
    }
    next.run(request).await
}

async fn not_found() -> HttpError {
    HttpError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "no such endpoint; the API is under /v1",
    )
}

async fn wrong_method() -> HttpError {
    HttpError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this endpoint does not take that method",
    )
}

/// The server's routes over `engine` (without notifications from other instances).
pub fn router<B: Backend + 'static>(engine: Engine<B>) -> Router {
    let (stopping, _) = watch::channel(false);
    app(Arc::new(AppState {
        engine,
        notices: live::Notices::default(),
        stopping,
        metrics: metrics::Metrics::default(),
        limits: limits::Limits::default(),
        metrics_token: None,
    }))
}

fn app<B: Backend + 'static>(state: Arc<AppState<B>>) -> Router {
    Router::new()
        .route("/v1/health", get(health))
        .route("/v1/ready", get(metrics::ready::<B>))
        .route("/metrics", get(metrics::metrics::<B>))
        .route("/v1/openapi.json", get(doc::openapi))
        .route("/v1/devices", post(register::<B>).get(devices::list::<B>))
        .route("/v1/devices/{id}", delete(devices::revoke::<B>))
        .route("/v1/push", post(push::<B>))
        .route("/v1/pull", get(pull::<B>))
        .route("/v1/invites", post(invite::<B>))
        .route("/v1/audit", get(audit::<B>))
        .route("/v1/report", get(report::report::<B>))
        .route(
            "/v1/admin/units",
            get(admin::units::<B>).post(admin::add_unit::<B>),
        )
        .route("/v1/admin/units/{id}/rename", post(admin::rename_unit::<B>))
        .route("/v1/admin/units/{id}/move", post(admin::move_unit::<B>))
        .route("/v1/admin/units/{id}/close", post(admin::close_unit::<B>))
        .route(
            "/v1/admin/members",
            get(admin::members::<B>).post(admin::add_member::<B>),
        )
        .route("/v1/admin/members/{id}/edit", post(admin::edit_member::<B>))
        .route("/v1/admin/members/{id}/move", post(admin::move_member::<B>))
        .route(
            "/v1/admin/members/{id}/office",
            post(admin::set_office::<B>),
        )
        .route("/v1/admin/roster", post(admin::import_roster::<B>))
        .route("/v1/admin/security", get(accounts::security::<B>))
        .route("/v1/password", post(accounts::set_password::<B>))
        .route("/v1/sign-in", post(accounts::sign_in::<B>))
        .route(
            "/v1/calendar-feed",
            post(calendar::renew::<B>).delete(calendar::revoke::<B>),
        )
        .route("/v1/calendar/{file}", get(calendar::feed::<B>))
        .route(
            "/v1/files/{hash}",
            get(files::get::<B>)
                .put(files::put::<B>)
                .layer(DefaultBodyLimit::max(MAX_FILE_BODY)),
        )
        .fallback(not_found)
        .method_not_allowed_fallback(wrong_method)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            limits::limit::<B>,
        ))
        .layer(axum::middleware::from_fn(announced_size))
        .layer(tower_http::decompression::RequestDecompressionLayer::new())
        // zstd for the clients that ask for it (this one's do), gzip for the rest, both at their
        // fastest level: zstd's is smaller than gzip's default, and gzip at its default was a
        // third of the server's CPU in a first pull (BENCHMARKS.md).
        .layer(
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Fastest),
        )
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            metrics::count::<B>,
        ))
        // The long-poll without the layers above: it has no body to limit or inflate, its answer
        // is too small to compress, and each layer kept a future of its own (≈ 1 KB) for every
        // device waiting in it.
        .route("/v1/live", get(live::live::<B>).fallback(wrong_method))
        .with_state(state)
}

/// Serves on `listener` until `shutdown` completes, then finishes the requests under way (live
/// requests answer "nothing new" at once rather than waiting out their long-poll). Other
/// instances' pushes (PostgreSQL NOTIFY) wake this instance's live clients too.
pub async fn serve<B: Backend + 'static>(
    engine: Engine<B>,
    listener: TcpListener,
    tls: Option<Tls>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let (stopping, _) = watch::channel(false);
    let state = Arc::new(AppState {
        engine,
        notices: live::Notices::default(),
        stopping,
        metrics: metrics::Metrics::default(),
        limits: limits::Limits::default(),
        metrics_token: std::env::var(METRICS_TOKEN_ENV)
            .ok()
            .filter(|t| !t.is_empty()),
    });
    let subscriber = state.clone();
    let subscribed = tokio::task::spawn_blocking(move || {
        let relay = subscriber.notices.clone();
        subscriber
            .engine
            .backend()
            .subscribe(Box::new(move |units| relay.tell(units)))
    })
    .await;
    if let Ok(Err(e)) = subscribed {
        tracing::warn!(error = %e, "no change notifications from other instances");
    }
    let stop = state.stopping.clone();
    let shutdown = async move {
        shutdown.await;
        tracing::info!("stopping: the waiting devices are answered, then each connection closes");
        stop.send_replace(true);
    };
    // The last handle on the engine is dropped off the async workers: a backend may block to
    // close (the PostgreSQL client drives its own runtime), which tokio forbids inside one.
    let last = state.clone();
    // One router for every connection (a clone is a reference count): served as a make-service
    // by `axum::serve`, it rebuilt its route table for each connection, ≈ 8 KB a waiting device.
    let served = accept::serve(listener, app(state), tls, shutdown).await;
    // The graceful shutdown returns once every connection has ended, which can be just before
    // the connection's task drops its copy of the router (and with it the state): wait,
    // briefly, to hold the last handle, so the close happens here and not on a worker.
    let mut last = last;
    for _ in 0..500 {
        match Arc::try_unwrap(last) {
            Ok(state) => {
                let _ = tokio::task::spawn_blocking(move || drop(state)).await;
                return served;
            }
            Err(shared) => last = shared,
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    tracing::warn!("a connection still held the server's state after 5 s");
    let _ = tokio::task::spawn_blocking(move || drop(last)).await;
    served
}

#[cfg(test)]
mod tests;
