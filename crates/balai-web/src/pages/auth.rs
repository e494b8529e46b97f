//! Signing in and out (`/masuk`, `/keluar`), with the second factor in [`totp`], citizen
//! registration in [`register`] and the account pages (`/akun`) in [`account`].
//!
//! The password step never says whether the e-mail or the password was wrong; repeated
//! failures lock the account (core `LockoutPolicy`, counted by the store) and both the
//! address and the e-mail are rate limited. A successful password starts a session that, for
//! staff, is good for nothing but the second factor until a TOTP code is given.

mod account;
mod register;
pub(crate) mod totp;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::http::header::{SET_COOKIE, USER_AGENT};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Router, http::StatusCode};
use balai_core::FieldErrors;
use balai_core::identity::{Actor, LockoutPolicy, Role};
use balai_store::audit::AuditCtx;
use balai_store::identity::{self as store, LoginOutcome, NewSession, UserRow};
use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde::Deserialize;

use crate::auth::{RequestCtx, hash_token, random_token, session_cookie};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::i18n::{I18n, arg};
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/masuk", get(login_page).post(login))
        .route("/keluar", post(logout))
        .merge(totp::routes())
        .merge(register::routes())
        .merge(account::routes())
}

/// Attempts per minute from one address: generous, because every officer of the mall may sit
/// behind the same office router at eight in the morning.
const LOGIN_PER_IP: usize = 30;
/// Attempts per minute on one e-mail address, from anywhere.
const LOGIN_PER_EMAIL: usize = 10;

/// Translated messages of a form: one for the whole form, one per field, and the summary
/// that links to each field (docs/design.md).
#[derive(Debug, Clone, Default)]
pub(crate) struct Msgs {
    pub message: String,
    pub summary: Vec<(String, String)>,
}

impl Msgs {
    /// Translates `errors` (and the form-wide message key, if any) for `page`.
    pub fn new(page: &PageCtx, errors: &FieldErrors, message: Option<String>) -> Msgs {
        let mut summary: Vec<(String, String)> = Vec::new();
        for (field, key) in &errors.0 {
            if !summary.iter().any(|(f, _)| f == field) {
                summary.push((field.clone(), page.t(key)));
            }
        }
        Msgs {
            message: message.unwrap_or_default(),
            summary,
        }
    }

    /// The message for `field`, or "" (the form macros print it when non-empty).
    pub fn get(&self, field: &str) -> &str {
        self.summary
            .iter()
            .find(|(f, _)| f == field)
            .map_or("", |(_, m)| m.as_str())
    }
}

/// `lanjut` when it is a path on this site ("/…" but not "//…" or "/\…", which browsers
/// read as another host), so a link cannot send someone elsewhere after signing in.
pub(crate) fn safe_target(lanjut: &str) -> Option<String> {
    let t = lanjut.trim();
    let ok = t.starts_with('/')
        && !t.starts_with("//")
        && !t.contains('\\')
        && t.len() <= 512
        && !t.chars().any(char::is_control);
    ok.then(|| t.to_string())
}

/// `base` with `?lanjut=` carrying a safe target along.
pub(crate) fn with_lanjut(base: &str, lanjut: Option<&str>) -> String {
    match lanjut.and_then(safe_target) {
        Some(t) => format!("{base}?lanjut={}", crate::error::urlencode(&t)),
        None => base.to_string(),
    }
}

/// Where a signed-in user goes once fully signed in.
pub(crate) fn landing(
    role: Option<Role>,
    must_change_password: bool,
    lanjut: Option<&str>,
) -> String {
    if must_change_password {
        return "/akun/sandi".into();
    }
    let default = if role.is_some_and(Role::is_staff) {
        "/konsol"
    } else {
        "/akun"
    };
    lanjut
        .and_then(safe_target)
        .unwrap_or_else(|| default.into())
}

/// The audit actor for a user row.
pub(crate) fn actor_for(u: &UserRow) -> Actor {
    match u.role() {
        Some(role) => Actor::user(u.id, &u.display_name, role, u.organisation_id),
        None => Actor {
            user_id: Some(u.id),
            name: u.display_name.clone(),
            ..Actor::anonymous()
        },
    }
}

