//! `/konsol/kalender` (CalendarManage): the holidays of a year with their decree, loading a
//! year, cuti bersama on or off, each office's weekdays and time zone, the deadline rules with
//! their citation, and a due-date calculator that uses the same calendar the deadlines do
//! (national-rules §4, architecture §3).

use std::collections::HashMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_core::FieldErrors;
use balai_core::calendar::{Holiday, HolidayKind, holidays_2026};
use balai_core::identity::Permission;
use balai_store::StoreError;
use balai_store::calendar as cal;
use chrono::Datelike;
use uuid::Uuid;

use super::calendar_forms::{DueQuery, HolidayForm, RuleForm, WeekForm, YearForm};
use super::calendar_views::{
    DueView, Forms, HolidayView, RuleView, WeekView, YearView, due, kind_label, rule_views,
    week_views,
};
use super::{Messages, audit_ctx};
use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::PageForm;
use crate::page::PageCtx;
use crate::pages::content::format;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/kalender", get(show))
        .route("/konsol/kalender/libur", post(add_holiday))
        .route("/konsol/kalender/libur/{id}/hapus", post(remove_holiday))
        .route("/konsol/kalender/tahun", post(load_year))
        .route("/konsol/kalender/pekan", post(set_week))
        .route("/konsol/kalender/cuti-bersama", post(set_cuti_bersama))
        .route("/konsol/kalender/tenggat/{code}", post(update_rule))
}

fn manager(s: Staff) -> Result<SignedIn, AppError> {
    s.0.require(Permission::CalendarManage)?;
    Ok(s.0)
}

#[derive(Template)]
#[template(path = "console/content/calendar.html")]
struct CalendarPage {
    page: PageCtx,
    year: i32,
    year_loaded: bool,
    holidays: Vec<HolidayView>,
    years: Vec<YearView>,
    cuti_bersama_is_holiday: bool,
    weeks: Vec<WeekView>,
    rules: Vec<RuleView>,
    due_query: DueQuery,
    due: Option<DueView>,
    due_errors: Messages,
    forms: Forms,
    saved: bool,
    kinds: Vec<(&'static str, &'static str)>,
}

async fn render(
    page: PageCtx,
    st: &AppState,
    year: i32,
    q: &HashMap<String, String>,
    forms: Forms,
    status: StatusCode,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let holidays = cal::holidays(&st.db, Some(year))
        .await?
        .into_iter()
        .map(|h| {
            let kind = HolidayKind::parse(&h.kind).ok();
            HolidayView {
                id: h.id.to_string(),
                date: format::day_and_date(lang, h.day),
                kind_label: kind
                    .map(|k| kind_label(lang, k))
                    .unwrap_or_default()
                    .to_string(),
                kind: h.kind,
                name: h.name,
                decree: h.decree,
            }
        })
        .collect();
    let mall = cal::work_calendar(&st.db, None).await?;
    let (offset, zone) = (mall.week().utc_offset_hours, mall.week().zone_label());
    let year_rows = cal::years(&st.db).await?;
    let years: Vec<YearView> = year_rows
        .into_iter()
        .map(|y| YearView {
            year: y.year,
            decree: y.decree,
            loaded_at: format::local_time(lang, y.loaded_at, offset, &zone),
        })
        .collect();
    let cuti = mall.cuti_bersama_is_holiday();
    let due_query = DueQuery::from_query(q);
    let (due, due_errors) = due(st, &page, &due_query).await?;
    let t = CalendarPage {
        year,
        year_loaded: years.iter().any(|y| y.year == year),
        holidays,
        years,
        cuti_bersama_is_holiday: cuti,
        weeks: week_views(st, &page).await?,
        rules: rule_views(st, &page, &forms).await?,
        due_query,
        due,
        due_errors,
        saved: q.contains_key("tersimpan"),
        kinds: HolidayKind::ALL
            .iter()
            .map(|k| (k.as_str(), kind_label(lang, *k)))
            .collect(),
        forms,
        page,
    };
    Ok((status, Html(t.render()?)).into_response())
}

/// The year shown: `?tahun=`, else this year in the mall's zone.
async fn shown_year(st: &AppState, q: &HashMap<String, String>) -> Result<i32, AppError> {
    if let Some(y) = q.get("tahun").and_then(|y| y.trim().parse::<i32>().ok()) {
        return super::calendar_forms::YEARS
            .contains(&y)
            .then_some(y)
            .ok_or(AppError::NotFound);
    }
    Ok(cal::week_of(&st.db, None)
        .await?
        .local_date(st.clock.now())
        .year())
}

async fn show(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    manager(s)?;
    let year = shown_year(&st, &q).await?;
    render(page, &st, year, &q, Forms::default(), StatusCode::OK).await
}

fn saved(year: i32, anchor: &str) -> Response {
    Redirect::to(&format!(
        "/konsol/kalender?tahun={year}&tersimpan=1#{anchor}"
    ))
    .into_response()
}

/// Shows the page again with a refused form.
async fn refused(
    page: PageCtx,
    st: &AppState,
    year: i32,
    forms: Forms,
    status: StatusCode,
) -> Result<Response, AppError> {
    render(page, st, year, &HashMap::new(), forms, status).await
}

