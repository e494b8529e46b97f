//! `/konsol/instansi`: the mall's organisations (Mesuji Pasal 8(1)) with their agreement and work
//! plan (Pasal 8(2–3)). Only mall-wide managers register new organisations; a manager bound to
//! one organisation edits only that one.

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_core::FieldErrors;
use balai_core::catalog::OrganisationKind;
use balai_core::ids::{Code, Email, Phone};
use balai_store::files;
use balai_store::organisations::{self as orgs, OrgFilter, OrganisationInput, OrganisationRow};
use serde::Deserialize;

use super::shared::{self, Msgs, Refusal};
use crate::auth::Staff;
use crate::error::AppError;
use crate::forms::{FormState, PageForm};
use crate::page::PageCtx;
use crate::pages::content::format::local_time;
use crate::pages::organisations::{
    AGREEMENT_KINDS, agreement_label, file_size, is_web_link, kind_label,
};
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/instansi", get(list))
        .route("/konsol/instansi/baru", get(new_form).post(create))
        .route("/konsol/instansi/{kode}/ubah", get(edit_form).post(update))
        .route("/konsol/instansi/{kode}/aktif", post(set_active))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ListQuery {
    q: String,
    kind: String,
    tersimpan: String,
}

struct Row {
    code: String,
    name: String,
    kind: String,
    counters: i64,
    active: bool,
}

#[derive(Template)]
#[template(path = "console/organisations/org_list.html")]
struct ListPage {
    page: PageCtx,
    rows: Vec<Row>,
    q: String,
    kind: String,
    kinds: Vec<(String, String)>,
    can_create: bool,
    saved: bool,
}

fn kind_options(page: &PageCtx) -> Vec<(String, String)> {
    OrganisationKind::ALL
        .iter()
        .map(|k| (k.as_str().to_string(), kind_label(page, k.as_str())))
        .collect()
}

async fn list(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    Query(q): Query<ListQuery>,
) -> Result<impl IntoResponse, AppError> {
    shared::require_manage(&s)?;
    let f = OrgFilter {
        kind: OrganisationKind::parse(&q.kind).ok(),
        q: Some(q.q.chars().take(200).collect()),
        only: shared::scope(&s),
        ..OrgFilter::default()
    };
    let rows = orgs::list(&st.db, &f)
        .await?
        .items
        .into_iter()
        .map(|o| Row {
            kind: kind_label(&page, &o.org.kind),
            code: o.org.code,
            name: o.org.name,
            counters: o.counter_count,
            active: o.org.active,
        })
        .collect();
    let t = ListPage {
        kinds: kind_options(&page),
        can_create: shared::scope(&s).is_none(),
        saved: !q.tersimpan.is_empty(),
        rows,
        q: q.q,
        kind: q.kind,
        page,
    };
    Ok(Html(t.render()?))
}

/// The organisation form as typed (every field a string, so bad input comes back as typed).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OrgForm {
    code: String,
    name: String,
    name_en: String,
    kind: String,
    description: String,
    address: String,
    phone: String,
    email: String,
    website: String,
    head_name: String,
    head_position: String,
    parent_code: String,
    agreement_kind: String,
    agreement_number: String,
    agreement_date: String,
    agreement_document: String,
    workplan_number: String,
    workplan_date: String,
    version: String,
}

impl OrgForm {
    fn from_row(o: &OrganisationRow, parent_code: String) -> OrgForm {
        let date = |d: Option<chrono::NaiveDate>| {
            d.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        };
        let phone = balai_core::ids::Phone::parse(&o.phone)
            .map(|p| p.national())
            .unwrap_or_else(|_| o.phone.clone());
        OrgForm {
            code: o.code.clone(),
            name: o.name.clone(),
            name_en: o.name_en.clone(),
            kind: o.kind.clone(),
            description: o.description.clone(),
            address: o.address.clone(),
            phone,
            email: o.email.clone(),
            website: o.website.clone(),
            head_name: o.head_name.clone(),
            head_position: o.head_position.clone(),
            parent_code,
            agreement_kind: o.agreement_kind.clone(),
            agreement_number: o.agreement_number.clone(),
            agreement_date: date(o.agreement_date),
            agreement_document: o.agreement_document.clone().unwrap_or_default(),
            workplan_number: o.workplan_number.clone(),
            workplan_date: date(o.workplan_date),
            version: o.version.to_string(),
        }
    }

