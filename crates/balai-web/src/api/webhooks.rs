//! `/api/v1/webhooks`: integrations register, list and deactivate their webhook endpoints,
//! read deliveries and ask for one again. Bearer token with `tokens_manage` and no
//! organisation (endpoints serve the whole mall). The signing scheme is in docs/webhooks.md.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use balai_store::audit::AuditCtx;
use balai_store::webhooks::{self as store, DeliveryRow, EndpointSnapshot, NewEndpoint};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::Problem;
use crate::auth::{ApiClient, RequestCtx};
use crate::error::AppError;
use crate::pages::console::webhooks::{check_endpoint, new_secret, require_manage};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/webhooks", get(list_webhooks).post(create_webhook))
        .route("/webhooks/{id}", get(get_webhook))
        .route("/webhooks/{id}/deactivate", post(deactivate_webhook))
        .route("/webhooks/{id}/deliveries", get(list_deliveries))
        .route(
            "/webhooks/deliveries/{id}/redeliver",
            post(redeliver_delivery),
        )
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        list_webhooks,
        create_webhook,
        get_webhook,
        deactivate_webhook,
        list_deliveries,
        redeliver_delivery
    ),
    components(schemas(Endpoint, EndpointList, CreatedEndpoint, NewEndpointBody, Delivery, DeliveryList)),
    tags((name = "webhooks", description = "Signed webhooks to integrations: application.submitted, .returned, .decided, .signed, .paid, .collected"))
)]
pub struct Doc;

/// A webhook endpoint (its secret is never shown again after creation).
#[derive(Debug, Serialize, ToSchema)]
pub struct Endpoint {
    pub id: Uuid,
    pub name: String,
    #[schema(example = "https://oss.example.go.id/balai/webhook")]
    pub url: String,
    /// Subscribed event names.
    pub events: Vec<String>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
}

impl From<EndpointSnapshot> for Endpoint {
    fn from(e: EndpointSnapshot) -> Self {
        Endpoint {
            events: e.event_list(),
            id: e.id,
            name: e.name,
            url: e.url,
            active: e.active,
            created_at: e.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EndpointList {
    pub items: Vec<Endpoint>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// What to register.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewEndpointBody {
    pub name: String,
    pub url: String,
    #[schema(example = json!(["application.decided", "application.signed"]))]
    pub events: Vec<String>,
}

/// The endpoint and its signing secret, shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedEndpoint {
    pub endpoint: Endpoint,
    #[schema(example = "whsec_…")]
    pub secret: String,
}

/// One event sent to one endpoint.
#[derive(Debug, Serialize, ToSchema)]
pub struct Delivery {
    pub id: Uuid,
    pub endpoint_id: Uuid,
    pub event: String,
    /// The event's id (the body's `id`), the same when delivered again.
    pub event_id: Uuid,
    /// pending, delivered or failed.
    pub status: String,
    pub attempts: i32,
    pub response_status: Option<i32>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

impl From<DeliveryRow> for Delivery {
    fn from(d: DeliveryRow) -> Self {
        Delivery {
            id: d.id,
            endpoint_id: d.endpoint_id,
            event: d.event,
            event_id: d.event_id,
            status: d.status,
            attempts: d.attempts,
            response_status: d.response_status,
            last_error: d.last_error,
            created_at: d.created_at,
            delivered_at: d.delivered_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryList {
    pub items: Vec<Delivery>,
}

fn require(client: &ApiClient) -> Result<(), AppError> {
    require_manage(&client.actor, client.actor.organisation_id.is_none())
}

fn ctx(st: &AppState, client: &ApiClient, req: &RequestCtx) -> AuditCtx {
    AuditCtx::new(
        client.actor.clone(),
        Some(req.request_id.clone()),
        st.clock.now(),
    )
}

fn path_id(raw: Result<Path<String>, PathRejection>) -> Result<Uuid, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

/// A positive whole number from the query, or the default; anything else is a 400.
fn number(q: &HashMap<String, String>, key: &str, default: i64, max: i64) -> Result<i64, AppError> {
    match q.get(key).map(|v| v.trim()) {
        None | Some("") => Ok(default),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                AppError::BadRequest(format!("{key} must be a whole number from 1 to {max}"))
            }),
    }
}

#[utoipa::path(
    get, path = "/v1/webhooks", tag = "webhooks", security(("bearer" = [])),
    params(("page" = Option<i64>, Query), ("per_page" = Option<i64>, Query, description = "at most 100")),
    responses(
        (status = 200, body = EndpointList),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json")
    )
)]
async fn list_webhooks(
    State(st): State<AppState>,
    client: ApiClient,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<EndpointList>, AppError> {
    require(&client)?;
    let page = number(&q, "page", 1, 1_000_000)?;
    let per_page = number(&q, "per_page", 20, 100)?;
    let all = store::list_endpoints(&st.db).await?;
    let total = all.len() as i64;
    let items = all
        .into_iter()
        .skip(((page - 1) * per_page) as usize)
        .take(per_page as usize)
        .map(|i| Endpoint::from(i.endpoint))
        .collect();
    Ok(Json(EndpointList {
        items,
        total,
        page,
        per_page,
    }))
}

#[utoipa::path(
    post, path = "/v1/webhooks", tag = "webhooks", security(("bearer" = [])),
    request_body = NewEndpointBody,
    responses(
        (status = 201, description = "Registered; the secret is in this answer only", body = CreatedEndpoint),
        (status = 400, body = Problem, content_type = "application/problem+json"),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")
    )
)]
async fn create_webhook(
    State(st): State<AppState>,
    client: ApiClient,
    req: RequestCtx,
    body: Bytes,
) -> Result<(StatusCode, Json<CreatedEndpoint>), AppError> {
    require(&client)?;
    let b: NewEndpointBody = serde_json::from_slice(&body)
        .map_err(|e| AppError::BadRequest(format!("the body is not the expected JSON: {e}")))?;
    let new = NewEndpoint {
        name: b.name,
        url: b.url,
        events: b.events,
    };
    check_endpoint(&new).map_err(AppError::Invalid)?;
    let secret = new_secret();
    let mut tx = st.db.begin().await?;
    let e = store::create_endpoint(&mut tx, &ctx(&st, &client, &req), &new, &secret).await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedEndpoint {
            endpoint: e.into(),
            secret,
        }),
    ))
}

