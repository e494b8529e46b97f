//! Counters (gerai) of an organisation inside the mall (Mesuji Pasal 1(15)): where they are in
//! the building and when they open. Opening hours are stored in the compact form
//! `OpeningHours::to_compact` writes, so they read back into the same value.

use balai_core::catalog::OpeningHours;
use balai_core::ids::Code;
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::organisations::{Paged, WriteError, code_taken};
use crate::{Db, Result, StoreError, Tx};

/// The audit subject type of a counter.
pub const SUBJECT: &str = "counter";

/// One counter as stored; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct CounterRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub code: String,
    pub name: String,
    pub building: String,
    pub floor: String,
    pub position: String,
    pub opening_hours: String,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CounterRow {
    /// The parsed opening hours; a stored value that no longer parses shows as closed.
    pub fn hours(&self) -> OpeningHours {
        OpeningHours::parse_compact(&self.opening_hours).unwrap_or_default()
    }
}

/// A counter with its organisation's code and names (for lists across organisations).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct CounterListItem {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub counter: CounterRow,
    pub organisation_code: String,
    pub organisation_name: String,
    pub organisation_name_en: String,
}

/// What an administrator enters for a counter, already parsed.
#[derive(Debug, Clone)]
pub struct CounterInput {
    pub organisation_id: Uuid,
    pub code: Code,
    pub name: String,
    pub building: String,
    pub floor: String,
    pub position: String,
    pub opening_hours: OpeningHours,
}

/// Which counters to list.
#[derive(Debug, Clone, Default)]
pub struct CounterFilter {
    pub organisation_id: Option<Uuid>,
    pub active_only: bool,
    /// At most this many (0 means no limit).
    pub limit: i64,
    pub offset: i64,
}

macro_rules! counter_cols {
    () => {
        "k.id, k.organisation_id, k.code, k.name, k.building, k.floor, k.position, \
         k.opening_hours, k.active, k.version, k.created_at, k.updated_at"
    };
}

const BY_ID: &str = concat!(
    "SELECT ",
    counter_cols!(),
    " FROM counters k WHERE k.id = $1"
);
const BY_CODE: &str = concat!(
    "SELECT ",
    counter_cols!(),
    " FROM counters k WHERE k.code = $1"
);

/// The counter with this code.
pub async fn get_by_code(db: &Db, code: &str) -> Result<Option<CounterRow>> {
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, CounterRow>(BY_CODE)
        .bind(code).fetch_optional(p).await)?;
    Ok(row)
}

/// The counter with this id.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<CounterRow>> {
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, CounterRow>(BY_ID)
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

pub(crate) async fn get_tx(tx: &mut Tx, id: Uuid) -> Result<Option<CounterRow>> {
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, CounterRow>(BY_ID)
        .bind(id).fetch_optional(c).await)?;
    Ok(row)
}

pub(crate) async fn get_by_code_tx(tx: &mut Tx, code: &str) -> Result<Option<CounterRow>> {
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, CounterRow>(BY_CODE)
        .bind(code).fetch_optional(c).await)?;
    Ok(row)
}

/// The counters of one organisation, by code (`active_only` for the public profile).
pub async fn of_organisation(db: &Db, org_id: Uuid, active_only: bool) -> Result<Vec<CounterRow>> {
    let sql = concat!(
        "SELECT ",
        counter_cols!(),
        " FROM counters k WHERE k.organisation_id = $1 AND ($2 = FALSE OR k.active = TRUE) \
         ORDER BY k.code"
    );
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, CounterRow>(sql)
        .bind(org_id).bind(active_only).fetch_all(p).await)?;
    Ok(rows)
}

macro_rules! counter_from {
    () => {
        "FROM counters k JOIN organisations o ON o.id = k.organisation_id \
         WHERE ($1 IS NULL OR k.organisation_id = $1) \
         AND ($2 = FALSE OR (k.active = TRUE AND o.active = TRUE))"
    };
}

