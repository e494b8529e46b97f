//! Phone and e-mail tests.

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
fn local_mobile_numbers_are_stored_in_e164() {
    for input in [
        "081234567890",
        "0812-3456-7890",
        "0812 3456 7890",
        "+62 812 3456 7890",
        "+6281234567890",
        "62 812-3456-7890",
    ] {
        let phone = Phone::parse(input).unwrap();
        assert_eq!(phone.as_str(), "+6281234567890", "{input}");
    }
    let phone = Phone::parse("081234567890").unwrap();
    assert_eq!(phone.national(), "081234567890");
    assert_eq!(phone.digits(), "6281234567890");
}

#[test]
fn landlines_with_area_codes_are_accepted() {
    assert_eq!(
        Phone::parse("(021) 5551 2345").unwrap().as_str(),
        "+622155512345"
    );
    assert_eq!(
        Phone::parse("0721 123456").unwrap().as_str(),
        "+62721123456"
    );
}

#[test]
fn foreign_numbers_are_refused() {
    assert_eq!(key(Phone::parse("+65 6123 4567")), "err-phone-country");
}

#[test]
fn phone_nasty_inputs() {
    assert_eq!(key(Phone::parse("")), "err-required");
    assert_eq!(key(Phone::parse("  ")), "err-required");
    assert_eq!(key(Phone::parse("12")), "err-phone-invalid");
    assert_eq!(key(Phone::parse("0812")), "err-phone-invalid");
    assert_eq!(key(Phone::parse("nomor saya 0812")), "err-phone-invalid");
    assert_eq!(
        key(Phone::parse("0812345678901234567890")),
        "err-phone-invalid"
    );
    assert_eq!(key(Phone::parse(&"0".repeat(500))), "err-phone-invalid");
}

#[test]
fn phone_serde_round_trips() {
    let phone: Phone = serde_json::from_str("\"0812-3456-7890\"").unwrap();
    assert_eq!(serde_json::to_string(&phone).unwrap(), "\"+6281234567890\"");
}

proptest! {
    #[test]
    fn phone_parse_never_panics(s in "\\PC{0,40}") {
        let _ = Phone::parse(&s);
    }

    #[test]
    fn phone_parse_never_panics_on_digit_soup(s in "[+0-9 ()-]{0,30}") {
        if let Ok(phone) = Phone::parse(&s) {
            prop_assert!(phone.as_str().starts_with("+62"));
        }
    }
}

#[test]
fn email_is_lowercased_and_trimmed() {
    let email = Email::parse("  Siti.Aminah@Lampung.GO.ID ").unwrap();
    assert_eq!(email.as_str(), "siti.aminah@lampung.go.id");
    assert_eq!(email.domain(), "lampung.go.id");
    assert!(Email::parse("a+tag@sub.example.co.id").is_ok());
}

#[test]
fn email_nasty_inputs() {
    assert_eq!(key(Email::parse("")), "err-required");
    for bad in [
        "siti",
        "@example.com",
        "siti@",
        "siti@localhost",
        "siti@@example.com",
        "siti@exa@mple.com",
        "siti aminah@example.com",
        "siti@example..com",
        "siti@.example.com",
        "siti@example.com.",
        "siti@-example.com",
        ".siti@example.com",
        "si..ti@example.com",
        "siti@exa\tmple.com",
        "<siti@example.com>",
    ] {
        assert_eq!(key(Email::parse(bad)), "err-email-invalid", "{bad}");
    }
    let long = format!("{}@example.com", "a".repeat(250));
    assert_eq!(key(Email::parse(&long)), "err-email-too-long");
    let long_local = format!("{}@example.com", "a".repeat(65));
    assert_eq!(key(Email::parse(&long_local)), "err-email-invalid");
}

#[test]
fn email_serde_round_trips() {
    let email: Email = serde_json::from_str("\"A@B.CO\"").unwrap();
    assert_eq!(serde_json::to_string(&email).unwrap(), "\"a@b.co\"");
    assert!(serde_json::from_str::<Email>("\"nope\"").is_err());
}
