//! `/konsol/antrian`: the officer's counter (`QueueServe`). Call the next visitor (from the
//! services the counter serves, per the location's priority policy), call again, start and
//! finish with an outcome, mark a no-show, put on hold and bring back, transfer to another
//! service or counter. The counter is the one the officer is placed at; a form naming another
//! counter is refused. Every call is announced on the location's display.

use askama::Template;
use axum::Router;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::header::CACHE_CONTROL;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use balai_core::FieldErrors;
use balai_core::identity::Permission;
use balai_core::queue::{TicketAction, TicketNumber, TicketPrefix, announcement_id};
use balai_store::queue::board::{self, WaitingCount};
use balai_store::queue::locations::{self, CounterView, LocationRow, QueueCounter};
use balai_store::queue::tickets::{self, ActionInput, TicketRow};
use serde::Deserialize;
use std::collections::HashMap;

use super::users::audit_ctx;
use crate::auth::{SignedIn, Staff};
use crate::error::AppError;
use crate::forms::{FormState, PageForm};
use crate::page::PageCtx;
use crate::pages::queue::live::QueueEvent;
use crate::pages::queue::ticket::ticket_from_path;
use crate::pages::queue::today;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/konsol/antrian", get(show))
        .route("/konsol/antrian/panggil", post(call_next))
        .route("/konsol/antrian/tiket/{id}", post(act))
}

/// The officer's counter, its queue setup and its location (`None`: not at a queue counter).
struct Desk {
    view: CounterView,
    queue: QueueCounter,
    location: LocationRow,
}

