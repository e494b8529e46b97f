//! One questionnaire as submitted: the respondent profile and the answers, parsed from
//! untrusted input (a web form, a paper form typed in, a CSV row). No name and no NIK are
//! asked (PermenPANRB 14/2017 Lampiran).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::definition::Definition;
use crate::error::FieldErrors;
use crate::macros::string_enum;

/// The longest suggestion kept, in characters.
pub const SUGGESTION_MAX: usize = 2000;

string_enum! {
    /// Sex as the questionnaire asks it.
    pub enum Sex (field = "sex") {
        L = "L", "Laki-laki", "Male";
        P = "P", "Perempuan", "Female";
    }
}

string_enum! {
    /// Highest education (national-rules §1).
    pub enum Education (field = "education") {
        Sd = "SD", "SD", "Primary school";
        Smp = "SMP", "SMP", "Junior high school";
        Sma = "SMA", "SMA", "Senior high school";
        D1D3 = "D1-D3", "D1–D3", "Diploma (D1–D3)";
        D4S1 = "D4-S1", "D4/S1", "Bachelor (D4/S1)";
        S2 = "S2", "S2", "Master (S2)";
        S3 = "S3", "S3", "Doctorate (S3)";
    }
}

string_enum! {
    /// Main occupation (national-rules §1).
    pub enum Occupation (field = "occupation") {
        Pns = "PNS", "PNS", "Civil servant";
        Tni = "TNI", "TNI", "Armed forces";
        Polri = "POLRI", "POLRI", "Police";
        Swasta = "SWASTA", "Swasta", "Private employee";
        Wirausaha = "WIRAUSAHA", "Wirausaha", "Self-employed";
        Pelajar = "PELAJAR", "Pelajar/Mahasiswa", "Student";
        Lainnya = "LAINNYA", "Lainnya", "Other";
    }
}

/// The respondent profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub sex: Sex,
    pub age: u8,
    pub education: Education,
    pub occupation: Occupation,
}

/// A parsed questionnaire: profile, one answer 1–4 per element of the definition (by code, in
/// the definition's order) and an optional suggestion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answers {
    pub profile: Profile,
    pub answers: Vec<(String, u8)>,
    pub suggestion: Option<String>,
}

impl Answers {
    /// Parses form-like fields: `sex`, `age`, `education`, `occupation`, one field per element
    /// named by its code (`PERSYARATAN` …) and `suggestion`. Every problem is reported, each
    /// under its field, so a form can show them all at once.
    pub fn parse(def: &Definition, fields: &BTreeMap<String, String>) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let get = |k: &str| fields.get(k).map(|v| v.trim()).unwrap_or("");
        let sex = parse_listed(&mut errors, "sex", get("sex"), Sex::parse);
        let education = parse_listed(&mut errors, "education", get("education"), Education::parse);
        let occupation = parse_listed(
            &mut errors,
            "occupation",
            get("occupation"),
            Occupation::parse,
        );
        let age = match get("age") {
            "" => {
                errors.add("age", "err-required");
                None
            }
            a => match a.parse::<u8>() {
                Ok(n) if (10..=110).contains(&n) => Some(n),
                _ => {
                    errors.add("age", "skm-err-age");
                    None
                }
            },
        };
        let mut answers = Vec::with_capacity(def.elements.len());
        for e in &def.elements {
            let code = e.code.as_str();
            match get(code) {
                "" => errors.add(code, "skm-err-answer-missing"),
                v => match v.parse::<u8>() {
                    Ok(n @ 1..=4) => answers.push((code.to_owned(), n)),
                    _ => errors.add(code, "skm-err-answer-range"),
                },
            }
        }
        let suggestion = match get("suggestion") {
            "" => None,
            s if s.chars().count() > SUGGESTION_MAX => {
                errors.add("suggestion", "err-too-long");
                None
            }
            s => Some(s.to_owned()),
        };
        match (sex, age, education, occupation) {
            (Some(sex), Some(age), Some(education), Some(occupation)) if errors.is_empty() => {
                Ok(Answers {
                    profile: Profile {
                        sex,
                        age,
                        education,
                        occupation,
                    },
                    answers,
                    suggestion,
                })
            }
            _ => Err(errors),
        }
    }
}

fn parse_listed<T>(
    errors: &mut FieldErrors,
    field: &str,
    raw: &str,
    parse: impl Fn(&str) -> Result<T, crate::error::CoreError>,
) -> Option<T> {
    if raw.is_empty() {
        errors.add(field, "err-required");
        return None;
    }
    parse(raw)
        .map_err(|_| errors.add(field, "err-unknown-value"))
        .ok()
}
