//! Queue locations (a building of the mall with its own kiosks, display and numbering) and the
//! counters that call tickets there, with the services each serves.

use balai_core::catalog::OpeningHours;
use balai_core::ids::Code;
use balai_core::queue::QueuePolicy;
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

pub const SUBJECT: &str = "queue_location";
pub const COUNTER_SUBJECT: &str = "queue_counter";

/// One location as stored; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct LocationRow {
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub building: String,
    pub opening_hours: String,
    pub policy: String,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl LocationRow {
    pub fn hours(&self) -> OpeningHours {
        OpeningHours::parse_compact(&self.opening_hours).unwrap_or_default()
    }

    /// The stored policy; one that no longer reads is a corrupt row.
    pub fn policy(&self) -> Result<QueuePolicy> {
        QueuePolicy::from_json(&self.policy)
            .map_err(|e| StoreError::Corrupt(format!("queue policy of {}: {e}", self.code)))
    }
}

/// What an administrator enters for a location, already parsed.
#[derive(Debug, Clone)]
pub struct LocationInput {
    pub code: Code,
    pub name: String,
    pub name_en: String,
    pub building: String,
    pub opening_hours: OpeningHours,
    pub policy: QueuePolicy,
}

const COLS: &str = "id, code, name, name_en, building, opening_hours, policy, active, version, \
                    created_at, updated_at";

