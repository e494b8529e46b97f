//! `/antrian/tiket/{id}`: the visitor's ticket, printed at the kiosk (58 mm or 80 mm paper) and
//! followed on a phone through its QR: the number, the service, when it was taken, how many are
//! ahead and the estimated wait, and "your turn, counter 3" once called. Refreshes itself
//! without JavaScript; with it, reloads when the floor changes.

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::header::CACHE_CONTROL;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use balai_core::queue::{TicketStatus, estimate_wait_minutes};
use balai_store::queue::board;
use balai_store::queue::locations::{self, LocationRow};
use balai_store::queue::tickets::{self, TicketRow};
use std::collections::HashMap;
use uuid::Uuid;

use super::local_now;
use crate::error::AppError;
use crate::page::PageCtx;
use crate::pages::notify::when;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new().route("/antrian/tiket/{id}", get(show))
}

#[derive(Template)]
#[template(path = "queue/ticket.html")]
struct TicketPage {
    page: PageCtx,
    ticket: TicketRow,
    location: LocationRow,
    service_name: String,
    issued: String,
    status_label: String,
    /// Waiting: people ahead and the estimated minutes (None when no counter is open).
    ahead: i64,
    wait_minutes: Option<u32>,
    /// Called or being served: the counter's number.
    counter_number: Option<i32>,
    is_final: bool,
    qr_svg: String,
    /// Printing at the kiosk, and on which paper (58 or 80 mm).
    print: bool,
    paper: &'static str,
}

/// The ticket with the id in the URL; anything else is 404.
pub(crate) async fn ticket_from_path(
    st: &AppState,
    raw: Result<Path<String>, PathRejection>,
) -> Result<TicketRow, AppError> {
    let Path(raw) = raw.map_err(|_| AppError::NotFound)?;
    let id = Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)?;
    tickets::get(&st.db, id).await?.ok_or(AppError::NotFound)
}

async fn show(
    page: PageCtx,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let ticket = ticket_from_path(&st, raw).await?;
    let location = locations::get(&st.db, ticket.location_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let service = balai_store::services::get(&st.db, ticket.service_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let status = ticket.status()?;
    let (ahead, wait_minutes) = if status == TicketStatus::Waiting {
        let ahead = board::people_ahead(&st.db, &ticket).await?;
        let (_, now) = local_now(&st).await?;
        let serving = locations::counters_serving(&st.db, location.id, ticket.service_id)
            .await?
            .len();
        // A ticket of another day will not be called: no estimate.
        let open = if ticket.service_day == now.date() {
            serving
        } else {
            0
        };
        let per_visit = location.policy()?.default_service_minutes;
        let wait = estimate_wait_minutes(
            u32::try_from(ahead).unwrap_or(u32::MAX),
            u32::try_from(open).unwrap_or(u32::MAX),
            per_visit,
        );
        (ahead, wait)
    } else {
        (0, None)
    };
    let counter_number = match (status.is_at_counter(), ticket.counter_id) {
        (true, Some(c)) => locations::queue_counter(&st.db, c).await?.map(|q| q.number),
        _ => None,
    };
    let link = format!(
        "{}/antrian/tiket/{}",
        st.config.public_url.trim_end_matches('/'),
        ticket.id
    );
    let qr_svg = balai_docs::qr_svg(&link).map_err(|e| AppError::Internal(e.to_string()))?;
    let view = TicketPage {
        service_name: page.pick(&service.name, &service.name_en).to_string(),
        issued: when(&st, &page, ticket.issued_at),
        status_label: if page.is_en() {
            status.label_en()
        } else {
            status.label_id()
        }
        .to_string(),
        is_final: status.is_final(),
        print: q.get("cetak").is_some_and(|v| v == "1"),
        paper: if q.get("kertas").is_some_and(|v| v == "58") {
            "58"
        } else {
            "80"
        },
        page,
        ticket,
        location,
        ahead,
        wait_minutes,
        counter_number,
        qr_svg,
    };
    Ok(([(CACHE_CONTROL, "no-store")], Html(view.render()?)).into_response())
}
