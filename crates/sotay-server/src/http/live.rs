//! `/v1/live`: the long-poll a device waits in for news. A push wakes every waiting device on the
//! instance; each then needs the latest sequence number it can see. Devices that see the same
//! units share one read per change: with 15,000 devices waiting, a change cost 15,000 reads on
//! the blocking pool and reached the last device 1.6 s after it was pushed (3.2 s on
//! PostgreSQL); a cell's devices all ask the same question.

use super::auth::{ApiQuery, AuthedDevice};
use super::{AppState, LIVE_WAIT, Reply, blocking};
use crate::storage::Backend;
use axum::Json;
use axum::extract::State;
use sotay_sync_protocol::{ApiError, LiveQuery, LiveResponse};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::OnceCell;
use uuid::Uuid;

/// What the devices waiting on this instance asked since the last change: the latest sequence
/// number each set of readable units (`None`: all) can see, read once. It lives for one change
/// and holds nothing another instance would need: a read of the database, shared while it is
/// current, and dropped at the next change.
#[derive(Default)]
pub(super) struct Latest {
    answers: Mutex<(u64, Answers)>,
}

/// One read each, by the units it was for: a device's [`readable_units`], `None` for all.
///
/// [`readable_units`]: sotay_core::access::Principal::readable_units
type Answers = HashMap<Option<Vec<Uuid>>, Arc<OnceCell<i64>>>;

impl Latest {
    /// The shared answer for `units` as of change `generation`: read by the first device that
    /// asks, awaited by the others.
    fn cell(&self, generation: u64, units: &Option<Vec<Uuid>>) -> Arc<OnceCell<i64>> {
        let mut answers = self.answers.lock().unwrap_or_else(|p| p.into_inner());
        if answers.0 != generation {
            // A later change makes every earlier answer stale; an earlier one (a device that
            // looked before the bump) must not replace the newer map.
            if generation < answers.0 {
                return Arc::new(OnceCell::new());
            }
            *answers = (generation, HashMap::new());
        }
        answers.1.entry(units.clone()).or_default().clone()
    }
}

/// Long-poll: answers as soon as something after `cursor` is there to pull, or after 25 s.
#[utoipa::path(get, path = "/v1/live", security(("device" = [])),
    params(LiveQuery),
    responses((status = 200, body = LiveResponse), (status = 400, body = ApiError), (status = 401, body = ApiError)),
)]
pub(super) async fn live<B: Backend + 'static>(
    State(state): State<Arc<AppState<B>>>,
    ApiQuery(q): ApiQuery<LiveQuery>,
    AuthedDevice(device): AuthedDevice,
) -> Reply<LiveResponse> {
    let mut changed = state.changed.subscribe();
    let mut stopping = state.stopping.subscribe();
    let wait = q.wait.map_or(LIVE_WAIT, |s| {
        Duration::from_secs(s.clamp(1, LIVE_WAIT.as_secs()))
    });
    let deadline = tokio::time::Instant::now() + wait;
    let units = device.principal.readable_units();
    drop(device);
    loop {
        // Marked seen before the read, so a push that lands during it wakes this device again.
        let generation = *changed.borrow_and_update();
        let latest = *state
            .latest
            .cell(generation, &units)
            .get_or_try_init(|| {
                let units = units.clone();
                blocking(&state, move |e| e.latest_seq_in(units.as_deref()))
            })
            .await?;
        if latest > q.cursor {
            return Ok(Json(LiveResponse {
                changed: true,
                latest,
            }));
        }
        // Wait for the next push anywhere, then look again — unless the wait runs out or the
        // server is stopping (the client asks again, of this instance or another).
        let woken = tokio::select! {
            woken = tokio::time::timeout_at(deadline, changed.changed()) => woken.is_ok(),
            _ = stopping.wait_for(|stop| *stop) => false,
        };
        if !woken {
            return Ok(Json(LiveResponse {
                changed: false,
                latest,
            }));
        }
    }
}
