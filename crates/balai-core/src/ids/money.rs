//! Whole-rupiah amounts (architecture §2: money is `i64` whole rupiah).

use std::fmt;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::CoreError;

use super::all_ascii_digits;

/// Largest amount accepted from input: one trillion rupiah, far above any public-service fee
/// or levy, low enough that sums of many fees cannot overflow `i64`.
const RUPIAH_MAX: i64 = 1_000_000_000_000;

/// An amount in whole rupiah. The rupiah has no cents in practice; `,00` is accepted on input
/// and dropped.
///
/// JSON form: a plain integer (`150000`), because APIs and spreadsheets sum it. Deserializing
/// also accepts a string, read by [`Rupiah::parse`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rupiah(pub i64);

impl Rupiah {
    /// Parses `150000`, `150.000`, `Rp 150.000`, `Rp. 150.000`, `Rp150.000,00` or
    /// `Rp150.000,-`. Refuses negative amounts, a fraction other than zero, thousands groups
    /// that are not three digits, and amounts above one trillion.
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let err = |key: &str| CoreError::invalid("amount", key);
        let s = input.trim();
        if s.is_empty() {
            return Err(err("err-required"));
        }
        let (negative, rest) = match s.strip_prefix('-') {
            Some(r) => (true, r.trim_start()),
            None => (false, s),
        };
        let rest = strip_currency(rest);
        let (negative, rest) = match rest.strip_prefix('-') {
            Some(r) => (true, r.trim_start()),
            None => (negative, rest),
        };
        let whole = strip_zero_fraction(rest).map_err(err)?;
        let digits = ungroup(whole).ok_or_else(|| err("err-rupiah-invalid"))?;
        if negative {
            return Err(err("err-rupiah-negative"));
        }
        let significant = digits.trim_start_matches('0');
        if significant.len() > 13 {
            return Err(err("err-rupiah-too-large"));
        }
        let value: i64 = if significant.is_empty() {
            0
        } else {
            significant.parse().map_err(|_| err("err-rupiah-invalid"))?
        };
        if value > RUPIAH_MAX {
            return Err(err("err-rupiah-too-large"));
        }
        Ok(Self(value))
    }

    /// The amount as shown to people: `Rp150.000`, `Rp0`, `-Rp5.000`.
    pub fn display(&self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}Rp{}", group_thousands(self.0.unsigned_abs()))
    }

    /// True for a zero amount (the service is free, national-rules §1: SKM element "Gratis").
    pub fn is_free(&self) -> bool {
        self.0 == 0
    }

    /// The amount as an integer.
    pub fn as_i64(&self) -> i64 {
        self.0
    }

    /// Sum that stops at `i64::MAX` instead of overflowing.
    pub fn saturating_add(self, other: Rupiah) -> Rupiah {
        Rupiah(self.0.saturating_add(other.0))
    }
}

/// Removes a leading `Rp`, `Rp.` or `IDR` (any case) and the spaces after it.
fn strip_currency(s: &str) -> &str {
    for prefix in ["rp.", "rp", "idr"] {
        if s.len() >= prefix.len()
            && s.is_char_boundary(prefix.len())
            && s[..prefix.len()].eq_ignore_ascii_case(prefix)
        {
            return s[prefix.len()..].trim_start();
        }
    }
    s
}

/// Drops a `,00`, `,0` or `,-` suffix; any other text after the comma is an error.
fn strip_zero_fraction(s: &str) -> Result<&str, &'static str> {
    let Some((whole, fraction)) = s.split_once(',') else {
        return Ok(s);
    };
    match fraction {
        "-" | "0" | "00" => Ok(whole),
        f if !f.is_empty() && all_ascii_digits(f) => Err("err-rupiah-fraction"),
        _ => Err("err-rupiah-invalid"),
    }
}

/// The digits of `150000` or `150.000` (groups after the first must have three digits).
fn ungroup(s: &str) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    let mut groups = s.split('.');
    let first = groups.next()?;
    if first.is_empty() || !all_ascii_digits(first) {
        return None;
    }
    let mut out = first.to_owned();
    let mut grouped = false;
    for group in groups {
        if group.len() != 3 || !all_ascii_digits(group) {
            return None;
        }
        grouped = true;
        out.push_str(group);
    }
    if grouped && first.len() > 3 {
        return None;
    }
    Some(out)
}

/// `1500000` → `1.500.000`.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

impl fmt::Display for Rupiah {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl std::str::FromStr for Rupiah {
    type Err = CoreError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl std::iter::Sum for Rupiah {
    fn sum<I: Iterator<Item = Rupiah>>(iter: I) -> Self {
        iter.fold(Rupiah(0), Rupiah::saturating_add)
    }
}

impl Serialize for Rupiah {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for Rupiah {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RupiahVisitor)
    }
}

/// Accepts a JSON integer in 0..=one trillion or a string for [`Rupiah::parse`].
struct RupiahVisitor;

impl Visitor<'_> for RupiahVisitor {
    type Value = Rupiah;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole-rupiah amount between 0 and 1000000000000")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Rupiah, E> {
        if (0..=RUPIAH_MAX).contains(&v) {
            Ok(Rupiah(v))
        } else {
            Err(E::custom("amount out of range"))
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Rupiah, E> {
        match i64::try_from(v) {
            Ok(v) => self.visit_i64(v),
            Err(_) => Err(E::custom("amount out of range")),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Rupiah, E> {
        Rupiah::parse(v).map_err(E::custom)
    }
}
