//! Working days, holidays and deadlines (national-rules §4, architecture §3).
//!
//! Deadlines in the regulations are counted either in calendar days ("hari") or in working
//! days ("hari kerja"). A [`WorkCalendar`] knows an office's weekdays, the national holidays and
//! cuti bersama set by the yearly joint decree (SKB 3 Menteri) and regional holidays, and counts
//! days over them. [`DeadlineRule`]s are the deadlines themselves, as data with their citation.

mod holidays;
mod rules;
mod week;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_rules;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::clock::Clock;
use crate::macros::string_enum;

pub use holidays::{SKB_2026, holidays_2026};
pub use rules::{DeadlineRule, default_deadline_rules};
pub use week::OfficeWeek;

string_enum! {
    /// Why a day is a holiday.
    pub enum HolidayKind (field = "kind") {
        National = "national", "Hari libur nasional", "National holiday";
        CutiBersama = "cuti_bersama", "Cuti bersama", "Collective leave day";
        Regional = "regional", "Hari libur daerah", "Regional holiday";
    }
}

impl HolidayKind {
    /// Which entry wins when two fall on one date: a national holiday over a regional one over
    /// cuti bersama, so switching cuti bersama off never reopens a day closed for other reasons.
    fn precedence(self) -> u8 {
        match self {
            HolidayKind::National => 0,
            HolidayKind::Regional => 1,
            HolidayKind::CutiBersama => 2,
        }
    }
}

string_enum! {
    /// How a deadline counts: every day, or only the office's working days.
    pub enum DayKind (field = "kind") {
        Calendar = "calendar", "hari kalender", "calendar days";
        Working = "working", "hari kerja", "working days";
    }
}

/// One holiday, with the decree that set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
    pub kind: HolidayKind,
    pub decree: String,
}

/// The result of counting days: the due date, and the years the count passed through for which
/// no holiday data is loaded (the date then only skips weekends, and staff are warned).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueDate {
    pub date: NaiveDate,
    pub missing_years: Vec<i32>,
}

impl DueDate {
    /// True when the holiday data of every year crossed was loaded.
    pub fn is_complete(&self) -> bool {
        self.missing_years.is_empty()
    }
}

/// An office's calendar: its weekdays, its holidays, which years' holiday data is loaded, and
/// whether cuti bersama closes the office (the default, national-rules §4, configurable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCalendar {
    week: OfficeWeek,
    holidays: BTreeMap<NaiveDate, Holiday>,
    years_loaded: BTreeSet<i32>,
    cuti_bersama_is_holiday: bool,
}

impl WorkCalendar {
    /// Builds a calendar. When two holidays share a date, the national one is kept over the
    /// regional one over cuti bersama. A week without any open day is replaced by Monday–Friday
    /// (the government week, Perpres 21/2023) so a count of working days always ends.
    pub fn new(
        week: OfficeWeek,
        holidays: Vec<Holiday>,
        years_loaded: BTreeSet<i32>,
        cuti_bersama_is_holiday: bool,
    ) -> Self {
        let week = if week.weekdays.iter().any(|open| *open) {
            week
        } else {
            OfficeWeek {
                weekdays: OfficeWeek::mon_fri_wib().weekdays,
                ..week
            }
        };
        let mut by_date: BTreeMap<NaiveDate, Holiday> = BTreeMap::new();
        for holiday in holidays {
            let keep_existing = by_date
                .get(&holiday.date)
                .is_some_and(|e| e.kind.precedence() <= holiday.kind.precedence());
            if !keep_existing {
                by_date.insert(holiday.date, holiday);
            }
        }
        Self {
            week,
            holidays: by_date,
            years_loaded,
            cuti_bersama_is_holiday,
        }
    }

    /// Monday–Friday in WIB with the 2026 national holidays and cuti bersama (SKB 2026) — the
    /// calendar a new installation starts with.
    pub fn default_2026() -> Self {
        Self::new(
            OfficeWeek::mon_fri_wib(),
            holidays_2026(),
            BTreeSet::from([2026]),
            true,
        )
    }

    /// The office week.
    pub fn week(&self) -> &OfficeWeek {
        &self.week
    }

    /// All holidays, by date.
    pub fn holidays(&self) -> impl Iterator<Item = &Holiday> {
        self.holidays.values()
    }

    /// The years whose holiday data is loaded.
    pub fn years_loaded(&self) -> &BTreeSet<i32> {
        &self.years_loaded
    }

    /// Whether cuti bersama closes the office.
    pub fn cuti_bersama_is_holiday(&self) -> bool {
        self.cuti_bersama_is_holiday
    }

    /// The holiday entry on `date`, if any (also a cuti bersama the office works through).
    pub fn holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        self.holidays.get(&date)
    }

    /// True when the office is open on `date`: one of its weekdays and not closed by a holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if !self.week.is_open_on(date.weekday()) {
            return false;
        }
        match self.holidays.get(&date) {
            None => true,
            Some(h) => h.kind == HolidayKind::CutiBersama && !self.cuti_bersama_is_holiday,
        }
    }

    /// Today's date in the office's time zone.
    pub fn today(&self, clock: &dyn Clock) -> NaiveDate {
        self.week.local_date(clock.now())
    }

    /// The date `days` days after `from`.
    ///
    /// Working days: counting starts the day after `from` (national-rules §4), and the due
    /// date is the `days`-th working day; every year the count passes through without loaded
    /// holiday data is reported in `missing_years`.
    ///
    /// Calendar days: `from + days`, with no move off a weekend or holiday. The statutes say
    /// "hari" (UU 25/2009 and the regional regulations restating it), not "hari kerja", and
    /// they provide no roll-forward, so none is invented here; a region that wants working days
    /// changes the rule's kind instead.
    ///
    /// `days == 0` gives `from` in both kinds. Dates past the end of the calendar stop at
    /// `NaiveDate::MAX`.
    pub fn add_days(&self, from: NaiveDate, days: u32, kind: DayKind) -> DueDate {
        match kind {
            DayKind::Calendar => DueDate {
                date: from
                    .checked_add_days(Days::new(u64::from(days)))
                    .unwrap_or(NaiveDate::MAX),
                missing_years: Vec::new(),
            },
            DayKind::Working => self.add_working_days(from, days),
        }
    }

    /// See [`WorkCalendar::add_days`].
    fn add_working_days(&self, from: NaiveDate, days: u32) -> DueDate {
        let mut date = from;
        let mut left = days;
        let mut missing = BTreeSet::new();
        while left > 0 {
            let Some(next) = date.succ_opt() else { break };
            date = next;
            if !self.years_loaded.contains(&date.year()) {
                missing.insert(date.year());
            }
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        DueDate {
            date,
            missing_years: missing.into_iter().collect(),
        }
    }

    /// Number of working days in `(from, to]` (zero when `to <= from`): how many working days
    /// a task has been waiting, or how many are left.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .count()
            .try_into()
            .unwrap_or(u32::MAX)
    }

    /// The first working day on or after `date` (where a counter visit can be booked).
    pub fn next_working_day(&self, date: NaiveDate) -> NaiveDate {
        if self.is_working_day(date) {
            return date;
        }
        self.add_working_days(date, 1).date
    }
}
