//! Users, sessions and API tokens (issue 2, "Identity and access").
//!
//! The session lookup (by token hash) is here for the web layer's extractors; accounts and
//! passwords live in [`users`] and [`password`], the login with its lockout in [`login`], the
//! second factor in [`totp`], sessions in [`sessions`] and integration tokens in [`tokens`].
//!
//! Users and API tokens are audited records. Their snapshots never carry a secret: the
//! password hash, the TOTP secret and the token hash appear only as SHA-256 digests, so the
//! audit trail still proves they were not changed behind the application's back. The lockout
//! counters (`failed_logins`, `locked_until`) change on every failed attempt and are left out
//! of the snapshot; failed logins and lockouts are audit events of their own.

pub mod login;
pub mod password;
pub mod sessions;
pub mod tokens;
pub mod totp;
pub mod users;

pub use login::{LoginOutcome, check_login, password_matches};
pub use password::{generate_password, hash_password, verify_password};
pub use sessions::{
    NewSession, create_session, delete_expired_sessions, delete_session, delete_user_sessions,
    mark_mfa_passed, touch_session,
};
pub use tokens::{
    NewToken, TokenListItem, create_token, get_token, list_tokens, revoke_token, touch_token,
};
pub use totp::{
    accept_totp_step, enable_totp, last_totp_step, reset_totp, set_totp_secret, totp_secret,
    totp_secret_in_tx,
};
pub use users::{
    NewUser, OrganisationChoice, UserFilter, UserListItem, UserRow, create_user, find_by_email,
    get_user, list_users, organisation_choices, organisation_id_by_code, organisation_name,
    set_disabled, set_password,
};

use balai_core::identity::{Permission, Role};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::{Db, Result};

/// The user behind a live session.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionUser {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub organisation_id: Option<Uuid>,
    pub totp_enabled: bool,
    pub must_change_password: bool,
    pub csrf_token: String,
    pub mfa_passed: bool,
    pub expires_at: DateTime<Utc>,
}

impl SessionUser {
    /// The role, or `None` if the stored text is not a known role (then nothing is allowed).
    pub fn role(&self) -> Option<Role> {
        Role::parse(&self.role).ok()
    }
}

/// Finds the live session with this token hash (not expired, user not disabled).
pub async fn session_user(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<SessionUser>> {
    let sql = "SELECT u.id AS user_id, u.email, u.display_name, u.role, u.organisation_id, \
        u.totp_enabled, u.must_change_password, s.csrf_token, s.mfa_passed, s.expires_at \
        FROM sessions s JOIN users u ON u.id = s.user_id \
        WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.disabled = FALSE";
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, SessionUser>(sql)
        .bind(token_hash).bind(now).fetch_optional(p).await)?;
    Ok(row)
}

/// An API token looked up by its hash.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub id: Uuid,
    pub name: String,
    pub organisation_id: Option<Uuid>,
    pub permissions: String,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl TokenRow {
    /// The token's permissions; unknown names (from an older version) are ignored.
    pub fn permission_list(&self) -> Vec<Permission> {
        serde_json::from_str::<Vec<String>>(&self.permissions)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| Permission::parse(p).ok())
            .collect()
    }
}

/// Finds a live (not revoked) API token by hash.
pub async fn token_by_hash(db: &Db, token_hash: &str) -> Result<Option<TokenRow>> {
    let sql = "SELECT id, name, organisation_id, permissions, revoked_at FROM api_tokens \
               WHERE token_hash = $1 AND revoked_at IS NULL";
    let row = crate::on_db!(db.read(), p => sqlx::query_as::<_, TokenRow>(sql)
        .bind(token_hash).fetch_optional(p).await)?;
    Ok(row)
}

/// Snapshots of every user and API token, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<crate::audit::Snapshot>> {
    let mut v = users::snapshots(db).await?;
    v.extend(tokens::snapshots(db).await?);
    Ok(v)
}

/// SHA-256 hex of a secret, for audit snapshots: it proves the secret did not change without
/// revealing it.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}
