//! Storage of the TOTP second factor (RFC 6238). The code arithmetic lives in the web layer;
//! here are the secret (base32 in `users.totp_secret`, pending until the first correct code
//! enables it) and the last accepted time step, which makes a code single-use.

use uuid::Uuid;

use super::users::{record_update, snapshot_tx};
use crate::audit::AuditCtx;
use crate::{Db, Result, Tx};

/// Stores a new, not yet enabled secret (enrolment shows it; [`enable_totp`] switches it on
/// after a correct code). Audited: the snapshot's secret digest changes.
pub async fn set_totp_secret(
    tx: &mut Tx,
    ctx: &AuditCtx,
    user_id: Uuid,
    secret_b32: &str,
) -> Result<()> {
    let before = snapshot_tx(tx, user_id).await?;
    let sql =
        "UPDATE users SET totp_secret = $2, totp_enabled = FALSE, updated_at = $3 WHERE id = $1";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(user_id).bind(secret_b32).bind(ctx.at)
        .execute(c).await.map(|_| ()))?;
    record_update(tx, ctx, "totp_secret", &before).await
}

/// Switches the stored secret on: from now on the account signs in with a code.
pub async fn enable_totp(tx: &mut Tx, ctx: &AuditCtx, user_id: Uuid) -> Result<()> {
    let before = snapshot_tx(tx, user_id).await?;
    let sql = "UPDATE users SET totp_enabled = TRUE, updated_at = $2 \
               WHERE id = $1 AND totp_secret IS NOT NULL";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(user_id).bind(ctx.at)
        .execute(c).await.map(|_| ()))?;
    record_update(tx, ctx, "totp_enable", &before).await
}

/// Removes the second factor (an administrator's help for a lost phone): the holder enrols
/// again at the next sign-in.
pub async fn reset_totp(tx: &mut Tx, ctx: &AuditCtx, user_id: Uuid) -> Result<()> {
    let before = snapshot_tx(tx, user_id).await?;
    let sql =
        "UPDATE users SET totp_secret = NULL, totp_enabled = FALSE, updated_at = $2 WHERE id = $1";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(user_id).bind(ctx.at)
        .execute(c).await.map(|_| ()))?;
    record_update(tx, ctx, "totp_reset", &before).await
}

/// The account's TOTP secret (pending or enabled), base32.
pub async fn totp_secret(db: &Db, user_id: Uuid) -> Result<Option<String>> {
    let sql = "SELECT totp_secret FROM users WHERE id = $1";
    let s: Option<Option<String>> = crate::on_db!(db.write(), p => sqlx::query_scalar(sql)
        .bind(user_id).fetch_optional(p).await)?;
    Ok(s.flatten())
}

/// [`totp_secret`], read inside a transaction (on SQLite the transaction holds the only
/// writer connection, so a read through the pool would wait for it).
pub async fn totp_secret_in_tx(tx: &mut Tx, user_id: Uuid) -> Result<Option<String>> {
    let sql = "SELECT totp_secret FROM users WHERE id = $1";
    let s: Option<Option<String>> = crate::on_tx!(tx, c => sqlx::query_scalar(sql)
        .bind(user_id).fetch_optional(c).await)?;
    Ok(s.flatten())
}

/// Records `step` (unix time / 30) as used if it is later than the last one accepted; false
/// means the code was already used (or an older one), so it must be refused. One conditional
/// upsert, so two servers racing with the same code cannot both accept it.
pub async fn accept_totp_step(tx: &mut Tx, user_id: Uuid, step: i64) -> Result<bool> {
    let sql = "INSERT INTO totp_steps (user_id, last_step) VALUES ($1, $2) \
               ON CONFLICT (user_id) DO UPDATE SET last_step = excluded.last_step \
               WHERE totp_steps.last_step < excluded.last_step";
    let n = crate::on_tx!(tx, c => sqlx::query(sql).bind(user_id).bind(step)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n == 1)
}

/// The last accepted time step of the account, if any (tests pick a fresh code with it).
pub async fn last_totp_step(db: &Db, user_id: Uuid) -> Result<Option<i64>> {
    let sql = "SELECT last_step FROM totp_steps WHERE user_id = $1";
    let s = crate::on_db!(db.write(), p => sqlx::query_scalar::<_, i64>(sql)
        .bind(user_id).fetch_optional(p).await)?;
    Ok(s)
}
