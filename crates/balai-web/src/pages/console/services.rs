//! `/konsol/layanan` and `/konsol/konsultasi`: services and their standards in the staff console.
//!
//! Who may do what (core permissions, organisation-scoped unless the role is mall-wide):
//! creating and editing services needs `CatalogManage`; drafting a standard, opening it for
//! comment and recording the forum need `StandardDraft`; adopting needs `StandardAdopt`;
//! moderating comments needs `CommentModerate`. The list shows the services the user may act on.

mod editor;
mod forum;
mod list;
mod moderation;
mod rows;
mod service_page;
mod standard_form;
mod versions;
pub(crate) mod view;

use axum::Router;
use axum::routing::{get, post};
use balai_core::identity::{Actor, Permission};
use balai_store::audit::AuditCtx;
use balai_store::services::{self, ServiceRow};
use balai_store::standards::{self, StandardError, VersionRow};
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/layanan", get(list::index))
        .route(
            "/konsol/layanan/baru",
            get(list::new_form).post(list::create),
        )
        .route("/konsol/layanan/{kode}", get(service_page::service_page))
        .route(
            "/konsol/layanan/{kode}/ubah",
            get(list::edit_form).post(list::update),
        )
        .route(
            "/konsol/layanan/{kode}/versi",
            post(service_page::new_version),
        )
        .route(
            "/konsol/layanan/{kode}/versi/{no}",
            get(versions::version_page),
        )
        .route(
            "/konsol/layanan/{kode}/versi/{no}/ubah",
            get(editor::edit_form).post(editor::save),
        )
        .route(
            "/konsol/layanan/{kode}/versi/{no}/pratinjau",
            get(service_page::preview),
        )
        .route(
            "/konsol/layanan/{kode}/versi/{no}/konsultasi",
            post(versions::open_consultation),
        )
        .route(
            "/konsol/layanan/{kode}/versi/{no}/rancangan",
            post(versions::back_to_draft),
        )
        .route(
            "/konsol/layanan/{kode}/versi/{no}/tetapkan",
            post(versions::adopt),
        )
        .route(
            "/konsol/layanan/{kode}/versi/{no}/forum",
            get(forum::form).post(forum::save),
        )
        .route("/konsol/konsultasi", get(moderation::index))
        .route("/konsol/konsultasi/{id}", post(moderation::moderate))
}

/// The permissions that open the services console.
const CONSOLE_PERMISSIONS: [Permission; 3] = [
    Permission::CatalogManage,
    Permission::StandardDraft,
    Permission::StandardAdopt,
];

/// Refuses users who hold none of the services console's permissions.
fn require_console(s: &SignedIn) -> Result<(), AppError> {
    if CONSOLE_PERMISSIONS.iter().any(|p| s.actor.has(*p)) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The organisation a user's lists are limited to: `None` for mall-wide roles; staff without
/// an organisation see nothing (the nil id matches no row).
fn org_scope(actor: &Actor) -> Option<Uuid> {
    match actor.role {
        Some(r) if r.is_mall_wide() => None,
        _ => Some(actor.organisation_id.unwrap_or(Uuid::nil())),
    }
}

/// The service `code` if the user may act on it with one of the console's permissions
/// (403 for another organisation's service, 404 for an unknown or malformed code).
async fn load_service(st: &AppState, s: &SignedIn, code: &str) -> Result<ServiceRow, AppError> {
    require_console(s)?;
    let svc = services::get_by_code(&st.db, code)
        .await?
        .ok_or(AppError::NotFound)?;
    if !s.actor.can_touch_org(svc.organisation_id) {
        return Err(AppError::Forbidden);
    }
    Ok(svc)
}

/// Version `no` of the service (404 when malformed or missing).
async fn load_version(st: &AppState, svc: &ServiceRow, no: &str) -> Result<VersionRow, AppError> {
    let no: i32 = no.trim().parse().map_err(|_| AppError::NotFound)?;
    standards::get_by_number(&st.db, svc.id, no)
        .await?
        .ok_or(AppError::NotFound)
}

/// Who is acting, for the audit record of this request.
fn audit_ctx(s: &SignedIn, st: &AppState) -> AuditCtx {
    AuditCtx::new(
        s.actor.clone(),
        Some(s.ctx.request_id.clone()),
        st.clock.now(),
    )
}

/// Standard errors that pages do not handle themselves.
fn standard_error(e: StandardError) -> AppError {
    match e {
        StandardError::Store(e) => e.into(),
        StandardError::Invalid(f) => AppError::Invalid(f),
        other => AppError::Conflict(other.to_string()),
    }
}
