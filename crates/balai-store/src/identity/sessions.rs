//! Sessions in the database (architecture §4), so any server instance can serve any request.
//! The cookie holds a random token; the table holds only its SHA-256, so a copy of the
//! database does not let anyone sign in. Sessions are not audited records (they come and go
//! by the thousand); signing in and out are audit events of the account.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::audit::{self, AuditCtx, Change};
use crate::{Db, Result, Tx};

/// A session to start.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    /// SHA-256 hex of the cookie's token (the web layer makes the token).
    pub token_hash: &'a str,
    pub user_id: Uuid,
    pub csrf_token: &'a str,
    /// True when the second factor was already passed (never at password sign-in for staff).
    pub mfa_passed: bool,
    pub expires_at: DateTime<Utc>,
    pub ip: Option<&'a str>,
    pub user_agent: Option<&'a str>,
}

/// Starts a session and records the sign-in. The account's expired sessions are swept at the
/// same time, so the table does not grow with every visit.
pub async fn create_session(tx: &mut Tx, ctx: &AuditCtx, s: &NewSession<'_>) -> Result<()> {
    let sweep = "DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2";
    crate::on_tx!(tx, c => sqlx::query(sweep).bind(s.user_id).bind(ctx.at)
        .execute(c).await.map(|_| ()))?;
    let sql = "INSERT INTO sessions (token_hash, user_id, csrf_token, mfa_passed, created_at, \
        last_seen_at, expires_at, ip, user_agent) VALUES ($1,$2,$3,$4,$5,$5,$6,$7,$8)";
    let ua = s
        .user_agent
        .map(|u| balai_core::text::truncate_chars(u, 300).to_owned());
    let ip =
        s.ip.map(|i| balai_core::text::truncate_chars(i, 64).to_owned());
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(s.token_hash).bind(s.user_id).bind(s.csrf_token).bind(s.mfa_passed).bind(ctx.at)
        .bind(s.expires_at).bind(ip).bind(ua)
        .execute(c).await.map(|_| ()))?;
    audit::record(tx, ctx, Change::new("login", "user", s.user_id)).await
}

/// Marks the session as having passed the second factor, recorded as an event of the account.
pub async fn mark_mfa_passed(
    tx: &mut Tx,
    ctx: &AuditCtx,
    token_hash: &str,
    user_id: Uuid,
) -> Result<()> {
    let sql = "UPDATE sessions SET mfa_passed = TRUE, last_seen_at = $2 WHERE token_hash = $1";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(token_hash).bind(ctx.at)
        .execute(c).await.map(|_| ()))?;
    audit::record(tx, ctx, Change::new("mfa_passed", "user", user_id)).await
}

/// Notes that the session was used now (for the account page and idle clean-up).
pub async fn touch_session(db: &Db, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
    let sql = "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1";
    crate::on_db!(db.write(), p => sqlx::query(sql).bind(token_hash).bind(now)
        .execute(p).await.map(|_| ()))?;
    Ok(())
}

/// Ends one session (sign-out) and records it; returns the account it belonged to.
pub async fn delete_session(tx: &mut Tx, ctx: &AuditCtx, token_hash: &str) -> Result<Option<Uuid>> {
    let find = "SELECT user_id FROM sessions WHERE token_hash = $1";
    let user: Option<Uuid> = crate::on_tx!(tx, c => sqlx::query_scalar(find)
        .bind(token_hash).fetch_optional(c).await)?;
    let Some(user_id) = user else {
        return Ok(None);
    };
    let sql = "DELETE FROM sessions WHERE token_hash = $1";
    crate::on_tx!(tx, c => sqlx::query(sql).bind(token_hash).execute(c).await.map(|_| ()))?;
    audit::record(tx, ctx, Change::new("logout", "user", user_id)).await?;
    Ok(Some(user_id))
}

/// Ends every session of an account except `keep` (the one the holder is using), after a
/// password change, a reset or disabling. Returns how many ended.
pub async fn delete_user_sessions(tx: &mut Tx, user_id: Uuid, keep: Option<&str>) -> Result<u64> {
    let sql = "DELETE FROM sessions WHERE user_id = $1 AND ($2 IS NULL OR token_hash <> $2)";
    let n = crate::on_tx!(tx, c => sqlx::query(sql).bind(user_id).bind(keep)
        .execute(c).await.map(|r| r.rows_affected()))?;
    Ok(n)
}

/// Removes every expired session (run by the worker loop; sign-in also sweeps its account's).
pub async fn delete_expired_sessions(db: &Db, now: DateTime<Utc>) -> Result<u64> {
    let sql = "DELETE FROM sessions WHERE expires_at <= $1";
    let n = crate::on_db!(db.write(), p => sqlx::query(sql).bind(now)
        .execute(p).await.map(|r| r.rows_affected()))?;
    Ok(n)
}