const LIST_SQL: &str = concat!(
    "SELECT ",
    counter_cols!(),
    ", o.code AS organisation_code, o.name AS organisation_name, \
     o.name_en AS organisation_name_en ",
    counter_from!(),
    " ORDER BY o.name, k.code LIMIT $3 OFFSET $4"
);
const COUNT_SQL: &str = concat!("SELECT COUNT(*) ", counter_from!());

/// Counters matching `f` with their organisation, ordered by organisation then code.
pub async fn list(db: &Db, f: &CounterFilter) -> Result<Paged<CounterListItem>> {
    let limit = if f.limit <= 0 { i64::MAX } else { f.limit };
    let items = crate::on_db!(db.read(), p => sqlx::query_as::<_, CounterListItem>(LIST_SQL)
        .bind(f.organisation_id).bind(f.active_only).bind(limit).bind(f.offset.max(0))
        .fetch_all(p).await)?;
    let total: i64 = crate::on_db!(db.read(), p => sqlx::query_scalar(COUNT_SQL)
        .bind(f.organisation_id).bind(f.active_only).fetch_one(p).await)?;
    Ok(Paged { items, total })
}

/// Refuses an organisation id that does not exist (a field error on the owner select).
async fn check_org(tx: &mut Tx, org_id: Uuid) -> Result<(), WriteError> {
    match crate::organisations::get_tx(tx, org_id).await? {
        Some(_) => Ok(()),
        None => Err(WriteError::invalid(
            "organisation",
            "org-err-organisation-unknown",
        )),
    }
}

/// Opens a new counter, audited.
pub async fn create(
    tx: &mut Tx,
    ctx: &AuditCtx,
    input: &CounterInput,
) -> Result<CounterRow, WriteError> {
    check_org(tx, input.organisation_id).await?;
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO counters (id, organisation_id, code, name, building, floor, position, \
        opening_hours, active, version, created_at, updated_at) \
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,TRUE,1,$9,$9)";
    let i = input;
    let res = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(i.organisation_id).bind(i.code.as_str()).bind(i.name.trim())
        .bind(i.building.trim()).bind(i.floor.trim()).bind(i.position.trim())
        .bind(i.opening_hours.to_compact()).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()));
    res.map_err(|e| code_taken(e.into()))?;
    let row = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Saves changes to a counter read at `version`; `Conflict` when someone saved since.
pub async fn update(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    version: i32,
    input: &CounterInput,
) -> Result<CounterRow, WriteError> {
    let old = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    check_org(tx, input.organisation_id).await?;
    let sql = "UPDATE counters SET organisation_id = $3, code = $4, name = $5, building = $6, \
        floor = $7, position = $8, opening_hours = $9, updated_at = $10, version = version + 1 \
        WHERE id = $1 AND version = $2";
    let i = input;
    let res = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(version).bind(i.organisation_id).bind(i.code.as_str()).bind(i.name.trim())
        .bind(i.building.trim()).bind(i.floor.trim()).bind(i.position.trim())
        .bind(i.opening_hours.to_compact()).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()));
    let done = res.map_err(|e| code_taken(e.into()))?;
    if done == 0 {
        return Err(StoreError::Conflict(format!(
            "counter {} changed since version {version}",
            old.code
        ))
        .into());
    }
    let row = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let change = Change::new("update", SUBJECT, id)
        .before(&old)?
        .after(&row)?;
    audit::record(tx, ctx, change).await?;
    Ok(row)
}

/// Closes a counter (or reopens it), audited, version-checked.
pub async fn set_active(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    version: i32,
    active: bool,
) -> Result<CounterRow> {
    let old = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let sql = "UPDATE counters SET active = $3, updated_at = $4, version = version + 1 \
               WHERE id = $1 AND version = $2";
    let done = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(version).bind(active).bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(StoreError::Conflict(format!(
            "counter {} changed since version {version}",
            old.code
        )));
    }
    let row = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let action = if active { "activate" } else { "deactivate" };
    audit::record(
        tx,
        ctx,
        Change::new(action, SUBJECT, id).before(&old)?.after(&row)?,
    )
    .await?;
    Ok(row)
}

/// Snapshots of every counter, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = concat!("SELECT ", counter_cols!(), " FROM counters k ORDER BY k.id");
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, CounterRow>(sql)
        .fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
