//! Mobile service visits (pelayanan bergerak, Mesuji Pasal 7(6)): where and when the mall's
//! services come to the villages, published as a schedule.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

pub const SUBJECT: &str = "queue_mobile_visit";

/// One visit as stored; also its audit snapshot. `services` is a JSON array of service codes.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct MobileVisitRow {
    pub id: Uuid,
    pub place: String,
    pub address: String,
    pub visit_date: NaiveDate,
    pub hours: String,
    pub services: String,
    pub note: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl MobileVisitRow {
    /// The service codes offered on the visit.
    pub fn service_codes(&self) -> Vec<String> {
        serde_json::from_str(&self.services).unwrap_or_default()
    }
}

/// What an administrator enters for a visit, already checked.
#[derive(Debug, Clone)]
pub struct MobileVisitInput {
    pub place: String,
    pub address: String,
    pub visit_date: NaiveDate,
    pub hours: String,
    pub services: Vec<String>,
    pub note: String,
}

const COLS: &str =
    "id, place, address, visit_date, hours, services, note, version, created_at, updated_at";

/// Visits on or after `from`, soonest first.
pub async fn upcoming(db: &Db, from: NaiveDate) -> Result<Vec<MobileVisitRow>> {
    let sql = format!(
        "SELECT {COLS} FROM queue_mobile_visits WHERE visit_date >= $1 ORDER BY visit_date, place"
    );
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, MobileVisitRow>(sqlx::AssertSqlSafe(sql))
        .bind(from).fetch_all(p).await)?;
    Ok(rows)
}

/// Schedules a visit, audited.
pub async fn create(tx: &mut Tx, ctx: &AuditCtx, v: &MobileVisitInput) -> Result<MobileVisitRow> {
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO queue_mobile_visits (id, place, address, visit_date, hours, services, \
               note, version, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,1,$8,$8)";
    let services = serde_json::to_string(&v.services)?;
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(v.place.trim()).bind(v.address.trim()).bind(v.visit_date)
        .bind(v.hours.trim()).bind(&services).bind(v.note.trim()).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let sql = format!("SELECT {COLS} FROM queue_mobile_visits WHERE id = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, MobileVisitRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(c).await)?
    .ok_or_else(|| StoreError::NotFound(format!("mobile visit {id}")))?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Snapshots of every visit.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = format!("SELECT {COLS} FROM queue_mobile_visits ORDER BY id");
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, MobileVisitRow>(sqlx::AssertSqlSafe(sql))
        .fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
