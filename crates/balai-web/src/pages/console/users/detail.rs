//! `/konsol/pengguna/{id}`: one account, with the administrator's actions — reset the
//! password (the holder must choose a new one; every session ends), remove the second factor
//! (a lost phone), disable or enable (never one's own account).

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_core::FieldErrors;
use balai_core::identity::{Permission, check_password_strength};
use balai_store::identity::{self as store, UserRow};
use serde::Deserialize;

use super::{audit_ctx, id_from_path, require_scope, role_label};
use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::page::PageCtx;
use crate::pages::auth::{Msgs, local_time};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/pengguna/{id}", get(show))
        .route("/konsol/pengguna/{id}/sandi", post(reset_password))
        .route("/konsol/pengguna/{id}/totp", post(reset_totp))
        .route("/konsol/pengguna/{id}/nonaktif", post(disable))
        .route("/konsol/pengguna/{id}/aktif", post(enable))
}

#[derive(Template)]
#[template(path = "console/users/detail.html")]
struct DetailPage {
    page: PageCtx,
    user: UserRow,
    role: String,
    organisation: String,
    locked_until: String,
    is_self: bool,
    done: String,
    msgs: Msgs,
}

/// The account named in the path, if the manager may touch it.
async fn target(
    st: &AppState,
    s: &SignedIn,
    raw: Result<Path<String>, PathRejection>,
) -> Result<UserRow, AppError> {
    s.require(Permission::UsersManage)?;
    let id = id_from_path(raw)?;
    let u = store::get_user(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    require_scope(s, Permission::UsersManage, u.organisation_id)?;
    Ok(u)
}

async fn render(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    user: UserRow,
    done: &str,
    msgs: Msgs,
    status: StatusCode,
) -> Result<Response, AppError> {
    let organisation = match user.organisation_id {
        Some(id) => store::organisation_name(&st.db, id)
            .await?
            .unwrap_or_default(),
        None => String::new(),
    };
    let now = st.clock.now();
    let locked_until = user
        .locked_until
        .filter(|t| *t > now)
        .map(|t| local_time(st, t))
        .unwrap_or_default();
    let view = DetailPage {
        role: role_label(&page, &user.role),
        organisation,
        locked_until,
        is_self: user.id == s.user.user_id,
        done: if done.is_empty() {
            String::new()
        } else {
            page.t(&format!("users-done-{done}"))
        },
        user,
        msgs,
        page,
    };
    Ok((status, Html(view.render()?)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DoneQuery {
    ok: String,
}

async fn show(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    Query(q): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let u = target(&st, &s, raw).await?;
    // Only known outcomes are echoed, so the URL cannot put words on the page.
    let done = match q.ok.as_str() {
        "dibuat" | "sandi" | "totp" | "nonaktif" | "aktif" => q.ok.as_str(),
        _ => "",
    };
    render(page, &st, &s, u, done, Msgs::default(), StatusCode::OK).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ResetForm {
    password: String,
}

async fn reset_password(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    PageForm(f): PageForm<ResetForm>,
) -> Result<Response, AppError> {
    let u = target(&st, &s, raw).await?;
    let mut errs = FieldErrors::new();
    let _ = errs.take("password", check_password_strength(&f.password));
    if !errs.is_empty() {
        let msgs = Msgs::new(&page, &errs, None);
        return render(page, &st, &s, u, "", msgs, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let hash = store::hash_password(&f.password).await?;
    let mut tx = st.db.begin().await?;
    store::set_password(&mut tx, &audit_ctx(&st, &s), u.id, &hash, true).await?;
    store::delete_user_sessions(&mut tx, u.id, None).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/konsol/pengguna/{}?ok=sandi", u.id)).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct Empty {}

async fn reset_totp(
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    PageForm(_): PageForm<Empty>,
) -> Result<Response, AppError> {
    let u = target(&st, &s, raw).await?;
    let mut tx = st.db.begin().await?;
    store::reset_totp(&mut tx, &audit_ctx(&st, &s), u.id).await?;
    store::delete_user_sessions(&mut tx, u.id, None).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/konsol/pengguna/{}?ok=totp", u.id)).into_response())
}

async fn disable(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    PageForm(_): PageForm<Empty>,
) -> Result<Response, AppError> {
    let u = target(&st, &s, raw).await?;
    if u.id == s.user.user_id {
        let msgs = Msgs::new(
            &page,
            &FieldErrors::new(),
            Some(page.t("auth-err-disable-self")),
        );
        return render(page, &st, &s, u, "", msgs, StatusCode::UNPROCESSABLE_ENTITY).await;
    }
    let mut tx = st.db.begin().await?;
    store::set_disabled(&mut tx, &audit_ctx(&st, &s), u.id, true).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/konsol/pengguna/{}?ok=nonaktif", u.id)).into_response())
}

async fn enable(
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    PageForm(_): PageForm<Empty>,
) -> Result<Response, AppError> {
    let u = target(&st, &s, raw).await?;
    let mut tx = st.db.begin().await?;
    store::set_disabled(&mut tx, &audit_ctx(&st, &s), u.id, false).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/konsol/pengguna/{}?ok=aktif", u.id)).into_response())
}
