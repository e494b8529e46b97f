//! `/api/v1/organisations` and `/api/v1/counters`: the public list of the mall's participating
//! organisations (Mesuji Pasal 9) with their counters, officers' public profiles (Seluma Pasal
//! 46(2)) and current service charter. Read-only and public; inactive organisations are not
//! listed. Officers' NIP is never part of the API.

use std::collections::HashMap;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery, State};
use axum::routing::get;
use axum::{Json, Router};
use balai_core::catalog::OrganisationKind;
use balai_core::ids::Code;
use balai_store::counters::{self, CounterFilter, CounterRow};
use balai_store::organisations::{self as orgs, OrgFilter, OrganisationRow};
use balai_store::{charters, officers};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::Problem;
use crate::error::AppError;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/organisations", get(list_organisations))
        .route("/organisations/{code}", get(get_organisation))
        .route("/counters", get(list_counters))
}

#[derive(utoipa::OpenApi)]
#[openapi(
    paths(list_organisations, get_organisation, list_counters),
    components(schemas(
        Organisation,
        OrganisationList,
        OrganisationDetail,
        Counter,
        CounterList,
        Officer,
        Charter,
        ServiceRef
    )),
    tags((name = "organisations", description = "Organisations of the service mall, their counters and officers"))
)]
pub struct Doc;

/// Largest page the list endpoints give.
const MAX_PER_PAGE: i64 = 100;
const DEFAULT_PER_PAGE: i64 = 20;
/// Longest search text accepted.
const MAX_Q: usize = 200;

/// An organisation taking part in the mall.
#[derive(Debug, Serialize, ToSchema)]
pub struct Organisation {
    #[schema(example = "DISDUKCAPIL")]
    pub code: String,
    pub name: String,
    pub name_en: String,
    /// One of the kinds of Mesuji Pasal 8(1): perangkat_daerah, perangkat_daerah_provinsi,
    /// instansi_vertikal, bumn, bumd, swasta, unit_pendukung.
    #[schema(example = "perangkat_daerah")]
    pub kind: String,
    pub description: String,
    pub address: String,
    /// E.164, or "" when not published.
    pub phone: String,
    pub email: String,
    pub website: String,
    pub head_name: String,
    pub head_position: String,
    /// The superior unit's code.
    pub parent_code: Option<String>,
    pub agreement_kind: String,
    pub agreement_number: String,
    pub agreement_date: Option<NaiveDate>,
    pub workplan_number: String,
    pub workplan_date: Option<NaiveDate>,
    /// Active counters in the mall.
    pub counter_count: i64,
}

/// One page of organisations.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationList {
    pub items: Vec<Organisation>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// A counter (gerai) in the mall.
#[derive(Debug, Serialize, ToSchema)]
pub struct Counter {
    #[schema(example = "DUKCAPIL-1")]
    pub code: String,
    pub name: String,
    pub organisation_code: String,
    pub building: String,
    pub floor: String,
    pub position: String,
    /// Compact form, e.g. `Mon-Fri 08:00-15:00; Sat 08:00-12:00`.
    pub opening_hours: String,
    /// The same in Indonesian words, e.g. `Senin–Jumat 08.00–15.00`.
    pub opening_hours_id: String,
}

/// One page of counters.
#[derive(Debug, Serialize, ToSchema)]
pub struct CounterList {
    pub items: Vec<Counter>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// An officer's public profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct Officer {
    pub name: String,
    pub position: String,
    pub competence: String,
    pub public_profile: String,
    pub counter_code: Option<String>,
}

/// The current service charter (maklumat pelayanan).
#[derive(Debug, Serialize, ToSchema)]
pub struct Charter {
    pub body: String,
    pub adopted_on: NaiveDate,
    pub signed_by: String,
    pub signer_position: String,
}

/// A published service of the organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceRef {
    pub code: String,
    pub name: String,
    pub name_en: String,
}

