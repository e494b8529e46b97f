//! Latency statistics from the raw per-request samples. Integer per-mille ranks keep the
//! percentile math exact (no `0.99 * n` rounding surprises).

use std::time::Duration;

/// The figures of one measured period.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    /// Requests answered with the expected status inside the measured period.
    pub requests: u64,
    /// Unexpected statuses, I/O errors and failed (re)connections inside the measured period.
    pub errors: u64,
    pub requests_per_second: f64,
    pub p50_us: u64,
    pub p99_us: u64,
    pub max_us: u64,
}

impl Stats {
    /// Sorts the merged latencies (microseconds) of one period of length `window`.
    pub fn from_latencies(mut latencies_us: Vec<u64>, errors: u64, window: Duration) -> Self {
        latencies_us.sort_unstable();
        let requests = u64::try_from(latencies_us.len()).unwrap_or(u64::MAX);
        Stats {
            requests,
            errors,
            requests_per_second: requests_per_second(requests, window),
            p50_us: percentile(&latencies_us, 500),
            p99_us: percentile(&latencies_us, 990),
            max_us: latencies_us.last().copied().unwrap_or(0),
        }
    }
}

/// Nearest-rank percentile of ascending `sorted` samples: the smallest sample such that at least
/// `per_mille`/1000 of all samples are less than or equal to it. 0 when there are no samples.
pub fn percentile(sorted: &[u64], per_mille: u64) -> u64 {
    let n = sorted.len() as u64;
    if n == 0 {
        return 0;
    }
    let per_mille = per_mille.min(1000);
    // rank = ceil(n * p / 1000), at least 1.
    let rank = (n * per_mille).div_ceil(1000).max(1);
    let index = usize::try_from(rank - 1).unwrap_or(usize::MAX);
    sorted
        .get(index)
        .copied()
        .unwrap_or(sorted[sorted.len() - 1])
}

/// Completed requests divided by the period's length; 0 for an empty period.
pub fn requests_per_second(requests: u64, window: Duration) -> f64 {
    let secs = window.as_secs_f64();
    if secs <= 0.0 {
        return 0.0;
    }
    requests as f64 / secs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_of_1_to_100_is_the_rank_itself() {
        let v: Vec<u64> = (1..=100).collect();
        assert_eq!(percentile(&v, 500), 50);
        assert_eq!(percentile(&v, 990), 99);
        assert_eq!(percentile(&v, 1000), 100);
        assert_eq!(percentile(&v, 10), 1);
    }

    #[test]
    fn percentile_rounds_the_rank_up() {
        // 10 samples: p99 needs rank ceil(9.9) = 10, p50 rank 5.
        let v: Vec<u64> = (1..=10).map(|x| x * 10).collect();
        assert_eq!(percentile(&v, 990), 100);
        assert_eq!(percentile(&v, 500), 50);
        // 3 samples: p50 is rank ceil(1.5) = 2.
        assert_eq!(percentile(&[7, 8, 9], 500), 8);
    }

    #[test]
    fn percentile_of_one_sample_is_that_sample() {
        assert_eq!(percentile(&[42], 0), 42);
        assert_eq!(percentile(&[42], 500), 42);
        assert_eq!(percentile(&[42], 990), 42);
    }

    #[test]
    fn percentile_of_no_samples_is_zero_and_overlarge_rank_is_clamped() {
        assert_eq!(percentile(&[], 990), 0);
        assert_eq!(percentile(&[1, 2, 3], 5000), 3);
    }

    #[test]
    fn p99_ignores_the_single_slowest_of_a_thousand() {
        let mut v = vec![1_000u64; 999];
        v.push(900_000);
        let s = Stats::from_latencies(v, 0, Duration::from_secs(1));
        assert_eq!(s.p99_us, 1_000);
        assert_eq!(s.max_us, 900_000);
    }

    #[test]
    fn requests_per_second_divides_by_the_window() {
        assert_eq!(
            requests_per_second(30_000, Duration::from_secs(10)),
            3_000.0
        );
        assert_eq!(requests_per_second(5, Duration::from_millis(500)), 10.0);
        assert_eq!(requests_per_second(5, Duration::ZERO), 0.0);
    }

    #[test]
    fn stats_sort_unsorted_samples_before_ranking() {
        let s = Stats::from_latencies(vec![30, 10, 20, 40], 3, Duration::from_secs(2));
        assert_eq!(s.requests, 4);
        assert_eq!(s.errors, 3);
        assert_eq!(s.requests_per_second, 2.0);
        assert_eq!(s.p50_us, 20);
        assert_eq!(s.p99_us, 40);
        assert_eq!(s.max_us, 40);
    }

    #[test]
    fn stats_of_an_empty_period_are_zero() {
        let s = Stats::from_latencies(Vec::new(), 7, Duration::from_secs(1));
        assert_eq!(
            s,
            Stats {
                requests: 0,
                errors: 7,
                requests_per_second: 0.0,
                p50_us: 0,
                p99_us: 0,
                max_us: 0
            }
        );
    }
}