#[utoipa::path(
    get, path = "/v1/webhooks/{id}", tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, body = Endpoint),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
async fn get_webhook(
    State(st): State<AppState>,
    client: ApiClient,
    raw: Result<Path<String>, PathRejection>,
) -> Result<Json<Endpoint>, AppError> {
    require(&client)?;
    let id = path_id(raw)?;
    let e = store::get_endpoint(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(e.into()))
}

#[utoipa::path(
    post, path = "/v1/webhooks/{id}/deactivate", tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "No more deliveries go to it", body = Endpoint),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
async fn deactivate_webhook(
    State(st): State<AppState>,
    client: ApiClient,
    req: RequestCtx,
    raw: Result<Path<String>, PathRejection>,
) -> Result<Json<Endpoint>, AppError> {
    require(&client)?;
    let id = path_id(raw)?;
    let e = store::get_endpoint(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !e.active {
        return Ok(Json(e.into()));
    }
    let mut tx = st.db.begin().await?;
    let e = store::set_active(&mut tx, &ctx(&st, &client, &req), id, e.version, false).await?;
    tx.commit().await?;
    Ok(Json(e.into()))
}

#[utoipa::path(
    get, path = "/v1/webhooks/{id}/deliveries", tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 200, description = "The latest 100 deliveries, newest first", body = DeliveryList),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json")
    )
)]
async fn list_deliveries(
    State(st): State<AppState>,
    client: ApiClient,
    raw: Result<Path<String>, PathRejection>,
) -> Result<Json<DeliveryList>, AppError> {
    require(&client)?;
    let id = path_id(raw)?;
    store::get_endpoint(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let items = store::deliveries(&st.db, id, 100)
        .await?
        .into_iter()
        .map(Delivery::from)
        .collect();
    Ok(Json(DeliveryList { items }))
}

#[utoipa::path(
    post, path = "/v1/webhooks/deliveries/{id}/redeliver", tag = "webhooks", security(("bearer" = [])),
    params(("id" = Uuid, Path)),
    responses(
        (status = 202, description = "Queued: the same event id is posted again", body = Delivery),
        (status = 401, body = Problem, content_type = "application/problem+json"),
        (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Still pending", body = Problem, content_type = "application/problem+json")
    )
)]
async fn redeliver_delivery(
    State(st): State<AppState>,
    client: ApiClient,
    req: RequestCtx,
    raw: Result<Path<String>, PathRejection>,
) -> Result<(StatusCode, Json<Delivery>), AppError> {
    require(&client)?;
    let id = path_id(raw)?;
    let mut tx = st.db.begin().await?;
    let d = store::redeliver(&mut tx, &ctx(&st, &client, &req), id).await?;
    tx.commit().await?;
    Ok((StatusCode::ACCEPTED, Json(d.into())))
}
