//! The questionnaire as versioned data: elements with stable codes, questions, answer labels,
//! display order and weights (PermenPANRB 14/2017 Lampiran; national-rules §1).
//!
//! A region adopts a definition; an adopted definition is never edited, a new version is
//! adopted instead, and every response names the version it answered.

use serde::{Deserialize, Serialize};

use super::exact::Ratio;
use crate::error::CoreError;
use crate::ids::Code;

/// The largest weight denominator accepted, so weights stay readable fractions.
const MAX_WEIGHT_DEN: u64 = 1_000_000;

/// An element weight: an exact fraction `num/den`, written `1/9` or as a decimal `0.125`
/// (`0,125`). The regulation's weight is 1/9 exactly; documents that print 0,111 are wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weight {
    pub num: u64,
    pub den: u64,
}

impl Weight {
    /// `1/count`, the default equal weight.
    pub fn equal(count: u64) -> Self {
        Weight { num: 1, den: count }
    }

    /// Parses `a/b` or a decimal fraction in [0, 1].
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let err = || CoreError::invalid("weight", "skm-err-weight");
        let s = input.trim().replace(',', ".");
        let (num, den) = match s.split_once('/') {
            Some((a, b)) => (
                a.trim().parse::<u64>().map_err(|_| err())?,
                b.trim().parse::<u64>().map_err(|_| err())?,
            ),
            None => {
                let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
                if frac.len() > 6
                    || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit())
                    || int.is_empty() && frac.is_empty()
                {
                    return Err(err());
                }
                let den = 10u64.pow(frac.len() as u32);
                let int: u64 = if int.is_empty() {
                    0
                } else {
                    int.parse().map_err(|_| err())?
                };
                let frac: u64 = if frac.is_empty() {
                    0
                } else {
                    frac.parse().map_err(|_| err())?
                };
                (int.checked_mul(den).ok_or_else(err)? + frac, den)
            }
        };
        if den == 0 || den > MAX_WEIGHT_DEN || num > den {
            return Err(err());
        }
        Ok(Weight { num, den })
    }

    /// The exact value.
    pub fn ratio(self) -> Ratio {
        // den is never zero: both constructors refuse it.
        Ratio::new(self.num, self.den.max(1)).unwrap_or_else(Ratio::zero)
    }
}

/// One element (unsur) of the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ElementDef {
    /// Stable code, e.g. `PERSYARATAN`; results are stored and compared by it.
    pub code: Code,
    pub name_id: String,
    pub name_en: String,
    pub question_id: String,
    pub question_en: String,
    /// Labels of answers 1–4.
    pub labels_id: [String; 4],
    pub labels_en: [String; 4],
    pub weight: Weight,
}

/// A version of the questionnaire: elements in display order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Definition {
    pub version: i32,
    pub elements: Vec<ElementDef>,
    pub citation: String,
}

impl Definition {
    /// Checks that the definition can be adopted: at least one element, unique codes, four
    /// labels each, and weights summing to exactly 1.
    pub fn validate(&self) -> Result<(), CoreError> {
        if self.elements.is_empty() {
            return Err(CoreError::invalid("elements", "skm-err-no-elements"));
        }
        let mut codes: Vec<&str> = self.elements.iter().map(|e| e.code.as_str()).collect();
        codes.sort_unstable();
        if codes.windows(2).any(|w| w[0] == w[1]) {
            return Err(CoreError::invalid("elements", "skm-err-duplicate-element"));
        }
        let labels_ok = self.elements.iter().all(|e| {
            e.labels_id
                .iter()
                .chain(&e.labels_en)
                .all(|l| !l.trim().is_empty())
                && !e.question_id.trim().is_empty()
        });
        if !labels_ok {
            return Err(CoreError::invalid("elements", "err-required"));
        }
        let total = self
            .elements
            .iter()
            .fold(Ratio::zero(), |acc, e| acc.add(&e.weight.ratio()));
        if total != Ratio::integer(1) {
            return Err(CoreError::invalid("weight", "skm-err-weights-sum"));
        }
        Ok(())
    }

    /// The element with this code.
    pub fn element(&self, code: &str) -> Option<&ElementDef> {
        self.elements.iter().find(|e| e.code.as_str() == code)
    }

