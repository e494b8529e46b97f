//! `/antrian/kiosk/{lokasi}`: the touch kiosk. One tap on a service takes a ticket; a visitor
//! served first (Luwu Pasal 35(3)) picks the reason before. The ticket page that follows prints
//! it. Works without JavaScript; the refusals (closed, no counter today, after the last-ticket
//! time) are shown on the kiosk in the visitor's language.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::CACHE_CONTROL;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};
use balai_core::identity::Actor;
use balai_core::queue::{PriorityReason, TicketChannel};
use balai_store::queue::board::{self, WaitingCount};
use balai_store::queue::locations::LocationRow;
use serde::Deserialize;

use super::{TicketRequest, issue, location, today};
use crate::auth::RequestCtx;
use crate::error::AppError;
use crate::forms::{FormState, PageForm};
use crate::page::PageCtx;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/antrian/kiosk/{lokasi}", get(show).post(take))
}

/// A priority reason as the kiosk offers it.
pub(crate) struct Reason {
    pub code: &'static str,
    pub label: &'static str,
}

pub(crate) fn reasons(page: &PageCtx) -> Vec<Reason> {
    PriorityReason::ALL
        .iter()
        .map(|r| Reason {
            code: r.as_str(),
            label: if page.is_en() {
                r.label_en()
            } else {
                r.label_id()
            },
        })
        .collect()
}

#[derive(Template)]
#[template(path = "queue/kiosk.html")]
struct KioskPage {
    page: PageCtx,
    location: LocationRow,
    services: Vec<WaitingCount>,
    reasons: Vec<Reason>,
    priority: String,
    st: FormState,
}

async fn render(
    page: PageCtx,
    st: &AppState,
    location: LocationRow,
    priority: String,
    form: FormState,
) -> Result<Response, AppError> {
    let services = board::waiting_counts(&st.db, location.id, today(st).await?).await?;
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let view = KioskPage {
        reasons: reasons(&page),
        page,
        location,
        services,
        priority,
        st: form,
    };
    Ok((status, [(CACHE_CONTROL, "no-store")], Html(view.render()?)).into_response())
}

async fn show(
    page: PageCtx,
    State(st): State<AppState>,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let location = location(&st, &code).await?;
    render(page, &st, location, String::new(), FormState::default()).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TakeForm {
    service: String,
    priority: String,
}

async fn take(
    page: PageCtx,
    State(st): State<AppState>,
    Path(code): Path<String>,
    Extension(ctx): Extension<RequestCtx>,
    PageForm(form): PageForm<TakeForm>,
) -> Result<Response, AppError> {
    let location = location(&st, &code).await?;
    let priority = match form.priority.trim() {
        "" => Ok(None),
        p => PriorityReason::parse(p).map(Some),
    };
    let request_id = Some(ctx.request_id);
    let result = match priority {
        Ok(priority) => {
            let req = TicketRequest {
                service_code: &form.service,
                priority,
                channel: TicketChannel::Kiosk,
                appointment_id: None,
            };
            issue(&st, Actor::anonymous(), request_id, &location, req).await
        }
        Err(e) => Err(e.into()),
    };
    match result {
        Ok(t) => Ok(Redirect::to(&format!("/antrian/tiket/{}?cetak=1", t.id)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let st_form = FormState {
                errors,
                message: None,
            };
            render(page, &st, location, form.priority, st_form).await
        }
        Err(e) => Err(e),
    }
}
