//! Rate limits, per device (its token) and per address: a flood from one device, or from one
//! address, is answered `429 rate_limited` with `Retry-After` before any handler or database
//! work, and does not slow the others.
//!
//! The limits are generous for real use — a first pull fetches pages back to back, a commune's
//! office may put many devices behind one address — and each instance keeps its own (GCRA, the
//! `governor` crate): a guard against floods, not a quota, so they need no database round trip
//! per request. Requests from this computer's own address are not limited by address (a reverse
//! proxy's all come from there; limit per address in the proxy then), only by device.

use super::{AppState, HttpError, PeerAddr};
use crate::storage::Backend;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use sha2::{Digest, Sha256};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A device: 50 requests a second, 200 at once.
const DEVICE_PER_SECOND: u32 = 50;
const DEVICE_BURST: u32 = 200;
/// An address: 100 requests a second, 400 at once.
const ADDRESS_PER_SECOND: u32 = 100;
const ADDRESS_BURST: u32 = 400;
/// Every so many requests, the keys not seen lately are forgotten.
const TIDY_EVERY: u64 = 4_096;

pub(super) struct Limits {
    by_device: DefaultKeyedRateLimiter<[u8; 16]>,
    by_address: DefaultKeyedRateLimiter<IpAddr>,
    seen: AtomicU64,
}

impl std::fmt::Debug for Limits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Limits")
    }
}

fn quota(per_second: u32, burst: u32) -> Quota {
    let rate = NonZeroU32::new(per_second).unwrap_or(NonZeroU32::MIN);
    Quota::per_second(rate).allow_burst(NonZeroU32::new(burst).unwrap_or(rate))
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            by_device: governor::RateLimiter::keyed(quota(DEVICE_PER_SECOND, DEVICE_BURST)),
            by_address: governor::RateLimiter::keyed(quota(ADDRESS_PER_SECOND, ADDRESS_BURST)),
            seen: AtomicU64::new(0),
        }
    }
}

/// Refuses a request over its device's or its address's limit.
pub(super) async fn limit<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    request: Request,
    next: Next,
) -> Response {
    let limits = &state.limits;
    if limits.seen.fetch_add(1, Ordering::Relaxed) % TIDY_EVERY == 0 {
        limits.by_device.retain_recent();
        limits.by_address.retain_recent();
    }
    let peer = request.extensions().get::<PeerAddr>().map(|p| p.0.ip());
    if let Some(ip) = peer.filter(|ip| !ip.is_loopback())
        && let Err(not_until) = limits.by_address.check_key(&ip)
    {
        return refused(not_until.wait_time_from(DefaultClock::default().now()));
    }
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if let Some(token) = token {
        let digest = Sha256::digest(token.as_bytes());
        let mut key = [0u8; 16];
        key.copy_from_slice(&digest[..16]);
        if let Err(not_until) = limits.by_device.check_key(&key) {
            return refused(not_until.wait_time_from(DefaultClock::default().now()));
        }
    }
    next.run(request).await
}

fn refused(wait: std::time::Duration) -> Response {
    let seconds = wait.as_secs().max(1);
    let mut response = HttpError::new(
        StatusCode::TOO_MANY_REQUESTS,
        "rate_limited",
        format!("too many requests at once; try again in {seconds} s"),
    )
    .into_response();
    if let Ok(value) = HeaderValue::from_str(&seconds.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}
