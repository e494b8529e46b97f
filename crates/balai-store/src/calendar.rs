//! The working calendar as data (national-rules §4, architecture §3): holidays with their
//! decree, which years' holiday data is loaded, each office's weekdays and time zone, and the
//! deadline rules with their citation.
//!
//! Deadlines are computed by [`balai_core::calendar::WorkCalendar`]; this module builds one
//! from the tables ([`work_calendar`]) and keeps every change audited, so a due date shown to a
//! citizen can always be traced back to the holiday list and rule it was computed from.

mod writes;

pub use writes::{
    RuleEdit, add_holiday, insert_deadline_rule, load_year, mark_year_loaded, remove_holiday,
    set_office_week, update_deadline_rule,
};

use std::collections::BTreeSet;

use balai_core::calendar::{DayKind, DeadlineRule, Holiday, HolidayKind, OfficeWeek, WorkCalendar};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::Snapshot;
use crate::{Db, Result, StoreError, Tx};

/// The office code of the mall itself; organisations use their own code.
pub const MPP_OFFICE: &str = "MPP";

/// The region setting that says whether cuti bersama closes the offices (default: yes).
pub const CUTI_BERSAMA_SETTING: &str = "cuti_bersama_is_holiday";

/// One holiday as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct HolidayRow {
    pub id: Uuid,
    pub day: NaiveDate,
    pub name: String,
    pub kind: String,
    pub decree: String,
    pub created_at: DateTime<Utc>,
}

impl HolidayRow {
    /// The holiday as the rules see it; a kind outside the CHECK list means a hand-edited row.
    pub fn to_core(&self) -> Result<Holiday> {
        Ok(Holiday {
            date: self.day,
            name: self.name.clone(),
            kind: parse_holiday_kind(&self.kind)?,
            decree: self.decree.clone(),
        })
    }
}

/// A year whose national holidays and cuti bersama are loaded, with the decree that set them.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct CalendarYearRow {
    pub year: i32,
    pub decree: String,
    pub loaded_at: DateTime<Utc>,
}

/// An office's weekdays (`1111100` = Monday–Friday) and UTC offset (7 WIB, 8 WITA, 9 WIT).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct OfficeWeekRow {
    pub office_code: String,
    pub weekdays: String,
    pub utc_offset_hours: i32,
    pub updated_at: DateTime<Utc>,
}

impl OfficeWeekRow {
    /// The week as the rules see it.
    pub fn to_core(&self) -> Result<OfficeWeek> {
        let offset = i8::try_from(self.utc_offset_hours)
            .map_err(|_| corrupt("office_week", &self.office_code))?;
        OfficeWeek::parse_mask(&self.weekdays)
            .and_then(|w| w.with_utc_offset(offset))
            .map_err(|_| corrupt("office_week", &self.office_code))
    }
}

/// A deadline rule as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct DeadlineRuleRow {
    pub code: String,
    pub days: i32,
    pub kind: String,
    pub starts_from: String,
    pub citation: String,
    pub description_id: String,
    pub description_en: String,
    pub updated_at: DateTime<Utc>,
}

impl DeadlineRuleRow {
    /// The rule as the rules see it.
    pub fn to_core(&self) -> Result<DeadlineRule> {
        let days = u32::try_from(self.days).map_err(|_| corrupt("deadline_rule", &self.code))?;
        let kind = DayKind::parse(&self.kind).map_err(|_| corrupt("deadline_rule", &self.code))?;
        Ok(DeadlineRule {
            code: self.code.clone(),
            days,
            kind,
            starts_from: self.starts_from.clone(),
            citation: self.citation.clone(),
            description_id: self.description_id.clone(),
            description_en: self.description_en.clone(),
        })
    }
}

/// A short fingerprint of a row as it was read (SHA-256 of its JSON, 16 hex digits). Edit
/// forms carry it; a save whose fingerprint no longer matches the stored row is a conflict, so
/// two people editing the same record never silently overwrite each other, even within the
/// same microsecond.
pub fn edit_token<T: Serialize>(row: &T) -> String {
    use sha2::{Digest, Sha256};
    let json = serde_json::to_vec(row).unwrap_or_default();
    let mut hex = hex::encode(Sha256::digest(&json));
    hex.truncate(16);
    hex
}

fn corrupt(what: &str, id: &str) -> StoreError {
    StoreError::Corrupt(format!("{what} {id} holds a value the rules do not accept"))
}

fn parse_holiday_kind(s: &str) -> Result<HolidayKind> {
    HolidayKind::parse(s).map_err(|_| StoreError::Corrupt(format!("unknown holiday kind {s}")))
}

