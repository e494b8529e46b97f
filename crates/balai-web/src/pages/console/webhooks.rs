//! `/konsol/integrasi/webhook`: endpoints of integrations (OSS, an agency's own system) that
//! receive signed webhooks (`TokensManage`; endpoints serve the whole mall). The secret is
//! shown once, on the page that answers the creation; the list shows each endpoint's last
//! delivery; an endpoint's page lists its deliveries with "deliver again".

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::CACHE_CONTROL;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_core::FieldErrors;
use balai_core::identity::{Actor, Permission};
use balai_core::notify::{DeliveryStatus, WEBHOOK_EVENTS};
use balai_store::webhooks::{self as store, DeliveryRow, EndpointListItem, NewEndpoint};
use serde::Deserialize;

use super::users::{audit_ctx, id_from_path};
use crate::auth::{SignedIn, Staff, random_token};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::page::PageCtx;
use crate::pages::auth::Msgs;
use crate::pages::notify::when;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/integrasi/webhook", get(list).post(create))
        .route("/konsol/integrasi/webhook/{id}", get(detail))
        .route("/konsol/integrasi/webhook/{id}/aktif", post(toggle))
        .route(
            "/konsol/integrasi/webhook/kiriman/{id}/ulang",
            post(redeliver),
        )
}

