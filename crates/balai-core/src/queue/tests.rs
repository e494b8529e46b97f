use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use uuid::Uuid;

use super::*;
use crate::calendar::WorkCalendar;
use crate::catalog::OpeningHours;

fn at(date: &str, time: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(&format!("{date} {time}"), "%Y-%m-%d %H:%M").unwrap()
}

fn hours(s: &str) -> OpeningHours {
    OpeningHours::parse_compact(s).unwrap()
}

fn prefix(s: &str) -> TicketPrefix {
    TicketPrefix::parse(s).unwrap()
}

#[test]
fn ticket_numbers_show_three_digits_and_restart_per_day_location_and_prefix() {
    let a = TicketNumber::new(prefix("a"), 12);
    assert_eq!(a.to_string(), "A012");
    assert_eq!(TicketNumber::new(prefix("PB"), 1234).to_string(), "PB1234");
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let next = day.succ_opt().unwrap();
    let k = series_key("MPP-A", &prefix("A"), day);
    assert_ne!(k, series_key("MPP-A", &prefix("A"), next));
    assert_ne!(k, series_key("MPP-B", &prefix("A"), day));
    assert_ne!(k, series_key("MPP-A", &prefix("B"), day));
}

#[test]
fn ticket_prefixes_are_one_to_three_letters() {
    assert_eq!(prefix(" b ").as_str(), "B");
    for bad in ["", "ABCD", "A1", "Ä", "A-", "<b>"] {
        assert!(TicketPrefix::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn booking_codes_read_back_whatever_the_case_and_dashes() {
    let code = BookingCode::from_random([0, 1, 2, 3, 250, 251, 252, 255]);
    let typed = code.display().to_lowercase();
    assert_eq!(BookingCode::parse(&typed).unwrap(), code);
    assert_eq!(code.as_str().len(), 8);
    for bad in ["", "ABC", "ABCDEFG0", "ABCDEFGHI", "ABCD EFG1", "'; drop--"] {
        assert!(BookingCode::parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn ticket_states_allow_only_the_officer_actions_that_make_sense() {
    use TicketAction as A;
    use TicketStatus as S;
    assert_eq!(S::Waiting.after(A::Call), Some(S::Called));
    assert_eq!(S::Called.after(A::Recall), Some(S::Called));
    assert_eq!(S::Called.after(A::Start), Some(S::Serving));
    assert_eq!(S::Serving.after(A::Finish), Some(S::Served));
    assert_eq!(S::Called.after(A::NoShow), Some(S::NoShow));
    assert_eq!(S::Serving.after(A::Hold), Some(S::OnHold));
    assert_eq!(S::OnHold.after(A::Resume), Some(S::Waiting));
    assert_eq!(S::Serving.after(A::Transfer), Some(S::Waiting));
    // A called ticket cannot be called again as new: that is how a second officer loses.
    assert_eq!(S::Called.after(A::Call), None);
    assert_eq!(S::Waiting.after(A::Finish), None);
    for done in [S::Served, S::NoShow, S::Cancelled] {
        assert!(done.is_final());
        assert!(TicketAction::ALL.iter().all(|a| done.after(*a).is_none()));
    }
}

fn t(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 1, minute, 0).unwrap()
}

fn cand(n: u128, lane: Lane, minute: u32) -> Candidate {
    Candidate {
        id: Uuid::from_u128(n),
        lane,
        since: t(minute),
    }
}

#[test]
fn priority_visitors_are_called_first_but_at_most_every_second_call__luwu_35_3() {
    let policy = QueuePolicy::default();
    assert_eq!(policy.priority_max_in_row, 1);
    let waiting = [
        cand(1, Lane::Regular, 0),
        cand(2, Lane::Priority, 5),
        cand(3, Lane::Priority, 6),
    ];
    // Last call went to a regular visitor: the priority visitor is next, though later.
    assert_eq!(
        choose_next(&policy, &[false], &waiting),
        Some(Uuid::from_u128(2))
    );
    // Last call went to priority: a regular visitor gets this one.
    assert_eq!(
        choose_next(&policy, &[false, true], &waiting),
        Some(Uuid::from_u128(1))
    );
    // Nobody regular waiting: priority is not held back.
    assert_eq!(
        choose_next(&policy, &[true], &waiting[1..]),
        Some(Uuid::from_u128(2))
    );
}

#[test]
fn strict_priority_policy_always_serves_priority_first__luwu_35_3() {
    let policy = QueuePolicy {
        priority_max_in_row: 0,
        ..QueuePolicy::default()
    };
    let waiting = [cand(1, Lane::Regular, 0), cand(2, Lane::Priority, 5)];
    assert_eq!(
        choose_next(&policy, &[true, true, true], &waiting),
        Some(Uuid::from_u128(2))
    );
}

#[test]
fn transferred_tickets_come_first_then_the_longest_waiting() {
    let policy = QueuePolicy::default();
    let waiting = [
        cand(1, Lane::Regular, 3),
        cand(2, Lane::Regular, 1),
        cand(3, Lane::Targeted, 9),
        cand(4, Lane::Priority, 0),
    ];
    assert_eq!(
        choose_next(&policy, &[], &waiting),
        Some(Uuid::from_u128(3))
    );
    assert_eq!(
        choose_next(&policy, &[true], &waiting[..2]),
        Some(Uuid::from_u128(2))
    );
    assert_eq!(choose_next(&policy, &[], &[]), None);
}

#[test]
fn estimated_wait_spreads_over_open_counters_and_rounds_up() {
    assert_eq!(estimate_wait_minutes(0, 0, 10), Some(0));
    assert_eq!(estimate_wait_minutes(3, 2, 10), Some(15));
    assert_eq!(estimate_wait_minutes(1, 3, 10), Some(4));
    assert_eq!(estimate_wait_minutes(5, 0, 10), None);
    assert_eq!(estimate_wait_minutes(u32::MAX, 1, u32::MAX), Some(u32::MAX));
}

#[test]
fn tickets_are_issued_only_on_working_days_within_hours_and_before_last_ticket() {
    let cal = WorkCalendar::default_2026();
    let loc = hours("Sen-Jum 08:00-15:00");
    let counters = [hours("Sen-Jum 08:00-15:00"), hours("Sen,Rab 10:00-12:00")];
    let policy = QueuePolicy::default();
    let check = |now| check_issue(now, &cal, &loc, &counters, &policy);
    assert_eq!(check(at("2026-12-01", "09:00")), Ok(()));
    assert_eq!(
        check(at("2026-12-05", "09:00")),
        Err(IssueRefusal::ClosedToday)
    );
    // Hari Kemerdekaan, 17 Agustus 2026 (Monday).
    assert_eq!(
        check(at("2026-08-17", "09:00")),
        Err(IssueRefusal::ClosedToday)
    );
    assert_eq!(
        check(at("2026-12-01", "07:59")),
        Err(IssueRefusal::OutsideHours)
    );
    assert_eq!(
        check(at("2026-12-01", "15:00")),
        Err(IssueRefusal::OutsideHours)
    );
    assert_eq!(
        check(at("2026-12-01", "14:31")),
        Err(IssueRefusal::AfterLastTicket)
    );
    assert_eq!(check(at("2026-12-01", "14:29")), Ok(()));
}

#[test]
fn no_ticket_for_a_service_no_counter_serves_today() {
    let cal = WorkCalendar::default_2026();
    let loc = hours("Sen-Sab 08:00-15:00");
    let counters = [hours("Sen,Rab 10:00-12:00")];
    let policy = QueuePolicy::default();
    // Tuesday: the only counter works Monday and Wednesday.
    assert_eq!(
        check_issue(at("2026-12-01", "09:00"), &cal, &loc, &counters, &policy),
        Err(IssueRefusal::NoCounterToday)
    );
    // Wednesday before the counter opens: it opens later today, so the ticket is fine.
    assert_eq!(
        check_issue(at("2026-12-02", "09:00"), &cal, &loc, &counters, &policy),
        Ok(())
    );
    assert_eq!(
        check_issue(at("2026-12-02", "11:45"), &cal, &loc, &counters, &policy),
        Err(IssueRefusal::AfterLastTicket)
    );
    assert_eq!(
        check_issue(at("2026-12-02", "09:00"), &cal, &loc, &[], &policy),
        Err(IssueRefusal::NoCounterToday)
    );
}

#[test]
fn calls_are_announced_in_indonesian_with_digits_read_one_by_one() {
    let ticket = TicketNumber::new(prefix("A"), 12);
    assert_eq!(
        announcement_id(&ticket, 3),
        "Nomor antrian A nol satu dua, silakan menuju loket tiga"
    );
    assert_eq!(
        announcement_en(&ticket, 3),
        "Ticket number A zero one two, please go to counter 3"
    );
    let words: Vec<String> = [0, 10, 11, 15, 20, 21, 100, 105, 111, 250, 1000, 1999, 2026]
        .iter()
        .map(|n| number_words_id(*n))
        .collect();
    assert_eq!(
        words,
        [
            "nol",
            "sepuluh",
            "sebelas",
            "lima belas",
            "dua puluh",
            "dua puluh satu",
            "seratus",
            "seratus lima",
            "seratus sebelas",
            "dua ratus lima puluh",
            "seribu",
            "seribu sembilan ratus sembilan puluh sembilan",
            "dua ribu dua puluh enam",
        ]
    );
}

#[test]
fn policy_round_trips_as_json_and_refuses_nonsense() {
    let p = QueuePolicy::default();
    assert_eq!(QueuePolicy::from_json(&p.to_json()).unwrap(), p);
    assert!(QueuePolicy::from_json("{}").is_err());
    assert!(QueuePolicy::from_json("not json").is_err());
    let mut bad = p.clone();
    bad.slots.slot_minutes = 0;
    assert!(bad.validate().is_err());
    let mut bad = p;
    bad.citation = " ".into();
    assert!(bad.validate().is_err());
}
