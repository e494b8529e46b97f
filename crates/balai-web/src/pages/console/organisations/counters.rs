//! `/konsol/gerai`: counters of each organisation in the mall (Mesuji Pasal 1(15)), with their
//! place in the building and opening hours typed in one line (`Sen-Jum 08:00-15:00`).

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_core::FieldErrors;
use balai_core::catalog::OpeningHours;
use balai_core::ids::Code;
use balai_store::counters::{self, CounterFilter, CounterInput, CounterRow};
use balai_store::organisations as orgs;
use serde::Deserialize;
use uuid::Uuid;

use super::shared::{self, Msgs, Refusal};
use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::{FormState, PageForm};
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/gerai", get(list))
        .route("/konsol/gerai/baru", get(new_form).post(create))
        .route("/konsol/gerai/{kode}/ubah", get(edit_form).post(update))
        .route("/konsol/gerai/{kode}/aktif", post(set_active))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    instansi: String,
    tersimpan: String,
}

struct Row {
    code: String,
    name: String,
    organisation: String,
    location: String,
    hours: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "console/organisations/counter_list.html")]
struct ListPage {
    page: PageCtx,
    rows: Vec<Row>,
    orgs: Vec<(String, String)>,
    instansi: String,
    saved: bool,
}

/// The organisation filter of a list: none, or one the manager may see; else 404/403.
async fn filter_org(st: &AppState, s: &SignedIn, raw: &str) -> Result<Option<Uuid>, AppError> {
    if raw.trim().is_empty() {
        return Ok(shared::scope(s));
    }
    let code = Code::parse(raw).map_err(|_| AppError::NotFound)?;
    let org = orgs::get_by_code(&st.db, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    shared::require_org(s, org.id)?;
    Ok(Some(org.id))
}

async fn list(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    Query(q): Query<ListQuery>,
) -> Result<impl IntoResponse, AppError> {
    shared::require_manage(&s)?;
    let f = CounterFilter {
        organisation_id: filter_org(&st, &s, &q.instansi).await?,
        ..CounterFilter::default()
    };
    let rows = counters::list(&st.db, &f)
        .await?
        .items
        .into_iter()
        .map(|k| Row {
            hours: k.counter.hours().display_id(),
            location: [
                k.counter.building.as_str(),
                k.counter.floor.as_str(),
                k.counter.position.as_str(),
            ]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
            code: k.counter.code,
            name: k.counter.name,
            organisation: k.organisation_name,
            active: k.counter.active,
        })
        .collect();
    let t = ListPage {
        orgs: shared::org_options(&st, &s).await?,
        rows,
        instansi: q.instansi.trim().to_ascii_uppercase(),
        saved: !q.tersimpan.is_empty(),
        page,
    };
    Ok(Html(t.render()?))
}

/// The counter form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CounterForm {
    organisation: String,
    code: String,
    name: String,
    building: String,
    floor: String,
    position: String,
    opening_hours: String,
    version: String,
}

impl CounterForm {
    fn from_row(k: &CounterRow, org_code: String) -> CounterForm {
        CounterForm {
            organisation: org_code,
            code: k.code.clone(),
            name: k.name.clone(),
            building: k.building.clone(),
            floor: k.floor.clone(),
            position: k.position.clone(),
            opening_hours: k.hours().to_compact(),
            version: k.version.to_string(),
        }
    }

    async fn parse(
        &self,
        st: &AppState,
        s: &SignedIn,
    ) -> Result<Result<CounterInput, FieldErrors>, AppError> {
        let mut e = FieldErrors::new();
        let org = shared::owner(st, s, &self.organisation, &mut e).await?;
        let code = e.take("code", Code::parse(&self.code));
        let name = shared::text("name", &self.name, 2, 120, &mut e);
        let building = shared::text("building", &self.building, 1, 120, &mut e);
        let floor = shared::text("floor", &self.floor, 0, 60, &mut e);
        let position = shared::text("position", &self.position, 0, 120, &mut e);
        let hours = e.take(
            "opening_hours",
            OpeningHours::parse_compact(&self.opening_hours),
        );
        Ok(match (org, code, hours) {
            (Some(organisation_id), Some(code), Some(opening_hours)) if e.is_empty() => {
                Ok(CounterInput {
                    organisation_id,
                    code,
                    name,
                    building,
                    floor,
                    position,
                    opening_hours,
                })
            }
            _ => Err(e),
        })
    }
}

#[derive(Template)]
#[template(path = "console/organisations/counter_form.html")]
struct FormPage {
    page: PageCtx,
    form: CounterForm,
    msgs: Msgs,
    orgs: Vec<(String, String)>,
    /// `Some((code, active))` when editing.
    editing: Option<(String, bool)>,
    saved: bool,
}

