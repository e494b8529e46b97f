//! Online appointments: a booked slot with a code; checking in issues a ticket placed in line
//! per the location's policy; a visitor who does not come releases the place.

use std::collections::HashMap;

use balai_core::queue::{AppointmentStatus, BookingCode};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::locations::LocationRow;
use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

pub const SUBJECT: &str = "queue_appointment";

/// One appointment as stored; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct AppointmentRow {
    pub id: Uuid,
    pub location_id: Uuid,
    pub service_id: Uuid,
    pub slot_date: NaiveDate,
    pub slot_time: String,
    pub slot_starts_at: DateTime<Utc>,
    pub code: String,
    pub visitor_name: String,
    pub phone: String,
    pub status: String,
    pub ticket_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub checked_in_at: Option<DateTime<Utc>>,
    pub version: i32,
}

const COLS: &str = "id, location_id, service_id, slot_date, slot_time, slot_starts_at, code, \
    visitor_name, phone, status, ticket_id, created_at, checked_in_at, version";

fn refused(field: &str, key: &str) -> StoreError {
    let mut e = balai_core::FieldErrors::new();
    e.add(field, key);
    StoreError::Invalid(e)
}

pub async fn get_by_code(db: &Db, code: &BookingCode) -> Result<Option<AppointmentRow>> {
    let sql = format!("SELECT {COLS} FROM queue_appointments WHERE code = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, AppointmentRow>(sqlx::AssertSqlSafe(sql))
        .bind(code.as_str()).fetch_optional(p).await)?;
    Ok(row)
}

