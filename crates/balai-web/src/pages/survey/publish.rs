//! `/ikm`: the published results per service and period, with the method in plain Indonesian,
//! an SVG chart, the respondent profile and moderated suggestions (Luwu Pasal 31;
//! PermenPANRB 14/2017: results and method are published). `/ikm/unduh.csv` has the same
//! numbers per service.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use balai_core::survey::{Definition, Grade, Period, SampleRule};
use balai_store::services::{self, ServiceFilter, ServiceListItem};
use balai_store::survey::{self as store, Scope, ScopeResult};
use chrono::Datelike;
use uuid::Uuid;

use super::{chart, element_name};
use crate::error::AppError;
use crate::page::PageCtx;
use crate::state::AppState;

/// The numbers of one scope as pages and exports show them.
pub(crate) struct ResultView {
    pub respondents: u64,
    pub invalidated: u64,
    pub population: u64,
    pub required: u64,
    pub sufficient: bool,
    /// The converted index, `88.31`; None while some element has no answer.
    pub converted: Option<String>,
    pub grade: Option<Grade>,
    /// `A (Sangat Baik)` in the page's language.
    pub grade_label: Option<String>,
    pub elements: Vec<ElementView>,
}

pub(crate) struct ElementView {
    pub name: String,
    pub nrr: String,
    pub converted: String,
    pub converted_value: f64,
    pub grade_label: String,
}

pub(crate) fn result_view(page: &PageCtx, def: &Definition, r: &ScopeResult) -> ResultView {
    let elements = r
        .index
        .iter()
        .flat_map(|i| &i.elements)
        .map(|e| ElementView {
            name: element_name(page, def, &e.code),
            nrr: e.nrr.to_string(),
            converted: e.converted.to_string(),
            converted_value: e.converted.as_f64(),
            grade_label: grade_label(page, e.grade),
        })
        .collect();
    ResultView {
        respondents: r.respondents,
        invalidated: r.invalidated,
        population: r.sufficiency.population,
        required: r.sufficiency.required,
        sufficient: r.sufficiency.sufficient,
        converted: r.index.as_ref().map(|i| i.converted.to_string()),
        grade: r.index.as_ref().map(|i| i.grade),
        grade_label: r.index.as_ref().map(|i| grade_label(page, i.grade)),
        elements,
    }
}

/// The sample rule the region chose (setting `skm_sample_rule`, default the table).
pub(crate) fn sample_rule(st: &AppState) -> SampleRule {
    SampleRule::parse(&st.settings.get("skm_sample_rule")).unwrap_or(SampleRule::Table)
}

/// The period asked for, or the current year.
fn period_of(st: &AppState, raw: Option<&String>) -> Period {
    raw.and_then(|p| Period::parse(p).ok())
        .unwrap_or_else(|| Period::year(st.clock.now().date_naive().year()))
}

fn scope(period: Period, service_id: Option<Uuid>) -> Scope {
    Scope {
        service_id,
        organisation_id: None,
        from: period.start(),
        until: period.end_exclusive(),
    }
}

async fn published_services(st: &AppState) -> Result<Vec<ServiceListItem>, AppError> {
    let f = ServiceFilter {
        published_only: true,
        page: 1,
        per_page: services::MAX_PER_PAGE,
        ..Default::default()
    };
    Ok(services::list(&st.db, &f).await?.items)
}

struct Row {
    code: String,
    name: String,
    organisation: String,
    view: ResultView,
}

struct PeriodChoice {
    code: String,
    label: String,
    selected: bool,
}

struct Detail {
    name: String,
    view: ResultView,
    chart: String,
    profile: Vec<(String, String, i64)>,
    suggestions: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "survey/ikm.html")]
struct IkmPage {
    page: PageCtx,
    period_code: String,
    period_label: String,
    periods: Vec<PeriodChoice>,
    mall: ResultView,
    rows: Vec<Row>,
    detail: Option<Detail>,
}

fn grade_label(page: &PageCtx, g: Grade) -> String {
    format!(
        "{} ({})",
        g.as_str(),
        if page.is_en() {
            g.label_en()
        } else {
            g.label_id()
        }
    )
}