/// An organisation with its counters, officers, charter and services.
#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationDetail {
    #[serde(flatten)]
    pub organisation: Organisation,
    pub counters: Vec<Counter>,
    pub officers: Vec<Officer>,
    pub charter: Option<Charter>,
    pub services: Vec<ServiceRef>,
}

fn organisation(
    o: OrganisationRow,
    parent_code: Option<String>,
    counter_count: i64,
) -> Organisation {
    Organisation {
        code: o.code,
        name: o.name,
        name_en: o.name_en,
        kind: o.kind,
        description: o.description,
        address: o.address,
        phone: o.phone,
        email: o.email,
        website: o.website,
        head_name: o.head_name,
        head_position: o.head_position,
        parent_code,
        agreement_kind: o.agreement_kind,
        agreement_number: o.agreement_number,
        agreement_date: o.agreement_date,
        workplan_number: o.workplan_number,
        workplan_date: o.workplan_date,
        counter_count,
    }
}

fn counter(k: CounterRow, organisation_code: String) -> Counter {
    let hours = k.hours();
    Counter {
        code: k.code,
        name: k.name,
        organisation_code,
        building: k.building,
        floor: k.floor,
        position: k.position,
        opening_hours: hours.to_compact(),
        opening_hours_id: hours.display_id(),
    }
}

/// The query string as pairs; an unreadable one is 400.
fn query(raw: Option<String>) -> Result<HashMap<String, String>, AppError> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(raw.as_deref().unwrap_or(""))
        .map(|v| v.into_iter().collect())
        .map_err(|_| AppError::BadRequest("the query string could not be read".into()))
}