    /// Parses every field, collecting all problems (Mesuji Pasal 8(3): the work plan follows
    /// the agreement, so it cannot be dated before it).
    fn parse(&self) -> Result<OrganisationInput, FieldErrors> {
        let mut e = FieldErrors::new();
        let code = e.take("code", Code::parse(&self.code));
        let kind = e.take("kind", OrganisationKind::parse(&self.kind));
        let name = shared::text("name", &self.name, 3, 200, &mut e);
        let name_en = shared::text("name_en", &self.name_en, 0, 200, &mut e);
        let description = shared::text("description", &self.description, 0, 2000, &mut e);
        let address = shared::text("address", &self.address, 0, 300, &mut e);
        let phone = optional(&self.phone, |s| e.take("phone", Phone::parse(s)));
        let email = optional(&self.email, |s| e.take("email", Email::parse(s)));
        let website = shared::text("website", &self.website, 0, 200, &mut e);
        if !website.is_empty() && !is_web_link(&website) {
            e.add("website", "org-err-website");
        }
        let head_name = shared::text("head_name", &self.head_name, 0, 120, &mut e);
        let head_position = shared::text("head_position", &self.head_position, 0, 160, &mut e);
        let parent_code = optional(&self.parent_code, |s| e.take("parent_code", Code::parse(s)));
        let agreement_kind = self.agreement_kind.trim().to_string();
        if !agreement_kind.is_empty() && !AGREEMENT_KINDS.contains(&agreement_kind.as_str()) {
            e.add("agreement_kind", "err-invalid-choice");
        }
        let agreement_number =
            shared::text("agreement_number", &self.agreement_number, 0, 100, &mut e);
        let agreement_date = shared::opt_date("agreement_date", &self.agreement_date, &mut e);
        let document = shared::text(
            "agreement_document",
            &self.agreement_document,
            0,
            300,
            &mut e,
        );
        let workplan_number =
            shared::text("workplan_number", &self.workplan_number, 0, 100, &mut e);
        let workplan_date = shared::opt_date("workplan_date", &self.workplan_date, &mut e);
        if workplan_number.is_empty() != self.workplan_date.trim().is_empty() {
            e.add("workplan_number", "org-err-workplan-pair");
        }
        if let (Some(a), Some(w)) = (agreement_date, workplan_date)
            && w < a
        {
            e.add("workplan_date", "org-err-workplan-before-agreement");
        }
        match (code, kind) {
            (Some(code), Some(kind)) if e.is_empty() => Ok(OrganisationInput {
                code,
                name,
                name_en,
                kind,
                description,
                address,
                phone,
                email,
                website,
                head_name,
                head_position,
                parent_code,
                agreement_kind,
                agreement_number,
                agreement_date,
                agreement_document: if document.is_empty() {
                    None
                } else {
                    Some(document)
                },
                workplan_number,
                workplan_date,
            }),
            _ => Err(e),
        }
    }
}

/// `None` for an empty field, else what `f` makes of the trimmed text (None when invalid).
fn optional<T>(raw: &str, f: impl FnOnce(&str) -> Option<T>) -> Option<T> {
    let t = raw.trim();
    if t.is_empty() { None } else { f(t) }
}

#[derive(Template)]
#[template(path = "console/organisations/org_form.html")]
struct FormPage {
    page: PageCtx,
    form: OrgForm,
    msgs: Msgs,
    kinds: Vec<(String, String)>,
    agreements: Vec<(String, String)>,
    parents: Vec<(String, String)>,
    /// `Some((code, active))` when editing.
    editing: Option<(String, bool)>,
    /// The uploaded agreement document, when editing an organisation that has one.
    file: Option<FileView>,
    saved: bool,
}

/// The uploaded agreement document as the edit page shows it.
struct FileView {
    name: String,
    size: String,
    uploaded: String,
    sha256: String,
}

/// The agreement document of the organisation with this code, for its edit page.
async fn file_view(
    st: &AppState,
    page: &PageCtx,
    code: &str,
) -> Result<Option<FileView>, AppError> {
    let Some(file_id) = orgs::get_by_code(&st.db, code)
        .await?
        .and_then(|o| o.agreement_file_id)
    else {
        return Ok(None);
    };
    let Some(f) = files::get(&st.db, file_id).await? else {
        return Ok(None);
    };
    let week = balai_store::calendar::week_of(&st.db, None).await?;
    Ok(Some(FileView {
        size: file_size(page.lang, f.size_bytes),
        uploaded: local_time(
            page.lang,
            f.created_at,
            week.utc_offset_hours,
            &week.zone_label(),
        ),
        name: f.file_name,
        sha256: f.sha256,
    }))
}

async fn render_form(
    page: PageCtx,
    st: &AppState,
    form: OrgForm,
    state: &FormState,
    editing: Option<(String, bool)>,
    saved: bool,
) -> Result<String, AppError> {
    let msgs = Msgs::new(&page, state);
    render_form_msgs(page, st, form, msgs, editing, saved).await
}

