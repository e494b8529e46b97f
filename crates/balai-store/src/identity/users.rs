//! Accounts: creating, finding, listing, password changes and resets, disabling. Every change
//! is audited with the account's snapshot ([`UserSnapshot`]), which carries digests instead of
//! the password hash and TOTP secret.

use balai_core::identity::Role;
use balai_core::ids::{Email, Nik, Phone};
use chrono::{DateTime, Utc};
use serde::Serialize;
use uuid::Uuid;

use super::digest;
use crate::audit::{self, AuditCtx, Change, Snapshot};
use crate::{Db, Result, StoreError, Tx};

/// An account as pages and the command line show it (no secrets).
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct UserRow {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub organisation_id: Option<Uuid>,
    pub officer_id: Option<Uuid>,
    pub nik: Option<String>,
    pub phone: Option<String>,
    pub totp_enabled: bool,
    pub disabled: bool,
    pub failed_logins: i32,
    pub locked_until: Option<DateTime<Utc>>,
    pub must_change_password: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl UserRow {
    /// The role, or `None` for text that is not a known role.
    pub fn role(&self) -> Option<Role> {
        Role::parse(&self.role).ok()
    }
}

/// The SELECT behind [`UserRow`].
macro_rules! user_sql {
    () => {
        "SELECT id, email, display_name, role, organisation_id, officer_id, nik, phone, \
         totp_enabled, disabled, failed_logins, locked_until, must_change_password, created_at, \
         updated_at FROM users"
    };
}

/// A new account, its fields already parsed.
#[derive(Debug, Clone)]
pub struct NewUser {
    pub email: Email,
    pub display_name: String,
    pub role: Role,
    pub organisation_id: Option<Uuid>,
    pub officer_id: Option<Uuid>,
    pub nik: Option<Nik>,
    pub phone: Option<Phone>,
    /// Set for accounts whose first password someone else chose (an administrator).
    pub must_change_password: bool,
}

/// The audited state of an account: everything but the lockout counters (they change on
/// every failed attempt and are audited as events), with secrets replaced by digests and the
/// NIK masked (the trail is read by auditors, who need not see it whole).
#[derive(Debug, Clone, Serialize)]
pub struct UserSnapshot {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub organisation_id: Option<Uuid>,
    pub officer_id: Option<Uuid>,
    pub nik_masked: Option<String>,
    pub nik_digest: Option<String>,
    pub phone: Option<String>,
    pub password_digest: String,
    pub totp_secret_digest: Option<String>,
    pub totp_enabled: bool,
    pub disabled: bool,
    pub must_change_password: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct SecretRow {
    id: Uuid,
    email: String,
    display_name: String,
    role: String,
    organisation_id: Option<Uuid>,
    officer_id: Option<Uuid>,
    nik: Option<String>,
    phone: Option<String>,
    password_hash: String,
    totp_secret: Option<String>,
    totp_enabled: bool,
    disabled: bool,
    must_change_password: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// The one SELECT behind every user snapshot (audit `after` and `audit verify` alike).
macro_rules! snapshot_sql {
    () => {
        "SELECT id, email, display_name, role, organisation_id, officer_id, nik, phone, \
         password_hash, totp_secret, totp_enabled, disabled, must_change_password, created_at, \
         updated_at FROM users"
    };
}

/// `3207********0002`: the first and last four characters, the rest hidden.
fn mask(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let hidden = "*".repeat(chars.len() - 8);
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{hidden}{tail}")
}

impl From<SecretRow> for UserSnapshot {
    fn from(r: SecretRow) -> Self {
        UserSnapshot {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            role: r.role,
            organisation_id: r.organisation_id,
            officer_id: r.officer_id,
            nik_masked: r.nik.as_deref().map(mask),
            nik_digest: r.nik.as_deref().map(digest),
            phone: r.phone,
            password_digest: digest(&r.password_hash),
            totp_secret_digest: r.totp_secret.as_deref().map(digest),
            totp_enabled: r.totp_enabled,
            disabled: r.disabled,
            must_change_password: r.must_change_password,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

/// The account's snapshot as seen inside `tx`.
pub(crate) async fn snapshot_tx(tx: &mut Tx, id: Uuid) -> Result<UserSnapshot> {
    const SQL: &str = concat!(snapshot_sql!(), " WHERE id = $1");
    let row = crate::on_tx!(tx, c => sqlx::query_as::<_, SecretRow>(SQL)
        .bind(id).fetch_optional(c).await)?;
    row.map(UserSnapshot::from)
        .ok_or_else(|| StoreError::NotFound(format!("user {id}")))
}

/// Runs after an update statement: records `action` with the states before and after.
pub(crate) async fn record_update(
    tx: &mut Tx,
    ctx: &AuditCtx,
    action: &str,
    before: &UserSnapshot,
) -> Result<()> {
    let after = snapshot_tx(tx, before.id).await?;
    let change = Change::new(action, "user", before.id)
        .before(before)?
        .after(&after)?;
    audit::record(tx, ctx, change).await
}

/// Creates an account; a taken e-mail address gives [`StoreError::Duplicate`].
pub async fn create_user(
    tx: &mut Tx,
    ctx: &AuditCtx,
    new: &NewUser,
    password_hash: &str,
) -> Result<Uuid> {
    let id = balai_core::ids::new_id();
    let sql = "INSERT INTO users (id, email, display_name, password_hash, role, organisation_id, \
        officer_id, nik, phone, totp_enabled, disabled, failed_logins, must_change_password, \
        created_at, updated_at) \
        VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,FALSE,FALSE,0,$10,$11,$11)";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(id).bind(new.email.as_str()).bind(new.display_name.trim()).bind(password_hash)
        .bind(new.role.as_str()).bind(new.organisation_id).bind(new.officer_id)
        .bind(new.nik.as_ref().map(|n| n.as_str().to_owned()))
        .bind(new.phone.as_ref().map(|p| p.as_str().to_owned()))
        .bind(new.must_change_password).bind(ctx.at)
        .execute(c).await.map(|_| ()))?;
    let after = snapshot_tx(tx, id).await?;
    audit::record(tx, ctx, Change::new("create", "user", id).after(&after)?).await?;
    Ok(id)
}

/// The account with this e-mail address (compared lower-cased, as stored).
pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<UserRow>> {
    const SQL: &str = concat!(user_sql!(), " WHERE email = $1");
    let wanted = email.trim().to_lowercase();
    let row = crate::on_db!(db.write(), p => sqlx::query_as::<_, UserRow>(SQL)
        .bind(wanted).fetch_optional(p).await)?;
    Ok(row)
}

/// The account with this id.
pub async fn get_user(db: &Db, id: Uuid) -> Result<Option<UserRow>> {
    const SQL: &str = concat!(user_sql!(), " WHERE id = $1");
    let row = crate::on_db!(db.write(), p => sqlx::query_as::<_, UserRow>(SQL)
        .bind(id).fetch_optional(p).await)?;
    Ok(row)
}

/// Filters of the console's user list.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    pub organisation_id: Option<Uuid>,
    pub role: Option<Role>,
    /// Part of the name or e-mail address, any case.
    pub query: Option<String>,
}

/// One line of the user list.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct UserListItem {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub organisation_id: Option<Uuid>,
    pub organisation_code: Option<String>,
    pub organisation_name: Option<String>,
    pub totp_enabled: bool,
    pub disabled: bool,
    pub must_change_password: bool,
    pub locked_until: Option<DateTime<Utc>>,
}

/// Accounts matching `f`, by name (at most 1,000: the console pages by organisation and role).
pub async fn list_users(db: &Db, f: &UserFilter) -> Result<Vec<UserListItem>> {
    let sql = "SELECT u.id, u.email, u.display_name, u.role, u.organisation_id, \
        o.code AS organisation_code, o.name AS organisation_name, u.totp_enabled, u.disabled, \
        u.must_change_password, u.locked_until \
        FROM users u LEFT JOIN organisations o ON o.id = u.organisation_id \
        WHERE ($1 IS NULL OR u.organisation_id = $1) AND ($2 IS NULL OR u.role = $2) \
        AND ($3 IS NULL OR LOWER(u.email) LIKE $3 OR LOWER(u.display_name) LIKE $3) \
        ORDER BY u.display_name, u.email LIMIT 1000";
    let query = f
        .query
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(|q| format!("%{}%", q.to_lowercase().replace(['%', '_'], "")));
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, UserListItem>(sql)
        .bind(f.organisation_id).bind(f.role.map(|r| r.as_str())).bind(query)
        .fetch_all(p).await)?;
    Ok(rows)
}

/// Sets a new password hash. `must_change` marks a reset by someone else (the holder must
/// choose their own at the next sign-in); without it this is the holder's own change. Either
/// way the lockout is lifted. Ending sessions is the caller's choice (the holder keeps the
/// session they changed it in).
pub async fn set_password(
    tx: &mut Tx,
    ctx: &AuditCtx,
    user_id: Uuid,
    password_hash: &str,
    must_change: bool,
) -> Result<()> {
    let before = snapshot_tx(tx, user_id).await?;
    let sql = "UPDATE users SET password_hash = $2, must_change_password = $3, failed_logins = 0, \
        locked_until = NULL, updated_at = $4 WHERE id = $1";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(user_id).bind(password_hash).bind(must_change).bind(ctx.at)
        .execute(c).await.map(|_| ()))?;
    let action = if must_change {
        "reset_password"
    } else {
        "change_password"
    };
    record_update(tx, ctx, action, &before).await
}

/// Disables or enables an account. Disabling also ends every session of the account.
pub async fn set_disabled(
    tx: &mut Tx,
    ctx: &AuditCtx,
    user_id: Uuid,
    disabled: bool,
) -> Result<()> {
    let before = snapshot_tx(tx, user_id).await?;
    let sql = "UPDATE users SET disabled = $2, failed_logins = 0, locked_until = NULL, \
        updated_at = $3 WHERE id = $1";
    crate::on_tx!(tx, c => sqlx::query(sql)
        .bind(user_id).bind(disabled).bind(ctx.at).execute(c).await.map(|_| ()))?;
    if disabled {
        super::sessions::delete_user_sessions(tx, user_id, None).await?;
    }
    record_update(
        tx,
        ctx,
        if disabled { "disable" } else { "enable" },
        &before,
    )
    .await
}

/// An organisation to choose in a form.
#[derive(Debug, Clone, sqlx::FromRow, Serialize)]
pub struct OrganisationChoice {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// Every organisation, by name, for the select lists of the user and token forms.
pub async fn organisation_choices(db: &Db) -> Result<Vec<OrganisationChoice>> {
    let sql = "SELECT id, code, name FROM organisations ORDER BY name";
    let rows = crate::on_db!(db.read(), p => sqlx::query_as::<_, OrganisationChoice>(sql)
        .fetch_all(p).await)?;
    Ok(rows)
}

/// The id of the organisation with `code` (exact), seen inside `tx` so a loader can use
/// organisations created earlier in the same transaction.
pub async fn organisation_id_by_code(tx: &mut Tx, code: &str) -> Result<Option<Uuid>> {
    let sql = "SELECT id FROM organisations WHERE code = $1";
    let id = crate::on_tx!(tx, c => sqlx::query_scalar::<_, Uuid>(sql)
        .bind(code.trim()).fetch_optional(c).await)?;
    Ok(id)
}

/// The name of organisation `id` (for the account page).
pub async fn organisation_name(db: &Db, id: Uuid) -> Result<Option<String>> {
    let sql = "SELECT name FROM organisations WHERE id = $1";
    let name = crate::on_db!(db.read(), p => sqlx::query_scalar::<_, String>(sql)
        .bind(id).fetch_optional(p).await)?;
    Ok(name)
}

/// Snapshots of every account, for `audit verify`.
pub async fn snapshots(db: &Db) -> Result<Vec<Snapshot>> {
    let rows = crate::on_db!(db.write(), p => sqlx::query_as::<_, SecretRow>(snapshot_sql!())
        .fetch_all(p).await)?;
    rows.into_iter()
        .map(|r| {
            let id = r.id.to_string();
            Ok(Snapshot {
                subject_type: "user",
                subject_id: id,
                state: serde_json::to_value(UserSnapshot::from(r))?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn nik_is_masked_but_for_its_ends() {
        assert_eq!(mask("3207123456780002"), "3207********0002");
        assert_eq!(mask("1234"), "****");
    }
}
