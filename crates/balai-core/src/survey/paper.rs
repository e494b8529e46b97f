//! Paper questionnaires typed into a CSV file for `balai skm import` (PermenPANRB 14/2017:
//! paper forms count like online ones, recorded as paper with who entered them).
//!
//! Columns, in this order, with a header line naming them:
//! `service_code,date,sex,age,education,occupation,<one column per element code in the
//! definition's order>,suggestion`. `date` is YYYY-MM-DD; answers are 1–4; values as on the
//! web form (sex L/P, education SD…S3, occupation PNS…LAINNYA). Commas or quotes inside a
//! field are written the usual CSV way ("…", "" for a quote).
//!
//! A file is all or nothing: every problem is reported with its line and column, and nothing
//! of a file with any problem is stored.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::definition::Definition;
use super::response::Answers;

/// Most rows one file may hold.
pub const MAX_ROWS: usize = 100_000;

/// One parsed row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperRow {
    pub line: usize,
    pub service_code: String,
    pub date: NaiveDate,
    pub answers: Answers,
}

/// A problem in a file: the 1-based line, the column, and a message key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub column: String,
    pub message_key: String,
}

/// The header a file must start with for `def`.
pub fn header(def: &Definition) -> Vec<String> {
    let mut h: Vec<String> = [
        "service_code",
        "date",
        "sex",
        "age",
        "education",
        "occupation",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    h.extend(def.elements.iter().map(|e| e.code.as_str().to_owned()));
    h.push("suggestion".to_owned());
    h
}

/// Splits CSV text into records of fields (RFC 4180: quoted fields may hold commas, quotes
/// and line breaks). Returns each record with the line it starts on.
fn records(text: &str) -> Result<Vec<(usize, Vec<String>)>, LineError> {
    let mut out = Vec::new();
    let (mut field, mut fields) = (String::new(), Vec::new());
    let (mut line, mut start_line, mut quoted, mut was_quoted) = (1usize, 1usize, false, false);
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() && !was_quoted => {
                quoted = true;
                was_quoted = true;
            }
            (false, ',') => {
                fields.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            (false, '\r') => {}
            (false, '\n') => {
                fields.push(std::mem::take(&mut field));
                was_quoted = false;
                out.push((start_line, std::mem::take(&mut fields)));
                line += 1;
                start_line = line;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(LineError {
            line: start_line,
            column: String::new(),
            message_key: "skm-err-csv-quote".into(),
        });
    }
    if !field.is_empty() || !fields.is_empty() {
        fields.push(field);
        out.push((start_line, fields));
    }
    // Blank lines carry nothing.
    out.retain(|(_, f)| !(f.len() == 1 && f[0].trim().is_empty()));
    Ok(out)
}

/// Parses a whole file against `def`. Every problem of every line is collected.
pub fn parse(def: &Definition, text: &str) -> Result<Vec<PaperRow>, Vec<LineError>> {
    let err = |line: usize, column: &str, key: &str| LineError {
        line,
        column: column.to_owned(),
        message_key: key.to_owned(),
    };
    let recs = records(text).map_err(|e| vec![e])?;
    let expected = header(def);
    let Some(((head_line, head), rows)) = recs.split_first() else {
        return Err(vec![err(1, "", "skm-err-csv-empty")]);
    };
    let got: Vec<String> = head.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    let want: Vec<String> = expected.iter().map(|h| h.to_ascii_lowercase()).collect();
    if got != want {
        return Err(vec![err(*head_line, "", "skm-err-csv-columns")]);
    }
    if rows.is_empty() {
        return Err(vec![err(1, "", "skm-err-csv-empty")]);
    }
    if rows.len() > MAX_ROWS {
        return Err(vec![err(1, "", "err-too-many")]);
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for (line, fields) in rows {
        if fields.len() != expected.len() {
            errors.push(err(*line, "", "skm-err-csv-field-count"));
            continue;
        }
        let map: BTreeMap<String, String> = expected
            .iter()
            .cloned()
            .zip(fields.iter().cloned())
            .collect();
        let service_code = map["service_code"].trim().to_ascii_uppercase();
        if service_code.is_empty() {
            errors.push(err(*line, "service_code", "err-required"));
        }
        let date = NaiveDate::parse_from_str(map["date"].trim(), "%Y-%m-%d").ok();
        if date.is_none() {
            errors.push(err(*line, "date", "skm-err-date"));
        }
        let answers = Answers::parse(def, &map).map_err(|fe| {
            errors.extend(fe.0.iter().map(|(f, k)| err(*line, f, k)));
        });
        if let (Ok(answers), Some(date)) = (answers, date) {
            out.push(PaperRow {
                line: *line,
                service_code,
                date,
                answers,
            });
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
