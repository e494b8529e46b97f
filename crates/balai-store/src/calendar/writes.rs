//! Audited changes to the calendar tables. Each write reads its row back inside the
//! transaction with the same SELECT the snapshots use, so the audit record's `after` is exactly
//! what `audit verify` will compare later.

use balai_core::calendar::{DayKind, DeadlineRule, Holiday, OfficeWeek};
use uuid::Uuid;

use super::{
    CalendarYearRow, DeadlineRuleRow, HOLIDAY_SQL, HolidayRow, OfficeWeekRow, RULE_SQL, Reader,
    WEEK_SQL, YEAR_SQL, edit_token, read,
};
use crate::audit::{self, AuditCtx, Change};
use crate::{Result, StoreError, Tx};

async fn holiday_in(tx: &mut Tx, id: Uuid) -> Result<Option<HolidayRow>> {
    let sql = format!("{HOLIDAY_SQL} WHERE id = $1");
    Ok(read!(
        &mut Reader::Tx(tx),
        fetch_optional,
        HolidayRow,
        &sql,
        id
    )?)
}

async fn year_in(tx: &mut Tx, year: i32) -> Result<Option<CalendarYearRow>> {
    let sql = format!("{YEAR_SQL} WHERE year = $1");
    Ok(read!(
        &mut Reader::Tx(tx),
        fetch_optional,
        CalendarYearRow,
        &sql,
        year
    )?)
}

async fn week_in(tx: &mut Tx, code: &str) -> Result<Option<OfficeWeekRow>> {
    let sql = format!("{WEEK_SQL} WHERE office_code = $1");
    Ok(read!(
        &mut Reader::Tx(tx),
        fetch_optional,
        OfficeWeekRow,
        &sql,
        code
    )?)
}

async fn rule_in(tx: &mut Tx, code: &str) -> Result<Option<DeadlineRuleRow>> {
    let sql = format!("{RULE_SQL} WHERE code = $1");
    Ok(read!(
        &mut Reader::Tx(tx),
        fetch_optional,
        DeadlineRuleRow,
        &sql,
        code
    )?)
}

fn gone(what: &str, id: impl std::fmt::Display) -> StoreError {
    StoreError::NotFound(format!("{what} {id}"))
}

/// Adds a holiday. A second holiday of the same kind on the same day is
/// [`StoreError::Duplicate`].
pub async fn add_holiday(tx: &mut Tx, ctx: &AuditCtx, h: &Holiday) -> Result<HolidayRow> {
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO holidays (id, day, name, kind, decree, created_at) \
               VALUES ($1, $2, $3, $4, $5, $6)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(h.date).bind(h.name.trim()).bind(h.kind.as_str()).bind(h.decree.trim())
        .bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    let row = holiday_in(tx, id)
        .await?
        .ok_or_else(|| gone("holiday", id))?;
    audit::record(tx, ctx, Change::new("create", "holiday", id).after(&row)?).await?;
    Ok(row)
}

/// Removes a holiday (an audited `delete` keeping what was removed).
pub async fn remove_holiday(tx: &mut Tx, ctx: &AuditCtx, id: Uuid) -> Result<HolidayRow> {
    let old = holiday_in(tx, id)
        .await?
        .ok_or_else(|| gone("holiday", id))?;
    crate::on_tx!(tx, c => sqlx::query("DELETE FROM holidays WHERE id = $1")
        .bind(id).execute(c).await.map(|r| r.rows_affected()))?;
    audit::record(tx, ctx, Change::new("delete", "holiday", id).before(&old)?).await?;
    Ok(old)
}

/// Marks `year` as loaded under `decree` (creates or updates the row): from now on a
/// deadline crossing that year is no longer flagged as computed without holidays.
pub async fn mark_year_loaded(
    tx: &mut Tx,
    ctx: &AuditCtx,
    year: i32,
    decree: &str,
) -> Result<CalendarYearRow> {
    let old = year_in(tx, year).await?;
    let sql = "INSERT INTO calendar_years (year, decree, loaded_at) VALUES ($1, $2, $3) \
               ON CONFLICT (year) DO UPDATE SET decree = excluded.decree, loaded_at = excluded.loaded_at";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(year).bind(decree.trim()).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = year_in(tx, year)
        .await?
        .ok_or_else(|| gone("calendar year", year))?;
    let change = match &old {
        Some(o) => Change::new("update", "calendar_year", year).before(o)?,
        None => Change::new("create", "calendar_year", year),
    };
    audit::record(tx, ctx, change.after(&row)?).await?;
    Ok(row)
}

