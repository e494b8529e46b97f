//! Service charters (maklumat pelayanan, Seluma Pasal 25; Luwu Pasal 32): an organisation's
//! written, signed promise to meet its standards. A charter is a record: a change is a new
//! charter adopted on a later date, and the history stays. The current one is the latest
//! adopted.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::organisations::WriteError;
use crate::{Db, Result, StoreError, Tx};

/// The audit subject type of a charter.
pub const SUBJECT: &str = "charter";

/// One adopted charter; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct CharterRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub body: String,
    pub adopted_on: NaiveDate,
    pub signed_by: String,
    pub signer_position: String,
    pub created_at: DateTime<Utc>,
}

/// What is adopted. An empty `body` means the standard wording
/// (`balai_core::catalog::charter_default_text`).
#[derive(Debug, Clone)]
pub struct CharterInput {
    pub organisation_id: Uuid,
    pub body: String,
    pub adopted_on: NaiveDate,
    pub signed_by: String,
    pub signer_position: String,
}

macro_rules! charter_cols {
    () => {
        "SELECT id, organisation_id, body, adopted_on, signed_by, signer_position, created_at \
         FROM charters "
    };
}

/// Latest first: by adoption date, then by when it was recorded.
const HISTORY: &str = concat!(
    charter_cols!(),
    "WHERE organisation_id = $1 ORDER BY adopted_on DESC, created_at DESC, id DESC"
);
const CURRENT: &str = concat!(
    charter_cols!(),
    "WHERE organisation_id = $1 ORDER BY adopted_on DESC, created_at DESC, id DESC LIMIT 1"
);
const BY_ID: &str = concat!(charter_cols!(), "WHERE id = $1");
const ALL: &str = concat!(charter_cols!(), "ORDER BY id");

/// The organisation's current charter (the latest adopted), if any.
pub async fn current(db: &Db, org_id: Uuid) -> Result<Option<CharterRow>> {
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, CharterRow>(CURRENT)
        .bind(org_id).fetch_optional(p).await)?;
    Ok(row)
}

/// Every charter the organisation adopted, latest first.
pub async fn history(db: &Db, org_id: Uuid) -> Result<Vec<CharterRow>> {
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, CharterRow>(HISTORY)
        .bind(org_id).fetch_all(p).await)?;
    Ok(rows)
}

/// Adopts a new charter for an organisation, audited. The previous one stays in the history.
pub async fn adopt(
    tx: &mut Tx,
    ctx: &AuditCtx,
    input: &CharterInput,
) -> Result<CharterRow, WriteError> {
    if crate::organisations::get_tx(tx, input.organisation_id)
        .await?
        .is_none()
    {
        return Err(WriteError::invalid(
            "organisation",
            "org-err-organisation-unknown",
        ));
    }
    let body = match input.body.trim() {
        "" => balai_core::catalog::charter_default_text(),
        text => text,
    };
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO charters (id, organisation_id, body, adopted_on, signed_by, \
               signer_position, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(input.organisation_id).bind(body).bind(input.adopted_on)
        .bind(input.signed_by.trim()).bind(input.signer_position.trim()).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, CharterRow>(BY_ID)
        .bind(id).fetch_optional(c).await)?
    .ok_or(StoreError::NotFound(id.to_string()))?;
    audit::record(tx, ctx, Change::new("adopt", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Snapshots of every charter, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, CharterRow>(ALL)
        .fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
