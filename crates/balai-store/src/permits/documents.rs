//! Documents uploaded for an application, one row per version (Batang Pasal 8): replacing a
//! returned document adds a version and keeps the earlier ones.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

pub const SUBJECT: &str = "application_document";

/// One version of one required document; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct DocumentRow {
    pub id: Uuid,
    pub application_id: Uuid,
    /// The requirement's name in the service standard.
    pub requirement: String,
    pub doc_version: i32,
    pub file_id: Uuid,
    /// `pending`, `accepted`, `returned` (with a reason) or `replaced` (a newer version came).
    pub status: String,
    pub return_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const COLS: &str = "SELECT id, application_id, requirement, doc_version, file_id, status, \
                    return_reason, created_at, updated_at FROM application_documents";

async fn get_in_tx(tx: &mut Tx, id: Uuid) -> Result<DocumentRow> {
    let sql = format!("{COLS} WHERE id = $1");
    crate::on_tx!(tx, c => sqlx::query_as::<_, DocumentRow>(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_optional(c).await)?
    .ok_or_else(|| StoreError::NotFound(format!("document {id}")))
}

async fn set_status(
    tx: &mut Tx,
    ctx: &AuditCtx,
    before: DocumentRow,
    action: &str,
    status: &str,
    reason: Option<&str>,
) -> Result<DocumentRow> {
    let sql = "UPDATE application_documents SET status = $2, return_reason = $3, updated_at = $4 \
               WHERE id = $1";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(before.id).bind(status).bind(reason)
        .bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    let after = get_in_tx(tx, before.id).await?;
    let change = Change::new(action, SUBJECT, before.id)
        .before(&before)?
        .after(&after)?;
    audit::record(tx, ctx, change).await?;
    Ok(after)
}

/// Adds a version of `requirement` (the file is already recorded in `stored_files`); the
/// versions before it are marked replaced. Audited.
pub async fn add_document(
    tx: &mut Tx,
    ctx: &AuditCtx,
    application_id: Uuid,
    requirement: &str,
    file_id: Uuid,
) -> Result<DocumentRow> {
    let sql = format!(
        "{COLS} WHERE application_id = $1 AND requirement = $2 AND status <> 'replaced' ORDER BY doc_version"
    );
    let current = crate::on_tx!(tx, c => sqlx::query_as::<_, DocumentRow>(sqlx::AssertSqlSafe(sql))
        .bind(application_id).bind(requirement).fetch_all(c).await)?;
    for old in current {
        let reason = old.return_reason.clone();
        set_status(tx, ctx, old, "replace", "replaced", reason.as_deref()).await?;
    }
    let max_sql = "SELECT COALESCE(MAX(doc_version), 0) FROM application_documents \
                   WHERE application_id = $1 AND requirement = $2";
    let max: i32 = crate::on_tx!(tx, c => sqlx::query_scalar(max_sql)
        .bind(application_id).bind(requirement).fetch_one(c).await)?;
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO application_documents (id, application_id, requirement, doc_version, \
               file_id, status, return_reason, created_at, updated_at) \
               VALUES ($1, $2, $3, $4, $5, 'pending', NULL, $6, $6)";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(application_id).bind(requirement)
        .bind(max + 1).bind(file_id).bind(ctx.at).execute(c).await.map(|r| r.rows_affected()))?;
    let row = get_in_tx(tx, id).await?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Accepts a document, or returns it with a reason (Batang Pasal 9(2)). Only the current
/// version of a document of this application may be reviewed.
pub async fn review_document(
    tx: &mut Tx,
    ctx: &AuditCtx,
    application_id: Uuid,
    document_id: Uuid,
    return_reason: Option<&str>,
) -> Result<DocumentRow> {
    let before = get_in_tx(tx, document_id).await?;
    if before.application_id != application_id {
        return Err(StoreError::NotFound(format!("document {document_id}")));
    }
    if before.status == "replaced" {
        return Err(StoreError::Conflict(format!(
            "document {document_id} was replaced"
        )));
    }
    match return_reason {
        Some(reason) => set_status(tx, ctx, before, "return", "returned", Some(reason)).await,
        None => set_status(tx, ctx, before, "accept", "accepted", None).await,
    }
}

/// Every version of every document of an application, by requirement then version.
pub async fn documents(db: &Db, application_id: Uuid) -> Result<Vec<DocumentRow>> {
    let sql = format!("{COLS} WHERE application_id = $1 ORDER BY requirement, doc_version");
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, DocumentRow>(sqlx::AssertSqlSafe(sql))
        .bind(application_id).fetch_all(p).await)?;
    Ok(rows)
}

pub(super) async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let rows =
        crate::on_db!(db.write(), p => sqlx::query_as::<_, DocumentRow>(COLS).fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
