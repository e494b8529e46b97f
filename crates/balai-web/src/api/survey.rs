//! `/api/v1/ikm`: the published satisfaction index of a service, an organisation or the whole
//! mall over a date range — the same numbers `/ikm` shows (PermenPANRB 14/2017; Luwu Pasal 31).

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use balai_store::survey::{self as store, Scope};
use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/ikm", get(get_ikm))
}

#[derive(utoipa::OpenApi)]
#[openapi(paths(get_ikm), components(schemas(IkmOut, IkmElementOut)))]
pub struct Doc;

/// The index of one element.
#[derive(Debug, Serialize, ToSchema)]
pub struct IkmElementOut {
    #[schema(example = "PERSYARATAN")]
    pub code: String,
    pub respondents: u64,
    /// NRR on the 1–4 scale, two decimals.
    #[schema(example = "3.41")]
    pub nrr: String,
    /// NRR × 25, two decimals.
    #[schema(example = "85.25")]
    pub converted: String,
    /// A, B, C or D.
    pub grade: String,
}

/// The index of a scope and period.
#[derive(Debug, Serialize, ToSchema)]
pub struct IkmOut {
    pub organisation: Option<String>,
    pub service: Option<String>,
    pub from: NaiveDate,
    /// Last day included.
    pub to: NaiveDate,
    /// Valid respondents (invalidated responses excluded).
    pub respondents: u64,
    pub invalidated: u64,
    /// Finished transactions recorded in the period (at least the respondents).
    pub population: u64,
    /// Respondents required by Krejcie & Morgan for the population.
    pub required: u64,
    pub sufficient: bool,
    /// IKM on the 1–4 scale, two decimals; null while some element has no answer.
    pub ikm: Option<String>,
    /// IKM × 25 (25–100), two decimals, rounded half-up from the exact value.
    #[schema(example = "84.17")]
    pub converted: Option<String>,
    pub grade: Option<String>,
    pub elements: Vec<IkmElementOut>,
}

fn date(q: &HashMap<String, String>, key: &str) -> Result<Option<NaiveDate>, AppError> {
    match q.get(key).map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| AppError::BadRequest(format!("`{key}` must be a date like 2026-01-31"))),
    }
}

/// The satisfaction index of a service, an organisation or the whole mall.
#[utoipa::path(
    get,
    path = "/v1/ikm",
    tag = "survey",
    params(
        ("org" = Option<String>, Query, description = "Organisation code"),
        ("service" = Option<String>, Query, description = "Service code"),
        ("from" = Option<String>, Query, description = "First day, YYYY-MM-DD (default 1 January of this year)"),
        ("to" = Option<String>, Query, description = "Last day, YYYY-MM-DD (default 31 December of this year)"),
    ),
    responses(
        (status = 200, description = "The index", body = IkmOut),
        (status = 400, description = "A malformed parameter", body = crate::api::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or service", body = crate::api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_ikm(
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Json<IkmOut>, AppError> {
    let year = st.clock.now().date_naive().year();
    let from = date(&q, "from")?
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default());
    let to = date(&q, "to")?
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default());
    if to < from {
        return Err(AppError::BadRequest("`to` is before `from`".into()));
    }
    let code = |k: &str| {
        q.get(k)
            .map(|s| s.trim().to_ascii_uppercase())
            .filter(|s| !s.is_empty())
    };
    let (org, service) = (code("org"), code("service"));
    let organisation_id = match &org {
        Some(c) => Some(
            balai_store::organisations::get_by_code(&st.db, c)
                .await?
                .ok_or(AppError::NotFound)?
                .id,
        ),
        None => None,
    };
    let service_id = match &service {
        Some(c) => Some(
            balai_store::services::get_by_code(&st.db, c)
                .await?
                .ok_or(AppError::NotFound)?
                .id,
        ),
        None => None,
    };
    let scope = Scope {
        service_id,
        organisation_id,
        from,
        until: to + Duration::days(1),
    };
    let r = store::index(&st.db, &scope, crate::pages::survey::sample_rule(&st)).await?;
    let elements = r
        .index
        .iter()
        .flat_map(|i| &i.elements)
        .map(|e| IkmElementOut {
            code: e.code.clone(),
            respondents: e.respondents,
            nrr: e.nrr.to_string(),
            converted: e.converted.to_string(),
            grade: e.grade.as_str().to_owned(),
        })
        .collect();
    Ok(Json(IkmOut {
        organisation: org,
        service,
        from,
        to,
        respondents: r.respondents,
        invalidated: r.invalidated,
        population: r.sufficiency.population,
        required: r.sufficiency.required,
        sufficient: r.sufficiency.sufficient,
        ikm: r.index.as_ref().map(|i| i.ikm.to_string()),
        converted: r.index.as_ref().map(|i| i.converted.to_string()),
        grade: r.index.as_ref().map(|i| i.grade.as_str().to_owned()),
        elements,
    }))
}
