//! Taxpayer numbers (NPWP) and business identity numbers (NIB), national-rules §5.

use crate::error::CoreError;

use super::{all_ascii_digits, string_newtype};

/// A 15-digit taxpayer number. The ninth digit is a Luhn check digit over the first eight.
///
/// Accepted forms: `01.000.013.1-093.000`, `010000131093000`, and the 16-digit form
/// `0` + the 15 digits used since the 2024 switch to 16-digit NPWPs. Stored as 15 digits. (A
/// 16-digit NPWP that is a person's NIK is a [`super::Nik`], not an `Npwp`.)
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Npwp(String);

impl Npwp {
    /// Parses an NPWP, ignoring dots, dashes and spaces.
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let err = |key: &str| CoreError::invalid("npwp", key);
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(err("err-required"));
        }
        let digits: String = trimmed
            .chars()
            .filter(|c| !matches!(c, '.' | '-' | ' '))
            .collect();
        if !all_ascii_digits(&digits) {
            return Err(err("err-npwp-digits"));
        }
        let fifteen = match digits.len() {
            15 => digits,
            16 if digits.starts_with('0') => digits[1..].to_owned(),
            _ => return Err(err("err-npwp-length")),
        };
        if !luhn_valid(&fifteen[..9]) {
            return Err(err("err-npwp-checksum"));
        }
        Ok(Self(fifteen))
    }

    /// The 15 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The printed form `99.999.999.9-999.999`.
    pub fn display(&self) -> String {
        let d = &self.0;
        format!(
            "{}.{}.{}.{}-{}.{}",
            &d[..2],
            &d[2..5],
            &d[5..8],
            &d[8..9],
            &d[9..12],
            &d[12..]
        )
    }

    /// The 16-digit form: `0` followed by the 15 digits.
    pub fn sixteen_digits(&self) -> String {
        format!("0{}", self.0)
    }
}

/// The Luhn check digit for the first eight digits of an NPWP, or `None` when `first_eight`
/// is not eight ASCII digits. Fixtures use it to make valid NPWPs.
pub fn npwp_check_digit(first_eight: &str) -> Option<char> {
    if first_eight.len() != 8 || !all_ascii_digits(first_eight) {
        return None;
    }
    (b'0'..=b'9')
        .map(char::from)
        .find(|c| luhn_valid(&format!("{first_eight}{c}")))
}

/// Luhn over ASCII digits whose last digit is the check digit: double every second digit
/// counting from the right, subtract 9 from doubles over 9, the total must end in 0.
fn luhn_valid(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let doubled = d * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A business identity number (Nomor Induk Berusaha) issued by OSS: 13 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nib(String);

impl Nib {
    /// Parses a NIB (trimmed).
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let err = |key: &str| CoreError::invalid("nib", key);
        let s = input.trim();
        if s.is_empty() {
            return Err(err("err-required"));
        }
        if !all_ascii_digits(s) {
            return Err(err("err-nib-digits"));
        }
        if s.len() != 13 {
            return Err(err("err-nib-length"));
        }
        Ok(Self(s.to_owned()))
    }

    /// The 13 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype!(Npwp);
string_newtype!(Nib);
