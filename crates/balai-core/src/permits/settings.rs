//! Per-service permit settings: which workflow, the service's options, its form, its levy,
//! its registration-number pattern and its licence template.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::FieldErrors;
use crate::ids::Rupiah;
use crate::text::check_len;

use super::form::{FieldKind, FormDef, FormValues};

/// Longest line of a licence template.
const LINE_MAX: usize = 1000;

/// How the levy (retribusi) of an application is computed, with its legal basis (fees are set
/// by regional regulation with DPRD approval, Luwu Pasal 36(4)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LevyRule {
    /// No levy.
    None,
    /// One amount per licence.
    Fixed { amount: Rupiah, legal_basis: String },
    /// A rate per unit of a number field of the form (per m² of floor area, per m² of a
    /// billboard), and a minimum.
    PerUnit {
        field: String,
        rate: Rupiah,
        minimum: Rupiah,
        legal_basis: String,
    },
}

impl LevyRule {
    /// The levy for an application with these answers; zero when none is due. A unit field
    /// left empty counts as zero units, so the minimum applies.
    pub fn amount(&self, values: &FormValues) -> Rupiah {
        match self {
            LevyRule::None => Rupiah(0),
            LevyRule::Fixed { amount, .. } => *amount,
            LevyRule::PerUnit {
                field,
                rate,
                minimum,
                ..
            } => {
                let units: i64 = values
                    .get(field)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0)
                    .max(0);
                Rupiah(units.saturating_mul(rate.as_i64()).max(minimum.as_i64()))
            }
        }
    }
}

/// A registration-number pattern such as `PTSP/{YYYY}/{SEQ:6}` → `PTSP/2026/000123`.
///
/// Tokens: `{YYYY}` the year, `{MM}` the month, `{SEQ:n}` the counter zero-padded to `n`
/// digits (3–9; exactly one). The counter restarts whenever the text around it changes (each
/// year for the pattern above), because numbers are drawn per [`NumberPattern::counter_key`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NumberPattern(String);

