//! `/akun`: the signed-in person's profile, and `/akun/sandi` to change the password (the
//! current one required; every other session of the account ends, so a password someone
//! else learned stops working everywhere at once).

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_core::FieldErrors;
use balai_core::identity::check_password_strength;
use balai_store::audit::AuditCtx;
use balai_store::identity as store;
use chrono::Duration;
use serde::Deserialize;

use super::Msgs;
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::forms::PageForm;
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/akun", get(profile))
        .route("/akun/sandi", get(password_page).post(password_submit))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ProfileQuery {
    sandi: String,
    baru: String,
}

#[derive(Template)]
#[template(path = "auth/account.html")]
struct ProfilePage {
    page: PageCtx,
    name: String,
    email: String,
    role: String,
    organisation: String,
    nik: String,
    phone: String,
    is_staff: bool,
    totp_enabled: bool,
    password_changed: bool,
    welcome: bool,
    /// Inbox messages not opened yet.
    unread: i64,
}

async fn profile(
    page: PageCtx,
    s: SignedIn,
    State(st): State<AppState>,
    Query(q): Query<ProfileQuery>,
) -> Result<impl IntoResponse, AppError> {
    let u = store::get_user(&st.db, s.user.user_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let organisation = match u.organisation_id {
        Some(id) => store::organisation_name(&st.db, id)
            .await?
            .unwrap_or_default(),
        None => String::new(),
    };
    // The NIK is the holder's own: shown masked all the same, since screens are overlooked.
    let nik = u
        .nik
        .as_deref()
        .and_then(|n| balai_core::ids::Nik::parse(n).ok())
        .map(|n| n.masked())
        .unwrap_or_default();
    let view = ProfilePage {
        name: u.display_name.clone(),
        email: u.email.clone(),
        role: page.t(&format!("role-{}", u.role.replace('_', "-"))),
        organisation,
        nik,
        phone: u.phone.clone().unwrap_or_default(),
        is_staff: s.role.is_staff(),
        totp_enabled: u.totp_enabled,
        password_changed: !q.sandi.is_empty(),
        welcome: !q.baru.is_empty(),
        unread: balai_store::notifications::unread_count(&st.db, s.user.user_id).await?,
        page,
    };
    Ok(Html(view.render()?))
}

#[derive(Template)]
#[template(path = "auth/password.html")]
struct PasswordPage {
    page: PageCtx,
    must_change: bool,
    msgs: Msgs,
}

async fn password_page(page: PageCtx, s: SignedIn) -> Result<impl IntoResponse, AppError> {
    let view = PasswordPage {
        page,
        must_change: s.user.must_change_password,
        msgs: Msgs::default(),
    };
    Ok(Html(view.render()?))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PasswordForm {
    current: String,
    password: String,
    password2: String,
}

/// Checks of the new password that need no database.
fn check_new(f: &PasswordForm) -> FieldErrors {
    let mut errs = FieldErrors::new();
    if f.current.is_empty() {
        errs.add("current", "err-required");
    }
    if errs
        .take("password", check_password_strength(&f.password))
        .is_some()
    {
        if f.password != f.password2 {
            errs.add("password2", "err-password-mismatch");
        } else if f.password == f.current {
            errs.add("password", "auth-err-password-same");
        }
    }
    errs
}

async fn password_submit(
    page: PageCtx,
    s: SignedIn,
    State(st): State<AppState>,
    PageForm(f): PageForm<PasswordForm>,
) -> Result<Response, AppError> {
    let now = st.clock.now();
    let must_change = s.user.must_change_password;
    let again = |page: PageCtx,
                 status: StatusCode,
                 errs: &FieldErrors,
                 msg: Option<String>|
     -> Result<Response, AppError> {
        let msgs = Msgs::new(&page, errs, msg);
        Ok((
            status,
            Html(
                PasswordPage {
                    page,
                    must_change,
                    msgs,
                }
                .render()?,
            ),
        )
            .into_response())
    };
    if !st.limiter.allow(
        &format!("password:{}", s.user.user_id),
        10,
        Duration::minutes(15),
        now,
    ) {
        let msg = page.t("auth-rate-limited");
        return again(
            page,
            StatusCode::TOO_MANY_REQUESTS,
            &FieldErrors::new(),
            Some(msg),
        );
    }
    let mut errs = check_new(&f);
    if !f.current.is_empty() && !store::password_matches(&st.db, s.user.user_id, &f.current).await?
    {
        errs.add("current", "auth-err-current-wrong");
    }
    if !errs.is_empty() {
        return again(page, StatusCode::UNPROCESSABLE_ENTITY, &errs, None);
    }
    let hash = store::hash_password(&f.password).await?;
    let audit = AuditCtx::new(s.actor.clone(), Some(s.ctx.request_id.clone()), now);
    let mut tx = st.db.begin().await?;
    store::set_password(&mut tx, &audit, s.user.user_id, &hash, false).await?;
    store::delete_user_sessions(&mut tx, s.user.user_id, s.ctx.session_hash.as_deref()).await?;
    tx.commit().await?;
    Ok(Redirect::to("/akun?sandi=diubah").into_response())
}
