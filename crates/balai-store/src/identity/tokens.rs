//! API tokens for integrations: created by an administrator for one organisation (or the
//! whole mall) and a set of permissions, stored as a SHA-256 of the token (the token itself is
//! shown once and never kept), revocable. Audited records; the snapshot carries a digest of
//! the stored hash and leaves out `last_used_at`, which changes with every call.

use balai_core::identity::Permission;
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::digest;
use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

/// A token to create.
#[derive(Debug, Clone)]
pub struct NewToken {
    pub name: String,
    pub organisation_id: Option<Uuid>,
    pub permissions: Vec<Permission>,
    pub created_by: Option<Uuid>,
}

/// The audited state of a token.
#[derive(Debug, Clone, Serialize)]
pub struct TokenSnapshot {
    pub id: Uuid,
    pub name: String,
    pub token_hash_digest: String,
    pub organisation_id: Option<Uuid>,
    pub permissions: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct TokenDbRow {
    id: Uuid,
    name: String,
    token_hash: String,
    organisation_id: Option<Uuid>,
    permissions: String,
    created_by: Option<Uuid>,
    created_at: DateTime<Utc>,
    revoked_at: Option<DateTime<Utc>>,
}

impl From<TokenDbRow> for TokenSnapshot {
    fn from(r: TokenDbRow) -> Self {
        TokenSnapshot {
            id: r.id,
            name: r.name,
            token_hash_digest: digest(&r.token_hash),
            organisation_id: r.organisation_id,
            permissions: r.permissions,
            created_by: r.created_by,
            created_at: r.created_at,
            revoked_at: r.revoked_at,
        }
    }
}

/// The one SELECT behind every token snapshot.
macro_rules! token_sql {
    () => {
        "SELECT id, name, token_hash, organisation_id, permissions, created_by, created_at, \
         revoked_at FROM api_tokens"
    };
}

async fn snapshot_tx(tx: &mut Tx, id: Uuid) -> Result<TokenSnapshot> {
    const SQL: &str = concat!(token_sql!(), " WHERE id = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, TokenDbRow>(SQL)
        .bind(id).fetch_optional(c).await)?;
    row.map(TokenSnapshot::from)
        .ok_or_else(|| StoreError::NotFound(format!("api token {id}")))
}

/// Stores a token by the hash of its secret; returns its id.
pub async fn create_token(
    tx: &mut Tx,
    ctx: &AuditCtx,
    new: &NewToken,
    token_hash: &str,
) -> Result<Uuid> {
    let id = balai_core::ids::new_id();
    let perms: Vec<&str> = new.permissions.iter().map(|p| p.as_str()).collect();
    let perms = serde_json::to_string(&perms)?;
    let sql = "INSERT INTO api_tokens (id, name, token_hash, organisation_id, permissions, \
        created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(new.name.trim()).bind(token_hash).bind(new.organisation_id).bind(&perms)
        .bind(new.created_by).bind(ctx.at)
        .execute(c).await.map(|_| ()))?;
    let after = snapshot_tx(tx, id).await?;
    audit::record(
        tx,
        ctx,
        Change::new("create", "api_token", id).after(&after)?,
    )
    .await?;
    Ok(id)
}

/// Revokes a token: it stops working at once. Revoking twice is a conflict.
pub async fn revoke_token(tx: &mut Tx, ctx: &AuditCtx, id: Uuid) -> Result<()> {
    let before = snapshot_tx(tx, id).await?;
    if before.revoked_at.is_some() {
        return Err(StoreError::Conflict(format!(
            "api token {id} is already revoked"
        )));
    }
    let sql = "UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(id).bind(ctx.at).execute(c).await.map(|_| ()))?;
    let after = snapshot_tx(tx, id).await?;
    let change = Change::new("revoke", "api_token", id)
        .before(&before)?
        .after(&after)?;
    audit::record(tx, ctx, change).await
}

/// Notes that the token was used now (shown in the console; not audited).
pub async fn touch_token(db: &Db, id: Uuid, now: DateTime<Utc>) -> Result<()> {
    let sql = "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1";
    crate::on_db!(db.write(), p => sqlx::query(sql).bind(id).bind(now)
        .execute(p).await.map(|_| ()))?;
    Ok(())
}

/// One line of the console's token list.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct TokenListItem {
    pub id: Uuid,
    pub name: String,
    pub organisation_id: Option<Uuid>,
    pub organisation_name: Option<String>,
    pub permissions: String,
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl TokenListItem {
    /// The token's permissions (unknown names skipped).
    pub fn permission_list(&self) -> Vec<Permission> {
        serde_json::from_str::<Vec<String>>(&self.permissions)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| Permission::parse(p).ok())
            .collect()
    }
}

/// The SELECT behind [`TokenListItem`].
macro_rules! token_list_sql {
    () => {
        "SELECT t.id, t.name, t.organisation_id, o.name AS organisation_name, t.permissions, \
         u.display_name AS created_by_name, t.created_at, t.revoked_at, t.last_used_at \
         FROM api_tokens t LEFT JOIN organisations o ON o.id = t.organisation_id \
         LEFT JOIN users u ON u.id = t.created_by"
    };
}

/// Tokens of organisation `org` (every token when `None`), newest first.
pub async fn list_tokens(db: &Db, org: Option<Uuid>) -> Result<Vec<TokenListItem>> {
    const SQL: &str = concat!(
        token_list_sql!(),
        " WHERE ($1 IS NULL OR t.organisation_id = $1) ORDER BY t.created_at DESC, t.id DESC"
    );
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, TokenListItem>(SQL)
        .bind(org).fetch_all(p).await)?;
    Ok(rows)
}

/// One token by id.
pub async fn get_token(db: &Db, id: Uuid) -> Result<Option<TokenListItem>> {
    const SQL: &str = concat!(token_list_sql!(), " WHERE t.id = $1");
    let row = crate::on_db!(db.write(), p => sqlx::query_as::<_, TokenListItem>(SQL)
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// Snapshots of every token, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, TokenDbRow>(token_sql!())
        .fetch_all(p).await)?;
    rows.into_iter()
        .map(|r| {
            let id = r.id.to_string();
            Ok(Snapshot {
                subject_type: "api_token",
                subject_id: id,
                state: serde_json::to_value(TokenSnapshot::from(r))?,
            })
        })
        .collect()
}
