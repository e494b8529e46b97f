//! Calendar tests: the 2026 data, office weeks, and counting working days (national-rules §4).

use std::collections::BTreeSet;

use chrono::{NaiveDate, TimeZone, Utc, Weekday};

use super::*;
use crate::clock::FixedClock;
use crate::error::CoreError;

pub(super) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn calendar(cuti_bersama_is_holiday: bool) -> WorkCalendar {
    WorkCalendar::new(
        OfficeWeek::mon_fri_wib(),
        holidays_2026(),
        BTreeSet::from([2026]),
        cuti_bersama_is_holiday,
    )
}

#[test]
fn holidays_2026_are_17_national_and_8_cuti_bersama__skb_2026() {
    let list = holidays_2026();
    let national: Vec<_> = list
        .iter()
        .filter(|h| h.kind == HolidayKind::National)
        .collect();
    let cuti: Vec<_> = list
        .iter()
        .filter(|h| h.kind == HolidayKind::CutiBersama)
        .collect();
    assert_eq!(national.len(), 17);
    assert_eq!(cuti.len(), 8);
    let national_days: Vec<(u32, u32)> = national.iter().map(|h| md(h.date)).collect();
    assert_eq!(
        national_days,
        [
            (1, 1),
            (1, 16),
            (2, 17),
            (3, 19),
            (3, 21),
            (3, 22),
            (4, 3),
            (4, 5),
            (5, 1),
            (5, 14),
            (5, 27),
            (5, 31),
            (6, 1),
            (6, 16),
            (8, 17),
            (8, 25),
            (12, 25)
        ]
    );
    let cuti_days: Vec<(u32, u32)> = cuti.iter().map(|h| md(h.date)).collect();
    assert_eq!(
        cuti_days,
        [
            (2, 16),
            (3, 18),
            (3, 20),
            (3, 23),
            (3, 24),
            (5, 15),
            (5, 28),
            (12, 24)
        ]
    );
    assert!(
        list.iter()
            .all(|h| h.decree == "SKB No. 1497/2025, 2/2025, 5/2025")
    );
    assert!(list.windows(2).all(|w| w[0].date < w[1].date));
}

fn md(date: NaiveDate) -> (u32, u32) {
    use chrono::Datelike;
    (date.month(), date.day())
}

#[test]
fn holiday_names_match_their_dates__skb_2026() {
    let cal = calendar(true);
    let name = |m, day| cal.holiday(d(2026, m, day)).unwrap().name.clone();
    assert!(name(1, 16).contains("Isra Mikraj"));
    assert!(name(2, 17).contains("Imlek"));
    assert!(name(2, 16).contains("Imlek"));
    assert!(name(3, 19).contains("Nyepi"));
    assert!(name(3, 18).contains("Nyepi"));
    assert!(name(3, 20).contains("Idul Fitri"));
    assert!(name(3, 24).contains("Idul Fitri"));
    assert!(name(4, 3).contains("Wafat"));
    assert!(name(4, 5).contains("Paskah"));
    assert!(name(5, 14).contains("Kenaikan"));
    assert!(name(5, 15).contains("Kenaikan"));
    assert!(name(5, 27).contains("Idul Adha"));
    assert!(name(5, 28).contains("Idul Adha"));
    assert!(name(5, 31).contains("Waisak"));
    assert!(name(6, 1).contains("Pancasila"));
    assert!(name(6, 16).contains("Tahun Baru Islam"));
    assert!(name(8, 17).contains("Kemerdekaan"));
    assert!(name(8, 25).contains("Maulid"));
    assert!(name(12, 25).contains("Natal"));
    assert!(name(12, 24).contains("Natal"));
}

#[test]
fn notice_due_in_3_working_days__batang_12_2() {
    // Decided on Tuesday 17 March 2026: 18 (cuti bersama Nyepi), 19 (Nyepi), 20 (cuti
    // bersama), 21–22 (Idul Fitri, weekend), 23–24 (cuti bersama) are closed; 25, 26, 27 count.
    let due = calendar(true).add_days(d(2026, 3, 17), 3, DayKind::Working);
    assert_eq!(due.date, d(2026, 3, 27));
    assert!(due.is_complete());
}

