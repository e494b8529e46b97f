//! `/api/v1/services`: the public catalogue as JSON — the list with filters and paging, and one
//! service with its full published standard and version history (requirements §2, §3).
//!
//! Both endpoints are on the benchmark's hot path: the list is one query (a count only when the
//! page is past the end), the detail two (the service with its published standard, then the
//! versions).

use axum::extract::{Path, RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use balai_core::catalog::{
    CompletionTime, ServiceCategory, ServiceKind, ServiceMode, ServiceStandard, TimeUnit,
};
use balai_core::ids::Code;
use balai_store::services::{self, MAX_PER_PAGE, ServiceFilter, ServiceListItem};
use balai_store::standards::{self, VersionInfo};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/services", get(list_services))
        .route("/services/{code}", get(get_service))
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list_services, get_service),
    components(schemas(
        ServicePage,
        ServiceSummary,
        ServiceDetail,
        OrganisationRef,
        CompletionTimeOut,
        VersionOut
    ))
)]
pub struct Doc;

/// The organisation that delivers a service.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationRef {
    #[schema(example = "DISDUKCAPIL")]
    pub code: String,
    pub name: String,
    pub name_en: String,
}

/// How long the service takes (standard component d).
#[derive(Debug, Serialize, ToSchema)]
pub struct CompletionTimeOut {
    pub value: u32,
    /// `working_days`, `days`, `hours` or `minutes`.
    pub unit: String,
    #[schema(example = "3 hari kerja")]
    pub label_id: String,
    #[schema(example = "3 working days")]
    pub label_en: String,
}

impl From<CompletionTime> for CompletionTimeOut {
    fn from(t: CompletionTime) -> Self {
        CompletionTimeOut {
            value: t.value,
            unit: t.unit.as_str().into(),
            label_id: t.label_id(),
            label_en: t.label_en(),
        }
    }
}

/// A service in a list, with its published standard's time and fee.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceSummary {
    #[schema(example = "KTP-EL")]
    pub code: String,
    pub name: String,
    pub name_en: String,
    /// `perizinan` or `nonperizinan`.
    pub kind: String,
    /// `administratif`, `barang` or `jasa`.
    pub category: String,
    /// Delivery modes: `langsung`, `elektronik`, `mandiri`, `keliling`.
    pub modes: Vec<String>,
    pub organisation: OrganisationRef,
    pub completion_time: Option<CompletionTimeOut>,
    /// Sum of all fee items in whole rupiah; 0 when free.
    pub total_fee: i64,
    pub free: bool,
    /// The published standard's version number.
    pub version: Option<i32>,
    pub effective_from: Option<NaiveDate>,
}

impl From<&ServiceListItem> for ServiceSummary {
    fn from(s: &ServiceListItem) -> Self {
        let completion_time = match (s.completion_value, &s.completion_unit) {
            (Some(v), Some(u)) => TimeUnit::parse(u).ok().map(|unit| {
                CompletionTime {
                    value: u32::try_from(v).unwrap_or(0),
                    unit,
                }
                .into()
            }),
            _ => None,
        };
        ServiceSummary {
            code: s.code.clone(),
            name: s.name.clone(),
            name_en: s.name_en.clone(),
            kind: s.kind.clone(),
            category: s.category.clone(),
            modes: services::parse_modes(&s.modes)
                .iter()
                .map(|m| m.as_str().to_string())
                .collect(),
            organisation: OrganisationRef {
                code: s.organisation_code.clone(),
                name: s.organisation_name.clone(),
                name_en: s.organisation_name_en.clone(),
            },
            completion_time,
            total_fee: s.total_fee.unwrap_or(0),
            free: s.is_free.unwrap_or(false),
            version: s.version_no,
            effective_from: s.effective_from,
        }
    }
}

/// One page of services.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServicePage {
    pub items: Vec<ServiceSummary>,
    pub total: i64,
    pub page: u32,
    pub per_page: u32,
}

/// An adopted version of a service's standard.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionOut {
    pub version: i32,
    /// `adopted` (in force) or `superseded`.
    pub status: String,
    pub effective_from: Option<NaiveDate>,
    pub decree_number: String,
}

impl From<&VersionInfo> for VersionOut {
    fn from(v: &VersionInfo) -> Self {
        VersionOut {
            version: v.version_no,
            status: v.status.clone(),
            effective_from: v.effective_from,
            decree_number: v.decree_number.clone(),
        }
    }
}

/// A service with its full published standard (all fifteen components) and the history of
/// its adopted versions, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceDetail {
    pub code: String,
    pub name: String,
    pub name_en: String,
    pub kind: String,
    pub category: String,
    pub modes: Vec<String>,
    pub keywords: String,
    pub organisation: OrganisationRef,
    pub completion_time: CompletionTimeOut,
    pub total_fee: i64,
    pub free: bool,
    pub published_version: VersionOut,
    /// The standard: legal_basis, requirements, procedure, completion_time, fees,
    /// fee_legal_basis, product, facilities, vulnerable_facilities, officer_competence,
    /// internal_supervision, complaint_handling, officer_count, service_guarantee,
    /// security_guarantee, compensation, performance_evaluation. Text is in Indonesian.
    #[schema(value_type = Object)]
    pub standard: ServiceStandard,
    pub versions: Vec<VersionOut>,
}

