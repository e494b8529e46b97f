//! `/konsol/petugas`: officers with their superior (complaints about an officer go to the
//! superior, Luwu Pasal 44), the counter they serve at (Mesuji Pasal 10) and their public
//! profile and competence (Seluma Pasal 46(2)).

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_core::FieldErrors;
use balai_core::ids::Code;
use balai_store::counters::{self, CounterFilter};
use balai_store::officers::{self, OfficerFilter, OfficerInput, OfficerRow};
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
        .route("/konsol/petugas", get(list))
        .route("/konsol/petugas/baru", get(new_form).post(create))
        .route("/konsol/petugas/{id}/ubah", get(edit_form).post(update))
        .route("/konsol/petugas/{id}/aktif", post(set_active))
}

/// Civil-servant numbers (NIP) have 18 digits.
const NIP_DIGITS: usize = 18;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    instansi: String,
    tersimpan: String,
}

struct Row {
    id: String,
    name: String,
    position: String,
    organisation: String,
    counter: String,
    superior: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "console/organisations/officer_list.html")]
struct ListPage {
    page: PageCtx,
    rows: Vec<Row>,
    orgs: Vec<(String, String)>,
    instansi: String,
    saved: bool,
}

async fn list(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    Query(q): Query<ListQuery>,
) -> Result<impl IntoResponse, AppError> {
    shared::require_manage(&s)?;
    let organisation_id = if q.instansi.trim().is_empty() {
        shared::scope(&s)
    } else {
        let org = shared::org_from_path(&st, Ok(Path(q.instansi.clone()))).await?;
        shared::require_org(&s, org.id)?;
        Some(org.id)
    };
    let f = OfficerFilter {
        organisation_id,
        ..OfficerFilter::default()
    };
    let rows = officers::list(&st.db, &f)
        .await?
        .items
        .into_iter()
        .map(|o| Row {
            id: o.officer.id.to_string(),
            name: o.officer.name,
            position: o.officer.position,
            organisation: o.organisation_name,
            counter: o.counter_code.unwrap_or_default(),
            superior: o.superior_name.unwrap_or_default(),
            active: o.officer.active,
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

/// The officer form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OfficerForm {
    organisation: String,
    name: String,
    position: String,
    nip: String,
    superior: String,
    counter: String,
    public_profile: String,
    competence: String,
    version: String,
}

impl OfficerForm {
    fn from_row(o: &OfficerRow, org_code: String, counter_code: String) -> OfficerForm {
        OfficerForm {
            organisation: org_code,
            name: o.name.clone(),
            position: o.position.clone(),
            nip: o.nip.clone(),
            superior: o.superior_id.map(|u| u.to_string()).unwrap_or_default(),
            counter: counter_code,
            public_profile: o.public_profile.clone(),
            competence: o.competence.clone(),
            version: o.version.to_string(),
        }
    }

    async fn parse(
        &self,
        st: &AppState,
        s: &SignedIn,
    ) -> Result<Result<OfficerInput, FieldErrors>, AppError> {
        let mut e = FieldErrors::new();
        let org = shared::owner(st, s, &self.organisation, &mut e).await?;
        let name = shared::text("name", &self.name, 3, 120, &mut e);
        let position = shared::text("position", &self.position, 2, 160, &mut e);
        let nip: String = self.nip.chars().filter(|c| !c.is_whitespace()).collect();
        if !nip.is_empty() && (nip.len() != NIP_DIGITS || !nip.bytes().all(|b| b.is_ascii_digit()))
        {
            e.add("nip", "org-err-nip");
        }
        let superior = match self.superior.trim() {
            "" => None,
            raw => match Uuid::parse_str(raw) {
                Ok(u) => Some(u),
                Err(_) => {
                    e.add("superior", "org-err-superior-unknown");
                    None
                }
            },
        };
        let counter_code = match self.counter.trim() {
            "" => None,
            raw => e.take("counter", Code::parse(raw)),
        };
        let public_profile = shared::text("public_profile", &self.public_profile, 0, 2000, &mut e);
        let competence = shared::text("competence", &self.competence, 0, 1000, &mut e);
        Ok(match org {
            Some(organisation_id) if e.is_empty() => Ok(OfficerInput {
                organisation_id,
                name,
                position,
                nip,
                superior_id: superior,
                counter_code,
                public_profile,
                competence,
            }),
            _ => Err(e),
        })
    }
}

#[derive(Template)]
#[template(path = "console/organisations/officer_form.html")]
struct FormPage {
    page: PageCtx,
    form: OfficerForm,
    msgs: Msgs,
    orgs: Vec<(String, String)>,
    superiors: Vec<(String, String)>,
    counters: Vec<(String, String)>,
    /// `Some((id, name, active))` when editing.
    editing: Option<(String, String, bool)>,
    saved: bool,
}

/// Renders the officer form. Superiors may be any officer of the mall (a head of agency answers
/// to the regional secretary); counters only those the manager may assign.
async fn render_form(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    form: OfficerForm,
    state: &FormState,
    editing: Option<(String, String, bool)>,
    saved: bool,
) -> Result<String, AppError> {
    let own = editing.as_ref().map(|e| e.0.clone()).unwrap_or_default();
    let superiors = officers::list(&st.db, &OfficerFilter::default())
        .await?
        .items
        .into_iter()
        .filter(|o| o.officer.id.to_string() != own)
        .map(|o| {
            let label = format!(
                "{} — {} ({})",
                o.officer.name, o.officer.position, o.organisation_code
            );
            (o.officer.id.to_string(), label)
        })
        .collect();
    let f = CounterFilter {
        organisation_id: shared::scope(s),
        ..CounterFilter::default()
    };
    let counters = counters::list(&st.db, &f)
        .await?
        .items
        .into_iter()
        .map(|k| {
            let label = format!(
                "{} — {} ({})",
                k.counter.code, k.counter.name, k.organisation_code
            );
            (k.counter.code, label)
        })
        .collect();
    let t = FormPage {
        msgs: Msgs::new(&page, state),
        orgs: shared::org_options(st, s).await?,
        superiors,
        counters,
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
    let form = OfficerForm {
        organisation: q.instansi.trim().to_ascii_uppercase(),
        ..OfficerForm::default()
    };
    Ok(Html(
        render_form(page, &st, &s, form, &FormState::default(), None, false).await?,
    ))
}

fn saved_url(id: Uuid) -> String {
    format!("/konsol/petugas/{id}/ubah?tersimpan=1")
}

async fn create(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    PageForm(form): PageForm<OfficerForm>,
) -> Result<Response, AppError> {
    shared::require_manage(&s)?;
    let refusal = match form.parse(&st, &s).await? {
        Err(errors) => Refusal::Fields(errors),
        Ok(input) => {
            let mut tx = st.db.begin().await?;
            match officers::create(&mut tx, &shared::audit_ctx(&st, &s), &input).await {
                Ok(row) => {
                    tx.commit().await?;
                    return Ok(Redirect::to(&saved_url(row.id)).into_response());
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

/// The officer named in the URL, if the manager may touch their organisation.
async fn officer_from_path(
    st: &AppState,
    s: &SignedIn,
    raw: Result<Path<String>, PathRejection>,
) -> Result<OfficerRow, AppError> {
    let id = shared::id_from_path(raw)?;
    let o = officers::get(&st.db, id).await?.ok_or(AppError::NotFound)?;
    shared::require_org(s, o.organisation_id)?;
    Ok(o)
}

async fn codes_of(st: &AppState, o: &OfficerRow) -> Result<(String, String), AppError> {
    let org = orgs::get(&st.db, o.organisation_id)
        .await?
        .map(|x| x.code)
        .unwrap_or_default();
    let counter = match o.counter_id {
        Some(k) => counters::get(&st.db, k)
            .await?
            .map(|k| k.code)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok((org, counter))
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
    let o = officer_from_path(&st, &s, raw).await?;
    let (org, counter) = codes_of(&st, &o).await?;
    let form = OfficerForm::from_row(&o, org, counter);
    let editing = Some((o.id.to_string(), o.name.clone(), o.active));
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
    PageForm(mut form): PageForm<OfficerForm>,
) -> Result<Response, AppError> {
    shared::require_manage(&s)?;
    let o = officer_from_path(&st, &s, raw).await?;
    let refusal = match form.parse(&st, &s).await? {
        Err(errors) => Refusal::Fields(errors),
        Ok(input) => {
            let mut tx = st.db.begin().await?;
            let ctx = shared::audit_ctx(&st, &s);
            match officers::update(&mut tx, &ctx, o.id, shared::version(&form.version), &input)
                .await
            {
                Ok(row) => {
                    tx.commit().await?;
                    return Ok(Redirect::to(&saved_url(row.id)).into_response());
                }
                Err(e) => shared::refusal(e)?,
            }
        }
    };
    if matches!(refusal, Refusal::Conflict) {
        form.version = o.version.to_string();
    }
    let (state, status) = refusal.into_state(&page);
    let editing = Some((o.id.to_string(), o.name.clone(), o.active));
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
    let o = officer_from_path(&st, &s, raw).await?;
    let active = form.active.trim() == "true";
    let mut tx = st.db.begin().await?;
    officers::set_active(
        &mut tx,
        &shared::audit_ctx(&st, &s),
        o.id,
        shared::version(&form.version),
        active,
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&saved_url(o.id)).into_response())
}
