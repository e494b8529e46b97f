//! Officers (pelaksana) of an organisation, with the superior a complaint against them is
//! routed to (Luwu Pasal 44), the counter they serve at (Mesuji Pasal 10) and the public profile
//! people may read (Seluma Pasal 46(2)).
//!
//! A superior may belong to another organisation (a head of agency answers to the Sekda), but
//! must exist, and following superiors upward must never come back to the officer.

use balai_core::ids::Code;
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::organisations::{MAX_CHAIN, Paged, WriteError};
use crate::{Db, Result, StoreError, Tx};

/// The audit subject type of an officer.
pub const SUBJECT: &str = "officer";

/// One officer as stored; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct OfficerRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub position: String,
    /// Civil-servant number (18 digits) or "" for staff without one; never shown publicly.
    pub nip: String,
    pub superior_id: Option<Uuid>,
    pub counter_id: Option<Uuid>,
    pub public_profile: String,
    pub competence: String,
    pub active: bool,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// An officer with the codes and names lists need (organisation, counter, superior).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct OfficerListItem {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub officer: OfficerRow,
    pub organisation_code: String,
    pub organisation_name: String,
    pub counter_code: Option<String>,
    pub superior_name: Option<String>,
}

/// What an administrator enters for an officer, already parsed.
#[derive(Debug, Clone)]
pub struct OfficerInput {
    pub organisation_id: Uuid,
    pub name: String,
    pub position: String,
    /// "" or 18 digits (checked by the caller).
    pub nip: String,
    pub superior_id: Option<Uuid>,
    /// The counter served at, by code; it must belong to the same organisation.
    pub counter_code: Option<Code>,
    pub public_profile: String,
    pub competence: String,
}

/// Which officers to list.
#[derive(Debug, Clone, Default)]
pub struct OfficerFilter {
    pub organisation_id: Option<Uuid>,
    pub active_only: bool,
    /// At most this many (0 means no limit).
    pub limit: i64,
    pub offset: i64,
}

macro_rules! officer_cols {
    () => {
        "f.id, f.organisation_id, f.name, f.position, f.nip, f.superior_id, f.counter_id, \
         f.public_profile, f.competence, f.active, f.version, f.created_at, f.updated_at"
    };
}

const BY_ID: &str = concat!(
    "SELECT ",
    officer_cols!(),
    " FROM officers f WHERE f.id = $1"
);

/// The officer with this id.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<OfficerRow>> {
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, OfficerRow>(BY_ID)
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

async fn get_tx(tx: &mut Tx, id: Uuid) -> Result<Option<OfficerRow>> {
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, OfficerRow>(BY_ID)
        .bind(id).fetch_optional(c).await)?;
    Ok(row)
}

macro_rules! officer_from {
    () => {
        "FROM officers f JOIN organisations o ON o.id = f.organisation_id \
         LEFT JOIN counters k ON k.id = f.counter_id LEFT JOIN officers s ON s.id = f.superior_id \
         WHERE ($1 IS NULL OR f.organisation_id = $1) AND ($2 = FALSE OR f.active = TRUE)"
    };
}

const LIST_SQL: &str = concat!(
    "SELECT ",
    officer_cols!(),
    ", o.code AS organisation_code, o.name AS organisation_name, \
     k.code AS counter_code, s.name AS superior_name ",
    officer_from!(),
    " ORDER BY o.name, f.name, f.id LIMIT $3 OFFSET $4"
);
const COUNT_SQL: &str = concat!("SELECT COUNT(*) ", officer_from!());

/// Officers matching `f` with their organisation, counter and superior, by organisation and
/// name.
pub async fn list(db: &Db, f: &OfficerFilter) -> Result<Paged<OfficerListItem>> {
    let limit = if f.limit <= 0 { i64::MAX } else { f.limit };
    let items = crate::on_db!(db.read(), p => sqlx::query_as::<_, OfficerListItem>(LIST_SQL)
        .bind(f.organisation_id).bind(f.active_only).bind(limit).bind(f.offset.max(0))
        .fetch_all(p).await)?;
    let total: i64 = crate::on_db!(db.read(), p => sqlx::query_scalar(COUNT_SQL)
        .bind(f.organisation_id).bind(f.active_only).fetch_one(p).await)?;
    Ok(Paged { items, total })
}

/// The officers of one organisation (for its public profile: `active_only`).
pub async fn of_organisation(
    db: &Db,
    org_id: Uuid,
    active_only: bool,
) -> Result<Vec<OfficerListItem>> {
    let f = OfficerFilter {
        organisation_id: Some(org_id),
        active_only,
        limit: 0,
        offset: 0,
    };
    Ok(list(db, &f).await?.items)
}