async fn desk(st: &AppState, s: &SignedIn) -> Result<Option<Desk>, AppError> {
    s.require(Permission::QueueServe)?;
    let Some(view) = locations::counter_of_user(&st.db, s.user.user_id).await? else {
        return Ok(None);
    };
    let queue = locations::queue_counter(&st.db, view.counter_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let location = locations::get(&st.db, view.location_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Some(Desk {
        view,
        queue,
        location,
    }))
}

#[derive(Template)]
#[template(path = "console/queue.html")]
struct DeskPage {
    page: PageCtx,
    desk: Option<DeskView>,
    st: FormState,
    empty: bool,
}

struct DeskView {
    code: String,
    name: String,
    number: i32,
    location_code: String,
    location_name: String,
    current: Option<TicketRow>,
    held: Vec<TicketRow>,
    waiting: Vec<WaitingCount>,
    /// Transfer targets: services and counters of the location.
    services: Vec<WaitingCount>,
    counters: Vec<CounterView>,
}

async fn render(
    page: PageCtx,
    st: &AppState,
    s: &SignedIn,
    form: FormState,
    empty: bool,
) -> Result<Response, AppError> {
    let desk = match desk(st, s).await? {
        None => None,
        Some(d) => {
            let day = today(st).await?;
            let all = board::waiting_counts(&st.db, d.location.id, day).await?;
            let waiting = all
                .iter()
                .filter(|w| d.queue.services.contains(&w.service_id))
                .cloned()
                .collect();
            Some(DeskView {
                current: tickets::current_at(&st.db, &d.view, day).await?,
                held: board::on_hold_at(&st.db, d.view.counter_id, day).await?,
                counters: locations::counters_of(&st.db, d.location.id).await?,
                code: d.view.code,
                name: d.view.name,
                number: d.queue.number,
                location_code: d.location.code.clone(),
                location_name: page.pick(&d.location.name, &d.location.name_en).to_string(),
                waiting,
                services: all,
            })
        }
    };
    let status = if form.has_errors() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let view = DeskPage {
        page,
        desk,
        st: form,
        empty,
    };
    Ok((status, [(CACHE_CONTROL, "no-store")], Html(view.render()?)).into_response())
}

async fn show(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let empty = q.get("kosong").is_some_and(|v| v == "1");
    render(page, &st, &s, FormState::default(), empty).await
}

fn refused(key: &str) -> FormState {
    let mut errors = FieldErrors::new();
    errors.add("action", key);
    FormState {
        errors,
        message: None,
    }
}

/// The officer's desk, if the form names it; the refusal to show otherwise.
async fn own_desk(
    st: &AppState,
    s: &SignedIn,
    named: &str,
) -> Result<Result<Desk, FormState>, AppError> {
    match desk(st, s).await? {
        Some(d) if d.view.code.eq_ignore_ascii_case(named.trim()) => Ok(Ok(d)),
        Some(_) => Ok(Err(refused("queue-err-not-your-counter"))),
        None => Ok(Err(refused("queue-err-no-desk"))),
    }
}

/// Tells the displays: a call (with what to say) or another change.
fn publish(st: &AppState, t: &TicketRow, counter_number: i32, call: bool) {
    let announcement = call.then(|| {
        let prefix = TicketPrefix::parse(&t.prefix);
        let seq = u32::try_from(t.seq);
        match (prefix, seq) {
            (Ok(p), Ok(n)) => announcement_id(
                &TicketNumber::new(p, n),
                u32::try_from(counter_number).unwrap_or(0),
            ),
            _ => t.number.clone(),
        }
    });
    st.queue.publish(QueueEvent {
        location_id: t.location_id,
        kind: if call { "call" } else { "update" },
        ticket_id: t.id,
        number: t.number.clone(),
        counter_number: Some(counter_number),
        announcement,
    });
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CallForm {
    loket: String,
}

async fn call_next(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    PageForm(form): PageForm<CallForm>,
) -> Result<Response, AppError> {
    let d = match own_desk(&st, &s, &form.loket).await? {
        Ok(d) => d,
        Err(refusal) => return render(page, &st, &s, refusal, false).await,
    };
    let policy = d.location.policy()?;
    let day = today(&st).await?;
    let ctx = audit_ctx(&st, &s);
    let mut tx = st.db.begin().await?;
    let called = tickets::call_next(&mut tx, &ctx, &d.queue, &policy, day).await?;
    tx.commit().await?;
    match called {
        Some(t) => {
            publish(&st, &t, d.queue.number, true);
            Ok(Redirect::to("/konsol/antrian").into_response())
        }
        None => Ok(Redirect::to("/konsol/antrian?kosong=1").into_response()),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ActForm {
    loket: String,
    aksi: String,
    outcome: String,
    /// Transfer: a service code, or a counter code.
    service: String,
    counter: String,
}

/// Reads the transfer target of a form: a service of the location or one of its counters.
async fn transfer_target(
    st: &AppState,
    d: &Desk,
    f: &ActForm,
) -> Result<Result<ActionInput, FormState>, AppError> {
    let mut input = ActionInput::default();
    if !f.service.trim().is_empty() {
        match balai_store::services::get_by_code(&st.db, f.service.trim()).await? {
            Some(s) => input.to_service = Some(s.id),
            None => return Ok(Err(refused("queue-err-service-unknown"))),
        }
    }
    if !f.counter.trim().is_empty() {
        let counters = locations::counters_of(&st.db, d.location.id).await?;
        match counters
            .iter()
            .find(|c| c.code.eq_ignore_ascii_case(f.counter.trim()))
        {
            Some(c) => input.to_counter = Some(c.counter_id),
            None => return Ok(Err(refused("queue-err-counter-unknown"))),
        }
    }
    if input.to_service.is_none() && input.to_counter.is_none() {
        return Ok(Err(refused("queue-err-transfer-target")));
    }
    Ok(Ok(input))
}

async fn act(
    page: PageCtx,
    Staff(s): Staff,
    State(st): State<AppState>,
    raw: Result<Path<String>, PathRejection>,
    PageForm(form): PageForm<ActForm>,
) -> Result<Response, AppError> {
    let ticket = ticket_from_path(&st, raw).await?;
    let d = match own_desk(&st, &s, &form.loket).await? {
        Ok(d) => d,
        Err(refusal) => return render(page, &st, &s, refusal, false).await,
    };
    let Ok(action) = TicketAction::parse(&form.aksi) else {
        return render(page, &st, &s, refused("queue-err-action"), false).await;
    };
    let input = if action == TicketAction::Transfer {
        match transfer_target(&st, &d, &form).await? {
            Ok(i) => i,
            Err(refusal) => return render(page, &st, &s, refusal, false).await,
        }
    } else {
        ActionInput {
            outcome: form.outcome.chars().take(500).collect(),
            ..Default::default()
        }
    };
    let ctx = audit_ctx(&st, &s);
    let mut tx = st.db.begin().await?;
    match tickets::act(&mut tx, &ctx, &d.queue, ticket.id, action, &input).await {
        Ok(t) => {
            tx.commit().await?;
            publish(&st, &t, d.queue.number, action == TicketAction::Recall);
            Ok(Redirect::to("/konsol/antrian").into_response())
        }
        Err(balai_store::StoreError::Invalid(errors)) => {
            drop(tx);
            let form = FormState {
                errors,
                message: None,
            };
            render(page, &st, &s, form, false).await
        }
        Err(e) => Err(e.into()),
    }
}
