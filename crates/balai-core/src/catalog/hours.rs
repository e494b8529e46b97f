//! Opening hours of a counter or an office, typed by administrators in one line.

use chrono::NaiveTime;
use serde::{Deserialize, Serialize};

use crate::error::CoreError;

/// Day names accepted on input (lower-case), with their number, Monday = 1.
const DAY_NAMES: &[(&str, u8)] = &[
    ("mon", 1),
    ("monday", 1),
    ("sen", 1),
    ("senin", 1),
    ("tue", 2),
    ("tuesday", 2),
    ("sel", 2),
    ("selasa", 2),
    ("wed", 3),
    ("wednesday", 3),
    ("rab", 3),
    ("rabu", 3),
    ("thu", 4),
    ("thursday", 4),
    ("kam", 4),
    ("kamis", 4),
    ("fri", 5),
    ("friday", 5),
    ("jum", 5),
    ("jumat", 5),
    ("jum'at", 5),
    ("sat", 6),
    ("saturday", 6),
    ("sab", 6),
    ("sabtu", 6),
    ("sun", 7),
    ("sunday", 7),
    ("min", 7),
    ("minggu", 7),
    ("ahad", 7),
];

const NAMES_ID: [&str; 7] = [
    "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
];
const NAMES_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// One opening interval on one weekday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DayHours {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub open: NaiveTime,
    pub close: NaiveTime,
}

/// The weekly opening hours: intervals sorted by weekday and time, several per day allowed
/// (a break for Friday prayers), none overlapping.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OpeningHours {
    pub days: Vec<DayHours>,
}

impl OpeningHours {
    /// Reads `Mon-Fri 08:00-15:00; Sat 08:00-12:00`. Segments are separated by `;`; each has
    /// days (a name, a range `Sen-Jum`, or a comma list `Sen,Rab`; English or Indonesian
    /// names, any case) and one or more comma-separated times (`08:00-12:00,13:00-16:00`;
    /// `08.00` also works). A day may appear in several segments if its times do not overlap.
    pub fn parse_compact(input: &str) -> Result<Self, CoreError> {
        let err = |key: &str| CoreError::invalid("opening_hours", key);
        let segments: Vec<&str> = input
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if segments.is_empty() {
            return Err(err("err-required"));
        }
        let mut days = Vec::new();
        for segment in segments {
            let split_at = segment
                .find(|c: char| c.is_ascii_digit())
                .ok_or_else(|| err("err-hours-format"))?;
            let (day_part, time_part) = segment.split_at(split_at);
            let weekdays = parse_days(day_part).ok_or_else(|| err("err-hours-format"))?;
            let intervals = parse_intervals(time_part).map_err(err)?;
            for weekday in weekdays {
                for (open, close) in &intervals {
                    days.push(DayHours {
                        weekday,
                        open: *open,
                        close: *close,
                    });
                }
            }
        }
        days.sort();
        let overlaps = days
            .windows(2)
            .any(|w| w[0].weekday == w[1].weekday && w[1].open < w[0].close);
        if overlaps {
            return Err(err("err-hours-overlap"));
        }
        Ok(Self { days })
    }

    /// True when open on `weekday` (1 = Monday) at `time` (opening inclusive, closing
    /// exclusive).
    pub fn is_open_at(&self, weekday: u8, time: NaiveTime) -> bool {
        self.days
            .iter()
            .any(|d| d.weekday == weekday && d.open <= time && time < d.close)
    }

    /// "Senin–Jumat 08.00–15.00; Sabtu 08.00–12.00", or "Tutup" when never open.
    pub fn display_id(&self) -> String {
        self.render(&NAMES_ID, "–", "–", "%H.%M", "Tutup")
    }

    /// "Mon–Fri 08:00–15:00; Sat 08:00–12:00", or "Closed" when never open.
    pub fn display_en(&self) -> String {
        self.render(&NAMES_EN, "–", "–", "%H:%M", "Closed")
    }

    /// The compact form [`OpeningHours::parse_compact`] reads back.
    pub fn to_compact(&self) -> String {
        self.render(&NAMES_EN, "-", "-", "%H:%M", "")
    }

    /// Groups consecutive weekdays with identical intervals into ranges.
    fn render(
        &self,
        names: &[&str; 7],
        day_dash: &str,
        time_dash: &str,
        time_format: &str,
        closed: &str,
    ) -> String {
        let per_day: Vec<String> = (1..=7u8)
            .map(|wd| {
                self.days
                    .iter()
                    .filter(|d| d.weekday == wd)
                    .map(|d| {
                        let open = d.open.format(time_format);
                        let close = d.close.format(time_format);
                        format!("{open}{time_dash}{close}")
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .collect();
        let mut parts = Vec::new();
        let mut start = 0;
        while start < 7 {
            let mut end = start;
            while end + 1 < 7 && per_day[end + 1] == per_day[start] {
                end += 1;
            }
            if !per_day[start].is_empty() {
                let days = if end == start {
                    names[start].to_owned()
                } else {
                    format!("{}{day_dash}{}", names[start], names[end])
                };
                parts.push(format!("{days} {}", per_day[start]));
            }
            start = end + 1;
        }
        if parts.is_empty() {
            closed.to_owned()
        } else {
            parts.join("; ")
        }
    }
}

fn day_number(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    DAY_NAMES
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, number)| *number)
}

/// `Sen-Jum`, `Mon,Wed`, `Sat` → weekday numbers. Ranges must run forward.
fn parse_days(part: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    // People write day lists as they say them ("Sel dan Kam", "Tue and Thu") as well as "Sel,Kam".
    let part = part.replace(" dan ", ",").replace(" and ", ",");
    for spec in part.split(',') {
        let spec = spec.trim();
        let (from, to) = match spec.split_once(['-', '–']) {
            Some((a, b)) => (day_number(a)?, day_number(b)?),
            None => {
                let day = day_number(spec)?;
                (day, day)
            }
        };
        if from > to {
            return None;
        }
        out.extend(from..=to);
    }
    out.sort_unstable();
    out.dedup();
    Some(out)
}

/// `08:00-12:00, 13:00-16:00` → intervals; each must close after it opens.
fn parse_intervals(part: &str) -> Result<Vec<(NaiveTime, NaiveTime)>, &'static str> {
    let mut out = Vec::new();
    for range in part.split(',') {
        let (open, close) = range.split_once(['-', '–']).ok_or("err-hours-format")?;
        let open = parse_time(open).ok_or("err-hours-format")?;
        let close = parse_time(close).ok_or("err-hours-format")?;
        if close <= open {
            return Err("err-hours-order");
        }
        out.push((open, close));
    }
    Ok(out)
}

/// `08:00`, `8:00`, `08.00` → a time.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let (h, m) = text.trim().split_once([':', '.'])?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    if !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveTime::from_hms_opt(h.parse().ok()?, m.parse().ok()?, 0)
}
