//! Region code and rupiah tests.

use proptest::prelude::*;

use super::*;
use crate::error::CoreError;

fn key<T: std::fmt::Debug>(result: Result<T, CoreError>) -> String {
    match result {
        Err(CoreError::Invalid { message_key, .. }) => message_key,
        other => panic!("expected an invalid value, got {other:?}"),
    }
}

#[test]
fn region_codes_parse_dotted_or_plain_at_every_level() {
    let cases = [
        ("18", "18", RegionLevel::Province),
        ("18.11", "18.11", RegionLevel::Regency),
        ("1811", "18.11", RegionLevel::Regency),
        (" 18.11.01 ", "18.11.01", RegionLevel::District),
        ("18.11.01.2001", "18.11.01.2001", RegionLevel::Village),
        ("1811012001", "18.11.01.2001", RegionLevel::Village),
    ];
    for (input, dotted, level) in cases {
        let code = RegionCode::parse(input).unwrap();
        assert_eq!(code.dotted(), dotted, "{input}");
        assert_eq!(code.level(), level, "{input}");
        assert_eq!(code.as_str(), dotted.replace('.', ""));
    }
}

#[test]
fn regency_71_to_99_is_a_city() {
    assert!(RegionCode::parse("31.71").unwrap().is_city());
    assert!(RegionCode::parse("18.71.01").unwrap().is_city());
    assert!(!RegionCode::parse("18.11").unwrap().is_city());
    assert!(!RegionCode::parse("18").unwrap().is_city());
}

#[test]
fn village_code_tells_kelurahan_from_desa() {
    assert_eq!(
        RegionCode::parse("18.71.01.1001").unwrap().is_kelurahan(),
        Some(true)
    );
    assert_eq!(
        RegionCode::parse("18.11.01.2001").unwrap().is_kelurahan(),
        Some(false)
    );
    assert_eq!(RegionCode::parse("18.11.01").unwrap().is_kelurahan(), None);
}

#[test]
fn region_hierarchy_helpers() {
    let village = RegionCode::parse("18.11.01.2001").unwrap();
    let district = village.parent().unwrap();
    assert_eq!(district.as_str(), "181101");
    assert_eq!(district.parent().unwrap().as_str(), "1811");
    assert_eq!(village.province().as_str(), "18");
    assert_eq!(village.province_name(), "Lampung");
    assert!(RegionCode::parse("18").unwrap().parent().is_none());
    assert!(RegionCode::parse("18.11").unwrap().contains(&village));
    assert!(!RegionCode::parse("18.12").unwrap().contains(&village));
}

#[test]
fn region_nasty_inputs() {
    assert_eq!(key(RegionCode::parse("")), "err-required");
    assert_eq!(key(RegionCode::parse("1")), "err-region-length");
    assert_eq!(key(RegionCode::parse("181")), "err-region-length");
    assert_eq!(key(RegionCode::parse("18110120011")), "err-region-length");
    assert_eq!(key(RegionCode::parse("18.1.1")), "err-region-length");
    assert_eq!(
        key(RegionCode::parse("18.11.01.2001.1")),
        "err-region-length"
    );
    assert_eq!(key(RegionCode::parse("18..11")), "err-region-length");
    assert_eq!(key(RegionCode::parse("18-11")), "err-region-digits");
    assert_eq!(key(RegionCode::parse("１８")), "err-region-digits");
    assert_eq!(key(RegionCode::parse("20")), "err-region-province");
    assert_eq!(key(RegionCode::parse("00.11")), "err-region-province");
    assert_eq!(key(RegionCode::parse("18.00")), "err-region-regency");
    assert_eq!(key(RegionCode::parse("18.70")), "err-region-regency");
    assert_eq!(key(RegionCode::parse("18.11.00")), "err-region-district");
    assert_eq!(
        key(RegionCode::parse("18.11.01.3001")),
        "err-region-village"
    );
    assert_eq!(
        key(RegionCode::parse("18.11.01.2000")),
        "err-region-village"
    );
}

#[test]
fn region_serde_round_trips() {
    let code: RegionCode = serde_json::from_str("\"18.11\"").unwrap();
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"1811\"");
}

