//! `sotay ui-bridge`: the desktop UI in a web browser, for development and the browser tests.
//!
//! It serves the built UI and answers `POST /api/<command>` with the same [`sotay_app`] commands
//! the Tauri shell calls — the real store, the real sync — so a test that drives the browser
//! drives the app. Errors keep the `{kind, message}` shape. It listens on loopback only by
//! default and has no authentication: it is not a server for members. It answers only requests
//! addressed to its own loopback address: one whose `Host` or `Origin` names another host (a web
//! page elsewhere posting to it, a DNS name rebound to 127.0.0.1) is refused.

use super::clock::Clock;
use super::error::CliError;
use super::output::Out;
use axum::Json;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use sotay_app::{AppError, ErrorKind, Launcher};
use sotay_store::Opener;
use std::path::Path;
use std::sync::Arc;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

pub fn run(
    store: Opener,
    now: Option<&Clock>,
    ui: &Path,
    listen: &str,
    out: &mut Out,
) -> Result<(), CliError> {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    // `--now`'s clock, for the browser tests: the app's "now" and its writes follow it.
    let now = now.map_or_else(
        || -> sotay_app::Now { Arc::new(chrono::Utc::now) },
        Clock::app_now,
    );
    // A store that cannot be opened (damaged, not a store, from a newer Sotay, encrypted and no
    // passphrase given) is served as the window serves it: every command answers why, and the
    // UI says it in the member's language with what to do (or asks for the passphrase).
    let launcher = Arc::new(Launcher::command_line(
        store,
        Arc::new(|event| tracing::debug!(?event, "app event")),
        now,
    ));
    let index = ui.join("index.html");
    let ui = ui.to_path_buf();
    let router = move |port: u16| {
        axum::Router::new()
            .route("/api/{command}", post(call))
            // A chosen file arrives as base64 in its command (4/3 of the largest attachment).
            .layer(axum::extract::DefaultBodyLimit::max(
                (sotay_core::model::MAX_ATTACHMENT_BYTES as usize) / 3 * 4 + 64 * 1024,
            ))
            .with_state(launcher)
            .fallback_service(ServeDir::new(ui).fallback(ServeFile::new(index)))
            .layer(SetResponseHeaderLayer::overriding(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(sotay_app::CONTENT_SECURITY_POLICY),
            ))
            .layer(axum::middleware::from_fn(move |req, next| {
                own_address_only(port, req, next)
            }))
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = super::server::bind(listen, out).await?;
        let port = listener.local_addr()?.port();
        axum::serve(listener, router(port))
            .with_graceful_shutdown(super::server::shutdown())
            .await?;
        Ok(())
    })
}

async fn call(
    State(launcher): State<Arc<Launcher>>,
    UrlPath(command): UrlPath<String>,
    body: axum::body::Bytes,
) -> Response {
    let args = if body.is_empty() {
        Ok(serde_json::json!({}))
    } else {
        serde_json::from_slice(&body)
            .map_err(|e| AppError::bad_request(format!("the body is not JSON: {e}")))
    };
    // SQLite work blocks: keep it off the async workers, as the desktop shell does.
    let outcome = tokio::task::spawn_blocking(move || {
        if command == "unlock_store" {
            let args = serde_json::from_value(args?)
                .map_err(|e| AppError::bad_request(format!("unlock_store: {e}")))?;
            return serde_json::to_value(launcher.unlock_store(args)?)
                .map_err(|e| AppError::new(ErrorKind::Internal, e.to_string()));
        }
        let app = launcher.app()?;
        args.and_then(|args| sotay_app::commands::dispatch(&app, &command, args))
    })
    .await
    .unwrap_or_else(|e| Err(AppError::new(ErrorKind::Internal, e.to_string())));
    match outcome {
        Ok(value) => Json(value).into_response(),
        Err(e) => {
            let status = match e.kind {
                ErrorKind::UnknownCommand | ErrorKind::NotFound => StatusCode::NOT_FOUND,
                ErrorKind::Internal | ErrorKind::Database | ErrorKind::Corrupt => {
                    StatusCode::INTERNAL_SERVER_ERROR
                }
                // The store cannot be used until a person acts; the bridge itself is fine.
                ErrorKind::StoreDamaged => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            (status, Json(e)).into_response()
        }
    }
}

/// Lets through a request whose `Host` (and `Origin`, when it has one) is this bridge's own
/// loopback address; refuses any other with `forbidden`.
async fn own_address_only(
    port: u16,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let headers = req.headers();
    let host_ok = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|h| loopback(h, port));
    let origin_ok = headers.get(header::ORIGIN).is_none_or(|o| {
        o.to_str()
            .ok()
            .and_then(|o| o.strip_prefix("http://"))
            .is_some_and(|o| loopback(o, port))
    });
    if host_ok && origin_ok {
        return next.run(req).await;
    }
    let refusal = AppError::new(
        ErrorKind::Forbidden,
        "the development bridge answers only pages of its own loopback address",
    );
    (StatusCode::FORBIDDEN, Json(refusal)).into_response()
}

/// Whether `authority` (`host:port`) is a loopback host — `localhost`, `127.x.x.x`, `[::1]` —
/// at `port`.
fn loopback(authority: &str, port: u16) -> bool {
    let (host, at) = match authority.strip_prefix('[') {
        Some(rest) => match rest.split_once("]:") {
            Some((host, at)) => (host, at),
            None => return false,
        },
        None => match authority.rsplit_once(':') {
            Some((host, at)) => (host, at),
            None => return false,
        },
    };
    let local = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    local && at.parse::<u16>() == Ok(port)
}

#[cfg(test)]
mod tests {
    use super::loopback;

    #[test]
    fn only_this_port_on_a_loopback_host_is_its_own_address() {
        for own in [
            "127.0.0.1:4000",
            "localhost:4000",
            "LOCALHOST:4000",
            "[::1]:4000",
            "127.1.2.3:4000",
        ] {
            assert!(loopback(own, 4000), "{own}");
        }
        for other in [
            "127.0.0.1:4001",
            "evil.example:4000",
            "127.0.0.1.evil.example:4000",
            "localhost",
            "[::1]",
            "10.0.0.5:4000",
            "",
        ] {
            assert!(!loopback(other, 4000), "{other}");
        }
    }
}
