//! Kemendagri region codes (national-rules §5): province 2 digits, regency/city 4, district 6,
//! village 10. Stored without dots, shown dotted (`18.11.01.2001`).

use crate::error::CoreError;
use crate::macros::string_enum;

use super::{all_ascii_digits, string_newtype};

/// Province codes in use (Kepmendagri 300.2.2-2430/2025), with their names. The four provinces
/// formed from Papua in 2022 are 93–96. A code outside this list is refused, which catches
/// most mistyped NIKs and region codes.
pub const PROVINCES: &[(&str, &str)] = &[
    ("11", "Aceh"),
    ("12", "Sumatera Utara"),
    ("13", "Sumatera Barat"),
    ("14", "Riau"),
    ("15", "Jambi"),
    ("16", "Sumatera Selatan"),
    ("17", "Bengkulu"),
    ("18", "Lampung"),
    ("19", "Kepulauan Bangka Belitung"),
    ("21", "Kepulauan Riau"),
    ("31", "DKI Jakarta"),
    ("32", "Jawa Barat"),
    ("33", "Jawa Tengah"),
    ("34", "Daerah Istimewa Yogyakarta"),
    ("35", "Jawa Timur"),
    ("36", "Banten"),
    ("51", "Bali"),
    ("52", "Nusa Tenggara Barat"),
    ("53", "Nusa Tenggara Timur"),
    ("61", "Kalimantan Barat"),
    ("62", "Kalimantan Tengah"),
    ("63", "Kalimantan Selatan"),
    ("64", "Kalimantan Timur"),
    ("65", "Kalimantan Utara"),
    ("71", "Sulawesi Utara"),
    ("72", "Sulawesi Tengah"),
    ("73", "Sulawesi Selatan"),
    ("74", "Sulawesi Tenggara"),
    ("75", "Gorontalo"),
    ("76", "Sulawesi Barat"),
    ("81", "Maluku"),
    ("82", "Maluku Utara"),
    ("91", "Papua"),
    ("92", "Papua Barat"),
    ("93", "Papua Selatan"),
    ("94", "Papua Tengah"),
    ("95", "Papua Pegunungan"),
    ("96", "Papua Barat Daya"),
];

/// The name of a province from its two-digit code.
pub fn province_name(code: &str) -> Option<&'static str> {
    PROVINCES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// Checks the first four digits of a region code or NIK: a known province and a regency part
/// of 01–69 (kabupaten) or 71–99 (kota). Returns the message key of the first failure.
pub(crate) fn check_regency_prefix(four: &str) -> Result<(), &'static str> {
    let (province, regency) = four.split_at(2);
    if province_name(province).is_none() {
        return Err("err-region-province");
    }
    match regency.parse::<u8>() {
        Ok(1..=69 | 71..=99) => Ok(()),
        _ => Err("err-region-regency"),
    }
}

string_enum! {
    /// The administrative level a region code names.
    pub enum RegionLevel (field = "level") {
        Province = "province", "Provinsi", "Province";
        Regency = "regency", "Kabupaten/Kota", "Regency/City";
        District = "district", "Kecamatan", "District";
        Village = "village", "Desa/Kelurahan", "Village";
    }
}

/// A Kemendagri region code, stored as digits only.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RegionCode(String);

impl RegionCode {
    /// Parses `18`, `1811`, `18.11`, `18.11.01`, `181101`, `18.11.01.2001` or `1811012001`.
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let err = |key: &str| CoreError::invalid("region_code", key);
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(err("err-required"));
        }
        let digits = if trimmed.contains('.') {
            undot(trimmed).map_err(err)?
        } else {
            trimmed.to_owned()
        };
        if !all_ascii_digits(&digits) {
            return Err(err("err-region-digits"));
        }
        if ![2, 4, 6, 10].contains(&digits.len()) {
            return Err(err("err-region-length"));
        }
        check_parts(&digits).map_err(err)?;
        Ok(Self(digits))
    }

    /// Wraps digits already checked by a caller in this module tree (the NIK prefix).
    pub(super) fn from_validated(digits: String) -> Self {
        Self(digits)
    }

    /// The digits, without dots.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The code as Kemendagri prints it: `18.11.01.2001`.
    pub fn dotted(&self) -> String {
        let d = &self.0;
        let cuts: &[usize] = match d.len() {
            2 => &[],
            4 => &[2],
            6 => &[2, 4],
            _ => &[2, 4, 6],
        };
        let mut out = String::with_capacity(d.len() + 3);
        for (i, ch) in d.chars().enumerate() {
            if cuts.contains(&i) {
                out.push('.');
            }
            out.push(ch);
        }
        out
    }

    /// Which level this code names, from its length.
    pub fn level(&self) -> RegionLevel {
        match self.0.len() {
            2 => RegionLevel::Province,
            4 => RegionLevel::Regency,
            6 => RegionLevel::District,
            _ => RegionLevel::Village,
        }
    }

    /// True when the code is (inside) a city: regency part 71–99. False for a province code.
    pub fn is_city(&self) -> bool {
        self.0
            .get(2..4)
            .and_then(|r| r.parse::<u8>().ok())
            .is_some_and(|r| r >= 71)
    }

    /// For a village code: true for a kelurahan (first of the last four digits is 1), false for
    /// a desa (2). `None` above village level.
    pub fn is_kelurahan(&self) -> Option<bool> {
        self.0.get(6..7).map(|c| c == "1")
    }

    /// The province this code lies in (itself for a province code).
    pub fn province(&self) -> RegionCode {
        Self(self.0[..2].to_owned())
    }

    /// The name of the province this code lies in.
    pub fn province_name(&self) -> &'static str {
        province_name(&self.0[..2]).unwrap_or("")
    }

    /// The level above (village → district → regency → province); `None` for a province.
    pub fn parent(&self) -> Option<RegionCode> {
        let len = match self.0.len() {
            10 => 6,
            6 => 4,
            4 => 2,
            _ => return None,
        };
        Some(Self(self.0[..len].to_owned()))
    }

    /// True when `other` is this region or lies inside it.
    pub fn contains(&self, other: &RegionCode) -> bool {
        other.0.starts_with(&self.0)
    }
}

/// Removes the dots of a dotted code, checking the segment lengths (2, 2, 2, 4).
fn undot(dotted: &str) -> Result<String, &'static str> {
    const SEGMENTS: [usize; 4] = [2, 2, 2, 4];
    let parts: Vec<&str> = dotted.split('.').collect();
    if parts.len() > SEGMENTS.len() {
        return Err("err-region-length");
    }
    for (part, want) in parts.iter().zip(SEGMENTS) {
        if !all_ascii_digits(part) {
            return Err("err-region-digits");
        }
        if part.len() != want {
            return Err("err-region-length");
        }
    }
    Ok(parts.concat())
}

/// Checks each part present in a code of valid length.
fn check_parts(digits: &str) -> Result<(), &'static str> {
    if province_name(&digits[..2]).is_none() {
        return Err("err-region-province");
    }
    if digits.len() >= 4 {
        check_regency_prefix(&digits[..4])?;
    }
    if digits.len() >= 6 && &digits[4..6] == "00" {
        return Err("err-region-district");
    }
    if digits.len() == 10 {
        let village = &digits[6..10];
        if !(village.starts_with('1') || village.starts_with('2')) || &village[1..] == "000" {
            return Err("err-region-village");
        }
    }
    Ok(())
}

string_newtype!(RegionCode);