async fn add_holiday(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    PageForm(form): PageForm<HolidayForm>,
) -> Result<Response, AppError> {
    let s = manager(s)?;
    let year_now = shown_year(&st, &HashMap::new()).await?;
    let holiday: Holiday = match form.parse() {
        Ok(h) => h,
        Err(errs) => {
            let forms = Forms {
                errors: Messages::from_keys(&page, &errs),
                holiday: form,
                ..Default::default()
            };
            return refused(page, &st, year_now, forms, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    match cal::add_holiday(&mut tx, &ctx, &holiday).await {
        Ok(_) => {
            tx.commit().await?;
            Ok(saved(holiday.date.year(), "libur"))
        }
        Err(StoreError::Duplicate(_)) => {
            let mut errs = FieldErrors::new();
            errs.add("day", "err-holiday-duplicate");
            let forms = Forms {
                errors: Messages::from_keys(&page, &errs),
                holiday: form,
                ..Default::default()
            };
            refused(
                page,
                &st,
                holiday.date.year(),
                forms,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

async fn remove_holiday(
    s: Staff,
    State(st): State<AppState>,
    Path(id): Path<String>,
    PageForm(_): PageForm<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let s = manager(s)?;
    let id = Uuid::parse_str(id.trim()).map_err(|_| AppError::NotFound)?;
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    let removed = cal::remove_holiday(&mut tx, &ctx, id).await?;
    tx.commit().await?;
    Ok(saved(removed.day.year(), "libur"))
}

async fn load_year(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    PageForm(form): PageForm<YearForm>,
) -> Result<Response, AppError> {
    let s = manager(s)?;
    let (year, decree) = match form.parse() {
        Ok(v) => v,
        Err(errs) => {
            let year_now = shown_year(&st, &HashMap::new()).await?;
            let forms = Forms {
                errors: Messages::from_keys(&page, &errs),
                year: form,
                ..Default::default()
            };
            return refused(page, &st, year_now, forms, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    // The shipped data covers 2026; other years are entered holiday by holiday, then marked.
    let shipped: Vec<Holiday> = holidays_2026()
        .into_iter()
        .filter(|h| h.date.year() == year)
        .collect();
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    cal::load_year(&mut tx, &ctx, year, &decree, &shipped).await?;
    tx.commit().await?;
    Ok(saved(year, "tahun"))
}

async fn set_week(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    PageForm(form): PageForm<WeekForm>,
) -> Result<Response, AppError> {
    let s = manager(s)?;
    let year_now = shown_year(&st, &HashMap::new()).await?;
    let mut parsed = form.parse();
    if let Ok((code, _)) = &parsed
        && !cal::office_known(&st.db, code).await?
    {
        let mut errs = FieldErrors::new();
        errs.add("office_code", "err-invalid-choice");
        parsed = Err(errs);
    }
    let (code, week) = match parsed {
        Ok(v) => v,
        Err(errs) => {
            let forms = Forms {
                errors: Messages::from_keys(&page, &errs),
                week: form,
                ..Default::default()
            };
            return refused(page, &st, year_now, forms, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    cal::set_office_week(&mut tx, &ctx, &code, &week).await?;
    tx.commit().await?;
    Ok(saved(year_now, "pekan"))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct CutiForm {
    cuti_bersama_is_holiday: bool,
}

async fn set_cuti_bersama(
    s: Staff,
    State(st): State<AppState>,
    PageForm(form): PageForm<CutiForm>,
) -> Result<Response, AppError> {
    let s = manager(s)?;
    let value = if form.cuti_bersama_is_holiday {
        "true"
    } else {
        "false"
    };
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    balai_store::settings::set(&mut tx, &ctx, cal::CUTI_BERSAMA_SETTING, value).await?;
    tx.commit().await?;
    st.settings.reload(&st.db).await?;
    let year_now = shown_year(&st, &HashMap::new()).await?;
    Ok(saved(year_now, "cuti-bersama"))
}

async fn update_rule(
    page: PageCtx,
    s: Staff,
    State(st): State<AppState>,
    Path(code): Path<String>,
    PageForm(form): PageForm<RuleForm>,
) -> Result<Response, AppError> {
    let s = manager(s)?;
    let code = code.trim().to_string();
    let mut reader = cal::Reader::Db(&st.db);
    if cal::deadline_rule(&mut reader, &code).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let year_now = shown_year(&st, &HashMap::new()).await?;
    let edit = match form.parse() {
        Ok(e) => e,
        Err(errs) => {
            let rule_errors = Messages::from_keys(&page, &errs);
            let forms = Forms {
                rule_code: code,
                rule_form: form,
                rule_errors,
                ..Default::default()
            };
            return refused(page, &st, year_now, forms, StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let token = Some(form.token.as_str()).filter(|t| !t.is_empty());
    let ctx = audit_ctx(&s, &st);
    let mut tx = st.db.begin().await?;
    match cal::update_deadline_rule(&mut tx, &ctx, &code, token, &edit).await {
        Ok(_) => {
            tx.commit().await?;
            Ok(saved(year_now, &format!("tenggat-{code}")))
        }
        Err(StoreError::Conflict(_)) => {
            let message = page.t("calendar-rule-conflict");
            let forms = Forms {
                rule_code: code,
                rule_form: form,
                message,
                ..Default::default()
            };
            refused(page, &st, year_now, forms, StatusCode::CONFLICT).await
        }
        Err(e) => Err(e.into()),
    }
}