    /// The nine elements of PermenPANRB 14/2017 with equal weights 1/9, version 1.
    pub fn permenpanrb_14_2017() -> Definition {
        let elements: Vec<ElementDef> = NINE
            .iter()
            .map(
                |(code, name_id, name_en, q_id, q_en, labels_id, labels_en)| ElementDef {
                    code: Code::parse(code).expect("built-in element codes are valid codes"),
                    name_id: (*name_id).into(),
                    name_en: (*name_en).into(),
                    question_id: (*q_id).into(),
                    question_en: (*q_en).into(),
                    labels_id: labels_id.map(String::from),
                    labels_en: labels_en.map(String::from),
                    weight: Weight::equal(NINE.len() as u64),
                },
            )
            .collect();
        Definition {
            version: 1,
            elements,
            citation: "PermenPANRB 14/2017 Lampiran".into(),
        }
    }
}

type ElementText = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    [&'static str; 4],
    [&'static str; 4],
);

/// The nine elements, questions and answer labels (national-rules §1).
const NINE: [ElementText; 9] = [
    (
        "PERSYARATAN",
        "Persyaratan",
        "Requirements",
        "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
        "How well do the service requirements match the kind of service?",
        ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
        [
            "Not appropriate",
            "Less appropriate",
            "Appropriate",
            "Very appropriate",
        ],
    ),
    (
        "PROSEDUR",
        "Sistem, Mekanisme, dan Prosedur",
        "System, mechanism and procedure",
        "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
        "How easy is the service procedure at this unit?",
        ["Tidak mudah", "Kurang mudah", "Mudah", "Sangat mudah"],
        ["Not easy", "Less easy", "Easy", "Very easy"],
    ),
    (
        "WAKTU",
        "Waktu Penyelesaian",
        "Completion time",
        "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
        "How fast was the service delivered?",
        ["Tidak cepat", "Kurang cepat", "Cepat", "Sangat cepat"],
        ["Not fast", "Less fast", "Fast", "Very fast"],
    ),
    (
        "BIAYA",
        "Biaya/Tarif",
        "Cost/fee",
        "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
        "How fair is the cost or fee of the service?",
        ["Sangat mahal", "Cukup mahal", "Murah", "Gratis"],
        ["Very expensive", "Rather expensive", "Cheap", "Free"],
    ),
    (
        "PRODUK",
        "Produk Spesifikasi Jenis Pelayanan",
        "Service product",
        "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
        "How well does the result match the product stated in the service standard?",
        ["Tidak sesuai", "Kurang sesuai", "Sesuai", "Sangat sesuai"],
        [
            "Not appropriate",
            "Less appropriate",
            "Appropriate",
            "Very appropriate",
        ],
    ),
    (
        "KOMPETENSI",
        "Kompetensi Pelaksana",
        "Officer competence",
        "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
        "How competent were the officers?",
        [
            "Tidak kompeten",
            "Kurang kompeten",
            "Kompeten",
            "Sangat kompeten",
        ],
        [
            "Not competent",
            "Less competent",
            "Competent",
            "Very competent",
        ],
    ),
    (
        "PERILAKU",
        "Perilaku Pelaksana",
        "Officer conduct",
        "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
        "How polite and friendly were the officers?",
        [
            "Tidak sopan dan ramah",
            "Kurang sopan dan ramah",
            "Sopan dan ramah",
            "Sangat sopan dan ramah",
        ],
        [
            "Not polite and friendly",
            "Less polite and friendly",
            "Polite and friendly",
            "Very polite and friendly",
        ],
    ),
    (
        "PENGADUAN",
        "Penanganan Pengaduan, Saran dan Masukan",
        "Handling of complaints and suggestions",
        "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
        "How are complaints from service users handled?",
        [
            "Tidak ada",
            "Ada tetapi tidak berfungsi",
            "Berfungsi kurang maksimal",
            "Dikelola dengan baik",
        ],
        [
            "None",
            "Exists but does not work",
            "Works, not fully",
            "Well managed",
        ],
    ),
    (
        "SARPRAS",
        "Sarana dan Prasarana",
        "Facilities",
        "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
        "How good are the facilities?",
        ["Buruk", "Cukup", "Baik", "Sangat baik"],
        ["Poor", "Fair", "Good", "Very good"],
    ),
];