proptest! {
    #[test]
    fn region_parse_never_panics(s in "[0-9.]{0,14}|\\PC{0,14}") {
        if let Ok(code) = RegionCode::parse(&s) {
            prop_assert_eq!(RegionCode::parse(&code.dotted()).unwrap(), code);
        }
    }
}

#[test]
fn rupiah_parses_the_forms_people_write() {
    for (input, value) in [
        ("150000", 150_000),
        ("150.000", 150_000),
        ("Rp 150.000", 150_000),
        ("Rp150.000,00", 150_000),
        ("rp. 150.000", 150_000),
        ("Rp 150.000,-", 150_000),
        ("IDR 1.500.000", 1_500_000),
        ("0", 0),
        ("Rp0", 0),
        ("1.000.000.000.000", 1_000_000_000_000),
        (" 007 ", 7),
    ] {
        assert_eq!(Rupiah::parse(input).unwrap(), Rupiah(value), "{input}");
    }
}

#[test]
fn rupiah_refuses_negative_fractions_and_huge_amounts() {
    assert_eq!(key(Rupiah::parse("")), "err-required");
    assert_eq!(key(Rupiah::parse("-5000")), "err-rupiah-negative");
    assert_eq!(key(Rupiah::parse("Rp -5.000")), "err-rupiah-negative");
    assert_eq!(key(Rupiah::parse("-Rp5.000")), "err-rupiah-negative");
    assert_eq!(key(Rupiah::parse("150.000,50")), "err-rupiah-fraction");
    assert_eq!(key(Rupiah::parse("150,5")), "err-rupiah-fraction");
    assert_eq!(key(Rupiah::parse("150,000")), "err-rupiah-fraction");
    assert_eq!(
        key(Rupiah::parse("1.000.000.000.001")),
        "err-rupiah-too-large"
    );
    assert_eq!(
        key(Rupiah::parse("99999999999999999999999")),
        "err-rupiah-too-large"
    );
    for bad in [
        "Rp", "15.00", "1500.000", "150.0000", ".150", "150.", "1 500", "150,", "150,ab", "abc",
        "١٥٠", "1e6", "+150",
    ] {
        assert_eq!(key(Rupiah::parse(bad)), "err-rupiah-invalid", "{bad}");
    }
}

#[test]
fn rupiah_display_groups_thousands() {
    assert_eq!(Rupiah(150_000).display(), "Rp150.000");
    assert_eq!(Rupiah(0).display(), "Rp0");
    assert_eq!(Rupiah(999).display(), "Rp999");
    assert_eq!(Rupiah(1_000).display(), "Rp1.000");
    assert_eq!(Rupiah(1_234_567).to_string(), "Rp1.234.567");
    assert_eq!(Rupiah(-5_000).display(), "-Rp5.000");
    assert_eq!(Rupiah(i64::MIN).display(), "-Rp9.223.372.036.854.775.808");
    assert!(Rupiah(0).is_free());
    assert!(!Rupiah(1).is_free());
}

#[test]
fn rupiah_json_is_an_integer_and_accepts_strings() {
    assert_eq!(serde_json::to_string(&Rupiah(150_000)).unwrap(), "150000");
    assert_eq!(
        serde_json::from_str::<Rupiah>("150000").unwrap(),
        Rupiah(150_000)
    );
    assert_eq!(
        serde_json::from_str::<Rupiah>("\"Rp150.000\"").unwrap(),
        Rupiah(150_000)
    );
    assert!(serde_json::from_str::<Rupiah>("-1").is_err());
    assert!(serde_json::from_str::<Rupiah>("1.5").is_err());
    assert!(serde_json::from_str::<Rupiah>("1000000000001").is_err());
}

#[test]
fn rupiah_sum_saturates() {
    let total: Rupiah = [Rupiah(i64::MAX), Rupiah(1)].into_iter().sum();
    assert_eq!(total, Rupiah(i64::MAX));
}

proptest! {
    #[test]
    fn rupiah_display_parses_back(v in 0i64..=1_000_000_000_000) {
        prop_assert_eq!(Rupiah::parse(&Rupiah(v).display()).unwrap(), Rupiah(v));
        prop_assert_eq!(Rupiah::parse(&v.to_string()).unwrap(), Rupiah(v));
    }

    #[test]
    fn rupiah_parse_never_panics(s in "\\PC{0,30}") {
        let _ = Rupiah::parse(&s);
    }
}
