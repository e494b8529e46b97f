//! A small in-memory rate limiter for login, submission and lookup endpoints (architecture §4).
//! Windows are measured on the application clock so tests can move time instead of sleeping.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Default)]
pub struct RateLimiter {
    hits: Mutex<HashMap<String, VecDeque<DateTime<Utc>>>>,
}

impl RateLimiter {
    /// Records a hit for `key` and says whether it is within `max` hits per `window`.
    pub fn allow(&self, key: &str, max: usize, window: Duration, now: DateTime<Utc>) -> bool {
        let Ok(mut map) = self.hits.lock() else {
            return true;
        };
        // Keep memory bounded under a flood of distinct keys.
        if map.len() > 100_000 {
            map.retain(|_, q| q.back().is_some_and(|t| *t > now - window));
        }
        let q = map.entry(key.to_string()).or_default();
        while q.front().is_some_and(|t| *t <= now - window) {
            q.pop_front();
        }
        if q.len() >= max {
            return false;
        }
        q.push_back(now);
        true
    }

    /// Whether `key` already has `max` hits within `window`, without recording one: for limits
    /// that count only failures (a lookup checks first, and records a hit when it fails).
    pub fn exceeded(&self, key: &str, max: usize, window: Duration, now: DateTime<Utc>) -> bool {
        let Ok(map) = self.hits.lock() else {
            return false;
        };
        map.get(key)
            .is_some_and(|q| q.iter().filter(|t| **t > now - window).count() >= max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_resets_after_the_window() {
        let r = RateLimiter::default();
        let t0 = Utc::now();
        for _ in 0..3 {
            assert!(r.allow("k", 3, Duration::minutes(1), t0));
        }
        assert!(!r.allow("k", 3, Duration::minutes(1), t0));
        assert!(r.allow("other", 3, Duration::minutes(1), t0));
        assert!(r.allow("k", 3, Duration::minutes(1), t0 + Duration::seconds(61)));
    }
}
