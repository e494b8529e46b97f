//! Survey periods: a quarter, a semester or a year (PermenPANRB 14/2017: at least once a year
//! per service; in practice quarterly or half-yearly too).

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::CoreError;

/// The kind of period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum PeriodKind {
    Quarter,
    Semester,
    Year,
}

/// A calendar period, written `2026`, `2026-S1` or `2026-Q3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    pub year: i32,
    pub kind: PeriodKind,
    /// 1-based quarter or semester; 1 for a year.
    pub index: u8,
}

impl Period {
    /// Parses `YYYY`, `YYYY-S1|S2` or `YYYY-Q1..Q4` (case-insensitive).
    pub fn parse(input: &str) -> Result<Self, CoreError> {
        let err = || CoreError::invalid("period", "skm-err-period");
        let s = input.trim().to_ascii_uppercase();
        let (year, rest) = s.split_once('-').unwrap_or((&s, ""));
        let year: i32 = year.parse().map_err(|_| err())?;
        if !(2000..=2999).contains(&year) {
            return Err(err());
        }
        let (kind, index) = match (rest.get(..1), rest.get(1..)) {
            (None, _) | (Some(""), _) => (PeriodKind::Year, 1),
            (Some("Q"), Some(i)) => (PeriodKind::Quarter, i.parse().map_err(|_| err())?),
            (Some("S"), Some(i)) => (PeriodKind::Semester, i.parse().map_err(|_| err())?),
            _ => return Err(err()),
        };
        let max = match kind {
            PeriodKind::Quarter => 4,
            PeriodKind::Semester => 2,
            PeriodKind::Year => 1,
        };
        if !(1..=max).contains(&index) {
            return Err(err());
        }
        Ok(Period { year, kind, index })
    }

    /// The whole year.
    pub fn year(year: i32) -> Self {
        Period {
            year,
            kind: PeriodKind::Year,
            index: 1,
        }
    }

    fn months(self) -> u32 {
        match self.kind {
            PeriodKind::Quarter => 3,
            PeriodKind::Semester => 6,
            PeriodKind::Year => 12,
        }
    }

    /// The first day.
    pub fn start(self) -> NaiveDate {
        let month = 1 + (u32::from(self.index) - 1) * self.months();
        NaiveDate::from_ymd_opt(self.year, month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The day after the last day.
    pub fn end_exclusive(self) -> NaiveDate {
        let month0 = (u32::from(self.index) - 1) * self.months() + self.months();
        let (y, m) = if month0 >= 12 {
            (self.year + 1, 1)
        } else {
            (self.year, month0 + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MAX)
    }

    /// True when `date` falls in the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start() <= date && date < self.end_exclusive()
    }

    /// The Indonesian name: `Triwulan III 2026`, `Semester I 2026`, `Tahun 2026`.
    pub fn label_id(self) -> String {
        let roman = ["I", "II", "III", "IV"][usize::from(self.index - 1)];
        match self.kind {
            PeriodKind::Quarter => format!("Triwulan {roman} {}", self.year),
            PeriodKind::Semester => format!("Semester {roman} {}", self.year),
            PeriodKind::Year => format!("Tahun {}", self.year),
        }
    }

    /// The English name: `Q3 2026`, `H1 2026`, `2026`.
    pub fn label_en(self) -> String {
        match self.kind {
            PeriodKind::Quarter => format!("Q{} {}", self.index, self.year),
            PeriodKind::Semester => format!("H{} {}", self.index, self.year),
            PeriodKind::Year => self.year.to_string(),
        }
    }

    /// The periods of a year, in order: the year, its semesters, its quarters.
    pub fn of_year(year: i32) -> Vec<Period> {
        let mut out = vec![Period::year(year)];
        out.extend((1..=2).map(|index| Period {
            year,
            kind: PeriodKind::Semester,
            index,
        }));
        out.extend((1..=4).map(|index| Period {
            year,
            kind: PeriodKind::Quarter,
            index,
        }));
        out
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            PeriodKind::Year => write!(f, "{}", self.year),
            PeriodKind::Semester => write!(f, "{}-S{}", self.year, self.index),
            PeriodKind::Quarter => write!(f, "{}-Q{}", self.year, self.index),
        }
    }
}
