//! Short codes for organisations, services and counters.

use crate::error::CoreError;

use super::string_newtype;

/// A code people type and read on signs and tickets: 2–32 characters of `A-Z 0-9 - _`,
/// upper-cased on parse (`DISDUKCAPIL`, `KTP-EL`). Codes appear in URLs and numbers
/// (registration numbers, queue tickets), hence the narrow alphabet.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code(String);

impl Code {
    /// Parses a code (trimmed, upper-cased).
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let err = |key: &str| CoreError::invalid("code", key);
        let s = input.trim();
        if s.is_empty() {
            return Err(err("err-required"));
        }
        let upper = s.to_ascii_uppercase();
        if !upper
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '_')
        {
            return Err(err("err-code-chars"));
        }
        if !(2..=32).contains(&upper.len()) {
            return Err(err("err-code-length"));
        }
        Ok(Self(upper))
    }

    /// The upper-case code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

string_newtype!(Code);
