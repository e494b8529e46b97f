//! NIK tests (national-rules §5).

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::error::CoreError;

fn key(result: Result<Nik, CoreError>) -> String {
    match result {
        Err(CoreError::Invalid { field, message_key }) => {
            assert_eq!(field, "nik");
            message_key
        }
        other => panic!("expected an invalid NIK, got {other:?}"),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn valid_nik_parses_trimmed_and_masks_the_middle__permendagri_nik() {
    let nik = Nik::parse("  3207011201900002\n").unwrap();
    assert_eq!(nik.as_str(), "3207011201900002");
    assert_eq!(nik.masked(), "3207********0002");
    assert_eq!(nik.to_string(), "3207011201900002");
    assert!(!nik.is_female());
    assert_eq!(nik.regency().as_str(), "3207");
}

#[test]
fn debug_never_shows_the_full_nik__uu_27_2022() {
    let nik = Nik::parse("3207011201900002").unwrap();
    let debug = format!("{nik:?}");
    assert!(!debug.contains("3207011201900002"));
    assert!(debug.contains("3207********0002"));
}

#[test]
fn women_have_40_added_to_the_day_of_birth() {
    let nik = Nik::parse("3207015201900002").unwrap();
    assert!(nik.is_female());
    assert_eq!(nik.birth_date_on(date(2026, 6, 1)), date(1990, 1, 12));
    let first = Nik::parse("3207014101900002").unwrap();
    assert_eq!(first.birth_date_on(date(2026, 6, 1)), date(1990, 1, 1));
    let last = Nik::parse("3207017101900002").unwrap();
    assert_eq!(last.birth_date_on(date(2026, 6, 1)), date(1990, 1, 31));
}

#[test]
fn impossible_days_are_refused() {
    for nik in [
        "3207010001900002", // day 00
        "3207013201900002", // day 32
        "3207014001900002", // day 40 (neither a man's nor a woman's day)
        "3207017201900002", // day 72
        "3207013102900002", // 31 February
        "3207017102900002", // 31 February, woman
        "3207013104900002", // 31 April
        "3207011200900002", // month 00
        "3207011213900002", // month 13
        "3207012902010002", // 29 February 2001 / 1901
    ] {
        assert_eq!(key(Nik::parse(nik)), "err-nik-date", "{nik}");
    }
}

#[test]
fn leap_day_is_accepted_in_leap_years() {
    let nik = Nik::parse("3207012902000002").unwrap();
    assert_eq!(nik.birth_date_on(date(2026, 1, 1)), date(2000, 2, 29));
    let woman = Nik::parse("3207016902960002").unwrap();
    assert_eq!(woman.birth_date_on(date(2026, 1, 1)), date(1996, 2, 29));
}

#[test]
fn century_follows_the_current_two_digit_year() {
    let born_this_year = Nik::parse("3207011201260002").unwrap();
    assert_eq!(
        born_this_year.birth_date_on(date(2026, 12, 31)),
        date(2026, 1, 12)
    );
    let born_next_yy = Nik::parse("3207011201270002").unwrap();
    assert_eq!(
        born_next_yy.birth_date_on(date(2026, 12, 31)),
        date(1927, 1, 12)
    );
    assert_eq!(
        born_next_yy.birth_date_on(date(2027, 1, 1)),
        date(2027, 1, 12)
    );
    let born_2000 = Nik::parse("3207011201000002").unwrap();
    assert_eq!(born_2000.birth_date_on(date(2026, 1, 1)), date(2000, 1, 12));
}

#[test]
fn serial_0000_is_refused() {
    assert_eq!(key(Nik::parse("3207011201900000")), "err-nik-serial");
    assert!(Nik::parse("3207011201900001").is_ok());
}

#[test]
fn unknown_region_prefix_is_refused() {
    for nik in [
        "2007011201900002", // province 20 does not exist
        "9907011201900002", // province 99 does not exist
        "3200011201900002", // regency 00
        "3270011201900002", // regency 70 (between kabupaten and kota)
    ] {
        assert_eq!(key(Nik::parse(nik)), "err-nik-region", "{nik}");
    }
    assert!(Nik::parse("3271011201900002").is_ok(), "Kota Bogor");
    assert!(Nik::parse("9601011201900002").is_ok(), "Papua Barat Daya");
}

#[test]
fn nasty_inputs_get_the_right_key() {
    assert_eq!(key(Nik::parse("")), "err-required");
    assert_eq!(key(Nik::parse("   ")), "err-required");
    assert_eq!(key(Nik::parse("320701120190000")), "err-nik-length");
    assert_eq!(key(Nik::parse("32070112019000021")), "err-nik-length");
    assert_eq!(key(Nik::parse("3207 0112 0190 0002")), "err-nik-digits");
    assert_eq!(key(Nik::parse("3207-0112-0190-0002")), "err-nik-digits");
    assert_eq!(key(Nik::parse("٣٢٠٧٠١١٢٠١٩٠٠٠٠٢")), "err-nik-digits");
    assert_eq!(
        key(Nik::parse("３２０７０１１２０１９００００２")),
        "err-nik-digits"
    );
    assert_eq!(key(Nik::parse("32070112019O0002")), "err-nik-digits");
    assert_eq!(key(Nik::parse(&"1".repeat(10_000))), "err-nik-length");
}

#[test]
fn nik_serializes_as_a_string_and_deserializes_through_parse() {
    let nik = Nik::parse("3207011201900002").unwrap();
    let json = serde_json::to_string(&nik).unwrap();
    assert_eq!(json, "\"3207011201900002\"");
    assert_eq!(serde_json::from_str::<Nik>(&json).unwrap(), nik);
    assert!(serde_json::from_str::<Nik>("\"3207011201900000\"").is_err());
}

/// A valid NIK from its parts; `day` already carries the +40 for women.
fn nik_strategy() -> impl Strategy<Value = (String, bool, NaiveDate)> {
    let prefix = prop::sample::select(vec!["1101", "1811", "3207", "3171", "6571", "9601"]);
    (
        prefix,
        1u32..=99,
        1u32..=28,
        1u32..=12,
        0u32..=99,
        any::<bool>(),
        1u32..=9999,
    )
        .prop_map(|(p, district, day, month, yy, female, serial)| {
            let dd = if female { day + 40 } else { day };
            let s = format!("{p}{district:02}{dd:02}{month:02}{yy:02}{serial:04}");
            let year = if yy > 26 { 1900 + yy } else { 2000 + yy };
            (s, female, date(year as i32, month, day))
        })
}

proptest! {
    #[test]
    fn generated_valid_niks_round_trip((s, female, born) in nik_strategy()) {
        let nik = Nik::parse(&s).unwrap();
        prop_assert_eq!(nik.as_str(), s.as_str());
        prop_assert_eq!(nik.is_female(), female);
        prop_assert_eq!(nik.birth_date_on(date(2026, 3, 1)), born);
        prop_assert_eq!(nik.masked().chars().count(), 16);
        prop_assert_eq!(&nik.masked()[12..], &s[12..]);
    }

    #[test]
    fn parse_never_panics_on_any_text(s in "\\PC{0,40}") {
        let _ = Nik::parse(&s);
    }

    #[test]
    fn parse_never_panics_on_any_16_digits(s in "[0-9]{16}") {
        if let Ok(nik) = Nik::parse(&s) {
            let _ = nik.birth_date_on(date(2026, 1, 1));
            let _ = nik.regency();
        }
    }
}
