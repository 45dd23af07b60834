//! The hybrid logical clock (Kulkarni et al., 2014) that orders every change.
//!
//! A timestamp is 64 bits: the physical time in milliseconds since the Unix epoch in the high 48
//! bits and a logical counter in the low 16. It is always ahead of every timestamp this client has
//! made or seen, stays close to wall time, and compares as a plain integer — which is how the store
//! keeps it (an SQLite INTEGER) and how merge rules order writes (ties broken by client id).
//!
//! A device whose clock runs days ahead must not win every future conflict: [`Clock::observe`]
//! refuses remote timestamps further ahead than [`MAX_DRIFT_MS`] of our own wall time and clamps
//! them, telling the caller so the change can be flagged.

use serde::{Deserialize, Serialize};
use std::fmt;

const COUNTER_BITS: u32 = 16;
const COUNTER_MASK: u64 = (1 << COUNTER_BITS) - 1;

/// How far ahead of our wall clock a remote timestamp may be before it is clamped: 5 minutes.
pub const MAX_DRIFT_MS: u64 = 5 * 60 * 1000;

/// A hybrid-logical-clock timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Hlc(pub u64);

impl Hlc {
    pub const ZERO: Hlc = Hlc(0);

    pub fn new(physical_ms: u64, counter: u16) -> Hlc {
        Hlc((physical_ms << COUNTER_BITS) | u64::from(counter))
    }

    pub fn physical_ms(self) -> u64 {
        self.0 >> COUNTER_BITS
    }

    pub fn counter(self) -> u16 {
        // Masked to 16 bits, so the conversion cannot fail.
        u16::try_from(self.0 & COUNTER_MASK).unwrap_or(u16::MAX)
    }

    /// As SQLite stores it. Timestamps fit: 48 bits of milliseconds last until the year 10889.
    pub fn as_i64(self) -> i64 {
        i64::try_from(self.0).unwrap_or(i64::MAX)
    }

    pub fn from_i64(v: i64) -> Hlc {
        Hlc(u64::try_from(v).unwrap_or(0))
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:05}", self.physical_ms(), self.counter())
    }
}

/// What [`Clock::observe`] did with a remote timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Observed {
    /// The remote timestamp was within bounds and the clock moved past it.
    Accepted,
    /// The remote timestamp was too far in the future; the clock advanced only to the bound.
    Clamped { remote: Hlc, bound: Hlc },
}

/// The clock of one client. Callers pass wall time in (the core reads no clocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    last: Hlc,
}

impl Clock {
    /// A clock that resumes after `last`, the greatest timestamp the client has issued or seen.
    pub fn resume(last: Hlc) -> Clock {
        Clock { last }
    }

    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A timestamp for a local event at wall time `now_ms`, greater than any before it.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        let last_physical = self.last.physical_ms();
        self.last = if now_ms > last_physical {
            Hlc::new(now_ms, 0)
        } else if self.last.counter() < u16::MAX {
            Hlc(self.last.0 + 1)
        } else {
            // 65,536 events in one millisecond: borrow the next millisecond rather than overflow.
            Hlc::new(last_physical + 1, 0)
        };
        self.last
    }

    /// Moves the clock past a timestamp received from elsewhere, unless it is more than
    /// [`MAX_DRIFT_MS`] ahead of `now_ms`, in which case the clock moves only to that bound.
    pub fn observe(&mut self, remote: Hlc, now_ms: u64) -> Observed {
        let bound = Hlc::new(now_ms.saturating_add(MAX_DRIFT_MS), 0);
        let (target, outcome) = if remote > bound {
            (bound, Observed::Clamped { remote, bound })
        } else {
            (remote, Observed::Accepted)
        };
        if target > self.last {
            self.last = target;
        }
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_strictly_increasing_even_when_wall_time_stalls_or_goes_back() {
        let mut clock = Clock::resume(Hlc::ZERO);
        let a = clock.tick(1_000);
        let b = clock.tick(1_000);
        let c = clock.tick(900); // the wall clock was set back
        let d = clock.tick(1_001);
        assert!(a < b && b < c && c < d);
        assert_eq!(a, Hlc::new(1_000, 0));
        assert_eq!(c, Hlc::new(1_000, 2));
        assert_eq!(d, Hlc::new(1_001, 0));
    }

    #[test]
    fn counter_overflow_borrows_the_next_millisecond() {
        let mut clock = Clock::resume(Hlc::new(5, u16::MAX));
        assert_eq!(clock.tick(5), Hlc::new(6, 0));
    }

    #[test]
    fn observing_a_later_timestamp_moves_the_clock_past_it() {
        let mut clock = Clock::resume(Hlc::new(1_000, 0));
        assert_eq!(clock.observe(Hlc::new(2_000, 7), 1_500), Observed::Accepted);
        assert_eq!(clock.tick(1_500), Hlc::new(2_000, 8));
    }

    #[test]
    fn a_timestamp_a_day_ahead_is_clamped() {
        let day = 24 * 3600 * 1000;
        let mut clock = Clock::resume(Hlc::ZERO);
        let remote = Hlc::new(10_000 + day, 0);
        let bound = Hlc::new(10_000 + MAX_DRIFT_MS, 0);
        assert_eq!(
            clock.observe(remote, 10_000),
            Observed::Clamped { remote, bound }
        );
        assert_eq!(clock.last(), bound);
    }

    #[test]
    fn round_trips_through_sqlite_integer() {
        let h = Hlc::new(1_732_000_000_000, 42);
        assert_eq!(Hlc::from_i64(h.as_i64()), h);
        assert_eq!(h.physical_ms(), 1_732_000_000_000);
        assert_eq!(h.counter(), 42);
    }
}
