//! `/konsol/skm`: the survey at the counter. Officers issue an invitation by hand for a
//! finished transaction (or open it on the counter's tablet for the visitor just served) and
//! type in paper questionnaires; moderators publish or hide suggestions and invalidate a
//! response with a reason (a new recorded event; the response itself stays, Luwu Pasal 18(e)).

use std::collections::BTreeMap;

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_core::FieldErrors;
use balai_core::identity::Permission;
use balai_core::survey::{Answers, Education, Occupation, Sex};
use balai_store::StoreError;
use balai_store::services::{self, ServiceFilter};
use balai_store::survey::{self as store, NewResponse, PaperBatch, Scope, SourceKind};
use chrono::{Duration, NaiveDate};
use uuid::Uuid;

use super::users::{audit_ctx, id_from_path};
use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::{FormState, PageForm};
use crate::page::PageCtx;
use crate::pages::survey::{ElementText, element_text};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/skm", get(overview))
        .route("/konsol/skm/undangan", post(issue))
        .route("/konsol/skm/kertas", get(paper_form).post(paper_save))
        .route("/konsol/skm/saran/{id}", post(review))
        .route("/konsol/skm/batal", post(invalidate))
}

/// How long an invitation stays valid unless the region set `skm_invitation_days`.
const DEFAULT_VALID_DAYS: i64 = 30;

fn valid_days(st: &AppState) -> i64 {
    st.settings
        .get("skm_invitation_days")
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=366).contains(d))
        .unwrap_or(DEFAULT_VALID_DAYS)
}

struct ServiceChoice {
    code: String,
    name: String,
}

/// The services the staff member may survey: their organisation's, or all for mall-wide roles.
async fn my_services(
    st: &AppState,
    s: &SignedIn,
) -> Result<Vec<(ServiceChoice, Uuid, Uuid)>, AppError> {
    let f = ServiceFilter {
        published_only: true,
        organisation_id: if s.role.is_mall_wide() {
            None
        } else {
            s.actor.organisation_id
        },
        page: 1,
        per_page: services::MAX_PER_PAGE,
        ..Default::default()
    };
    Ok(services::list(&st.db, &f)
        .await?
        .items
        .into_iter()
        .filter(|i| s.actor.can_touch_org(i.organisation_id))
        .map(|i| {
            (
                ServiceChoice {
                    code: i.code.clone(),
                    name: i.name.clone(),
                },
                i.id,
                i.organisation_id,
            )
        })
        .collect())
}

struct Pending {
    id: Uuid,
    day: String,
    text: String,
}

#[derive(Template)]
#[template(path = "console/survey/overview.html")]
struct Overview {
    page: PageCtx,
    services: Vec<ServiceChoice>,
    pending: Vec<Pending>,
    issued: Option<(String, String, String)>,
    form: BTreeMap<String, String>,
    st: FormState,
    notice: String,
}

impl Overview {
    fn value(&self, k: &str) -> &str {
        self.form.get(k).map(String::as_str).unwrap_or("")
    }
}

async fn render_overview(
    st: &AppState,
    page: PageCtx,
    s: &SignedIn,
    form: BTreeMap<String, String>,
    state: FormState,
    issued: Option<(String, String, String)>,
    notice: String,
) -> Result<Response, AppError> {
    let services = my_services(st, s)
        .await?
        .into_iter()
        .map(|(c, _, _)| c)
        .collect();
    let mut pending = Vec::new();
    if s.actor.has(Permission::CommentModerate) {
        let today = st.clock.now().date_naive();
        let scope = Scope {
            service_id: None,
            organisation_id: if s.role.is_mall_wide() {
                None
            } else {
                s.actor.organisation_id
            },
            from: today - Duration::days(3660),
            until: today + Duration::days(1),
        };
        for g in store::suggestions(&st.db, &scope, None, 50).await? {
            pending.push(Pending {
                id: g.response_id,
                day: crate::pages::content::format::long_date(page.lang, g.responded_on),
                text: g.suggestion,
            });
        }
    }
    let status = if state.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let view = Overview {
        page,
        services,
        pending,
        issued,
        form,
        st: state,
        notice,
    };
    Ok((status, Html(view.render()?)).into_response())
}

