//! Appointment slots: cut from the hours of the counters that serve a service, none on days the
//! office is closed, each holding as many visitors as its open counters can take.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::policy::SlotRules;
use crate::calendar::WorkCalendar;
use crate::catalog::OpeningHours;

/// One bookable slot of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Slot {
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// Visitors it takes: open counters for the whole slot × `per_counter`.
    pub capacity: u32,
}

/// The slots of `date` for a service served by counters with these hours. Slots start at the
/// earliest opening and follow each other; a slot no counter covers whole is left out. No
/// slots on weekends, holidays and cuti bersama the office closes for.
pub fn day_slots(
    date: NaiveDate,
    calendar: &WorkCalendar,
    counter_hours: &[OpeningHours],
    rules: &SlotRules,
) -> Vec<Slot> {
    if !calendar.is_working_day(date) || rules.slot_minutes == 0 {
        return Vec::new();
    }
    let weekday = u8::try_from(date.weekday().number_from_monday()).unwrap_or(1);
    let intervals: Vec<(NaiveTime, NaiveTime)> = counter_hours
        .iter()
        .flat_map(|h| h.days.iter())
        .filter(|d| d.weekday == weekday)
        .map(|d| (d.open, d.close))
        .collect();
    let (Some(first), Some(last)) = (
        intervals.iter().map(|i| i.0).min(),
        intervals.iter().map(|i| i.1).max(),
    ) else {
        return Vec::new();
    };
    let step = Duration::minutes(i64::from(rules.slot_minutes));
    let mut slots = Vec::new();
    let mut start = first;
    loop {
        let (end, wrapped) = start.overflowing_add_signed(step);
        if wrapped != 0 || end > last {
            break;
        }
        let open = intervals
            .iter()
            .filter(|(o, c)| *o <= start && end <= *c)
            .count();
        let open = u32::try_from(open).unwrap_or(u32::MAX);
        if open > 0 {
            slots.push(Slot {
                start,
                end,
                capacity: open.saturating_mul(rules.per_counter),
            });
        }
        start = end;
    }
    slots
}

/// Why a slot cannot be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingRefusal {
    /// The office is closed that day (weekend, holiday, cuti bersama).
    ClosedDay,
    /// The slot has started, or starts sooner than the booking lead time.
    Past,
    /// Further ahead than bookings are taken.
    TooFarAhead,
    /// No such slot that day.
    NoSuchSlot,
    /// Every place is taken.
    Full,
}

impl BookingRefusal {
    pub fn message_key(self) -> &'static str {
        match self {
            BookingRefusal::ClosedDay => "queue-err-slot-closed-day",
            BookingRefusal::Past => "queue-err-slot-past",
            BookingRefusal::TooFarAhead => "queue-err-slot-too-far",
            BookingRefusal::NoSuchSlot => "queue-err-slot-unknown",
            BookingRefusal::Full => "queue-err-slot-full",
        }
    }
}

/// Checks a booking for the slot of `date` starting at `start`, made at local time `now`, when
/// `booked` places of it are already taken; gives the slot when it can be booked.
pub fn check_booking(
    date: NaiveDate,
    start: NaiveTime,
    now: NaiveDateTime,
    calendar: &WorkCalendar,
    counter_hours: &[OpeningHours],
    rules: &SlotRules,
    booked: u32,
) -> Result<Slot, BookingRefusal> {
    if !calendar.is_working_day(date) {
        return Err(BookingRefusal::ClosedDay);
    }
    let lead = Duration::minutes(i64::from(rules.min_lead_minutes));
    if date.and_time(start) < now + lead {
        return Err(BookingRefusal::Past);
    }
    let furthest = now.date() + Duration::days(i64::from(rules.book_ahead_days));
    if date > furthest {
        return Err(BookingRefusal::TooFarAhead);
    }
    let slot = day_slots(date, calendar, counter_hours, rules)
        .into_iter()
        .find(|s| s.start == start)
        .ok_or(BookingRefusal::NoSuchSlot)?;
    if booked >= slot.capacity {
        return Err(BookingRefusal::Full);
    }
    Ok(slot)
}

/// True when a booked visitor who has not checked in by local time `now` missed the slot
/// starting at `slot_start` (the grace period has passed) and the place is released.
pub fn is_no_show(slot_start: NaiveDateTime, now: NaiveDateTime, rules: &SlotRules) -> bool {
    now >= slot_start + Duration::minutes(i64::from(rules.no_show_grace_minutes))
}
