//! Issued documents (Batang Pasal 11(3–4), 14–15): their kinds and how their numbers are made.
//!
//! A document number follows a pattern the region sets per kind (region setting
//! `document_number_pattern.<kind>`, default [`DocumentKind::default_pattern`]), for example
//! `503/{seq:4}/DPMPTSP/{year}` → `503/0042/DPMPTSP/2026`. Placeholders: `{seq}` (the counter,
//! unpadded), `{seq:N}` (zero-padded to N digits, 1–12), `{year}`, `{month}` (two digits),
//! `{kind}` (the kind's code). The counter restarts every year (series
//! `document:<kind>:<year>`), so the pattern must contain `{year}` to stay unique.

use crate::error::CoreError;
use crate::macros::string_enum;

string_enum! {
    /// What a signed document is.
    pub enum DocumentKind (field = "kind") {
        /// A licence or the decision granting a non-licence service (Batang Pasal 11(3)).
        Licence = "licence", "Izin / Keputusan", "Licence / decision";
        /// A letter refusing an application, with its reasons (Batang Pasal 11(5)).
        Rejection = "rejection", "Surat Penolakan", "Rejection letter";
        /// An inspection report (Berita Acara, Batang Pasal 10(3)).
        InspectionReport = "inspection_report", "Berita Acara Pemeriksaan", "Inspection report";
        /// Any other official letter.
        Letter = "letter", "Surat", "Letter";
    }
}

impl DocumentKind {
    /// The pattern used when the region has not set one.
    pub fn default_pattern(self) -> &'static str {
        match self {
            DocumentKind::Licence => "503/{seq:4}/IZIN/{year}",
            DocumentKind::Rejection => "503/{seq:4}/TOLAK/{year}",
            DocumentKind::InspectionReport => "BA/{seq:4}/{month}/{year}",
            DocumentKind::Letter => "{seq:4}/SRT/{year}",
        }
    }

    /// The region setting that overrides [`DocumentKind::default_pattern`].
    pub fn pattern_setting(self) -> String {
        format!("document_number_pattern.{}", self.as_str())
    }
}

/// The longest pattern accepted, in characters.
const MAX_PATTERN: usize = 80;

/// Checks a pattern: it must name `{seq}` (or `{seq:N}`) and `{year}` exactly once each, use
/// only known placeholders, have no control characters, and be at most 80 characters.
pub fn check_pattern(pattern: &str) -> Result<(), CoreError> {
    let bad = || CoreError::invalid("pattern", "err-document-pattern");
    if pattern.trim().is_empty()
        || pattern.chars().count() > MAX_PATTERN
        || pattern.chars().any(char::is_control)
    {
        return Err(bad());
    }
    let (mut seqs, mut years) = (0, 0);
    for token in tokens(pattern).map_err(|()| bad())? {
        match token {
            Token::Seq(_) => seqs += 1,
            Token::Year => years += 1,
            Token::Text(_) | Token::Month | Token::Kind => {}
        }
    }
    if seqs == 1 && years == 1 {
        Ok(())
    } else {
        Err(bad())
    }
}

enum Token<'a> {
    Text(&'a str),
    /// Zero-padded width, 0 for none.
    Seq(usize),
    Year,
    Month,
    Kind,
}

fn tokens(pattern: &str) -> Result<Vec<Token<'_>>, ()> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        if rest[..open].contains('}') {
            return Err(());
        }
        out.push(Token::Text(&rest[..open]));
        let close = rest[open..].find('}').ok_or(())? + open;
        out.push(match &rest[open + 1..close] {
            "seq" => Token::Seq(0),
            "year" => Token::Year,
            "month" => Token::Month,
            "kind" => Token::Kind,
            other => {
                let width: usize = other
                    .strip_prefix("seq:")
                    .and_then(|w| w.parse().ok())
                    .ok_or(())?;
                if !(1..=12).contains(&width) {
                    return Err(());
                }
                Token::Seq(width)
            }
        });
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err(());
    }
    out.push(Token::Text(rest));
    Ok(out)
}

/// The number `seq` of the year and month given, by `pattern` (which must pass
/// [`check_pattern`]).
pub fn format_number(
    pattern: &str,
    kind: DocumentKind,
    seq: i64,
    year: i32,
    month: u32,
) -> Result<String, CoreError> {
    check_pattern(pattern)?;
    let bad = || CoreError::invalid("pattern", "err-document-pattern");
    let mut out = String::new();
    for token in tokens(pattern).map_err(|()| bad())? {
        match token {
            Token::Text(t) => out.push_str(t),
            Token::Seq(width) => out.push_str(&format!("{seq:0width$}")),
            Token::Year => out.push_str(&year.to_string()),
            Token::Month => out.push_str(&format!("{month:02}")),
            Token::Kind => out.push_str(kind.as_str()),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_the_pattern_with_padding() {
        let n = format_number(
            "503/{seq:4}/DPMPTSP/{year}",
            DocumentKind::Licence,
            42,
            2026,
            11,
        );
        assert_eq!(n.unwrap(), "503/0042/DPMPTSP/2026");
        let n = format_number(
            "{kind}-{year}{month}-{seq}",
            DocumentKind::Letter,
            12345,
            2026,
            3,
        );
        assert_eq!(n.unwrap(), "letter-202603-12345");
    }

    #[test]
    fn every_default_pattern_is_valid() {
        for kind in DocumentKind::ALL {
            assert!(check_pattern(kind.default_pattern()).is_ok(), "{kind}");
        }
    }

    #[test]
    fn patterns_without_seq_or_year_or_with_unknown_parts_are_refused() {
        for bad in [
            "",
            "503/{year}",
            "503/{seq}",
            "{seq}/{seq}/{year}",
            "{seq}/{yaer}",
            "{seq:0}/{year}",
            "{seq:13}/{year}",
            "{seq/{year}",
            "{seq}}/{year}",
            "{seq}\n{year}",
        ] {
            assert!(check_pattern(bad).is_err(), "{bad:?}");
        }
    }
}