pub async fn get(db: &Db, id: Uuid) -> Result<Option<LocationRow>> {
    let sql = format!("SELECT {COLS} FROM queue_locations WHERE id = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, LocationRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// The location with this code (codes are stored upper-case).
pub async fn get_by_code(db: &Db, code: &str) -> Result<Option<LocationRow>> {
    let sql = format!("SELECT {COLS} FROM queue_locations WHERE code = $1");
    let code = code.trim().to_ascii_uppercase();
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, LocationRow>(sqlx::AssertSqlSafe(sql))
        .bind(code).fetch_optional(p).await)?;
    Ok(row)
}

async fn get_tx(tx: &mut Tx, id: Uuid) -> Result<LocationRow> {
    let sql = format!("SELECT {COLS} FROM queue_locations WHERE id = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, LocationRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(c).await)?;
    row.ok_or_else(|| StoreError::NotFound(format!("queue location {id}")))
}

/// Every location, by code.
pub async fn list(db: &Db) -> Result<Vec<LocationRow>> {
    let sql = format!("SELECT {COLS} FROM queue_locations ORDER BY code");
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, LocationRow>(sqlx::AssertSqlSafe(sql))
        .fetch_all(p).await)?;
    Ok(rows)
}

/// Opens a location, audited. A taken code is `Duplicate`.
pub async fn create(tx: &mut Tx, ctx: &AuditCtx, input: &LocationInput) -> Result<LocationRow> {
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO queue_locations (id, code, name, name_en, building, opening_hours, \
               policy, active, version, created_at, updated_at) \
               VALUES ($1,$2,$3,$4,$5,$6,$7,TRUE,1,$8,$8)";
    let i = input;
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(i.code.as_str()).bind(i.name.trim()).bind(i.name_en.trim())
        .bind(i.building.trim()).bind(i.opening_hours.to_compact()).bind(i.policy.to_json())
        .bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    let row = get_tx(tx, id).await?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Saves a location read at `version`; `Conflict` when someone saved since.
pub async fn update(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    version: i32,
    input: &LocationInput,
) -> Result<LocationRow> {
    let old = get_tx(tx, id).await?;
    let sql = "UPDATE queue_locations SET code = $3, name = $4, name_en = $5, building = $6, \
               opening_hours = $7, policy = $8, updated_at = $9, version = version + 1 \
               WHERE id = $1 AND version = $2";
    let i = input;
    let done = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(version).bind(i.code.as_str()).bind(i.name.trim()).bind(i.name_en.trim())
        .bind(i.building.trim()).bind(i.opening_hours.to_compact()).bind(i.policy.to_json())
        .bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(StoreError::Conflict(format!(
            "queue location {} changed since version {version}",
            old.code
        )));
    }
    let row = get_tx(tx, id).await?;
    let change = Change::new("update", SUBJECT, id)
        .before(&old)?
        .after(&row)?;
    audit::record(tx, ctx, change).await?;
    Ok(row)
}

/// A counter's place in a location's queue; also its audit snapshot (services sorted).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QueueCounter {
    pub counter_id: Uuid,
    pub location_id: Uuid,
    pub number: i32,
    pub services: Vec<Uuid>,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct QueueCounterRow {
    counter_id: Uuid,
    location_id: Uuid,
    number: i32,
    version: i32,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A queue counter with what people see of it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct CounterView {
    pub counter_id: Uuid,
    pub location_id: Uuid,
    pub number: i32,
    pub code: String,
    pub name: String,
    pub opening_hours: String,
    pub organisation_id: Uuid,
}

impl CounterView {
    pub fn hours(&self) -> OpeningHours {
        OpeningHours::parse_compact(&self.opening_hours).unwrap_or_default()
    }
}

const QC_COLS: &str = "counter_id, location_id, number, version, created_at, updated_at";
const SERVICES_OF: &str =
    "SELECT service_id FROM queue_counter_services WHERE counter_id = $1 ORDER BY service_id";

async fn counter_tx(tx: &mut Tx, counter_id: Uuid) -> Result<Option<QueueCounter>> {
    let sql = format!("SELECT {QC_COLS} FROM queue_counters WHERE counter_id = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, QueueCounterRow>(sqlx::AssertSqlSafe(sql))
        .bind(counter_id).fetch_optional(c).await)?;
    let Some(r) = row else { return Ok(None) };
    let services: Vec<Uuid> = crate::on_tx!(tx, c => sqlx::query_scalar(SERVICES_OF)
        .bind(counter_id).fetch_all(c).await)?;
    Ok(Some(with_services(r, services)))
}

fn with_services(r: QueueCounterRow, mut services: Vec<Uuid>) -> QueueCounter {
    services.sort();
    QueueCounter {
        counter_id: r.counter_id,
        location_id: r.location_id,
        number: r.number,
        services,
        version: r.version,
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

/// The queue setup of a counter, if it takes part in a queue.
pub async fn queue_counter(db: &Db, counter_id: Uuid) -> Result<Option<QueueCounter>> {
    let sql = format!("SELECT {QC_COLS} FROM queue_counters WHERE counter_id = $1");
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, QueueCounterRow>(sqlx::AssertSqlSafe(sql))
        .bind(counter_id).fetch_optional(p).await)?;
    let Some(r) = row else { return Ok(None) };
    let services: Vec<Uuid> = crate::on_db!(db.read(), p => sqlx::query_scalar(SERVICES_OF)
        .bind(counter_id).fetch_all(p).await)?;
    Ok(Some(with_services(r, services)))
}

/// Puts a counter into a location's queue (or changes its number and services), audited.
/// A number already used at the location is `Duplicate`.
pub async fn set_counter(
    tx: &mut Tx,
    ctx: &AuditCtx,
    counter_id: Uuid,
    location_id: Uuid,
    number: i32,
    services: &[Uuid],
) -> Result<QueueCounter> {
    let old = counter_tx(tx, counter_id).await?;
    let sql = "INSERT INTO queue_counters (counter_id, location_id, number, version, created_at, \
               updated_at) VALUES ($1,$2,$3,1,$4,$4) ON CONFLICT (counter_id) DO UPDATE SET \
               location_id = $2, number = $3, version = queue_counters.version + 1, updated_at = $4";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(counter_id).bind(location_id).bind(number)
        .bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    crate::on_tx!(tx, c => sqlx::query("DELETE FROM queue_counter_services WHERE counter_id = $1")
        .bind(counter_id).execute(c).await.map(|r| r.rows_affected()))?;
    let mut wanted = services.to_vec();
    wanted.sort();
    wanted.dedup();
    for service in &wanted {
        crate::on_tx!(tx, c => sqlx::query(
            "INSERT INTO queue_counter_services (counter_id, service_id) VALUES ($1, $2)")
            .bind(counter_id).bind(service).execute(c).await.map(|r| r.rows_affected()))?;
    }
    let new = counter_tx(tx, counter_id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("queue counter {counter_id}")))?;
    let action = if old.is_some() { "update" } else { "create" };
    let mut change = Change::new(action, COUNTER_SUBJECT, counter_id).after(&new)?;
    if let Some(old) = &old {
        change = change.before(old)?;
    }
    audit::record(tx, ctx, change).await?;
    Ok(new)
}

const VIEW_SQL: &str = "SELECT q.counter_id, q.location_id, q.number, k.code, k.name, \
    k.opening_hours, k.organisation_id FROM queue_counters q JOIN counters k ON k.id = q.counter_id";

/// The active counters of a location, by number.
pub async fn counters_of(db: &Db, location_id: Uuid) -> Result<Vec<CounterView>> {
    let sql = format!("{VIEW_SQL} WHERE q.location_id = $1 AND k.active = TRUE ORDER BY q.number");
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, CounterView>(sqlx::AssertSqlSafe(sql))
        .bind(location_id).fetch_all(p).await)?;
    Ok(rows)
}

/// The active counters of a location that serve `service_id` (for issuing and wait estimates).
pub async fn counters_serving(
    db: &Db,
    location_id: Uuid,
    service_id: Uuid,
) -> Result<Vec<CounterView>> {
    let sql = format!(
        "{VIEW_SQL} JOIN queue_counter_services s ON s.counter_id = q.counter_id \
         WHERE q.location_id = $1 AND s.service_id = $2 AND k.active = TRUE ORDER BY q.number"
    );
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, CounterView>(sqlx::AssertSqlSafe(sql))
        .bind(location_id).bind(service_id).fetch_all(p).await)?;
    Ok(rows)
}

