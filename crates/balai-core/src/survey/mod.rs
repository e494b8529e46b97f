//! The community satisfaction survey (SKM) and its index (IKM): PermenPANRB 14/2017;
//! Luwu Pasal 17(e), 18(e), 31; national-rules §1.
//!
//! Arithmetic is exact (see [`exact`]): weights are fractions (1/9, never 0,111), NRR and the
//! index are fractions, and the only rounding is half-up to two decimals for display and for
//! the grade.

mod definition;
pub mod exact;
mod grade;
mod index;
pub mod paper;
mod period;
mod response;
pub mod sample;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_props;

pub use definition::{Definition, ElementDef, Weight};
pub use grade::{Grade, Hundredths};
pub use index::{ElementResult, IkmResult, Tally, compute};
pub use period::{Period, PeriodKind};
pub use response::{Answers, Education, Occupation, Profile, SUGGESTION_MAX, Sex};
pub use sample::{SampleRule, Sufficiency};

/// Every message key this module reports (translated in locales/{id,en}/survey.ftl).
pub const MESSAGE_KEYS: [&str; 14] = [
    "skm-err-answer-missing",
    "skm-err-answer-range",
    "skm-err-age",
    "skm-err-weight",
    "skm-err-weights-sum",
    "skm-err-no-elements",
    "skm-err-duplicate-element",
    "skm-err-period",
    "skm-err-date",
    "skm-err-csv-quote",
    "skm-err-csv-empty",
    "skm-err-csv-columns",
    "skm-err-csv-field-count",
    "skm-err-unknown-service",
];
