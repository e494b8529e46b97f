//! `/konsol/permohonan`: working applications (Batang Pasal 9–12). Each role's inbox lists
//! what it can act on, earliest deadline (so overdue) first, with the SLA state; the detail
//! page shows the answers, the documents with the verification checklist, the history, and
//! the steps this person may take now.
//!
//! Staff see the applications of their organisation, and a technical team also those of the
//! services whose technical organisation it is; mall-wide roles see every one. Steps whose
//! effects are carried out elsewhere (inspection scheduling and report, signing, payment) are
//! not offered here.

mod act;
mod detail;
mod inbox;

use axum::Router;
use axum::extract::Path;
use axum::extract::rejection::PathRejection;
use axum::routing::{get, post};
use balai_core::identity::{Permission, Role};
use balai_core::permits::{ActionDef, Effect, Performer};
use balai_store::permits::{self as store, ApplicationRow};
use uuid::Uuid;

use crate::auth::SignedIn;
use crate::error::AppError;
use crate::pages::permits::PermitService;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/permohonan", get(inbox::inbox))
        .route("/konsol/permohonan/{id}", get(detail::detail))
        .route("/konsol/permohonan/{id}/tindakan", post(act::act))
}

/// Effects this console carries out itself; actions with any other effect wait for the pages
/// that carry those out.
const HANDLED_EFFECTS: &[Effect] = &[Effect::NotifyApplicant, Effect::HandOver];

/// Whether `a` is offered in the console at all.
pub(crate) fn handled_here(a: &ActionDef) -> bool {
    a.effects.iter().all(|e| HANDLED_EFFECTS.contains(e))
}

/// Whether `s` may see application `app` of service `ps`.
fn may_see(s: &SignedIn, app: &ApplicationRow, ps: &PermitService) -> bool {
    s.actor.has(Permission::ApplicationsWork)
        && (s.actor.can_touch_org(app.organisation_id)
            || (s.role == Role::TimTeknis
                && ps.settings.technical_organisation_id.is_some()
                && ps.settings.technical_organisation_id == s.actor.organisation_id))
}

/// The submitted application `raw` that `s` may see, with its service: 404 for an unknown
/// one, 403 for another organisation's.
async fn visible(
    st: &AppState,
    s: &SignedIn,
    raw: Result<Path<String>, PathRejection>,
) -> Result<(ApplicationRow, PermitService), AppError> {
    s.require(Permission::ApplicationsWork)?;
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    let id = Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)?;
    let app = store::by_id(&st.db, id)
        .await?
        .filter(|a| !a.is_draft())
        .ok_or(AppError::NotFound)?;
    let ps = PermitService::of(st, &app).await?;
    if !may_see(s, &app, &ps) {
        return Err(AppError::Forbidden);
    }
    Ok((app, ps))
}

/// The performer `s` acts as.
fn performer(s: &SignedIn) -> Performer {
    Performer::Staff(s.role)
}
