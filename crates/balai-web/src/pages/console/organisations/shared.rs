//! What the console forms of this area share: who may manage which organisation, reading
//! dates and versions from form strings, turning store refusals into messages next to fields.

use axum::extract::Path;
use axum::extract::rejection::PathRejection;
use axum::http::StatusCode;
use balai_core::FieldErrors;
use balai_core::identity::Permission;
use balai_core::ids::Code;
use balai_core::text::check_len;
use balai_store::StoreError;
use balai_store::audit::AuditCtx;
use balai_store::organisations::{self as orgs, OrgFilter, OrganisationRow, WriteError};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::forms::FormState;
use crate::page::PageCtx;
use crate::state::AppState;

/// The organisations a manager may touch: `None` = every one (mall-wide roles), `Some(id)` =
/// only their own (a manager without an organisation gets the nil id and so sees nothing).
pub fn scope(s: &SignedIn) -> Option<Uuid> {
    if s.role.is_mall_wide() {
        None
    } else {
        Some(s.actor.organisation_id.unwrap_or(Uuid::nil()))
    }
}

/// Everyone here needs `CatalogManage`.
pub fn require_manage(s: &SignedIn) -> Result<(), AppError> {
    s.require(Permission::CatalogManage)
}

/// `CatalogManage` on this organisation (own organisation unless mall-wide).
pub fn require_org(s: &SignedIn, org: Uuid) -> Result<(), AppError> {
    Ok(s.actor.require_org(Permission::CatalogManage, org)?)
}

pub fn audit_ctx(st: &AppState, s: &SignedIn) -> AuditCtx {
    AuditCtx::new(
        s.actor.clone(),
        Some(s.ctx.request_id.clone()),
        st.clock.now(),
    )
}

/// An organisation named by a URL code; malformed or unknown codes are 404.
pub async fn org_from_path(
    st: &AppState,
    raw: Result<Path<String>, PathRejection>,
) -> Result<OrganisationRow, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    let code = Code::parse(&raw).map_err(|_| AppError::NotFound)?;
    orgs::get_by_code(&st.db, code.as_str())
        .await?
        .ok_or(AppError::NotFound)
}

/// A code from a URL, or 404.
pub fn code_from_path(raw: Result<Path<String>, PathRejection>) -> Result<Code, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    Code::parse(&raw).map_err(|_| AppError::NotFound)
}

/// An id from a URL, or 404.
pub fn id_from_path(raw: Result<Path<String>, PathRejection>) -> Result<Uuid, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

/// The organisations offered in an owner select: (code, name), limited to the manager's scope.
pub async fn org_options(st: &AppState, s: &SignedIn) -> Result<Vec<(String, String)>, AppError> {
    let f = OrgFilter {
        only: scope(s),
        ..OrgFilter::default()
    };
    Ok(orgs::list(&st.db, &f)
        .await?
        .items
        .into_iter()
        .map(|o| (o.org.code, o.org.name))
        .collect())
}

/// Resolves the owner select's code to an organisation the manager may touch.
pub async fn owner(
    st: &AppState,
    s: &SignedIn,
    raw: &str,
    errs: &mut FieldErrors,
) -> Result<Option<Uuid>, AppError> {
    let Some(code) = errs.take("organisation", Code::parse(raw)) else {
        return Ok(None);
    };
    match orgs::get_by_code(&st.db, code.as_str()).await? {
        Some(o) if s.actor.can_touch_org(o.id) => Ok(Some(o.id)),
        Some(_) => Err(AppError::Forbidden),
        None => {
            errs.add("organisation", "org-err-organisation-unknown");
            Ok(None)
        }
    }
}

/// An optional date typed as `YYYY-MM-DD` (the date input's format).
pub fn opt_date(field: &str, raw: &str, errs: &mut FieldErrors) -> Option<NaiveDate> {
    let t = raw.trim();
    if t.is_empty() {
        return None;
    }
    match NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errs.add(field, "err-invalid-date");
            None
        }
    }
}

/// A required date.
pub fn date(field: &str, raw: &str, errs: &mut FieldErrors) -> Option<NaiveDate> {
    if raw.trim().is_empty() {
        errs.add(field, "err-required");
        return None;
    }
    opt_date(field, raw, errs)
}

/// Checks a text's length (see `check_len`) and returns it trimmed.
pub fn text(field: &str, raw: &str, min: usize, max: usize, errs: &mut FieldErrors) -> String {
    check_len(field, raw, min, max, errs);
    raw.trim().to_string()
}

/// The version a form was opened at (hidden field). A missing or altered one cannot match any
/// stored version, so it is read as 0 and the save ends in the conflict message.
pub fn version(raw: &str) -> i32 {
    raw.trim().parse().unwrap_or(0)
}

/// How a refused save is shown.
pub enum Refusal {
    /// Messages next to fields; status 422.
    Fields(FieldErrors),
    /// Someone saved first; the form comes back with the input and a message; status 409.
    Conflict,
}

/// Sorts a store refusal into one the form can show; other failures stay errors.
pub fn refusal(e: WriteError) -> Result<Refusal, AppError> {
    match e {
        WriteError::Invalid { field, key } => {
            let mut f = FieldErrors::new();
            f.add(field, key);
            Ok(Refusal::Fields(f))
        }
        WriteError::Store(StoreError::Conflict(_)) => Ok(Refusal::Conflict),
        WriteError::Store(StoreError::Duplicate(_)) => {
            let mut f = FieldErrors::new();
            f.add("code", "org-err-code-taken");
            Ok(Refusal::Fields(f))
        }
        WriteError::Store(other) => Err(other.into()),
    }
}

impl Refusal {
    /// The form state and status for showing the form again.
    pub fn into_state(self, page: &PageCtx) -> (FormState, StatusCode) {
        match self {
            Refusal::Fields(errors) => (
                FormState {
                    errors,
                    message: None,
                },
                StatusCode::UNPROCESSABLE_ENTITY,
            ),
            Refusal::Conflict => (
                FormState {
                    errors: FieldErrors::new(),
                    message: Some(page.t("org-conflict")),
                },
                StatusCode::CONFLICT,
            ),
        }
    }
}

/// The messages of a form, translated once for the template: `get(field)` for the message
/// next to a field, `summary` for the list at the top.
#[derive(Debug, Clone, Default)]
pub struct Msgs {
    pub summary: Vec<(String, String)>,
    pub message: String,
}

impl Msgs {
    pub fn new(page: &PageCtx, state: &FormState) -> Msgs {
        let mut summary: Vec<(String, String)> = Vec::new();
        for (field, key) in &state.errors.0 {
            if !summary.iter().any(|(f, _)| f == field) {
                summary.push((field.clone(), page.t(key)));
            }
        }
        Msgs {
            summary,
            message: state.message.clone().unwrap_or_default(),
        }
    }

    /// The message for `field`, or "".
    pub fn get(&self, field: &str) -> &str {
        self.summary
            .iter()
            .find(|(f, _)| f == field)
            .map_or("", |(_, m)| m.as_str())
    }
}