/// Renders the form with messages already translated (an upload's message carries the limit).
async fn render_form_msgs(
    page: PageCtx,
    st: &AppState,
    form: OrgForm,
    msgs: Msgs,
    editing: Option<(String, bool)>,
    saved: bool,
) -> Result<String, AppError> {
    let own = editing.as_ref().map(|(c, _)| c.clone()).unwrap_or_default();
    let file = match &editing {
        Some((code, _)) => file_view(st, &page, code).await?,
        None => None,
    };
    let parents = orgs::all(&st.db)
        .await?
        .into_iter()
        .filter(|o| o.code != own)
        .map(|o| (o.code, o.name))
        .collect();
    let t = FormPage {
        msgs,
        file,
        kinds: kind_options(&page),
        agreements: AGREEMENT_KINDS
            .iter()
            .map(|k| (k.to_string(), agreement_label(&page, k)))
            .collect(),
        parents,
        form,
        editing,
        saved,
        page,
    };
    Ok(t.render()?)
}

async fn new_form(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
) -> Result<impl IntoResponse, AppError> {
    shared::require_manage(&s)?;
    if shared::scope(&s).is_some() {
        return Err(AppError::Forbidden);
    }
    Ok(Html(
        render_form(
            page,
            &st,
            OrgForm::default(),
            &FormState::default(),
            None,
            false,
        )
        .await?,
    ))
}

async fn create(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    PageForm(form): PageForm<OrgForm>,
) -> Result<Response, AppError> {
    shared::require_manage(&s)?;
    if shared::scope(&s).is_some() {
        return Err(AppError::Forbidden);
    }
    let refusal = match form.parse() {
        Err(errors) => Refusal::Fields(errors),
        Ok(input) => {
            let mut tx = st.db.begin().await?;
            match orgs::create(&mut tx, &shared::audit_ctx(&st, &s), &input).await {
                Ok(row) => {
                    tx.commit().await?;
                    return Ok(Redirect::to(&format!(
                        "/konsol/instansi/{}/ubah?tersimpan=1",
                        row.code
                    ))
                    .into_response());
                }
                Err(e) => shared::refusal(e)?,
            }
        }
    };
    let (state, status) = refusal.into_state(&page);
    Ok((
        status,
        Html(render_form(page, &st, form, &state, None, false).await?),
    )
        .into_response())
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
    let org = shared::org_from_path(&st, raw).await?;
    shared::require_org(&s, org.id)?;
    let html = render_edit(page, &st, &org, Msgs::default(), !q.tersimpan.is_empty()).await?;
    Ok(Html(html))
}

/// The edit page of `org` as stored, with `msgs` (e.g. a refused upload next to its field).
pub(super) async fn render_edit(
    page: PageCtx,
    st: &AppState,
    org: &OrganisationRow,
    msgs: Msgs,
    saved: bool,
) -> Result<String, AppError> {
    let parent_code = parent_code(st, org).await?;
    let form = OrgForm::from_row(org, parent_code);
    let editing = Some((org.code.clone(), org.active));
    render_form_msgs(page, st, form, msgs, editing, saved).await
}

async fn parent_code(st: &AppState, org: &OrganisationRow) -> Result<String, AppError> {
    Ok(match org.parent_id {
        Some(p) => orgs::get(&st.db, p)
            .await?
            .map(|p| p.code)
            .unwrap_or_default(),
        None => String::new(),
    })
}

async fn update(
    page: PageCtx,
    State(st): State<AppState>,
    Staff(s): Staff,
    raw: Result<Path<String>, PathRejection>,
    PageForm(mut form): PageForm<OrgForm>,
) -> Result<Response, AppError> {
    shared::require_manage(&s)?;
    let org = shared::org_from_path(&st, raw).await?;
    shared::require_org(&s, org.id)?;
    let refusal = match form.parse() {
        Err(errors) => Refusal::Fields(errors),
        Ok(input) => {
            let mut tx = st.db.begin().await?;
            let ctx = shared::audit_ctx(&st, &s);
            match orgs::update(
                &mut tx,
                &ctx,
                org.id,
                shared::version(&form.version),
                &input,
            )
            .await
            {
                Ok(row) => {
                    tx.commit().await?;
                    return Ok(Redirect::to(&format!(
                        "/konsol/instansi/{}/ubah?tersimpan=1",
                        row.code
                    ))
                    .into_response());
                }
                Err(e) => shared::refusal(e)?,
            }
        }
    };
    if matches!(refusal, Refusal::Conflict) {
        // Keep what they typed; the next save is made against the version now stored, so it
        // is a deliberate overwrite after reading the message.
        form.version = org.version.to_string();
    }
    let (state, status) = refusal.into_state(&page);
    let editing = Some((org.code.clone(), org.active));
    Ok((
        status,
        Html(render_form(page, &st, form, &state, editing, false).await?),
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
    let org = shared::org_from_path(&st, raw).await?;
    shared::require_org(&s, org.id)?;
    let active = form.active.trim() == "true";
    let mut tx = st.db.begin().await?;
    orgs::set_active(
        &mut tx,
        &shared::audit_ctx(&st, &s),
        org.id,
        shared::version(&form.version),
        active,
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/konsol/instansi/{}/ubah?tersimpan=1", org.code)).into_response())
}