/// Refuses a missing organisation, a counter of another organisation, a missing superior or a
/// superior chain that comes back to `own`. Returns the counter's id.
async fn check_refs(
    tx: &mut Tx,
    own: Option<Uuid>,
    input: &OfficerInput,
) -> Result<Option<Uuid>, WriteError> {
    if crate::organisations::get_tx(tx, input.organisation_id)
        .await?
        .is_none()
    {
        return Err(WriteError::invalid(
            "organisation",
            "org-err-organisation-unknown",
        ));
    }
    let counter_id = match &input.counter_code {
        None => None,
        Some(code) => {
            let k = crate::counters::get_by_code_tx(tx, code.as_str())
                .await?
                .ok_or(WriteError::invalid("counter", "org-err-counter-unknown"))?;
            if k.organisation_id != input.organisation_id {
                return Err(WriteError::invalid("counter", "org-err-counter-other-org"));
            }
            Some(k.id)
        }
    };
    check_superior(tx, own, input.superior_id).await?;
    Ok(counter_id)
}

/// The superior must exist, and its chain of superiors must not reach `own`.
async fn check_superior(
    tx: &mut Tx,
    own: Option<Uuid>,
    superior: Option<Uuid>,
) -> Result<(), WriteError> {
    let Some(first) = superior else { return Ok(()) };
    let mut cursor = Some(first);
    let mut steps = 0;
    while let Some(at) = cursor {
        if Some(at) == own || steps > MAX_CHAIN {
            return Err(WriteError::invalid("superior", "org-err-superior-cycle"));
        }
        let row = get_tx(tx, at).await?;
        match row {
            Some(r) => cursor = r.superior_id,
            None if at == first => {
                return Err(WriteError::invalid("superior", "org-err-superior-unknown"));
            }
            None => cursor = None,
        }
        steps += 1;
    }
    Ok(())
}

/// Registers a new officer, audited.
pub async fn create(
    tx: &mut Tx,
    ctx: &AuditCtx,
    input: &OfficerInput,
) -> Result<OfficerRow, WriteError> {
    let counter_id = check_refs(tx, None, input).await?;
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO officers (id, organisation_id, name, position, nip, superior_id, \
        counter_id, public_profile, competence, active, version, created_at, updated_at) \
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,TRUE,1,$10,$10)";
    let i = input;
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(i.organisation_id).bind(i.name.trim()).bind(i.position.trim())
        .bind(i.nip.trim()).bind(i.superior_id).bind(counter_id).bind(i.public_profile.trim())
        .bind(i.competence.trim()).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Saves changes to an officer read at `version`; `Conflict` when someone saved since.
pub async fn update(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    version: i32,
    input: &OfficerInput,
) -> Result<OfficerRow, WriteError> {
    let old = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let counter_id = check_refs(tx, Some(id), input).await?;
    let sql = "UPDATE officers SET organisation_id = $3, name = $4, position = $5, nip = $6, \
        superior_id = $7, counter_id = $8, public_profile = $9, competence = $10, \
        updated_at = $11, version = version + 1 WHERE id = $1 AND version = $2";
    let i = input;
    let done = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(version).bind(i.organisation_id).bind(i.name.trim())
        .bind(i.position.trim()).bind(i.nip.trim()).bind(i.superior_id).bind(counter_id)
        .bind(i.public_profile.trim()).bind(i.competence.trim()).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(
            StoreError::Conflict(format!("officer {id} changed since version {version}")).into(),
        );
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

/// Sets only the superior (used when officers of several organisations are loaded together and
/// superiors can be named only once everyone exists), audited, with the same checks.
pub async fn set_superior(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    superior_id: Option<Uuid>,
) -> Result<OfficerRow, WriteError> {
    let old = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    check_superior(tx, Some(id), superior_id).await?;
    let sql = "UPDATE officers SET superior_id = $2, updated_at = $3, version = version + 1 \
               WHERE id = $1";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(superior_id).bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    let row = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let change = Change::new("update", SUBJECT, id)
        .before(&old)?
        .after(&row)?;
    audit::record(tx, ctx, change).await?;
    Ok(row)
}

/// Takes an officer off duty (or back), audited, version-checked. The row stays: complaints
/// and decisions keep pointing at it.
pub async fn set_active(
    tx: &mut Tx,
    ctx: &AuditCtx,
    id: Uuid,
    version: i32,
    active: bool,
) -> Result<OfficerRow> {
    let old = get_tx(tx, id)
        .await?
        .ok_or(StoreError::NotFound(id.to_string()))?;
    let sql = "UPDATE officers SET active = $3, updated_at = $4, version = version + 1 \
               WHERE id = $1 AND version = $2";
    let done = crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(version).bind(active).bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    if done == 0 {
        return Err(StoreError::Conflict(format!(
            "officer {id} changed since version {version}"
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

/// Snapshots of every officer, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = concat!("SELECT ", officer_cols!(), " FROM officers f ORDER BY f.id");
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, OfficerRow>(sql)
        .fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
