//! When a ticket may be issued: the location is open today, now is within its hours and before
//! the last-ticket time, and a counter serving the service works today.

use chrono::{Datelike, Duration, NaiveDateTime};

use super::policy::QueuePolicy;
use crate::calendar::WorkCalendar;
use crate::catalog::OpeningHours;

/// Why no ticket can be issued now. Each has a message key telling the visitor what to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueRefusal {
    /// A weekend, holiday or cuti bersama.
    ClosedToday,
    /// Before opening or after closing.
    OutsideHours,
    /// Too close to closing to be served (the policy's last-ticket time).
    AfterLastTicket,
    /// No counter that serves the service opens today.
    NoCounterToday,
}

impl IssueRefusal {
    pub fn message_key(self) -> &'static str {
        match self {
            IssueRefusal::ClosedToday => "queue-err-closed-today",
            IssueRefusal::OutsideHours => "queue-err-outside-hours",
            IssueRefusal::AfterLastTicket => "queue-err-last-ticket",
            IssueRefusal::NoCounterToday => "queue-err-no-counter",
        }
    }
}

/// Decides whether a ticket for a service may be issued at local time `now`, given the
/// location's hours and the hours of each counter that serves the service.
pub fn check_issue(
    now: NaiveDateTime,
    calendar: &WorkCalendar,
    location_hours: &OpeningHours,
    counter_hours: &[OpeningHours],
    policy: &QueuePolicy,
) -> Result<(), IssueRefusal> {
    let date = now.date();
    if !calendar.is_working_day(date) {
        return Err(IssueRefusal::ClosedToday);
    }
    let weekday = u8::try_from(date.weekday().number_from_monday()).unwrap_or(1);
    let time = now.time();
    if !location_hours.is_open_at(weekday, time) {
        return Err(IssueRefusal::OutsideHours);
    }
    let serving_today: Vec<&OpeningHours> = counter_hours
        .iter()
        .filter(|h| h.days.iter().any(|d| d.weekday == weekday))
        .collect();
    if serving_today.is_empty() {
        return Err(IssueRefusal::NoCounterToday);
    }
    // The visitor must still be servable: the location stays open past the last-ticket margin
    // and some serving counter works beyond it (one that opens later today counts).
    let margin = Duration::minutes(i64::from(policy.last_ticket_minutes));
    let (later, wrapped) = time.overflowing_add_signed(margin);
    let location_ok = wrapped == 0 && location_hours.is_open_at(weekday, later);
    let counter_ok = wrapped == 0
        && serving_today
            .iter()
            .flat_map(|h| h.days.iter())
            .any(|d| d.weekday == weekday && d.close > later);
    if !location_ok || !counter_ok {
        return Err(IssueRefusal::AfterLastTicket);
    }
    Ok(())
}