async fn get_tx(tx: &mut Tx, id: Uuid) -> Result<AppointmentRow> {
    let sql = format!("SELECT {COLS} FROM queue_appointments WHERE id = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, AppointmentRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(c).await)?;
    row.ok_or_else(|| StoreError::NotFound(format!("appointment {id}")))
}

/// Places taken per slot start ("HH:MM") of a service on a day.
pub async fn slot_load(
    db: &Db,
    location_id: Uuid,
    service_id: Uuid,
    date: NaiveDate,
) -> Result<HashMap<String, u32>> {
    let sql = "SELECT slot_time, booked FROM queue_slot_load WHERE location_id = $1 \
               AND service_id = $2 AND slot_date = $3";
    let rows: Vec<(String, i32)> = crate::on_db!(db.read(), p => sqlx::query_as(sql)
        .bind(location_id).bind(service_id).bind(date).fetch_all(p).await)?;
    Ok(rows
        .into_iter()
        .map(|(t, n)| (t, u32::try_from(n).unwrap_or(0)))
        .collect())
}

/// What a visitor books; the caller has checked the slot (`queue::check_booking`).
#[derive(Debug, Clone)]
pub struct NewAppointment {
    pub service_id: Uuid,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub starts_at: DateTime<Utc>,
    /// The slot's capacity: the booking is refused when it would take more.
    pub capacity: u32,
    pub code: BookingCode,
    pub visitor_name: String,
    pub phone: String,
}

/// Books a place, audited. The slot's count is bumped in this transaction, so two visitors
/// racing for the last place cannot both get it (`Invalid(queue-err-slot-full)`).
pub async fn book(
    tx: &mut Tx,
    ctx: &AuditCtx,
    location: &LocationRow,
    a: &NewAppointment,
) -> Result<AppointmentRow> {
    let time = a.start.format("%H:%M").to_string();
    let bump = "INSERT INTO queue_slot_load (location_id, service_id, slot_date, slot_time, booked) \
                VALUES ($1,$2,$3,$4,1) ON CONFLICT (location_id, service_id, slot_date, slot_time) \
                DO UPDATE SET booked = queue_slot_load.booked + 1 RETURNING booked";
    let booked: i32 = crate::on_tx!(tx, c => sqlx::query_scalar(bump)
        .bind(location.id).bind(a.service_id).bind(a.date).bind(&time).fetch_one(c).await)?;
    if u32::try_from(booked).unwrap_or(u32::MAX) > a.capacity {
        return Err(refused("slot", "queue-err-slot-full"));
    }
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO queue_appointments (id, location_id, service_id, slot_date, slot_time, \
        slot_starts_at, code, visitor_name, phone, status, created_at, version) \
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,'booked',$10,1)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(location.id).bind(a.service_id).bind(a.date).bind(&time)
        .bind(a.starts_at).bind(a.code.as_str()).bind(a.visitor_name.trim()).bind(a.phone.trim())
        .bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    let row = get_tx(tx, id).await?;
    audit::record(tx, ctx, Change::new("book", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Marks the appointment with `code` checked in with `ticket_id`, audited. Refuses a code of
/// another location or day, one already used, and one whose grace period has passed.
pub async fn check_in(
    tx: &mut Tx,
    ctx: &AuditCtx,
    location: &LocationRow,
    appointment: &AppointmentRow,
    today: NaiveDate,
    grace_minutes: u32,
    ticket_id: Uuid,
) -> Result<AppointmentRow> {
    if appointment.location_id != location.id {
        return Err(refused("code", "queue-err-code-foreign"));
    }
    if appointment.status != AppointmentStatus::Booked.as_str() {
        return Err(refused("code", "queue-err-code-used"));
    }
    if appointment.slot_date != today {
        return Err(refused("code", "queue-err-code-other-day"));
    }
    if ctx.at >= appointment.slot_starts_at + Duration::minutes(i64::from(grace_minutes)) {
        return Err(refused("code", "queue-err-code-expired"));
    }
    let sql = "UPDATE queue_appointments SET status = 'checked_in', ticket_id = $2, \
               checked_in_at = $3, version = version + 1 WHERE id = $1 AND status = 'booked'";
    let done = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(appointment.id).bind(ticket_id).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(refused("code", "queue-err-code-used"));
    }
    let row = get_tx(tx, appointment.id).await?;
    let change = Change::new("check_in", SUBJECT, row.id)
        .before(appointment)?
        .after(&row)?;
    audit::record(tx, ctx, change).await?;
    Ok(row)
}

/// Marks booked appointments of a location whose grace period has passed as no-shows and
/// gives their places back, audited; returns how many.
pub async fn release_no_shows(
    tx: &mut Tx,
    ctx: &AuditCtx,
    location_id: Uuid,
    grace_minutes: u32,
) -> Result<usize> {
    let cutoff = ctx.at - Duration::minutes(i64::from(grace_minutes));
    let sql = format!(
        "SELECT {COLS} FROM queue_appointments WHERE location_id = $1 AND status = 'booked' \
         AND slot_starts_at <= $2 ORDER BY slot_starts_at, id"
    );
    let due = crate::on_tx!(tx, c => sqlx::query_as::<_, AppointmentRow>(sqlx::AssertSqlSafe(sql))
        .bind(location_id).bind(cutoff).fetch_all(c).await)?;
    for old in &due {
        let done = crate::on_tx!(tx, c => sqlx::query(
            "UPDATE queue_appointments SET status = 'no_show', version = version + 1 \
             WHERE id = $1 AND status = 'booked'")
            .bind(old.id).execute(c).await.map(|r| r.rows_affected()))?;
        if done == 0 {
            continue;
        }
        crate::on_tx!(tx, c => sqlx::query(
            "UPDATE queue_slot_load SET booked = booked - 1 WHERE location_id = $1 \
             AND service_id = $2 AND slot_date = $3 AND slot_time = $4 AND booked > 0")
            .bind(old.location_id).bind(old.service_id).bind(old.slot_date).bind(&old.slot_time)
            .execute(c).await.map(|r| r.rows_affected()))?;
        let row = get_tx(tx, old.id).await?;
        let change = Change::new("no_show", SUBJECT, row.id)
            .before(old)?
            .after(&row)?;
        audit::record(tx, ctx, change).await?;
    }
    Ok(due.len())
}

/// Snapshots of every appointment.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = format!("SELECT {COLS} FROM queue_appointments ORDER BY id");
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, AppointmentRow>(sqlx::AssertSqlSafe(sql))
        .fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
