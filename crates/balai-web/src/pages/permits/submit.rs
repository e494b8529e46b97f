//! `POST /akun/permohonan/{id}/ajukan`: submitting a draft (Batang Pasal 8) — every required
//! answer and document present, the documents declared true (Pasal 8(2)) — or submitting a
//! returned application again once its returned documents are replaced (Pasal 9(2)).
//! Submission is idempotent: a double click files once and shows the same number.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use balai_core::FieldErrors;
use balai_core::permits::{Performer, state_due};
use balai_store::StoreError;
use balai_store::permits::{self as store, ApplicationRow, Submission, Transition};
use futures::FutureExt;
use rand::Rng;
use serde::Deserialize;

use super::{PermitService, own_application};
use crate::auth::SignedIn;
use crate::error::AppError;
use crate::forms::{FormState, PageForm};
use crate::page::PageCtx;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct SubmitForm {
    declaration: String,
}

pub(super) async fn submit(
    page: PageCtx,
    State(st): State<AppState>,
    s: SignedIn,
    raw: Result<Path<String>, PathRejection>,
    PageForm(form): PageForm<SubmitForm>,
) -> Result<Response, AppError> {
    let app = own_application(&st, &s, raw).await?;
    let ps = PermitService::of(&st, &app).await?;
    let done = Redirect::to(&format!("/akun/permohonan/{}?diajukan=1", app.id)).into_response();
    let result = match app.state.as_deref() {
        None => file(&page, &st, &s, &ps, &app, &form).await,
        Some("returned") => resubmit(&page, &st, &s, &ps, &app).await,
        // Already filed (a second click): show it.
        Some(_) => return Ok(done),
    };
    match result {
        Ok(()) => Ok(done),
        Err(Refusal::Fields(errors)) => {
            let state = FormState {
                errors,
                message: Some(page.t("form-errors-summary")),
            };
            again(
                &page,
                &st,
                &ps,
                &app,
                state,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(Refusal::Store(StoreError::Conflict(_))) => {
            let state = FormState {
                errors: FieldErrors::new(),
                message: Some(page.t("permit-conflict")),
            };
            again(&page, &st, &ps, &app, state, StatusCode::CONFLICT).await
        }
        Err(Refusal::Store(e)) => Err(e.into()),
        Err(Refusal::App(e)) => Err(e),
    }
}

enum Refusal {
    Fields(FieldErrors),
    Store(StoreError),
    App(AppError),
}

impl From<StoreError> for Refusal {
    fn from(e: StoreError) -> Self {
        Refusal::Store(e)
    }
}

impl From<AppError> for Refusal {
    fn from(e: AppError) -> Self {
        Refusal::App(e)
    }
}

async fn again(
    page: &PageCtx,
    st: &AppState,
    ps: &PermitService,
    app: &ApplicationRow,
    state: FormState,
    status: StatusCode,
) -> Result<Response, AppError> {
    let values = app.values()?;
    let html = super::account::draft_view(page, st, ps, app, values, state).await?;
    Ok((status, html).into_response())
}

/// Required documents not uploaded, or returned and not replaced, as `doc-N` errors.
async fn document_problems(
    page: &PageCtx,
    st: &AppState,
    ps: &PermitService,
    app: &ApplicationRow,
    errs: &mut FieldErrors,
) -> Result<(), StoreError> {
    let docs = store::documents(&st.db, app.id).await?;
    for d in super::account::doc_views(page, ps, app, &docs, &FormState::default()) {
        let field = format!("doc-{}", d.index);
        match &d.current {
            None if d.required => errs.add(&field, "permit-err-doc-missing"),
            Some(c) if c.returned => errs.add(&field, "permit-err-doc-returned"),
            _ => {}
        }
    }
    Ok(())
}

/// The due date of `state` entered today, from the service's completion time.
async fn due_on(
    st: &AppState,
    ps: &PermitService,
    state: &str,
) -> Result<(chrono::NaiveDate, Option<chrono::NaiveDate>), StoreError> {
    let cal = balai_store::calendar::work_calendar(&st.db, None).await?;
    let today = cal.today(st.clock.as_ref());
    let due = ps
        .workflow
        .state(state)
        .and_then(|s| state_due(s.sla, ps.standard.completion_time, &cal, today))
        .map(|d| d.date);
    Ok((today, due))
}

async fn file(
    page: &PageCtx,
    st: &AppState,
    s: &SignedIn,
    ps: &PermitService,
    app: &ApplicationRow,
    form: &SubmitForm,
) -> Result<(), Refusal> {
    let values = app.values()?;
    let mut errs = match ps.settings.form.parse(&values, true) {
        Ok(_) => FieldErrors::new(),
        Err(e) => e,
    };
    document_problems(page, st, ps, app, &mut errs).await?;
    if form.declaration != "true" {
        errs.add("declaration", "permit-err-declaration");
    }
    if !errs.is_empty() {
        return Err(Refusal::Fields(errs));
    }
    let initial = ps.workflow.initial.clone();
    let (today, due) = due_on(st, ps, &initial).await?;
    let pin = format!("{:06}", rand::thread_rng().gen_range(0..1_000_000));
    let sub = Submission {
        id: app.id,
        expected_version: app.version,
        idempotency_key: None,
        number_pattern: ps.settings.number_pattern.clone(),
        number_date: today,
        initial_state: initial,
        due_on: due,
        tracking_pin: pin,
        submitted_at: st.clock.now(),
        back_capture_reason: None,
    };
    let ctx = super::apply::audit_ctx(st, s);
    let service = ps.svc.code.clone();
    st.db
        .batcher()
        .run(move |tx| {
            async move {
                let out = store::submit(tx, &ctx, sub).await?;
                if !out.replay {
                    let data = serde_json::json!({
                        "registration_number": out.row.registration_number,
                        "service": service,
                        "state": out.row.state,
                        "channel": out.row.channel,
                    });
                    let id = out.row.id.to_string();
                    balai_store::webhooks::publish(tx, &ctx, "application.submitted", &id, data)
                        .await?;
                }
                Ok(out)
            }
            .boxed()
        })
        .await?;
    Ok(())
}

async fn resubmit(
    page: &PageCtx,
    st: &AppState,
    s: &SignedIn,
    ps: &PermitService,
    app: &ApplicationRow,
) -> Result<(), Refusal> {
    let state = app.state.clone().unwrap_or_default();
    let action = ps
        .workflow
        .check(&state, "resubmit", Performer::Applicant, &app.facts())
        .map_err(AppError::from)?
        .clone();
    let mut errs = FieldErrors::new();
    document_problems(page, st, ps, app, &mut errs).await?;
    if !errs.is_empty() {
        return Err(Refusal::Fields(errs));
    }
    let (_, due) = due_on(st, ps, &action.to).await?;
    let ctx = super::apply::audit_ctx(st, s);
    let mut tx = st.db.begin().await?;
    store::act(
        &mut tx,
        &ctx,
        Transition {
            id: app.id,
            expected_version: app.version,
            action: action.code,
            from_state: state,
            to_state: action.to,
            outcome: None,
            due_on: due,
            at: ctx.at,
            comment: None,
            public: true,
            data: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
