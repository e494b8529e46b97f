//! Application forms as data (Batang Pasal 7–8): each service lists its fields, each field has
//! a kind that knows how to parse what the applicant typed.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{CoreError, FieldErrors};
use crate::ids::{Nib, Nik, Npwp, Phone, RegionCode, RegionLevel};
use crate::macros::string_enum;
use crate::text::check_len;

/// Most fields on one form.
const MAX_FIELDS: usize = 60;
/// Longest one-line answer; longer text goes in a long-text field.
const LINE_MAX: usize = 300;
const LONG_MAX: usize = 4000;

string_enum! {
    /// What a form field holds.
    pub enum FieldKind (field = "kind") {
        Text = "text", "Teks singkat", "Short text";
        LongText = "long_text", "Teks panjang", "Long text";
        Number = "number", "Angka", "Number";
        Date = "date", "Tanggal", "Date";
        Choice = "choice", "Pilihan", "Choice";
        Nik = "nik", "NIK", "NIK";
        Npwp = "npwp", "NPWP", "NPWP";
        Nib = "nib", "NIB", "NIB";
        Phone = "phone", "Nomor telepon", "Phone number";
        /// A street address and the village's Kemendagri code (10 digits), posted as
        /// `NAME` and `NAME.region`.
        Address = "address", "Alamat dengan kode wilayah", "Address with region code";
    }
}

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label_id: String,
    pub label_en: String,
}

/// One field of a service's application form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormField {
    pub name: String,
    pub label_id: String,
    pub label_en: String,
    pub kind: FieldKind,
    pub required: bool,
    #[serde(default)]
    pub hint_id: String,
    #[serde(default)]
    pub hint_en: String,
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// Bounds of a number field (a building's floor area, a number of storeys).
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
}

/// A service's application form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormDef {
    pub fields: Vec<FormField>,
}

/// Parsed answers in canonical form (a NIK without spaces, a phone as +62…, a date as
/// YYYY-MM-DD), keyed by the posted name. Empty optional answers are left out.
pub type FormValues = BTreeMap<String, String>;

impl FormDef {
    /// The field with this name.
    pub fn field(&self, name: &str) -> Option<&FormField> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// Refuses a form an administrator can't have meant: names must be unique lower-case
    /// words, labels present, a choice field needs options with distinct values, a number's
    /// minimum may not exceed its maximum. Problems are reported under `fields.NAME`.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        if self.fields.len() > MAX_FIELDS {
            errs.add("fields", "err-too-many");
        }
        let mut seen = std::collections::BTreeSet::new();
        for f in &self.fields {
            let key = format!("fields.{}", f.name);
            let name_ok = (1..=40).contains(&f.name.len())
                && f.name
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if !name_ok {
                errs.add(&key, "permits-err-code");
            }
            if !seen.insert(f.name.as_str()) {
                errs.add(&key, "permits-err-duplicate");
            }
            if f.label_id.trim().is_empty() || f.label_en.trim().is_empty() {
                errs.add(&key, "err-required");
            }
            let mut values = std::collections::BTreeSet::new();
            let choices_ok = f.choices.iter().all(|c| {
                !c.value.trim().is_empty()
                    && !c.label_id.trim().is_empty()
                    && values.insert(&c.value)
            });
            if f.kind == FieldKind::Choice && (f.choices.is_empty() || !choices_ok) {
                errs.add(&key, "permits-err-choices");
            }
            if let (Some(min), Some(max)) = (f.min, f.max)
                && min > max
            {
                errs.add(&key, "permits-err-number-range");
            }
        }
        errs.into_result()
    }

    /// Parses what the applicant posted, reporting every problem under the field's name (an
    /// address's region under `NAME.region`). With `complete == false` (saving a draft) a
    /// missing required answer is not an error, but a wrong one still is.
    pub fn parse(
        &self,
        raw: &BTreeMap<String, String>,
        complete: bool,
    ) -> Result<FormValues, FieldErrors> {
        let mut errs = FieldErrors::new();
        let mut out = FormValues::new();
        for f in &self.fields {
            let value = raw.get(&f.name).map(|s| s.trim()).unwrap_or("");
            if f.kind == FieldKind::Address {
                parse_address(f, raw, complete, &mut out, &mut errs);
                continue;
            }
            if value.is_empty() {
                if f.required && complete {
                    errs.add(&f.name, "err-required");
                }
                continue;
            }
            match f.parse_value(value) {
                Ok(v) => {
                    out.insert(f.name.clone(), v);
                }
                Err(key) => errs.add(&f.name, &key),
            }
        }
        errs.into_result().map(|()| out)
    }
}