/// The lockout rule: core's default unless the region set `lockout_max_failures` and
/// `lockout_minutes` in its settings.
fn lockout_policy(st: &AppState) -> LockoutPolicy {
    let d = LockoutPolicy::default();
    LockoutPolicy {
        max_failures: st
            .settings
            .get("lockout_max_failures")
            .parse()
            .unwrap_or(d.max_failures),
        lock_minutes: st
            .settings
            .get("lockout_minutes")
            .parse()
            .unwrap_or(d.lock_minutes),
    }
}

/// `14.05 WIB`: an instant in the office's time zone (region setting `utc_offset_hours`,
/// WIB by default).
pub(crate) fn local_time(st: &AppState, at: DateTime<Utc>) -> String {
    let (hours, zone) = match st.settings.get("utc_offset_hours").trim() {
        "8" => (8, "WITA"),
        "9" => (9, "WIT"),
        _ => (7, "WIB"),
    };
    match FixedOffset::east_opt(hours * 3600) {
        Some(offset) => format!("{} {zone}", at.with_timezone(&offset).format("%H.%M")),
        None => format!("{} UTC", at.format("%H.%M")),
    }
}

/// Starts a session for `user` (replacing the browser's previous one) and returns the cookie.
pub(crate) async fn start_session(
    st: &AppState,
    ctx: &RequestCtx,
    user: &UserRow,
    mfa_passed: bool,
    user_agent: Option<&str>,
) -> Result<axum::http::HeaderValue, AppError> {
    let token = random_token();
    let token_hash = hash_token(&token);
    let audit = AuditCtx::new(
        actor_for(user),
        Some(ctx.request_id.clone()),
        st.clock.now(),
    );
    let mut tx = st.db.begin().await?;
    if let Some(old) = &ctx.session_hash {
        store::delete_session(&mut tx, &audit, old).await?;
    }
    let new = NewSession {
        token_hash: &token_hash,
        user_id: user.id,
        csrf_token: &ctx.csrf,
        mfa_passed,
        expires_at: audit.at + Duration::hours(st.config.session_hours),
        ip: ctx.ip.as_deref(),
        user_agent,
    };
    store::create_session(&mut tx, &audit, &new).await?;
    tx.commit().await?;
    Ok(session_cookie(st, Some(&token)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct LanjutQuery {
    pub lanjut: String,
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    page: PageCtx,
    email: String,
    lanjut: String,
    msgs: Msgs,
}

async fn login_page(
    page: PageCtx,
    Query(q): Query<LanjutQuery>,
) -> Result<impl IntoResponse, AppError> {
    let lanjut = safe_target(&q.lanjut).unwrap_or_default();
    let t = LoginPage {
        page,
        email: String::new(),
        lanjut,
        msgs: Msgs::default(),
    };
    Ok(Html(t.render()?))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LoginForm {
    email: String,
    password: String,
    lanjut: String,
}

/// The login form again with `status`, the e-mail kept and a message.
fn login_again(
    page: PageCtx,
    f: &LoginForm,
    status: StatusCode,
    errors: &FieldErrors,
    message: Option<String>,
) -> Result<Response, AppError> {
    let msgs = Msgs::new(&page, errors, message);
    let t = LoginPage {
        page,
        email: balai_core::text::truncate_chars(f.email.trim(), 254).to_string(),
        lanjut: safe_target(&f.lanjut).unwrap_or_default(),
        msgs,
    };
    Ok((status, Html(t.render()?)).into_response())
}

async fn login(
    page: PageCtx,
    ctx: RequestCtx,
    State(st): State<AppState>,
    headers: HeaderMap,
    PageForm(f): PageForm<LoginForm>,
) -> Result<Response, AppError> {
    let now = st.clock.now();
    let email = f.email.trim().to_lowercase();
    let ip = ctx.ip.clone().unwrap_or_else(|| "-".into());
    let by_ip = st.limiter.allow(
        &format!("login-ip:{ip}"),
        LOGIN_PER_IP,
        Duration::minutes(1),
        now,
    );
    let by_email = st.limiter.allow(
        &format!("login-email:{email}"),
        LOGIN_PER_EMAIL,
        Duration::minutes(1),
        now,
    );
    if !by_ip || !by_email {
        let msg = page.t("auth-rate-limited");
        return login_again(
            page,
            &f,
            StatusCode::TOO_MANY_REQUESTS,
            &FieldErrors::new(),
            Some(msg),
        );
    }
    let mut errors = FieldErrors::new();
    if email.is_empty() {
        errors.add("email", "err-required");
    }
    if f.password.is_empty() {
        errors.add("password", "err-required");
    }
    if !errors.is_empty() {
        return login_again(page, &f, StatusCode::UNPROCESSABLE_ENTITY, &errors, None);
    }
    let password = balai_core::text::truncate_chars(&f.password, 256);
    let outcome = store::check_login(
        &st.db,
        &email,
        password,
        &lockout_policy(&st),
        Some(ctx.request_id.clone()),
        now,
    )
    .await?;
    let user = match outcome {
        LoginOutcome::Success(u) => u,
        LoginOutcome::Invalid => {
            let msg = page.t("auth-invalid");
            return login_again(
                page,
                &f,
                StatusCode::UNPROCESSABLE_ENTITY,
                &errors,
                Some(msg),
            );
        }
        LoginOutcome::Locked { until } => {
            let msg = I18n::global().t_args(
                page.lang,
                "auth-locked",
                Some(&arg("until", local_time(&st, until))),
            );
            return login_again(
                page,
                &f,
                StatusCode::UNPROCESSABLE_ENTITY,
                &errors,
                Some(msg),
            );
        }
        LoginOutcome::Disabled => {
            let msg = page.t("auth-disabled");
            return login_again(
                page,
                &f,
                StatusCode::UNPROCESSABLE_ENTITY,
                &errors,
                Some(msg),
            );
        }
    };
    let ua = headers.get(USER_AGENT).and_then(|v| v.to_str().ok());
    let cookie = start_session(&st, &ctx, &user, false, ua).await?;
    let role = user.role();
    let target = if role.is_some_and(Role::is_staff) {
        let step = if user.totp_enabled {
            "/masuk/totp"
        } else {
            "/masuk/totp/daftar"
        };
        with_lanjut(step, Some(&f.lanjut))
    } else {
        landing(role, user.must_change_password, Some(&f.lanjut))
    };
    Ok(([(SET_COOKIE, cookie)], Redirect::to(&target)).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct Empty {}

async fn logout(
    ctx: RequestCtx,
    State(st): State<AppState>,
    PageForm(_): PageForm<Empty>,
) -> Result<Response, AppError> {
    if let (Some(hash), Some(u)) = (&ctx.session_hash, &ctx.user) {
        let actor = match u.role() {
            Some(role) => Actor::user(u.user_id, &u.display_name, role, u.organisation_id),
            None => Actor::anonymous(),
        };
        let audit = AuditCtx::new(actor, Some(ctx.request_id.clone()), st.clock.now());
        let mut tx = st.db.begin().await?;
        store::delete_session(&mut tx, &audit, hash).await?;
        tx.commit().await?;
    }
    Ok(([(SET_COOKIE, session_cookie(&st, None))], Redirect::to("/")).into_response())
}

#[cfg(test)]
#[allow(non_snake_case, clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(
            safe_target("/konsol/pengguna?x=1").as_deref(),
            Some("/konsol/pengguna?x=1")
        );
        assert_eq!(safe_target("//evil.example/"), None);
        assert_eq!(safe_target("/\\evil.example/"), None);
        assert_eq!(safe_target("https://evil.example/"), None);
        assert_eq!(safe_target("konsol"), None);
        assert_eq!(safe_target(""), None);
    }

    #[test]
    fn staff_land_in_the_console_citizens_on_their_account() {
        assert_eq!(landing(Some(Role::Petugas), false, None), "/konsol");
        assert_eq!(landing(Some(Role::Warga), false, None), "/akun");
        assert_eq!(
            landing(Some(Role::AdminMpp), true, Some("/konsol/x")),
            "/akun/sandi"
        );
        assert_eq!(landing(Some(Role::Warga), false, Some("//x")), "/akun");
    }
}
