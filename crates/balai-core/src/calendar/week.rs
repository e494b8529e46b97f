//! The days an office opens and its time zone.

use chrono::{DateTime, Duration, NaiveDate, Utc, Weekday};
use serde::{Deserialize, Serialize};

use crate::error::CoreError;

/// The weekdays an office works and its UTC offset. Government offices work Monday–Friday
/// (Perpres 21/2023), but a mall serving the public directly may open on Saturday, so each
/// office has its own week. The offset is 7 (WIB), 8 (WITA) or 9 (WIT): "today" and deadlines
/// are dates in the office's own zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OfficeWeek {
    /// Monday first, Sunday last.
    pub weekdays: [bool; 7],
    /// 7 WIB, 8 WITA, 9 WIT.
    pub utc_offset_hours: i8,
}

impl Default for OfficeWeek {
    fn default() -> Self {
        Self::mon_fri_wib()
    }
}

impl OfficeWeek {
    /// Monday to Friday in Western Indonesian Time.
    pub fn mon_fri_wib() -> Self {
        Self {
            weekdays: [true, true, true, true, true, false, false],
            utc_offset_hours: 7,
        }
    }

    /// Reads seven `0`/`1` characters, Monday first (`1111100` = Monday–Friday), in WIB; use
    /// [`OfficeWeek::with_utc_offset`] for another zone. At least one day must be open.
    pub fn parse_mask(mask: &str) -> Result<Self, CoreError> {
        let err = |key: &str| CoreError::invalid("weekdays", key);
        let mask = mask.trim();
        if mask.len() != 7 || !mask.bytes().all(|b| b == b'0' || b == b'1') {
            return Err(err("err-week-mask"));
        }
        let mut weekdays = [false; 7];
        for (slot, b) in weekdays.iter_mut().zip(mask.bytes()) {
            *slot = b == b'1';
        }
        if !weekdays.iter().any(|open| *open) {
            return Err(err("err-week-no-day"));
        }
        Ok(Self {
            weekdays,
            utc_offset_hours: 7,
        })
    }

    /// The same week in another Indonesian zone (7, 8 or 9 hours ahead of UTC).
    pub fn with_utc_offset(self, hours: i8) -> Result<Self, CoreError> {
        if !(7..=9).contains(&hours) {
            return Err(CoreError::invalid("utc_offset_hours", "err-utc-offset"));
        }
        Ok(Self {
            utc_offset_hours: hours,
            ..self
        })
    }

    /// The seven-character mask, Monday first.
    pub fn mask(&self) -> String {
        self.weekdays
            .iter()
            .map(|open| if *open { '1' } else { '0' })
            .collect()
    }

    /// True when the office opens on this weekday.
    pub fn is_open_on(&self, day: Weekday) -> bool {
        self.weekdays[day.num_days_from_monday() as usize]
    }

    /// The calendar date at instant `at` in the office's zone.
    pub fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.checked_add_signed(Duration::hours(i64::from(self.utc_offset_hours)))
            .unwrap_or(at)
            .date_naive()
    }

    /// WIB, WITA or WIT (or `UTC+n` for an offset outside Indonesia's three zones).
    pub fn zone_label(&self) -> String {
        match self.utc_offset_hours {
            7 => "WIB".to_owned(),
            8 => "WITA".to_owned(),
            9 => "WIT".to_owned(),
            n => format!("UTC{n:+}"),
        }
    }
}
