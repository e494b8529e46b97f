//! The index: NRR per element, weighted values, IKM, converted IKM and grades, exactly as
//! PermenPANRB 14/2017 Lampiran computes them (national-rules §1).
//!
//! The inputs are per-element sums and counts, which a database can total in SQL; the same
//! numbers come out whether the totals were summed over one response or a million.

use serde::Serialize;

use super::definition::Definition;
use super::exact::Ratio;
use super::grade::{Grade, Hundredths};

/// The total of the answers to one element and how many respondents answered it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub sum: u64,
    pub count: u64,
}

impl Tally {
    /// Adds one answer.
    pub fn add(&mut self, answer: u8) {
        self.sum += u64::from(answer);
        self.count += 1;
    }
}

/// The result for one element.
#[derive(Debug, Clone, Serialize)]
pub struct ElementResult {
    pub code: String,
    pub respondents: u64,
    /// NRR_u on the 1–4 scale, rounded for display.
    pub nrr: Hundredths,
    /// NRR_u × w_u, rounded to three decimals for display (thousandths).
    pub weighted_thousandths: u64,
    /// NRR_u × 25, rounded: the element's converted value.
    pub converted: Hundredths,
    pub grade: Grade,
}

/// The index of a set of responses.
#[derive(Debug, Clone, Serialize)]
pub struct IkmResult {
    pub elements: Vec<ElementResult>,
    /// IKM = Σ NRR_u × w_u on the 1–4 scale, rounded for display.
    pub ikm: Hundredths,
    /// IKM × 25 on the 25–100 scale, rounded half-up: the published index.
    pub converted: Hundredths,
    pub grade: Grade,
}

/// Computes the index from per-element tallies (keyed by element code). `None` when some
/// element of the definition has no answer yet: the index is not defined without every NRR.
pub fn compute(def: &Definition, tally_of: impl Fn(&str) -> Tally) -> Option<IkmResult> {
    let quarter_scale = Ratio::integer(25);
    let mut ikm = Ratio::zero();
    let mut elements = Vec::with_capacity(def.elements.len());
    for e in &def.elements {
        let t = tally_of(e.code.as_str());
        let nrr = Ratio::new(t.sum, t.count)?;
        let weighted = nrr.mul(&e.weight.ratio());
        let converted = Hundredths::round(&nrr.mul(&quarter_scale));
        elements.push(ElementResult {
            code: e.code.as_str().to_owned(),
            respondents: t.count,
            nrr: Hundredths::round(&nrr),
            weighted_thousandths: weighted.round_half_up(3),
            converted,
            grade: Grade::of(converted),
        });
        ikm = ikm.add(&weighted);
    }
    let converted = Hundredths::round(&ikm.mul(&quarter_scale));
    Some(IkmResult {
        elements,
        ikm: Hundredths::round(&ikm),
        converted,
        grade: Grade::of(converted),
    })
}