pub(crate) const HOLIDAY_SQL: &str = "SELECT id, day, name, kind, decree, created_at FROM holidays";
pub(crate) const YEAR_SQL: &str = "SELECT year, decree, loaded_at FROM calendar_years";
pub(crate) const WEEK_SQL: &str =
    "SELECT office_code, weekdays, utc_offset_hours, updated_at FROM office_weeks";
pub(crate) const RULE_SQL: &str = "SELECT code, days, kind, starts_from, citation, \
    description_id, description_en, updated_at FROM deadline_rules";

/// Where a read runs: on the read pool, or inside an open transaction (the demo loader and
/// checks made while writing must see rows written earlier in the same transaction).
pub enum Reader<'a> {
    Db(&'a Db),
    Tx(&'a mut Tx),
}

/// `fetch_all` / `fetch_optional` of a `query_as` on either kind of [`Reader`].
macro_rules! read {
    ($r:expr, $fetch:ident, $ty:ty, $sql:expr $(, $bind:expr)*) => {
        match $r {
            Reader::Db(db) => crate::on_db!(db.read(), p =>
                sqlx::query_as::<_, $ty>(sqlx::AssertSqlSafe(AsRef::<str>::as_ref(&$sql)))$(.bind($bind))*.$fetch(p).await),
            Reader::Tx(tx) => crate::on_tx!(tx, c =>
                sqlx::query_as::<_, $ty>(sqlx::AssertSqlSafe(AsRef::<str>::as_ref(&$sql)))$(.bind($bind))*.$fetch(c).await),
        }
    };
}
pub(crate) use read;

/// Holidays, by date; of one year when `year` is given.
pub async fn holidays(db: &Db, year: Option<i32>) -> Result<Vec<HolidayRow>> {
    let rows = match year.and_then(year_bounds) {
        Some((from, until)) => {
            let sql = format!("{HOLIDAY_SQL} WHERE day >= $1 AND day < $2 ORDER BY day, kind");
            crate::on_db!(db.read(), p => sqlx::query_as::<_, HolidayRow>(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(from).bind(until).fetch_all(p).await)?
        }
        None => {
            let sql = format!("{HOLIDAY_SQL} ORDER BY day, kind");
            crate::on_db!(db.read(), p => sqlx::query_as::<_, HolidayRow>(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?
        }
    };
    Ok(rows)
}

/// 1 January of `year` and of the year after.
fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((
        NaiveDate::from_ymd_opt(year, 1, 1)?,
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?,
    ))
}

/// One holiday by id.
pub async fn holiday(db: &Db, id: Uuid) -> Result<Option<HolidayRow>> {
    let sql = format!("{HOLIDAY_SQL} WHERE id = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, HolidayRow>(sqlx::AssertSqlSafe(sql.as_str()))
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// The years whose holiday data is loaded, oldest first.
pub async fn years(db: &Db) -> Result<Vec<CalendarYearRow>> {
    let sql = format!("{YEAR_SQL} ORDER BY year");
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, CalendarYearRow>(sqlx::AssertSqlSafe(sql.as_str()))
        .fetch_all(p).await)?;
    Ok(rows)
}

/// Every office week that was set, by office code.
pub async fn office_weeks(db: &Db) -> Result<Vec<OfficeWeekRow>> {
    let sql = format!("{WEEK_SQL} ORDER BY office_code");
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, OfficeWeekRow>(sqlx::AssertSqlSafe(sql.as_str()))
        .fetch_all(p).await)?;
    Ok(rows)
}

/// Every deadline rule, by code.
pub async fn deadline_rules(db: &Db) -> Result<Vec<DeadlineRuleRow>> {
    let sql = format!("{RULE_SQL} ORDER BY code");
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, DeadlineRuleRow>(sqlx::AssertSqlSafe(sql.as_str()))
        .fetch_all(p).await)?;
    Ok(rows)
}

/// One deadline rule by code, read on the pool or inside a transaction.
pub async fn deadline_rule(r: &mut Reader<'_>, code: &str) -> Result<Option<DeadlineRuleRow>> {
    let sql = format!("{RULE_SQL} WHERE code = $1");
    let row = read!(r, fetch_optional, DeadlineRuleRow, &sql, code)?;
    Ok(row)
}

/// The rule `code` as the rules see it: the table's row, or the shipped default when an
/// installation has not loaded it (so a missing row never disables a statutory check).
pub async fn effective_rule(r: &mut Reader<'_>, code: &str) -> Result<Option<DeadlineRule>> {
    match deadline_rule(r, code).await? {
        Some(row) => Ok(Some(row.to_core()?)),
        None => Ok(balai_core::calendar::default_deadline_rules()
            .into_iter()
            .find(|rule| rule.code == code)),
    }
}

/// True when `code` names an office: the mall, an office week that was set, or an
/// organisation's code.
pub async fn office_known(db: &Db, code: &str) -> Result<bool> {
    if code == MPP_OFFICE {
        return Ok(true);
    }
    let sql = "SELECT (SELECT COUNT(*) FROM office_weeks WHERE office_code = $1) \
               + (SELECT COUNT(*) FROM organisations WHERE code = $1)";
    let n: i64 =
        crate::on_db!(db.read(), p => sqlx::query_scalar(sql).bind(code).fetch_one(p).await)?;
    Ok(n > 0)
}

/// The calendar an office counts deadlines with (on the read pool).
///
/// The week is the office's own; an office without one works the government week
/// (Monday–Friday, Perpres 21/2023) in the mall's time zone; `None` asks for the mall's week,
/// and a mall without one works Monday–Friday in WIB. Every holiday and loaded year counts;
/// cuti bersama closes the office unless the region setting `cuti_bersama_is_holiday` says
/// `false`.
pub async fn work_calendar(db: &Db, office_code: Option<&str>) -> Result<WorkCalendar> {
    calendar_from(&mut Reader::Db(db), office_code).await
}

/// [`work_calendar`] inside an open transaction.
pub async fn work_calendar_tx(tx: &mut Tx, office_code: Option<&str>) -> Result<WorkCalendar> {
    calendar_from(&mut Reader::Tx(tx), office_code).await
}

async fn calendar_from(r: &mut Reader<'_>, office_code: Option<&str>) -> Result<WorkCalendar> {
    let week = office_week(r, office_code).await?;
    let rows = read!(r, fetch_all, HolidayRow, HOLIDAY_SQL)?;
    let holidays = rows
        .iter()
        .map(HolidayRow::to_core)
        .collect::<Result<Vec<_>>>()?;
    let years: BTreeSet<i32> = read!(r, fetch_all, CalendarYearRow, YEAR_SQL)?
        .into_iter()
        .map(|y| y.year)
        .collect();
    let cuti = cuti_bersama_is_holiday(r).await?;
    Ok(WorkCalendar::new(week, holidays, years, cuti))
}

/// The week an office works (see [`work_calendar`] for the fallbacks), without loading the
/// holidays: enough to know "today" in the office's time zone.
pub async fn week_of(db: &Db, office_code: Option<&str>) -> Result<OfficeWeek> {
    office_week(&mut Reader::Db(db), office_code).await
}

async fn office_week(r: &mut Reader<'_>, office_code: Option<&str>) -> Result<OfficeWeek> {
    let sql = format!("{WEEK_SQL} WHERE office_code = $1");
    let mall = read!(r, fetch_optional, OfficeWeekRow, &sql, MPP_OFFICE)?;
    let mall = mall.as_ref().map(OfficeWeekRow::to_core).transpose()?;
    let code = match office_code {
        None => return Ok(mall.unwrap_or_else(OfficeWeek::mon_fri_wib)),
        Some(c) if c == MPP_OFFICE => return Ok(mall.unwrap_or_else(OfficeWeek::mon_fri_wib)),
        Some(c) => c,
    };
    match read!(r, fetch_optional, OfficeWeekRow, &sql, code)? {
        Some(row) => row.to_core(),
        None => Ok(OfficeWeek {
            utc_offset_hours: mall.map_or(7, |m| m.utc_offset_hours),
            ..OfficeWeek::mon_fri_wib()
        }),
    }
}

/// Reads the region setting; anything but `false`, `0` or `tidak` keeps the default (closed).
async fn cuti_bersama_is_holiday(r: &mut Reader<'_>) -> Result<bool> {
    let sql = "SELECT key, value FROM region_settings WHERE key = $1";
    let row = read!(
        r,
        fetch_optional,
        (String, String),
        sql,
        CUTI_BERSAMA_SETTING
    )?;
    Ok(row.is_none_or(|(_, v)| {
        !matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "false" | "0" | "tidak"
        )
    }))
}

/// Snapshots of every holiday, loaded year, office week and deadline rule, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let mut v = Vec::new();
    for h in holidays(db, None).await? {
        v.push(snap("holiday", h.id.to_string(), &h)?);
    }
    for y in years(db).await? {
        v.push(snap("calendar_year", y.year.to_string(), &y)?);
    }
    for w in office_weeks(db).await? {
        v.push(snap("office_week", w.office_code.clone(), &w)?);
    }
    for r in deadline_rules(db).await? {
        v.push(snap("deadline_rule", r.code.clone(), &r)?);
    }
    Ok(v)
}

fn snap<T: Serialize>(subject_type: &'static str, id: String, row: &T) -> Result<Snapshot> {
    Ok(Snapshot {
        subject_type,
        subject_id: id,
        state: serde_json::to_value(row)?,
    })
}
