//! Who is called next at a counter.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::policy::QueuePolicy;

/// Which line a waiting ticket stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lane {
    /// Transferred to this very counter: it has waited once already.
    Targeted,
    /// Served first (Luwu Pasal 35(3)), or a checked-in appointment when the policy says so.
    Priority,
    Regular,
}

/// A waiting ticket the counter may call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: Uuid,
    pub lane: Lane,
    /// When it joined the queue (issue time; kept across a transfer).
    pub since: DateTime<Utc>,
}

/// The ticket to call next, given the counter's recent calls (newest last, `true` where the
/// call went to the priority lane).
///
/// Tickets transferred to this counter come first. Then the priority lane, unless the last
/// `policy.priority_max_in_row` calls all went to it and a regular visitor is waiting
/// (Luwu Pasal 35(3) asks for special treatment, the policy keeps the others moving). Within
/// a lane, the longest waiting first. A lane with nobody in it never blocks the other.
pub fn choose_next(
    policy: &QueuePolicy,
    recent_priority_calls: &[bool],
    candidates: &[Candidate],
) -> Option<Uuid> {
    let oldest = |lane: Lane| {
        candidates
            .iter()
            .filter(|c| c.lane == lane)
            .min_by_key(|c| (c.since, c.id))
            .map(|c| c.id)
    };
    if let Some(id) = oldest(Lane::Targeted) {
        return Some(id);
    }
    let priority = oldest(Lane::Priority);
    let regular = oldest(Lane::Regular);
    let in_row = recent_priority_calls
        .iter()
        .rev()
        .take_while(|was_priority| **was_priority)
        .count();
    let limit = usize::try_from(policy.priority_max_in_row).unwrap_or(usize::MAX);
    let priority_turn = limit == 0 || in_row < limit;
    match (priority, regular) {
        (Some(p), Some(r)) => Some(if priority_turn { p } else { r }),
        (p, r) => p.or(r),
    }
}

/// Minutes a visitor with `ahead` people before them can expect to wait, when `counters`
/// counters serve their service and one visit takes `minutes_per_visit` on average. Rounded
/// up; zero when nobody is ahead; with no counter open the wait is unknown (`None`).
pub fn estimate_wait_minutes(ahead: u32, counters: u32, minutes_per_visit: u32) -> Option<u32> {
    if ahead == 0 {
        return Some(0);
    }
    if counters == 0 {
        return None;
    }
    let total = u64::from(ahead) * u64::from(minutes_per_visit);
    let per = total.div_ceil(u64::from(counters));
    Some(u32::try_from(per).unwrap_or(u32::MAX))
}
