//! `/v1/live`: the long-poll a device waits in for news. A push tells the waiting devices which
//! units it changed, and only those that may read one of them look again: a device's news is
//! the latest sequence number it can see, a read of the database, and 15,000 devices waiting
//! across a province's cells would otherwise each read it after every push anywhere. Devices that
//! read the same units share that read (a cell's devices ask the same question).

use super::auth::{ApiQuery, AuthedDevice};
use super::{AppState, LIVE_WAIT, Reply, blocking};
use crate::storage::{Announced, Backend};
use axum::Json;
use axum::extract::State;
use sotay_sync_protocol::{ApiError, LiveQuery, LiveResponse};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{OnceCell, broadcast};
use uuid::Uuid;

/// Notices a waiting device has not looked at yet before it is told to look again anyway.
const BACKLOG: usize = 256;

/// A change, as the waiting devices are told of it: its number on this instance, and the units
/// it touched (`None`: not said, every device looks).
#[derive(Clone)]
struct Notice {
    generation: u64,
    units: Option<Arc<[Uuid]>>,
}

impl Notice {
    /// Whether a device reading `readable` (`None`: everything) may see something new.
    fn concerns(&self, readable: Option<&[Uuid]>) -> bool {
        match (&self.units, readable) {
            (None, _) | (_, None) => true,
            (Some(touched), Some(readable)) => touched.iter().any(|u| readable.contains(u)),
        }
    }
}

/// The notices of this instance's changes (its own pushes, and other instances' announced by
/// the database), and the answers they make stale.
#[derive(Clone)]
pub(super) struct Notices(Arc<Inner>);

struct Inner {
    sender: broadcast::Sender<Notice>,
    /// The last notice's number: a device that starts waiting reads its news as of it.
    generation: AtomicU64,
    latest: Latest,
}

impl Default for Notices {
    fn default() -> Self {
        Notices(Arc::new(Inner {
            sender: broadcast::channel(BACKLOG).0,
            generation: AtomicU64::new(0),
            latest: Latest::default(),
        }))
    }
}

impl Notices {
    /// How many requests wait for news on this instance now.
    pub(super) fn waiting(&self) -> usize {
        self.0.sender.receiver_count()
    }

    /// Tells the waiting devices that `units` changed (`None`: something, unsaid).
    pub(super) fn tell(&self, units: Announced) {
        // Numbered before it is sent: a device that reads the number after this sees the
        // change in the database, one that read it before receives the notice.
        let generation = self.0.generation.fetch_add(1, Ordering::SeqCst) + 1;
        let _ = self.0.sender.send(Notice {
            generation,
            units: units.map(Arc::from),
        });
    }
}

/// What the devices waiting on this instance asked since the last change: the latest sequence
/// number each set of readable units (`None`: all) can see, read once. It lives for one change
/// and holds nothing another instance would need: a read of the database, shared while it is
/// current, and dropped at the next change.
#[derive(Default)]
struct Latest {
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
    // The token first: a request without one is answered 401, not told what its query lacks.
    AuthedDevice(device): AuthedDevice,
    ApiQuery(q): ApiQuery<LiveQuery>,
) -> Reply<LiveResponse> {
    let notices = &state.notices.0;
    // Subscribed before the number is read, so no change falls between the two.
    let mut told = notices.sender.subscribe();
    let mut stopping = state.stopping.subscribe();
    let wait = q.wait.map_or(LIVE_WAIT, |s| {
        Duration::from_secs(s.clamp(1, LIVE_WAIT.as_secs()))
    });
    let deadline = tokio::time::Instant::now() + wait;
    let units = device.principal.readable_units();
    drop(device);
    let mut generation = notices.generation.load(Ordering::SeqCst);
    loop {
        let latest = *notices
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
        // Wait for a change this device may read, then look again — unless the wait runs out
        // or the server is stopping (the client asks again, of this instance or another).
        let next = loop {
            let heard = tokio::select! {
                heard = tokio::time::timeout_at(deadline, told.recv()) => heard,
                _ = stopping.wait_for(|stop| *stop) => break None,
            };
            match heard {
                Ok(Ok(notice)) if notice.concerns(units.as_deref()) => {
                    break Some(notice.generation);
                }
                Ok(Ok(_)) => {}
                // Notices were missed: whatever they said, look.
                Ok(Err(RecvError::Lagged(_))) => {
                    break Some(notices.generation.load(Ordering::SeqCst));
                }
                Ok(Err(RecvError::Closed)) | Err(_) => break None,
            }
        };
        match next {
            Some(g) => generation = g,
            None => {
                return Ok(Json(LiveResponse {
                    changed: false,
                    latest,
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_notice_concerns_the_devices_that_read_what_it_touched() {
        let (east, west) = (Uuid::now_v7(), Uuid::now_v7());
        let notice = |units: Option<Vec<Uuid>>| Notice {
            generation: 1,
            units: units.map(Arc::from),
        };
        let east_changed = notice(Some(vec![east]));
        assert!(east_changed.concerns(Some(&[east])));
        assert!(!east_changed.concerns(Some(&[west])));
        assert!(
            east_changed.concerns(None),
            "an administrator reads everything"
        );
        // A record of no unit: administrators only.
        assert!(!notice(Some(vec![])).concerns(Some(&[east])));
        assert!(notice(Some(vec![])).concerns(None));
        // Not said: everyone looks.
        assert!(notice(None).concerns(Some(&[west])));
    }
}
