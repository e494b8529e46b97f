//! Displayed values and the quality grade (mutu pelayanan), PermenPANRB 14/2017 Lampiran.

use std::fmt;

use serde::Serialize;

use super::exact::Ratio;

/// A value rounded half-up to two decimals, held as hundredths (`8831` is 88.31). The only
/// rounding the arithmetic does; classification reads this rounded value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Hundredths(pub u64);

impl Hundredths {
    /// Rounds an exact value half-up to two decimals.
    pub fn round(v: &Ratio) -> Self {
        Hundredths(v.round_half_up(2))
    }

    /// Indonesian notation with a decimal comma: `88,31`.
    pub fn to_id_string(self) -> String {
        format!("{},{:02}", self.0 / 100, self.0 % 100)
    }

    /// As a floating value for charts only (never for arithmetic).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

impl fmt::Display for Hundredths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// The service-quality grade of a converted value (scale 25–100).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    /// The lower cut-offs in hundredths, best grade first: ≥ 88.31 A, ≥ 76.61 B, ≥ 65.00 C,
    /// otherwise D (PermenPANRB 14/2017 Lampiran, tabel nilai persepsi).
    pub const CUTS: [(u64, Grade); 3] = [(8831, Grade::A), (7661, Grade::B), (6500, Grade::C)];

    /// The grade of a rounded converted value.
    pub fn of(converted: Hundredths) -> Grade {
        Self::CUTS
            .iter()
            .find(|(cut, _)| converted.0 >= *cut)
            .map(|(_, g)| *g)
            .unwrap_or(Grade::D)
    }

    /// The letter.
    pub fn as_str(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }

    /// The performance label in Indonesian (kinerja unit pelayanan).
    pub fn label_id(self) -> &'static str {
        match self {
            Grade::A => "Sangat Baik",
            Grade::B => "Baik",
            Grade::C => "Kurang Baik",
            Grade::D => "Tidak Baik",
        }
    }

    /// The performance label in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Grade::A => "Very good",
            Grade::B => "Good",
            Grade::C => "Less than good",
            Grade::D => "Poor",
        }
    }
}
