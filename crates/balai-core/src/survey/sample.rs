//! How many respondents a period needs: Krejcie & Morgan (1970), as PermenPANRB 14/2017
//! Lampiran prescribes (national-rules §1).

use serde::{Deserialize, Serialize};

use crate::macros::string_enum;

string_enum! {
    /// Table rule (the next higher tabulated population) or the formula itself
    /// *(configurable; national-rules §1)*.
    pub enum SampleRule (field = "sample_rule") {
        Table = "table", "Tabel Krejcie & Morgan", "Krejcie & Morgan table";
        Formula = "formula", "Rumus Krejcie & Morgan", "Krejcie & Morgan formula";
    }
}

/// The published table: population N → sample S. Every row equals the formula rounded
/// half-up (a test checks that).
pub const TABLE: [(u64, u64); 90] = [
    (10, 10),
    (15, 14),
    (20, 19),
    (25, 24),
    (30, 28),
    (35, 32),
    (40, 36),
    (45, 40),
    (50, 44),
    (55, 48),
    (60, 52),
    (65, 56),
    (70, 59),
    (75, 63),
    (80, 66),
    (85, 70),
    (90, 73),
    (95, 76),
    (100, 80),
    (110, 86),
    (120, 92),
    (130, 97),
    (140, 103),
    (150, 108),
    (160, 113),
    (170, 118),
    (180, 123),
    (190, 127),
    (200, 132),
    (210, 136),
    (220, 140),
    (230, 144),
    (240, 148),
    (250, 152),
    (260, 155),
    (270, 159),
    (280, 162),
    (290, 165),
    (300, 169),
    (320, 175),
    (340, 181),
    (360, 186),
    (380, 191),
    (400, 196),
    (420, 201),
    (440, 205),
    (460, 210),
    (480, 214),
    (500, 217),
    (550, 226),
    (600, 234),
    (650, 242),
    (700, 248),
    (750, 254),
    (800, 260),
    (850, 265),
    (900, 269),
    (950, 274),
    (1000, 278),
    (1100, 285),
    (1200, 291),
    (1300, 297),
    (1400, 302),
    (1500, 306),
    (1600, 310),
    (1700, 313),
    (1800, 317),
    (1900, 320),
    (2000, 322),
    (2200, 327),
    (2400, 331),
    (2600, 335),
    (2800, 338),
    (3000, 341),
    (3500, 346),
    (4000, 351),
    (4500, 354),
    (5000, 357),
    (6000, 361),
    (7000, 364),
    (8000, 367),
    (9000, 368),
    (10000, 370),
    (15000, 375),
    (20000, 377),
    (30000, 379),
    (40000, 380),
    (50000, 381),
    (75000, 382),
    (1_000_000, 384),
];

/// `S = 3.841·N·0.25 / (0.0025·(N−1) + 0.96025)` rounded half-up. Multiplying numerator and
/// denominator by 400,000 gives the integer form `3841·N / (10·(N−1) + 3841)`.
pub fn formula(population: u64) -> u64 {
    if population == 0 {
        return 0;
    }
    let n = u128::from(population);
    let den = 10 * (n - 1) + 3841;
    let num = 3841 * n;
    // floor(num/den + 1/2)
    ((2 * num + den) / (2 * den)) as u64
}

/// The respondents required for a population. Never more than the population itself (with
/// fewer than ten users everyone is asked); above the last row the table's 384 holds.
pub fn required(population: u64, rule: SampleRule) -> u64 {
    let s = match rule {
        SampleRule::Formula => formula(population),
        SampleRule::Table => TABLE
            .iter()
            .find(|(n, _)| *n >= population)
            .map(|(_, s)| *s)
            .unwrap_or(384),
    };
    s.min(population)
}

/// Respondents against the requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sufficiency {
    pub population: u64,
    pub required: u64,
    pub respondents: u64,
    pub sufficient: bool,
}

impl Sufficiency {
    /// Compares `respondents` with what `population` requires.
    pub fn of(population: u64, respondents: u64, rule: SampleRule) -> Self {
        let required = required(population, rule);
        Sufficiency {
            population,
            required,
            respondents,
            sufficient: respondents >= required && respondents > 0,
        }
    }
}