fn bad(msg: &str) -> AppError {
    AppError::BadRequest(msg.to_string())
}

/// Reads a positive integer parameter within `max`.
fn positive(name: &str, v: &str, max: u32) -> Result<u32, AppError> {
    match v.trim().parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Ok(n),
        _ => Err(bad(&format!(
            "`{name}` must be a whole number from 1 to {max}"
        ))),
    }
}

/// Parses the list's query strictly: any malformed value is a 400 problem, never ignored.
fn parse_filter(raw: Option<&str>) -> Result<ServiceFilter, AppError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|_| bad("the query string could not be read"))?;
    let mut f = ServiceFilter {
        published_only: true,
        page: 1,
        per_page: 20,
        ..ServiceFilter::default()
    };
    for (k, v) in &pairs {
        let v = v.trim();
        match k.as_str() {
            "q" if v.chars().count() > 200 => return Err(bad("`q` is longer than 200 characters")),
            "q" if !v.is_empty() => f.q = Some(v.to_string()),
            "organisation" if !v.is_empty() => {
                let code = Code::parse(v)
                    .map_err(|_| bad("`organisation` is not a valid organisation code"))?;
                f.organisation_code = Some(code.as_str().to_string());
            }
            "kind" if !v.is_empty() => {
                f.kind = Some(
                    ServiceKind::parse(v)
                        .map_err(|_| bad("`kind` must be perizinan or nonperizinan"))?,
                )
            }
            "category" if !v.is_empty() => {
                f.category = Some(
                    ServiceCategory::parse(v)
                        .map_err(|_| bad("`category` must be administratif, barang or jasa"))?,
                )
            }
            "mode" if !v.is_empty() => {
                f.mode =
                    Some(ServiceMode::parse(v).map_err(|_| {
                        bad("`mode` must be langsung, elektronik, mandiri or keliling")
                    })?)
            }
            "free" => {
                f.free_only = match v {
                    "true" | "1" => true,
                    "false" | "0" | "" => false,
                    _ => return Err(bad("`free` must be true or false")),
                }
            }
            "page" => f.page = positive("page", v, 100_000)?,
            "per_page" => f.per_page = positive("per_page", v, MAX_PER_PAGE)?,
            _ => {}
        }
    }
    Ok(f)
}

/// Lists published services, by name.
#[utoipa::path(
    get,
    path = "/v1/services",
    tag = "services",
    params(
        ("q" = Option<String>, Query, description = "Words to find in the name, English name, code, keywords or organisation (case- and accent-insensitive; every word must match)"),
        ("organisation" = Option<String>, Query, description = "Organisation code"),
        ("kind" = Option<String>, Query, description = "`perizinan` or `nonperizinan`"),
        ("category" = Option<String>, Query, description = "`administratif`, `barang` or `jasa`"),
        ("mode" = Option<String>, Query, description = "`langsung`, `elektronik`, `mandiri` or `keliling`"),
        ("free" = Option<bool>, Query, description = "Only services without any fee"),
        ("page" = Option<u32>, Query, description = "1-based page (default 1)"),
        ("per_page" = Option<u32>, Query, description = "Items per page, 1–100 (default 20)"),
    ),
    responses(
        (status = 200, description = "One page of services", body = ServicePage),
        (status = 400, description = "A malformed parameter", body = crate::api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn list_services(
    State(st): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<ServicePage>, AppError> {
    let f = parse_filter(raw.as_deref())?;
    let page = services::list(&st.db, &f).await?;
    Ok(Json(ServicePage {
        items: page.items.iter().map(ServiceSummary::from).collect(),
        total: page.total,
        page: page.page,
        per_page: page.per_page,
    }))
}

/// One service with its full published standard and version history.
#[utoipa::path(
    get,
    path = "/v1/services/{code}",
    tag = "services",
    params(("code" = String, Path, description = "Service code, e.g. KTP-EL")),
    responses(
        (status = 200, description = "The service", body = ServiceDetail),
        (status = 404, description = "No published service has this code", body = crate::api::Problem, content_type = "application/problem+json"),
    )
)]
pub async fn get_service(
    State(st): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<ServiceDetail>, AppError> {
    let svc = services::published_by_code(&st.db, &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let standard = svc.standard()?;
    let versions = standards::infos_for_service(&st.db, svc.id).await?;
    let published = versions
        .iter()
        .find(|v| v.id == svc.version_id)
        .map(VersionOut::from)
        .ok_or_else(|| {
            AppError::Internal(format!("published version of {} is missing", svc.code))
        })?;
    Ok(Json(ServiceDetail {
        completion_time: standard.completion_time.into(),
        total_fee: standard.total_fee().as_i64(),
        free: standard.is_free(),
        modes: services::parse_modes(&svc.modes)
            .iter()
            .map(|m| m.as_str().to_string())
            .collect(),
        organisation: OrganisationRef {
            code: svc.organisation_code,
            name: svc.organisation_name,
            name_en: svc.organisation_name_en,
        },
        code: svc.code,
        name: svc.name,
        name_en: svc.name_en,
        kind: svc.kind,
        category: svc.category,
        keywords: svc.keywords,
        published_version: published,
        standard,
        versions: versions
            .iter()
            .filter(|v| v.was_adopted())
            .map(VersionOut::from)
            .collect(),
    }))
}