/// The publication page.
pub(super) async fn page(
    page: PageCtx,
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let period = period_of(&st, q.get("period"));
    let def = store::current_definition(&st.db).await?;
    let rule = sample_rule(&st);
    let services = published_services(&st).await?;
    let chosen = q.get("service").map(|c| c.trim().to_ascii_uppercase());
    let mut rows = Vec::new();
    let mut detail = None;
    for s in &services {
        let r = store::index(&st.db, &scope(period, Some(s.id)), rule).await?;
        let view = result_view(&page, &def, &r);
        if chosen.as_deref() == Some(s.code.as_str()) {
            detail = Some(service_detail(&st, &page, &def, period, s, &r).await?);
        }
        rows.push(Row {
            code: s.code.clone(),
            name: page.pick(&s.name, &s.name_en).to_owned(),
            organisation: page
                .pick(&s.organisation_name, &s.organisation_name_en)
                .to_owned(),
            view,
        });
    }
    if chosen.is_some() && detail.is_none() {
        return Err(AppError::NotFound);
    }
    let mall = result_view(
        &page,
        &def,
        &store::index(&st.db, &scope(period, None), rule).await?,
    );
    let this_year = st.clock.now().date_naive().year();
    let periods = (this_year - 1..=this_year)
        .rev()
        .flat_map(Period::of_year)
        .map(|p| PeriodChoice {
            code: p.to_string(),
            label: if page.is_en() {
                p.label_en()
            } else {
                p.label_id()
            },
            selected: p == period,
        })
        .collect();
    let view = IkmPage {
        period_code: period.to_string(),
        period_label: if page.is_en() {
            period.label_en()
        } else {
            period.label_id()
        },
        periods,
        mall,
        rows,
        detail,
        page,
    };
    Ok(Html(view.render()?).into_response())
}

async fn service_detail(
    st: &AppState,
    page: &PageCtx,
    def: &Definition,
    period: Period,
    s: &ServiceListItem,
    r: &ScopeResult,
) -> Result<Detail, AppError> {
    let sc = scope(period, Some(s.id));
    let view = result_view(page, def, r);
    let bars: Vec<(String, f64)> = view
        .elements
        .iter()
        .map(|e| (e.name.clone(), e.converted_value))
        .collect();
    let profile = store::profile_counts(&st.db, &sc)
        .await?
        .into_iter()
        .map(|p| {
            (
                page.t(&format!("skm-profile-{}", p.field)),
                p.value,
                p.respondents,
            )
        })
        .collect();
    let suggestions = store::suggestions(&st.db, &sc, Some(true), 50)
        .await?
        .into_iter()
        .map(|g| {
            (
                crate::pages::content::format::long_date(page.lang, g.responded_on),
                g.suggestion,
            )
        })
        .collect();
    Ok(Detail {
        name: page.pick(&s.name, &s.name_en).to_owned(),
        chart: chart::bars(&page.t("skm-chart-title"), &bars),
        view,
        profile,
        suggestions,
    })
}

fn csv_field(s: &str) -> String {
    // Quote every field; a leading = + - @ is prefixed so spreadsheets do not run it.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// `/ikm/unduh.csv?period=`: one line per service with the index, grade, sufficiency and each
/// element's converted value.
pub(super) async fn csv(
    page: PageCtx,
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let period = period_of(&st, q.get("period"));
    let def = store::current_definition(&st.db).await?;
    let rule = sample_rule(&st);
    let mut head = vec![
        "period",
        "service_code",
        "service",
        "organisation",
        "respondents",
        "required",
        "sufficient",
        "invalidated",
        "ikm",
        "grade",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect::<Vec<_>>();
    head.extend(def.elements.iter().map(|e| e.code.as_str().to_owned()));
    let mut out = head
        .iter()
        .map(|h| csv_field(h))
        .collect::<Vec<_>>()
        .join(",")
        + "\r\n";
    for s in published_services(&st).await? {
        let r = store::index(&st.db, &scope(period, Some(s.id)), rule).await?;
        let v = result_view(&page, &def, &r);
        let mut line = vec![
            period.to_string(),
            s.code.clone(),
            s.name.clone(),
            s.organisation_name.clone(),
            v.respondents.to_string(),
            v.required.to_string(),
            v.sufficient.to_string(),
            v.invalidated.to_string(),
            v.converted.clone().unwrap_or_default(),
            v.grade.map(|g| g.as_str().to_owned()).unwrap_or_default(),
        ];
        line.extend(v.elements.iter().map(|e| e.converted.clone()));
        out += &(line
            .iter()
            .map(|f| csv_field(f))
            .collect::<Vec<_>>()
            .join(",")
            + "\r\n");
    }
    let name = format!("attachment; filename=\"ikm-{period}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, name),
        ],
        out,
    )
        .into_response())
}
