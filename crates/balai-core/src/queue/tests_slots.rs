use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::*;
use crate::calendar::WorkCalendar;
use crate::catalog::OpeningHours;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn time(s: &str) -> NaiveTime {
    NaiveTime::parse_from_str(s, "%H:%M").unwrap()
}

fn at(d: &str, t: &str) -> NaiveDateTime {
    date(d).and_time(time(t))
}

fn hours(s: &str) -> OpeningHours {
    OpeningHours::parse_compact(s).unwrap()
}

fn rules() -> SlotRules {
    QueuePolicy::default().slots
}

#[test]
fn slot_capacity_follows_the_counters_open_for_the_whole_slot() {
    let cal = WorkCalendar::default_2026();
    let counters = [hours("Sen-Jum 08:00-12:00"), hours("Sel 09:00-10:15")];
    let slots = day_slots(date("2026-12-01"), &cal, &counters, &rules());
    assert_eq!(slots.len(), 8);
    assert_eq!(slots[0].start, time("08:00"));
    assert_eq!(slots[0].capacity, 2);
    // 09:00–09:30 and 09:30–10:00 have both counters; 10:00–10:30 only one (the second closes at 10:15).
    assert_eq!(slots[2].capacity, 4);
    assert_eq!(slots[3].capacity, 4);
    assert_eq!(slots[4].capacity, 2);
    assert_eq!(slots[7].end, time("12:00"));
}

#[test]
fn no_slots_on_weekends_holidays_and_cuti_bersama() {
    let cal = WorkCalendar::default_2026();
    let counters = [hours("Sen-Min 08:00-12:00")];
    for closed in ["2026-12-05", "2026-08-17", "2026-12-24", "2026-12-25"] {
        assert!(
            day_slots(date(closed), &cal, &counters, &rules()).is_empty(),
            "{closed}"
        );
    }
    assert!(day_slots(date("2026-12-01"), &cal, &[], &rules()).is_empty());
}

#[test]
fn bookings_refuse_full_past_far_unknown_slots_and_holidays() {
    let cal = WorkCalendar::default_2026();
    let counters = [hours("Sen-Jum 08:00-12:00")];
    let now = at("2026-12-01", "09:00");
    let book = |d: &str, t: &str, booked| {
        check_booking(date(d), time(t), now, &cal, &counters, &rules(), booked)
    };
    assert_eq!(book("2026-12-01", "10:00", 0).unwrap().capacity, 2);
    assert_eq!(book("2026-12-01", "10:00", 2), Err(BookingRefusal::Full));
    assert_eq!(book("2026-12-01", "09:00", 0), Err(BookingRefusal::Past));
    // Inside the 30-minute lead time.
    assert_eq!(book("2026-12-01", "09:15", 0), Err(BookingRefusal::Past));
    assert_eq!(
        book("2026-12-01", "10:10", 0),
        Err(BookingRefusal::NoSuchSlot)
    );
    assert_eq!(
        book("2026-12-01", "12:00", 0),
        Err(BookingRefusal::NoSuchSlot)
    );
    assert_eq!(
        book("2026-12-05", "10:00", 0),
        Err(BookingRefusal::ClosedDay)
    );
    assert_eq!(
        book("2026-12-25", "10:00", 0),
        Err(BookingRefusal::ClosedDay)
    );
    assert_eq!(
        book("2026-12-16", "10:00", 0),
        Err(BookingRefusal::TooFarAhead)
    );
    assert!(book("2026-12-15", "10:00", 0).is_ok());
}

#[test]
fn a_booked_visitor_is_a_no_show_after_the_grace_period() {
    let start = at("2026-12-01", "10:00");
    assert!(!is_no_show(start, at("2026-12-01", "10:14"), &rules()));
    assert!(is_no_show(start, at("2026-12-01", "10:15"), &rules()));
}
