//! Applying for a licence or non-licence service online (Batang Pasal 7–8) and following it:
//! `/layanan/{kode}/ajukan` starts a draft, `/akun/permohonan/{id}` edits it (answers,
//! documents, the declaration of Pasal 8(2)) and submits it, then shows where it is; the
//! registration receipt is a PDF with a QR to `/lacak`, where anyone holding the number and
//! the PIN (or the applicant's birth date) sees the stage and dates (Batang Pasal 3(3)c).

mod account;
mod apply;
mod documents;
mod fields;
mod receipt;
mod submit;
mod track;

use axum::Router;
use axum::extract::Path;
use axum::extract::rejection::PathRejection;
use axum::routing::{get, post};
use balai_core::catalog::{Requirement, ServiceStandard};
use balai_core::permits::{PermitSettings, WorkflowDef};
use balai_store::permits::{self as store, ApplicationRow};
use balai_store::services::PublishedService;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/layanan/{kode}/ajukan",
            get(apply::start).post(apply::create),
        )
        .route("/akun/permohonan", get(account::list))
        .route(
            "/akun/permohonan/{id}",
            get(account::view).post(apply::save),
        )
        .route("/akun/permohonan/{id}/dokumen", post(documents::upload))
        .route("/akun/permohonan/{id}/ajukan", post(submit::submit))
        .route("/akun/permohonan/{id}/tanda-terima", get(receipt::download))
        .route("/lacak", get(track::page))
}

/// A service people can apply for: published, with permit settings and a known workflow.
pub(crate) struct PermitService {
    pub svc: PublishedService,
    pub standard: ServiceStandard,
    pub settings: PermitSettings,
    pub workflow: WorkflowDef,
}

impl PermitService {
    /// The service `code`, or 404 when it is unknown, unpublished or takes no applications.
    pub async fn by_code(st: &AppState, code: &str) -> Result<PermitService, AppError> {
        let svc = balai_store::services::published_by_code(&st.db, code)
            .await?
            .ok_or(AppError::NotFound)?;
        let row = store::settings_for(&st.db, svc.id)
            .await?
            .ok_or(AppError::NotFound)?;
        let settings = row.parsed()?;
        let workflow = store::workflow(&st.db, &settings.workflow)
            .await?
            .ok_or_else(|| AppError::Internal(format!("no workflow {}", settings.workflow)))?;
        let standard = svc.standard()?;
        Ok(PermitService {
            svc,
            standard,
            settings,
            workflow,
        })
    }

    /// The service of an application.
    pub async fn of(st: &AppState, app: &ApplicationRow) -> Result<PermitService, AppError> {
        let svc = balai_store::services::get(&st.db, app.service_id)
            .await?
            .ok_or(AppError::NotFound)?;
        Self::by_code(st, &svc.code).await
    }

    /// The service's name in the page's language.
    pub fn name(&self, page: &PageCtx) -> String {
        page.pick(&self.svc.name, &self.svc.name_en).to_owned()
    }

    /// The documents uploaded online (requirements with file types), by position.
    pub fn uploads(&self) -> impl Iterator<Item = (usize, &Requirement)> {
        self.standard
            .requirements
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.file_types.is_empty())
    }

    /// The label of a workflow state in the page's language.
    pub fn state_label(&self, page: &PageCtx, state: Option<&str>) -> String {
        match state.and_then(|s| self.workflow.state(s)) {
            Some(s) => page.pick(&s.label_id, &s.label_en).to_owned(),
            None => page.t("permit-draft"),
        }
    }
}

/// The signed-in person's own application `raw`: anyone else gets 404, as if it did not exist.
pub(crate) async fn own_application(
    st: &AppState,
    s: &SignedIn,
    raw: Result<Path<String>, PathRejection>,
) -> Result<ApplicationRow, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    let id = Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)?;
    let app = store::by_id(&st.db, id).await?.ok_or(AppError::NotFound)?;
    if app.applicant_user_id != Some(s.user.user_id) {
        return Err(AppError::NotFound);
    }
    Ok(app)
}
