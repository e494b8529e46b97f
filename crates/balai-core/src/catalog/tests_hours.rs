//! Opening hours tests.

use chrono::NaiveTime;
use proptest::prelude::*;

use super::*;
use crate::error::CoreError;

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn key(result: Result<OpeningHours, CoreError>) -> String {
    match result {
        Err(CoreError::Invalid { field, message_key }) => {
            assert_eq!(field, "opening_hours");
            message_key
        }
        other => panic!("expected invalid hours, got {other:?}"),
    }
}

#[test]
fn english_compact_form_parses_and_displays() {
    let hours = OpeningHours::parse_compact("Mon-Fri 08:00-15:00; Sat 08:00-12:00").unwrap();
    assert_eq!(hours.days.len(), 6);
    assert_eq!(
        hours.days[0],
        DayHours {
            weekday: 1,
            open: t(8, 0),
            close: t(15, 0)
        }
    );
    assert_eq!(
        hours.days[5],
        DayHours {
            weekday: 6,
            open: t(8, 0),
            close: t(12, 0)
        }
    );
    assert_eq!(
        hours.display_id(),
        "Senin–Jumat 08.00–15.00; Sabtu 08.00–12.00"
    );
    assert_eq!(hours.display_en(), "Mon–Fri 08:00–15:00; Sat 08:00–12:00");
    assert_eq!(hours.to_compact(), "Mon-Fri 08:00-15:00; Sat 08:00-12:00");
}

#[test]
fn indonesian_day_names_and_dotted_times() {
    let hours =
        OpeningHours::parse_compact("sen-kam 08.00-16.00; JUM 08.00-11.30, 13.30-16.00").unwrap();
    assert_eq!(
        hours.display_id(),
        "Senin–Kamis 08.00–16.00; Jumat 08.00–11.30, 13.30–16.00"
    );
    assert!(hours.is_open_at(5, t(9, 0)));
    assert!(!hours.is_open_at(5, t(12, 0)), "Friday prayer break");
    assert!(!hours.is_open_at(5, t(16, 0)), "closing time is exclusive");
    assert!(hours.is_open_at(5, t(13, 30)));
    assert!(!hours.is_open_at(7, t(9, 0)));
}

#[test]
fn day_lists_and_full_names() {
    let hours = OpeningHours::parse_compact("Senin, Rabu 8:00-12:00; Sabtu 09:00-11:00").unwrap();
    let days: Vec<u8> = hours.days.iter().map(|d| d.weekday).collect();
    assert_eq!(days, [1, 3, 6]);
    assert_eq!(
        hours.display_id(),
        "Senin 08.00–12.00; Rabu 08.00–12.00; Sabtu 09.00–11.00"
    );
}

#[test]
fn nasty_hours_inputs() {
    assert_eq!(key(OpeningHours::parse_compact("")), "err-required");
    assert_eq!(key(OpeningHours::parse_compact(" ; ")), "err-required");
    assert_eq!(
        key(OpeningHours::parse_compact("Mon-Fri")),
        "err-hours-format"
    );
    assert_eq!(
        key(OpeningHours::parse_compact("08:00-15:00")),
        "err-hours-format"
    );
    assert_eq!(
        key(OpeningHours::parse_compact("Fri-Mon 08:00-15:00")),
        "err-hours-format"
    );
    assert_eq!(
        key(OpeningHours::parse_compact("Xyz 08:00-15:00")),
        "err-hours-format"
    );
    assert_eq!(
        key(OpeningHours::parse_compact("Mon 25:00-26:00")),
        "err-hours-format"
    );
    assert_eq!(
        key(OpeningHours::parse_compact("Mon 08:60-09:00")),
        "err-hours-format"
    );
    assert_eq!(
        key(OpeningHours::parse_compact("Mon 0800-0900")),
        "err-hours-format"
    );
    assert_eq!(
        key(OpeningHours::parse_compact("Mon 08:00")),
        "err-hours-format"
    );
    assert_eq!(
        key(OpeningHours::parse_compact("Mon ０８:００-09:00")),
        "err-hours-format"
    );
    assert_eq!(
        key(OpeningHours::parse_compact("Mon 15:00-08:00")),
        "err-hours-order"
    );
    assert_eq!(
        key(OpeningHours::parse_compact("Mon 08:00-08:00")),
        "err-hours-order"
    );
    assert_eq!(
        key(OpeningHours::parse_compact(
            "Mon-Fri 08:00-15:00; Fri 14:00-16:00"
        )),
        "err-hours-overlap"
    );
}

#[test]
fn never_open_displays_closed() {
    let hours = OpeningHours::default();
    assert_eq!(hours.display_id(), "Tutup");
    assert_eq!(hours.display_en(), "Closed");
}

proptest! {
    #[test]
    fn compact_form_round_trips(
        mask in prop::array::uniform7(any::<bool>()).prop_filter("a day", |m| m.contains(&true)),
        open_h in 0u32..12, open_m in 0u32..60, len_min in 1u32..(11 * 60),
    ) {
        let open = t(open_h, open_m);
        let close = open + chrono::Duration::minutes(i64::from(len_min));
        let days = mask
            .iter()
            .enumerate()
            .filter(|(_, on)| **on)
            .map(|(i, _)| DayHours { weekday: i as u8 + 1, open, close })
            .collect();
        let hours = OpeningHours { days };
        let back = OpeningHours::parse_compact(&hours.to_compact()).unwrap();
        prop_assert_eq!(back, hours);
    }

    #[test]
    fn parse_never_panics(s in "\\PC{0,60}") {
        let _ = OpeningHours::parse_compact(&s);
    }
}

#[test]
fn day_lists_may_be_written_with_dan_or_and() {
    let a = OpeningHours::parse_compact("Sel dan Kam 09:00-14:00").expect("dan");
    let b = OpeningHours::parse_compact("Tue and Thu 09:00-14:00").expect("and");
    let c = OpeningHours::parse_compact("Sel,Kam 09:00-14:00").expect("comma");
    assert_eq!(a, c);
    assert_eq!(b, c);
    assert_eq!(
        a.days.iter().map(|d| d.weekday).collect::<Vec<_>>(),
        vec![2, 4]
    );
}
