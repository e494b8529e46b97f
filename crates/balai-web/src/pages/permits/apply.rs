//! Starting an application and saving its draft (Batang Pasal 7–8): the answers are checked
//! field by field as they are saved; missing ones may wait until submission.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use balai_core::ids::Nik;
use balai_core::permits::{Channel, FieldKind, FormDef, FormValues};
use balai_store::audit::AuditCtx;
use balai_store::permits::{self as store, NewDraft};
use chrono::NaiveDate;

use super::fields::{self, FieldView};
use super::{PermitService, own_application};
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::forms::{FormState, PageForm};
use crate::page::PageCtx;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "permits/start.html")]
struct StartPage {
    page: PageCtx,
    code: String,
    service: String,
    fields: Vec<FieldView>,
    state: FormState,
}

fn code_of(raw: Result<Path<String>, PathRejection>) -> Result<String, AppError> {
    raw.map(|Path(c)| c).map_err(|_| AppError::NotFound)
}

/// `GET /layanan/{kode}/ajukan`: the service's form, empty.
pub(super) async fn start(
    page: PageCtx,
    State(st): State<AppState>,
    _s: SignedIn,
    raw: Result<Path<String>, PathRejection>,
) -> Result<Response, AppError> {
    let ps = PermitService::by_code(&st, &code_of(raw)?).await?;
    let state = FormState::default();
    render_start(page, &ps, &BTreeMap::new(), state, StatusCode::OK)
}

fn render_start(
    page: PageCtx,
    ps: &PermitService,
    values: &BTreeMap<String, String>,
    state: FormState,
    status: StatusCode,
) -> Result<Response, AppError> {
    let t = StartPage {
        fields: fields::views(&page, &ps.settings.form, values, &state),
        code: ps.svc.code.clone(),
        service: ps.name(&page),
        state,
        page,
    };
    Ok((status, Html(t.render()?)).into_response())
}

/// The birth date inside the first NIK answer of the form: the second factor `/lacak` accepts
/// besides the PIN.
pub(super) fn birth_date(
    form: &FormDef,
    values: &FormValues,
    today: NaiveDate,
) -> Option<NaiveDate> {
    form.fields
        .iter()
        .filter(|f| f.kind == FieldKind::Nik)
        .find_map(|f| values.get(&f.name))
        .and_then(|v| Nik::parse(v).ok())
        .map(|nik| nik.birth_date_on(today))
}

pub(super) fn audit_ctx(st: &AppState, s: &SignedIn) -> AuditCtx {
    AuditCtx::new(
        s.actor.clone(),
        Some(s.ctx.request_id.clone()),
        st.clock.now(),
    )
}

/// `POST /layanan/{kode}/ajukan`: keeps the answers given so far as a draft.
pub(super) async fn create(
    page: PageCtx,
    State(st): State<AppState>,
    s: SignedIn,
    raw: Result<Path<String>, PathRejection>,
    PageForm(form): PageForm<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let ps = PermitService::by_code(&st, &code_of(raw)?).await?;
    let posted = fields::posted(&ps.settings.form, &form);
    let values = match ps.settings.form.parse(&posted, false) {
        Ok(v) => v,
        Err(errors) => {
            let state = FormState {
                errors,
                message: None,
            };
            return render_start(page, &ps, &posted, state, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    let today = st.clock.now().date_naive();
    let new = NewDraft {
        service_id: ps.svc.id,
        organisation_id: ps.svc.organisation_id,
        applicant_user_id: Some(s.user.user_id),
        applicant_name: s.user.display_name.clone(),
        applicant_email: Some(s.user.email.clone()),
        applicant_phone: None,
        applicant_birth_date: birth_date(&ps.settings.form, &values, today),
        workflow_code: ps.settings.workflow.clone(),
        levy_amount: ps.settings.levy.amount(&values).as_i64(),
        values,
        channel: Channel::Online,
        filed_by: None,
        inspection_required: ps.settings.inspection_required,
    };
    let ctx = audit_ctx(&st, &s);
    let mut tx = st.db.begin().await?;
    let row = store::create_draft(&mut tx, &ctx, new).await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/akun/permohonan/{}", row.id)).into_response())
}

/// `POST /akun/permohonan/{id}`: saves the draft's answers. A bad answer is shown next to its
/// field with everything typed kept; a draft changed in another tab meanwhile is refused.
pub(super) async fn save(
    page: PageCtx,
    State(st): State<AppState>,
    s: SignedIn,
    raw: Result<Path<String>, PathRejection>,
    PageForm(form): PageForm<BTreeMap<String, String>>,
) -> Result<Response, AppError> {
    let app = own_application(&st, &s, raw).await?;
    if !app.is_draft() {
        return Err(AppError::Conflict("the application was submitted".into()));
    }
    let ps = PermitService::of(&st, &app).await?;
    let posted = fields::posted(&ps.settings.form, &form);
    let version: i32 = form
        .get("version")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let values = match ps.settings.form.parse(&posted, false) {
        Ok(v) => v,
        Err(errors) => {
            let state = FormState {
                errors,
                message: None,
            };
            let view = super::account::draft_view(&page, &st, &ps, &app, posted, state).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, view).into_response());
        }
    };
    let today = st.clock.now().date_naive();
    let born = birth_date(&ps.settings.form, &values, today);
    let levy = ps.settings.levy.amount(&values).as_i64();
    let ctx = audit_ctx(&st, &s);
    let mut tx = st.db.begin().await?;
    match store::update_draft(&mut tx, &ctx, app.id, version, &values, levy, born).await {
        Ok(_) => {
            tx.commit().await?;
            Ok(Redirect::to(&format!("/akun/permohonan/{}?tersimpan=1", app.id)).into_response())
        }
        Err(balai_store::StoreError::Conflict(_)) => {
            drop(tx);
            let state = FormState {
                errors: Default::default(),
                message: Some(page.t("permit-conflict")),
            };
            let view = super::account::draft_view(&page, &st, &ps, &app, posted, state).await?;
            Ok((StatusCode::CONFLICT, view).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