impl NumberPattern {
    /// Parses a pattern; error key `permits-err-number-pattern`.
    pub fn parse(input: &str) -> Result<Self, crate::CoreError> {
        let err = || crate::CoreError::invalid("number_pattern", "permits-err-number-pattern");
        let s = input.trim();
        let mut seq = 0;
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            let literal = &rest[..open];
            if !literal_ok(literal) {
                return Err(err());
            }
            let close = rest[open..].find('}').ok_or_else(err)? + open;
            match &rest[open + 1..close] {
                "YYYY" | "MM" => {}
                token => {
                    let width: u32 = token
                        .strip_prefix("SEQ:")
                        .and_then(|n| n.parse().ok())
                        .ok_or_else(err)?;
                    if !(3..=9).contains(&width) {
                        return Err(err());
                    }
                    seq += 1;
                }
            }
            rest = &rest[close + 1..];
        }
        if seq != 1 || !literal_ok(rest) || s.len() > 60 {
            return Err(err());
        }
        Ok(Self(s.to_owned()))
    }

    /// The pattern text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The pattern with the date filled in and the counter left as `#`: the name of the
    /// gap-free counter the number is drawn from.
    pub fn counter_key(&self, date: NaiveDate) -> String {
        self.render(date, None)
    }

    /// The registration number for counter value `seq` drawn on `date`.
    pub fn format(&self, date: NaiveDate, seq: i64) -> String {
        self.render(date, Some(seq))
    }

    fn render(&self, date: NaiveDate, seq: Option<i64>) -> String {
        let mut out = String::new();
        let mut rest = self.0.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = rest[open..].find('}').map_or(rest.len() - 1, |c| c + open);
            match &rest[open + 1..close] {
                "YYYY" => out.push_str(&format!("{:04}", date.year())),
                "MM" => out.push_str(&format!("{:02}", date.month())),
                token => {
                    let width = token
                        .strip_prefix("SEQ:")
                        .and_then(|n| n.parse::<usize>().ok())
                        .unwrap_or(6);
                    match seq {
                        Some(n) => out.push_str(&format!("{n:0width$}")),
                        None => out.push('#'),
                    }
                }
            }
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// Letters, digits and the separators registration numbers use.
fn literal_ok(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'))
}

impl TryFrom<String> for NumberPattern {
    type Error = crate::CoreError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<NumberPattern> for String {
    fn from(p: NumberPattern) -> String {
        p.0
    }
}

impl Default for NumberPattern {
    fn default() -> Self {
        Self("PTSP/{YYYY}/{SEQ:6}".to_owned())
    }
}

/// What the licence says (Pasal 11(3)): its title, what it permits and on what conditions,
/// and how long it is valid. `{name}` in the text is replaced by the form's answer `name`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LicenceTemplate {
    pub title: String,
    pub permitted: String,
    #[serde(default)]
    pub conditions: Vec<String>,
    /// Years of validity; `None` means valid as long as its conditions are met.
    #[serde(default)]
    pub validity_years: Option<u32>,
}

impl LicenceTemplate {
    /// `text` with each `{name}` replaced by the answer; unknown names are left as written.
    pub fn fill(text: &str, values: &FormValues) -> String {
        let mut out = text.to_owned();
        for (name, value) in values {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// The `{name}` placeholders in the template's texts.
    fn placeholders(&self) -> Vec<&str> {
        let mut names = Vec::new();
        for text in std::iter::once(&self.permitted).chain(&self.conditions) {
            let mut rest = text.as_str();
            while let Some(open) = rest.find('{') {
                let Some(len) = rest[open..].find('}') else {
                    break;
                };
                names.push(&rest[open + 1..open + len]);
                rest = &rest[open + len + 1..];
            }
        }
        names
    }
}

/// Everything that makes a service a permit service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PermitSettings {
    /// Code of the workflow definition the service uses.
    pub workflow: String,
    /// Whether the technical team inspects on site (Batang Pasal 10(1)).
    pub inspection_required: bool,
    pub levy: LevyRule,
    /// The organisation whose technical team reviews; `None` for the service's own.
    #[serde(default)]
    pub technical_organisation_id: Option<Uuid>,
    /// The official who decides and signs (Batang Pasal 11(4)); `None` for any official of
    /// the service's organisation.
    #[serde(default)]
    pub signing_official_id: Option<Uuid>,
    #[serde(default)]
    pub number_pattern: NumberPattern,
    pub form: FormDef,
    pub template: LicenceTemplate,
}

impl PermitSettings {
    /// Checks the form, that a per-unit levy names a number field and has a legal basis, and
    /// that the template has a title and names only fields of the form.
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errs = FieldErrors::new();
        check_len("workflow", &self.workflow, 1, 40, &mut errs);
        if let Err(form_errs) = self.form.validate() {
            errs.0.extend(form_errs.0);
        }
        match &self.levy {
            LevyRule::None => {}
            LevyRule::Fixed {
                amount,
                legal_basis,
            } => {
                if amount.as_i64() <= 0 {
                    errs.add("levy.amount", "err-rupiah-invalid");
                }
                check_len("levy.legal_basis", legal_basis, 1, LINE_MAX, &mut errs);
            }
            LevyRule::PerUnit {
                field,
                rate,
                minimum,
                legal_basis,
            } => {
                let is_number = self
                    .form
                    .field(field)
                    .is_some_and(|f| f.kind == FieldKind::Number);
                if !is_number {
                    errs.add("levy.field", "permits-err-levy-field");
                }
                if rate.as_i64() <= 0 || minimum.as_i64() < 0 {
                    errs.add("levy.rate", "err-rupiah-invalid");
                }
                check_len("levy.legal_basis", legal_basis, 1, LINE_MAX, &mut errs);
            }
        }
        check_len("template.title", &self.template.title, 1, 200, &mut errs);
        check_len(
            "template.permitted",
            &self.template.permitted,
            1,
            LINE_MAX,
            &mut errs,
        );
        for (i, c) in self.template.conditions.iter().enumerate() {
            check_len(
                &format!("template.conditions[{i}]"),
                c,
                1,
                LINE_MAX,
                &mut errs,
            );
        }
        if self
            .template
            .placeholders()
            .iter()
            .any(|name| self.form.field(name).is_none())
        {
            errs.add("template.permitted", "permits-err-placeholder");
        }
        errs.into_result()
    }

    /// Whether a levy is due for these answers (Batang Pasal 13(3)).
    pub fn levy_due(&self, values: &FormValues) -> bool {
        self.levy.amount(values).as_i64() > 0
    }
}
