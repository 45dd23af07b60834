//! `--now WHEN` (or `SOTAY_NOW`): the instant a command starts at, for tests and training.
//!
//! The demo is made around "now", and most of what a member reads is judged against it — the
//! next meeting, the open and overdue tasks, this year's figures, last year's ratings — so a
//! test that reads demo data says what day it is, or it passes on one day and fails on another.
//! The clock starts at WHEN and runs on with real elapsed time: it is an offset from the system
//! clock, not a frozen instant, because the hybrid logical clock, a countdown and the sync's
//! waits all need time to move. sotay-core reads no clocks; this is where the binary's is made.

use chrono::{DateTime, Utc};
use std::sync::Arc;
use std::time::Instant;

/// A clock that read WHEN when the command started and has run on in real time since.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    start: DateTime<Utc>,
    /// When `start` was true: the clock adds the time elapsed since.
    since: Instant,
}

/// Why `--now` was refused (clap reports it with the value and exits 2).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum BadNow {
    #[error(
        "not an instant: write 2026-12-07T09:00:00+07:00 (RFC 3339), or a time in Vietnam as \
         07/12/2026 09:00 or 07/12/2026 (its midnight)"
    )]
    NotAnInstant,
    /// The store keeps wall time as milliseconds since 1970, which cannot go below zero.
    #[error("before 01/01/1970, which the store's clock cannot show")]
    BeforeTheEpoch,
}

impl Clock {
    /// A clock that reads `start` now.
    pub fn starting_at(start: DateTime<Utc>) -> Clock {
        Clock {
            start,
            since: Instant::now(),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        // An elapsed time too large for chrono (centuries) cannot happen in one run.
        let elapsed = chrono::Duration::from_std(self.since.elapsed()).unwrap_or_default();
        self.start + elapsed
    }

    /// This clock as a store's (or the server's) wall clock, in milliseconds since the epoch.
    pub fn wall(&self) -> sotay_store::WallClock {
        let clock = *self;
        Arc::new(move || u64::try_from(clock.now().timestamp_millis()).unwrap_or(0))
    }

    /// This clock as the app's "now" (`sotay ui-bridge`).
    pub fn app_now(&self) -> sotay_app::Now {
        let clock = *self;
        Arc::new(move || clock.now())
    }
}

/// Parses `--now`: an RFC 3339 instant, or a local date (and time) in Vietnam, `dd/mm/yyyy HH:MM`
/// or `dd/mm/yyyy`, as `sotay` reads every date a person types. The clock starts here, when the
/// command line is read.
pub fn parse(input: &str) -> Result<Clock, BadNow> {
    let start =
        sotay_core::time::parse_local_datetime("now", input).map_err(|_| BadNow::NotAnInstant)?;
    if start.timestamp_millis() < 0 {
        return Err(BadNow::BeforeTheEpoch);
    }
    Ok(Clock::starting_at(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339).unwrap().to_utc()
    }

    #[test]
    fn reads_rfc_3339_and_vietnamese_local_times() {
        let at = |s: &str| parse(s).unwrap().start;
        assert_eq!(
            at("2026-12-07T09:00:00+07:00"),
            instant("2026-12-07T02:00:00Z")
        );
        assert_eq!(at("07/12/2026 09:00"), instant("2026-12-07T02:00:00Z"));
        // A date alone is its midnight in Vietnam, the evening before in UTC.
        assert_eq!(at("05/02/2027"), instant("2027-02-04T17:00:00Z"));
        assert_eq!(at("29/02/2028 23:59"), instant("2028-02-29T16:59:00Z"));
    }

    #[test]
    fn refuses_what_is_not_an_instant() {
        for bad in [
            "",
            "tomorrow",
            "30/02/2027",
            "29/02/2027 09:00",
            "07/12/2026 25:00",
        ] {
            assert_eq!(parse(bad).unwrap_err(), BadNow::NotAnInstant, "{bad:?}");
        }
        assert_eq!(
            parse("1969-12-31T23:59:59Z").unwrap_err(),
            BadNow::BeforeTheEpoch
        );
    }

    #[test]
    fn starts_at_when_and_runs_on_in_real_time() {
        let start = instant("2027-02-05T02:00:00Z");
        let fresh = Clock::starting_at(start).wall()();
        let base = u64::try_from(start.timestamp_millis()).unwrap();
        assert!(
            fresh >= base && fresh < base + 10_000,
            "{fresh} from {base}"
        );
        // A clock started 90 s ago reads WHEN + 90 s, and keeps moving.
        let started = Instant::now()
            .checked_sub(std::time::Duration::from_secs(90))
            .unwrap();
        let clock = Clock {
            start,
            since: started,
        };
        let first = clock.wall()();
        assert!(first >= base + 90_000 && first < base + 100_000, "{first}");
        assert!(clock.wall()() >= first);
        let app = clock.app_now()();
        assert!(app >= start + chrono::Duration::seconds(90), "{app}");
        assert!(app < start + chrono::Duration::seconds(100), "{app}");
    }
}
