//! Deadline rule tests and the property tests of day counting.

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate};
use proptest::prelude::*;

use super::tests::d;
use super::*;

fn rule(code: &str) -> DeadlineRule {
    default_deadline_rules()
        .into_iter()
        .find(|r| r.code == code)
        .unwrap()
}

#[test]
fn default_rules_are_valid_unique_and_cited() {
    let rules = default_deadline_rules();
    let codes: BTreeSet<&str> = rules.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes.len(), rules.len());
    for r in &rules {
        assert_eq!(r.validate(), Ok(()), "{}", r.code);
        assert!(r.citation.contains("Pasal") || r.citation.starts_with("PermenPANRB"));
    }
}

#[test]
fn default_rules_carry_the_statutory_numbers() {
    let expect = [
        ("complaint_lodge_window", 30, DayKind::Calendar),
        ("complaint_completeness_answer", 14, DayKind::Calendar),
        ("complaint_completion_by_complainant", 30, DayKind::Calendar),
        ("complaint_decision", 60, DayKind::Calendar),
        ("complaint_decision_delivery", 14, DayKind::Calendar),
        ("lapor_verification", 3, DayKind::Working),
        ("lapor_first_followup", 5, DayKind::Working),
        ("permit_decision_notice", 3, DayKind::Working),
        ("facility_repair_announcement", 30, DayKind::Calendar),
    ];
    for (code, days, kind) in expect {
        let r = rule(code);
        assert_eq!((r.days, r.kind), (days, kind), "{code}");
    }
}

#[test]
fn complaint_lodged_within_30_days__seluma_51_2() {
    let r = rule("complaint_lodge_window");
    assert!(r.citation.contains("Seluma Pasal 51(2)"));
    let due = r.due(&WorkCalendar::default_2026(), d(2026, 3, 1));
    assert_eq!(due.date, d(2026, 3, 31));
}

#[test]
fn complaint_answer_due_in_14_calendar_days__luwu_43_3() {
    let r = rule("complaint_completeness_answer");
    assert_eq!(r.citation, "Luwu Pasal 43(3)");
    assert_eq!(
        r.due(&WorkCalendar::default_2026(), d(2026, 3, 17)).date,
        d(2026, 3, 31)
    );
}

#[test]
fn complaint_decided_within_60_days__luwu_48_1() {
    let r = rule("complaint_decision");
    assert!(r.citation.contains("Luwu Pasal 48(1)"));
    assert_eq!(
        r.due(&WorkCalendar::default_2026(), d(2026, 1, 1)).date,
        d(2026, 3, 2)
    );
}

#[test]
fn permit_notice_rule_uses_working_days__batang_12_2() {
    let r = rule("permit_decision_notice");
    assert_eq!(r.citation, "Batang Pasal 12(2)");
    assert_eq!(
        r.due(&WorkCalendar::default_2026(), d(2026, 3, 17)).date,
        d(2026, 3, 27)
    );
}

#[test]
fn lapor_verification_in_3_working_days__permenpanrb_62_2018() {
    // Received Wednesday 13 May 2026: 14 (Kenaikan), 15 (cuti bersama), 16–17 weekend;
    // 18, 19, 20 count.
    let due = rule("lapor_verification").due(&WorkCalendar::default_2026(), d(2026, 5, 13));
    assert_eq!(due.date, d(2026, 5, 20));
}

#[test]
fn repairs_start_30_calendar_days_after_announcement__seluma_28_3() {
    let r = rule("facility_repair_announcement");
    assert_eq!(
        r.due(&WorkCalendar::default_2026(), d(2026, 7, 1)).date,
        d(2026, 7, 31)
    );
}

#[test]
fn rule_validation_reports_each_field() {
    let mut r = rule("permit_decision_notice");
    r.days = 3661;
    r.citation = "  ".to_owned();
    let errs = r.validate().unwrap_err();
    assert_eq!(errs.get("days"), Some("err-deadline-days"));
    assert_eq!(errs.get("citation"), Some("err-required"));
}

#[test]
fn rules_serialize_with_snake_case_kinds() {
    let json = serde_json::to_value(rule("permit_decision_notice")).unwrap();
    assert_eq!(json["kind"], "working");
    assert_eq!(json["days"], 3);
}

/// A calendar with the 2026 data, a random non-empty week and a random cuti bersama setting.
fn calendar_strategy() -> impl Strategy<Value = WorkCalendar> {
    (
        prop::array::uniform7(any::<bool>()).prop_filter("one open day", |w| w.contains(&true)),
        any::<bool>(),
    )
        .prop_map(|(weekdays, cuti)| {
            let week = OfficeWeek {
                weekdays,
                utc_offset_hours: 7,
            };
            WorkCalendar::new(week, holidays_2026(), BTreeSet::from([2026]), cuti)
        })
}

/// Dates from mid-2025 to early 2028, so counts cross loaded and missing years.
fn date_strategy() -> impl Strategy<Value = NaiveDate> {
    (0u64..1000).prop_map(|offset| d(2025, 6, 1).checked_add_days(Days::new(offset)).unwrap())
}

proptest! {
    #[test]
    fn working_due_date_is_a_working_day_exactly_n_working_days_later(
        cal in calendar_strategy(), from in date_strategy(), days in 0u32..90,
    ) {
        let due = cal.add_days(from, days, DayKind::Working);
        if days == 0 {
            prop_assert_eq!(due.date, from);
        } else {
            prop_assert!(due.date > from);
            prop_assert!(cal.is_working_day(due.date));
        }
        prop_assert_eq!(cal.working_days_between(from, due.date), days);
    }

    #[test]
    fn missing_years_are_exactly_the_unloaded_years_crossed(
        cal in calendar_strategy(), from in date_strategy(), days in 1u32..90,
    ) {
        let due = cal.add_days(from, days, DayKind::Working);
        let crossed: BTreeSet<i32> = from
            .iter_days()
            .skip(1)
            .take_while(|x| *x <= due.date)
            .map(|x| x.year())
            .filter(|y| *y != 2026)
            .collect();
        prop_assert_eq!(due.missing_years, crossed.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn calendar_due_date_is_from_plus_days(
        cal in calendar_strategy(), from in date_strategy(), days in 0u32..4000,
    ) {
        let due = cal.add_days(from, days, DayKind::Calendar);
        prop_assert_eq!(due.date, from + Days::new(u64::from(days)));
        prop_assert!(due.missing_years.is_empty());
    }
}
