//! Records of uploaded files (architecture §4). The bytes live in the object store (a local
//! directory by default) under a random key; the database keeps the key, the name the file was
//! uploaded under, its media type (told by its first bytes, see `balai_core::files`), its size
//! and its SHA-256, so a copy can be checked against what was received. Each record is audited
//! as `stored_file`; the record never changes once written.

use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

/// The audit subject type of a stored file.
pub const SUBJECT: &str = "stored_file";

/// One stored file; also its audit snapshot.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow, Serialize)]
pub struct StoredFileRow {
    pub id: Uuid,
    /// Where the bytes are in the object store.
    pub object_key: String,
    /// The name it was uploaded under (cleaned, see `balai_core::files::clean_file_name`).
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    pub uploaded_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// What is recorded for a file already written to the object store.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub object_key: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
}

macro_rules! file_cols {
    () => {
        "SELECT id, object_key, file_name, content_type, size_bytes, sha256, uploaded_by, \
         created_at FROM stored_files "
    };
}

const BY_ID: &str = concat!(file_cols!(), "WHERE id = $1");
const ALL: &str = concat!(file_cols!(), "ORDER BY id");

/// The file with this id.
pub async fn get(db: &Db, id: Uuid) -> Result<Option<StoredFileRow>> {
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, StoredFileRow>(BY_ID)
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// Records a file, audited; the uploader is the acting user (none for the system).
pub async fn insert(tx: &mut Tx, ctx: &AuditCtx, file: &NewFile) -> Result<StoredFileRow> {
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO stored_files (id, object_key, file_name, content_type, size_bytes, \
               sha256, uploaded_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(&file.object_key).bind(&file.file_name).bind(&file.content_type)
        .bind(file.size_bytes).bind(&file.sha256).bind(ctx.actor.user_id).bind(ctx.at)
        .execute(c).await.map(|r| r.rows_affected()))?;
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, StoredFileRow>(BY_ID)
        .bind(id).fetch_optional(c).await)?
    .ok_or(StoreError::NotFound(id.to_string()))?;
    audit::record(tx, ctx, Change::new("create", SUBJECT, id).after(&row)?).await?;
    Ok(row)
}

/// Snapshots of every stored file, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, StoredFileRow>(ALL)
        .fetch_all(p).await)?;
    audit::snapshots_of(SUBJECT, rows, |r| r.id.to_string())
}
