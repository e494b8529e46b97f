//! Complaint numbers and secret tracking codes.
//!
//! Every complaint form carries a one-time submission key (128 random bits, made when the form
//! is shown). The tracking code is derived from it, so a second submission of the same form
//! (a double click, a resend after a dropped connection) gets back the same complaint and the
//! same code, while the database keeps only SHA-256 digests of the key and of the code: a copy
//! of the database does not reveal any code.

use sha2::{Digest, Sha256};

use crate::error::CoreError;

/// Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or copied by hand is
/// not misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a tracking code: 60 bits, shown as three groups of four.
const CODE_LEN: usize = 12;

/// The one-time key of a complaint form: 32 lower-case hex digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionKey(String);

impl SubmissionKey {
    /// Parses a key sent back by a form. Error: `complaint-err-form-key` on `submission_key`
    /// (a form that was tampered with or is too old to carry one).
    pub fn parse(s: &str) -> Result<Self, CoreError> {
        let s = s.trim();
        if s.len() == 32
            && s.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            Ok(Self(s.to_owned()))
        } else {
            Err(CoreError::invalid(
                "submission_key",
                "complaint-err-form-key",
            ))
        }
    }

    /// A key from 16 random bytes (the caller brings the randomness: core does no I/O).
    pub fn from_random(bytes: [u8; 16]) -> Self {
        Self(to_hex(&bytes))
    }

    /// The key as sent in the form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The digest stored to recognise a second submission of the same form.
    pub fn digest(&self) -> String {
        digest("submission", &self.0)
    }

    /// The secret tracking code given to the complainant, as `XXXX-XXXX-XXXX`.
    pub fn tracking_code(&self) -> String {
        let h = Sha256::digest(format!("tracking:{}", self.0).as_bytes());
        let mut bits: u128 = 0;
        for b in &h[..16] {
            bits = (bits << 8) | u128::from(*b);
        }
        let chars: Vec<char> = (0..CODE_LEN)
            .map(|i| {
                let idx = usize::try_from((bits >> (i * 5)) & 31).unwrap_or(0);
                char::from(ALPHABET[idx])
            })
            .collect();
        chars
            .chunks(4)
            .map(|c| c.iter().collect::<String>())
            .collect::<Vec<_>>()
            .join("-")
    }
}

/// Normalises a tracking code as typed (case, spaces, dashes, and the letters Crockford's
/// alphabet reads as digits) and returns the digest to compare with the stored one; `None`
/// when it cannot be a code.
pub fn tracking_digest(typed: &str) -> Option<String> {
    let norm: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\t'))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect();
    let valid = norm.len() == CODE_LEN && norm.bytes().all(|b| ALPHABET.contains(&b));
    valid.then(|| digest("code", &norm))
}

/// The digest stored for a code derived from `key` (the same as [`tracking_digest`] of it).
pub fn stored_tracking_digest(key: &SubmissionKey) -> String {
    let code: String = key.tracking_code().chars().filter(|c| *c != '-').collect();
    digest("code", &code)
}

fn digest(purpose: &str, value: &str) -> String {
    to_hex(&Sha256::digest(
        format!("balai-complaint-{purpose}:{value}").as_bytes(),
    ))
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The number people see: `ADU-2026-000123`, from the gap-free counter of the year.
pub fn complaint_number(year: i32, seq: i64) -> String {
    format!("ADU-{year}-{seq:06}")
}

/// The counter series of a year's complaint numbers.
pub fn number_series(year: i32) -> String {
    format!("complaint-{year}")
}
