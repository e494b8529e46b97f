//! Nomor Induk Kependudukan (national-rules §5).

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::clock::{Clock, SystemClock};
use crate::error::CoreError;

use super::region::check_regency_prefix;
use super::{RegionCode, all_ascii_digits, string_newtype};

/// A population identity number: 16 digits `PPKKCCDDMMYYSSSS` — region of issue (province,
/// regency, district), birth date with 40 added to the day for women, and a serial.
///
/// There is no checksum, so `parse` checks what can be checked: a known regency/city code in
/// the first four digits, a birth date that exists, and a serial other than 0000.
///
/// `Debug` prints the masked form so a NIK never reaches a log in full; `Display`,
/// `as_str()` and serde give the full number for the places allowed to show it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Nik(String);

impl Nik {
    /// Parses a NIK (trimmed; no inner spaces or dots).
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let err = |key: &str| CoreError::invalid("nik", key);
        let s = input.trim();
        if s.is_empty() {
            return Err(err("err-required"));
        }
        if !all_ascii_digits(s) {
            return Err(err("err-nik-digits"));
        }
        if s.len() != 16 {
            return Err(err("err-nik-length"));
        }
        check_regency_prefix(&s[..4]).map_err(|_| err("err-nik-region"))?;
        if date_parts(s).is_none() {
            return Err(err("err-nik-date"));
        }
        if &s[12..] == "0000" {
            return Err(err("err-nik-serial"));
        }
        Ok(Self(s.to_owned()))
    }

    /// The 16 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form shown to roles that may not see the number: first four digits (the regency),
    /// eight stars, last four digits — `3207********0002` (architecture §5).
    pub fn masked(&self) -> String {
        format!("{}********{}", &self.0[..4], &self.0[12..])
    }

    /// True when the day of birth carries the +40 women's offset.
    pub fn is_female(&self) -> bool {
        self.0[6..8].parse::<u32>().is_ok_and(|d| d > 40)
    }

    /// The birth date, with the century chosen against the current year of the system clock:
    /// see [`Nik::birth_date_on`].
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date_on(SystemClock.now().date_naive())
    }

    /// The birth date, with the century chosen against `today`: a two-digit year greater than
    /// today's two-digit year is 19YY, otherwise 20YY (nobody is born in the future; nobody
    /// holding a NIK is over a hundred years old often enough to matter).
    ///
    /// 29 February needs no special case: the date was checked against 20YY at parse time,
    /// 19YY and 20YY have the same leap years except 1900/2000, and year 00 always resolves to
    /// 2000 because no two-digit year is below 00.
    pub fn birth_date_on(&self, today: NaiveDate) -> NaiveDate {
        let (day, month, yy) = date_parts(&self.0).unwrap_or((1, 1, 0));
        let century_start = today.year() - today.year().rem_euclid(100);
        let year = if yy as i32 > today.year().rem_euclid(100) {
            century_start - 100 + yy as i32
        } else {
            century_start + yy as i32
        };
        // The fallback is only reachable on 29 February in a century year that is not a leap
        // year (2100): the parse-time check used 2000.
        NaiveDate::from_ymd_opt(year, month, day)
            .or_else(|| NaiveDate::from_ymd_opt(year, month, day - 1))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The regency/city of issue (first four digits, validated by `parse`).
    pub fn regency(&self) -> RegionCode {
        RegionCode::from_validated(self.0[..4].to_owned())
    }
}

/// Day, month and two-digit year of a 16-digit NIK when the date exists (women's day reduced
/// by 40). Existence is checked in 20YY; see [`Nik::birth_date_on`] for why that suffices.
fn date_parts(s: &str) -> Option<(u32, u32, u32)> {
    let dd: u32 = s.get(6..8)?.parse().ok()?;
    let month: u32 = s.get(8..10)?.parse().ok()?;
    let yy: u32 = s.get(10..12)?.parse().ok()?;
    let day = match dd {
        1..=31 => dd,
        41..=71 => dd - 40,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(2000 + yy as i32, month, day)?;
    Some((day, month, yy))
}

impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

string_newtype!(Nik);
