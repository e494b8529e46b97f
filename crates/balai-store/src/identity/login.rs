//! Checking an e-mail and password with the lockout rule of core's [`LockoutPolicy`]: failures
//! are counted in `users.failed_logins`; the failure that reaches the limit sets
//! `locked_until` and starts the count again; a locked account is refused without looking at
//! the password (so guessing during the lock teaches nothing); a success clears both.
//!
//! Failed attempts and lockouts of a known account are audit events without `after` (the
//! counters are not part of the account's audited state). Attempts on unknown addresses are
//! not recorded: their "subject" would be whatever a stranger typed.

use balai_core::identity::{Actor, LockoutPolicy};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::password::{verify_dummy, verify_password};
use super::users::{UserRow, get_user};
use crate::audit::{self, AuditCtx, Change};
use crate::{Db, Result, StoreError};

/// What a sign-in attempt came to.
#[derive(Debug, Clone)]
pub enum LoginOutcome {
    /// The password is right and the account may sign in.
    Success(Box<UserRow>),
    /// Unknown e-mail or wrong password (the page must not say which).
    Invalid,
    /// Too many failures: refused until `until`, whatever the password.
    Locked { until: DateTime<Utc> },
    /// The password is right but an administrator disabled the account.
    Disabled,
}

#[derive(sqlx::FromRow)]
struct LoginRow {
    id: Uuid,
    password_hash: String,
    disabled: bool,
    failed_logins: i32,
    locked_until: Option<DateTime<Utc>>,
}

/// Checks a sign-in attempt at `now`, updating the lockout counters and the audit trail.
pub async fn check_login(
    db: &Db,
    email: &str,
    password: &str,
    policy: &LockoutPolicy,
    request_id: Option<String>,
    now: DateTime<Utc>,
) -> Result<LoginOutcome> {
    let sql = "SELECT id, password_hash, disabled, failed_logins, locked_until FROM users \
               WHERE email = $1";
    let wanted = email.trim().to_lowercase();
    let row = crate::on_db!(db.write(), p => sqlx::query_as::<_, LoginRow>(sql)
        .bind(wanted).fetch_optional(p).await)?;
    let Some(row) = row else {
        verify_dummy(password).await;
        return Ok(LoginOutcome::Invalid);
    };
    if let Some(until) = row.locked_until.filter(|u| *u > now) {
        return Ok(LoginOutcome::Locked { until });
    }
    let ctx = AuditCtx::new(Actor::anonymous(), request_id, now);
    if !verify_password(&row.password_hash, password).await {
        return record_failure(db, &ctx, row.id, policy).await;
    }
    if row.disabled {
        return Ok(LoginOutcome::Disabled);
    }
    if row.failed_logins != 0 || row.locked_until.is_some() {
        let reset = "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1";
        crate::on_db!(db.write(), p => sqlx::query(reset).bind(row.id)
            .execute(p).await.map(|_| ()))?;
    }
    let user = get_user(db, row.id)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("user {}", row.id)))?;
    Ok(LoginOutcome::Success(Box::new(user)))
}

/// Counts one failure; the one that reaches the policy's limit locks the account.
async fn record_failure(
    db: &Db,
    ctx: &AuditCtx,
    user_id: Uuid,
    policy: &LockoutPolicy,
) -> Result<LoginOutcome> {
    let mut tx = db.begin().await?;
    let bump = "UPDATE users SET failed_logins = failed_logins + 1 WHERE id = $1 \
                RETURNING failed_logins";
    let failures: i32 = crate::on_tx!(tx, c => sqlx::query_scalar(bump)
        .bind(user_id).fetch_one(c).await)?;
    audit::record(&mut tx, ctx, Change::new("login_failed", "user", user_id)).await?;
    let failures = u32::try_from(failures).unwrap_or(0);
    let outcome = match policy.locked_until(failures, ctx.at) {
        Some(until) => {
            let lock = "UPDATE users SET failed_logins = 0, locked_until = $2 WHERE id = $1";
            crate::on_tx!(tx, c => sqlx::query(lock).bind(user_id).bind(until)
                .execute(c).await.map(|_| ()))?;
            audit::record(&mut tx, ctx, Change::new("lockout", "user", user_id)).await?;
            LoginOutcome::Locked { until }
        }
        None => LoginOutcome::Invalid,
    };
    tx.commit().await?;
    Ok(outcome)
}

/// Whether `password` is the account's current one (for a password change, which the
/// session already proves; it is rate limited by the caller and does not count toward the
/// lockout, so a mistyped current password cannot lock the holder out of their own session).
pub async fn password_matches(db: &Db, user_id: Uuid, password: &str) -> Result<bool> {
    let sql = "SELECT password_hash FROM users WHERE id = $1";
    let hash: Option<String> = crate::on_db!(db.write(), p => sqlx::query_scalar(sql)
        .bind(user_id).fetch_optional(p).await)?;
    match hash {
        Some(h) => Ok(verify_password(&h, password).await),
        None => Ok(false),
    }
}
