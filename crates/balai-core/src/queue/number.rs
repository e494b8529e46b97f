//! Ticket numbers and booking codes as people see and type them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::CoreError;

/// The letters in front of a ticket number (`A` in `A012`): one to three letters A–Z, set per
/// service; services may share a prefix, and then share its numbers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TicketPrefix(String);

impl TicketPrefix {
    /// Reads a prefix (trimmed, any case).
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let p = input.trim().to_ascii_uppercase();
        if p.is_empty() {
            return Err(CoreError::invalid("ticket_prefix", "err-required"));
        }
        if p.len() > 3 || !p.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(CoreError::invalid("ticket_prefix", "queue-err-prefix"));
        }
        Ok(Self(p))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A ticket number: prefix and the day's sequence number, shown with at least three digits
/// (`A012`) as queue machines in Indonesian malls print them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TicketNumber {
    pub prefix: TicketPrefix,
    pub seq: u32,
}

impl TicketNumber {
    pub fn new(prefix: TicketPrefix, seq: u32) -> Self {
        Self { prefix, seq }
    }

    /// The digits after the prefix, zero-padded to three.
    pub fn digits(&self) -> String {
        format!("{:03}", self.seq)
    }
}

impl std::fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.prefix.as_str(), self.digits())
    }
}

/// The numbering series of one prefix at one location on one day: numbers restart each day
/// per location and prefix (the gap-free counter of architecture §2 keys on this).
pub fn series_key(location_code: &str, prefix: &TicketPrefix, day: NaiveDate) -> String {
    format!("antrian:{location_code}:{}:{day}", prefix.as_str())
}

/// Letters and digits that cannot be mistaken for one another when read aloud or typed from
/// paper (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LEN: usize = 8;

/// The code of an online appointment, typed at the kiosk or scanned from its QR.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BookingCode(String);

impl BookingCode {
    /// A code from eight random bytes (the caller brings the randomness; core has no I/O).
    pub fn from_random(bytes: [u8; CODE_LEN]) -> Self {
        let n = CODE_ALPHABET.len();
        let code = bytes
            .iter()
            .map(|b| char::from(CODE_ALPHABET[usize::from(*b) % n]))
            .collect();
        Self(code)
    }

    /// Reads a typed code: any case, spaces and dashes ignored.
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let err = |key: &str| CoreError::invalid("code", key);
        let code: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if code.is_empty() {
            return Err(err("err-required"));
        }
        let known = code.bytes().all(|b| CODE_ALPHABET.contains(&b));
        if code.len() != CODE_LEN || !known {
            return Err(err("queue-err-booking-code"));
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `ABCD-EFGH`, easier to read out.
    pub fn display(&self) -> String {
        let (a, b) = self.0.split_at(CODE_LEN / 2);
        format!("{a}-{b}")
    }
}