/// Endpoints serve the whole mall: managing them takes `TokensManage` and a mall-wide role
/// (or, through the API, a token of no organisation).
pub(crate) fn require_manage(actor: &Actor, mall_wide: bool) -> Result<(), AppError> {
    actor.require(Permission::TokensManage)?;
    if mall_wide {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn require(s: &SignedIn) -> Result<(), AppError> {
    require_manage(&s.actor, s.role.is_mall_wide())
}

/// A fresh signing secret; the prefix lets secret scanners spot a leaked one.
pub(crate) fn new_secret() -> String {
    format!("whsec_{}", random_token())
}

/// Checks an endpoint as entered: the store's rules, and a URL that parses with a host.
pub(crate) fn check_endpoint(new: &NewEndpoint) -> Result<(), FieldErrors> {
    let mut errs = match new.check() {
        Ok(()) => FieldErrors::new(),
        Err(e) => e,
    };
    if errs.get("url").is_none() {
        let parsed = reqwest::Url::parse(new.url.trim());
        if !parsed.is_ok_and(|u| u.host_str().is_some_and(|h| !h.is_empty())) {
            errs.add("url", "webhooks-err-url");
        }
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

/// The label of an event in the page's language.
fn event_label(page: &PageCtx, name: &str) -> String {
    balai_core::notify::webhook_event(name)
        .map(|e| page.pick(e.label_id, e.label_en).to_string())
        .unwrap_or_else(|| name.to_string())
}

fn status_badge(page: &PageCtx, status: &str) -> (String, &'static str) {
    match DeliveryStatus::parse(status) {
        Ok(s) => (
            page.pick(s.label_id(), s.label_en()).to_string(),
            match s {
                DeliveryStatus::Delivered => "badge-ok",
                DeliveryStatus::Pending => "badge-muted",
                DeliveryStatus::Failed => "badge-danger",
            },
        ),
        Err(_) => (status.to_string(), "badge-muted"),
    }
}

struct Line {
    item: EndpointListItem,
    events: String,
    last: Option<(String, &'static str, String)>,
}

#[derive(Template)]
#[template(path = "console/webhooks/list.html")]
struct ListPage {
    page: PageCtx,
    lines: Vec<Line>,
    /// (name, label, ticked) of every event.
    events: Vec<(String, String, bool)>,
    endpoint_name: String,
    url: String,
    msgs: Msgs,
    changed: bool,
}

struct Entered {
    name: String,
    url: String,
    events: Vec<String>,
}

async fn render(
    page: PageCtx,
    st: &AppState,
    entered: Entered,
    errors: &FieldErrors,
    status: StatusCode,
    changed: bool,
) -> Result<Response, AppError> {
    let lines = store::list_endpoints(&st.db)
        .await?
        .into_iter()
        .map(|item| {
            let events: Vec<String> = item
                .endpoint
                .event_list()
                .iter()
                .map(|e| event_label(&page, e))
                .collect();
            let last = match (&item.last_status, item.last_at) {
                (Some(s), Some(at)) => {
                    let (label, class) = status_badge(&page, s);
                    Some((label, class, when(st, &page, at)))
                }
                _ => None,
            };
            Line {
                events: events.join(", "),
                last,
                item,
            }
        })
        .collect();
    let events = WEBHOOK_EVENTS
        .iter()
        .map(|e| {
            (
                e.name.to_string(),
                page.pick(e.label_id, e.label_en).to_string(),
                entered.events.iter().any(|x| x == e.name),
            )
        })
        .collect();
    let view = ListPage {
        lines,
        events,
        endpoint_name: entered.name,
        url: entered.url,
        msgs: Msgs::new(&page, errors, None),
        changed,
        page,
    };
    Ok((status, Html(view.render()?)).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    diubah: String,
}

async fn list(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Query(q): Query<ListQuery>,
) -> Result<Response, AppError> {
    require(&s)?;
    let entered = Entered {
        name: String::new(),
        url: String::new(),
        events: Vec::new(),
    };
    let changed = !q.diubah.is_empty();
    render(
        page,
        &st,
        entered,
        &FieldErrors::new(),
        StatusCode::OK,
        changed,
    )
    .await
}

#[derive(Template)]
#[template(path = "console/webhooks/created.html")]
struct CreatedPage {
    page: PageCtx,
    name: String,
    secret: String,
}

async fn create(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    PageForm(pairs): PageForm<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require(&s)?;
    let field = |k: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let new = NewEndpoint {
        name: field("name"),
        url: field("url"),
        events: pairs
            .iter()
            .filter(|(k, _)| k == "event")
            .map(|(_, v)| v.trim().to_string())
            .collect(),
    };
    if let Err(errs) = check_endpoint(&new) {
        let entered = Entered {
            name: new.name,
            url: new.url,
            events: new.events,
        };
        return render(
            page,
            &st,
            entered,
            &errs,
            StatusCode::UNPROCESSABLE_ENTITY,
            false,
        )
        .await;
    }
    let secret = new_secret();
    let mut tx = st.db.begin().await?;
    store::create_endpoint(&mut tx, &audit_ctx(&st, &s), &new, &secret).await?;
    tx.commit().await?;
    let view = CreatedPage {
        page,
        name: new.name,
        secret,
    };
    // The only time the secret leaves the server: keep it out of caches.
    Ok(([(CACHE_CONTROL, "no-store")], Html(view.render()?)).into_response())
}

struct DeliveryLine {
    row: DeliveryRow,
    event: String,
    status: String,
    status_class: &'static str,
    at: String,
    can_redeliver: bool,
}

#[derive(Template)]
#[template(path = "console/webhooks/detail.html")]
struct DetailPage {
    page: PageCtx,
    endpoint: balai_store::webhooks::EndpointSnapshot,
    events: String,
    deliveries: Vec<DeliveryLine>,
    created: String,
}

/// Deliveries an endpoint's page lists.
const DELIVERIES_MAX: i64 = 100;

async fn detail(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    require(&s)?;
    let id = id_from_path(raw)?;
    let endpoint = store::get_endpoint(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let deliveries = store::deliveries(&st.db, id, DELIVERIES_MAX)
        .await?
        .into_iter()
        .map(|row| {
            let (status, status_class) = status_badge(&page, &row.status);
            DeliveryLine {
                event: event_label(&page, &row.event),
                at: when(&st, &page, row.created_at),
                can_redeliver: row.status() != DeliveryStatus::Pending,
                status,
                status_class,
                row,
            }
        })
        .collect();
    let events: Vec<String> = endpoint
        .event_list()
        .iter()
        .map(|e| event_label(&page, e))
        .collect();
    let view = DetailPage {
        events: events.join(", "),
        created: when(&st, &page, endpoint.created_at),
        endpoint,
        deliveries,
        page,
    };
    Ok(Html(view.render()?).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ToggleForm {
    version: String,
    aktif: String,
}

async fn toggle(
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    PageForm(f): PageForm<ToggleForm>,
) -> Result<Response, AppError> {
    require(&s)?;
    let id = id_from_path(raw)?;
    let version: i32 = f
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("the form is missing the version".into()))?;
    let mut tx = st.db.begin().await?;
    store::set_active(&mut tx, &audit_ctx(&st, &s), id, version, f.aktif == "1").await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/konsol/integrasi/webhook/{id}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct Empty {}

async fn redeliver(
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    PageForm(_): PageForm<Empty>,
) -> Result<Response, AppError> {
    require(&s)?;
    let id = id_from_path(raw)?;
    let mut tx = st.db.begin().await?;
    let d = store::redeliver(&mut tx, &audit_ctx(&st, &s), id).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/konsol/integrasi/webhook/{}", d.endpoint_id)).into_response())
}