fn require_any(s: &SignedIn) -> Result<(), AppError> {
    if s.actor.has(Permission::QueueServe) || s.actor.has(Permission::CommentModerate) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn overview(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Query(q): Query<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    require_any(&s)?;
    let notice = match q.get("ok").map(String::as_str) {
        Some("kertas") => page.t("skm-console-paper-saved"),
        Some("saran") => page.t("skm-console-reviewed"),
        Some("batal") => page.t("skm-console-invalidated"),
        _ => String::new(),
    };
    render_overview(
        &st,
        page,
        &s,
        BTreeMap::new(),
        FormState::default(),
        None,
        notice,
    )
    .await
}

/// Issues an invitation for a finished transaction by hand; on the tablet it opens at once.
async fn issue(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    PageForm(form): PageForm<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    s.require(Permission::QueueServe)?;
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let mut errors = FieldErrors::new();
    let (code, reference) = (get("service").to_ascii_uppercase(), get("reference"));
    let service = my_services(&st, &s)
        .await?
        .into_iter()
        .find(|(c, _, _)| c.code == code);
    if service.is_none() {
        errors.add(
            "service",
            if code.is_empty() {
                "err-required"
            } else {
                "err-unknown-value"
            },
        );
    }
    match reference.chars().count() {
        0 => errors.add("reference", "err-required"),
        n if n > 64 => errors.add("reference", "err-too-long"),
        _ => {}
    }
    let Some((choice, service_id, organisation_id)) = service.filter(|_| errors.is_empty()) else {
        let state = FormState {
            errors,
            message: None,
        };
        return render_overview(&st, page, &s, form, state, None, String::new()).await;
    };
    let ctx = audit_ctx(&st, &s);
    let until = ctx.at + Duration::days(valid_days(&st));
    let mut tx = st.db.begin().await?;
    let source = format!("{}:{reference}", choice.code);
    let inv = match store::invite(
        &mut tx,
        &ctx,
        SourceKind::Manual,
        &source,
        service_id,
        organisation_id,
        until,
    )
    .await
    {
        Ok(inv) => inv,
        Err(StoreError::Duplicate(_)) => {
            let mut errors = FieldErrors::new();
            errors.add("reference", "skm-err-invitation-exists");
            let state = FormState {
                errors,
                message: None,
            };
            return render_overview(&st, page, &s, form, state, None, String::new()).await;
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    if get("tablet") == "true" {
        return Ok(Redirect::to(&format!("/survei/{}?mode=tablet", inv.code)).into_response());
    }
    let link = format!(
        "{}/survei/{}",
        st.config.public_url.trim_end_matches('/'),
        inv.code
    );
    let qr = balai_docs::qr_svg(&link).map_err(|e| AppError::Internal(e.to_string()))?;
    let issued = Some((inv.code, link, qr));
    render_overview(
        &st,
        page,
        &s,
        BTreeMap::new(),
        FormState::default(),
        issued,
        String::new(),
    )
    .await
}

#[derive(Template)]
#[template(path = "console/survey/paper.html")]
struct PaperPage {
    page: PageCtx,
    services: Vec<ServiceChoice>,
    elements: Vec<ElementText>,
    sexes: Vec<(&'static str, &'static str)>,
    educations: Vec<(&'static str, &'static str)>,
    occupations: Vec<(&'static str, &'static str)>,
    form: BTreeMap<String, String>,
    st: FormState,
}

impl PaperPage {
    fn value(&self, k: &str) -> &str {
        self.form.get(k).map(String::as_str).unwrap_or("")
    }
}

async fn render_paper(
    st: &AppState,
    page: PageCtx,
    s: &SignedIn,
    form: BTreeMap<String, String>,
    state: FormState,
) -> Result<Response, AppError> {
    let def = store::current_definition(&st.db).await?;
    let pick = |id: &'static str, en: &'static str| if page.is_en() { en } else { id };
    let view = PaperPage {
        services: my_services(st, s)
            .await?
            .into_iter()
            .map(|(c, _, _)| c)
            .collect(),
        elements: def
            .elements
            .iter()
            .map(|e| element_text(&page, e))
            .collect(),
        sexes: Sex::ALL
            .iter()
            .map(|v| (v.as_str(), pick(v.label_id(), v.label_en())))
            .collect(),
        educations: Education::ALL
            .iter()
            .map(|v| (v.as_str(), pick(v.label_id(), v.label_en())))
            .collect(),
        occupations: Occupation::ALL
            .iter()
            .map(|v| (v.as_str(), pick(v.label_id(), v.label_en())))
            .collect(),
        form,
        st: state,
        page,
    };
    let status = if view.st.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, Html(view.render()?)).into_response())
}

async fn paper_form(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
) -> Result<Response, AppError> {
    s.require(Permission::QueueServe)?;
    render_paper(&st, page, &s, BTreeMap::new(), FormState::default()).await
}

/// Stores one paper questionnaire typed in by the officer, as a console batch of one.
async fn paper_save(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    PageForm(form): PageForm<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    s.require(Permission::QueueServe)?;
    let def = store::current_definition(&st.db).await?;
    let code = form
        .get("service")
        .map(|c| c.trim().to_ascii_uppercase())
        .unwrap_or_default();
    let service = my_services(&st, &s)
        .await?
        .into_iter()
        .find(|(c, _, _)| c.code == code);
    let today = st.clock.now().date_naive();
    let date = form
        .get("date")
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .filter(|d| *d <= today);
    let answers = Answers::parse(&def, &form);
    let mut errors = FieldErrors::new();
    if service.is_none() {
        errors.add(
            "service",
            if code.is_empty() {
                "err-required"
            } else {
                "err-unknown-value"
            },
        );
    }
    if date.is_none() {
        errors.add("date", "skm-err-date");
    }
    if let Err(e) = &answers {
        errors.0.extend(e.0.iter().cloned());
    }
    let (Some((_, service_id, organisation_id)), Some(date), Ok(answers)) =
        (service, date, answers)
    else {
        return render_paper(
            &st,
            page,
            &s,
            form,
            FormState {
                errors,
                message: None,
            },
        )
        .await;
    };
    let ctx = audit_ctx(&st, &s);
    let row = NewResponse {
        definition_version: def.version,
        service_id,
        organisation_id,
        responded_on: date,
        answers,
    };
    let mut tx = st.db.begin().await?;
    store::ensure_default(&mut tx, &ctx).await?;
    store::record_paper(&mut tx, &ctx, PaperBatch::Console, &[row]).await?;
    tx.commit().await?;
    Ok(Redirect::to("/konsol/skm?ok=kertas").into_response())
}

/// The organisation a response belongs to; unknown responses are 404.
async fn response_org(st: &AppState, id: Uuid) -> Result<Uuid, AppError> {
    store::response_organisation(&st.db, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// Publishes (`publish=1`) or hides a suggestion.
async fn review(
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    PageForm(form): PageForm<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    s.require(Permission::CommentModerate)?;
    let id = id_from_path(raw)?;
    s.actor
        .require_org(Permission::CommentModerate, response_org(&st, id).await?)?;
    let publish = form.get("publish").is_some_and(|v| v == "1");
    let mut tx = st.db.begin().await?;
    store::review_suggestion(&mut tx, &audit_ctx(&st, &s), id, publish).await?;
    tx.commit().await?;
    Ok(Redirect::to("/konsol/skm?ok=saran").into_response())
}

/// Invalidates a response with a reason.
async fn invalidate(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    PageForm(form): PageForm<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    s.require(Permission::CommentModerate)?;
    let get = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let mut errors = FieldErrors::new();
    let id = Uuid::parse_str(&get("response_id")).ok();
    let org = match id {
        Some(id) => store::response_organisation(&st.db, id).await?,
        None => None,
    };
    if org.is_none() {
        errors.add("response_id", "skm-err-unknown-response");
    }
    let reason = get("reason");
    match reason.chars().count() {
        0..=4 => errors.add("reason", "err-too-short"),
        n if n > 500 => errors.add("reason", "err-too-long"),
        _ => {}
    }
    let (Some(id), Some(org)) = (id, org) else {
        return render_overview(
            &st,
            page,
            &s,
            form,
            FormState {
                errors,
                message: None,
            },
            None,
            String::new(),
        )
        .await;
    };
    if !errors.is_empty() {
        return render_overview(
            &st,
            page,
            &s,
            form,
            FormState {
                errors,
                message: None,
            },
            None,
            String::new(),
        )
        .await;
    }
    s.actor.require_org(Permission::CommentModerate, org)?;
    let mut tx = st.db.begin().await?;
    match store::invalidate(&mut tx, &audit_ctx(&st, &s), id, &reason).await {
        Ok(_) => {}
        Err(StoreError::Duplicate(_)) => {
            let mut errors = FieldErrors::new();
            errors.add("response_id", "skm-err-already-invalidated");
            return render_overview(
                &st,
                page,
                &s,
                form,
                FormState {
                    errors,
                    message: None,
                },
                None,
                String::new(),
            )
            .await;
        }
        Err(e) => return Err(e.into()),
    }
    tx.commit().await?;
    Ok(Redirect::to("/konsol/skm?ok=batal").into_response())
}
