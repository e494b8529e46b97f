//! Dates and times as people read them ("3 Maret 2026", "Rabu"), in the page's language.
//! Used by the content, calendar and audit pages.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};

use crate::i18n::Lang;

const MONTHS_ID: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "3 Maret 2026" / "3 March 2026".
pub fn long_date(lang: Lang, d: NaiveDate) -> String {
    let months = match lang {
        Lang::Id => &MONTHS_ID,
        Lang::En => &MONTHS_EN,
    };
    let month = months.get(d.month0() as usize).copied().unwrap_or_default();
    format!("{} {} {}", d.day(), month, d.year())
}

/// The Indonesian name of a weekday (the CLI prints these too).
pub fn weekday_id(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Senin",
        Weekday::Tue => "Selasa",
        Weekday::Wed => "Rabu",
        Weekday::Thu => "Kamis",
        Weekday::Fri => "Jumat",
        Weekday::Sat => "Sabtu",
        Weekday::Sun => "Minggu",
    }
}

/// The weekday's name in `lang`.
pub fn weekday(lang: Lang, w: Weekday) -> &'static str {
    match lang {
        Lang::Id => weekday_id(w),
        Lang::En => match w {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        },
    }
}

/// "Rabu, 25 Maret 2026".
pub fn day_and_date(lang: Lang, d: NaiveDate) -> String {
    format!("{}, {}", weekday(lang, d.weekday()), long_date(lang, d))
}

/// An instant in an office's zone: "2 November 2026 09:00:05 WIB".
pub fn local_time(lang: Lang, at: DateTime<Utc>, utc_offset_hours: i8, zone: &str) -> String {
    let local = at
        .checked_add_signed(Duration::hours(i64::from(utc_offset_hours)))
        .unwrap_or(at)
        .naive_utc();
    format!(
        "{} {} {zone}",
        long_date(lang, local.date()),
        local.format("%H:%M:%S")
    )
}

/// A period "1 Desember 2026 – 5 Desember 2026", or one date, or "".
pub fn period(lang: Lang, start: Option<NaiveDate>, end: Option<NaiveDate>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if s == e => long_date(lang, s),
        (Some(s), Some(e)) => format!("{} – {}", long_date(lang, s), long_date(lang, e)),
        (Some(s), None) => long_date(lang, s),
        (None, Some(e)) => long_date(lang, e),
        (None, None) => String::new(),
    }
}

/// Paragraphs of a stored text: split on blank lines, each trimmed, empty ones dropped.
pub fn paragraphs(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// Lines of a stored text (lists kept one item per line), empty ones dropped.
pub fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A form date that is not `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotADate;

/// Parses a form date `YYYY-MM-DD` (what `<input type="date">` sends); `None` when empty.
pub fn parse_date(s: &str) -> Result<Option<NaiveDate>, NotADate> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| NotADate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_naturally_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 25).unwrap_or_default();
        assert_eq!(long_date(Lang::Id, d), "25 Maret 2026");
        assert_eq!(day_and_date(Lang::Id, d), "Rabu, 25 Maret 2026");
        assert_eq!(long_date(Lang::En, d), "25 March 2026");
    }
}