async fn render_form(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    form: CounterForm,
    state: &FormState,
    editing: Option<(String, bool)>,
    saved: bool,
) -> Result<String, AppError> {
    let t = FormPage {
        msgs: Msgs::new(&page, state),
        orgs: shared::org_options(st, s).await?,
        form,
        editing,
        saved,
        page,
    };
    Ok(t.render()?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NewQuery {
    instansi: String,
}

async fn new_form(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    Query(q): Query<NewQuery>,
) -> Result<impl IntoResponse, AppError> {
    shared::require_manage(&s)?;
    let form = CounterForm {
        organisation: q.instansi.trim().to_ascii_uppercase(),
        opening_hours: "Sen-Jum 08:00-15:00".into(),
        ..CounterForm::default()
    };
    Ok(Html(
        render_form(page, &st, &s, form, &FormState::default(), None, false).await?,
    ))
}

fn saved_url(code: &str) -> String {
    format!("/konsol/gerai/{code}/ubah?tersimpan=1")
}

async fn create(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    PageForm(form): PageForm<CounterForm>,
) -> Result<Response, AppError> {
    shared::require_manage(&s)?;
    let refusal = match form.parse(&st, &s).await? {
        Err(errors) => Refusal::Fields(errors),
        Ok(input) => {
            let mut tx = st.db.begin().await?;
            match counters::create(&mut tx, &shared::audit_ctx(&st, &s), &input).await {
                Ok(row) => {
                    tx.commit().await?;
                    return Ok(Redirect::to(&saved_url(&row.code)).into_response());
                }
                Err(e) => shared::refusal(e)?,
            }
        }
    };
    let (state, status) = refusal.into_state(&page);
    Ok((
        status,
        Html(render_form(page, &st, &s, form, &state, None, false).await?),
    )
        .into_response())
}

/// The counter named in the URL, if the manager may touch its organisation.
async fn counter_from_path(
    st: &AppState,
    s: &SignedIn,
    raw: Result<Path<String>, PathRejection>,
) -> Result<CounterRow, AppError> {
    let code = shared::code_from_path(raw)?;
    let k = counters::get_by_code(&st.db, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    shared::require_org(s, k.organisation_id)?;
    Ok(k)
}

async fn org_code(st: &AppState, id: Uuid) -> Result<String, AppError> {
    Ok(orgs::get(&st.db, id)
        .await?
        .map(|o| o.code)
        .unwrap_or_default())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SavedQuery {
    tersimpan: String,
}

async fn edit_form(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    raw: Result<Path<String>, PathRejection>,
    Query(q): Query<SavedQuery>,
) -> Result<impl IntoResponse, AppError> {
    shared::require_manage(&s)?;
    let k = counter_from_path(&st, &s, raw).await?;
    let form = CounterForm::from_row(&k, org_code(&st, k.organisation_id).await?);
    let editing = Some((k.code.clone(), k.active));
    let saved = !q.tersimpan.is_empty();
    Ok(Html(
        render_form(page, &st, &s, form, &FormState::default(), editing, saved).await?,
    ))
}

async fn update(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    raw: Result<Path<String>, PathRejection>,
    PageForm(mut form): PageForm<CounterForm>,
) -> Result<Response, AppError> {
    shared::require_manage(&s)?;
    let k = counter_from_path(&st, &s, raw).await?;
    let refusal = match form.parse(&st, &s).await? {
        Err(errors) => Refusal::Fields(errors),
        Ok(input) => {
            let mut tx = st.db.begin().await?;
            let ctx = shared::audit_ctx(&st, &s);
            match counters::update(&mut tx, &ctx, k.id, shared::version(&form.version), &input)
                .await
            {
                Ok(row) => {
                    tx.commit().await?;
                    return Ok(Redirect::to(&saved_url(&row.code)).into_response());
                }
                Err(e) => shared::refusal(e)?,
            }
        }
    };
    if matches!(refusal, Refusal::Conflict) {
        form.version = k.version.to_string();
    }
    let (state, status) = refusal.into_state(&page);
    let editing = Some((k.code.clone(), k.active));
    Ok((
        status,
        Html(render_form(page, &st, &s, form, &state, editing, false).await?),
    )
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ActiveForm {
    version: String,
    active: String,
}

async fn set_active(
    State(st): State<AppState>,
    Staff(s): Staff,
    raw: Result<Path<String>, PathRejection>,
    PageForm(form): PageForm<ActiveForm>,
) -> Result<Response, AppError> {
    shared::require_manage(&s)?;
    let k = counter_from_path(&st, &s, raw).await?;
    let active = form.active.trim() == "true";
    let mut tx = st.db.begin().await?;
    counters::set_active(
        &mut tx,
        &shared::audit_ctx(&st, &s),
        k.id,
        shared::version(&form.version),
        active,
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&saved_url(&k.code)).into_response())
}