#[test]
fn notice_due_when_cuti_bersama_is_worked__batang_12_2() {
    // The same decision where the office works through cuti bersama: 18, 20, 23.
    let due = calendar(false).add_days(d(2026, 3, 17), 3, DayKind::Working);
    assert_eq!(due.date, d(2026, 3, 23));
}

#[test]
fn working_days_in_2027_flag_missing_calendar() {
    // Monday 28 December 2026: 29, 30, 31 December, then Friday 1 January 2027 counts as a
    // working day because 2027's holidays are not loaded, then Monday 4 January.
    let due = calendar(true).add_days(d(2026, 12, 28), 5, DayKind::Working);
    assert_eq!(due.date, d(2027, 1, 4));
    assert_eq!(due.missing_years, vec![2027]);
    assert!(!due.is_complete());
}

#[test]
fn counting_starts_the_day_after__national_rules_4() {
    let cal = calendar(true);
    // Friday 9 January 2026 + 1 working day = Monday 12 January.
    assert_eq!(
        cal.add_days(d(2026, 1, 9), 1, DayKind::Working).date,
        d(2026, 1, 12)
    );
    // Counting from a Sunday: Monday is the first working day.
    assert_eq!(
        cal.add_days(d(2026, 1, 11), 1, DayKind::Working).date,
        d(2026, 1, 12)
    );
    // Zero days is the day itself, whatever it is.
    let zero = cal.add_days(d(2026, 1, 11), 0, DayKind::Working);
    assert_eq!(zero.date, d(2026, 1, 11));
    assert!(zero.missing_years.is_empty());
    assert_eq!(
        cal.add_days(d(2026, 1, 11), 0, DayKind::Calendar).date,
        d(2026, 1, 11)
    );
}

#[test]
fn christmas_block_skips_cuti_bersama_and_weekend__skb_2026() {
    // Wednesday 23 December: 24 (cuti bersama), 25 (Natal), 26–27 (weekend) → Monday 28.
    let due = calendar(true).add_days(d(2026, 12, 23), 1, DayKind::Working);
    assert_eq!(due.date, d(2026, 12, 28));
}

#[test]
fn calendar_days_are_not_moved_off_holidays__luwu_43_3() {
    // 14 days from 10 March 2026 is Tuesday 24 March, a cuti bersama day: the law says
    // "hari", so the date stays.
    let due = calendar(true).add_days(d(2026, 3, 10), 14, DayKind::Calendar);
    assert_eq!(due.date, d(2026, 3, 24));
    assert!(due.missing_years.is_empty());
}

#[test]
fn calendar_days_stop_at_the_last_date() {
    let due = calendar(true).add_days(NaiveDate::MAX, 5, DayKind::Calendar);
    assert_eq!(due.date, NaiveDate::MAX);
    let due = calendar(true).add_days(NaiveDate::MAX, 5, DayKind::Working);
    assert_eq!(due.date, NaiveDate::MAX);
}

#[test]
fn a_mall_open_on_saturday_counts_saturdays__perpres_21_2023() {
    let week = OfficeWeek::parse_mask("1111110").unwrap();
    let cal = WorkCalendar::new(week, holidays_2026(), BTreeSet::from([2026]), true);
    // Friday 9 January + 1 = Saturday 10 January.
    assert_eq!(
        cal.add_days(d(2026, 1, 9), 1, DayKind::Working).date,
        d(2026, 1, 10)
    );
    assert!(!cal.is_working_day(d(2026, 1, 11)));
}

#[test]
fn national_and_regional_holidays_win_over_cuti_bersama() {
    let regional = Holiday {
        date: d(2026, 3, 23),
        name: "Hari Jadi Kabupaten".to_owned(),
        kind: HolidayKind::Regional,
        decree: "Perbup 1/2026".to_owned(),
    };
    let mut holidays = holidays_2026();
    holidays.push(regional.clone());
    let cal = WorkCalendar::new(
        OfficeWeek::mon_fri_wib(),
        holidays,
        BTreeSet::from([2026]),
        false,
    );
    assert_eq!(cal.holiday(d(2026, 3, 23)), Some(&regional));
    assert!(!cal.is_working_day(d(2026, 3, 23)));
    assert!(cal.is_working_day(d(2026, 3, 24)), "cuti bersama worked");
    assert!(!cal.is_working_day(d(2026, 3, 19)), "Nyepi");
}

