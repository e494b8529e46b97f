//! `/api/v1/announcements` and `/api/v1/regulations`: the mall's public notices (Seluma Pasal
//! 28) and the regulations that apply, for integrations and other portals.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use balai_store::content::{self, Announcement, AnnouncementKind, Regulation};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/announcements", get(list_announcements))
        .route("/announcements/{id}", get(get_announcement))
        .route("/regulations", get(list_regulations))
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list_announcements, get_announcement, list_regulations),
    components(schemas(AnnouncementOut, AnnouncementList, RegulationOut, RegulationList))
)]
pub struct Doc;

/// A published announcement. Repairs (`perbaikan_sarana`) carry the activity, the person in
/// charge, the period and the complaint channels (Seluma Pasal 28(3)).
#[derive(Debug, Serialize, ToSchema)]
pub struct AnnouncementOut {
    pub id: Uuid,
    /// `umum` (general) or `perbaikan_sarana` (facility repair).
    #[schema(example = "perbaikan_sarana")]
    pub kind: String,
    pub organisation_id: Option<Uuid>,
    pub title: String,
    pub body: String,
    pub activity: String,
    pub person_in_charge: String,
    pub period_start: Option<NaiveDate>,
    pub period_end: Option<NaiveDate>,
    /// One channel per entry (telephone, SMS, website, e-mail, complaint box …).
    pub complaint_channels: Vec<String>,
    pub published_on: NaiveDate,
}

impl From<Announcement> for AnnouncementOut {
    fn from(a: Announcement) -> Self {
        AnnouncementOut {
            id: a.id,
            kind: a.kind,
            organisation_id: a.organisation_id,
            title: a.title,
            body: a.body,
            activity: a.activity,
            person_in_charge: a.person_in_charge,
            period_start: a.period_start,
            period_end: a.period_end,
            complaint_channels: a
                .complaint_channels
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect(),
            published_on: a.published_on,
        }
    }
}

/// One page of announcements, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AnnouncementList {
    pub items: Vec<AnnouncementOut>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// A regulation that applies to the mall's services.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationOut {
    pub id: Uuid,
    /// From the hierarchy of laws: `undang_undang`, `peraturan_pemerintah`,
    /// `peraturan_presiden`, `peraturan_menteri`, `peraturan_daerah`, `peraturan_bupati`,
    /// `keputusan`, `lainnya`.
    pub kind: String,
    pub number: String,
    pub year: i32,
    pub title: String,
    pub subject: String,
}

impl From<Regulation> for RegulationOut {
    fn from(r: Regulation) -> Self {
        RegulationOut {
            id: r.id,
            kind: r.kind,
            number: r.number,
            year: r.year,
            title: r.title,
            subject: r.subject,
        }
    }
}

/// Every regulation, newest year first.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegulationList {
    pub items: Vec<RegulationOut>,
    pub total: i64,
}

/// Reads `page` (≥ 1, default 1) and `per_page` (1–100, default 20); anything else is a 400.
fn paging(q: &HashMap<String, String>) -> Result<(i64, i64), AppError> {
    let read = |key: &str, default: i64, max: i64| -> Result<i64, AppError> {
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
    };
    Ok((read("page", 1, 1_000_000)?, read("per_page", 20, 100)?))
}

/// Announcements published so far, newest first.
#[utoipa::path(
    get,
    path = "/v1/announcements",
    tag = "announcements",
    params(
        ("page" = Option<i64>, Query, description = "Page number, from 1"),
        ("per_page" = Option<i64>, Query, description = "Items per page, 1–100 (default 20)"),
        ("kind" = Option<String>, Query, description = "`umum` or `perbaikan_sarana`")
    ),
    responses(
        (status = 200, description = "One page of announcements", body = AnnouncementList),
        (status = 400, description = "A query parameter is malformed", body = crate::api::Problem, content_type = "application/problem+json")
    )
)]
pub async fn list_announcements(
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<AnnouncementList>, AppError> {
    let (page, per_page) = paging(&q)?;
    let kind =
        match q.get("kind").map(|k| k.trim()).filter(|k| !k.is_empty()) {
            None => None,
            Some(k) => Some(AnnouncementKind::parse(k).ok_or_else(|| {
                AppError::BadRequest("kind must be umum or perbaikan_sarana".into())
            })?),
        };
    let today = balai_store::calendar::week_of(&st.db, None)
        .await?
        .local_date(st.clock.now());
    let offset = (page - 1).saturating_mul(per_page);
    let found = content::list_announcements(&st.db, kind, Some(today), per_page, offset).await?;
    Ok(Json(AnnouncementList {
        items: found.items.into_iter().map(AnnouncementOut::from).collect(),
        total: found.total,
        page,
        per_page,
    }))
}

/// One published announcement.
#[utoipa::path(
    get,
    path = "/v1/announcements/{id}",
    tag = "announcements",
    params(("id" = Uuid, Path, description = "The announcement's id")),
    responses(
        (status = 200, description = "The announcement", body = AnnouncementOut),
        (status = 404, description = "No published announcement has this id", body = crate::api::Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_announcement(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<AnnouncementOut>, AppError> {
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let a = content::announcement(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let today = balai_store::calendar::week_of(&st.db, None)
        .await?
        .local_date(st.clock.now());
    if a.published_on > today {
        return Err(AppError::NotFound);
    }
    Ok(Json(a.into()))
}

/// The regulations that apply, newest year first.
#[utoipa::path(
    get,
    path = "/v1/regulations",
    tag = "regulations",
    responses((status = 200, description = "Every regulation", body = RegulationList))
)]
pub async fn list_regulations(
    State(st): State<AppState>,
) -> Result<Json<RegulationList>, AppError> {
    let items: Vec<RegulationOut> = content::regulations(&st.db)
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    let total = i64::try_from(items.len()).unwrap_or(i64::MAX);
    Ok(Json(RegulationList { items, total }))
}