impl FormField {
    /// The canonical form of one non-empty answer, or the message key of its problem.
    fn parse_value(&self, value: &str) -> Result<String, String> {
        let key = |e: CoreError| e.message_key().unwrap_or("err-unknown-value").to_owned();
        match self.kind {
            FieldKind::Text | FieldKind::LongText => {
                let max = if self.kind == FieldKind::Text {
                    LINE_MAX
                } else {
                    LONG_MAX
                };
                let mut errs = FieldErrors::new();
                check_len("v", value, 1, max, &mut errs);
                match errs.get("v") {
                    Some(k) => Err(k.to_owned()),
                    None => Ok(value.to_owned()),
                }
            }
            FieldKind::Number => self.parse_number(value),
            FieldKind::Date => NaiveDate::parse_from_str(value, "%Y-%m-%d")
                .map(|d| d.to_string())
                .map_err(|_| "permits-err-date".to_owned()),
            FieldKind::Choice => self
                .choices
                .iter()
                .find(|c| c.value == value)
                .map(|c| c.value.clone())
                .ok_or_else(|| "err-unknown-value".to_owned()),
            FieldKind::Nik => Nik::parse(value)
                .map(|v| v.as_str().to_owned())
                .map_err(key),
            FieldKind::Npwp => Npwp::parse(value)
                .map(|v| v.as_str().to_owned())
                .map_err(key),
            FieldKind::Nib => Nib::parse(value)
                .map(|v| v.as_str().to_owned())
                .map_err(key),
            FieldKind::Phone => Phone::parse(value)
                .map(|v| v.as_str().to_owned())
                .map_err(key),
            FieldKind::Address => Err("err-unknown-value".to_owned()),
        }
    }

    /// Whole numbers, with dots or spaces as thousands separators ("1.250" is 1250, as
    /// Indonesians write it).
    fn parse_number(&self, value: &str) -> Result<String, String> {
        let (negative, digits) = match value.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, value),
        };
        let cleaned: String = digits.chars().filter(|c| !matches!(c, '.' | ' ')).collect();
        if cleaned.is_empty() || cleaned.len() > 15 || !cleaned.bytes().all(|b| b.is_ascii_digit())
        {
            return Err("permits-err-number".to_owned());
        }
        let n: i64 = cleaned
            .parse()
            .map_err(|_| "permits-err-number".to_owned())?;
        let n = if negative { -n } else { n };
        if self.min.is_some_and(|m| n < m) || self.max.is_some_and(|m| n > m) {
            return Err("permits-err-number-range".to_owned());
        }
        Ok(n.to_string())
    }
}

fn parse_address(
    f: &FormField,
    raw: &BTreeMap<String, String>,
    complete: bool,
    out: &mut FormValues,
    errs: &mut FieldErrors,
) {
    let region_name = format!("{}.region", f.name);
    let street = raw.get(&f.name).map(|s| s.trim()).unwrap_or("");
    let region = raw.get(&region_name).map(|s| s.trim()).unwrap_or("");
    let must = f.required && complete;
    if street.is_empty() {
        if must {
            errs.add(&f.name, "err-required");
        }
    } else {
        let before = errs.len();
        check_len(&f.name, street, 1, LINE_MAX, errs);
        if errs.len() == before {
            out.insert(f.name.clone(), street.to_owned());
        }
    }
    if region.is_empty() {
        if must {
            errs.add(&region_name, "err-required");
        }
        return;
    }
    match RegionCode::parse(region) {
        Ok(code) if code.level() == RegionLevel::Village => {
            out.insert(region_name, code.as_str().to_owned());
        }
        Ok(_) => errs.add(&region_name, "permits-err-village"),
        Err(e) => errs.add(&region_name, e.message_key().unwrap_or("err-unknown-value")),
    }
}