#[test]
fn a_week_without_open_days_falls_back_to_monday_to_friday() {
    let week = OfficeWeek {
        weekdays: [false; 7],
        utc_offset_hours: 8,
    };
    let cal = WorkCalendar::new(week, Vec::new(), BTreeSet::new(), true);
    assert_eq!(cal.week().mask(), "1111100");
    assert_eq!(cal.week().utc_offset_hours, 8);
    assert_eq!(
        cal.add_days(d(2026, 1, 9), 1, DayKind::Working).date,
        d(2026, 1, 12)
    );
}

#[test]
fn working_days_between_and_next_working_day() {
    let cal = calendar(true);
    assert_eq!(cal.working_days_between(d(2026, 3, 17), d(2026, 3, 27)), 3);
    assert_eq!(cal.working_days_between(d(2026, 3, 27), d(2026, 3, 17)), 0);
    assert_eq!(cal.next_working_day(d(2026, 3, 18)), d(2026, 3, 25));
    assert_eq!(cal.next_working_day(d(2026, 3, 25)), d(2026, 3, 25));
}

#[test]
fn default_2026_calendar_has_its_year_loaded() {
    let cal = WorkCalendar::default_2026();
    assert!(cal.years_loaded().contains(&2026));
    assert!(cal.cuti_bersama_is_holiday());
    assert_eq!(cal.holidays().count(), 25);
}

#[test]
fn office_week_masks_round_trip() {
    let week = OfficeWeek::parse_mask(" 1111100 ").unwrap();
    assert_eq!(week, OfficeWeek::mon_fri_wib());
    assert_eq!(week.mask(), "1111100");
    assert!(week.is_open_on(Weekday::Mon));
    assert!(!week.is_open_on(Weekday::Sun));
    let key = |r: Result<OfficeWeek, CoreError>| r.unwrap_err().message_key().unwrap().to_owned();
    assert_eq!(key(OfficeWeek::parse_mask("0000000")), "err-week-no-day");
    assert_eq!(key(OfficeWeek::parse_mask("111110")), "err-week-mask");
    assert_eq!(key(OfficeWeek::parse_mask("1111102")), "err-week-mask");
    assert_eq!(key(OfficeWeek::parse_mask("")), "err-week-mask");
    assert_eq!(
        key(OfficeWeek::parse_mask("１１１１１００")),
        "err-week-mask"
    );
    assert_eq!(key(week.with_utc_offset(6)), "err-utc-offset");
}

#[test]
fn today_is_the_office_date_not_the_utc_date() {
    // 16:30 UTC on 31 December is 23:30 WIB (still 31 December) and 00:30 WITA (1 January).
    let at = Utc.with_ymd_and_hms(2026, 12, 31, 16, 30, 0).unwrap();
    let wib = OfficeWeek::mon_fri_wib();
    let wita = wib.with_utc_offset(8).unwrap();
    assert_eq!(wib.local_date(at), d(2026, 12, 31));
    assert_eq!(wita.local_date(at), d(2027, 1, 1));
    assert_eq!(wita.zone_label(), "WITA");
    let cal = WorkCalendar::new(wita, Vec::new(), BTreeSet::new(), true);
    assert_eq!(cal.today(&FixedClock::new(at)), d(2027, 1, 1));
}

#[test]
fn day_kind_and_holiday_kind_codes() {
    assert_eq!(DayKind::parse("working").unwrap(), DayKind::Working);
    assert_eq!(DayKind::parse(" Calendar ").unwrap(), DayKind::Calendar);
    assert!(DayKind::parse("hari").is_err());
    assert_eq!(
        serde_json::to_string(&DayKind::Working).unwrap(),
        "\"working\""
    );
    assert_eq!(
        serde_json::to_string(&HolidayKind::CutiBersama).unwrap(),
        "\"cuti_bersama\""
    );
    assert_eq!(
        HolidayKind::parse("cuti_bersama").unwrap(),
        HolidayKind::CutiBersama
    );
}