/// `page` (from 1) and `per_page` (1–100); anything else is 400. Returns (page, per_page).
fn paging(q: &HashMap<String, String>) -> Result<(i64, i64), AppError> {
    let num = |key: &str, default: i64, max: i64| -> Result<i64, AppError> {
        match q.get(key).map(|s| s.trim()) {
            None | Some("") => Ok(default),
            Some(s) => match s.parse::<i64>() {
                Ok(n) if (1..=max).contains(&n) => Ok(n),
                _ => Err(AppError::BadRequest(format!(
                    "{key} must be a whole number from 1 to {max}"
                ))),
            },
        }
    };
    Ok((
        num("page", 1, 1_000_000)?,
        num("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)?,
    ))
}

/// An organisation code from the URL or a filter; malformed or unknown → 404.
async fn active_org(st: &AppState, raw: &str) -> Result<OrganisationRow, AppError> {
    let code = Code::parse(raw).map_err(|_| AppError::NotFound)?;
    match orgs::get_by_code(&st.db, code.as_str()).await? {
        Some(o) if o.active => Ok(o),
        _ => Err(AppError::NotFound),
    }
}

/// Codes of the organisations a list refers to as superiors, fetched once.
async fn parent_codes(st: &AppState) -> Result<HashMap<uuid::Uuid, String>, AppError> {
    Ok(orgs::all(&st.db)
        .await?
        .into_iter()
        .map(|o| (o.id, o.code))
        .collect())
}

/// Lists the participating organisations, by name.
#[utoipa::path(
    get,
    path = "/v1/organisations",
    tag = "organisations",
    params(
        ("kind" = Option<String>, Query, description = "Only this kind (Mesuji Pasal 8(1))"),
        ("q" = Option<String>, Query, description = "Search in names, code and description (case- and accent-insensitive)"),
        ("page" = Option<i64>, Query, description = "Page number, from 1"),
        ("per_page" = Option<i64>, Query, description = "Items per page, 1–100 (default 20)")
    ),
    responses(
        (status = 200, description = "One page of organisations", body = OrganisationList),
        (status = 400, description = "Bad filter or paging", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn list_organisations(
    State(st): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<OrganisationList>, AppError> {
    let q = query(raw)?;
    let (page, per_page) = paging(&q)?;
    let kind = match q.get("kind").map(|s| s.trim()).filter(|s| !s.is_empty()) {
        None => None,
        Some(k) => Some(
            OrganisationKind::parse(k)
                .map_err(|_| AppError::BadRequest(format!("unknown kind {k:?}")))?,
        ),
    };
    let text = q.get("q").cloned().unwrap_or_default();
    if text.chars().count() > MAX_Q {
        return Err(AppError::BadRequest(format!(
            "q may have at most {MAX_Q} characters"
        )));
    }
    let f = OrgFilter {
        kind,
        q: Some(text),
        active_only: true,
        only: None,
        limit: per_page,
        offset: (page - 1).saturating_mul(per_page),
    };
    let found = orgs::list(&st.db, &f).await?;
    let parents = parent_codes(&st).await?;
    let items = found
        .items
        .into_iter()
        .map(|s| {
            let parent = s.org.parent_id.and_then(|p| parents.get(&p).cloned());
            organisation(s.org, parent, s.counter_count)
        })
        .collect();
    Ok(Json(OrganisationList {
        items,
        total: found.total,
        page,
        per_page,
    }))
}

/// One organisation with its counters, officers' public profiles, charter and services.
#[utoipa::path(
    get,
    path = "/v1/organisations/{code}",
    tag = "organisations",
    params(("code" = String, Path, description = "Organisation code, e.g. DISDUKCAPIL")),
    responses(
        (status = 200, description = "The organisation", body = OrganisationDetail),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn get_organisation(
    State(st): State<AppState>,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<OrganisationDetail>, AppError> {
    let Path(code) = code.map_err(|_| AppError::NotFound)?;
    let o = active_org(&st, &code).await?;
    let parent = match o.parent_id {
        Some(p) => orgs::get(&st.db, p).await?.map(|p| p.code),
        None => None,
    };
    let counter_rows = counters::of_organisation(&st.db, o.id, true).await?;
    let counters: Vec<Counter> = counter_rows
        .into_iter()
        .map(|k| counter(k, o.code.clone()))
        .collect();
    let officers = officers::of_organisation(&st.db, o.id, true)
        .await?
        .into_iter()
        .map(|f| Officer {
            name: f.officer.name,
            position: f.officer.position,
            competence: f.officer.competence,
            public_profile: f.officer.public_profile,
            counter_code: f.counter_code,
        })
        .collect();
    let charter = charters::current(&st.db, o.id).await?.map(|c| Charter {
        body: c.body,
        adopted_on: c.adopted_on,
        signed_by: c.signed_by,
        signer_position: c.signer_position,
    });
    let services = orgs::services_of(&st.db, o.id)
        .await?
        .into_iter()
        .map(|(code, name, name_en)| ServiceRef {
            code,
            name,
            name_en,
        })
        .collect();
    let count = counters.len() as i64;
    Ok(Json(OrganisationDetail {
        organisation: organisation(o, parent, count),
        counters,
        officers,
        charter,
        services,
    }))
}

/// Lists the open counters of the mall, by organisation.
#[utoipa::path(
    get,
    path = "/v1/counters",
    tag = "organisations",
    params(
        ("organisation" = Option<String>, Query, description = "Only counters of this organisation code"),
        ("page" = Option<i64>, Query, description = "Page number, from 1"),
        ("per_page" = Option<i64>, Query, description = "Items per page, 1–100 (default 20)")
    ),
    responses(
        (status = 200, description = "One page of counters", body = CounterList),
        (status = 400, description = "Bad paging", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json")
    )
)]
pub async fn list_counters(
    State(st): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Json<CounterList>, AppError> {
    let q = query(raw)?;
    let (page, per_page) = paging(&q)?;
    let organisation_id = match q
        .get("organisation")
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(code) => Some(active_org(&st, code).await?.id),
    };
    let f = CounterFilter {
        organisation_id,
        active_only: true,
        limit: per_page,
        offset: (page - 1).saturating_mul(per_page),
    };
    let found = counters::list(&st.db, &f).await?;
    let items = found
        .items
        .into_iter()
        .map(|k| counter(k.counter, k.organisation_code))
        .collect();
    Ok(Json(CounterList {
        items,
        total: found.total,
        page,
        per_page,
    }))
}
