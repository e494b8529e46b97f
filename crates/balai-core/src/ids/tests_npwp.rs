//! NPWP, NIB and code tests (national-rules §5).

use proptest::prelude::*;

use super::*;
use crate::error::CoreError;

fn key<T: std::fmt::Debug>(result: Result<T, CoreError>) -> String {
    match result {
        Err(CoreError::Invalid { message_key, .. }) => message_key,
        other => panic!("expected an invalid value, got {other:?}"),
    }
}

/// Builds a valid 15-digit NPWP from its first eight digits and the last six (the tax office
/// and branch), computing the Luhn check digit.
fn make_npwp(first_eight: &str, last_six: &str) -> String {
    let check = npwp_check_digit(first_eight).unwrap();
    format!("{first_eight}{check}{last_six}")
}

#[test]
fn helper_makes_the_check_digit_of_a_published_npwp() {
    // 01.000.013.1-093.000 is a published company NPWP; its check digit is 1.
    assert_eq!(make_npwp("01000013", "093000"), "010000131093000");
    assert_eq!(npwp_check_digit("0100001"), None);
    assert_eq!(npwp_check_digit("0100001x"), None);
}

#[test]
fn npwp_accepts_printed_plain_and_16_digit_forms() {
    for input in [
        "01.000.013.1-093.000",
        "010000131093000",
        " 01 000 013 1 093 000 ",
        "0010000131093000",
    ] {
        let npwp = Npwp::parse(input).unwrap();
        assert_eq!(npwp.as_str(), "010000131093000", "{input}");
        assert_eq!(npwp.display(), "01.000.013.1-093.000");
        assert_eq!(npwp.sixteen_digits(), "0010000131093000");
    }
}

#[test]
fn npwp_with_a_wrong_check_digit_is_refused() {
    assert_eq!(
        key(Npwp::parse("01.000.013.2-093.000")),
        "err-npwp-checksum"
    );
    assert_eq!(
        key(Npwp::parse("01.000.031.1-093.000")),
        "err-npwp-checksum"
    );
}

#[test]
fn npwp_nasty_inputs() {
    assert_eq!(key(Npwp::parse("")), "err-required");
    assert_eq!(key(Npwp::parse("01.000.013.1-093.00")), "err-npwp-length");
    assert_eq!(key(Npwp::parse("1010000131093000")), "err-npwp-length");
    assert_eq!(key(Npwp::parse("01/000/013/1/093/000")), "err-npwp-digits");
    assert_eq!(key(Npwp::parse("٠١٠٠٠٠١٣١٠٩٣٠٠٠")), "err-npwp-digits");
    assert_eq!(key(Npwp::parse("01.000.013.1-093.0OO")), "err-npwp-digits");
}

#[test]
fn npwp_serde_uses_the_15_digits() {
    let npwp = Npwp::parse("01.000.013.1-093.000").unwrap();
    assert_eq!(serde_json::to_string(&npwp).unwrap(), "\"010000131093000\"");
    let back: Npwp = serde_json::from_str("\"01.000.013.1-093.000\"").unwrap();
    assert_eq!(back, npwp);
}

proptest! {
    #[test]
    fn every_generated_npwp_is_valid(first in "[0-9]{8}", last in "[0-9]{6}") {
        let s = make_npwp(&first, &last);
        let npwp = Npwp::parse(&s).unwrap();
        prop_assert_eq!(Npwp::parse(&npwp.display()).unwrap(), npwp);
    }

    #[test]
    fn luhn_catches_every_single_digit_typo(
        first in "[0-9]{8}", last in "[0-9]{6}", pos in 0usize..9, delta in 1u8..10,
    ) {
        let mut bytes = make_npwp(&first, &last).into_bytes();
        bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
        let typo = String::from_utf8(bytes).unwrap();
        prop_assert_eq!(key(Npwp::parse(&typo)), "err-npwp-checksum");
    }

    #[test]
    fn npwp_parse_never_panics(s in "\\PC{0,30}") {
        let _ = Npwp::parse(&s);
    }
}

#[test]
fn nib_is_13_digits() {
    assert_eq!(
        Nib::parse(" 9120001234567 ").unwrap().as_str(),
        "9120001234567"
    );
    assert_eq!(key(Nib::parse("")), "err-required");
    assert_eq!(key(Nib::parse("912000123456")), "err-nib-length");
    assert_eq!(key(Nib::parse("91200012345678")), "err-nib-length");
    assert_eq!(key(Nib::parse("9120-001234567")), "err-nib-digits");
    assert_eq!(key(Nib::parse("٩١٢٠٠٠١٢٣٤٥٦٧")), "err-nib-digits");
}

#[test]
fn code_is_upper_cased_and_narrow() {
    assert_eq!(
        Code::parse(" disdukcapil ").unwrap().as_str(),
        "DISDUKCAPIL"
    );
    assert_eq!(Code::parse("ktp-el").unwrap().as_str(), "KTP-EL");
    assert_eq!(Code::parse("LOKET_1").unwrap().as_str(), "LOKET_1");
    assert_eq!(key(Code::parse("")), "err-required");
    assert_eq!(key(Code::parse("A")), "err-code-length");
    assert_eq!(key(Code::parse(&"A".repeat(33))), "err-code-length");
    assert!(Code::parse(&"A".repeat(32)).is_ok());
    assert_eq!(key(Code::parse("KTP EL")), "err-code-chars");
    assert_eq!(key(Code::parse("KTP.EL")), "err-code-chars");
    assert_eq!(key(Code::parse("ÉKTP")), "err-code-chars");
    assert_eq!(key(Code::parse("ｋｔｐ")), "err-code-chars");
}

#[test]
fn code_serde_round_trips() {
    let code: Code = serde_json::from_str("\"ktp-el\"").unwrap();
    assert_eq!(serde_json::to_string(&code).unwrap(), "\"KTP-EL\"");
    assert!(serde_json::from_str::<Code>("\"x\"").is_err());
}