/// The queue counter an officer (a user linked to an officer placed at a counter) works at.
pub async fn counter_of_user(db: &Db, user_id: Uuid) -> Result<Option<CounterView>> {
    let sql = format!(
        "{VIEW_SQL} JOIN officers o ON o.counter_id = q.counter_id \
         JOIN users u ON u.officer_id = o.id WHERE u.id = $1 AND k.active = TRUE"
    );
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, CounterView>(sqlx::AssertSqlSafe(sql))
        .bind(user_id).fetch_optional(p).await)?;
    Ok(row)
}

/// Snapshots of every location and queue counter.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = format!("SELECT {COLS} FROM queue_locations ORDER BY id");
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, LocationRow>(sqlx::AssertSqlSafe(sql))
        .fetch_all(p).await)?;
    let mut v = audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())?;
    let sql = format!("SELECT {QC_COLS} FROM queue_counters ORDER BY counter_id");
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, QueueCounterRow>(sqlx::AssertSqlSafe(sql))
        .fetch_all(p).await)?;
    let links: Vec<(Uuid, Uuid)> = crate::on_db!(db.write(), p => sqlx::query_as(
        "SELECT counter_id, service_id FROM queue_counter_services").fetch_all(p).await)?;
    let counters: Vec<QueueCounter> = rows
        .into_iter()
        .map(|r| {
            let services = links
                .iter()
                .filter(|(c, _)| *c == r.counter_id)
                .map(|(_, s)| *s)
                .collect();
            with_services(r, services)
        })
        .collect();
    v.extend(audit::snapshots_of(COUNTER_SUBJECT, counters, |c| {
        c.counter_id.to_string()
    })?);
    Ok(v)
}
