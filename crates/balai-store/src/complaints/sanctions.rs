//! The sanctions register (Luwu Pasal 40, 57(2)): sanctions imposed on officers after
//! complaints, with their kind from the regulation's list. Entries are never edited.

use balai_core::complaints::SanctionKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::SANCTION_SUBJECT;
use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

/// One sanction; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct SanctionRow {
    pub id: Uuid,
    pub officer_id: Uuid,
    pub complaint_id: Option<Uuid>,
    pub kind: String,
    pub decree_number: String,
    pub imposed_on: NaiveDate,
    pub note: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// A sanction to register, already checked.
#[derive(Debug, Clone)]
pub struct NewSanction {
    pub officer_id: Uuid,
    pub complaint_id: Option<Uuid>,
    pub kind: SanctionKind,
    pub decree_number: String,
    pub imposed_on: NaiveDate,
    pub note: String,
}

const COLS: &str = "SELECT id, officer_id, complaint_id, kind, decree_number, imposed_on, note, \
                    created_by, created_at FROM sanctions";

/// Registers a sanction, audited. `MissingReference` when the officer or complaint is unknown.
pub async fn add_sanction(tx: &mut Tx, ctx: &AuditCtx, s: &NewSanction) -> Result<SanctionRow> {
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO sanctions (id, officer_id, complaint_id, kind, decree_number, \
               imposed_on, note, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(s.officer_id).bind(s.complaint_id).bind(s.kind.as_str())
        .bind(s.decree_number.trim()).bind(s.imposed_on).bind(s.note.trim())
        .bind(ctx.actor.user_id).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let one = format!("{COLS} WHERE id = $1");
    let row = crate::on_tx!(tx, c =>
        sqlx::query_as::<_, SanctionRow>(sqlx::AssertSqlSafe(one.as_str()))
            .bind(id).fetch_optional(c).await)?
    .ok_or_else(|| StoreError::NotFound(format!("sanction {id}")))?;
    audit::record(
        tx,
        ctx,
        Change::new("create", SANCTION_SUBJECT, id).after(&row)?,
    )
    .await?;
    Ok(row)
}

/// The register, newest first; of one organisation's officers when given.
pub async fn sanctions(db: &Db, organisation_id: Option<Uuid>) -> Result<Vec<SanctionRow>> {
    let sql = "SELECT s.id, s.officer_id, s.complaint_id, s.kind, s.decree_number, s.imposed_on, \
               s.note, s.created_by, s.created_at FROM sanctions s \
               JOIN officers f ON f.id = s.officer_id \
               WHERE ($1 IS NULL OR f.organisation_id = $1) \
               ORDER BY s.imposed_on DESC, s.id DESC";
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, SanctionRow>(sql)
        .bind(organisation_id).fetch_all(p).await)?;
    Ok(rows)
}

pub(super) async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let sql = format!("{COLS} ORDER BY id");
    let rows = crate::on_db!(db.write(), p =>
        sqlx::query_as::<_, SanctionRow>(sqlx::AssertSqlSafe(sql.as_str())).fetch_all(p).await)?;
    audit::snapshots_of(SANCTION_SUBJECT, rows, |r| r.id.to_string())
}
