//! Contact details: phone numbers and e-mail addresses.

use phonenumber::country::Id as CountryId;
use phonenumber::{Mode, PhoneNumber};

use crate::error::CoreError;

use super::string_newtype;

/// Longest phone input we hand to the parser; real numbers with spacing fit easily.
const PHONE_INPUT_MAX: usize = 40;

/// An Indonesian phone number in E.164 (`+6281234567890`), checked against libphonenumber's
/// metadata. Local forms (`0812-3456-7890`, `(021) 555 1234`) are read with Indonesia as the
/// default region. Numbers of other countries are refused: notices go out through Indonesian
/// SMS/WhatsApp gateways, and the regulations address residents.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Phone(String);

impl Phone {
    /// Parses and validates a phone number.
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let err = |key: &str| CoreError::invalid("phone", key);
        let s = input.trim();
        if s.is_empty() {
            return Err(err("err-required"));
        }
        if s.chars().count() > PHONE_INPUT_MAX || s.chars().any(char::is_alphabetic) {
            return Err(err("err-phone-invalid"));
        }
        let number: PhoneNumber =
            phonenumber::parse(Some(CountryId::ID), s).map_err(|_| err("err-phone-invalid"))?;
        if !number.is_valid() {
            return Err(err("err-phone-invalid"));
        }
        if number.code().value() != 62 {
            return Err(err("err-phone-country"));
        }
        Ok(Self(number.format().mode(Mode::E164).to_string()))
    }

    /// The E.164 form, `+62…`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The national form people dial, `0812…` (E.164 without `+62`, with a leading 0).
    pub fn national(&self) -> String {
        format!("0{}", self.0.trim_start_matches("+62"))
    }

    /// The form WhatsApp links use: digits only, `62812…`.
    pub fn digits(&self) -> &str {
        self.0.trim_start_matches('+')
    }
}

/// Longest address SMTP allows in a path (RFC 5321).
const EMAIL_MAX: usize = 254;

/// An e-mail address, lower-cased. The check is pragmatic, not RFC 5322: one `@`, a non-empty
/// local part, a domain with a dot and no empty label, no spaces or control characters, at most
/// 254 characters. Delivery is what proves an address; this catches typing mistakes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Email(String);

impl Email {
    /// Parses an e-mail address.
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let err = |key: &str| CoreError::invalid("email", key);
        let s = input.trim();
        if s.is_empty() {
            return Err(err("err-required"));
        }
        if s.chars().count() > EMAIL_MAX {
            return Err(err("err-email-too-long"));
        }
        let lowered = s.to_lowercase();
        if !email_shape_ok(&lowered) {
            return Err(err("err-email-invalid"));
        }
        Ok(Self(lowered))
    }

    /// The address, lower-cased.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The part after `@`.
    pub fn domain(&self) -> &str {
        self.0.rsplit_once('@').map_or("", |(_, d)| d)
    }
}

/// The structural checks of [`Email::parse`].
fn email_shape_ok(s: &str) -> bool {
    let forbidden = |c: char| {
        c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';')
    };
    if s.chars().any(forbidden) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.contains('@') {
        return false;
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
}

string_newtype!(Phone);
string_newtype!(Email);
