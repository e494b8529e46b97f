//! Accounts in the staff console (`/konsol/pengguna`, permission `UsersManage`) and API
//! tokens (`/konsol/token`, `TokensManage`, in [`tokens`]). The mall's organiser manages every
//! organisation's staff (Batang Pasal 5(5)); a manager bound to one organisation only its own.
//!
//! Also the gate that sends anyone whose password was set by someone else to `/akun/sandi`
//! before they do anything else in the console ([`password_change_gate`]).

mod detail;
mod form;
mod tokens;

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, Request, State};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use balai_core::identity::{Permission, Role};
use balai_store::audit::AuditCtx;
use balai_store::identity::{self as store, OrganisationChoice, UserFilter, UserListItem};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::{RequestCtx, SignedIn, Staff};
use crate::error::AppError;
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/pengguna", get(list))
        .merge(form::routes())
        .merge(detail::routes())
        .merge(tokens::routes())
}

/// Sends a signed-in user who must choose a new password to `/akun/sandi`; the console router
/// applies it to every `/konsol` route.
pub async fn password_change_gate(req: Request, next: Next) -> Response {
    let must_change = req
        .extensions()
        .get::<RequestCtx>()
        .and_then(|c| c.user.as_ref())
        .is_some_and(|u| u.must_change_password);
    if must_change {
        return Redirect::to("/akun/sandi").into_response();
    }
    next.run(req).await
}

/// Who may manage an account of organisation `org` (`None`: an account of no organisation —
/// a mall-wide role or a citizen — which only mall-wide managers may touch).
pub(crate) fn require_scope(
    s: &SignedIn,
    p: Permission,
    org: Option<Uuid>,
) -> Result<(), AppError> {
    s.require(p)?;
    match org {
        Some(o) => Ok(s.actor.require_org(p, o)?),
        None if s.role.is_mall_wide() => Ok(()),
        None => Err(AppError::Forbidden),
    }
}

/// The organisations a manager may pick: all for mall-wide roles, else only their own.
pub(crate) async fn allowed_orgs(
    st: &AppState,
    s: &SignedIn,
) -> Result<Vec<OrganisationChoice>, AppError> {
    let all = store::organisation_choices(&st.db).await?;
    Ok(all
        .into_iter()
        .filter(|o| s.role.is_mall_wide() || s.actor.organisation_id == Some(o.id))
        .collect())
}

pub(crate) fn audit_ctx(st: &AppState, s: &SignedIn) -> AuditCtx {
    AuditCtx::new(
        s.actor.clone(),
        Some(s.ctx.request_id.clone()),
        st.clock.now(),
    )
}

/// An id from a URL; malformed ids are 404, not 400 or 500.
pub(crate) fn id_from_path(raw: Result<Path<String>, PathRejection>) -> Result<Uuid, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

/// The label of a role code in the page's language (unknown codes shown as they are).
pub(crate) fn role_label(page: &PageCtx, code: &str) -> String {
    let key = format!("role-{}", code.replace('_', "-"));
    let label = page.t(&key);
    if label == key {
        code.to_string()
    } else {
        label
    }
}

/// The roles an administrator can give a staff account, with their labels.
pub(crate) fn staff_roles(page: &PageCtx) -> Vec<(String, String)> {
    Role::all()
        .iter()
        .filter(|r| r.is_staff())
        .map(|r| (r.as_str().to_string(), role_label(page, r.as_str())))
        .collect()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    organisasi: String,
    peran: String,
    q: String,
}

/// One row of the list, ready to show.
struct Line {
    item: UserListItem,
    role: String,
}

#[derive(Template)]
#[template(path = "console/users/list.html")]
struct ListPage {
    page: PageCtx,
    rows: Vec<Line>,
    orgs: Vec<OrganisationChoice>,
    roles: Vec<(String, String)>,
    organisasi: String,
    peran: String,
    q: String,
}

async fn list(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<impl IntoResponse, AppError> {
    s.require(Permission::UsersManage)?;
    let orgs = allowed_orgs(&st, &s).await?;
    // Unknown filter values are ignored rather than refused: the list is never an error.
    let mut organisation_id = Uuid::parse_str(q.organisasi.trim()).ok();
    if !s.role.is_mall_wide() {
        organisation_id = Some(s.actor.organisation_id.unwrap_or(Uuid::nil()));
    }
    let role = Role::parse(&q.peran).ok();
    let filter = UserFilter {
        organisation_id,
        role,
        query: Some(q.q.clone()),
    };
    let rows = store::list_users(&st.db, &filter)
        .await?
        .into_iter()
        .map(|item| Line {
            role: role_label(&page, &item.role),
            item,
        })
        .collect();
    let mut roles: Vec<(String, String)> = vec![("warga".into(), role_label(&page, "warga"))];
    roles.extend(staff_roles(&page));
    let view = ListPage {
        rows,
        orgs,
        roles,
        organisasi: organisation_id.map(|o| o.to_string()).unwrap_or_default(),
        peran: role.map(|r| r.as_str().to_string()).unwrap_or_default(),
        q: balai_core::text::truncate_chars(q.q.trim(), 100).to_string(),
        page,
    };
    Ok(Html(view.render()?))
}
