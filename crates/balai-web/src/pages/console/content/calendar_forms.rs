//! The forms of the calendar console and how each is read into the rules' types. Every field
//! arrives as a string so a refused form comes back with what was typed.

use balai_core::FieldErrors;
use balai_core::calendar::{DayKind, Holiday, HolidayKind, OfficeWeek};
use balai_core::text::check_len;
use balai_store::calendar::RuleEdit;
use chrono::{Datelike, NaiveDate};

use crate::pages::content::format;

/// Years an administrator may load or add holidays to.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// Adding one holiday (national, cuti bersama or regional) with its decree.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct HolidayForm {
    pub day: String,
    pub name: String,
    pub kind: String,
    pub decree: String,
}

impl HolidayForm {
    pub fn parse(&self) -> Result<Holiday, FieldErrors> {
        let mut errs = FieldErrors::new();
        let date = match format::parse_date(&self.day) {
            Ok(Some(d)) if YEARS.contains(&d.year()) => Some(d),
            Ok(None) => {
                errs.add("day", "err-required");
                None
            }
            _ => {
                errs.add("day", "err-invalid-date");
                None
            }
        };
        check_len("name", &self.name, 3, 200, &mut errs);
        let kind = errs.take("kind", HolidayKind::parse(&self.kind));
        check_len("decree", &self.decree, 3, 300, &mut errs);
        match (date, kind) {
            (Some(date), Some(kind)) if errs.is_empty() => Ok(Holiday {
                date,
                name: self.name.trim().to_string(),
                kind,
                decree: self.decree.trim().to_string(),
            }),
            _ => Err(errs),
        }
    }
}

/// Marking a year's holiday data as loaded, with the decree it comes from.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct YearForm {
    pub year: String,
    pub year_decree: String,
}

impl YearForm {
    pub fn parse(&self) -> Result<(i32, String), FieldErrors> {
        let mut errs = FieldErrors::new();
        let year = self
            .year
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| YEARS.contains(y));
        if year.is_none() {
            errs.add("year", "err-calendar-year");
        }
        check_len("year_decree", &self.year_decree, 3, 300, &mut errs);
        match year {
            Some(y) if errs.is_empty() => Ok((y, self.year_decree.trim().to_string())),
            _ => Err(errs),
        }
    }
}

/// An office's open weekdays (checkboxes `d1`…`d7`, Monday first) and time zone.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct WeekForm {
    pub office_code: String,
    pub d1: bool,
    pub d2: bool,
    pub d3: bool,
    pub d4: bool,
    pub d5: bool,
    pub d6: bool,
    pub d7: bool,
    pub utc_offset: String,
}

impl WeekForm {
    pub fn days(&self) -> [bool; 7] {
        [
            self.d1, self.d2, self.d3, self.d4, self.d5, self.d6, self.d7,
        ]
    }

    /// The office code (checked against the known offices by the handler) and its week.
    pub fn parse(&self) -> Result<(String, OfficeWeek), FieldErrors> {
        let mut errs = FieldErrors::new();
        let code = self.office_code.trim().to_string();
        if code.is_empty() {
            errs.add("office_code", "err-required");
        }
        let mask: String = self
            .days()
            .iter()
            .map(|d| if *d { '1' } else { '0' })
            .collect();
        let week = errs.take("weekdays", OfficeWeek::parse_mask(&mask));
        let offset = self.utc_offset.trim().parse::<i8>().unwrap_or(0);
        let week = week.and_then(|w| errs.take("utc_offset", w.with_utc_offset(offset)));
        match week {
            Some(w) if errs.is_empty() => Ok((code, w)),
            _ => Err(errs),
        }
    }
}

/// Changing one deadline rule: days, kind and the article cited.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct RuleForm {
    pub days: String,
    pub rule_kind: String,
    pub citation: String,
    pub token: String,
}

/// Longest deadline accepted (the rules' own limit, checked here to name the field).
const MAX_RULE_DAYS: u32 = 3660;

impl RuleForm {
    pub fn parse(&self) -> Result<RuleEdit, FieldErrors> {
        let mut errs = FieldErrors::new();
        let days = self
            .days
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| *d <= MAX_RULE_DAYS);
        if days.is_none() {
            errs.add("days", "err-deadline-days");
        }
        let kind = errs.take("rule_kind", DayKind::parse(&self.rule_kind));
        check_len("citation", &self.citation, 3, 500, &mut errs);
        match (days, kind) {
            (Some(days), Some(kind)) if errs.is_empty() => Ok(RuleEdit {
                days,
                kind,
                citation: self.citation.trim().to_string(),
            }),
            _ => Err(errs),
        }
    }
}

/// The due-date calculator on the calendar page (a GET form): from, days, kind, office.
#[derive(Debug, Clone, Default)]
pub(super) struct DueQuery {
    pub from: String,
    pub days: String,
    pub kind: String,
    pub office: String,
}

impl DueQuery {
    pub fn from_query(q: &std::collections::HashMap<String, String>) -> Self {
        let get = |k: &str| q.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
        DueQuery {
            from: get("dari"),
            days: get("hari"),
            kind: get("jenis"),
            office: get("kantor"),
        }
    }

    /// Whether the calculator was used at all.
    pub fn asked(&self) -> bool {
        !self.from.is_empty() || !self.days.is_empty()
    }

    pub fn parse(&self) -> Result<(NaiveDate, u32, DayKind), FieldErrors> {
        let mut errs = FieldErrors::new();
        let from = format::parse_date(&self.from).ok().flatten();
        if from.is_none() {
            errs.add("dari", "err-invalid-date");
        }
        let days = self
            .days
            .parse::<u32>()
            .ok()
            .filter(|d| *d <= MAX_RULE_DAYS);
        if days.is_none() {
            errs.add("hari", "err-deadline-days");
        }
        let kind = errs.take("jenis", DayKind::parse(&self.kind));
        match (from, days, kind) {
            (Some(f), Some(d), Some(k)) => Ok((f, d, k)),
            _ => Err(errs),
        }
    }
}
