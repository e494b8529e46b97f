//! Time as a dependency, so tests control it instead of sleeping (architecture §6).

use std::sync::{Arc, Mutex, PoisonError};

use chrono::{DateTime, Duration, SubsecRound, Utc};

/// A source of "now". Everything that needs the current instant takes a `Clock` instead of
/// calling `Utc::now()`, so deadlines and expiries can be tested at any date.
pub trait Clock: Send + Sync + 'static {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

impl<C: Clock + ?Sized> Clock for Arc<C> {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
}

impl<C: Clock + ?Sized> Clock for Box<C> {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
}

/// The real clock. Truncates to microseconds because PostgreSQL `timestamptz` keeps
/// microseconds: a value written and read back must compare equal on both engines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(6)
    }
}

/// A clock that only moves when told to. Clones share the same instant, so a test can keep
/// one handle and give another to the application.
#[derive(Debug, Clone)]
pub struct FixedClock {
    at: Arc<Mutex<DateTime<Utc>>>,
}

impl FixedClock {
    /// A clock standing at `at`.
    pub fn new(at: DateTime<Utc>) -> Self {
        Self {
            at: Arc::new(Mutex::new(at)),
        }
    }

    /// Moves the clock to `at` (backwards too, to test clock skew).
    pub fn set(&self, at: DateTime<Utc>) {
        *self.at.lock().unwrap_or_else(PoisonError::into_inner) = at;
    }

    /// Moves the clock forward by `by` (a negative duration moves it back).
    pub fn advance(&self, by: Duration) {
        let mut guard = self.at.lock().unwrap_or_else(PoisonError::into_inner);
        *guard += by;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.at.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn system_clock_has_no_nanoseconds_beyond_micros() {
        let now = SystemClock.now();
        assert_eq!(now.timestamp_subsec_nanos() % 1_000, 0);
    }

    #[test]
    fn fixed_clock_clones_share_the_instant() {
        let start = Utc.with_ymd_and_hms(2026, 3, 17, 1, 0, 0).unwrap();
        let clock = FixedClock::new(start);
        let handle = clock.clone();
        handle.advance(Duration::days(2));
        assert_eq!(clock.now(), start + Duration::days(2));
        clock.set(start);
        assert_eq!(handle.now(), start);
    }

    #[test]
    fn clock_works_behind_arc_dyn() {
        let start = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let clock: Arc<dyn Clock> = Arc::new(FixedClock::new(start));
        assert_eq!(clock.now(), start);
    }
}