/// Adds the holidays of `year` that are not there yet (same day and kind) and marks the year
/// loaded. Returns how many holidays were added. Holidays outside `year` are refused.
pub async fn load_year(
    tx: &mut Tx,
    ctx: &AuditCtx,
    year: i32,
    decree: &str,
    holidays: &[Holiday],
) -> Result<usize> {
    use chrono::Datelike;
    let mut added = 0;
    for h in holidays {
        if h.date.year() != year {
            return Err(StoreError::Config(format!("{} is not in {year}", h.date)));
        }
        let sql = "SELECT COUNT(*) FROM holidays WHERE day = $1 AND kind = $2";
        let n: i64 = crate::on_tx!(tx, c => sqlx::query_scalar(sql)
            .bind(h.date).bind(h.kind.as_str()).fetch_one(c).await)?;
        if n == 0 {
            add_holiday(tx, ctx, h).await?;
            added += 1;
        }
    }
    mark_year_loaded(tx, ctx, year, decree).await?;
    Ok(added)
}

/// Sets the weekdays and time zone of an office (`MPP` or an organisation's code).
pub async fn set_office_week(
    tx: &mut Tx,
    ctx: &AuditCtx,
    office_code: &str,
    week: &OfficeWeek,
) -> Result<OfficeWeekRow> {
    let old = week_in(tx, office_code).await?;
    let sql = "INSERT INTO office_weeks (office_code, weekdays, utc_offset_hours, updated_at) \
               VALUES ($1, $2, $3, $4) ON CONFLICT (office_code) DO UPDATE SET \
               weekdays = excluded.weekdays, utc_offset_hours = excluded.utc_offset_hours, \
               updated_at = excluded.updated_at";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(office_code).bind(week.mask())
        .bind(i32::from(week.utc_offset_hours)).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = week_in(tx, office_code)
        .await?
        .ok_or_else(|| gone("office week", office_code))?;
    let change = match &old {
        Some(o) => Change::new("update", "office_week", office_code).before(o)?,
        None => Change::new("create", "office_week", office_code),
    };
    audit::record(tx, ctx, change.after(&row)?).await?;
    Ok(row)
}

/// Adds a deadline rule (a new installation's defaults); an existing code is
/// [`StoreError::Duplicate`].
pub async fn insert_deadline_rule(
    tx: &mut Tx,
    ctx: &AuditCtx,
    rule: &DeadlineRule,
) -> Result<DeadlineRuleRow> {
    let days = i32::try_from(rule.days).map_err(|_| StoreError::Config("days too large".into()))?;
    let sql = "INSERT INTO deadline_rules (code, days, kind, starts_from, citation, \
               description_id, description_en, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(&rule.code).bind(days).bind(rule.kind.as_str()).bind(&rule.starts_from)
        .bind(&rule.citation).bind(&rule.description_id).bind(&rule.description_en).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = rule_in(tx, &rule.code)
        .await?
        .ok_or_else(|| gone("deadline rule", &rule.code))?;
    audit::record(
        tx,
        ctx,
        Change::new("create", "deadline_rule", &rule.code).after(&row)?,
    )
    .await?;
    Ok(row)
}

/// What an administrator may change in a deadline rule: how many days, which kind, and the
/// article it cites. The code and the event it starts from are fixed (code refers to them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleEdit {
    pub days: u32,
    pub kind: DayKind,
    pub citation: String,
}

/// Changes a deadline rule. `expected_token` is the [`edit_token`] of the row the editor
/// saw: when someone saved in between, [`StoreError::Conflict`] and nothing changes.
pub async fn update_deadline_rule(
    tx: &mut Tx,
    ctx: &AuditCtx,
    code: &str,
    expected_token: Option<&str>,
    edit: &RuleEdit,
) -> Result<DeadlineRuleRow> {
    let old = rule_in(tx, code)
        .await?
        .ok_or_else(|| gone("deadline rule", code))?;
    if expected_token.is_some_and(|t| t != edit_token(&old)) {
        return Err(StoreError::Conflict(format!(
            "deadline rule {code} was changed meanwhile"
        )));
    }
    let days = i32::try_from(edit.days).map_err(|_| StoreError::Config("days too large".into()))?;
    // The WHERE repeats the state read above, so a save committed in between (PostgreSQL runs
    // transactions side by side) changes no row and is reported as a conflict.
    let sql = "UPDATE deadline_rules SET days = $1, kind = $2, citation = $3, updated_at = $4 \
               WHERE code = $5 AND updated_at = $6 AND days = $7 AND kind = $8 AND citation = $9";
    let n = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(days).bind(edit.kind.as_str()).bind(edit.citation.trim()).bind(ctx.at)
        .bind(code).bind(old.updated_at).bind(old.days).bind(&old.kind).bind(&old.citation)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if n == 0 {
        return Err(StoreError::Conflict(format!(
            "deadline rule {code} was changed meanwhile"
        )));
    }
    let row = rule_in(tx, code)
        .await?
        .ok_or_else(|| gone("deadline rule", code))?;
    let change = Change::new("update", "deadline_rule", code)
        .before(&old)?
        .after(&row)?;
    audit::record(tx, ctx, change).await?;
    Ok(row)
}
